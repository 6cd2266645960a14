"""All pairs of a set of articles, passage families across them, and per-article shares.

A cheap candidate step (an inverted index over the content stems of every sentence)
decides which pairs of articles share anything worth aligning, so unrelated pairs cost
almost nothing; only candidate pairs get the full pairwise alignment.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from ..model import (
    Article,
    ArticleStats,
    Cancelled,
    CorpusAlignment,
    PairAlignment,
    Progress,
    Settings,
    Span,
    never_cancelled,
    no_progress,
)
from .embeddings import Encoder
from .families import build_families
from .pair import (
    AUTO,
    CANDIDATE_SHARE,
    CHEAP_BOUND,
    MAX_POSTINGS,
    align_prepared,
    encoder_cache,
    sentence_vectors,
)
from .prepared import Prepared, build_idf, prepare
from .similarity import MIN_SHARED, Idf, link_threshold

_SHINGLE = 6  # identical word runs this long make a pair a candidate on their own


Hints = dict[tuple[int, int], list[tuple[int, int]]]


def candidate_pairs(prepared: Sequence[Prepared], idf: Idf, floor: float) -> Hints:
    """Index pairs (i < j) of articles worth aligning, each with its candidate sentence
    pairs (sentence of i, sentence of j): those whose identical content stems alone come
    near ``floor``. A pair sharing a run of identical words is a candidate too, maybe with
    no sentence pair."""
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a, p in enumerate(prepared):
        for s, stems in enumerate(p.stems):
            for st in set(stems):
                postings[st].append((a, s))
    totals = [idf.sentence_totals(p.stems) for p in prepared]
    n_sentences = sum(len(p.stems) for p in prepared)
    # Stems in a few percent of all sentences are topic words: they seed nothing.
    limit = max(MAX_POSTINGS, n_sentences // 50)
    bound = floor * CHEAP_BOUND
    weight = idf.weight
    out: Hints = defaultdict(list)
    for a, p in enumerate(prepared):
        for s, stems in enumerate(p.stems):
            if not totals[a][s]:
                continue
            count: dict[tuple[int, int], int] = defaultdict(int)
            mass: dict[tuple[int, int], float] = defaultdict(float)
            for st in set(stems):
                hits = postings[st]
                if len(hits) > limit:
                    continue
                w = weight(st)
                for b, t in hits:
                    if b > a:
                        count[(b, t)] += 1
                        mass[(b, t)] += w
            for (b, t), n in count.items():
                if n < MIN_SHARED:
                    continue
                ca, cb = mass[(b, t)] / totals[a][s], mass[(b, t)] / totals[b][t]
                if 2 * ca * cb / (ca + cb) >= bound:
                    out[(a, b)].append((s, t))
    # Verbatim runs, even of names-free boilerplate-free text with few content words.
    shingles: dict[int, set[int]] = defaultdict(set)
    for a, p in enumerate(prepared):
        words = [w for w, _, _ in p.words]
        for k in range(0, max(0, len(words) - _SHINGLE + 1)):
            shingles[hash(tuple(words[k : k + _SHINGLE]))].add(a)
    for owners in shingles.values():
        if 1 < len(owners) <= 50:
            for a, b in itertools.combinations(sorted(owners), 2):
                out[(a, b)]  # noqa: B018 - creates the entry: verbatim runs only
    return dict(out)


def align_corpus(
    articles: Sequence[Article],
    settings: Settings | None = None,
    *,
    encoder: Encoder | None | object = AUTO,
    progress: Progress = no_progress,
    cancelled=never_cancelled,
) -> CorpusAlignment:
    """Align every pair of ``articles`` that shares anything, and group passage families.

    ``encoder`` as for :func:`~desktop.engine.align.align_pair`: sentence embeddings, by
    default from the optional model when it is installed.
    """
    settings = settings or Settings()
    prepared = []
    for k, article in enumerate(articles):
        prepared.append(prepare(article))
        if cancelled():
            raise Cancelled
        progress(0.2 * (k + 1) / max(1, len(articles)))
    idf = build_idf(prepared)
    hints = candidate_pairs(prepared, idf, link_threshold(settings.sensitivity) * CANDIDATE_SHARE)
    todo = sorted(hints)
    cache = encoder_cache(settings, encoder)
    vectors = None
    if cache is not None:  # encoding is the slow step when the embedding model is used
        vectors = []
        for k, p in enumerate(prepared):
            vectors.append(sentence_vectors(p, cache))
            if cancelled():
                raise Cancelled
            progress(0.2 + 0.05 * (k + 1) / len(prepared))
    progress(0.25)
    pairs: list[PairAlignment] = []
    for k, (i, j) in enumerate(todo):
        if cancelled():
            raise Cancelled
        pair = align_prepared(
            prepared[i],
            prepared[j],
            idf,
            settings,
            cancelled,
            hints=hints[(i, j)],
            vectors=(vectors[i], vectors[j]) if vectors else None,
        )
        if pair.passages:
            pairs.append(pair)
        progress(0.25 + 0.65 * (k + 1) / max(1, len(todo)))
    families = build_families(articles, pairs, settings)
    stats = tuple(_article_stats(p, pairs, families) for p in prepared)
    progress(1.0)
    return CorpusAlignment(
        tuple(articles), settings, tuple(pairs), families, stats, candidates_checked=len(todo)
    )


def _article_stats(p: Prepared, pairs: Sequence[PairAlignment], families) -> ArticleStats:
    aid = p.article.id
    spans: list[Span] = []
    for pair in pairs:
        if pair.a == aid:
            spans.extend(x.a_span for x in pair.passages)
        elif pair.b == aid:
            spans.extend(x.b_span for x in pair.passages)
    flags = p.word_flags(spans)
    inside = sum(flags)
    unique: list[Span] = []
    for (_, s, e), inside_passage in zip(p.words, flags, strict=True):
        if inside_passage:
            continue
        if unique and _only_gap(p.article.text, unique[-1][1], s):
            unique[-1] = (unique[-1][0], e)
        else:
            unique.append((s, e))
    total = len(p.words)
    shared = inside / total if total else 0.0
    return ArticleStats(
        aid,
        total,
        round(shared, 4),
        round(1 - shared, 4) if total else 0.0,
        sum(1 for f in families if aid in f.articles),
        tuple(unique),
    )


def _only_gap(text: str, start: int, end: int) -> bool:
    """No letters between two words: they belong to one unique run."""
    return not any(ch.isalnum() for ch in text[start:end])
