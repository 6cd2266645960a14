"""Word rarity: information from a word's frequency in general English."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wordfreq import zipf_frequency

from desktop.engine.align.rarity import MAX_INFO, MIN_INFO, ZIPF_CEILING, info


def test_rare_words_weigh_more_than_common_ones() -> None:
    assert info("withhold") > info("company") > info("said")
    assert MIN_INFO <= info("the") <= info("zzxqwv") == MAX_INFO


def test_unknown_words_get_the_maximum_weight() -> None:
    for word in ("zzxqwv", "qqqvvvjjj", "blorptangle"):
        assert zipf_frequency(word, "en") == 0
        assert info(word) == MAX_INFO


def test_the_commonest_words_still_weigh_the_minimum() -> None:
    # "the" has a Zipf frequency above the ceiling: the raw difference would be negative.
    assert zipf_frequency("the", "en") > ZIPF_CEILING
    assert info("the") == MIN_INFO


def test_a_mid_frequency_word_is_the_ceiling_minus_its_frequency() -> None:
    zipf = zipf_frequency("company", "en")
    assert MIN_INFO < ZIPF_CEILING - zipf < MAX_INFO
    assert info("company") == pytest.approx(ZIPF_CEILING - zipf)


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz'", min_size=1, max_size=12)


@given(words, words)
def test_weights_stay_in_the_documented_range_and_fall_with_frequency(one: str, two: str) -> None:
    assert MIN_INFO <= info(one) <= MAX_INFO
    if zipf_frequency(one, "en") < zipf_frequency(two, "en"):
        assert info(one) >= info(two)
