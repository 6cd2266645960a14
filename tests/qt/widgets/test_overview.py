"""LocationStrip: every passage marked where it sits in the whole article, in its kind's
colour; the view framed; a click selects a passage or scrolls there."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.engine.model import Article, Kind, PairAlignment
from desktop.qt.widgets.highlight import highlight_colors

Pair = tuple[Article, Article, PairAlignment]


def test_every_passage_is_marked_at_its_place_in_its_kinds_colour(make_compare_view, long_pair: Pair) -> None:
    _, _, alignment = long_pair
    view = make_compare_view(long_pair, 420)
    colors = highlight_colors(view.palette())
    for side in ("a", "b"):
        strip, pane = view.location_strip(side), view.pane_a() if side == "a" else view.pane_b()
        assert strip.isVisible() and 0 < strip.width() <= 20
        marks = strip.markers()
        assert [n for n, _ in marks] == list(range(len(alignment.passages)))
        scale = (strip.height() - 2) / pane.total_lines()  # a pixel of margin at each end
        image = strip.grab().toImage()
        for n, rect in marks:
            p = alignment.passages[n]
            first, _ = pane.span_lines(*(p.a_span if side == "a" else p.b_span))
            assert abs(rect.top() - 1 - first * scale) < 0.01
            if p.kind is Kind.VERBATIM and not rect.intersects(strip.viewport_rect()):
                # Solid, outside the view's frame: the mark's middle is the kind's colour.
                middle = rect.center().toPoint()
                assert image.pixelColor(middle).name() == colors.kind[Kind.VERBATIM].name()
    tops_b = [rect.top() for _, rect in view.location_strip("b").markers()]
    assert tops_b != sorted(tops_b), "B moves passages: its marks are not in passage order"


def test_the_frame_follows_the_view(qtbot, make_compare_view, long_pair: Pair) -> None:
    view = make_compare_view(long_pair, 420)
    strip, bar = view.location_strip("a"), view.pane_a().verticalScrollBar()
    at_top = strip.viewport_rect()
    assert at_top.top() <= 2 and at_top.height() < strip.height() / 4
    bar.setValue(bar.maximum())
    at_end = strip.viewport_rect()
    assert abs(at_end.bottom() - (strip.height() - 1)) <= 2 and at_end.top() > at_top.bottom()


def test_clicking_a_mark_selects_its_passage_and_elsewhere_scrolls(
    qtbot, make_compare_view, long_pair: Pair
) -> None:
    _, _, alignment = long_pair
    view = make_compare_view(long_pair, 420)
    strip = view.location_strip("b")
    n, rect = next((n, r) for n, r in strip.markers() if r.top() > strip.height() / 2)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert view.current_passage() == n
    top, bottom = view.pane_b().span_y(*alignment.passages[n].b_span)
    assert 0 <= top < view.pane_b().viewport().height(), "the passage is in view in B"
    assert strip.markers()[n][1].intersects(strip.viewport_rect())


def test_clicking_between_marks_scrolls_there(qtbot, compare_view) -> None:
    view = compare_view
    strip_a, pane_a = view.location_strip("a"), view.pane_a()
    rects = [rect for _, rect in strip_a.markers()]
    gaps = [(r1.bottom(), r2.top()) for r1, r2 in zip(rects, rects[1:], strict=False)]
    y = next((a + b) / 2 for a, b in gaps if b - a > 2 and a > strip_a.height() * 0.5)
    qtbot.mouseClick(strip_a, Qt.MouseButton.LeftButton, pos=QPoint(strip_a.width() // 2, round(y)))
    frame = strip_a.viewport_rect()
    assert frame.top() <= y <= frame.bottom(), "the clicked place is now in view"
    assert view.current_passage() == -1, "a click between marks selects nothing"
    assert pane_a.verticalScrollBar().value() > 0
