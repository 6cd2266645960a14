"""Passage alignment between articles.

The method, in the spirit of passim and TextPAIR but sentence-aware:

1. Split each article into sentences (boilerplate left out) and reduce each sentence to
   its content stems.
2. Find candidate sentence pairs across articles through an inverted index, so that
   sentences with nothing rare in common are never compared.
3. Score candidates by weighted two-way coverage (:mod:`.similarity`); also try joining a
   sentence's neighbour on either side, so a sentence split in two still matches.
4. Pick links greedily by score, each sentence used once, wherever they sit (reordered
   paragraphs are normal in news).
5. Add verbatim runs of words shared inside otherwise different sentences (a quote that
   two outlets frame differently).
6. Diff the words of each link, trim one-sided tails, classify, and merge links that are
   adjacent on both sides into maximal passages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import (
    Article,
    Cancelled,
    PairAlignment,
    Progress,
    Settings,
    never_cancelled,
    no_progress,
)
from .embeddings import (
    STRONG_COSINE,
    EncodedCache,
    Encoder,
    Vector,
    link_score,
    load_encoder,
    min_cosine,
    semantic_candidates,
    semantic_evidence,
)
from .passages import (
    EDITED_MIN,
    VERBATIM_MIN,
    Draft,
    classify,
    close_quote,
    finish_draft,
    is_worded,
    merge_adjacent,
    overlaps,
    shared_share,
    strip_span,
)
from .prepared import CLAUSE_MIN_STEMS, Prepared, build_idf, prepare
from .similarity import MIN_SHARED, Idf, Match, enough_evidence, link_threshold, match
from .worddiff import diff_stats, word_diff

# The aligner's public face; preparation and passage building live in their own modules.
__all__ = [
    "EDITED_MIN",
    "VERBATIM_MIN",
    "Link",
    "Prepared",
    "align_pair",
    "align_prepared",
    "build_idf",
    "candidate_pairs",
    "classify",
    "prepare",
    "sentence_links",
    "verbatim_runs",
]

ANCHOR_WORDS = 8  # a run of this many identical words links two sentences by itself
CANDIDATE_SHARE = 0.5  # sentence pairs scoring half the link threshold are worth a closer look
CHEAP_BOUND = 1.0  # ... and only if their identical stems alone reach that much
AUTO: object = object()  # as ``encoder``: load the optional embedding model if installed
MAX_REPEATS = 20  # word runs seen more often than this in one article seed no verbatim run
MAX_POSTINGS = 400  # stems in more sentences than this do not seed candidates


@dataclass(frozen=True, slots=True)
class Link:
    """Sentences ``a0..a1`` of A matched with ``b0..b1`` of B (inclusive), and the spans.

    A span may be a run of clauses inside its sentence when only that part is shared.
    """

    a0: int
    a1: int
    b0: int
    b1: int
    match: Match
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    semantic: float = 0.0  # link score from sentence embeddings, when the extra is installed

    @property
    def score(self) -> float:
        return max(self.match.score, self.semantic)


def candidate_pairs(pa: Prepared, pb: Prepared, idf: Idf, floor: float) -> dict[tuple[int, int], Match]:
    """Sentence pairs of A and B whose match score reaches ``floor``.

    Postings accumulate the weight of identical stems per sentence pair; pairs whose
    identical stems cannot come near ``floor`` are never scored in full.
    """
    weight = idf.weight
    postings = pb.postings()
    totals_b = idf.sentence_totals(pb.stems)
    totals_a = idf.sentence_totals(pa.stems)
    out: dict[tuple[int, int], Match] = {}
    for i, stems in enumerate(pa.stems):
        count: dict[int, int] = defaultdict(int)
        mass: dict[int, float] = defaultdict(float)
        for s in set(stems):
            hits = postings.get(s)
            if hits and len(hits) <= MAX_POSTINGS:
                w = weight(s)
                for j in hits:
                    count[j] += 1
                    mass[j] += w
        total_a = totals_a[i]
        for j, common in count.items():
            if common < MIN_SHARED:
                continue
            # Cheap bound from identical stems only; prefix matches rarely add much.
            ca, cb = mass[j] / total_a, mass[j] / totals_b[j]
            if 2 * ca * cb / (ca + cb) < floor * CHEAP_BOUND:
                continue
            m = match(stems, pb.stems[j], idf)
            if m.score >= floor:
                out[(i, j)] = m
    return out


def _joined(p: Prepared, first: int, last: int) -> tuple[str, ...]:
    return tuple(s for k in range(first, last + 1) for s in p.stems[k])


def _adjacent(p: Prepared, k: int, other: int) -> bool:
    """Sentences ``k`` and ``other`` of one article follow each other in one paragraph
    (positions in ``p.sentences``, which leaves boilerplate sentences out)."""
    if not 0 <= other < len(p.sentences):
        return False
    one, two = p.sentences[k], p.sentences[other]
    return abs(one.index - two.index) == 1 and one.paragraph == two.paragraph


def _sentence_span(p: Prepared, first: int, last: int) -> tuple[int, int]:
    return (p.sentences[first].start, p.sentences[last].end)


def _clause_windows(p: Prepared, k: int) -> list[tuple[tuple[str, ...], tuple[int, int]]]:
    """Every run of whole clauses of sentence ``k`` shorter than the sentence."""
    cuts = p.clauses[k]
    if len(cuts) < 2:
        return []
    stems = p.stems[k]
    end = p.sentences[k].end
    text = p.article.text
    out = []
    for x in range(len(cuts)):
        for y in range(x + 1, len(cuts) + 1):
            if x == 0 and y == len(cuts):
                continue
            lo = cuts[x][0]
            hi = cuts[y][0] if y < len(cuts) else len(stems)
            if hi - lo < CLAUSE_MIN_STEMS:
                continue
            c_end = cuts[y][1] if y < len(cuts) else end
            out.append((stems[lo:hi], strip_span(text, cuts[x][1], c_end, " \n\t,;:—–")))
    return out


def _best_link(pa: Prepared, pb: Prepared, i: int, j: int, m: Match, idf: Idf) -> Link:
    """The link of sentences ``i`` and ``j``, narrowed to clauses when that fits better."""
    best = Link(i, i, j, j, m, _sentence_span(pa, i, i), _sentence_span(pb, j, j))
    if m.cover_a < 0.75:
        for stems, span in _clause_windows(pa, i):
            mm = match(stems, pb.stems[j], idf)
            if mm.score > best.match.score + 0.03:
                best = Link(i, i, j, j, mm, span, best.b_span)
    if m.cover_b < 0.75:
        for stems, span in _clause_windows(pb, j):
            mm = match(pa.stems[i], stems, idf)
            if mm.score > best.match.score + 0.03:
                best = Link(i, i, j, j, mm, _sentence_span(pa, i, i), span)
    return best


def _semantic_pairs(
    pa: Prepared,
    pb: Prepared,
    idf: Idf,
    threshold: float,
    vectors: tuple[Sequence[Vector], Sequence[Vector]],
    cands: dict[tuple[int, int], Match],
) -> dict[tuple[int, int], float]:
    """Sentence pairs the embeddings link, with their cosines; adds them to ``cands``.

    Guarded by :func:`semantic_evidence`: sentences of one story sit close in embedding
    space even when they say different things.
    """
    out = {}
    for i, j, cos in semantic_candidates(*vectors, min(min_cosine(threshold), STRONG_COSINE)):
        m = cands.get((i, j)) or match(pa.stems[i], pb.stems[j], idf)
        if semantic_evidence(m, cos, threshold):
            out[(i, j)] = cos
            cands.setdefault((i, j), m)
    return out


def _same_wording(pa: Prepared, pb: Prepared, link: Link) -> bool:
    """The two sides are one sentence lightly edited, word for word in order, even if
    the words they share are mostly names ("held in the Armstrong County Jail")."""
    ops = word_diff(pa.article.text, *link.a_span, pb.article.text, *link.b_span)
    return diff_stats(ops, pa.article.text, pb.article.text).similarity >= EDITED_MIN


def sentence_links(
    pa: Prepared,
    pb: Prepared,
    idf: Idf,
    threshold: float,
    hints: Sequence[tuple[int, int]] | None = None,
    vectors: tuple[Sequence[Vector], Sequence[Vector]] | None = None,
) -> list[Link]:
    """Chosen sentence links, one-to-one except for split or merged sentences.

    ``hints`` are candidate sentence pairs found beforehand (by the all-pairs index);
    without them the candidates are looked up here. ``vectors``, one sentence embedding
    per sentence of each side, add pairs reworded beyond what shared words show.
    """
    floor = threshold * CANDIDATE_SHARE
    if hints is None:
        cands = candidate_pairs(pa, pb, idf, floor)
    else:
        cands = {}
        for i, j in hints:
            m = match(pa.stems[i], pb.stems[j], idf)
            if m.score >= floor:
                cands[(i, j)] = m
    cosines = _semantic_pairs(pa, pb, idf, threshold, vectors, cands) if vectors else {}
    options: list[Link] = []
    for (i, j), m in cands.items():
        best = _best_link(pa, pb, i, j, m, idf)
        options.append(best)
        if (i, j) in cosines:
            # The cosine vouches for the sentences; the words still say which clauses.
            options.append(replace(best, semantic=link_score(cosines[(i, j)])))
        # One sentence of A may be two of B, or the reverse.
        for j2 in (j - 1, j + 1):
            if _adjacent(pb, j, j2):
                lo, hi = min(j, j2), max(j, j2)
                mm = match(pa.stems[i], _joined(pb, lo, hi), idf)
                if mm.score > m.score + 0.05:
                    options.append(
                        Link(i, i, lo, hi, mm, _sentence_span(pa, i, i), _sentence_span(pb, lo, hi))
                    )
        for i2 in (i - 1, i + 1):
            if _adjacent(pa, i, i2):
                lo, hi = min(i, i2), max(i, i2)
                mm = match(_joined(pa, lo, hi), pb.stems[j], idf)
                if mm.score > m.score + 0.05:
                    options.append(
                        Link(lo, hi, j, j, mm, _sentence_span(pa, lo, hi), _sentence_span(pb, j, j))
                    )
    options = [
        o
        for o in options
        if o.score >= threshold
        and (enough_evidence(o.match) or o.semantic >= threshold or _same_wording(pa, pb, o))
    ]
    options.sort(key=lambda o: (-o.score, o.a0, o.b0))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen: list[Link] = []
    for o in options:
        span_a = range(o.a0, o.a1 + 1)
        span_b = range(o.b0, o.b1 + 1)
        if any(k in used_a for k in span_a) or any(k in used_b for k in span_b):
            continue
        used_a.update(span_a)
        used_b.update(span_b)
        chosen.append(o)
    chosen.sort(key=lambda o: (o.a0, o.b0))
    return chosen


def verbatim_runs(pa: Prepared, pb: Prepared, min_words: int) -> list[tuple[int, int, int, int]]:
    """Maximal runs of identical words (as word index ranges) of at least ``min_words``.

    A run of words repeated many times in an article (a refrain, a table) seeds nothing
    by its repeats: they would make the seeds grow with the square of the repeats.
    """
    n = min_words
    grams_a, grams_b = pa.grams(n), pb.grams(n)
    if len(grams_a) > len(grams_b):
        shared = [g for g in grams_b if g in grams_a]
    else:
        shared = [g for g in grams_a if g in grams_b]
    shared = [g for g in shared if len(grams_a[g]) <= MAX_REPEATS and len(grams_b[g]) <= MAX_REPEATS]
    if not shared:
        return []
    starts = sorted((i, j) for g in shared for i in grams_a[g] for j in grams_b[g])
    wa = [w for w, _, _ in pa.words]
    wb = [w for w, _, _ in pb.words]
    runs: list[tuple[int, int, int, int]] = []
    reach: dict[int, int] = {}  # diagonal (i - j) -> end in A of the last run on it
    for i, j in starts:  # in A's order, so the first cell met on a diagonal starts its run
        if reach.get(i - j, -1) > i:
            continue
        k = n
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
    idf: Idf,
    settings: Settings,
    cancelled=never_cancelled,
    *,
    hints: Sequence[tuple[int, int]] | None = None,
    vectors: tuple[Sequence[Vector], Sequence[Vector]] | None = None,
) -> PairAlignment:
    """Align two prepared articles with a given weighting (and, optionally, candidate
    sentence pairs found beforehand and sentence embeddings)."""
    a, b = pa.article, pb.article
    threshold = link_threshold(settings.sensitivity)
    drafts: list[Draft] = []
    for link in sentence_links(pa, pb, idf, threshold, hints, vectors):
        drafts.append(Draft(*link.a_span, *link.b_span, link.score))
    if cancelled():
        raise Cancelled
    # Verbatim runs that no sentence link covers: quotes framed differently by each outlet.
    for i0, i1, j0, j1 in verbatim_runs(pa, pb, max(ANCHOR_WORDS, settings.min_words)):
        if not is_worded(a.text, pa.words[i0:i1]):
            continue
        sa, ea = pa.words[i0][1], pa.words[i1 - 1][2]
        sb, eb = pb.words[j0][1], pb.words[j1 - 1][2]
        if any(overlaps(sa, ea, d.a_start, d.a_end) or overlaps(sb, eb, d.b_start, d.b_end) for d in drafts):
            continue
        drafts.append(Draft(sa, close_quote(a.text, ea), sb, close_quote(b.text, eb), 0.0))

    passages = [p for d in drafts if (p := finish_draft(d, a, b, settings)) is not None]
    passages = merge_adjacent(passages, a, b, settings)
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


def align_pair(
    a: Article,
    b: Article,
    settings: Settings | None = None,
    *,
    idf: Idf | None = None,
    encoder: Encoder | None | object = AUTO,
    progress: Progress = no_progress,
    cancelled=never_cancelled,
) -> PairAlignment:
    """Every passage that ``a`` and ``b`` share, in A's order.

    ``idf`` lets a caller weigh words over a larger set of articles; by default the
    weights come from the two articles themselves. ``encoder`` gives sentence embeddings;
    by default the optional model is used when installed and ``settings`` allow it.
    """
    settings = settings or Settings()
    pa, pb = prepare(a), prepare(b)
    progress(0.3)
    if cancelled():
        raise Cancelled
    cache = encoder_cache(settings, encoder)
    vectors = (sentence_vectors(pa, cache), sentence_vectors(pb, cache)) if cache is not None else None
    result = align_prepared(pa, pb, idf or build_idf([pa, pb]), settings, cancelled, vectors=vectors)
    progress(1.0)
    return result


def encoder_cache(settings: Settings, encoder: Encoder | None | object = AUTO) -> EncodedCache | None:
    """A vector cache over the encoder in force: the given one, or the installed model."""
    if not settings.use_embeddings or encoder is None:
        return None
    chosen = load_encoder() if encoder is AUTO else encoder
    return EncodedCache(chosen) if chosen is not None else None  # type: ignore[arg-type]


def sentence_vectors(p: Prepared, cache: EncodedCache) -> list[Vector]:
    """One embedding per (usable) sentence of ``p``."""
    text = p.article.text
    return list(cache.vectors([text[s.start : s.end] for s in p.sentences]))
