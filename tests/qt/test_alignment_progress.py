"""What the window says while it aligns: the model-loading step, no premature counts."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool

from desktop.engine.align import embeddings
from desktop.engine.align.corpus import align_corpus
from desktop.engine.load.articles import article_from_text
from desktop.engine.model import CorpusAlignment, Settings
from desktop.qt.main_window import MainWindow
from desktop.qt.workers import MODEL_LOADING, AlignScheduler, AlignWorker, load_embedding_model


def _articles(seed_paths: list[Path], n: int = 2):
    return [article_from_text(p.read_text("utf-8"), article_id=p.stem) for p in seed_paths[:n]]


@pytest.fixture
def no_model_loaded() -> Iterator[None]:
    """The engine has not tried to load the embedding model yet (and forgets it afterwards)."""
    embeddings.reset()
    yield
    embeddings.reset()


def test_the_model_is_loaded_once_and_announced_before(monkeypatch, no_model_loaded) -> None:
    loads: list[int] = []

    def load_model() -> object:
        loads.append(1)
        raise ImportError("no model in this test")  # the engine records the outcome either way

    monkeypatch.setattr(embeddings, "installed", lambda: True)
    monkeypatch.setattr(embeddings, "_load_model", load_model)
    said: list[str] = []

    load_embedding_model(Settings(use_embeddings=False), said.append)
    assert said == [] and loads == [], "an alignment without embeddings loads nothing"
    load_embedding_model(Settings(use_embeddings=True), said.append)
    assert said == [MODEL_LOADING] and loads == [1]
    load_embedding_model(Settings(use_embeddings=True), said.append)
    assert said == [MODEL_LOADING] and loads == [1], "loaded once per process, announced once"


def test_a_model_the_engine_loaded_already_is_not_announced(monkeypatch, no_model_loaded) -> None:
    monkeypatch.setattr(embeddings, "installed", lambda: True)
    monkeypatch.setattr(embeddings, "_load_model", lambda: object())
    embeddings.load_encoder()  # as an alignment in the engine would
    said: list[str] = []
    load_embedding_model(Settings(use_embeddings=True), said.append)
    assert said == []


def test_without_the_extra_nothing_is_announced(monkeypatch, no_model_loaded) -> None:
    monkeypatch.setattr(embeddings, "installed", lambda: False)
    said: list[str] = []
    load_embedding_model(Settings(use_embeddings=True), said.append)
    assert said == []


def test_the_worker_reports_the_loading_step_before_aligning(qtbot) -> None:
    events: list[str] = []

    def loader(settings: Settings, announce) -> None:
        announce("Loading something slow")
        events.append("loaded")

    def align(articles, settings, *, progress, cancelled):
        events.append("aligned")
        return CorpusAlignment(tuple(articles), settings, ())

    articles = [article_from_text("Only one article here.", article_id="a")]
    worker = AlignWorker(4, articles, Settings(), align, loader)
    phases: list[tuple[int, str]] = []
    worker.signals.phase_changed.connect(lambda g, p: phases.append((g, p)))
    with qtbot.waitSignal(worker.signals.finished, timeout=5000):
        QThreadPool.globalInstance().start(worker)
    assert events == ["loaded", "aligned"]
    assert phases == [(4, "Loading something slow"), (4, "")], "the step is announced, then over"


def test_a_job_cancelled_while_loading_does_not_align(qtbot) -> None:
    aligned: list[int] = []
    worker: AlignWorker

    def loader(settings: Settings, announce) -> None:
        worker.cancel()  # the user changed something while the model loaded

    def align(articles, settings, *, progress, cancelled):
        aligned.append(1)
        return CorpusAlignment(tuple(articles), settings, ())

    worker = AlignWorker(1, [article_from_text("Text.", article_id="a")], Settings(), align, loader)
    with qtbot.waitSignal(worker.signals.cancelled, timeout=5000):
        QThreadPool.globalInstance().start(worker)
    assert aligned == []


def test_the_scheduler_forwards_phases_of_the_newest_job_only(qtbot) -> None:
    def loader(settings: Settings, announce) -> None:
        announce(f"step for {settings.min_words}")

    def align(articles, settings, *, progress, cancelled):
        return CorpusAlignment(tuple(articles), settings, ())

    scheduler = AlignScheduler(align=align, load_model=loader, delay_ms=10)
    phases: list[str] = []
    scheduler.phase_changed.connect(phases.append)
    articles = [article_from_text("Text.", article_id="a")]
    with qtbot.waitSignal(scheduler.finished, timeout=5000):
        scheduler.run_now(articles, Settings(min_words=7))
    assert phases == ["step for 7", ""]


@pytest.fixture
def blocked_loader():
    """A model loader that holds the job until the test releases it."""
    release = threading.Event()
    started = threading.Event()

    def loader(settings: Settings, announce) -> None:
        announce(MODEL_LOADING)
        started.set()
        release.wait(5)

    yield loader, started, release
    release.set()


def test_the_window_says_it_is_loading_the_model(
    qtbot, window_settings: QSettings, seed_paths: list[Path], blocked_loader
) -> None:
    loader, started, release = blocked_loader
    window = MainWindow(window_settings, load_model=loader)
    qtbot.addWidget(window)
    window.show()
    window.session.add_articles(_articles(seed_paths))
    qtbot.waitUntil(started.is_set, timeout=5000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == MODEL_LOADING, timeout=2000)
    assert window.progress.isVisible()
    assert window.progress.maximum() == 0, "no fraction to show: the bar runs as busy"
    # While the pair is being aligned there is no passage count to give yet.
    assert window.passage_label.text() == "" and window.passage_label.isHidden()
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        release.set()
    assert window.progress.maximum() == 100 and window.progress.isHidden()
    assert window.statusBar().currentMessage().startswith("Aligned 2 articles")
    assert window.passage_label.text().startswith(("Passage", "No shared passages"))


def test_without_a_slow_step_the_status_only_says_aligning(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    messages: list[str] = []
    release = threading.Event()

    def align(articles, settings, *, progress, cancelled):
        release.wait(5)
        return align_corpus(articles, settings)

    window = MainWindow(window_settings, align=align, load_model=None)
    qtbot.addWidget(window)
    window.statusBar().messageChanged.connect(messages.append)
    window.session.add_articles(_articles(seed_paths))
    qtbot.waitUntil(
        lambda: window.session.scheduler.is_busy() and window.progress.maximum() == 100, timeout=2000
    )
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        release.set()
    assert MODEL_LOADING not in messages
