"""Synchronised scrolling: which passages anchor the two panes to each other."""

from __future__ import annotations

from desktop.engine.model import Kind
from desktop.qt.widgets.syncscroll import interpolate, ordered_chain, sync_fraction
from desktop.qt.widgets.textmarks import PaneSpan


def test_scroll_anchors_use_the_heaviest_in_order_chain() -> None:
    def pair(a: int, b: int, size: int) -> tuple[PaneSpan, PaneSpan]:
        return PaneSpan(a, a + size, Kind.VERBATIM), PaneSpan(b, b + size, Kind.VERBATIM)

    # A: p0 p1 p2 p3; B: p3 p1 p2 p0 -- p1 and p2 (the long ones) keep their order.
    pairs = [pair(0, 900, 10), pair(100, 100, 200), pair(400, 400, 200), pair(700, 0, 10)]
    assert ordered_chain(pairs) == [1, 2]
    assert ordered_chain([]) == []
    anchors = [(0.0, 0.0), (10.0, 20.0), (20.0, 20.0), (30.0, 40.0)]
    assert interpolate(anchors, 5) == 10 and interpolate(anchors, 15) == 20 and interpolate(anchors, 99) == 40
    assert (
        sync_fraction(0, 100, 20) == 0
        and sync_fraction(50, 100, 20) == 0.5
        and sync_fraction(100, 100, 20) == 1
    )
