"""ConnectorStrip: a band links every passage to its counterpart, crossing where the articles
order them differently, and stays on its spans after scrolling and resizing long articles.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor

from desktop.engine.model import Article, PairAlignment
from desktop.qt.widgets.compare import CompareView
from desktop.qt.widgets.connector import ConnectorStrip
from desktop.qt.widgets.textpane import TextPane

Pair = tuple[Article, Article, PairAlignment]


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
                # Cached geometry matches Qt's (whose cursor rectangle is rounded to whole pixels).
                assert abs(pane.span_y(start, start + 1)[0] - top) < 1
                assert bands[n].contains(QPointF(x, off + top + 3))  # the band starts on that line
                checked += 1
    return checked


def test_connector_bands_link_passages_and_cross(qtbot, make_compare_view, crossing_pair: Pair) -> None:
    _, _, alignment = crossing_pair
    view = make_compare_view(crossing_pair, 500)
    strip = view.findChild(ConnectorStrip)
    bands = dict(strip.band_paths())
    assert set(bands) == set(range(len(alignment.passages)))
    off_a = strip.mapFromGlobal(view.pane_a().viewport().mapToGlobal(QPoint(0, 0))).y()
    off_b = strip.mapFromGlobal(view.pane_b().viewport().mapToGlobal(QPoint(0, 0))).y()
    ends = {}
    for n, passage in enumerate(alignment.passages):
        a_top, a_bottom = view.pane_a().span_y(*passage.a_span)
        b_top, b_bottom = view.pane_b().span_y(*passage.b_span)
        left, right = off_a + (a_top + a_bottom) / 2, off_b + (b_top + b_bottom) / 2
        assert bands[n].contains(QPointF(1, left)) and bands[n].contains(QPointF(strip.width() - 1, right))
        ends[n] = (left, right)
    assert ends[0][0] < ends[2][0] and ends[0][1] > ends[2][1]  # the first and last passages cross
    # Passage 1 sits in the middle on both sides: its band's centre is drawn, and clicking selects it.
    middle = QPointF(strip.width() / 2, sum(ends[1]) / 2)
    hits = {n for n, path in bands.items() if path.contains(middle)}
    assert 1 in hits
    image = strip.grab().toImage()
    assert image.pixelColor(middle.toPoint()) != image.pixelColor(strip.width() // 2, 1)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=middle.toPoint())
    assert view.current_passage() in hits


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
