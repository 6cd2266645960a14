"""Passage alignment between two articles.

The method follows the seed-extend-filter recipe of the best PAN text-alignment systems
(Sanchez-Perez et al. 2014), made sentence-aware for news:

1. Each article is split into sentences (boilerplate left out) and each sentence reduced
   to its content stems, weighted by rarity in general English and lowered for the
   article's own topic words and names (:mod:`.prepared`).
2. Sentence links are seeded and extended (:mod:`.links`); sentence embeddings, when the
   optional extra is installed, add seeds for rewordings that share few words.
3. Links near each other join one passage (:mod:`.grouping`); identical runs of eight or
   more words that no passage covers become passages of their own (a quote that two
   outlets frame differently).
4. Each passage gets its word diff, trimmed ends and kind (:mod:`.passages`).

A pair's passages depend on the two articles alone, never on which others are loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..model import Article, Cancelled, PairAlignment, Progress, Settings, never_cancelled, no_progress
from .candidates import Cell, first_of
from .embeddings import EncodedCache, Encoder, close_pairs, load_encoder
from .grouping import draft, passage_groups, split_moved
from .links import choose_links, run_link
from .passages import (
    EDITED_MIN,
    VERBATIM_MIN,
    Draft,
    classify,
    close_quote,
    finish_draft,
    is_worded,
    join_close,
    merge_adjacent,
    overlaps,
    shared_share,
)
from .prepared import ANCHOR_WORDS, Prepared, boilerplate_share, prepare
from .similarity import link_threshold

__all__ = [
    "AUTO",
    "EDITED_MIN",
    "VERBATIM_MIN",
    "align_pair",
    "align_prepared",
    "classify",
    "encoder_cache",
    "sentence_vectors",
    "verbatim_runs",
]

AUTO: object = object()  # as ``encoder``: load the optional embedding model if installed
SURE_RUN = 2 * ANCHOR_WORDS  # identical words that seed a link before any sentence link
RUN_GAP = 4  # words between two identical runs that still make them one
MAX_REPEATS = 20  # word runs seen more often than this in one article seed no verbatim run

Vectors = tuple[object, object]  # one embedding matrix per side (numpy arrays)


def verbatim_runs(pa: Prepared, pb: Prepared, min_words: int) -> list[tuple[int, int, int, int]]:
    """Maximal runs of identical words (as word index ranges) of at least ``min_words``.

    A run of words repeated many times in an article (a refrain, a table) seeds nothing
    by its repeats: they would make the seeds grow with the square of the repeats.
    """
    keys_a, keys_b = pa.anchor_keys.keys(), pb.anchor_keys.keys()
    if min_words >= ANCHOR_WORDS and keys_a.isdisjoint(keys_b):
        return []  # every such run starts with an anchor run both articles hold
    grams_a, grams_b = pa.grams(min_words), pb.grams(min_words)
    # Runs of anchor length are found through their checksums; longer ones by their words.
    maybe: Iterable[tuple[str, ...]] = (
        pa.runs_shared_with(pb) if min_words == ANCHOR_WORDS else grams_a.keys() & grams_b.keys()
    )
    # The order of ``shared`` does not matter: the starts are sorted below.
    shared = [
        g for g in maybe if g in grams_b and len(grams_a[g]) <= MAX_REPEATS and len(grams_b[g]) <= MAX_REPEATS
    ]
    if not shared:
        return []
    starts = sorted((i, j) for g in shared for i in grams_a[g] for j in grams_b[g])
    wa, wb = pa.word_norms(), pb.word_norms()
    runs: list[tuple[int, int, int, int]] = []
    reach: dict[int, int] = {}  # diagonal (i - j) -> end in A of the last run on it
    for i, j in starts:  # in A's order, so the first cell met on a diagonal starts its run
        if reach.get(i - j, -1) > i:
            continue
        k = min_words
        while i + k < len(wa) and j + k < len(wb) and wa[i + k] == wb[j + k]:
            k += 1
        reach[i - j] = i + k
        runs.append((i, i + k, j, j + k))
    # Keep maximal runs only; a repeated phrase may give several, keep the longest first.
    runs.sort(key=lambda r: -(r[1] - r[0]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for r in runs:
        if any(k in used_a for k in range(r[0], r[1])) or any(k in used_b for k in range(r[2], r[3])):
            continue
        used_a.update(range(r[0], r[1]))
        used_b.update(range(r[2], r[3]))
        out.append(r)
    return out


def align_prepared(
    pa: Prepared,
    pb: Prepared,
    settings: Settings,
    cancelled: Callable[[], bool] = never_cancelled,
    *,
    vectors: Vectors | None = None,
    cells: Sequence[Cell] | None = None,
    anchored: bool | None = None,
) -> PairAlignment:
    """Align two prepared articles (with sentence embeddings for both, optionally).

    The work is always done in one orientation, chosen by content, and mirrored when
    needed: B against A gives exactly the mirror of A against B. ``cells``: the sentence
    pairs ``(i of A, j of B)`` a corpus search proposed (:func:`.candidates.corpus_cells`);
    found here when not given. ``anchored``: whether the two share a run of
    :data:`.prepared.ANCHOR_WORDS` identical words (a corpus search knows); found here
    when not given.
    """
    if not first_of(pa, pb):
        flipped = vectors[::-1] if vectors is not None else None
        mirrored = None if cells is None else [(j, i) for i, j in cells]
        return _align(pb, pa, settings, cancelled, flipped, mirrored, anchored).swapped()  # type: ignore[arg-type]
    return _align(pa, pb, settings, cancelled, vectors, cells, anchored)


def _align(
    pa: Prepared,
    pb: Prepared,
    settings: Settings,
    cancelled: Callable[[], bool],
    vectors: Vectors | None,
    cells: Sequence[Cell] | None = None,
    anchored: bool | None = None,
) -> PairAlignment:
    a, b = pa.article, pb.article
    semantic = close_pairs(vectors[0], vectors[1], settings.sensitivity) if vectors is not None else []  # type: ignore[arg-type]
    runs = []
    # Every verbatim run starts with an anchor run both hold: none shared, no run.
    same = [] if anchored is False else verbatim_runs(pa, pb, max(ANCHOR_WORDS, settings.min_words))
    for i0, i1, j0, j1 in _joined_runs(same):
        if is_worded(a.text, pa.words[i0:i1]):
            sa, ea = pa.words[i0][1], close_quote(a.text, pa.words[i1 - 1][2])
            sb, eb = pb.words[j0][1], close_quote(b.text, pb.words[j1 - 1][2])
            runs.append(((sa, ea), (sb, eb), i1 - i0))
    # Long identical runs are the surest seeds: taken first, so no weaker sentence link
    # can claim one of their sides (never across boilerplate: a passage holds none).
    fixed = [
        link
        for sa, sb, n in runs
        if n >= SURE_RUN
        and boilerplate_share(*sa, a.boilerplate) == 0
        and boilerplate_share(*sb, b.boilerplate) == 0
        and (link := run_link(pa, pb, sa, sb, n)) is not None
    ]
    links = choose_links(pa, pb, link_threshold(settings.sensitivity), semantic, fixed, cells)
    if cancelled():
        raise Cancelled
    found: list[tuple[Draft, bool]] = []  # with whether to trim its ends
    for group in passage_groups(pa, pb, links):
        # A summary's condensed sentences may come in any order: one passage still.
        for part in [list(group.links)] if group.summary else split_moved(group.links):
            found.append((draft(part), len(part) == 1))
    # Shorter runs that no passage covers: quotes framed differently by each outlet.
    for (sa, ea), (sb, eb), _ in runs:
        if any(
            overlaps(sa, ea, d.a_start, d.a_end) or overlaps(sb, eb, d.b_start, d.b_end) for d, _ in found
        ):
            continue
        found.append((Draft(sa, ea, sb, eb, 0.0), True))
    passages = [p for d, trim in found if (p := finish_draft(d, a, b, settings, trim=trim)) is not None]
    passages = merge_adjacent(passages, a, b, settings)
    passages = join_close(passages, pa, pb, settings)
    passages.sort(key=lambda p: (p.a_start, p.b_start))
    if not passages:
        return PairAlignment(a.id, b.id, ())
    return PairAlignment(
        a.id,
        b.id,
        tuple(passages),
        shared_share(pa, [p.a_span for p in passages]),
        shared_share(pb, [p.b_span for p in passages]),
    )


def _joined_runs(runs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Runs that follow each other on both sides with a few words between (a typo, a
    changed word) joined into one."""
    out: list[tuple[int, int, int, int]] = []
    for r in sorted(runs):
        if out:
            i0, i1, j0, j1 = out[-1]
            if 0 <= r[0] - i1 <= RUN_GAP and 0 <= r[2] - j1 <= RUN_GAP:
                out[-1] = (i0, max(i1, r[1]), j0, max(j1, r[3]))
                continue
        out.append(r)
    return out


