"""How alike two sentences are, from the content words they share, weighted by rarity.

Each side weighs its own words (:attr:`.prepared.Prepared.weights`: rarity in general
English, lowered for the article's topic words and names), and a word both sides hold
counts on each side with that side's own weight. Coverage is measured both ways (the
share of each side's weight the other side holds), so a short line of names inside a
long sentence does not match.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
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


@dataclass(frozen=True, slots=True)
class Bag:
    """A bag of content stems with what :func:`match_bags` asks of it, worked out once:
    a sentence meets many others, and its clause windows meet each of them."""

    seq: tuple[str, ...]  # the stems in order
    counts: Mapping[str, int]  # each stem's count, in the order of first occurrence
    total: float  # summed weight (with the weights of the bag's own article)
    letters: str  # :func:`initials` of ``seq``
    short: tuple[str, ...]  # distinct stems that may be acronyms, in ``counts`` order
    heads: tuple[str, ...]  # the first two letters of each of ``short``, once each
    # PREFIX_MATCH-letter prefix -> the stems at least that long with it, in ``counts`` order
    families: Mapping[str, tuple[str, ...]]
    numbers: frozenset[str]  # stems that are figures
    long: tuple[str, ...]  # distinct stems of PREFIX_MATCH letters or more, in ``counts`` order


_NONE: frozenset[str] = frozenset()


def bag(stems: Sequence[str], weights: Weights) -> Bag:
    """The :class:`Bag` of ``stems``, weighed with ``weights``. Bags are many (every
    sentence, clause window and joined pair of sentences of a corpus), so they share
    their small strings and empty sets."""
    seq = tuple(stems)
    counts: dict[str, int] = {}
    for s in seq:
        counts[s] = counts.get(s, 0) + 1
    short: list[str] = []
    long: list[str] = []
    families: dict[str, list[str]] = {}
    for s in counts:
        if len(s) >= PREFIX_MATCH:
            families.setdefault(sys.intern(s[:PREFIX_MATCH]), []).append(s)
            long.append(s)
        if ACRONYM_MIN <= len(s) <= ACRONYM_MAX and s.isalpha():
            short.append(s)
    numbers = figures(counts)
    return Bag(
        seq,
        counts,
        sum(weights.get(s, 0.0) * c for s, c in counts.items()),
        initials(seq),
        tuple(short),
        tuple(dict.fromkeys(sys.intern(s[:2]) for s in short)),
        {p: tuple(v) for p, v in families.items()},
        numbers or _NONE,
        tuple(long),
    )


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
    return match_bags(bag(stems_a, weights_a), bag(stems_b, weights_b), weights_a, weights_b, names)


def match_bags(
    a: Bag,
    b: Bag,
    weights_a: Weights,
    weights_b: Weights,
    names: Callable[[str], bool] = lambda s: False,
) -> Match:
    """:func:`match` of two bags made with :func:`bag` (``a`` with ``weights_a``, ``b``
    with ``weights_b``)."""
    total_a, total_b = a.total, b.total
    if total_a <= 0 or total_b <= 0:
        return NO_MATCH
    bag_a, bag_b = a.counts, b.counts
    got_a = got_b = 0.0
    shared = common = 0.0
    both = bag_a.keys() & bag_b.keys()
    # In A's order, as A's total was summed: a whole bag matched covers exactly 1.0.
    for s in [s for s in bag_a if s in both] if len(both) > 1 else both:
        n = min(bag_a[s], bag_b[s])
        got_a += weights_a.get(s, 0.0) * n
        got_b += weights_b.get(s, 0.0) * n
        shared += n
        if not names(s):
            common += n
    families = b.families
    if families and not families.keys().isdisjoint(a.families):
        # Partial credit for stems of one family that the stemmer left apart: each stem
        # of A that B lacks takes the last free stem of B with its prefix that A does not
        # hold as it is.
        taken: set[str] = set()
        for s in a.long:
            if s in bag_b:
                continue
            family = families.get(s[:PREFIX_MATCH])
            if family:
                other = next((o for o in reversed(family) if o not in bag_a and o not in taken), None)
                if other is None:
                    continue
                taken.add(other)
                got_a += PREFIX_CREDIT * weights_a.get(s, 0.0)
                got_b += PREFIX_CREDIT * weights_b.get(other, 0.0)
                shared += PREFIX_CREDIT
                if not names(s):
                    common += PREFIX_CREDIT
    # Acronyms written out on the other side ("EU" / "European Union").
    for short, other_bag, long, short_w, long_w, short_is_a in (
        (a, bag_b, b, weights_a, weights_b, True),
        (b, bag_a, a, weights_b, weights_a, False),
    ):
        if not any(map(long.letters.__contains__, short.heads)):
            continue  # no acronym's first two letters are initials of neighbours there
        for s in short.short:
            if s not in other_bag and (k := long.letters.find(s)) >= 0:  # the first place it is spelt
                ws = short_w.get(s, 0.0)
                wl = sum(long_w.get(t, 0.0) for t in long.seq[k : k + len(s)])
                got_a, got_b = (got_a + ws, got_b + wl) if short_is_a else (got_a + wl, got_b + ws)
                shared += 1
    cover_a = min(1.0, got_a / total_a)
    cover_b = min(1.0, got_b / total_b)
    differ = figures_disagree(a.numbers, b.numbers)
    if differ:
        cover_a *= NUMBER_PENALTY
        cover_b *= NUMBER_PENALTY
    return Match(cover_a, cover_b, shared, common, (got_a + got_b) / 2, differ)


def expansion(acronym: str, stems: Sequence[str]) -> tuple[str, ...]:
    """Consecutive stems (of three letters or more) whose initials spell ``acronym``."""
    return _expansion(acronym, stems, initials(stems))


def initials(stems: Sequence[str]) -> str:
    """The first letter of each stem, NUL for a stem of two letters or fewer (it starts
    no word of an expansion): an acronym's expansion is where this string spells it."""
    return "".join(w[0] if len(w) > 2 else "\0" for w in stems)


def _expansion(acronym: str, stems: Sequence[str], letters: str) -> tuple[str, ...]:
    k = letters.find(acronym)  # the first window whose initials spell the acronym
    return tuple(stems[k : k + len(acronym)]) if k >= 0 else ()


def _has_digit(stem: str) -> bool:
    return any(ch.isdigit() for ch in stem)


def figures(stems: Iterable[str]) -> frozenset[str]:
    """The stems that are figures ("8.27", "2024")."""
    return frozenset(s for s in stems if not s.isalpha() and _has_digit(s))


def figures_disagree(nums_a: frozenset[str], nums_b: frozenset[str]) -> bool:
    """Both sentences give figures and share none ("added 8.27 points" / "climbed 19.11
    points"): a market report template, not one sentence reused."""
    return bool(nums_a) and bool(nums_b) and nums_a.isdisjoint(nums_b)


def numbers_disagree(bag_a: Mapping[str, int], bag_b: Mapping[str, int]) -> bool:
    """:func:`figures_disagree` of two bags of stems."""
    return figures_disagree(figures(bag_a), figures(bag_b))


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
