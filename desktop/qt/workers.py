"""Aligning the whole set of articles in the background.

The session asks :class:`AlignScheduler` for an alignment whenever the articles or the
settings change. Requests are coalesced with a short timer (dragging the sensitivity
slider fires dozens of changes), every job is stamped with a generation number, and a
newer request asks the older job to stop. Every result is passed on with its generation;
:meth:`AlignScheduler.is_newest` tells the session whether it is still wanted. The GUI
thread never waits for a job, except on shutdown.

Before its first alignment with sentence embeddings a job loads the optional model
(several seconds, once per process). It does so as a step of its own, announced with
``phase_changed``, so the window can say why the progress stands still.

Cancelling (a newer request, the user's Cancel, closing the window) sets the job's cancel
token, which the engine checks between units of work; the job then stops at its next
check. A job whose result can no longer matter (cancelled by the user, or still running
when the window closes) is *detached*: it never emits again, so nothing reaches a
receiver that may already be gone, and :meth:`AlignScheduler.shutdown` does not wait
longer than its grace period for a step of the engine that cannot be interrupted.

A large set (:data:`PROCESSES_MIN` articles or more) aligns its pairs on worker processes
(:func:`align_in_background`), one per core. No automatic garbage collection runs while a
job does (:func:`collector_paused`), and what the job leaves alive stays frozen for the
collector afterwards, so no later full collection walks a large result. The candidate
search, the families and the transfers to and from the workers still hold this process's
interpreter lock at times (GUI-thread gaps of up to about 0.15-0.2 s at 500 articles).

After the alignment the same job types every passage's changes
(:func:`~desktop.engine.align.changes.corpus_with_changes`) and runs the quote check
(:func:`~desktop.engine.align.quotes.quote_check`), so the views only render what they
read. The quote check is reported (``quotes_checked``) just before the alignment it
belongs to (``finished``), with the same generation.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, SignalInstance, Slot

from desktop.engine.align import embeddings
from desktop.engine.align.changes import corpus_with_changes
from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.quotes import quote_check
from desktop.engine.align.runners import Processes
from desktop.engine.collector import collector_paused
from desktop.engine.model import (
    Article,
    Cancelled,
    CorpusAlignment,
    Progress,
    Settings,
    never_cancelled,
    no_progress,
)

AlignFunction = Callable[..., CorpusAlignment]
"""``align_corpus``-compatible: (articles, settings, *, progress=, cancelled=)."""

ModelLoader = Callable[[Settings, Callable[[str], None]], None]
"""Runs on the job's thread before the alignment and loads what it will need; it calls
its second argument with a sentence for the user before a slow step."""

COALESCE_MS = 150
SHUTDOWN_GRACE_MS = 300
"""How long closing the window waits for running jobs to reach their next cancel check."""
ALIGN_SHARE = 0.8  # of a job's progress bar; typing changes and the quote check take the rest
CHANGES_SHARE = 0.17  # typing the changes, pair by pair; the quote check has the last 3%
PROGRESS_INTERVAL_S = 0.05
"""The least time between two progress reports of a job, unless the bar moves by a percent
or more (the last one, 1.0, always goes). The engine reports every unit of work, thousands
a second on a large set: each report is an event for the GUI thread, so they are thinned
to at most 20 a second (and 100 one-percent steps a job)."""
MODEL_LOADING = "Loading the sentence-embedding model (first alignment only)…"
PROCESSES_MIN = 60
"""From this many articles a job aligns its pairs on worker processes, one per core, so
every core works (500 articles: 81 s in one process, 52 s on two). Below it, starting
the processes costs more than it saves (40 articles: 2.0 s here, 2.3 s on two
processes; 120 articles: 10.2 s, 7.6 s)."""
WINDOW_CHUNKS = 64  # per worker process: a cancelled job finishes the chunk under way
SWITCH_INTERVAL_S = 0.001
"""How long the GUI thread waits for the interpreter lock while a job's thread runs Python
(the interpreter's default is 5 ms). Each slot the GUI thread runs takes the lock again,
and one progress report passes through several slots: at 5 ms a wait each, the reports
and repaints of one moment added up to GUI pauses of 200-450 ms at 500 articles, against
125-160 ms at 1 ms, with the job no slower (`bench/gui_gaps.py`)."""


def align_in_background(
    articles: Sequence[Article],
    settings: Settings,
    *,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = never_cancelled,
) -> CorpusAlignment:
    """``align_corpus`` as the window runs it: on worker processes for a large set
    (:data:`PROCESSES_MIN`), with each passage's changes typed where its pair was
    aligned; in this process otherwise. Both give the same result."""
    cores = os.cpu_count() or 1
    if len(articles) < PROCESSES_MIN or cores < 2:
        return align_corpus(articles, settings, progress=progress, cancelled=cancelled)
    return align_corpus(
        articles,
        settings,
        progress=progress,
        cancelled=cancelled,
        runner=Processes(cores, WINDOW_CHUNKS),
        typed_changes=True,
        keep_prepared=True,  # the quote check that follows weighs words with them
    )


def _model_tried() -> bool:
    """Whether the engine has already loaded the model, or tried and failed (once per process).

    Read from the engine's own record rather than kept a second time here, so a model
    the engine loaded (or forgot, ``embeddings.reset``) is never announced wrongly.
    """
    return embeddings.model_tried()


def load_embedding_model(settings: Settings, announce: Callable[[str], None]) -> None:
    """Load the sentence-embedding model if this alignment will use it and it is not loaded.

    The engine would load it anyway, inside ``align_corpus`` and without a word of
    progress; loading it first lets the job say what it is doing. Loading happens once
    per process; a model that fails to load leaves the alignment without embeddings,
    as in the engine.
    """
    if not settings.use_embeddings or _model_tried() or not embeddings.installed():
        return
    announce(MODEL_LOADING)
    embeddings.load_encoder()


class AlignSignals(QObject):
    """Signals of one :class:`AlignWorker`.

    ``QRunnable`` is not a ``QObject``, so it cannot emit; this object lives in the GUI
    thread and its signals reach GUI slots through queued connections.
    """

    progressed = Signal(int, float)  # generation, fraction done 0..1
    phase_changed = Signal(int, str)  # generation, the slow step under way ("" = aligning)
    quotes_checked = Signal(int, object)  # generation, tuple[QuotedStatement, ...]; before finished
    finished = Signal(int, object)  # generation, CorpusAlignment (its passages' changes typed)
    failed = Signal(int, str)  # generation, message for the user
    cancelled = Signal(int)  # generation; the job stopped early because a newer one exists


class AlignWorker(QRunnable):
    """One run of ``align_corpus`` on a pool thread, then its typed changes and quote check."""

    def __init__(
        self,
        generation: int,
        articles: Sequence[Article],
        settings: Settings,
        align: AlignFunction = align_in_background,
        load_model: ModelLoader | None = load_embedding_model,
    ) -> None:
        super().__init__()
        # The scheduler keeps a reference until the job reports back; Qt must not delete
        # the C++ side under the Python wrapper.
        self.setAutoDelete(False)
        self.generation = generation
        self.signals = AlignSignals()
        self._articles = tuple(articles)
        self._settings = settings
        self._align = align
        self._load_model = load_model
        self._announced = False
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._detached = threading.Event()
        self._reported = -1.0  # time of the last progress report (perf_counter)
        self._fraction = 0.0  # the last fraction reported

    def cancel(self) -> None:
        """Ask the job to stop at its next check; it then emits ``cancelled``."""
        self._cancel.set()

    def detach(self) -> None:
        """Cancel the job and silence it: from now on it emits nothing at all.

        For a job nobody waits for any more (the window is closing, or the user gave up
        on it), whose signals object may be deleted before the job reaches its next
        cancel check.
        """
        self._detached.set()
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_done(self) -> bool:
        return self._done.is_set()

    def is_detached(self) -> bool:
        return self._detached.is_set()

    def run(self) -> None:  # runs on a pool thread
        try:
            if self._cancel.is_set():
                raise Cancelled
            if self._load_model is not None:
                self._load_model(self._settings, self._announce)
                if self._announced:
                    self._emit(self.signals.phase_changed, self.generation, "")
                if self._cancel.is_set():
                    raise Cancelled
            with collector_paused(keep_frozen=True):
                result = self._align(
                    self._articles,
                    self._settings,
                    progress=lambda fraction: self._progress(ALIGN_SHARE * fraction),
                    cancelled=self._cancel.is_set,
                )
                result, quotes = self._check(result)
        except Cancelled:
            self._emit(self.signals.cancelled, self.generation)
        except Exception as err:  # noqa: BLE001 - any engine failure becomes a message, never a crash
            self._emit(self.signals.failed, self.generation, f"{err.__class__.__name__}: {err}")
        else:
            self._emit(self.signals.quotes_checked, self.generation, quotes)
            self._emit(self.signals.finished, self.generation, result)
        finally:
            self._done.set()

    def _emit(self, signal: SignalInstance, *args: object) -> None:
        """Emit unless detached. A detached job's signals object may be gone (the window
        closed while the engine was in a step it cannot leave early): say nothing then."""
        if self._detached.is_set():
            return
        with contextlib.suppress(RuntimeError):  # deleted between the check and the emit
            signal.emit(*args)

    def _check(self, corpus: CorpusAlignment) -> tuple[CorpusAlignment, tuple]:
        """The alignment with its changes typed, and its quote check.

        Typing the changes goes pair by pair, so that the progress keeps moving through it
        (on 500 articles it takes a fifth of the job) and a job asked to stop stops between
        pairs.
        """
        corpus = corpus_with_changes(
            corpus,
            progress=lambda f: self._progress(ALIGN_SHARE + CHANGES_SHARE * f),
            cancelled=self._cancel.is_set,
        )
        done = ALIGN_SHARE + CHANGES_SHARE
        quotes = quote_check(corpus, progress=lambda f: self._progress(done + (1 - done) * f))
        self._progress(1.0)
        return corpus, quotes

    def _progress(self, fraction: float) -> None:
        """Report ``fraction`` unless the last report is too recent and within a percent of
        it (so the bar never lags by more than that, even before a long silent step)."""
        now = time.perf_counter()
        if fraction < 1.0:
            if fraction <= self._fraction:
                return  # never backwards, never the same value twice
            if now - self._reported < PROGRESS_INTERVAL_S and fraction - self._fraction < 0.01:
                return
        self._reported, self._fraction = now, fraction
        self._emit(self.signals.progressed, self.generation, float(fraction))

    def _announce(self, phase: str) -> None:
        self._announced = True
        self._emit(self.signals.phase_changed, self.generation, phase)


class AlignScheduler(QObject):
    """Starts, coalesces and cancels alignment jobs for one session.

    ``finished`` and ``failed`` report every job that ran to its end, with its
    generation; an older job may finish although it was asked to stop, and it is for
    the receiver to drop it (:meth:`is_newest`). Progress and phases are passed on for
    the newest job only.
    """

    started = Signal(int)  # generation
    progressed = Signal(float)
    phase_changed = Signal(str)  # the newest job's slow step ("" = back to aligning)
    quotes_checked = Signal(int, object)  # generation, its quote check; just before finished
    finished = Signal(int, object)  # generation, CorpusAlignment
    failed = Signal(int, str)  # generation, message for the user
    busy_changed = Signal(bool)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        align: AlignFunction = align_in_background,
        load_model: ModelLoader | None = load_embedding_model,
        pool: QThreadPool | None = None,
        delay_ms: int = COALESCE_MS,
    ) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        self._align = align
        self._load_model = load_model
        self._pool = pool or QThreadPool.globalInstance()
        self._generation = 0
        self._jobs: dict[int, AlignWorker] = {}  # jobs that may still report back
        self._started: list[AlignWorker] = []  # every job not known to have ended, kept alive
        self._pending: tuple[tuple[Article, ...], Settings] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._busy = False

    @property
    def generation(self) -> int:
        """The newest generation handed out (0 before the first job)."""
        return self._generation

    def is_busy(self) -> bool:
        """A request is waiting for the timer or the newest job has not reported back."""
        return self._busy

    def is_newest(self, generation: int) -> bool:
        """``generation`` is the newest job's and no newer request waits for the timer."""
        return generation == self._generation and self._pending is None

    def request(self, articles: Sequence[Article], settings: Settings) -> None:
        """Align soon: several requests within the coalescing delay make one job.

        From this moment every running job is out of date: it is asked to stop, and
        whatever it still delivers while the request waits for the timer is dropped.
        """
        self._pending = (tuple(articles), settings)
        for job in self._jobs.values():
            job.cancel()
        self._set_busy(True)
        self._timer.start()

    def run_now(self, articles: Sequence[Article], settings: Settings) -> int:
        """Start a job at once (cancelling older ones) and return its generation."""
        self._timer.stop()
        self._pending = None
        for job in self._jobs.values():
            job.cancel()
        self._generation += 1
        self.running()  # forget jobs that have ended
        job = AlignWorker(self._generation, articles, settings, self._align, self._load_model)
        job.signals.progressed.connect(self._on_worker_progressed)
        job.signals.phase_changed.connect(self._on_worker_phase_changed)
        job.signals.quotes_checked.connect(self._on_worker_quotes_checked)
        job.signals.finished.connect(self._on_worker_finished)
        job.signals.failed.connect(self._on_worker_failed)
        job.signals.cancelled.connect(self._on_worker_cancelled)
        self._jobs[job.generation] = job
        self._started.append(job)
        self._set_busy(True)
        self.started.emit(job.generation)
        self._pool.start(job)
        return job.generation

    def cancel_all(self) -> None:
        """Drop any pending request and stop every running job; not busy from now on.

        The jobs are detached: they emit nothing more, so no late progress, phase or
        result of theirs can contradict "not busy", even while one of them finishes a
        unit of work the engine cannot leave early.
        """
        self._timer.stop()
        self._pending = None
        self._generation += 1  # whatever still arrives is stale
        for job in self._jobs.values():
            job.detach()
        self._jobs.clear()
        self._set_busy(False)

    def running(self) -> int:
        """How many of this scheduler's jobs have not ended yet (detached ones included)."""
        self._started = [job for job in self._started if not job.is_done()]
        return len(self._started)

    def shutdown(self, timeout_ms: int = SHUTDOWN_GRACE_MS) -> bool:
        """Stop everything and wait up to ``timeout_ms`` for the jobs to end (on close).

        Returns whether they all ended. A job still inside a step of the engine after that
        is left to finish on its own, detached; the application decides what to do with
        it on exit (see :func:`desktop.app.main`).
        """
        self.cancel_all()
        deadline = time.monotonic() + timeout_ms / 1000
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.005)
        return not self.running()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._pending is not None:
            articles, settings = self._pending
            self.run_now(articles, settings)

    @Slot(int, float)
    def _on_worker_progressed(self, generation: int, fraction: float) -> None:
        if generation == self._generation:
            self.progressed.emit(fraction)

    @Slot(int, str)
    def _on_worker_phase_changed(self, generation: int, phase: str) -> None:
        if generation == self._generation:
            self.phase_changed.emit(phase)

    @Slot(int, object)
    def _on_worker_quotes_checked(self, generation: int, quotes: object) -> None:
        self.quotes_checked.emit(generation, quotes)

    @Slot(int, object)
    def _on_worker_finished(self, generation: int, result: object) -> None:
        self._job_ended(generation)
        self.finished.emit(generation, result)

    @Slot(int, str)
    def _on_worker_failed(self, generation: int, message: str) -> None:
        self._job_ended(generation)
        self.failed.emit(generation, message)

    @Slot(int)
    def _on_worker_cancelled(self, generation: int) -> None:
        self._jobs.pop(generation, None)

    def _job_ended(self, generation: int) -> None:
        self._jobs.pop(generation, None)
        if self.is_newest(generation):
            self._set_busy(self._timer.isActive())

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
