"""Test set-up shared by every layer."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def widgets_live_until_teardown(request: pytest.FixtureRequest) -> Iterator[None]:
    """Keep every widget given to ``qtbot.addWidget`` alive until pytest-qt has closed it.

    pytest-qt holds those widgets by weak reference only, and it processes events right
    after the test function returns. A widget whose last strong references are a test's
    locals is then kept only by reference cycles (signal connections, parent links), and a
    garbage collection that runs during that event processing, say inside a delegate's
    paint, destroys the window in the middle of painting it: a crash.
    """
    if "qtbot" not in request.fixturenames:
        yield
        return
    qtbot = request.getfixturevalue("qtbot")
    kept: list[object] = []
    add_widget = qtbot.addWidget

    def keep_and_add(widget, *, before_close_func=None) -> None:  # noqa: ANN001 - pytest-qt's signature
        kept.append(widget)
        add_widget(widget, before_close_func=before_close_func)

    qtbot.addWidget = qtbot.add_widget = keep_and_add
    yield
    kept.clear()  # pytest-qt closed them in its teardown hook, before fixtures are finalised


@pytest.fixture(scope="module")
def corpus_files(seed_paths: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The samples and five articles mixing their paragraphs (:mod:`tests.mixed_corpus`)."""
    from tests.mixed_corpus import mixed_corpus

    return mixed_corpus(seed_paths, tmp_path_factory.mktemp("corpus"))
