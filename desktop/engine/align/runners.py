"""Where a corpus's work runs: in this process, on a pool of processes, or on a Dask cluster.

:func:`.corpus.align_corpus` does two costly things, each a set of independent jobs:
preparing every article, and aligning every candidate pair. A runner does both and
hands the results back in the order it was given, so every runner gives exactly the
result of :class:`InProcess`: the jobs are the same pure functions, only where they run
differs.

- :class:`InProcess`: one job after another, here (the window uses this).
- :class:`Processes`: a pool of worker processes on this machine (``--workers N``).
- :class:`OnDask`: tasks on a Dask cluster, over blocks of articles (``--dask ADDRESS``);
  Dask is imported only when this runner is made (the ``scale`` extra).
"""

from __future__ import annotations

import atexit
import gc
import math
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol

from ..collector import collector_paused
from ..model import Article, Cancelled, PairAlignment, Progress, Settings, never_cancelled
from .candidates import Cells
from .changes import with_changes
from .pair import align_prepared
from .prepared import Prepared, prepare

# A pair to align: two indexes into the prepared articles, the sentence pairs the corpus
# search proposed for it (:func:`.candidates.corpus_cells`, in the pair's order), and
# whether the two share an anchor run of words.
Task = tuple[int, int, Cells, bool]
Found = PairAlignment | None  # None: the pair shares nothing


class Runner(Protocol):
    def prepare(
        self, articles: Sequence[Article], progress: Progress, cancelled: Callable[[], bool]
    ) -> list[Prepared]:
        """Every article prepared, in order, in a new list (the run empties it as it ends);
        ``progress`` gets 0..1 of this step."""
        ...

    def align(
        self,
        prepared: Sequence[Prepared],
        vectors: Sequence[object] | None,
        todo: Sequence[Task],
        job: PairJob,
        progress: Progress,
        cancelled: Callable[[], bool],
    ) -> list[Found]:
        """``job`` for every pair of ``todo`` (indexes into ``prepared``), in order."""
        ...


class PairJob:
    """Aligning one pair, as every runner does it (picklable, so it can travel)."""

    def __init__(self, settings: Settings, typed_changes: bool = False) -> None:
        self.settings = settings
        self.typed_changes = typed_changes

    def __call__(
        self,
        pa: Prepared,
        pb: Prepared,
        vectors: tuple[object, object] | None,
        cancelled: Callable[[], bool] = never_cancelled,
        cells: Cells | None = None,
        anchored: bool | None = None,
    ) -> Found:
        pair = align_prepared(
            pa, pb, self.settings, cancelled, vectors=vectors, cells=cells, anchored=anchored
        )
        if not pair.passages:
            return None
        if self.typed_changes:  # the typed changes of each passage, computed where the pair was
            pair = with_changes(pair, pa.article.text, pb.article.text, pa.proper_words | pb.proper_words)
        return pair


def prepare_block(articles: Sequence[Article]) -> list[Prepared]:
    return [prepare(a) for a in articles]


def align_block(
    prepared: Mapping[int, Prepared],
    vectors: Mapping[int, object] | None,
    pairs: Sequence[Task],
    job: PairJob,
) -> list[Found]:
    """``job`` for each pair, looking its articles up by index in ``prepared``."""
    return [
        job(
            prepared[i],
            prepared[j],
            (vectors[i], vectors[j]) if vectors is not None else None,
            cells=cells,
            anchored=anchored,
        )
        for i, j, cells, anchored in pairs
    ]


class InProcess:
    """Every job here, one after another, asking ``cancelled`` between jobs."""

    def prepare(
        self, articles: Sequence[Article], progress: Progress, cancelled: Callable[[], bool]
    ) -> list[Prepared]:
        out = []
        for k, article in enumerate(articles):
            out.append(prepare(article, cancelled))
            if cancelled():
                raise Cancelled
            progress((k + 1) / max(1, len(articles)))
        return out

    def align(
        self,
        prepared: Sequence[Prepared],
        vectors: Sequence[object] | None,
        todo: Sequence[Task],
        job: PairJob,
        progress: Progress,
        cancelled: Callable[[], bool],
    ) -> list[Found]:
        out: list[Found] = []
        for k, (i, j, cells, anchored) in enumerate(todo):
            if cancelled():
                raise Cancelled
            pair_vectors = (vectors[i], vectors[j]) if vectors is not None else None
            out.append(job(prepared[i], prepared[j], pair_vectors, cancelled, cells, anchored))
            progress((k + 1) / max(1, len(todo)))
        return out


