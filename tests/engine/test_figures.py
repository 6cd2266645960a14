"""Percentages never claim all or nothing they do not have."""

from __future__ import annotations

import pytest

from desktop.engine.figures import percent, similarity
from desktop.engine.model import Kind


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (0, "0%"),
        (0.001, "<1%"),
        (0.005, "<1%"),
        (0.006, "1%"),
        (0.42, "42%"),
        (0.994, "99%"),
        (0.996, ">99%"),
        (1, "100%"),
    ],
)
def test_percent_keeps_none_and_all_for_what_is_none_or_all(share: float, text: str) -> None:
    assert percent(share) == text


def test_only_a_verbatim_passage_is_100_percent_similar() -> None:
    assert similarity(1.0, Kind.VERBATIM) == "100%"
    assert similarity(1.0, Kind.EDITED) == ">99%"  # words all match, case or punctuation changed
    assert similarity(0.999, Kind.PARAPHRASE) == ">99%"
    assert similarity(0.87, Kind.EDITED) == "87%"
