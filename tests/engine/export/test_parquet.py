"""The Parquet tables: what ``--parquet`` writes reads back with pyarrow alone, row for row
as the JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main


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
        (
            pair["a"],
            pair["b"],
            p["a_start"],
            p["a_end"],
            p["b_start"],
            p["b_end"],
            p["kind"],
            p["score"],
            [list(d) for d in p["diff"]],
            [c["type"] for c in p["changes"]],
        )
        for pair in data["pairs"]
        for p in pair["passages"]
    ]
    got = [
        (
            r["a"],
            r["b"],
            r["a_start"],
            r["a_end"],
            r["b_start"],
            r["b_end"],
            r["kind"],
            r["score"],
            [[d["op"], d["a_start"], d["a_end"], d["b_start"], d["b_end"]] for d in r["diff"]],
            r["change_types"],
        )
        for r in passages
    ]
    assert got == expected and got
    ids = [a["id"] for a in articles]
    assert all(ids[r["a_index"]] == r["a"] and ids[r["b_index"]] == r["b"] for r in passages)
    assert not list(folder.glob(".*.tmp")), "no temporary file left behind"
