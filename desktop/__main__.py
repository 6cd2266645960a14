"""``python -m desktop``: start the Syndiff window."""

import sys

from desktop.app import main

sys.exit(main())
