"""The pure helpers behind the pane marks: offset mapping, layered formats, the span index."""

from __future__ import annotations

import random

from PySide6.QtGui import QFont, QTextCharFormat

from desktop.qt.widgets.textmarks import OffsetMap, SpanIndex, flatten_layers


def test_offset_map_round_trips_through_surrogate_pairs() -> None:
    text = "a\U0001f600b\U0001f600\U0001f600c"
    mapping = OffsetMap(text)
    utf16 = [len(text[:i].encode("utf-16-le")) // 2 for i in range(len(text) + 1)]
    assert [mapping.to_qt(i) for i in range(len(text) + 1)] == utf16
    assert [mapping.to_py(q) for q in utf16] == list(range(len(text) + 1))
    assert mapping.to_py(utf16[1] + 1) == 1  # between the two halves of the emoji: the emoji


def test_flatten_layers_merges_overlaps_in_order() -> None:
    italic, bold, strike = QTextCharFormat(), QTextCharFormat(), QTextCharFormat()
    italic.setFontItalic(True)
    bold.setFontWeight(QFont.Weight.Bold)
    bold.setFontItalic(False)
    strike.setFontStrikeOut(True)
    out = flatten_layers([(0, 10, 0, italic), (5, 15, 1, bold), (7, 8, 2, strike), (20, 20, 0, strike)])
    assert [(s, e) for s, e, _ in out] == [(0, 5), (5, 7), (7, 8), (8, 10), (10, 15)]
    formats = {(s, e): f for s, e, f in out}
    assert formats[(0, 5)].fontItalic() and formats[(0, 5)].fontWeight() != QFont.Weight.Bold
    assert not formats[(5, 7)].fontItalic() and formats[(5, 7)].fontWeight() == QFont.Weight.Bold
    assert formats[(7, 8)].fontStrikeOut() and formats[(7, 8)].fontWeight() == QFont.Weight.Bold


def test_span_index_finds_exactly_the_spans_meeting_a_range() -> None:
    rng = random.Random(7)
    found = 0
    for _ in range(200):
        spans = []
        for _ in range(rng.randrange(0, 30)):
            start = rng.randrange(0, 500)
            spans.append((start, start + rng.randrange(1, 120)))
        index = SpanIndex(spans)
        first = rng.randrange(0, 550)
        last = first + rng.randrange(0, 100)
        expected = [n for n, (s, e) in enumerate(spans) if s <= last and e > first]
        assert index.meeting(first, last) == expected
        found += bool(expected)
    assert found > 50, "most ranges meet some span: the index is tested on more than empty answers"
