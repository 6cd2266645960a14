"""Which sentence pairs of two articles are worth scoring: the one candidate search.

The full match of two sentences (:func:`.similarity.match`) is costly, and most sentence
pairs share nothing worth it. An *estimate* of each pair's score, from the weights of
the content stems (and long stem prefixes) the two sentences share, decides which pairs
are scored in full: only those whose estimate reaches the floor.

The estimate is found in two steps. Sparse matrix products (scipy) give it for every
sentence pair of a whole set of articles at once, in C; those products add the same
weights as the estimate in another order, so they are asked for slightly less than the
floor and propose a few pairs too many. Each proposed pair's estimate is then summed
again exactly (:func:`estimate_passes`, in sentence order: the same sums in every run and
process), and only the pairs that pass are scored. A pair of articles aligned alone and
the same pair in a corpus of any size therefore score the very same sentence pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from .prepared import Prepared
from .similarity import PREFIX_CREDIT, PREFIX_MATCH, Match, match_bags

MAX_POSTINGS = 400  # stems in more sentences than this seed nothing (a refrain, a table)
_ROUNDING = 1e-9  # the estimate and the full match add the same weights in other orders
_PROPOSE = 1e-6  # the products' margin below the floor: far wider than their rounding
COVER_B_FACTOR = 1.5  # B's side of the estimate: optimistic (prefix partners' weights are unknown)
BLOCK_CELLS = 16_000_000  # sentence pairs per matrix product at most, bounding its memory

if TYPE_CHECKING:  # numpy and scipy load when a search first runs, not with the module
    import numpy as np
    from scipy import sparse

Cell = tuple[int, int]  # sentence i of A, sentence j of B
Cells = tuple[Cell, ...]


def names_of(pa: Prepared, pb: Prepared):
    """The test for names in a pair: a name in either article."""
    na, nb = pa.names, pb.names
    return lambda s: s in na or s in nb


def score(pa: Prepared, pb: Prepared, i: int, j: int) -> Match:
    """The full match of sentence ``i`` of A with sentence ``j`` of B."""
    return match_bags(pa.bag(i), pb.bag(j), pa.weights, pb.weights, names_of(pa, pb))


def estimate_passes(pa: Prepared, pb: Prepared, i: int, j: int, floor: float) -> bool:
    """Whether the estimate of sentence ``i`` of A against ``j`` of B reaches ``floor``.

    The estimate is optimistic but not a strict bound: a repeated stem counts once, a stem
    of A found exactly somewhere in B is not also tried as a prefix partner elsewhere, a
    stem in more than :data:`MAX_POSTINGS` sentences of B counts nothing, and acronyms get
    no credit, so a few pairs whose full match would reach the floor are never scored. A
    strict bound (tried on 2026-12-02) scored those too and lost precision on PAN-13
    (plagdet 0.765 -> 0.754 on no-obfuscation, 0.603 -> 0.602 on the obfuscated sample,
    one more false alarm) for a slower run, so the estimate stays part of what the aligner
    is. It is compared with the floor less a rounding margin.
    """
    total_a, total_b = pa.totals[i], pb.totals[j]
    if total_a <= 0 or total_b <= 0:
        return False
    wa, wb = pa.weights, pb.weights
    postings = pb.postings
    here = frozenset(pb.stems[j])
    mass_a = mass_b = 0.0
    for s in dict.fromkeys(pa.stems[i]):  # each stem once, in order
        hits = postings.get(s)
        if hits is not None:
            if len(hits) <= MAX_POSTINGS and s in here:
                mass_a += wa[s]
                mass_b += wb[s]
        elif len(s) >= PREFIX_MATCH:
            key = s[:PREFIX_MATCH]
            for other in here:  # one credit per stem of the sentence with that prefix
                if len(other) >= PREFIX_MATCH and other.startswith(key):
                    mass_a += PREFIX_CREDIT * wa[s]
                    mass_b += PREFIX_CREDIT * wa[s]  # the other stem's weight is not used here
    return _reaches(mass_a, mass_b, total_a, total_b, floor)


def _reaches(mass_a: float, mass_b: float, total_a: float, total_b: float, floor: float) -> bool:
    """The estimate's test, from the weight each side sees matched: the harmonic mean of
    both coverages (B's taken optimistically) against the floor less a rounding margin."""
    ca, cb = min(1.0, mass_a / total_a), min(1.0, COVER_B_FACTOR * mass_b / total_b)
    return ca + cb > 0 and 2 * ca * cb / (ca + cb) >= floor - _ROUNDING


def sentence_pairs(
    pa: Prepared, pb: Prepared, floor: float, cells: Sequence[Cell] | None = None
) -> dict[Cell, Match]:
    """Sentence pairs ``(i, j)`` of A and B whose match score reaches ``floor``, in order.

    Only pairs whose estimate reaches the floor are scored (:func:`estimate_passes`).
    ``cells``: the pairs proposed for this pair of articles by :func:`corpus_cells` (any
    order; every pair whose estimate reaches the floor must be among them); searched for
    here when not given, with the same result.
    """
    passing = (
        _pair_search(pa, pb, floor)
        if cells is None
        else (c for c in cells if estimate_passes(pa, pb, *c, floor))
    )
    names = names_of(pa, pb)
    out: dict[Cell, Match] = {}
    for i, j in sorted(passing):
        m = match_bags(pa.bag(i), pb.bag(j), pa.weights, pb.weights, names)
        if m.score >= floor:
            out[(i, j)] = m
    return out


def _pair_search(pa: Prepared, pb: Prepared, floor: float) -> list[Cell]:
    """The sentence pairs of one pair of articles whose estimate reaches ``floor``, through
    B's postings: for a pair alone, quicker than the matrix products. It adds the same
    weights in the same order as :func:`estimate_passes`, so the two agree exactly."""
    prefixes = pb.prefixes
    postings = pb.postings
    wa, wb = pa.weights, pb.weights
    totals_b = pb.totals
    out: list[Cell] = []
    for i, stems in enumerate(pa.stems):
        total_a = pa.totals[i]
        if total_a <= 0:
            continue
        got_a: dict[int, float] = defaultdict(float)
        got_b: dict[int, float] = defaultdict(float)
        for s in dict.fromkeys(stems):
            hits = postings.get(s)
            if hits is not None:
                if len(hits) > MAX_POSTINGS:
                    continue
                for j in hits:
                    got_a[j] += wa[s]
                    got_b[j] += wb[s]
            elif len(s) >= PREFIX_MATCH:
                for j in prefixes.get(s[:PREFIX_MATCH], ()):
                    got_a[j] += PREFIX_CREDIT * wa[s]
                    got_b[j] += PREFIX_CREDIT * wa[s]
        for j, mass_a in got_a.items():
            total_b = totals_b[j]
            if total_b <= 0:
                continue
            if _reaches(mass_a, got_b[j], total_a, total_b, floor):
                out.append((i, j))
    return out


def _aligning_key(p: Prepared) -> tuple[int, str]:
    return _text_key(p.article.text)


def _text_key(text: str) -> tuple[int, str]:
    return (len(text), text)


def first_of(pa: Prepared, pb: Prepared) -> bool:
    """Whether a pair is aligned with ``pa`` as its A side (:func:`.pair.align_prepared`
    works in one orientation, chosen by content, and mirrors): the shorter text first."""
    return text_first(pa.article.text, pb.article.text)


def text_first(text_a: str, text_b: str) -> bool:
    """:func:`first_of` for the articles with these texts."""
    return not _text_key(text_b) < _text_key(text_a)


def corpus_cells(
    prepared: Sequence[Prepared],
    floor: float,
    progress: Callable[[float], None] = lambda f: None,
) -> dict[tuple[int, int], Cells]:
    """For every pair of articles ``(x, y)``, ``x < y``, that has any, the sentence pairs
    whose estimate may reach ``floor``: ``(i, j)`` with ``i`` a sentence of ``x`` and ``j`` of
    ``y``. Pairs with none are left out.

    The estimate is found in the orientation the pair is aligned in (:func:`first_of`).
    """
    import numpy as np

    n = len(prepared)
    if n < 2:
        return {}
    # Articles in aligning order: each pair is found once, from its A side's rows.
    rank = sorted(range(n), key=lambda k: _aligning_key(prepared[k]))  # stable: ties keep x < y
    ordered = [prepared[k] for k in rank]
    rows, cols, totals, owner = _matrices(ordered)
    starts = np.concatenate(([0], np.cumsum([len(p.stems) for p in ordered]))).astype(np.int64)
    original = np.array(rank, np.int64)
    kept: list[tuple[np.ndarray, ...]] = []
    total_rows = max(1, rows.shape[0])
    for r0, r1 in _blocks(starts, BLOCK_CELLS):
        if r0 >= r1:
            continue
        # Against the sentences of this block's articles and all after them.
        product = (rows[r0:r1] @ cols[r0:].T).tocoo()
        gi = product.row.astype(np.int64) + r0
        gj = product.col.astype(np.int64) + r0
        later = owner[gj] > owner[gi]
        gi, gj, values = gi[later], gj[later], product.data[later]
        ta, tb = totals[gi], totals[gj]
        with np.errstate(divide="ignore", invalid="ignore"):
            ca = np.minimum(1.0, values.real / ta)
            cb = np.minimum(1.0, COVER_B_FACTOR * values.imag / tb)
            mean = 2 * ca * cb / (ca + cb)
        keep = (ta > 0) & (tb > 0) & (ca + cb > 0) & (mean >= floor - _PROPOSE)
        gi, gj = gi[keep], gj[keep]
        x, y = original[owner[gi]], original[owner[gj]]
        i, j = gi - starts[owner[gi]], gj - starts[owner[gj]]
        swap = x > y  # back to the articles' own order: (i of the first, j of the second)
        kept.append((np.where(swap, y, x), np.where(swap, x, y), np.where(swap, j, i), np.where(swap, i, j)))
        progress(r1 / total_rows)
    if not kept:
        return {}
    x, y, i, j = (np.concatenate(column) for column in zip(*kept, strict=True))
    if not len(x):
        return {}
    order = np.lexsort((j, i, y, x))
    x, y, i, j = x[order], y[order], i[order], j[order]
    cuts = np.flatnonzero((np.diff(x) != 0) | (np.diff(y) != 0)) + 1
    bounds = [0, *cuts.tolist(), len(x)]
    xs, ys, cells = x.tolist(), y.tolist(), list(zip(i.tolist(), j.tolist(), strict=True))
    return {(xs[a], ys[a]): tuple(cells[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)}


def _blocks(starts: np.ndarray, budget: int) -> Iterator[tuple[int, int]]:
    """Runs of whole articles' sentences (as row ranges) whose products against the
    sentences of the articles after them hold at most ``budget`` sentence pairs each (one
    article at least)."""
    total = int(starts[-1])
    a = 0
    articles = len(starts) - 1
    while a < articles:
        b = a + 1
        while b < articles and (int(starts[b + 1]) - int(starts[a])) * (total - int(starts[a])) <= budget:
            b += 1
        yield int(starts[a]), int(starts[b])
        a = b


def _matrices(
    ordered: Sequence[Prepared],
) -> tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray, np.ndarray]:
    """The estimate as a product: ``rows @ cols.T`` holds, for sentence ``g`` of one
    article and ``h`` of another, A's matched weight (real part) and B's (imaginary part).

    Features, in four blocks:

    - each stem: A's weight (rows) against presence (columns);
    - each stem again: presence against B's weight (imaginary);
    - each long stem's prefix: the summed credit of A's stems carrying it against how many
      of B's sentence's stems carry it (the prefix credit, on both parts);
    - each long stem once more: minus A's credit for it against, for every stem of B's
      *article* with a prefix that B's sentence holds, that count again. This takes the
      prefix credit back for each stem of A that B's article holds at all: the estimate
      credits a prefix only to a stem B lacks.
    """
    import numpy as np
    from scipy import sparse

    stem_id: dict[str, int] = {}
    parts_sentence, parts_stem, parts_weight, parts_article = [], [], [], []
    start = 0
    for x, p in enumerate(ordered):
        occ = p.occurrences
        ids = np.array([stem_id.setdefault(s, len(stem_id)) for s in occ.stems], np.int64)
        item = np.frombuffer(occ.item, np.int32) if len(occ.item) else np.zeros(0, np.int32)  # type: ignore[call-overload]
        weight = np.frombuffer(occ.weight, np.float64) if len(occ.weight) else np.zeros(0)  # type: ignore[call-overload]
        sentence = np.frombuffer(occ.sentence, np.int32) if len(occ.sentence) else np.zeros(0, np.int32)  # type: ignore[call-overload]
        parts_sentence.append(sentence.astype(np.int64) + start)
        parts_stem.append(ids[item] if len(ids) else np.zeros(0, np.int64))
        parts_weight.append(weight[item] if len(weight) else np.zeros(0))
        parts_article.append(np.full(len(item), x, np.int64))
        start += len(p.stems)
    sent = np.concatenate(parts_sentence)  # one entry per distinct stem of each sentence
    stem = np.concatenate(parts_stem)
    weight = np.concatenate(parts_weight)
    article = np.concatenate(parts_article)
    ns = len(stem_id)
    # Each stem's prefix, numbered; -1 for a stem too short to have one.
    key_id: dict[str, int] = {}
    key_of = np.array(
        [key_id.setdefault(s[:PREFIX_MATCH], len(key_id)) if len(s) >= PREFIX_MATCH else -1 for s in stem_id],
        np.int64,
    )
    nk = len(key_id)
    keyed = key_of[stem] >= 0
    k_sent, k_stem, k_key, k_weight, k_article = (
        sent[keyed],
        stem[keyed],
        key_of[stem[keyed]],
        weight[keyed],
        article[keyed],
    )
    credit = PREFIX_CREDIT
    ones = np.ones(len(sent))
    # The long stems of each article, by prefix: (article, prefix) -> its stems.
    art_stem = np.unique(k_article * ns + k_stem)
    by_key_code = (art_stem // ns) * nk + key_of[art_stem % ns]
    order = np.argsort(by_key_code, kind="stable")
    by_key_code, by_key_stem = by_key_code[order], (art_stem % ns)[order]
    code = k_article * nk + k_key
    first = np.searchsorted(by_key_code, code, "left")
    count = np.searchsorted(by_key_code, code, "right") - first
    back_sent = np.repeat(k_sent, count)
    offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    back_stem = by_key_stem[np.repeat(first, count) + offsets]

    width = 3 * ns + nk
    shape = (start, width)
    rows = sparse.csr_matrix(
        (
            np.concatenate((weight, ones, credit * k_weight, -credit * k_weight)),
            (
                np.concatenate((sent, sent, k_sent, k_sent)),
                np.concatenate((stem, ns + stem, 2 * ns + k_key, 2 * ns + nk + k_stem)),
            ),
        ),
        shape=shape,
    )  # duplicates (several stems with one prefix in a sentence) are summed
    both = np.full(len(k_sent), 1 + 1j)
    cols = sparse.csr_matrix(
        (
            np.concatenate((ones.astype(np.complex128), 1j * weight, both, np.full(len(back_sent), 1 + 1j))),
            (
                np.concatenate((sent, sent, k_sent, back_sent)),
                np.concatenate((stem, ns + stem, 2 * ns + k_key, 2 * ns + nk + back_stem)),
            ),
        ),
        shape=shape,
    )  # duplicates are summed: a prefix's count in the sentence
    totals = np.array([t for p in ordered for t in p.totals], np.float64)
    owner = np.repeat(np.arange(len(ordered), dtype=np.int64), [len(p.stems) for p in ordered])
    return rows, cols, totals, owner
