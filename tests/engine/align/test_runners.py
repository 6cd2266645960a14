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
