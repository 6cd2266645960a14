"""Background alignment: AlignWorker signals, cancellation and the model-loading step; the
scheduler's coalescing, generations and shutdown.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool

from desktop.engine.align import embeddings
from desktop.engine.load.articles import article_from_text
from desktop.engine.model import Cancelled, CorpusAlignment, Settings
from desktop.qt.workers import (
    MODEL_LOADING,
    SWITCH_INTERVAL_S,
    AlignScheduler,
    AlignWorker,
    load_embedding_model,
)


@pytest.fixture
def no_model_loaded() -> Iterator[None]:
    """The engine has not tried to load the embedding model yet (and forgets it afterwards)."""
    embeddings.reset()
    yield
    embeddings.reset()


TEXT_A = "The minister said the new rules would take effect next year across the whole country."

TEXT_B = "The new rules would take effect next year across the whole country, the minister said."


@pytest.fixture
def two_articles():
    return [
        article_from_text(TEXT_A, title="A", outlet="Wire", article_id="a"),
        article_from_text(TEXT_B, title="B", outlet="Paper", article_id="b"),
    ]


def fake_result(articles, settings) -> CorpusAlignment:
    return CorpusAlignment(tuple(articles), settings, ())


def test_worker_emits_finished_with_its_generation(qtbot, two_articles) -> None:
    worker = AlignWorker(7, two_articles, Settings())
    progress: list[float] = []
    worker.signals.progressed.connect(lambda g, f: progress.append(f))
    with qtbot.waitSignal(worker.signals.finished, timeout=5000) as blocker:
        QThreadPool.globalInstance().start(worker)
    generation, result = blocker.args
    assert generation == 7
    assert isinstance(result, CorpusAlignment)
    assert [a.id for a in result.articles] == ["a", "b"]
    assert result.pairs and result.pairs[0].passages, "the two sentences are the same passage"
    qtbot.waitUntil(lambda: progress and progress[-1] == 1.0)


def test_worker_stops_when_cancelled(qtbot, two_articles) -> None:
    started = threading.Event()

    def slow(articles, settings, *, progress, cancelled):
        started.set()
        for _ in range(500):
            if cancelled():
                raise Cancelled
            time.sleep(0.01)
        return fake_result(articles, settings)

    worker = AlignWorker(1, two_articles, Settings(), slow)
    finished: list[int] = []
    worker.signals.finished.connect(lambda g, r: finished.append(g))
    with qtbot.waitSignal(worker.signals.cancelled, timeout=5000) as blocker:
        QThreadPool.globalInstance().start(worker)
        assert started.wait(5)
        worker.cancel()
    assert blocker.args == [1]
    assert finished == []


def test_worker_reports_engine_failure_as_message(qtbot, two_articles) -> None:
    def broken(articles, settings, *, progress, cancelled):
        raise ValueError("bad span")

    worker = AlignWorker(3, two_articles, Settings(), broken)
    with qtbot.waitSignal(worker.signals.failed, timeout=5000) as blocker:
        QThreadPool.globalInstance().start(worker)
    assert blocker.args[0] == 3
    assert "bad span" in blocker.args[1]


def test_scheduler_coalesces_rapid_requests_into_one_job(qtbot, two_articles) -> None:
    calls: list[Settings] = []

    def record(articles, settings, *, progress, cancelled):
        calls.append(settings)
        return fake_result(articles, settings)

    scheduler = AlignScheduler(align=record, delay_ms=50)
    started: list[int] = []
    scheduler.started.connect(started.append)
    with qtbot.waitSignal(scheduler.finished, timeout=5000) as blocker:
        for words in (3, 4, 5, 6):
            scheduler.request(two_articles, Settings(min_words=words))
    assert started == [1]
    assert [s.min_words for s in calls] == [6]
    assert blocker.args[1].settings.min_words == 6
    assert not scheduler.is_busy()


def test_scheduler_cancels_older_jobs_and_says_which_result_is_newest(qtbot, two_articles) -> None:
    """Every job that finishes reports with its generation; only the newest is wanted.

    Dropping the others is the session's work (tests/qt/test_session.py).
    """
    release = threading.Event()
    first_running = threading.Event()
    cancel_seen: list[bool] = []

    def align(articles, settings, *, progress, cancelled):
        if settings.min_words == 1:  # the first, slow job: finishes even though it is told to stop
            first_running.set()
            release.wait(5)
            cancel_seen.append(cancelled())
        return fake_result(articles, settings)

    scheduler = AlignScheduler(align=align, delay_ms=1000)
    reported: list[tuple[int, int, bool]] = []
    scheduler.finished.connect(
        lambda g, r: reported.append((g, r.settings.min_words, scheduler.is_newest(g)))
    )
    first = scheduler.run_now(two_articles, Settings(min_words=1))
    assert first_running.wait(5)
    assert scheduler.is_newest(first)
    scheduler.request(two_articles, Settings(min_words=2))  # waits for the coalescing timer
    assert not scheduler.is_newest(first), "a waiting request makes the running job stale"
    release.set()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)  # the first job's result arrives before the timer fires
    assert reported == [(first, 1, False)]
    assert cancel_seen == [True], "the newer request asked the older job to stop"
    assert scheduler.is_busy(), "still busy: the newer request has not been answered"
    qtbot.waitUntil(lambda: len(reported) == 2, timeout=5000)
    second = first + 1
    assert reported[1] == (second, 2, True)
    assert scheduler.generation == second and not scheduler.is_busy()
    # Once a newer job has started, an older generation is not the newest either.
    third = scheduler.run_now(two_articles, Settings(min_words=3))
    assert not scheduler.is_newest(second) and scheduler.is_newest(third)
    qtbot.waitUntil(lambda: len(reported) == 3, timeout=5000)


def test_scheduler_shutdown_cancels_running_job(qtbot, two_articles) -> None:
    def slow(articles, settings, *, progress, cancelled):
        while not cancelled():
            time.sleep(0.005)
        raise Cancelled

    scheduler = AlignScheduler(align=slow)
    finished: list[int] = []
    scheduler.finished.connect(lambda g, r: finished.append(g))
    scheduler.run_now(two_articles, Settings())
    assert scheduler.is_busy()
    assert scheduler.shutdown(3000)
    assert not scheduler.is_busy()
    assert finished == []


def test_the_model_is_loaded_once_and_announced_before(monkeypatch, no_model_loaded) -> None:
    loads: list[int] = []

    def load_model() -> object:
        loads.append(1)
        raise ImportError("no model in this test")  # the engine records the outcome either way

    import desktop.engine.align.minilm as minilm

    monkeypatch.setattr(embeddings, "installed", lambda: True)
    monkeypatch.setattr(minilm, "MiniLM", load_model)
    said: list[str] = []

    load_embedding_model(Settings(use_embeddings=False), said.append)
    assert said == [] and loads == [], "an alignment without embeddings loads nothing"
    load_embedding_model(Settings(use_embeddings=True), said.append)
    assert said == [MODEL_LOADING] and loads == [1]
    load_embedding_model(Settings(use_embeddings=True), said.append)
    assert said == [MODEL_LOADING] and loads == [1], "loaded once per process, announced once"


def test_a_model_the_engine_loaded_already_is_not_announced(monkeypatch, no_model_loaded) -> None:
    import desktop.engine.align.minilm as minilm

    monkeypatch.setattr(embeddings, "installed", lambda: True)
    monkeypatch.setattr(minilm, "MiniLM", lambda: object())
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


def test_the_job_types_changes_and_checks_quotes_off_the_gui_thread(qtbot, two_articles) -> None:
    """The views only read ``passage.changes`` and the quote check: the job computes both,
    reporting the quote check just before the alignment, with the same generation."""
    scheduler = AlignScheduler(delay_ms=10)
    order: list[tuple[str, int]] = []
    checked: list[tuple] = []
    scheduler.quotes_checked.connect(lambda g, q: (order.append(("quotes", g)), checked.append(q)))
    with qtbot.waitSignal(scheduler.finished, timeout=10000) as blocker:
        scheduler.finished.connect(lambda g, r: order.append(("alignment", g)))
        scheduler.request(two_articles, Settings())
    generation, result = blocker.args
    assert order == [("quotes", generation), ("alignment", generation)]
    passages = [p for pair in result.pairs for p in pair.passages]
    assert passages and all(p.changes is not None for p in passages)
    assert checked == [()], "neither article quotes anyone"


def test_progress_is_thinned_to_a_steady_rate_and_never_lags_a_percent(qtbot, two_articles) -> None:
    """The engine may report thousands of fractions a second; each report is an event for
    the GUI thread. The job passes on a report every PROGRESS_INTERVAL_S, or when the bar
    moves by a percent, always in order and always ending at 1.0."""
    from desktop.qt.workers import ALIGN_SHARE, PROGRESS_INTERVAL_S

    def chatty(articles, settings, *, progress, cancelled):
        for k in range(1, 20001):
            progress(k / 20000)
        return fake_result(articles, settings)

    worker = AlignWorker(1, two_articles, Settings(), chatty)
    reports: list[float] = []
    worker.signals.progressed.connect(lambda g, f: reports.append(f))
    started = time.perf_counter()
    with qtbot.waitSignal(worker.signals.finished, timeout=10000):
        QThreadPool.globalInstance().start(worker)
    qtbot.waitUntil(lambda: bool(reports) and reports[-1] == 1.0)
    elapsed = time.perf_counter() - started
    assert reports == sorted(reports)
    assert len(reports) <= elapsed / PROGRESS_INTERVAL_S + 100 + 2, "thinned, not one per call"
    steps = [b - a for a, b in zip([0.0, *reports], reports, strict=False) if b <= ALIGN_SHARE]
    assert len(steps) >= 80, "the alignment's share moves in steps of a percent or less"
    assert max(steps) < 0.01 + ALIGN_SHARE / 20000 + 1e-9, "never more than a percent behind"


def test_a_large_set_aligns_on_worker_processes_with_the_same_result(monkeypatch) -> None:
    from desktop.engine.align.changes import corpus_with_changes
    from desktop.engine.align.corpus import align_corpus
    from desktop.engine.load.articles import load_articles
    from desktop.paths import seed_files
    from desktop.qt import workers

    articles, errors = load_articles([str(f) for f in seed_files()])
    assert articles and not errors
    used: list[object] = []
    real = workers.Processes

    def spy(*args, **kwargs):
        used.append(real(*args, **kwargs))
        return used[-1]

    monkeypatch.setattr(workers, "Processes", spy)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    settings = Settings(use_embeddings=False)
    monkeypatch.setattr(workers, "PROCESSES_MIN", len(articles) + 1)
    alone = workers.align_in_background(articles, settings)
    assert used == []  # a small set stays in this process
    monkeypatch.setattr(workers, "PROCESSES_MIN", len(articles))
    pooled = workers.align_in_background(articles, settings)
    assert len(used) == 1 and used[0].workers == 2
    expected = corpus_with_changes(align_corpus(articles, settings))
    assert pooled == expected
    assert corpus_with_changes(alone) == expected
    assert all(p.changes is not None for pair in pooled.pairs for p in pair.passages)


def test_a_large_set_on_one_core_stays_in_this_process(monkeypatch) -> None:
    from desktop.qt import workers

    made: list[object] = []
    monkeypatch.setattr(workers, "Processes", lambda *a, **k: made.append(a) or None)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 1)
    monkeypatch.setattr(workers, "PROCESSES_MIN", 2)
    texts = ["One sentence about harbours and ships in the bay today.", "Another on ships and harbours."]
    articles = [article_from_text(t, article_id=f"x{k}") for k, t in enumerate(texts)]
    workers.align_in_background(articles, Settings(use_embeddings=False))
    assert made == []


def test_a_job_on_worker_processes_stops_when_cancelled(qtbot, monkeypatch) -> None:
    from desktop.qt import workers
    from tests.qt.large_set import large_set

    articles = large_set(40)
    monkeypatch.setattr(workers, "PROCESSES_MIN", 2)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    worker = AlignWorker(5, articles, Settings(use_embeddings=False), workers.align_in_background, None)
    progress: list[float] = []
    finished: list[int] = []
    worker.signals.progressed.connect(lambda g, f: progress.append(f))
    worker.signals.finished.connect(lambda g, r: finished.append(g))
    with qtbot.waitSignal(worker.signals.cancelled, timeout=30_000) as blocker:
        QThreadPool.globalInstance().start(worker)
        qtbot.waitUntil(lambda: bool(progress), timeout=20_000)  # under way
        worker.cancel()
    assert blocker.args == [5]
    assert finished == []
    qtbot.waitUntil(worker.is_done, timeout=10_000)


def test_no_garbage_collection_runs_while_a_job_aligns(qtbot, two_articles) -> None:
    """Full collections over a large job's objects held the interpreter lock for up to
    120 ms each, and the GUI thread with it; the collector waits until the job is over."""
    seen: list[bool] = []

    def align(articles, settings, progress, cancelled):
        seen.append(gc.isenabled())
        return fake_result(articles, settings)

    assert gc.isenabled()
    worker = AlignWorker(1, two_articles, Settings(), align)
    with qtbot.waitSignal(worker.signals.finished, timeout=5000):
        QThreadPool.globalInstance().start(worker)
    qtbot.waitUntil(worker.is_done)
    assert seen == [False]
    assert gc.isenabled()


def test_a_job_leaves_its_result_frozen_for_the_collector(qtbot, two_articles) -> None:
    """Thawed, a 500-article result waited for the collector's next full collection: one
    walk over some 800,000 objects, 0.6 s of the GUI thread at some later moment."""
    gc.unfreeze()
    worker = AlignWorker(1, two_articles, Settings())
    try:
        with qtbot.waitSignal(worker.signals.finished, timeout=5000) as blocker:
            QThreadPool.globalInstance().start(worker)
        qtbot.waitUntil(worker.is_done)
        result = blocker.args[1]
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        assert id(result) not in {id(o) for o in gc.get_objects()}
    finally:
        gc.unfreeze()


def test_a_scheduler_hands_the_gui_thread_the_interpreter_lock_sooner(qtbot) -> None:
    default = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        scheduler = AlignScheduler()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S, rel=0.05)
        sys.setswitchinterval(0.0001)
        AlignScheduler(scheduler)
        kept = sys.getswitchinterval()
        assert kept == pytest.approx(0.0001, rel=0.05), "a shorter interval set by the host stays"
    finally:
        sys.setswitchinterval(default)
