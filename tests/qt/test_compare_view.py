"""CompareView: selecting, scrolling, navigating and finding; the connector bands."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip

from desktop.engine.model import Article, PairAlignment
from desktop.qt.widgets.compare import CompareView
from desktop.qt.widgets.connector import ConnectorStrip
from desktop.qt.widgets.highlight import PASSAGE_PROPERTY, SELECTED_PROPERTY
from desktop.qt.widgets.passage_model import PassageModel

Pair = tuple[Article, Article, PairAlignment]


def _has(pane: QPlainTextEdit, prop: int) -> bool:
    return any(s.format.hasProperty(prop) for s in pane.extraSelections())


def _cursor(pane: QPlainTextEdit, index: int) -> QTextCursor:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(index)
    return cursor


def _visible(pane: QPlainTextEdit, index: int) -> bool:
    rect = pane.cursorRect(_cursor(pane, index))
    return rect.top() >= 0 and rect.bottom() <= pane.viewport().height()


def _point_of(pane: QPlainTextEdit, index: int) -> QPoint:
    rect = pane.cursorRect(_cursor(pane, index))
    return QPoint(rect.x() + 3, rect.center().y())  # inside the character after ``index``


# ---------------------------------------------------------------------- selection and scrolling


def test_click_in_b_selects_and_scrolls_a_to_the_counterpart(
    qtbot, compare_view: CompareView, seed_pair: Pair
) -> None:
    _, _, alignment = seed_pair
    pane_a, pane_b = compare_view.pane_a(), compare_view.pane_b()
    n = min(range(len(alignment.passages)), key=lambda i: alignment.passages[i].b_start)
    passage = alignment.passages[n]  # near the top of B, far down in A
    assert _visible(pane_b, passage.b_start) and not _visible(pane_a, passage.a_start)
    before = pane_a.verticalScrollBar().value()
    with qtbot.waitSignal(compare_view.passage_selected, timeout=500) as signal:
        qtbot.mouseClick(
            pane_b.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(pane_b, passage.b_start + 3)
        )
    assert signal.args == [n]
    assert compare_view.current_passage() == n
    assert pane_a.verticalScrollBar().value() != before
    assert _visible(pane_a, passage.a_start)
    top_a = pane_a.cursorRect(_cursor(pane_a, passage.a_start)).top()
    top_b = pane_b.cursorRect(_cursor(pane_b, passage.b_start)).top()
    assert abs(top_a - top_b) <= pane_a.fontMetrics().lineSpacing()  # side by side


def test_click_outside_passages_selects_nothing(qtbot, compare_view: CompareView, seed_pair: Pair) -> None:
    a, _, _ = seed_pair
    pane = compare_view.pane_a()
    qtbot.mouseClick(
        pane.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(pane, a.text.index("Zuckerberg"))
    )
    assert compare_view.current_passage() == -1


def test_table_row_selects_passage_and_shows_both_sides(
    qtbot, compare_view: CompareView, seed_pair: Pair
) -> None:
    _, _, alignment = seed_pair
    table = compare_view.passage_table()
    table.sortByColumn(PassageModel.COL_SCORE, Qt.SortOrder.AscendingOrder)
    lowest = min(range(len(alignment.passages)), key=lambda n: alignment.passages[n].score)
    with qtbot.waitSignal(compare_view.passage_selected, timeout=500) as signal:
        table.selectRow(0)
    assert signal.args == [lowest] and compare_view.current_passage() == lowest
    passage = alignment.passages[lowest]
    assert _visible(compare_view.pane_a(), passage.a_start) and _visible(
        compare_view.pane_b(), passage.b_start
    )
    last = len(alignment.passages) - 1
    compare_view.select_passage(last)  # and the table follows the view
    assert table.currentIndex().data(Qt.ItemDataRole.UserRole) == last


def test_select_passage_scrolls_both_panes(compare_view: CompareView, seed_pair: Pair) -> None:
    _, _, alignment = seed_pair
    count = len(alignment.passages)
    for n in reversed(range(count)):
        compare_view.select_passage(n)
        passage = alignment.passages[n]
        assert _visible(compare_view.pane_a(), passage.a_start)
        assert _visible(compare_view.pane_b(), passage.b_start)
    compare_view.select_passage(-1)
    assert compare_view.current_passage() == -1
    assert not _has(compare_view.pane_a(), SELECTED_PROPERTY)
    with pytest.raises(IndexError):
        compare_view.select_passage(count)


def test_next_and_previous_wrap_round(make_compare_view, crossing_pair: Pair) -> None:
    view = make_compare_view(crossing_pair, 500)
    assert view.passage_count() == 3
    seen = []
    view.passage_selected.connect(seen.append)
    for _ in range(4):
        view.next_passage()
    view.previous_passage()
    assert seen == [0, 1, 2, 0, 2]  # in A's order, wrapping round at the end
    view.select_passage(-1)
    view.previous_passage()  # from nothing, previous goes to the last
    assert view.current_passage() == 2


def test_navigation_follows_the_focused_pane_order(qtbot, make_compare_view, crossing_pair: Pair) -> None:
    _, _, alignment = crossing_pair
    view = make_compare_view(crossing_pair, 500)
    view.pane_b().setFocus()
    qtbot.waitUntil(view.pane_b().hasFocus, timeout=1000)
    order = []
    for _ in range(3):
        view.next_passage()
        order.append(view.current_passage())
    b_starts = [alignment.passages[n].b_start for n in order]
    assert b_starts == sorted(b_starts) and order != sorted(order)  # B's order, not A's


def test_navigation_without_passages_does_nothing(qtbot, seed_pair: Pair) -> None:
    a, b, _ = seed_pair
    view = CompareView()
    qtbot.addWidget(view)
    view.set_pair(a, b, PairAlignment(a.id, b.id, ()))
    view.next_passage()
    view.previous_passage()
    assert view.current_passage() == -1 and view.passage_count() == 0


def test_return_key_selects_the_passage_at_the_cursor(
    qtbot, compare_view: CompareView, seed_pair: Pair
) -> None:
    _, _, alignment = seed_pair
    last = len(alignment.passages) - 1
    pane = compare_view.pane_a()
    pane.setTextCursor(_cursor(pane, alignment.passages[last].a_start + 5))
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert compare_view.current_passage() == last


@pytest.mark.qt_log_ignore("does not support raise")  # offscreen platform, showing the tooltip
def test_tooltip_names_kind_number_and_score(qtbot, compare_view: CompareView, seed_pair: Pair) -> None:
    _, _, alignment = seed_pair
    pane = compare_view.pane_b()
    n = len(alignment.passages) - 1
    passage = alignment.passages[n]
    point = _point_of(pane, passage.b_start + 3)
    QApplication.sendEvent(
        pane.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, pane.viewport().mapToGlobal(point))
    )
    expected = f"{passage.kind.value.capitalize()} passage {n + 1} of {n + 1} — score {passage.score:.2f}"
    assert QToolTip.text().startswith(expected)
    QToolTip.hideText()


def test_sync_scroll_follows_and_can_be_turned_off(compare_view: CompareView) -> None:
    bar_a, bar_b = compare_view.pane_a().verticalScrollBar(), compare_view.pane_b().verticalScrollBar()
    assert bar_a.maximum() > 0 and bar_b.maximum() > 0
    bar_a.setValue(bar_a.maximum())
    assert bar_b.value() == bar_b.maximum()  # the ends line up
    assert bar_a.value() == bar_a.maximum()  # no feedback moved A back
    bar_a.setValue(0)
    assert bar_b.value() == 0
    compare_view.set_sync_scroll(False)
    bar_a.setValue(bar_a.maximum())
    assert bar_b.value() == 0
    compare_view.set_sync_scroll(True)  # re-enabling lines B up at once
    assert bar_b.value() == bar_b.maximum()


def test_sync_scroll_lines_up_an_in_order_passage(compare_view: CompareView, seed_pair: Pair) -> None:
    _, _, alignment = seed_pair
    pane_a, pane_b = compare_view.pane_a(), compare_view.pane_b()
    passage = alignment.passages[0]
    line = pane_a.line_of(passage.a_start)
    pane_a.verticalScrollBar().setValue(int(line - pane_a.visible_lines() / 2))  # passage at mid-view
    top_a = pane_a.cursorRect(_cursor(pane_a, passage.a_start)).top()
    top_b = pane_b.cursorRect(_cursor(pane_b, passage.b_start)).top()
    assert abs(top_a - top_b) <= 2 * pane_a.fontMetrics().lineSpacing()


def test_aligning_state_shows_text_then_keeps_scroll(compare_view: CompareView, seed_pair: Pair) -> None:
    a, b, alignment = seed_pair
    compare_view.set_pair(a, b, None)
    assert compare_view.pane_a().toPlainText() == a.text and compare_view.pane_b().toPlainText() == b.text
    assert not _has(compare_view.pane_a(), PASSAGE_PROPERTY) and compare_view.passage_count() == 0
    assert compare_view.passage_table().model().rowCount() == 0
    compare_view.pane_a().verticalScrollBar().setValue(10)
    compare_view.set_pair(a, b, alignment)
    assert compare_view.pane_a().verticalScrollBar().value() == 10
    assert compare_view.passage_count() == len(alignment.passages)


def test_alignment_for_other_articles_is_refused(compare_view: CompareView, seed_pair: Pair) -> None:
    a, b, alignment = seed_pair
    with pytest.raises(ValueError):
        compare_view.set_pair(b, a, alignment)


def test_scroll_to_span_selects_and_shows_it(compare_view: CompareView, seed_pair: Pair) -> None:
    _, b, _ = seed_pair
    start = b.text.index("Apple’s new business")
    compare_view.scroll_to_span("b", start, start + 20)
    pane = compare_view.pane_b()
    assert pane.textCursor().selectedText() == b.text[start : start + 20]
    assert _visible(pane, start)


def test_find_selects_hits_and_wraps(compare_view: CompareView, seed_pair: Pair) -> None:
    a, _, _ = seed_pair
    pane = compare_view.pane_a()
    hits = [m.start() for m in re.finditer("Zuckerberg", a.text)]
    assert len(hits) >= 2
    assert compare_view.find_text("zuckerberg")
    assert pane.textCursor().selectedText() == "Zuckerberg"
    assert pane.textCursor().selectionStart() == hits[0]
    assert compare_view.find_text("Zuckerberg")
    assert pane.textCursor().selectionStart() == hits[1]
    assert compare_view.find_text("Zuckerberg", backwards=True)
    assert pane.textCursor().selectionStart() == hits[0]
    for _ in hits[1:]:
        compare_view.find_text("Zuckerberg")
    assert compare_view.find_text("Zuckerberg") and pane.textCursor().selectionStart() == hits[0]  # wrapped
    assert not compare_view.find_text("no such phrase anywhere")
    assert pane.textCursor().selectedText() == "Zuckerberg"
    assert not compare_view.find_text("")


def test_tab_moves_between_panes_and_table(qtbot, compare_view: CompareView) -> None:
    compare_view.pane_a().setFocus()
    qtbot.waitUntil(compare_view.pane_a().hasFocus, timeout=1000)
    qtbot.keyClick(compare_view.pane_a(), Qt.Key.Key_Tab)
    assert compare_view.pane_b().hasFocus()
    qtbot.keyClick(compare_view.pane_b(), Qt.Key.Key_Tab)
    assert compare_view.passage_table().hasFocus()


# ---------------------------------------------------------------------- connector


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
