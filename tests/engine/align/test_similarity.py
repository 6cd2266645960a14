"""Sentence similarity: word weights and the figures behind each score."""

from __future__ import annotations

import pytest
from hypothesis import given
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
