"""How alike two sentences are, from their content words weighted by rarity.

Weights come from the set of articles being compared (inverse sentence frequency): in a
set of articles about one story, the names and topic words every outlet repeats ("Meta",
"Zuckerberg", "AI") weigh little, so two sentences that share only those do not match.
Coverage is measured both ways, so a short line of names inside a long sentence does not
match either.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Two different stems still match partly when they share a long prefix
# ("regul" / "regulatori"): Porter2 leaves derivational families apart.
PREFIX_MATCH = 5
PREFIX_CREDIT = 0.75


NAME_FACTOR = 0.5  # names say what a sentence is about, not how it is worded
NUMBER_PENALTY = 0.8  # coverage kept when both sides give figures and none agree


@dataclass(frozen=True, slots=True)
class Idf:
    """Inverse sentence frequency of content stems over a set of sentences.

    ``names`` are stems mostly written with a capital inside a sentence (people,
    companies, places, acronyms): they weigh less, and a link needs more than them.
    """

    df: dict[str, int]
    n: int
    names: frozenset[str] = frozenset()
    weights: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    _totals: dict[int, tuple[Sequence[Sequence[str]], list[float]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def build(cls, sentences: Iterable[tuple[Sequence[str], Iterable[str], str]]) -> Idf:
        """From (content stems, stems capitalised inside the sentence, stem of a capitalised
        first word or "") per sentence.

        A name is a stem seen capitalised inside some sentence and written lower case in
        almost none: a first word's capital proves nothing on its own.
        """
        df: Counter[str] = Counter()
        capital: Counter[str] = Counter()
        initial: Counter[str] = Counter()
        n = 0
        for stems, caps, first in sentences:
            n += 1
            unique = set(stems)
            df.update(unique)
            mid = set(caps)
            capital.update(mid)
            if first and first in unique and first not in mid:
                initial[first] += 1
        names = frozenset(s for s, c in capital.items() if c + initial[s] >= 0.8 * df[s])
        return cls(dict(df), n, names)

    def weight(self, stem: str) -> float:
        """The stem's weight; memoised, since the aligner asks for it millions of times."""
        w = self.weights.get(stem)
        if w is None:
            # Smoothed so that a set of two short articles still gives sane weights, and a
            # stem seen in every sentence keeps a small positive weight.
            w = math.log((self.n + 1) / (self.df.get(stem, 0) + 0.5)) + 0.1
            if stem in self.names:
                w *= NAME_FACTOR
            self.weights[stem] = w
        return w

    def total(self, stems: Sequence[str]) -> float:
        """Summed weight of a bag of stems."""
        weight = self.weight
        return sum(weight(s) for s in stems)

    def sentence_totals(self, sentences: Sequence[Sequence[str]]) -> list[float]:
        """``total`` of every sentence of one article, memoised for this weighting.

        Keyed by the identity of the (immutable) sequence; the sequence is kept beside its
        totals, so an id reused after the sequence is gone never returns stale figures.
        """
        key = id(sentences)
        found = self._totals.get(key)
        if found is None or found[0] is not sentences:
            found = self._totals[key] = (sentences, [self.total(stems) for stems in sentences])
        return found[1]


@dataclass(frozen=True, slots=True)
class Match:
    """Coverage of each side's content weight by the other side."""

    cover_a: float
    cover_b: float
    shared: float  # matched content words (prefix matches count partly)
    common: float = 0.0  # ... of which are not names

    @property
    def score(self) -> float:
        """Harmonic mean of both coverages: high only when each side covers the other."""
        total = self.cover_a + self.cover_b
        return 2 * self.cover_a * self.cover_b / total if total else 0.0


def match(stems_a: Sequence[str], stems_b: Sequence[str], idf: Idf) -> Match:
    """Weighted soft overlap of two bags of content stems."""
    if not stems_a or not stems_b:
        return Match(0.0, 0.0, 0.0)
    bag_a = Counter(stems_a)
    bag_b = Counter(stems_b)
    weight = idf.weight
    total_a = sum(weight(s) * c for s, c in bag_a.items())
    total_b = sum(weight(s) * c for s, c in bag_b.items())

    got = 0.0  # identical stems weigh the same on both sides
    got_a = got_b = 0.0  # prefix matches weigh each side's own stem
    shared = common = 0.0
    names = idf.names
    left_a: list[str] = []
    for stem, count_a in bag_a.items():
        count_b = bag_b.get(stem, 0)
        if count_b:
            n = min(count_a, count_b)
            got += weight(stem) * n
            shared += n
            if stem not in names:
                common += n
        elif len(stem) >= PREFIX_MATCH:
            left_a.append(stem)
    if left_a:
        # Partial credit for stems of one family that the stemmer left apart.
        by_prefix: dict[str, list[str]] = {}
        for other in bag_b:
            if other not in bag_a and len(other) >= PREFIX_MATCH:
                by_prefix.setdefault(other[:PREFIX_MATCH], []).append(other)
        for stem in left_a:
            family = by_prefix.get(stem[:PREFIX_MATCH])
            if family:
                other = family.pop()
                got_a += PREFIX_CREDIT * weight(stem)
                got_b += PREFIX_CREDIT * weight(other)
                shared += PREFIX_CREDIT
                if stem not in names:
                    common += PREFIX_CREDIT
    cover_a = min(1.0, (got + got_a) / total_a)
    cover_b = min(1.0, (got + got_b) / total_b)
    if _numbers_disagree(bag_a, bag_b):
        cover_a *= NUMBER_PENALTY
        cover_b *= NUMBER_PENALTY
    return Match(cover_a, cover_b, shared, common)


def _has_digit(stem: str) -> bool:
    return any(ch.isdigit() for ch in stem)


def _numbers_disagree(bag_a: Counter[str], bag_b: Counter[str]) -> bool:
    """Both sentences give figures and share none ("added 8.27 points" / "climbed 19.11
    points"): a market report template, not one sentence reused."""
    nums_a = {s for s in bag_a if not s.isalpha() and _has_digit(s)}
    nums_b = {s for s in bag_b if not s.isalpha() and _has_digit(s)}
    return bool(nums_a) and bool(nums_b) and not nums_a & nums_b


def link_threshold(sensitivity: float) -> float:
    """Lowest match score that links two sentences, from the user's sensitivity 0..1.

    The default sensitivity, 0.5, gives ``BASE_THRESHOLD``; the ends of the scale move it
    by 0.15 either way.
    """
    sensitivity = min(1.0, max(0.0, sensitivity))
    return BASE_THRESHOLD + (0.5 - sensitivity) * 0.3


BASE_THRESHOLD = 0.42


def enough_evidence(m: Match) -> bool:
    """Whether a match rests on enough shared words to be more than coincidence.

    At least two shared words that are not names, and: three shared content words that
    are not names, or three with a good score, or four with a fair one; a close match of
    short sentences may rest on two. The same sentence may be all names.
    """
    if m.score >= 0.9 and m.shared >= 3:
        return True  # the same sentence, even if it is mostly names
    if m.common < 2:
        return False
    if m.shared >= 3 and (m.common >= 3 or m.score >= 0.6):
        return True
    if m.shared >= 4 and m.score >= 0.5:
        return True
    return m.shared >= 2 and m.score >= 0.7


MIN_SHARED = 2  # identical content stems that make a pair of sentences worth scoring
