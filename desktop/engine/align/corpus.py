"""All pairs of a set of articles, passage families across them, and per-article shares.

Every pair is aligned exactly as :func:`.pair.align_pair` aligns it alone, so adding an
article changes no other pair's passages. Pairs that cannot share a passage are skipped:
every sentence link rests on a sentence pair whose estimate reaches the candidate floor
(found for all pairs at once, :func:`.candidates.corpus_cells`) and on two shared content
stems (or stem prefixes), or on a run of identical words, or on sentence embeddings that
put two sentences close.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from ..collector import collector_paused
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
from .candidates import corpus_cells
from .embeddings import Encoder, close_pairs
from .families import build_families
from .links import candidate_floor
from .pair import AUTO, encoder_cache, sentence_vectors
from .prepared import Prepared, remember
from .runners import InProcess, PairJob, Runner, Task
from .sides import forget_span_words
from .similarity import PREFIX_MATCH, link_threshold
from .text import forget_word_offsets
from .worddiff import forget_pieces

MIN_KEYS = 2  # content stems (or long prefixes) two articles must share to be aligned


def _keys(p: Prepared) -> frozenset[str]:
    return frozenset(s[:PREFIX_MATCH] for s in p.postings)


# Articles whose shared-key counts against all others are made at once. One product holds
# the interpreter lock throughout: 256 articles held it 60-90 ms at 500, a pause in a window.
_KEY_BLOCK = 64


def _shared_keys(prepared: Sequence[Prepared], pairs: Sequence[tuple[int, int]]) -> list[int]:
    """For each pair of articles (sorted), how many content stems cut to their first
    :data:`PREFIX_MATCH` letters both hold: sparse products of the articles' key sets, a
    block of articles at a time."""
    import numpy as np
    from scipy import sparse

    if not pairs:
        return []
    key_id: dict[str, int] = {}
    ids = [[key_id.setdefault(k, len(key_id)) for k in _keys(p)] for p in prepared]
    lengths = [len(x) for x in ids]
    flat = np.fromiter((k for x in ids for k in x), np.int64, count=sum(lengths))
    rows = np.repeat(np.arange(len(prepared)), lengths)
    incidence = sparse.csr_matrix(
        (np.ones(len(flat), np.int32), (rows, flat)), shape=(len(prepared), len(key_id))
    )
    across = incidence.T.tocsr()
    first = np.fromiter((i for i, _ in pairs), np.int64, count=len(pairs))
    second = np.fromiter((j for _, j in pairs), np.int64, count=len(pairs))
    counts = np.zeros(len(pairs), np.int64)
    for r0 in range(0, len(prepared), _KEY_BLOCK):
        lo, hi = np.searchsorted(first, [r0, r0 + _KEY_BLOCK])
        if lo == hi:
            continue
        block = (incidence[r0 : r0 + _KEY_BLOCK] @ across).toarray()
        counts[lo:hi] = block[first[lo:hi] - r0, second[lo:hi]]
    return counts.tolist()


def _anchored(prepared: Sequence[Prepared]) -> set[tuple[int, int]]:
    """Pairs (i < j) of articles that share an anchor run of words.

    Found through the runs' checksums (integers, quick to compare), then confirmed on the
    runs themselves: two runs may share a checksum."""
    import numpy as np

    lengths = [len(p.anchor_keys) for p in prepared]
    keys = np.fromiter(itertools.chain.from_iterable(p.anchor_keys for p in prepared), np.int64, sum(lengths))
    owner = np.repeat(np.arange(len(prepared)), lengths)
    order = np.argsort(keys, kind="stable")  # by checksum, each checksum's owners in order
    keys, owner = keys[order], owner[order]
    repeated = keys[1:] == keys[:-1]
    held = np.zeros(len(keys), bool)  # a checksum more than one article holds
    held[1:] |= repeated
    held[:-1] |= repeated
    keys, owner = keys[held], owner[held]
    cuts = (np.flatnonzero(keys[1:] != keys[:-1]) + 1).tolist()
    owners = owner.tolist()
    maybe: set[tuple[int, int]] = set()
    # The runs of one passage reused by many articles have the same owners: each set once.
    for found in {tuple(owners[a:b]) for a, b in zip([0, *cuts], [*cuts, len(owners)], strict=True)}:
        maybe.update(itertools.combinations(found, 2))
    return {(i, j) for i, j in maybe if next(prepared[i].runs_shared_with(prepared[j]), None)}


def candidate_pairs(
    prepared: Sequence[Prepared],
    vectors: Sequence[object] | None,
    settings: Settings,
    progress: Progress = no_progress,
) -> list[Task]:
    """Pairs (i < j) of articles that may share a passage, in order, each with the sentence
    pairs proposed for it; ``progress`` hears the share of the search done.

    A pair is aligned when it shares an anchor run of words, when its sentence
    embeddings put two sentences close, or when it shares two content stems (or long
    prefixes) and some sentence pair's estimate reaches the floor of any link
    (:func:`.candidates.corpus_cells`). Any other pair would align to nothing.
    """
    cells = corpus_cells(
        prepared, candidate_floor(link_threshold(settings.sensitivity)), lambda f: progress(0.8 * f)
    )
    anchored = _anchored(prepared)
    close: set[tuple[int, int]] = set()
    n = len(prepared)
    if vectors is not None:
        for i in range(n):
            for j in range(i + 1, n):
                if close_pairs(vectors[i], vectors[j], settings.sensitivity):  # type: ignore[arg-type]
                    close.add((i, j))
            progress(0.8 + 0.2 * (i + 1) / n)
    proposed = sorted(pair for pair in cells if pair not in anchored and pair not in close)
    enough = {
        pair
        for pair, count in zip(proposed, _shared_keys(prepared, proposed), strict=True)
        if count >= MIN_KEYS
    }
    out: list[Task] = []
    # In order of (i, j) as one number each: a sort of tens of thousands of tuples held the
    # interpreter lock for 60 ms at 500 articles (a window's pause), one of integers 10 ms.
    for key in sorted(i * n + j for i, j in anchored | close | enough):
        pair = divmod(key, n)
        out.append((*pair, cells.get(pair, ()), pair in anchored))
    progress(1.0)
    return out


def align_corpus(
    articles: Sequence[Article],
    settings: Settings | None = None,
    *,
    encoder: Encoder | None | object = AUTO,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = never_cancelled,
    runner: Runner | None = None,
    typed_changes: bool = False,
    keep_prepared: bool = False,
) -> CorpusAlignment:
    """Align every pair of ``articles`` that shares anything, and group passage families.

    ``encoder`` as for :func:`~desktop.engine.align.pair.align_pair`: sentence embeddings,
    by default from the optional model when it is installed. ``runner`` says where the
    preparation and the pairs run (:mod:`.runners`; here by default): every runner gives
    the same result. ``typed_changes`` fills each passage's typed changes as its pair is
    aligned (what :func:`.changes.corpus_with_changes` would add afterwards).
    ``keep_prepared`` keeps every prepared article in this process's cache, whichever
    runner prepared it (this process's always do): for a quote check that follows
    (:func:`.quotes.quote_check` weighs words as the aligner did), or another run.
    """
    with collector_paused():  # its objects live to the end of the run: nothing to collect
        try:
            return _align_corpus(
                articles,
                settings or Settings(),
                encoder,
                progress,
                cancelled,
                runner,
                typed_changes,
                keep_prepared,
            )
        finally:
            # What this process remembered of spans served this run's many pairs; kept, it
            # would hold tens of megabytes in the window until the next run.
            forget_span_words()
            forget_pieces()
            forget_word_offsets()


def _align_corpus(
    articles: Sequence[Article],
    settings: Settings,
    encoder: Encoder | None | object,
    progress: Progress,
    cancelled: Callable[[], bool],
    runner: Runner | None,
    typed_changes: bool,
    keep_prepared: bool = False,
) -> CorpusAlignment:
    runner = runner or InProcess()
    prepared = runner.prepare(articles, lambda f: progress(0.2 * f), cancelled)
    if keep_prepared:
        for p in prepared:
            remember(p)
    cache = encoder_cache(settings, encoder)
    vectors = None
    if cache is not None:  # encoding is the slow step when the embedding model is used
        vectors = []
        for k, p in enumerate(prepared):
            vectors.append(sentence_vectors(p, cache))
            if cancelled():
                raise Cancelled
            progress(0.2 + 0.05 * (k + 1) / len(prepared))
    start = 0.25 if vectors is not None else 0.2
    todo = candidate_pairs(prepared, vectors, settings, lambda f: progress(start + (0.25 - start) * f))
    progress(0.25)
    try:
        found = runner.align(
            prepared,
            vectors,
            todo,
            PairJob(settings, typed_changes),
            lambda f: progress(0.25 + 0.65 * f),
            cancelled,
        )
    finally:
        # The bags each article remembered while its pairs aligned are done with; the
        # prepared articles stay cached (by text) for the next run, without them.
        for p in prepared:
            p.memo.clear()
    pairs: list[PairAlignment] = [pair for pair in found if pair is not None]
    families = build_families(articles, pairs, settings, lambda f: progress(0.95 - 0.05 * (1 - f)), cancelled)
    progress(0.95)
    spans: dict[str, list[Span]] = defaultdict(list)
    for pair in pairs:
        spans[pair.a].extend(x.a_span for x in pair.passages)
        spans[pair.b].extend(x.b_span for x in pair.passages)
    in_families = Counter(aid for f in families for aid in f.articles)
    stats = tuple(_article_stats(p, spans[p.article.id], in_families[p.article.id]) for p in prepared)
    _let_go(prepared)
    progress(1.0)
    return CorpusAlignment(
        tuple(articles), settings, tuple(pairs), families, stats, candidates_checked=len(todo)
    )


def _let_go(items: list[Prepared]) -> None:
    """Drop ``items`` one at a time, so that another thread (a window's GUI thread) may
    run between them: the 500 prepared articles of a large set, freed at once when the
    run returns, held the interpreter lock for 0.15 s."""
    while items:
        items.pop()


def _article_stats(p: Prepared, spans: Sequence[Span], families: int) -> ArticleStats:
    """Shares and unique runs of one article, from the spans its pairs' passages cover,
    and the number of ``families`` it is in."""
    aid = p.article.id
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
        families,
        tuple(unique),
    )


def _only_gap(text: str, start: int, end: int) -> bool:
    """No letters between two words: they belong to one unique run."""
    return not any(ch.isalnum() for ch in text[start:end])
