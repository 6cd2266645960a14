"""Where Syndiff finds the files it ships with, in a checkout or an installed copy.

``pyproject.toml`` installs the sample articles to ``<prefix>/share/syndiff/seeds``;
in a source checkout they sit in ``seeds/`` beside the ``desktop`` package.
"""

from __future__ import annotations

import sys
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parents[1]


def _candidates(name: str) -> list[Path]:
    return [_CHECKOUT_ROOT / name, Path(sys.prefix) / "share" / "syndiff" / name]


def seeds_dir() -> Path | None:
    """The folder of sample articles, or None when neither location holds any."""
    for folder in _candidates("seeds"):
        if folder.is_dir() and any(folder.glob("*.txt")):
            return folder
    return None


def seed_files() -> list[Path]:
    """The sample articles, sorted by name (empty when none are installed)."""
    folder = seeds_dir()
    return sorted(folder.glob("*.txt")) if folder else []
