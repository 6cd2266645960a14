"""The alignments as JSON for researchers (schema documented in README.md)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Article, CorpusAlignment, PairAlignment, Passage

SCHEMA_VERSION = "1.0"


def json_text(data: dict[str, Any]) -> str:
    """A document from :func:`alignment_json` or :func:`families_json` as the file's text.

    UTF-8-ready (no ``\\u`` escapes for non-ASCII text), one-space indents, a final newline.
    """
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def article_json(article: Article) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "path": article.path_text,
        "title": article.title,
        "outlet": article.outlet,
        "text": article.text,
        "boilerplate": [list(span) for span in article.boilerplate],
    }
    if article.source_map:  # text read out of Markdown: where each piece is in the file
        data["source_map"] = [list(run) for run in article.source_map]
    return data


def passage_json(passage: Passage) -> dict[str, Any]:
    return {
        "a_start": passage.a_start,
        "a_end": passage.a_end,
        "b_start": passage.b_start,
        "b_end": passage.b_end,
        "kind": passage.kind.value,
        "score": passage.score,
        "diff": [[op.op.value, op.a_start, op.a_end, op.b_start, op.b_end] for op in passage.diff],
    }


def pair_json(pair: PairAlignment) -> dict[str, Any]:
    return {
        "a": pair.a,
        "b": pair.b,
        "score": round(pair.score, 4),
        "shared_a": pair.shared_a,
        "shared_b": pair.shared_b,
        "passages": [passage_json(p) for p in pair.passages],
    }


def alignment_json(corpus: CorpusAlignment, *, all_pairs: bool = True) -> dict[str, Any]:
    """Every article and every pair (pairs that share nothing included, with no passages)."""
    pairs = []
    ids = [a.id for a in corpus.articles]
    if all_pairs:
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pairs.append(pair_json(corpus.pair(a, b)))
    else:
        pairs = [pair_json(p) for p in corpus.pairs]
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
