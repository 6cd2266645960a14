"""Test set-up shared by every layer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt runs without a screen unless a developer asks for a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5, "the five sample articles ship in seeds/"
    return paths
