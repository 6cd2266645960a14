"""Fixtures shared by the Qt tests: sample pairs, compare views, the window, and guards."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox

from desktop.engine.align.pair import align_pair
from desktop.engine.load.articles import article_from_text, load_article
from desktop.engine.model import Article, DiffOp, Kind, Op, PairAlignment, Passage
from tests.qt.helpers import show_widget, wait_for_overview

Pair = tuple[Article, Article, PairAlignment]


@pytest.fixture(scope="session")
def seed_pair(seed_paths: list[Path]) -> tuple[Article, Article, PairAlignment]:
    """Sample articles 001 and 002 with their alignment (they share reordered passages)."""
    a = load_article(seed_paths[1])
    b = load_article(seed_paths[2])
    return a, b, align_pair(a, b)


@pytest.fixture
def make_compare_view(qtbot):
    """Build shown CompareViews: ``make_compare_view(pair, height)`` for a 900-wide view of ``pair``."""
    from desktop.qt.widgets.compare import CompareView

    def make(pair: tuple[Article, Article, PairAlignment], height: int) -> CompareView:
        view = CompareView()
        show_widget(qtbot, view, 900, height)
        view.set_pair(*pair)
        return view

    return make


@pytest.fixture
def compare_view(make_compare_view, seed_pair: tuple[Article, Article, PairAlignment]):
    """A CompareView showing the seed pair, small enough that both panes must scroll."""
    return make_compare_view(seed_pair, 420)


# --------------------------------------------------------------------------- main window

JOB_GRACE_MS = 3000


@pytest.fixture(autouse=True)
def no_leftover_jobs() -> Iterator[None]:
    """Fail a test that leaves background jobs running in the global thread pool."""
    yield
    pool = QThreadPool.globalInstance()
    pool.waitForDone(JOB_GRACE_MS)
    if pool.activeThreadCount():
        pytest.fail(f"{pool.activeThreadCount()} background jobs still running after the test")


@pytest.fixture(autouse=True)
def process_state_restored() -> Iterator[None]:
    """What a window's jobs change for the whole process is put back after each test: the
    objects a job left frozen for the collector, and the interpreter's switch interval."""
    interval = sys.getswitchinterval()
    yield
    gc.unfreeze()
    sys.setswitchinterval(interval)


@pytest.fixture(autouse=True)
def unsaved_changes_are_discarded(monkeypatch) -> None:
    """Closing a window with unsaved changes discards them instead of asking (a modal
    question would block the test); tests of the question replace this answer."""
    from desktop.qt.workspace_commands import Answer, WorkspaceCommands

    monkeypatch.setattr(WorkspaceCommands, "ask_save", lambda self: Answer.DISCARD)


@pytest.fixture
def window_settings(tmp_path: Path) -> QSettings:
    """A QSettings file of the test's own, so tests never touch the user's settings."""
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def main_window(qtbot, window_settings: QSettings):
    """An empty, shown MainWindow (closed, and its jobs cancelled, at teardown)."""
    from desktop.qt.main_window import MainWindow

    window = MainWindow(window_settings)
    show_widget(qtbot, window, 1300, 850)
    return window


@pytest.fixture
def warnings(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes the window shows, recorded instead of blocking the test."""
    shown: list[tuple[str, str]] = []

    def record(_parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "information", record)
    return shown


@pytest.fixture
def aligned_window(qtbot, main_window, seed_paths: list[Path]):
    """The MainWindow with the sample articles open and aligned."""
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.open_paths(seed_paths)
    wait_for_overview(qtbot, main_window)
    return main_window


@pytest.fixture(scope="session")
def crossing_pair() -> tuple[Article, Article, PairAlignment]:
    """Two short articles sharing three paragraphs in opposite orders (crossing passages)."""
    from desktop.engine.load.articles import article_from_text

    p1 = (
        "The European Commission said on Tuesday that the new rules on artificial intelligence "
        "would apply from next year to every company."
    )
    p2 = (
        "Spotify chief executive Daniel Ek argued that fragmented regulation was holding back "
        "developers across the continent."
    )
    p3 = (
        "Meta will withhold its next multimodal model from customers in the European Union "
        "because regulators have not been clear."
    )
    a = article_from_text(
        f"First report\n\n{p1}\n\nOther coverage of the summit focused on energy prices.\n\n{p2}\n\n{p3}\n",
        article_id="cross-a",
    )
    b = article_from_text(
        f"Second report\n\n{p3.replace('withhold', 'hold back')}\n\n{p2}\n\n"
        f"A different paragraph about the weather.\n\n{p1.replace('Tuesday', 'Monday')}\n",
        article_id="cross-b",
    )
    return a, b, align_pair(a, b)


_KINDS = (Kind.VERBATIM, Kind.EDITED, Kind.PARAPHRASE)


def _paragraph(n: int) -> str:
    words = " ".join(f"word{n}x{k}" for k in range(8 + n % 13))
    return f"Paragraph {n} says {words}."


@pytest.fixture(scope="session")
def long_pair() -> Pair:
    """Sixty shared paragraphs; B moves every fifth one far away, so many bands cross."""
    count = 60
    paragraphs = [_paragraph(n) for n in range(count)]
    moved = [n for n in range(count) if n % 5 == 0]
    order_b = [n for n in range(count) if n % 5] + moved[::-1]
    text_a = "\n\n".join(paragraphs)
    text_b = "\n\n".join(paragraphs[n] for n in order_b)
    start_a, start_b, at = {}, {}, 0
    for n in range(count):
        start_a[n] = at
        at += len(paragraphs[n]) + 2
    at = 0
    for n in order_b:
        start_b[n] = at
        at += len(paragraphs[n]) + 2
    passages = []
    for n in range(count):
        a0, b0, length = start_a[n], start_b[n], len(paragraphs[n])
        word = paragraphs[n].index("word")
        diff = (DiffOp(Op.DELETE, a0 + word, a0 + word + 6, b0 + word, b0 + word),)
        passages.append(Passage(a0, a0 + length, b0, b0 + length, _KINDS[n % 3], 0.9, diff))
    a = article_from_text(text_a, article_id="long-a")
    b = article_from_text(text_b, article_id="long-b")
    return a, b, PairAlignment(a.id, b.id, tuple(passages))
