"""Cue phrases: hedges, boosters, approximators, negations and verbs of saying."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.engine.align.cues import (
    APPROXIMATORS,
    BOOSTERS,
    HEDGES,
    NEGATIONS,
    SAYING_LEMMA,
    CueKind,
    base,
    find_cues,
    is_demonym,
    norm,
)

K = CueKind


def cues(sentence: str) -> list[tuple[str, str, str]]:
    """(kind, words, lemma) of every cue in a sentence of space-separated words."""
    norms = [norm(w) for w in sentence.split()]
    return [(c.kind.value, " ".join(norms[c.first : c.last + 1]), c.lemma) for c in find_cues(norms)]


def test_norms_fold_typography_and_case() -> None:
    assert norm("It’s") == "it's" == norm("IT'S")
    assert base("meta's") == "meta" and base("metas'") == "metas" and base("meta") == "meta"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("the rules could hinder it", [("hedge", "could", "could")]),
        (
            "it's not a stretch to assume so",
            [("hedge", "it's not a stretch to assume", "it's not a stretch to assume")],
        ),
        ("there's no doubt it works", [("booster", "there's no doubt", "there's no doubt")]),
        ("about 300 jobs", [("approximator", "about", "about")]),
        ("he did not go", [("negation", "not", "not")]),
        ("they refused to go", [("negation", "refused", "not")]),
        ("it prevents power from being abused", [("negation", "prevents", "not")]),
        ("it prevents abuse", []),  # "stops abuse" rewords it: no negation either side
        ("he isn't here", [("negation", "isn't", "not")]),
        ("he dont care", [("negation", "dont", "not")]),
        ("she said so", [("saying", "said", "say")]),
        ("she says so", [("saying", "says", "say")]),
        ("she claimed so", [("saying", "claimed", "claim")]),
        ("he pointed out the flaw", [("saying", "pointed out", "point out")]),
        ("according to the report", [("saying", "according to", "according to")]),
        ("an alleged attempt", [("hedge", "alleged", "alleged")]),  # a participle as adjective
        ("she alleged fraud", [("saying", "alleged", "allege")]),
    ],
)
def test_each_kind_is_found(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert cues(sentence) == expected


def test_the_longest_phrase_wins_and_hides_the_words_inside_it() -> None:
    # "not" inside the hedge phrase is no negation of its own.
    assert [k for k, _, _ in cues("it's not a stretch to assume")] == ["hedge"]
    assert [k for k, _, _ in cues("there is no doubt")] == ["booster"]


@pytest.mark.parametrize("sentence", ["not only that", "not just this", "nothing but rain", "no matter what"])
def test_phrases_that_negate_nothing(sentence: str) -> None:
    assert cues(sentence) == []


def test_could_not_is_no_hedge_but_still_a_negation() -> None:
    assert cues("they could not defend it") == [("negation", "not", "not")]
    assert cues("they could defend it") == [("hedge", "could", "could")]


def test_nor_is_not_counted() -> None:
    assert cues("neither this nor that") == [("negation", "neither", "not")]


def test_tenses_of_one_verb_share_a_lemma_and_two_verbs_do_not() -> None:
    assert SAYING_LEMMA[("said",)] == SAYING_LEMMA[("says",)] == SAYING_LEMMA[("saying",)]
    assert SAYING_LEMMA[("said",)] != SAYING_LEMMA[("claimed",)]


def test_lists_are_written_in_norms() -> None:
    for phrases in (HEDGES, BOOSTERS, APPROXIMATORS, NEGATIONS, tuple(SAYING_LEMMA)):
        for phrase in phrases:
            assert all(w == norm(w) for w in phrase), phrase


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("french", True),
        ("american", True),
        ("indonesian", True),
        ("lebanese", True),
        ("meta", False),
        ("ian", False),
    ],
)
def test_is_demonym(word: str, expected: bool) -> None:
    assert is_demonym(word) is expected


WORDS = [
    "not", "no", "could", "may", "said", "about", "300", "the", "rules", "doubt", "there's", "of",
    "course", "according", "to", "isn't", "only", "fact", "in", "up", "more", "than",
]  # fmt: skip


@given(st.lists(st.sampled_from(WORDS), max_size=20))
def test_cues_never_share_a_word_and_come_in_order(norms: list[str]) -> None:
    found = find_cues(norms)
    used = [k for c in found for k in c.indices]
    assert used == sorted(set(used))
    for c in found:
        assert 0 <= c.first <= c.last < len(norms)
        assert c.lemma == "not" or c.kind is not K.NEGATION
