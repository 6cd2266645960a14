"""Sentence similarity: rarity weights and the figures behind each score."""

from __future__ import annotations

import pytest

from desktop.engine.align.similarity import Idf


def test_sentence_totals_survive_id_reuse() -> None:
    idf = Idf.build([(("merger", "broadband"), (), ""), (("budget",), (), "")])
    first = idf.sentence_totals((("merger",),))
    assert first == [idf.weight("merger")]
    # Many short-lived sequences: ids get reused, figures must still belong to each one.
    for k in range(200):
        n = k % 3 + 1
        seq = tuple([("budget",) * n])  # a new object each time, often at a reused id
        assert idf.sentence_totals(seq) == [pytest.approx(n * idf.weight("budget"))]
