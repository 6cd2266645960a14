"""Long articles in the compare view: marks and bands stay right where work is pruned.

The panes measure only passages that can be on screen, cache their geometry per layout,
and restyle only the passages whose selection changed. These tests check the results
against a full scan or Qt's own geometry, after scrolling, resizing and reselecting.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QTextCursor

from desktop.engine.load.articles import article_from_text
from desktop.engine.model import Article, DiffOp, Kind, Op, PairAlignment, Passage
from desktop.qt.highlight import PASSAGE_PROPERTY, SELECTED_PROPERTY
from desktop.qt.widgets.compare import CompareView
from desktop.qt.widgets.connector import ConnectorStrip
from desktop.qt.widgets.textmarks import SpanIndex
from desktop.qt.widgets.textpane import TextPane

Pair = tuple[Article, Article, PairAlignment]
_KINDS = (Kind.VERBATIM, Kind.EDITED, Kind.PARAPHRASE)


def _paragraph(n: int) -> str:
    words = " ".join(f"word{n}x{k}" for k in range(8 + n % 13))
    return f"Paragraph {n} says {words}."


@pytest.fixture(scope="module")
def long_pair() -> Pair:
    """Sixty shared paragraphs; B moves every fifth one far away, so many bands cross."""
    count = 60
    paragraphs = [_paragraph(n) for n in range(count)]
    moved = [n for n in range(count) if n % 5 == 0]
    order_b = [n for n in range(count) if n % 5] + moved[::-1]
    text_a = "\n\n".join(paragraphs)
    text_b = "\n\n".join(paragraphs[n] for n in order_b)
    start_a, start_b, at = {}, {}, 0
    for n in range(count):
        start_a[n] = at
        at += len(paragraphs[n]) + 2
    at = 0
    for n in order_b:
        start_b[n] = at
        at += len(paragraphs[n]) + 2
    passages = []
    for n in range(count):
        a0, b0, length = start_a[n], start_b[n], len(paragraphs[n])
        word = paragraphs[n].index("word")
        diff = (DiffOp(Op.DELETE, a0 + word, a0 + word + 6, b0 + word, b0 + word),)
        passages.append(Passage(a0, a0 + length, b0, b0 + length, _KINDS[n % 3], 0.9, diff))
    a = article_from_text(text_a, article_id="long-a")
    b = article_from_text(text_b, article_id="long-b")
    return a, b, PairAlignment(a.id, b.id, tuple(passages))


def _line_top(pane: TextPane, index: int) -> float:
    """Qt's own viewport y of the line holding ``index`` (exact for visible lines)."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.to_qt(index))
    return float(pane.cursorRect(cursor).top())


def _offset(strip: ConnectorStrip, pane: TextPane) -> float:
    return float(strip.mapFromGlobal(pane.viewport().mapToGlobal(QPoint(0, 0))).y())


def _check_bands(view: CompareView, alignment: PairAlignment) -> int:
    """Bands drawn are exactly those a full scan finds, and their ends sit on their spans."""
    strip = view.findChild(ConnectorStrip)
    pane_a, pane_b = view.pane_a(), view.pane_b()
    off_a, off_b = _offset(strip, pane_a), _offset(strip, pane_b)
    low = min(off_a, off_b)
    high = max(off_a + pane_a.viewport().height(), off_b + pane_b.viewport().height())
    expected = set()
    for n, p in enumerate(alignment.passages):
        a_top, a_bottom = (y + off_a for y in pane_a.span_y(*p.a_span))
        b_top, b_bottom = (y + off_b for y in pane_b.span_y(*p.b_span))
        if not (max(a_bottom, b_bottom) < low or min(a_top, b_top) > high):
            expected.add(n)
    bands = dict(strip.band_paths())
    assert set(bands) == expected
    checked = 0
    for n in bands:
        p = alignment.passages[n]
        for pane, start, off, x in (
            (pane_a, p.a_start, off_a, 0.2),
            (pane_b, p.b_start, off_b, strip.width() - 0.2),
        ):
            top = _line_top(pane, start)
            if 0 <= top < pane.viewport().height() - 4:
                assert pane.span_y(start, start + 1)[0] == top  # cached geometry matches Qt's
                assert bands[n].contains(QPointF(x, off + top + 3))  # the band starts on that line
                checked += 1
    return checked


def test_bands_join_their_spans_after_scrolling_and_resizing(
    qtbot, make_compare_view, long_pair: Pair
) -> None:
    _, _, alignment = long_pair
    view = make_compare_view(long_pair, 420)
    pane_a = view.pane_a()
    bar = pane_a.verticalScrollBar()
    assert bar.maximum() > 5 * pane_a.visible_lines()  # long enough that most passages are off screen
    checked = 0
    for width, height in ((900, 420), (640, 360), (1100, 520)):
        view.resize(width, height)
        qtbot.waitUntil(lambda w=width: view.width() == w)
        for fraction in (0.0, 0.3, 0.55, 1.0):
            bar.setValue(round(bar.maximum() * fraction))
            checked += _check_bands(view, alignment)
    view.select_passage(45)  # moved far in B: the panes scroll apart, bands cross
    checked += _check_bands(view, alignment)
    assert checked > 20


def test_passage_bars_are_painted_for_visible_passages_only_and_all_of_them(
    qtbot, make_compare_view, long_pair: Pair
) -> None:
    _, _, alignment = long_pair
    view = make_compare_view(long_pair, 420)
    pane = view.pane_b()
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum() // 2)
    height = pane.viewport().height()
    visible = {
        n
        for n, p in enumerate(pane.passages())
        if pane.span_y(p.start, p.end)[1] >= 0 and pane.span_y(p.start, p.end)[0] <= height
    }
    assert visible and visible <= set(pane.passages_meeting(*pane.visible_text_range()))
    assert len(pane.passages_meeting(*pane.visible_text_range())) < len(alignment.passages) // 2


def _marks(pane: TextPane) -> list[tuple[int, int, object, bool]]:
    return [
        (
            s.cursor.selectionStart(),
            s.cursor.selectionEnd(),
            s.format.property(PASSAGE_PROPERTY),
            bool(s.format.property(SELECTED_PROPERTY)),
        )
        for s in pane.extraSelections()
    ]


def test_reselecting_restyles_as_a_full_rebuild_would(make_compare_view, long_pair: Pair) -> None:
    _, _, alignment = long_pair
    view = make_compare_view(long_pair, 420)
    for index in (3, 40, 41, -1, 7):
        view.select_passage(index)
    for pane, span in (
        (view.pane_a(), alignment.passages[7].a_span),
        (view.pane_b(), alignment.passages[7].b_span),
    ):
        stepped = _marks(pane)
        selected = {(s, e) for s, e, n, sel in stepped if sel}
        assert selected and all(n == 7 for s, e, n, sel in stepped if sel)
        assert min(s for s, _ in selected) == pane.to_qt(span[0]) and max(
            e for _, e in selected
        ) == pane.to_qt(span[1])
        view.set_show_unique(False)  # rebuilds every mark from scratch
        view.set_show_unique(True)
        assert _marks(pane) == stepped


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
