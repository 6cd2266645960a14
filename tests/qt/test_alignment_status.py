"""AlignmentStatus and cancelling: the Cancel button and Escape, Close All and closing the
window during an alignment, and a status bar that always says what is true."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop.engine.align.corpus import align_corpus
from desktop.engine.load.articles import load_article
from desktop.engine.model import Article, Cancelled
from desktop.qt.alignment_status import ALIGNING, CANCELLED_NOTHING
from desktop.qt.compare_tab import NOT_ALIGNED
from desktop.qt.main_window import MainWindow
from tests.qt.helpers import activate, show_widget

CHECK_S = 0.005  # the slowed engine checks its cancel token this often


class SlowEngine:
    """An ``align_corpus`` that takes as long as the test wants, checking ``cancelled``.

    ``blind`` makes it ignore the token, like a step of the engine that cannot be left
    early, until the test releases it.
    """

    def __init__(self, *, blind: bool = False) -> None:
        self.blind = blind
        self.started = threading.Event()
        self.release = threading.Event()
        self.stopped_at: float | None = None

    def __call__(self, articles, settings, *, progress, cancelled):
        self.started.set()
        while not self.release.wait(CHECK_S):
            if not self.blind and cancelled():
                self.stopped_at = time.monotonic()
                raise Cancelled
            progress(0.3)
        return align_corpus(articles, settings)


@pytest.fixture
def slow() -> Iterator[SlowEngine]:
    engine = SlowEngine()
    yield engine
    engine.release.set()


@pytest.fixture
def seed_articles(seed_paths: list[Path]) -> list[Article]:
    return [load_article(p) for p in seed_paths[:3]]


def _window(qtbot, settings: QSettings, engine: SlowEngine) -> MainWindow:
    window = MainWindow(settings, align=engine, load_model=None)
    show_widget(qtbot, window, 1200, 800)
    return window


def _aligning(qtbot, window: MainWindow, engine: SlowEngine, articles: list[Article]) -> None:
    window.session.add_articles(articles)
    qtbot.waitUntil(engine.started.is_set, timeout=5000)  # after the coalescing timer
    qtbot.waitUntil(window.alignment_status.cancel_button.isVisible, timeout=2000)


def test_cancel_stops_the_job_within_100_ms_and_the_status_says_so(
    qtbot, window_settings: QSettings, slow: SlowEngine, seed_articles: list[Article]
) -> None:
    window = _window(qtbot, window_settings, slow)
    _aligning(qtbot, window, slow, seed_articles)
    status = window.alignment_status
    assert window.statusBar().currentMessage() == ALIGNING and status.progress.isVisible()
    finished: list[object] = []
    window.session.alignment_finished.connect(lambda *args: finished.append(args))

    clicked = time.monotonic()
    qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: slow.stopped_at is not None, timeout=1000)
    assert slow.stopped_at is not None and slow.stopped_at - clicked < 0.1
    assert not status.progress.isVisible() and not status.cancel_button.isVisible()
    assert window.statusBar().currentMessage() == CANCELLED_NOTHING
    assert window.compare_tab.summary.text() == NOT_ALIGNED
    assert not window.session.is_busy() and window.menu_actions.realign.isEnabled()
    qtbot.wait(100)
    assert finished == [], "a cancelled job never puts a result in force"

    slow.release.set()  # the next job runs straight through
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        window.menu_actions.realign.trigger()
    assert window.statusBar().currentMessage().startswith("Aligned 3 articles")
    assert window.compare_tab.summary.text() != NOT_ALIGNED


def test_escape_cancels_the_alignment(
    qtbot, window_settings: QSettings, slow: SlowEngine, seed_articles: list[Article]
) -> None:
    window = _window(qtbot, window_settings, slow)
    activate(qtbot, window)
    _aligning(qtbot, window, slow, seed_articles)
    qtbot.keyClick(window.library.view(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: slow.stopped_at is not None, timeout=1000)
    assert not window.session.is_busy()
    assert not window.menu_actions.cancel_alignment.isEnabled(), "Escape is free again"


def test_escape_in_the_find_bar_closes_the_bar_not_the_alignment(
    qtbot, window_settings: QSettings, slow: SlowEngine, seed_articles: list[Article]
) -> None:
    window = _window(qtbot, window_settings, slow)
    activate(qtbot, window)
    _aligning(qtbot, window, slow, seed_articles)
    window.compare_tab.open_find()
    qtbot.keyClick(window.compare_tab.find_bar.edit, Qt.Key.Key_Escape)
    assert window.compare_tab.find_bar.isHidden()
    assert window.session.is_busy()


def test_close_all_during_an_alignment_leaves_nothing_saying_aligning(
    qtbot, window_settings: QSettings, slow: SlowEngine, seed_articles: list[Article]
) -> None:
    window = _window(qtbot, window_settings, slow)
    _aligning(qtbot, window, slow, seed_articles)
    window.menu_actions.close_all.trigger()
    qtbot.waitUntil(lambda: slow.stopped_at is not None, timeout=1000)
    assert window.compare_tab.currentWidget() is window.compare_tab.welcome
    assert "Aligning" not in window.statusBar().currentMessage()
    assert not window.alignment_status.progress.isVisible()
    assert not window.alignment_status.cancel_button.isVisible()


def test_closing_during_a_step_that_cannot_be_interrupted_returns_at_once(
    qtbot, window_settings: QSettings, seed_articles: list[Article], capfd
) -> None:
    blind = SlowEngine(blind=True)
    try:
        window = _window(qtbot, window_settings, blind)
        _aligning(qtbot, window, blind, seed_articles)
        began = time.monotonic()
        window.close()
        assert time.monotonic() - began < 0.5, "closing does not wait for the engine's step"
    finally:
        blind.release.set()
    # The job ends now (it still finishes aligning the seeds): detached, it must not reach
    # the closed window.
    qtbot.waitUntil(lambda: window.session.scheduler.running() == 0, timeout=5000)
    assert capfd.readouterr().err == ""


def test_escape_in_the_outlet_editor_ends_the_edit_not_the_alignment(
    qtbot, window_settings: QSettings, slow: SlowEngine, seed_articles: list[Article]
) -> None:
    window = _window(qtbot, window_settings, slow)
    activate(qtbot, window)
    _aligning(qtbot, window, slow, seed_articles)
    view = window.library.view()
    window.library.edit_outlet(seed_articles[0].id)
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState, timeout=1000)
    editor = view.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert view.state() != view.State.EditingState
    assert window.session.is_busy()


def test_the_article_list_does_not_say_in_progress_after_a_cancel(
    qtbot, window_settings: QSettings, slow: SlowEngine, seed_articles: list[Article]
) -> None:
    from desktop.qt.article_model import ArticleModel

    window = _window(qtbot, window_settings, slow)
    _aligning(qtbot, window, slow, seed_articles)
    model = window.article_model
    assert model.index(0, ArticleModel.WORDS).data() == "…"
    window.session.cancel_alignment()
    assert model.index(0, ArticleModel.WORDS).data() == "—"
    window.session.realign()
    assert model.index(0, ArticleModel.WORDS).data() == "…"