def chunks(items: Sequence[Any], count: int) -> list[Sequence[Any]]:
    """``items`` cut into at most ``count`` runs of nearly equal length, in order."""
    if not items:
        return []
    size = math.ceil(len(items) / max(1, count))
    return [items[k : k + size] for k in range(0, len(items), size)]


# --------------------------------------------------------------------------- processes

_WORKER: dict[str, Any] = {}  # in a worker process: the prepared articles of the run


# Results cross between processes one item at a time, as bytes: unpickling one large
# list is one call that holds the interpreter lock throughout, while many small ones
# let other threads (a window's) run between them. The bytes of the prepared articles
# are kept for the workers that align, when those are spawned (through a file: _spool).


def _pickled(items: Sequence[Any]) -> list[bytes]:
    return [pickle.dumps(x, pickle.HIGHEST_PROTOCOL) for x in items]


def _unpickled(blobs: Sequence[bytes | None]) -> list[Any]:
    return [None if b is None else pickle.loads(b) for b in blobs]


def _prepare_pickled(articles: Sequence[Article]) -> list[bytes]:
    return _pickled(prepare_block(articles))


def _worker_started() -> None:
    """A worker process of one run, which ends with it: no automatic garbage collection
    (:mod:`desktop.engine.collector`; a forked worker inherits its parent's pause, a
    spawned one starts without), and no tidying up when it ends (:func:`_leave_now`)."""
    gc.disable()
    atexit.register(_leave_now)


def _leave_now() -> None:
    """End a worker process now, leaving its memory to the system.

    A spawned worker ends as any interpreter does, freeing each of its objects one by one:
    the prepared articles of a large set and what aligning them left, over a second of
    work while the pool waits for it (a forked worker skips this already). Registered
    first, this runs last among the exit handlers, after those of the standard library.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _install(prepared: Sequence[Prepared], vectors: Sequence[object] | None) -> None:
    """A forked worker's start: it inherited the prepared articles as they are."""
    _worker_started()
    _WORKER["prepared"] = prepared
    _WORKER["vectors"] = vectors


def _install_spooled(path: str, sizes: Sequence[int]) -> None:
    """A spawned worker's start: the prepared articles (and the vectors, last) from the
    file :func:`_spool` wrote."""
    _worker_started()
    with open(path, "rb") as handle:
        blobs = [handle.read(size) for size in sizes]
    _WORKER["prepared"] = _unpickled(blobs[:-1])
    _WORKER["vectors"] = pickle.loads(blobs[-1])


def _spool(blobs: Sequence[bytes], vectors: Sequence[object] | None) -> tuple[str, list[int]]:
    """Write the pickled prepared articles and the vectors to a temporary file for spawned
    workers; its path and each piece's size.

    Handing them over as the pool's start-up arguments instead pickles them all, tens of
    megabytes for a large set, into one buffer in one call: that holds the interpreter
    lock throughout (over 100 ms for 500 articles, once per worker), and a window's
    thread stalls. Each write here lets other threads run.
    """
    fd, path = tempfile.mkstemp(prefix="syndiff-", suffix=".prepared")
    sizes = []
    try:
        with os.fdopen(fd, "wb") as handle:
            for blob in [*blobs, pickle.dumps(vectors, pickle.HIGHEST_PROTOCOL)]:
                handle.write(blob)
                sizes.append(len(blob))
    except BaseException:
        os.unlink(path)
        raise
    return path, sizes


def _align_installed(pairs: Sequence[Task], job: PairJob) -> list[bytes | None]:
    found = align_block(_WORKER["prepared"], _WORKER["vectors"], pairs, job)
    return [None if pair is None else pickle.dumps(pair, pickle.HIGHEST_PROTOCOL) for pair in found]


