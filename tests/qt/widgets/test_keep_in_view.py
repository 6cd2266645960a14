"""SelectionKeeper: the selected passage stays in view, in both panes, when they rewrap."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from desktop.qt.widgets.compare import CompareView


def _in_view(view: CompareView, index: int) -> list[bool]:
    p = view._passages[index]
    shown = []
    for pane, span in ((view.pane_a(), p.a_span), (view.pane_b(), p.b_span)):
        top, bottom = pane.span_y(*span)
        shown.append(bottom > 0 and top < pane.viewport().height())
    return shown


def _narrower(view: CompareView) -> None:
    view.resize(520, view.height())


def _bigger_font(view: CompareView) -> None:
    for pane in (view.pane_a(), view.pane_b()):
        font = pane.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        pane.setFont(font)


def _no_wrap(view: CompareView) -> None:
    view.pane_a().setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)


@pytest.mark.parametrize("rewrap", [_narrower, _bigger_font, _no_wrap], ids=["resize", "font", "wrap"])
def test_the_selected_passage_stays_in_view_when_the_panes_rewrap(qtbot, compare_view, rewrap) -> None:
    view = compare_view
    last = view.passage_count() - 1
    view.select_passage(last)
    assert _in_view(view, last) == [True, True]
    top_before = view.pane_a().span_y(*view._passages[last].a_span)[0]
    rewrap(view)
    qtbot.wait(50)  # the panes settle, then the passage is put back
    assert _in_view(view, last) == [True, True]
    if rewrap is not _no_wrap:  # (unwrapped, Qt counts scroll lines its own way: in view is enough)
        top_after = view.pane_a().span_y(*view._passages[last].a_span)[0]
        assert abs(top_after - top_before) <= view.pane_a().line_height() * 1.5, "about where it was"


def test_a_passage_scrolled_away_from_is_not_brought_back(qtbot, compare_view) -> None:
    view = compare_view
    view.select_passage(0)
    bar = view.pane_a().verticalScrollBar()
    bar.setValue(bar.maximum())
    assert _in_view(view, 0) == [False, False]
    _narrower(view)
    qtbot.wait(50)
    assert _in_view(view, 0) == [False, False]
