"""The runners give exactly the in-process result: a process pool, and Dask tasks over
blocks of articles (inside one block and across blocks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.runners import OnDask, Processes
from tests.mixed_corpus import load_all


def test_runners_agree_pair_by_pair_with_small_blocks(corpus_files: list[Path]) -> None:
    """Blocks of three articles, so that pairs inside one block and across blocks both
    run as Dask tasks; two workers in this process, talking over loopback TCP."""
    distributed = pytest.importorskip("distributed")
    articles = load_all(corpus_files)
    alone = align_corpus(articles)
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            protocol="tcp",
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = align_corpus(articles, runner=OnDask(client, block_size=3))
    pooled = align_corpus(articles, runner=Processes(2))
    for other in (on_dask, pooled):
        assert other.pairs == alone.pairs
        assert other.families == alone.families
        assert other.stats == alone.stats
        assert other.candidates_checked == alone.candidates_checked


class _SlowJob:
    """A stand-in pair job: notes each call in a folder and takes a while (picklable)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, pa, pb, vectors, cancelled=None, cells=None, anchored=None):
        import os
        import time

        (Path(self.folder) / f"{pa.article.id}-{pb.article.id}-{os.getpid()}").touch()
        time.sleep(0.05)
        return None


def test_a_cancelled_pool_runs_no_more_than_the_chunks_under_way(tmp_path: Path) -> None:
    from desktop.engine.align.prepared import prepare
    from desktop.engine.model import Article, Cancelled

    prepared = [prepare(Article(f"x{k}", "", "", f"Sentence number {k} here.")) for k in range(30)]
    todo = [(i, j, (), False) for i in range(30) for j in range(i + 1, 30)]  # 435 pairs
    runner = Processes(2, chunks_per_worker=50)  # 100 chunks of 4 or 5 pairs
    reports: list[float] = []
    with pytest.raises(Cancelled):
        runner.align(prepared, None, todo, _SlowJob(str(tmp_path)), reports.append, lambda: bool(reports))
    ran = len(list(tmp_path.iterdir()))
    # The chunks under way finish (two workers, and one queued ahead per worker at most);
    # the other ninety-odd never start, even after the pool has shut down.
    assert 0 < ran <= 6 * 5
    assert len(list(tmp_path.iterdir())) == ran


def test_a_pool_needs_a_worker_and_a_chunk() -> None:
    with pytest.raises(ValueError):
        Processes(0)
    with pytest.raises(ValueError):
        Processes(2, chunks_per_worker=0)


def test_spawned_workers_give_the_same_result_and_end_cleanly(
    corpus_files: list[Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A process with threads (the window's) spawns its workers: they read the prepared
    articles from a temporary file (removed after the run), and end without tidying up
    their memory."""
    import multiprocessing
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    spooled: list[str] = []
    mkstemp = tempfile.mkstemp

    def noted(*args, **kwargs):
        fd, path = mkstemp(*args, **kwargs)
        spooled.append(path)
        return fd, path

    monkeypatch.setattr(tempfile, "mkstemp", noted)

    articles = load_all(corpus_files)
    alone = align_corpus(articles, typed_changes=True)
    monkeypatch.setattr(Processes, "_context", lambda self: multiprocessing.get_context("spawn"))
    codes: list[int | None] = []
    shutdown = ProcessPoolExecutor.shutdown

    def noting(pool: ProcessPoolExecutor, *args, **kwargs) -> None:
        processes = list((pool._processes or {}).values())
        shutdown(pool, *args, **kwargs)
        codes.extend(p.exitcode for p in processes)

    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", noting)
    spawned = align_corpus(articles, runner=Processes(2), typed_changes=True)
    assert spawned.pairs == alone.pairs and spawned.families == alone.families
    assert codes and all(code == 0 for code in codes), "two pools of two, each ended"
    assert spooled and not any(Path(p).exists() for p in spooled), "the workers' file is gone"


def test_a_pool_leaves_its_prepared_articles_here_when_asked(corpus_files: list[Path]) -> None:
    """``keep_prepared``: what the workers prepared is cached in this process too (a quote
    check reads it), and only then; the quote check is the same either way."""
    from desktop.engine.align import prepared as prep
    from desktop.engine.align.quotes import quote_check

    articles = load_all(corpus_files)
    prep._CACHE.clear()
    plain = align_corpus(articles, runner=Processes(2))
    assert all(prep._CACHE.get(prep._key(a)) is None for a in articles)
    quotes = quote_check(plain)  # prepares here what it needs
    prep._CACHE.clear()
    kept = align_corpus(articles, runner=Processes(2), keep_prepared=True)
    assert kept.pairs == plain.pairs
    assert all(prep._CACHE.get(prep._key(a)) is not None for a in articles)
    assert quote_check(kept) == quotes
