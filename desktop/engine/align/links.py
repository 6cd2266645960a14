"""Sentence links between two articles: seeds, then extension next to them.

1. Candidate sentence pairs (:mod:`.candidates`), each also tried narrowed to a run of
   its clauses (a quote framed differently by each outlet) and joined with a neighbour
   (one sentence split in two).
2. Seeds: links that stand on their own, either by a high score resting on enough
   shared words, or by many rare shared words in a reworded sentence; with sentence
   embeddings, also pairs the model puts unusually close.
3. Extension: weaker links lying within a few sentences of a chosen one on both sides.
   A sentence next to reused text that shares a few rare words with the sentence next
   to its counterpart is most likely reworded, not new.

Each sentence takes part in one link at most, wherever the two sit in their articles.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import cast

from .candidates import Cell, names_of, score, sentence_pairs
from .passages import EDITED_MIN, strip_span
from .prepared import CLAUSE_MIN_STEMS, Prepared
from .similarity import Bag, Match, bag, enough_evidence, match_bags, some_evidence
from .worddiff import diff_stats, word_diff

GAP = 2  # sentences that may lie between two links of one passage, on either side
GAP_WORDS = 20  # ... or any number of short ones holding no more content words than this
WEAK_SHARE = 0.6  # a link next to a chosen one needs this share of the link threshold
# A reworded sentence keeps several rare words even when it adds many of its own: a
# score of MASS_SHARE of the threshold, MASS_COMMON shared words that are not names and
# a matched weight of MASS_MIN (a rare word weighs 3-5, a common one 1-2) link too.
MASS_SHARE = 0.65
MASS_COMMON = 3
MASS_MIN = 9.0
MASS_PER_PAIRS = 1.5
MUTUAL_SHARED = 4
MUTUAL_COMMON = 2.0
SEM_COMMON = 1.0  # a pair the embeddings put close still shares this many words that are not names
SEM_SHARE = 0.5  # ... and this share of the link threshold
CLAUSE_GAIN = 0.03  # a run of clauses replaces its sentence when it scores this much higher
JOIN_GAIN = 0.05  # two sentences replace one when they score this much higher together
CLAUSE_TRY = 0.75  # clauses are tried when a side covers less than this of the other


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
    semantic: float = 0.0  # the embedding's cosine when it vouched for the link
    # For a link of one sentence a side: the best score either sentence reaches with a
    # sentence of the other side that is not its counterpart's neighbour, as a share of
    # the two whole sentences' own score (0 when none is a candidate).
    rival: float = 0.0

    @property
    def score(self) -> float:
        return self.match.score


def _span(p: Prepared, first: int, last: int) -> tuple[int, int]:
    return (p.sentences[first].start, p.sentences[last].end)


def _adjacent(p: Prepared, k: int, other: int) -> bool:
    """Sentences ``k`` and ``other`` follow each other in one paragraph."""
    if not 0 <= other < len(p.sentences):
        return False
    one, two = p.sentences[k], p.sentences[other]
    return abs(one.index - two.index) == 1 and one.paragraph == two.paragraph


def _clause_windows(p: Prepared, k: int) -> list[tuple[Bag, tuple[int, int]]]:
    """Every run of whole clauses of sentence ``k`` shorter than the sentence, as a bag
    with its span; remembered, as the sentence may meet many others."""
    key = ("clauses", k)
    found = p.memo.get(key)
    if found is None:
        found = p.memo[key] = [(bag(stems, p.weights), span) for stems, span in _clause_runs(p, k)]
    return found  # type: ignore[return-value]


def _clause_runs(p: Prepared, k: int) -> list[tuple[tuple[str, ...], tuple[int, int]]]:
    """Every run of whole clauses of sentence ``k`` shorter than the sentence: its stems
    and its span."""
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


def options(pa: Prepared, pb: Prepared, cands: dict[tuple[int, int], Match]) -> list[Link]:
    """Every way each candidate pair may link: as is, narrowed to clauses, or joined
    with a neighbouring sentence on one side."""
    names = names_of(pa, pb)
    wa, wb = pa.weights, pb.weights
    out: list[Link] = []
    for (i, j), m in cands.items():
        best = Link(i, i, j, j, m, _span(pa, i, i), _span(pb, j, j))
        if m.cover_a < CLAUSE_TRY:
            bag_b = pb.bag(j)
            for window, span in _clause_windows(pa, i):
                mm = match_bags(window, bag_b, wa, wb, names)
                if mm.score > best.score + CLAUSE_GAIN:
                    best = Link(i, i, j, j, mm, span, best.b_span)
        if m.cover_b < CLAUSE_TRY:
            bag_a = pa.bag(i)
            for window, span in _clause_windows(pb, j):
                mm = match_bags(bag_a, window, wa, wb, names)
                if mm.score > best.score + CLAUSE_GAIN:
                    best = Link(i, i, j, j, mm, _span(pa, i, i), span)
        out.append(best)
        for j2 in (j - 1, j + 1):
            if _adjacent(pb, j, j2):
                lo, hi = min(j, j2), max(j, j2)
                mm = match_bags(pa.bag(i), pb.joined_bag(lo, hi), wa, wb, names)
                if mm.score > m.score + JOIN_GAIN:
                    out.append(Link(i, i, lo, hi, mm, _span(pa, i, i), _span(pb, lo, hi)))
        for i2 in (i - 1, i + 1):
            if _adjacent(pa, i, i2):
                lo, hi = min(i, i2), max(i, i2)
                mm = match_bags(pa.joined_bag(lo, hi), pb.bag(j), wa, wb, names)
                if mm.score > m.score + JOIN_GAIN:
                    out.append(Link(lo, hi, j, j, mm, _span(pa, lo, hi), _span(pb, j, j)))
    return out


def is_seed(m: Match, threshold: float, chance: float, mutual: bool) -> bool:
    """A link that stands on its own. ``chance`` is the log of the number of sentence
    pairs: the more pairs two texts offer, the more share a few rare words by chance.
    ``mutual``: each sentence is the other's best match, which lowers the evidence a
    link at the threshold needs, and lets a lower score rest on much rare weight."""
    if m.score >= threshold and enough_evidence(m):
        return True
    if not mutual or m.figures_differ:
        return False
    if m.score >= threshold and m.common >= MUTUAL_COMMON and m.shared >= MUTUAL_SHARED:
        return True  # each other's best match needs fewer shared words besides names
    return (
        m.score >= threshold * MASS_SHARE
        and m.common >= MASS_COMMON
        and m.mass >= max(MASS_MIN, MASS_PER_PAIRS * chance)
    )


def run_link(
    pa: Prepared, pb: Prepared, a_span: tuple[int, int], b_span: tuple[int, int], words: int
) -> Link | None:
    """A link over a run of identical words: the sentences it mostly covers, its spans
    cut to them (a run that spills a word or two into the next sentence leaves that
    sentence free); None when it mostly covers no sentence on a side."""
    a0, a1, a_span = _covered(pa, a_span)
    b0, b1, b_span = _covered(pb, b_span)
    if a1 < a0 or b1 < b0:
        return None
    # The whole sentences: words changed before or after the identical run are part of
    # the sentence taken over (its word diff shows them; one-sided ends are trimmed).
    a_span = (pa.sentences[a0].start, pa.sentences[a1].end)
    b_span = (pb.sentences[b0].start, pb.sentences[b1].end)
    return Link(a0, a1, b0, b1, Match(1.0, 1.0, words, words, float(words)), a_span, b_span)


def _covered(p: Prepared, span: tuple[int, int]) -> tuple[int, int, tuple[int, int]]:
    """The sentences ``span`` holds at least half of, and ``span`` cut to them."""
    ends = cast("list[int] | None", p.memo.get("sentence ends"))
    if ends is None:
        ends = p.memo["sentence ends"] = [x.end for x in p.sentences]
    sentences = p.sentences
    # Sentences that do not touch the span hold none of it: only those that may are read.
    inside = []
    for k in range(bisect.bisect_left(ends, span[0]), len(sentences)):
        sentence = sentences[k]
        if sentence.start > span[1]:
            break
        if min(sentence.end, span[1]) - max(sentence.start, span[0]) >= 0.5 * (sentence.end - sentence.start):
            inside.append(k)
    if not inside:
        return 0, -1, span
    first, last = p.sentences[inside[0]], p.sentences[inside[-1]]
    return inside[0], inside[-1], (max(span[0], first.start), min(span[1], last.end))


def same_wording(pa: Prepared, pb: Prepared, link: Link) -> bool:
    """The two sides are one sentence lightly edited, word for word in order, even if
    the words they share are mostly names ("held in the Armstrong County Jail")."""
    ops = word_diff(pa.article.text, *link.a_span, pb.article.text, *link.b_span)
    return diff_stats(ops, pa.article.text, pb.article.text).similarity >= EDITED_MIN


def _dist(a0: int, a1: int, b0: int, b1: int) -> int:
    """Sentences strictly between two ranges (0 when adjacent, negative when they overlap)."""
    return max(a0, b0) - min(a1, b1) - 1


def content_words(p: Prepared) -> list[int]:
    """Running count of content words: before sentence ``k``, ``out[k]`` of them."""
    out = [0]
    for stems in p.stems:
        out.append(out[-1] + len(stems))
    return out


def _words_between(counts: Sequence[int], a0: int, a1: int, b0: int, b1: int) -> int:
    """Content words in the sentences strictly between two ranges; -1 when they overlap."""
    if max(a0, b0) <= min(a1, b1):
        return -1
    end, start = (a1, b0) if a0 < b0 else (b1, a0)
    return counts[start] - counts[end + 1]


def near(
    o: Link,
    link: Link,
    gap: int,
    words: tuple[Sequence[int], Sequence[int]] | None = None,
) -> bool:
    """``o`` lies within ``gap`` sentences of ``link`` on both sides; with ``words`` (each
    side's :func:`content_words`), a gap of short sentences holding at most ``GAP_WORDS``
    content words in all is near too (a run of captions, a stray reference mark)."""
    for lo0, lo1, hi0, hi1, counts in (
        (o.a0, o.a1, link.a0, link.a1, words[0] if words else None),
        (o.b0, o.b1, link.b0, link.b1, words[1] if words else None),
    ):
        if _dist(lo0, lo1, hi0, hi1) > gap and (
            counts is None or _words_between(counts, lo0, lo1, hi0, hi1) > GAP_WORDS
        ):
            return False
    return True


def reach(first: int, last: int, gap: int, counts: Sequence[int] | None = None) -> tuple[int, int]:
    """The sentences that a range ``first..last`` of one side may be :func:`near` to
    with ``gap`` (and that side's :func:`content_words` ``counts``): a range of another
    link that meets none of them is not near it."""
    lo, hi = first - gap - 1, last + gap + 1
    if counts is not None:  # short sentences holding GAP_WORDS content words in all
        lo = min(lo, bisect.bisect_left(counts, counts[first] - GAP_WORDS) - 1)
        hi = max(hi, bisect.bisect_right(counts, counts[last + 1] + GAP_WORDS) - 1)
    return lo, hi


class _Chosen:
    def __init__(self) -> None:
        self.used_a: set[int] = set()
        self.used_b: set[int] = set()
        self.links: list[Link] = []

    def free(self, o: Link) -> bool:
        return not any(k in self.used_a for k in range(o.a0, o.a1 + 1)) and not any(
            k in self.used_b for k in range(o.b0, o.b1 + 1)
        )

    def take(self, o: Link) -> None:
        self.used_a.update(range(o.a0, o.a1 + 1))
        self.used_b.update(range(o.b0, o.b1 + 1))
        self.links.append(o)


def candidate_floor(threshold: float) -> float:
    """The lowest score at which a sentence pair may become a link: every pair scoring
    less is left out before links are chosen."""
    return min(threshold * WEAK_SHARE, threshold * MASS_SHARE)


def choose_links(
    pa: Prepared,
    pb: Prepared,
    threshold: float,
    semantic: Sequence[tuple[int, int, float]] = (),
    fixed: Sequence[Link] = (),
    cells: Sequence[Cell] | None = None,
) -> list[Link]:
    """Chosen sentence links, in A's order.

    ``semantic`` lists sentence pairs ``(i, j, cosine)`` that sentence embeddings put
    close (see :mod:`.embeddings`); each still needs a shared word that is not a name.
    ``fixed`` links (long identical runs of words) are taken before any other.
    ``cells``: the sentence pairs a corpus search proposed (:func:`.candidates.corpus_cells`
    at :func:`candidate_floor`); found here when not given.
    """
    weak = threshold * WEAK_SHARE
    cands = sentence_pairs(pa, pb, candidate_floor(threshold), cells)
    opts = options(pa, pb, cands)
    opts.sort(key=lambda o: (-o.score, o.a0, o.b0))
    chosen = _Chosen()
    for o in fixed:
        if chosen.free(o):
            chosen.take(o)
    chance = math.log(max(1, len(pa.sentences) * len(pb.sentences)))
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for (i, j), m in cands.items():
        best_a[i] = max(best_a.get(i, 0.0), m.score)
        best_b[j] = max(best_b.get(j, 0.0), m.score)
    for o in opts:
        mutual = o.score >= best_a.get(o.a0, 0.0) and o.score >= best_b.get(o.b0, 0.0)
        seed = is_seed(o.match, threshold, chance, mutual) or (
            o.score >= threshold and same_wording(pa, pb, o)
        )
        if seed and chosen.free(o):
            chosen.take(o)
    for i, j, cosine in sorted(semantic, key=lambda t: (-t[2], t[0], t[1])):
        m = cands.get((i, j)) or score(pa, pb, i, j)
        o = Link(i, i, j, j, m, _span(pa, i, i), _span(pb, j, j), cosine)
        if m.common >= SEM_COMMON and m.score >= threshold * SEM_SHARE and chosen.free(o):
            chosen.take(o)
    pending = [o for o in opts if o.score >= weak and some_evidence(o.match)]
    grew = True
    while grew:
        grew = False
        for o in pending:
            if chosen.free(o) and any(near(o, c, GAP) for c in chosen.links):
                chosen.take(o)
                grew = True
    return sorted(_with_rivals(chosen.links, cands), key=lambda o: (o.a0, o.b0))


def _with_rivals(links: list[Link], cands: dict[tuple[int, int], Match]) -> list[Link]:
    """``links``, each of one sentence a side with its :attr:`Link.rival`."""
    if not any(o.a0 == o.a1 and o.b0 == o.b1 for o in links):
        return links  # nothing to ask: no index of the candidates on every pair's path
    best_a: dict[int, list[tuple[int, float]]] = {}
    best_b: dict[int, list[tuple[int, float]]] = {}
    for (i, j), m in cands.items():
        best_a.setdefault(i, []).append((j, m.score))
        best_b.setdefault(j, []).append((i, m.score))
    out = []
    for o in links:
        if o.a0 == o.a1 and o.b0 == o.b1 and (own := cands.get((o.a0, o.b0))) is not None and own.score:
            rival = max(
                [s for j, s in best_a.get(o.a0, ()) if abs(j - o.b0) > 1]
                + [s for i, s in best_b.get(o.b0, ()) if abs(i - o.a0) > 1],
                default=0.0,
            )
            o = replace(o, rival=rival / own.score)
        out.append(o)
    return out
