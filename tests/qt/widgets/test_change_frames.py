"""Typed changes framed in the article panes, with their letters in the margin and tooltips."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from desktop.engine.model import ChangeType
from desktop.qt.widgets.change_frames import span_rects
from desktop.qt.widgets.change_style import typed_colors
from desktop.qt.widgets.highlight import is_dark
from tests.qt.widgets.changed_pairs import changed_pair


@pytest.fixture
def pair():
    return changed_pair()


def _close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < tolerance


def test_a_number_change_is_framed_in_its_colour(make_compare_view, pair) -> None:
    a, _, _ = pair
    view = make_compare_view(pair, 600)
    pane = view.pane_a()
    mark = next(m for m in pane.change_marks() if m.type is ChangeType.NUMBER)
    assert a.text[mark.start : mark.end] == "12,000"
    rects = span_rects(pane, mark.start, mark.end)
    assert len(rects) == 1 and rects[0].width() > 10
    hue = typed_colors(is_dark(view.palette()))[ChangeType.NUMBER]
    image = pane.viewport().grab().toImage()
    rect = rects[0].toAlignedRect().adjusted(-3, -2, 3, 2)
    edge = [
        image.pixelColor(x, y)
        for x in range(rect.left(), rect.right())
        for y in (rect.top(), rect.top() + 1, rect.top() + 2)
    ]
    assert any(_close(c, hue) for c in edge), "the frame's top edge is in the number colour"
    margin = [
        image.pixelColor(x, y)
        for x in range(pane.viewport().width() - 12, pane.viewport().width())
        for y in range(int(rects[0].top()), int(rects[0].bottom()))
    ]
    assert any(_close(c, hue) for c in margin), "its letter sits in the right margin"


def test_the_tooltip_names_the_change(make_compare_view, pair) -> None:
    view = make_compare_view(pair, 600)
    pane = view.pane_b()
    mark = next(m for m in pane.change_marks() if m.type is ChangeType.QUOTE)
    centre = span_rects(pane, mark.start, mark.end)[0].center().toPoint()
    assert "Quotation altered: “employee” → “worker”" in pane._tooltip_at(centre).split("\n")


def test_an_empty_span_is_a_caret(make_compare_view, pair) -> None:
    view = make_compare_view(pair, 600)
    pane = view.pane_a()
    rects = span_rects(pane, 20, 20)
    assert len(rects) == 1 and rects[0].width() == 0 and rects[0].height() > 5


def test_a_change_tooltip_shows_markup_literally(make_compare_view, pair, monkeypatch) -> None:
    """Descriptions quote the article's words, which may look like markup."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from desktop.qt.widgets.change_frames import ChangeMark
    from tests.qt.helpers import shown_tooltip

    view = make_compare_view(pair, 600)
    pane = view.pane_a()
    mark = next(m for m in pane.change_marks() if m.type is ChangeType.NUMBER)
    pane.set_changes(
        [ChangeMark(mark.start, mark.end, mark.type, mark.passage, 0, "Name: “<b>Meta</b>” → “x”")]
    )
    point = span_rects(pane, mark.start, mark.end)[0].center().toPoint()
    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, *args: shown.append(text))
    QApplication.sendEvent(
        pane.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, pane.viewport().mapToGlobal(point))
    )
    assert shown and "Name: “<b>Meta</b>” → “x”" in shown_tooltip(shown[0]).split("\n")
