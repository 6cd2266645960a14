"""How alike two sentences are, from the content words they share, weighted by rarity.

Each side weighs its own words (:attr:`.prepared.Prepared.weights`: rarity in general
English, lowered for the article's topic words and names), and a word both sides hold
counts on each side with that side's own weight. Coverage is measured both ways (the
share of each side's weight the other side holds), so a short line of names inside a
long sentence does not match.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

# Two different stems still match partly when they share a long prefix
# ("regul" / "regulatori", "multimod" / "multimodel"): Porter2 leaves derivational
# families apart, and typos happen.
PREFIX_MATCH = 5
PREFIX_CREDIT = 0.75
NUMBER_PENALTY = 0.8  # coverage kept when both sides give figures and none agree
ACRONYM_MIN, ACRONYM_MAX = 2, 5

BASE_THRESHOLD = 0.42  # link threshold at the default sensitivity
SENSITIVITY_RANGE = 0.3  # the ends of the sensitivity scale move it by half of this


@dataclass(frozen=True, slots=True)
class Match:
    """Coverage of each side's content weight by the other side."""

    cover_a: float
    cover_b: float
    shared: float  # matched content words (prefix matches count partly)
    common: float = 0.0  # ... of which are not names
    mass: float = 0.0  # the matched weight (mean of both sides' view of it)
    figures_differ: bool = False  # both sides give figures and none agree

    @property
    def score(self) -> float:
        """Harmonic mean of both coverages: high only when each side covers the other."""
        total = self.cover_a + self.cover_b
        return 2 * self.cover_a * self.cover_b / total if total else 0.0


NO_MATCH = Match(0.0, 0.0, 0.0)

Weights = Mapping[str, float]


def match(
    stems_a: Sequence[str],
    stems_b: Sequence[str],
    weights_a: Weights,
    weights_b: Weights,
    names: Callable[[str], bool] = lambda s: False,
) -> Match:
    """Weighted soft overlap of two bags of content stems.

    ``names(stem)`` says whether a stem is a name (it then counts in ``shared`` but not
    in ``common``).
    """
    if not stems_a or not stems_b:
        return NO_MATCH
    bag_a = Counter(stems_a)
    bag_b = Counter(stems_b)
    total_a = sum(weights_a.get(s, 0.0) * c for s, c in bag_a.items())
    total_b = sum(weights_b.get(s, 0.0) * c for s, c in bag_b.items())
    if total_a <= 0 or total_b <= 0:
        return NO_MATCH
    got_a = got_b = 0.0
    shared = common = 0.0
    left_a: list[str] = []
    for s, count_a in bag_a.items():
        count_b = bag_b.get(s, 0)
        if count_b:
            n = min(count_a, count_b)
            got_a += weights_a.get(s, 0.0) * n
            got_b += weights_b.get(s, 0.0) * n
            shared += n
            if not names(s):
                common += n
        elif len(s) >= PREFIX_MATCH:
            left_a.append(s)
    if left_a:
        # Partial credit for stems of one family that the stemmer left apart.
        by_prefix: dict[str, list[str]] = {}
        for other in bag_b:
            if other not in bag_a and len(other) >= PREFIX_MATCH:
                by_prefix.setdefault(other[:PREFIX_MATCH], []).append(other)
        for s in left_a:
            family = by_prefix.get(s[:PREFIX_MATCH])
            if family:
                other = family.pop()
                got_a += PREFIX_CREDIT * weights_a.get(s, 0.0)
                got_b += PREFIX_CREDIT * weights_b.get(other, 0.0)
                shared += PREFIX_CREDIT
                if not names(s):
                    common += PREFIX_CREDIT
    # Acronyms written out on the other side ("EU" / "European Union").
    for short, other_bag, long_seq, short_w, long_w, short_is_a in (
        (bag_a, bag_b, stems_b, weights_a, weights_b, True),
        (bag_b, bag_a, stems_a, weights_b, weights_a, False),
    ):
        letters = None
        for s in short:
            if ACRONYM_MIN <= len(s) <= ACRONYM_MAX and s.isalpha() and s not in other_bag:
                if letters is None:
                    letters = _initials(long_seq) if isinstance(long_seq, tuple) else initials(long_seq)
                window = _expansion(s, long_seq, letters)
                if window:
                    ws = short_w.get(s, 0.0)
                    wl = sum(long_w.get(t, 0.0) for t in window)
                    got_a, got_b = (got_a + ws, got_b + wl) if short_is_a else (got_a + wl, got_b + ws)
                    shared += 1
    cover_a = min(1.0, got_a / total_a)
    cover_b = min(1.0, got_b / total_b)
    differ = numbers_disagree(bag_a, bag_b)
    if differ:
        cover_a *= NUMBER_PENALTY
        cover_b *= NUMBER_PENALTY
    return Match(cover_a, cover_b, shared, common, (got_a + got_b) / 2, differ)


def expansion(acronym: str, stems: Sequence[str]) -> tuple[str, ...]:
    """Consecutive stems (of three letters or more) whose initials spell ``acronym``."""
    return _expansion(acronym, stems, initials(stems))


@functools.lru_cache(maxsize=65_536)
def _initials(stems: tuple[str, ...]) -> str:
    """:func:`initials`, remembered: a sentence meets many others."""
    return initials(stems)


def initials(stems: Sequence[str]) -> str:
    """The first letter of each stem, NUL for a stem of two letters or fewer (it starts
    no word of an expansion): an acronym's expansion is where this string spells it."""
    return "".join(w[0] if len(w) > 2 else "\0" for w in stems)


def _expansion(acronym: str, stems: Sequence[str], letters: str) -> tuple[str, ...]:
    k = letters.find(acronym)  # the first window whose initials spell the acronym
    return tuple(stems[k : k + len(acronym)]) if k >= 0 else ()


def _has_digit(stem: str) -> bool:
    return any(ch.isdigit() for ch in stem)


def numbers_disagree(bag_a: Mapping[str, int], bag_b: Mapping[str, int]) -> bool:
    """Both sentences give figures and share none ("added 8.27 points" / "climbed 19.11
    points"): a market report template, not one sentence reused."""
    nums_a = {s for s in bag_a if not s.isalpha() and _has_digit(s)}
    nums_b = {s for s in bag_b if not s.isalpha() and _has_digit(s)}
    return bool(nums_a) and bool(nums_b) and not nums_a & nums_b


def link_threshold(sensitivity: float) -> float:
    """Lowest match score that links two sentences on its own, from the user's
    sensitivity 0..1 (0.5, the default, gives ``BASE_THRESHOLD``)."""
    sensitivity = min(1.0, max(0.0, sensitivity))
    return BASE_THRESHOLD + (0.5 - sensitivity) * SENSITIVITY_RANGE


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


def some_evidence(m: Match) -> bool:
    """The looser test for a link next to others already found: two shared words, one
    of them more than a name."""
    return (m.score >= 0.9 and m.shared >= 3) or (m.common >= 1.5 and m.shared >= 2)
