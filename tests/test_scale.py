"""Large-corpus running: --workers and --dask give exactly the one-process result; --parquet."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.runners import OnDask, Processes
from desktop.engine.load.articles import load_article
from desktop.engine.model import Article


def _corpus(seed_paths: list[Path], folder: Path) -> list[Path]:
    """The five samples and five articles mixing their paragraphs, some words edited: a
    small set where many pairs share passages of every kind."""
    paragraphs = []
    for path in seed_paths:
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 12]
    rng = random.Random(7)
    out = list(seed_paths)
    for k in range(5):
        mine = rng.sample(paragraphs, 6)
        edited = []
        for para in mine:
            words = para.split(" ")
            if rng.random() < 0.5:
                words[rng.randrange(len(words))] = "reportedly"
            edited.append(" ".join(words))
        path = folder / f"mix{k}.txt"
        path.write_text(f"Mixed story {k}\n\n" + "\n\n".join(edited) + "\n", encoding="utf-8")
        out.append(path)
    return out


@pytest.fixture(scope="module")
def corpus_files(seed_paths: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _corpus(seed_paths, tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def one_process(corpus_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("one") / "one.json"
    assert main(["align", *map(str, corpus_files), "--workers", "1", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sum(1 for p in data["pairs"] if p["passages"]) >= 10, "the set must share a lot to test anything"
    return out.read_bytes()


def test_two_workers_give_the_one_process_result(
    corpus_files: list[Path], one_process: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "two.json"
    assert main(["align", *map(str, corpus_files), "--workers", "2", "--json", str(out)]) == 0
    assert out.read_bytes() == one_process


def test_dask_local_cluster_gives_the_one_process_result(
    corpus_files: list[Path], one_process: bytes, tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    out = tmp_path / "dask.json"
    assert main(["align", *map(str, corpus_files), "--dask", "local", "--workers", "2", "--json", str(out)]) == 0
    assert out.read_bytes() == one_process


def _articles(paths: list[Path]) -> list[Article]:
    return [load_article(p) for p in paths]


def test_runners_agree_pair_by_pair_with_small_blocks(corpus_files: list[Path]) -> None:
    """Blocks of three articles, so that pairs inside one block and across blocks both
    run as Dask tasks; two workers in this process, talking over loopback TCP."""
    distributed = pytest.importorskip("distributed")
    articles = _articles(corpus_files)
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


def test_parquet_tables_read_back_with_pyarrow(corpus_files: list[Path], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder = tmp_path / "tables"
    out = tmp_path / "one.json"
    args = ["align", *map(str, corpus_files), "--workers", "1"]
    assert main([*args, "--json", str(out), "--parquet", str(folder)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    articles = pq.read_table(folder / "articles.parquet").to_pylist()  # no pandas involved
    passages = pq.read_table(folder / "passages.parquet").to_pylist()
    assert [a["id"] for a in articles] == [a["id"] for a in data["articles"]]
    assert [a["text"] for a in articles] == [a["text"] for a in data["articles"]]
    expected = [
        (pair["a"], pair["b"], p["a_start"], p["a_end"], p["b_start"], p["b_end"], p["kind"], p["score"],
         [list(d) for d in p["diff"]], [c["type"] for c in p["changes"]])
        for pair in data["pairs"]
        for p in pair["passages"]
    ]
    got = [
        (r["a"], r["b"], r["a_start"], r["a_end"], r["b_start"], r["b_end"], r["kind"], r["score"],
         [[d["op"], d["a_start"], d["a_end"], d["b_start"], d["b_end"]] for d in r["diff"]], r["change_types"])
        for r in passages
    ]
    assert got == expected and got
    ids = [a["id"] for a in articles]
    assert all(ids[r["a_index"]] == r["a"] and ids[r["b_index"]] == r["b"] for r in passages)
    assert not list(folder.glob(".*.tmp")), "no temporary file left behind"


def test_parquet_alone_and_bad_workers(corpus_files: list[Path], tmp_path: Path, capsys) -> None:
    pytest.importorskip("pyarrow")
    folder = tmp_path / "only"
    assert main(["align", *map(str, corpus_files[:3]), "--parquet", str(folder)]) == 0
    assert (folder / "passages.parquet").is_file()
    assert main(["align", *map(str, corpus_files[:3])]) == 2
    assert "--json OUT, --parquet DIR" in capsys.readouterr().err
    assert main(["align", *map(str, corpus_files[:3]), "--workers", "0", "--json", "-"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err
