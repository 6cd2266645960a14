"""Synchronised scrolling of the two article panes.

As in Meld: when one pane scrolls, a "sync line" is taken in it (the middle of the
view, moving to the top or bottom edge as the view nears either end of the text, so the
ends of both texts line up), mapped into the other pane by interpolating between
passage anchors, and the other pane is scrolled so the mapped line sits at the same
height. The anchors are the first and last lines of each passage on both sides.

News articles reorder paragraphs, so passages may cross. Interpolating between crossing
anchors would make the other pane jump back and forth, so only the heaviest chain of
passages that runs in the same order on both sides (by text length) is used; the
moved passages still show as crossing bands and are aligned when selected.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QObject, Slot

from desktop.qt.widgets.textpane import PaneSpan, TextPane


def ordered_chain(pairs: Sequence[tuple[PaneSpan, PaneSpan]]) -> list[int]:
    """Indices of the heaviest chain of passages in the same order on both sides.

    A weighted longest increasing subsequence: passages sorted by their A start, each
    following passage must start after the previous one ends on both sides.
    """
    order = sorted(range(len(pairs)), key=lambda n: (pairs[n][0].start, pairs[n][1].start))
    best: list[float] = []
    back: list[int] = []
    for i, n in enumerate(order):
        a, b = pairs[n]
        weight = (a.end - a.start) + (b.end - b.start)
        best.append(weight)
        back.append(-1)
        for j in range(i):
            pa, pb = pairs[order[j]]
            if pa.end <= a.start and pb.end <= b.start and best[j] + weight > best[i]:
                best[i], back[i] = best[j] + weight, j
    if not best:
        return []
    i = max(range(len(best)), key=best.__getitem__)
    chain = []
    while i >= 0:
        chain.append(order[i])
        i = back[i]
    return chain[::-1]


def sync_fraction(value: float, maximum: float, page: float) -> float:
    """Where in the view (0 top .. 1 bottom) the sync line sits for a scroll position."""
    if page <= 0:
        return 0.0
    half = page / 2
    if value < half:
        return max(0.0, value / page)
    if maximum - value < half:
        return min(1.0, 1 - (maximum - value) / page)
    return 0.5


def interpolate(anchors: Sequence[tuple[float, float]], x: float) -> float:
    """Piecewise-linear map through ``anchors`` (sorted, non-decreasing in both)."""
    xs = [a for a, _ in anchors]
    i = bisect.bisect_right(xs, x) - 1
    if i < 0:
        return anchors[0][1]
    if i >= len(anchors) - 1:
        return anchors[-1][1]
    (x0, y0), (x1, y1) = anchors[i], anchors[i + 1]
    if x1 <= x0:
        return y1
    return y0 + (x - x0) / (x1 - x0) * (y1 - y0)


class ScrollSynchroniser(QObject):
    """Keeps pane B in step with pane A and vice versa, without feedback loops."""

    def __init__(self, pane_a: TextPane, pane_b: TextPane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._a = pane_a
        self._b = pane_b
        self._enabled = True
        self._busy = False
        self._anchors: list[tuple[float, float]] | None = None
        pane_a.verticalScrollBar().valueChanged.connect(self._on_pane_a_scrolled)
        pane_b.verticalScrollBar().valueChanged.connect(self._on_pane_b_scrolled)
        pane_a.layout_changed.connect(self.invalidate)
        pane_b.layout_changed.connect(self.invalidate)

    def set_enabled(self, on: bool) -> None:
        self._enabled = on

    def is_enabled(self) -> bool:
        return self._enabled

    @Slot()
    def invalidate(self) -> None:
        """Forget the anchors (passages changed or lines rewrapped)."""
        self._anchors = None

    @contextmanager
    def suspended(self) -> Iterator[None]:
        """Scroll panes programmatically inside this block without the other following."""
        busy, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = busy

    def anchors(self) -> list[tuple[float, float]]:
        """(line in A, line in B) pairs, non-decreasing in both, from text start to end."""
        if self._anchors is None:
            pairs = list(zip(self._a.passages(), self._b.passages(), strict=False))
            points = [(0.0, 0.0)]
            for n in ordered_chain(pairs):
                a, b = pairs[n]
                top_a, bottom_a = self._a.span_lines(a.start, a.end)
                top_b, bottom_b = self._b.span_lines(b.start, b.end)
                points += [(top_a, top_b), (bottom_a, bottom_b)]
            points.append((float(self._a.total_lines()), float(self._b.total_lines())))
            anchors: list[tuple[float, float]] = []
            for x, y in points:  # passages sharing a line can break monotony: drop those points
                if not anchors or (x >= anchors[-1][0] and y >= anchors[-1][1]):
                    anchors.append((x, y))
            self._anchors = anchors
        return self._anchors

    def follow(self, source: TextPane) -> None:
        """Scroll the other pane to match ``source``'s position."""
        target = self._b if source is self._a else self._a
        anchors = self.anchors()
        if source is self._b:
            anchors = [(y, x) for x, y in anchors]
        bar = source.verticalScrollBar()
        page = source.visible_lines()
        fraction = sync_fraction(bar.value(), bar.maximum(), page)
        line = interpolate(anchors, bar.value() + fraction * page)
        with self.suspended():
            target.set_top_line(line - fraction * target.visible_lines())

    @Slot(int)
    def _on_pane_a_scrolled(self, _value: int) -> None:
        if self._enabled and not self._busy:
            self.follow(self._a)

    @Slot(int)
    def _on_pane_b_scrolled(self, _value: int) -> None:
        if self._enabled and not self._busy:
            self.follow(self._b)