def align_pair(
    a: Article,
    b: Article,
    settings: Settings | None = None,
    *,
    encoder: Encoder | None | object = AUTO,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = never_cancelled,
) -> PairAlignment:
    """Every passage that ``a`` and ``b`` share, in A's order.

    ``encoder`` gives sentence embeddings; by default the optional model is used when
    installed and ``settings`` allow it.
    """
    settings = settings or Settings()
    pa, pb = prepare(a, cancelled), prepare(b, cancelled)
    progress(0.3)
    if cancelled():
        raise Cancelled
    cache = encoder_cache(settings, encoder)
    vectors = (sentence_vectors(pa, cache), sentence_vectors(pb, cache)) if cache is not None else None
    result = align_prepared(pa, pb, settings, cancelled, vectors=vectors)
    progress(1.0)
    return result


def encoder_cache(settings: Settings, encoder: Encoder | None | object = AUTO) -> EncodedCache | None:
    """A vector cache over the encoder in force: the given one, or the installed model."""
    if not settings.use_embeddings or encoder is None:
        return None
    chosen = load_encoder() if encoder is AUTO else encoder
    return EncodedCache(chosen) if chosen is not None else None  # type: ignore[arg-type]


def sentence_vectors(p: Prepared, cache: EncodedCache) -> object:
    """One embedding per (usable) sentence of ``p``."""
    text = p.article.text
    return cache.vectors([text[s.start : s.end] for s in p.sentences])
