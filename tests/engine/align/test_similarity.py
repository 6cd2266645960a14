"""Sentence similarity: word weights and the figures behind each score."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.engine.align.similarity import (
    Match,
    enough_evidence,
    expansion,
    link_threshold,
    match,
    numbers_disagree,
    some_evidence,
)

FLAT: dict[str, float] = {}


def flat(*stems: str) -> dict[str, float]:
    return {s: 1.0 for s in stems}


def test_identical_bags_cover_each_other() -> None:
    w = flat("merger", "broadband", "regul")
    m = match(["merger", "broadband", "regul"], ["regul", "merger", "broadband"], w, w)
    assert m.cover_a == m.cover_b == m.score == 1.0
    assert m.shared == 3 and m.common == 3 and m.mass == 3


def test_names_count_as_shared_but_not_common() -> None:
    w = flat("zuckerberg", "ek", "complain")
    m = match(
        ["zuckerberg", "ek", "complain"], ["zuckerberg", "ek", "complain"], w, w, lambda s: s != "complain"
    )
    assert m.shared == 3 and m.common == 1


def test_a_long_shared_prefix_counts_partly() -> None:
    w = flat("multimod", "multimodel", "access")
    m = match(["multimod", "access"], ["multimodel", "access"], w, w)
    assert 0.8 < m.score < 1.0
    assert m.shared == pytest.approx(1.75)


@pytest.mark.parametrize(
    ("acronym", "stems", "expected"),
    [
        ("eu", ["the", "european", "union", "rule"], ("european", "union")),
        ("ai", ["artifici", "intellig"], ("artifici", "intellig")),
        ("eu", ["europ", "ux"], ()),  # a two-letter stem spells nothing
        ("gdpr", ["general", "data", "protect"], ()),
    ],
)
def test_acronym_expansion(acronym: str, stems: list[str], expected: tuple[str, ...]) -> None:
    assert expansion(acronym, stems) == expected


def test_an_acronym_matches_its_expansion() -> None:
    w = flat("eu", "european", "union", "regul")
    without = match(["eu", "regul"], ["regul", "commiss"], w, {**w, "commiss": 1.0})
    with_it = match(["eu", "regul"], ["european", "union", "regul"], w, w)
    assert with_it.score > without.score
    assert with_it.cover_a == 1.0 and with_it.cover_b == 1.0


def test_figures_that_disagree_lower_the_score() -> None:
    w = flat("nasdaq", "ad", "8.27", "19.11", "point")
    same = match(["nasdaq", "8.27", "point"], ["nasdaq", "8.27", "point"], w, w)
    other = match(["nasdaq", "8.27", "point"], ["nasdaq", "19.11", "point"], w, w)
    assert other.figures_differ and not same.figures_differ
    assert numbers_disagree({"8.27": 1}, {"19.11": 1}) and not numbers_disagree({"8.27": 1}, {"point": 1})


def test_empty_or_weightless_sides_match_nothing() -> None:
    w = flat("a1")
    assert match([], ["a1"], w, w).score == 0
    assert match(["zz"], ["zz"], {}, {}).score == 0


def test_threshold_follows_sensitivity() -> None:
    assert link_threshold(0.5) == pytest.approx(0.42)
    assert link_threshold(1.0) < link_threshold(0.5) < link_threshold(0.0)
    assert link_threshold(9) == link_threshold(1.0)


@pytest.mark.parametrize(
    ("m", "strict", "loose"),
    [
        (Match(1.0, 1.0, 3, 0), True, True),  # the same sentence, all names
        (Match(0.5, 0.5, 3, 1), False, False),
        (Match(0.7, 0.7, 3, 3), True, True),
        (Match(0.45, 0.45, 2, 2), False, True),
    ],
)
def test_evidence(m: Match, strict: bool, loose: bool) -> None:
    assert enough_evidence(m) is strict
    assert some_evidence(m) is loose


stems = st.lists(
    st.sampled_from(["merger", "broadband", "regul", "regulatori", "eu", "european", "union", "4.5"]),
    max_size=8,
)


@given(stems, stems)
def test_scores_stay_in_range_and_mirror(a: list[str], b: list[str]) -> None:
    w = flat("merger", "broadband", "regul", "regulatori", "eu", "european", "union", "4.5")
    m, back = match(a, b, w, w), match(b, a, w, w)
    assert 0.0 <= m.cover_a <= 1.0 and 0.0 <= m.cover_b <= 1.0 and 0.0 <= m.score <= 1.0
    assert back.score == pytest.approx(m.score)


def _plain_match(a: list[str], b: list[str], wa: dict[str, float], wb: dict[str, float], names) -> Match:
    """The match as first written, straight from its definition, bag by bag each time."""
    from collections import Counter

    from desktop.engine.align.similarity import (
        ACRONYM_MAX,
        ACRONYM_MIN,
        NO_MATCH,
        NUMBER_PENALTY,
        PREFIX_CREDIT,
        PREFIX_MATCH,
    )

    if not a or not b:
        return NO_MATCH
    bag_a, bag_b = Counter(a), Counter(b)
    total_a = sum(wa.get(s, 0.0) * c for s, c in bag_a.items())
    total_b = sum(wb.get(s, 0.0) * c for s, c in bag_b.items())
    if total_a <= 0 or total_b <= 0:
        return NO_MATCH
    got_a = got_b = shared = common = 0.0
    left = []
    for s, ca in bag_a.items():
        if bag_b.get(s, 0):
            n = min(ca, bag_b[s])
            got_a, got_b, shared = got_a + wa.get(s, 0.0) * n, got_b + wb.get(s, 0.0) * n, shared + n
            common += 0 if names(s) else n
        elif len(s) >= PREFIX_MATCH:
            left.append(s)
    by_prefix: dict[str, list[str]] = {}
    for o in bag_b:
        if o not in bag_a and len(o) >= PREFIX_MATCH:
            by_prefix.setdefault(o[:PREFIX_MATCH], []).append(o)
    for s in left:
        if by_prefix.get(s[:PREFIX_MATCH]):
            o = by_prefix[s[:PREFIX_MATCH]].pop()
            got_a, got_b = got_a + PREFIX_CREDIT * wa.get(s, 0.0), got_b + PREFIX_CREDIT * wb.get(o, 0.0)
            shared += PREFIX_CREDIT
            common += 0 if names(s) else PREFIX_CREDIT
    for short, other, seq, ws_, wl_, is_a in (
        (bag_a, bag_b, b, wa, wb, True),
        (bag_b, bag_a, a, wb, wa, False),
    ):
        for s in short:
            if ACRONYM_MIN <= len(s) <= ACRONYM_MAX and s.isalpha() and s not in other:
                window = expansion(s, seq)
                if window:
                    ws, wl = ws_.get(s, 0.0), sum(wl_.get(t, 0.0) for t in window)
                    got_a, got_b = (got_a + ws, got_b + wl) if is_a else (got_a + wl, got_b + ws)
                    shared += 1
    cover_a, cover_b = min(1.0, got_a / total_a), min(1.0, got_b / total_b)
    differ = numbers_disagree(bag_a, bag_b)
    if differ:
        cover_a, cover_b = cover_a * NUMBER_PENALTY, cover_b * NUMBER_PENALTY
    return Match(cover_a, cover_b, shared, common, (got_a + got_b) / 2, differ)


# Families of stems the stemmer leaves apart, acronyms and their expansions, figures, and
# stems of two letters or fewer (no initial).
FAMILY_VOCAB = [
    "regul", "regulatori", "regulat", "regulation", "multimod", "multimodel", "eu", "european",
    "union", "un", "nation", "unit", "ai", "artifici", "intellig", "4.5", "12", "2024", "of",
    "meta", "metaverse", "metadata", "said", "x",
]  # fmt: skip
family_stems = st.lists(st.sampled_from(FAMILY_VOCAB), max_size=12)
family_weights = st.fixed_dictionaries({s: st.sampled_from([0.0, 0.5, 1.0, 2.5, 4.0]) for s in FAMILY_VOCAB})


@settings(max_examples=500, deadline=None)
@given(
    a=family_stems,
    b=family_stems,
    wa=family_weights,
    wb=family_weights,
    named=st.sets(st.sampled_from(FAMILY_VOCAB)),
)
def test_the_bag_form_gives_the_plain_match(
    a: list[str], b: list[str], wa: dict[str, float], wb: dict[str, float], named: set[str]
) -> None:
    from desktop.engine.align.similarity import bag, match_bags

    expected = _plain_match(a, b, wa, wb, named.__contains__)
    assert match(a, b, wa, wb, named.__contains__) == expected
    if a and b:
        assert match_bags(bag(a, wa), bag(b, wb), wa, wb, named.__contains__) == expected
