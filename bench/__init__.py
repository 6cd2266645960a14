"""Quality and speed benchmarks for the Syndiff engine.

Run ``python bench/quality.py`` and ``python bench/speed.py`` from the repository root;
see ``bench/README.md`` for what each figure means. The public gold data is read in place
from ``../shared/eval`` (or ``$SYNDIFF_EVAL_DIR``) and never copied into the project.
"""
