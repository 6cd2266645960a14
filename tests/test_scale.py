"""Large-corpus running: --workers and --dask give exactly the one-process result; --parquet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main


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
    assert (
        main(["align", *map(str, corpus_files), "--dask", "local", "--workers", "2", "--json", str(out)]) == 0
    )
    assert out.read_bytes() == one_process


def test_parquet_alone_and_bad_workers(corpus_files: list[Path], tmp_path: Path, capsys) -> None:
    pytest.importorskip("pyarrow")
    folder = tmp_path / "only"
    assert main(["align", *map(str, corpus_files[:3]), "--parquet", str(folder)]) == 0
    assert (folder / "passages.parquet").is_file()
    assert main(["align", *map(str, corpus_files[:3])]) == 2
    assert "--json OUT, --parquet DIR" in capsys.readouterr().err
    assert main(["align", *map(str, corpus_files[:3]), "--workers", "0", "--json", "-"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err
