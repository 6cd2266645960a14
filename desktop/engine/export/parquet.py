"""The alignments of a large corpus as two Parquet tables (schema documented in README.md).

``articles.parquet`` has one row per article, ``passages.parquet`` one row per shared
passage of every pair that shares something; each diff is a list column of structs. Both
are plain Arrow types, so pandas, polars, DuckDB and pyarrow read them as they are.
Needs pyarrow (the ``scale`` extra); imported only by whoever writes Parquet.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..align.changes import changes_of
from ..model import CorpusAlignment

SCHEMA_VERSION = "1.0"

_OP = pa.struct(
    [
        ("op", pa.string()),
        ("a_start", pa.int64()),
        ("a_end", pa.int64()),
        ("b_start", pa.int64()),
        ("b_end", pa.int64()),
    ]
)

ARTICLES = pa.schema(
    [
        ("index", pa.int32()),
        ("id", pa.string()),
        ("path", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("words", pa.int64()),
        ("shared", pa.float64()),
        ("families", pa.int32()),
        ("text", pa.string()),
    ]
)

PASSAGES = pa.schema(
    [
        ("a", pa.string()),
        ("b", pa.string()),
        ("a_index", pa.int32()),
        ("b_index", pa.int32()),
        ("passage", pa.int32()),
        ("a_start", pa.int64()),
        ("a_end", pa.int64()),
        ("b_start", pa.int64()),
        ("b_end", pa.int64()),
        ("kind", pa.string()),
        ("score", pa.float64()),
        ("source", pa.string()),
        ("pair_score", pa.float64()),
        ("shared_a", pa.float64()),
        ("shared_b", pa.float64()),
        ("change_types", pa.list_(pa.string())),
        ("diff", pa.list_(_OP)),
    ]
)


def articles_table(corpus: CorpusAlignment) -> pa.Table:
    stats = {s.article: s for s in corpus.stats}
    cols: dict[str, list] = {name: [] for name in ARTICLES.names}
    for k, a in enumerate(corpus.articles):
        s = stats.get(a.id)
        cols["index"].append(k)
        cols["id"].append(a.id)
        cols["path"].append(a.path_text)
        cols["title"].append(a.title)
        cols["outlet"].append(a.outlet)
        cols["words"].append(s.words if s else 0)
        cols["shared"].append(s.shared if s else 0.0)
        cols["families"].append(s.families if s else 0)
        cols["text"].append(a.text)
    return pa.Table.from_pydict(cols, schema=_with_version(ARTICLES))


def passages_table(corpus: CorpusAlignment) -> pa.Table:
    order = {a.id: k for k, a in enumerate(corpus.articles)}
    texts = {a.id: a.text for a in corpus.articles}
    cols: dict[str, list] = {name: [] for name in PASSAGES.names}
    pairs = sorted(corpus.pairs, key=lambda p: (order[p.a], order[p.b]))
    for pair in pairs:
        pair_score = round(pair.score, 4)
        for n, p in enumerate(pair.passages):
            cols["a"].append(pair.a)
            cols["b"].append(pair.b)
            cols["a_index"].append(order[pair.a])
            cols["b_index"].append(order[pair.b])
            cols["passage"].append(n)
            cols["a_start"].append(p.a_start)
            cols["a_end"].append(p.a_end)
            cols["b_start"].append(p.b_start)
            cols["b_end"].append(p.b_end)
            cols["kind"].append(p.kind.value)
            cols["score"].append(p.score)
            cols["source"].append(p.source.value)
            cols["pair_score"].append(pair_score)
            cols["shared_a"].append(pair.shared_a)
            cols["shared_b"].append(pair.shared_b)
            changes = changes_of(p, texts[pair.a], texts[pair.b])
            cols["change_types"].append([c.type.value for c in changes])
            cols["diff"].append(
                [
                    {
                        "op": op.op.value,
                        "a_start": op.a_start,
                        "a_end": op.a_end,
                        "b_start": op.b_start,
                        "b_end": op.b_end,
                    }
                    for op in p.diff
                ]
            )
    return pa.Table.from_pydict(cols, schema=_with_version(PASSAGES))


def _with_version(schema: pa.Schema) -> pa.Schema:
    return schema.with_metadata({"syndiff_schema": SCHEMA_VERSION})


def write_parquet(directory: str | os.PathLike[str], corpus: CorpusAlignment) -> tuple[Path, Path]:
    """Write ``articles.parquet`` and ``passages.parquet`` into ``directory`` (made if
    missing). Each file is written under a temporary name and then renamed, so a reader
    never sees half a table."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, table in (("articles", articles_table(corpus)), ("passages", passages_table(corpus))):
        target = folder / f"{name}.parquet"
        temp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            pq.write_table(table, temp)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
        out.append(target)
    return out[0], out[1]
