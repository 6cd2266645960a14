"""The strip between the two article panes that links each passage to its counterpart.

Each shared passage is drawn as a band (a filled shape with curved edges, as in Meld
or Kompare) from the lines it covers in pane A to the lines its counterpart covers in
pane B, at their current on-screen positions, so moved passages show as crossing bands.
The band outline repeats the passage kind as a line pattern (solid verbatim, dashed
edited, dotted paraphrase); the selected band is drawn last, stronger and thicker.

Only passages that can show are measured: those with text in the visible blocks of
either pane (found by bisection, see :meth:`TextPane.passages_meeting`), and those
whose band merely passes through, one end above the view and the other below. Long
articles with many moved passages can have hundreds of the latter, and an antialiased
fill costs about as much per scan line as the whole band takes; so when there are more
bands than ``ALIASED_FILL_ABOVE`` the pass-through ones (thin slivers) are filled
without antialiasing, their antialiased outline drawn over the edge.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.qt.widgets.highlight import KIND_PEN_STYLES, HighlightColors
from desktop.qt.widgets.textpane import TextPane

CONNECTOR_WIDTH = 56
ALIASED_FILL_ABOVE = 60  # bands in view; fewer than this are all drawn fully antialiased


class ConnectorStrip(QWidget):
    """Paints the bands between ``pane_a`` and ``pane_b`` and lets a click pick one."""

    band_clicked = Signal(int)  # passage index

    def __init__(self, pane_a: TextPane, pane_b: TextPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._a = pane_a
        self._b = pane_b
        self._colors: HighlightColors | None = None
        self._selected = -1
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName("Links between shared passages")
        for pane in (pane_a, pane_b):
            pane.verticalScrollBar().valueChanged.connect(self.update)
            pane.layout_changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(CONNECTOR_WIDTH, 100)

    def minimumSizeHint(self) -> QSize:
        return QSize(CONNECTOR_WIDTH, 20)

    def set_colors(self, colors: HighlightColors) -> None:
        self._colors = colors
        self.update()

    def set_selected(self, index: int) -> None:
        self._selected = index
        self.update()

    # ------------------------------------------------------------------ geometry

    def _offset(self, pane: TextPane) -> float:
        """Connector y of the pane viewport's top edge."""
        viewport = pane.viewport()
        return float(self.mapFromGlobal(viewport.mapToGlobal(QPoint(0, 0))).y())

    def _visible_range(self) -> tuple[float, float]:
        top_a, top_b = self._offset(self._a), self._offset(self._b)
        return (
            min(top_a, top_b),
            max(top_a + self._a.viewport().height(), top_b + self._b.viewport().height()),
        )

    def band_paths(self) -> list[tuple[int, QPainterPath]]:
        """The band of every passage that crosses the visible area, in connector coordinates."""
        return [(n, path) for n, path, _ in self._bands()]

    def _candidates(self) -> list[tuple[int, bool]]:
        """Passages whose band may show, ascending, each with "neither end is in view"."""
        passages_a, passages_b = self._a.passages(), self._b.passages()
        count = min(len(passages_a), len(passages_b))
        a_first, a_last = self._a.visible_text_range()
        b_first, b_last = self._b.visible_text_range()
        near = set(self._a.passages_meeting(a_first, a_last))
        near.update(self._b.passages_meeting(b_first, b_last))
        out = [(n, False) for n in near if n < count]
        for n in range(count):
            # Off screen on both sides: it crosses the strip only if one end is above
            # the view and the other below. Integer tests, no geometry.
            if n not in near and (passages_a[n].end <= a_first) != (passages_b[n].end <= b_first):
                out.append((n, True))
        out.sort()
        return out

    def _bands(self) -> list[tuple[int, QPainterPath, bool]]:
        """(passage, band, passes through) for every band that crosses the visible area."""
        pairs = list(zip(self._a.passages(), self._b.passages(), strict=False))
        if not pairs:
            return []
        # Document y to connector y: the scroll shift is the same for every passage.
        off_a = self._offset(self._a) + self._a.scroll_shift()
        off_b = self._offset(self._b) + self._b.scroll_shift()
        low, high = self._visible_range()
        width = float(self.width())
        out = []
        for n, through in self._candidates():
            pa, pb = pairs[n]
            a_top, a_bottom = (y + off_a for y in self._a.span_document_y(pa.start, pa.end))
            b_top, b_bottom = (y + off_b for y in self._b.span_document_y(pb.start, pb.end))
            if max(a_bottom, b_bottom) < low or min(a_top, b_top) > high:
                continue  # wholly above or below: no part of the band shows
            out.append((n, _band(width, a_top, a_bottom, b_top, b_bottom), through))
        return out

    def band_at(self, point: QPointF) -> int:
        """The passage whose band is under ``point`` (the selected one wins), or -1."""
        hits = [n for n, path in self.band_paths() if path.contains(point)]
        if self._selected in hits:
            return self._selected
        return hits[-1] if hits else -1

    # ------------------------------------------------------------------ Qt overrides

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._colors is None:
            return
        colors = self._colors
        low, high = self._visible_range()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(0, int(low), self.width(), int(high - low))
        bands = self._bands()
        bands.sort(key=lambda item: item[0] == self._selected)  # selected on top
        passages = self._a.passages()
        cheap = len(bands) > ALIASED_FILL_ABOVE
        for n, path, through in bands:
            kind = passages[n].kind
            selected = n == self._selected
            pen = QPen(colors.kind[kind], 2.0 if selected else 1.0)
            pen.setStyle(KIND_PEN_STYLES[kind])
            if through and cheap:  # fill aliased, outline antialiased over its edge
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                painter.fillPath(path, colors.band_fill(kind, selected))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setBrush(colors.band_fill(kind, selected))
            painter.setPen(pen)
            painter.drawPath(path)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.band_at(event.position())
            if hit >= 0:
                self.band_clicked.emit(hit)
                return
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        # Scrolling over the strip scrolls pane A; synchronised scrolling moves B along.
        bar = self._a.verticalScrollBar()
        steps = event.angleDelta().y() / 120 * 3
        bar.setValue(bar.value() - round(steps))
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.band_at(QPointF(event.pos()))
            if hit >= 0:
                QToolTip.showText(event.globalPos(), self._a.passage_tooltip(hit), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


def _band(width: float, a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> QPainterPath:
    """A band from [a_top, a_bottom] on the left edge to [b_top, b_bottom] on the right."""
    mid = width / 2
    path = QPainterPath(QPointF(0, a_top))
    path.cubicTo(QPointF(mid, a_top), QPointF(mid, b_top), QPointF(width, b_top))
    path.lineTo(QPointF(width, b_bottom))
    path.cubicTo(QPointF(mid, b_bottom), QPointF(mid, a_bottom), QPointF(0, a_bottom))
    path.closeSubpath()
    return path
