"""The window never shows an alignment of articles that are no longer open."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings, QThreadPool

from desktop.engine.align.corpus import align_corpus
from desktop.engine.load.articles import load_article
from desktop.engine.model import CorpusAlignment
from desktop.qt.main_window import MainWindow


def test_a_job_finishing_after_an_article_is_removed_is_not_shown(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    gate = threading.Event()
    running = threading.Event()

    def align(articles, settings, **kw):
        running.set()
        gate.wait(5)
        return align_corpus(articles, settings, **kw)

    window = MainWindow(window_settings, align=align, load_model=None)
    qtbot.addWidget(window)
    window.add_articles([load_article(p) for p in seed_paths[:3]])
    qtbot.waitUntil(running.is_set, timeout=5000)  # the first job is under way
    victim = window.articles.articles()[2].id
    window.remove_articles([victim])  # the new request waits for the coalescing timer
    gate.set()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(30)  # the first job's result arrives before the timer fires
    assert window.corpus() is None
    assert victim not in window.matrix.article_ids()
    with qtbot.waitSignal(window.alignment_finished, timeout=10000):
        pass
    assert window.matrix.article_ids() == [a.id for a in window.articles.articles()]
    assert window.is_current()


def test_a_result_for_other_articles_is_ignored(aligned_window: MainWindow) -> None:
    window = aligned_window
    shown = window.corpus()
    other = align_corpus(list(shown.articles[:2]), shown.settings)
    window._on_scheduler_finished(window.scheduler.generation, other)
    assert isinstance(window.corpus(), CorpusAlignment)
    assert [a.id for a in window.corpus().articles] == [a.id for a in shown.articles]