class Processes:
    """A pool of ``workers`` processes on this machine (:mod:`concurrent.futures`).

    Jobs go out in small chunks and come back in any order; results are put back in the
    order of the input. The prepared articles reach the workers once per run: inherited
    when the pool can fork (a process with one thread, on a system that forks), pickled
    otherwise.
    """

    CHUNKS_PER_WORKER = 16  # small chunks even out the load and keep cancelling prompt

    def __init__(self, workers: int, chunks_per_worker: int = CHUNKS_PER_WORKER) -> None:
        """``chunks_per_worker``: how finely the pairs are cut; a cancelled run still
        finishes the chunks under way, so more chunks stop it sooner."""
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        if chunks_per_worker < 1:
            raise ValueError(f"chunks_per_worker must be at least 1, not {chunks_per_worker}")
        self.workers = workers
        self.chunks_per_worker = chunks_per_worker
        # The last prepare()'s result and its bytes, sent again to the workers that align.
        self._prepared: tuple[list[Prepared], list[bytes]] | None = None

    def _context(self) -> multiprocessing.context.BaseContext:
        if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
            return multiprocessing.get_context("fork")
        return multiprocessing.get_context("spawn")

    def _run(
        self,
        pool: ProcessPoolExecutor,
        calls: Sequence[tuple[Callable[..., list[Any]], tuple[Any, ...]]],
        progress: Progress,
        cancelled: Callable[[], bool],
        each: Callable[[list[Any]], list[Any]] | None = None,
    ) -> list[Any]:
        """The results of ``calls`` in their order; ``each`` is applied to each call's
        result as it arrives, while the pool works on the others."""
        futures: dict[Future, int] = {pool.submit(fn, *args): k for k, (fn, args) in enumerate(calls)}
        results: list[list[Any] | None] = [None] * len(calls)
        pending = set(futures)
        try:
            while pending:
                done, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                if cancelled():
                    raise Cancelled
                for f in done:
                    results[futures[f]] = f.result() if each is None else each(f.result())
                progress(sum(1 for r in results if r is not None) / len(calls))
        except BaseException:
            # Cancel what has not started, and wait here for the chunks under way. Not
            # waiting leaves the executor's exit to call ``shutdown()`` again, which resets
            # ``cancel_futures`` before the pool has read it: every queued chunk then ran,
            # and kept a closed window's process alive for seconds.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        return [x for part in results for x in part]  # type: ignore[union-attr]

    def prepare(
        self, articles: Sequence[Article], progress: Progress, cancelled: Callable[[], bool]
    ) -> list[Prepared]:
        parts = chunks(articles, self.workers * 4)
        with ProcessPoolExecutor(
            self.workers, mp_context=self._context(), initializer=_worker_started
        ) as pool:
            blobs = self._run(pool, [(_prepare_pickled, (p,)) for p in parts], progress, cancelled)
        prepared = _unpickled(blobs)
        self._prepared = (prepared, blobs)
        return prepared

    def align(
        self,
        prepared: Sequence[Prepared],
        vectors: Sequence[object] | None,
        todo: Sequence[Task],
        job: PairJob,
        progress: Progress,
        cancelled: Callable[[], bool],
    ) -> list[Found]:
        kept, self._prepared = self._prepared, None  # used once, by this run only
        parts = chunks(todo, self.workers * self.chunks_per_worker)
        if not parts:
            return []
        context = self._context()
        listed = None if vectors is None else list(vectors)
        spooled = None
        if context.get_start_method() == "fork":  # a forked worker inherits them as they are
            start: tuple[Callable[..., None], tuple[Any, ...]] = (_install, (list(prepared), listed))
        else:
            # The very list prepare() returned (align_corpus passes it on untouched).
            blobs = kept[1] if kept is not None and kept[0] is prepared else _pickled(prepared)
            spooled = _spool(blobs, listed)
            start = (_install_spooled, spooled)
        try:
            with ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=start[0], initargs=start[1]
            ) as pool:
                return self._run(
                    pool, [(_align_installed, (p, job)) for p in parts], progress, cancelled, _unpickled
                )
        finally:
            if spooled is not None:
                os.unlink(spooled[0])


