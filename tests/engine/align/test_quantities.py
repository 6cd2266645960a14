"""Numbers, amounts and dates in a run of words, and when two say the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.engine.align.quantities import Mention, mentions, same
from desktop.engine.align.text import words


def found(text: str) -> list[Mention]:
    return mentions(words(text), text)


def one(text: str) -> Mention:
    (m,) = found(text)
    return m


def covered(text: str) -> list[str]:
    """The words of each mention."""
    ws = words(text)
    return [" ".join(w.text for w in ws[m.first : m.last + 1]) for m in found(text)]


@pytest.mark.parametrize(
    ("one_way", "other_way"),
    [
        ("3 billion euros", "three billion euros"),
        ("€3bn", "3 billion euros"),
        ("3,500,000", "3.5 million"),
        ("50%", "fifty per cent"),
        ("50 percent", "50%"),
        ("two hundred and five", "205"),
        ("twenty-one", "21"),
        ("a dozen", "12"),
        ("$3 billion", "3 billion"),  # a unit counts only when both sides name one
        ("50%", "50"),
        ("August 23, 2024", "August 23rd 2024"),
    ],
)
def test_one_amount_written_two_ways_is_the_same(one_way: str, other_way: str) -> None:
    assert same(one(one_way), one(other_way))
    assert same(one(other_way), one(one_way))


@pytest.mark.parametrize(
    ("one_way", "other_way"),
    [
        ("12,000", "1,200"),
        ("3 billion euros", "3 billion dollars"),
        ("$3 billion", "£3 billion"),
        ("Friday", "August 23"),
        ("August 23", "August 24"),
        ("the 1990s", "1990"),
        ("last week", "next week"),
        ("5 pm", "5 am"),
    ],
)
def test_different_amounts_or_dates_are_not_the_same(one_way: str, other_way: str) -> None:
    assert not same(one(one_way), one(other_way))


def test_an_amount_covers_its_scale_and_unit_words() -> None:
    assert covered("The deal is worth 3 billion euros in total.") == ["3 billion euros"]
    assert covered("Turnout was fifty per cent.") == ["fifty per cent"]
    assert covered("It happened on Friday, August 23, 2024 at noon.") == ["Friday August 23 2024"]  # one date


@pytest.mark.parametrize(
    "text",
    [
        "One of the firms left.",  # "one" the pronoun
        "No one came.",
        "Europe’s rules may change.",  # "may" the verb
        "The GPT-4o model shipped.",  # a product code
        "It was a friday afternoon sale.",  # a weekday only with its capital
    ],
)
def test_words_that_are_no_number_or_date(text: str) -> None:
    assert found(text) == []


def test_vague_amounts_relative_dates_times_and_ordinals() -> None:
    assert one("Hundreds of people came.").key[0] == "vague"
    assert one("They met yesterday.").key[0] == "date"
    assert one("They met last week.").key[0] == "date"
    assert one("The 1990s were loud.").key[0] == "date"
    assert one("The talks began at 10:30.").key[0] == "time"
    assert one("It opens at 5 pm.").key[0] == "time"
    assert not same(one("He came 3rd."), one("He came 4th."))
    assert not same(one("It opens at 5 pm."), one("It opens at 6 pm."))


def test_may_with_a_day_is_a_date() -> None:
    assert covered("It happened on May 5.") == ["May 5"]


@given(st.integers(0, 10**8), st.integers(0, 10**8))
def test_digit_numbers_are_the_same_exactly_when_equal(x: int, y: int) -> None:
    a, b = one(f"{x:,}"), one(f"{y}")
    assert same(a, b) is (x == y)


def test_two_large_whole_numbers_one_apart_are_not_the_same() -> None:
    assert not same(one("1,000,000,001"), one("1,000,000,000"))
    assert not same(one("7,300,000,000,001"), one("7,300,000,000,000"))
    assert same(one("1.2 million"), one("1,200,000")), "rounding in the product is not a change"
