"""The alignments as JSON for researchers (schema documented in README.md)."""

from __future__ import annotations

import json
from typing import Any

from ..align.changes import changes_of
from ..align.quotes import quote_check
from ..model import Article, Change, CorpusAlignment, PairAlignment, Passage, QuotedStatement, QuoteVersion

SCHEMA_VERSION = "1.3"


INDENT_MAX = 2000  # passages (or families, statements) past which the JSON is not indented


def json_text(data: dict[str, Any]) -> str:
    """A document from :func:`alignment_json`, :func:`families_json` or :func:`quotes_json`
    as the file's text.

    UTF-8-ready (no ``\\u`` escapes for non-ASCII text), a final newline; one-space indents
    up to ``INDENT_MAX`` passages, compact past that: a large result is read by programs,
    and indenting it doubles its size and takes several times as long (Python's JSON
    encoder runs in C only without indents).
    """
    if _items(data) > INDENT_MAX:
        return _compact(data) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def let_go(data: dict[str, Any]) -> None:
    """Empty ``data``'s lists one entry at a time, so that other threads (a window's GUI
    thread) may run between the frees: the JSON of 500 articles dropped at once is
    millions of objects freed in one go, 0.15 s holding the interpreter lock."""
    for value in data.values():
        if isinstance(value, list):
            while value:
                value.pop()


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _compact(data: dict[str, Any]) -> str:
    """``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``, made a list item
    at a time: the encoder's C code holds the interpreter lock for the whole of one call,
    0.4 s for the 26 MB of 500 articles, and a window exporting in the background would
    stand still that long."""
    if not all(isinstance(key, str) for key in data):  # json.dumps turns other keys into text
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    encode = _COMPACT.encode
    fields = []
    for key, value in data.items():
        text = "[" + ",".join(map(encode, value)) + "]" if isinstance(value, list) else encode(value)
        fields.append(f"{encode(key)}:{text}")
    return "{" + ",".join(fields) + "}"


def _items(data: dict[str, Any]) -> int:
    count = 0
    for key in ("pairs", "families", "quotes"):
        for entry in data.get(key) or ():
            count += len(entry.get("passages", ())) if isinstance(entry, dict) else 0
            count += 1
    return count


def article_json(article: Article) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "path": article.path_text,
        "title": article.title,
        "outlet": article.outlet,
        "text": article.text,
        "boilerplate": [list(span) for span in article.boilerplate],
        "encoding": article.encoding,
        "notes": list(article.notes),
    }
    if article.source_map:  # text read out of Markdown: where each piece is in the file
        data["source_map"] = [list(run) for run in article.source_map]
    return data


def change_json(change: Change) -> dict[str, Any]:
    return {
        "type": change.type.value,
        "a_spans": [list(span) for span in change.a_spans],
        "b_spans": [list(span) for span in change.b_spans],
        "a_at": change.a_at,
        "b_at": change.b_at,
        "quoted": change.quoted,
    }


def passage_json(passage: Passage, text_a: str, text_b: str) -> dict[str, Any]:
    """One passage; its typed changes as stored, or typed now (``text_a``, ``text_b``)."""
    return {
        "a_start": passage.a_start,
        "a_end": passage.a_end,
        "b_start": passage.b_start,
        "b_end": passage.b_end,
        "kind": passage.kind.value,
        "score": passage.score,
        "source": passage.source.value,
        "diff": [[op.op.value, op.a_start, op.a_end, op.b_start, op.b_end] for op in passage.diff],
        "changes": [change_json(c) for c in changes_of(passage, text_a, text_b)],
    }


def pair_json(pair: PairAlignment, text_a: str, text_b: str) -> dict[str, Any]:
    return {
        "a": pair.a,
        "b": pair.b,
        "score": round(pair.score, 4),
        "shared_a": pair.shared_a,
        "shared_b": pair.shared_b,
        "passages": [passage_json(p, text_a, text_b) for p in pair.passages],
    }


def alignment_json(corpus: CorpusAlignment, *, all_pairs: bool = True) -> dict[str, Any]:
    """Every article and every pair (pairs that share nothing included, with no passages);
    with ``all_pairs`` false, only the pairs that share a passage. Pairs come in the order
    of the articles, each the way round the articles come."""
    pairs = []
    ids = [a.id for a in corpus.articles]
    texts = {a.id: a.text for a in corpus.articles}
    if all_pairs:
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pairs.append(pair_json(corpus.pair(a, b), texts[a], texts[b]))
    else:
        index = {aid: k for k, aid in enumerate(ids)}
        shared = sorted(
            (p if index[p.a] < index[p.b] else p.swapped() for p in corpus.pairs if p.passages),
            key=lambda p: (index[p.a], index[p.b]),
        )
        pairs = [pair_json(p, texts[p.a], texts[p.b]) for p in shared]
    return {
        "version": SCHEMA_VERSION,
        "settings": corpus.settings.to_dict(),
        "articles": [article_json(a) for a in corpus.articles],
        "pairs": pairs,
    }


def families_json(corpus: CorpusAlignment) -> dict[str, Any]:
    """Articles, passage families and per-article shares."""
    return {
        "version": SCHEMA_VERSION,
        "settings": corpus.settings.to_dict(),
        "articles": [article_json(a) for a in corpus.articles],
        "families": [
            {
                "id": f.id,
                "label": f.label,
                "central": f.central,
                "members": [
                    {
                        "article": m.article,
                        "start": m.start,
                        "end": m.end,
                        "kind": m.kind.value,
                        "score": m.score,
                    }
                    for m in f.members
                ],
            }
            for f in corpus.families
        ],
        "stats": [
            {
                "article": s.article,
                "words": s.words,
                "shared": s.shared,
                "unique": s.unique,
                "families": s.families,
            }
            for s in corpus.stats
        ],
    }


def _version_json(version: QuoteVersion) -> dict[str, Any]:
    return {
        "article": version.article,
        "use": version.use.value,
        "spans": [list(span) for span in version.spans],
        "text": version.text,
        "score": version.score,
        "core": list(version.core),
        "reference_core": list(version.ref_core),
        "diff": [[op.op.value, op.a_start, op.a_end, op.b_start, op.b_end] for op in version.diff],
    }


def quotes_json(corpus: CorpusAlignment, quotes: tuple[QuotedStatement, ...] | None = None) -> dict[str, Any]:
    """Articles and every quoted statement with each outlet's version (the quote check)."""
    found = quote_check(corpus) if quotes is None else quotes
    return {
        "version": SCHEMA_VERSION,
        "settings": corpus.settings.to_dict(),
        "articles": [article_json(a) for a in corpus.articles],
        "quotes": [
            {
                "id": q.id,
                "label": q.label,
                "reference": q.reference,
                "altered": q.altered,
                "versions": [_version_json(v) for v in q.versions],
            }
            for q in found
        ],
    }