# --------------------------------------------------------------------------- Dask


def _align_blocks(
    block_i: Sequence[Prepared],
    start_i: int,
    block_j: Sequence[Prepared],
    start_j: int,
    vectors: Mapping[int, object] | None,
    pairs: Sequence[Task],
    job: PairJob,
) -> list[Found]:
    prepared = {start_i + k: p for k, p in enumerate(block_i)}
    prepared.update((start_j + k, p) for k, p in enumerate(block_j))
    with collector_paused():  # a cluster's worker lives on: paused while our task runs
        return align_block(prepared, vectors, pairs, job)


def _prepare_block_paused(articles: Sequence[Article]) -> list[Prepared]:
    with collector_paused():
        return prepare_block(articles)


class OnDask:
    """Tasks on a Dask cluster (:mod:`dask.distributed`), over blocks of articles.

    Each block of ``block_size`` articles is prepared by one task and stays on the
    cluster; each pair of blocks that holds candidate pairs is one task that aligns
    them, fed by the two blocks' results. Only the prepared articles come back here (the
    candidate pairs and the shares need them) and the passages found.
    """

    def __init__(self, client: Any, block_size: int = 50) -> None:
        from distributed import as_completed  # noqa: F401 - fail here if Dask is missing

        self.client = client
        self.block_size = max(1, block_size)
        self._blocks: list[Any] = []  # futures of the prepared blocks
        self._starts: list[int] = []

    def _collect(self, futures: list[Any], progress: Progress, cancelled: Callable[[], bool]) -> list[Any]:
        from distributed import as_completed

        index = {f.key: k for k, f in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        done = 0
        try:
            for f in as_completed(futures):
                if cancelled():
                    raise Cancelled
                results[index[f.key]] = f.result()
                done += 1
                progress(done / len(futures))
        except BaseException:
            self.client.cancel(futures)
            raise
        return results

    def prepare(
        self, articles: Sequence[Article], progress: Progress, cancelled: Callable[[], bool]
    ) -> list[Prepared]:
        starts = list(range(0, len(articles), self.block_size))
        blocks = [list(articles[s : s + self.block_size]) for s in starts]
        self._starts = starts
        self._blocks = [self.client.submit(_prepare_block_paused, b, pure=False) for b in blocks]
        got = self._collect(self._blocks, progress, cancelled)
        return [p for block in got for p in block]

    def align(
        self,
        prepared: Sequence[Prepared],
        vectors: Sequence[object] | None,
        todo: Sequence[Task],
        job: PairJob,
        progress: Progress,
        cancelled: Callable[[], bool],
    ) -> list[Found]:
        if not self._blocks:  # prepared elsewhere: send the blocks out
            self._starts = list(range(0, len(prepared), self.block_size))
            self._blocks = [
                self.client.scatter(list(prepared[s : s + self.block_size])) for s in self._starts
            ]
        size = self.block_size
        by_blocks: dict[tuple[int, int], list[int]] = {}  # block pair -> positions in todo
        for k, (i, j, *_) in enumerate(todo):
            by_blocks.setdefault((i // size, j // size), []).append(k)
        futures = []
        for (bi, bj), positions in by_blocks.items():
            pairs = [todo[k] for k in positions]
            vecs = None
            if vectors is not None:
                vecs = {x: vectors[x] for i, j, *_ in pairs for x in (i, j)}
            futures.append(
                self.client.submit(
                    _align_blocks,
                    self._blocks[bi],
                    self._starts[bi],
                    self._blocks[bj],
                    self._starts[bj],
                    vecs,
                    pairs,
                    job,
                    pure=False,
                )
            )
        got = self._collect(futures, progress, cancelled)
        out: list[Found] = [None] * len(todo)
        for positions, found in zip(by_blocks.values(), got, strict=True):
            for k, pair in zip(positions, found, strict=True):
                out[k] = pair
        self._blocks = []
        return out
