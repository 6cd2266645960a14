"""The location strip beside an article pane: where every passage is, and where the view is.

Like Meld's chunk map or WinMerge's location pane, :class:`LocationStrip` scales the
whole article to the strip's height. Every shared passage is a mark in its kind's colour
at the lines it covers (with the kind's pattern as well, so colour is not the only cue:
solid verbatim, dense edited, sparse paraphrase), the selected passage is outlined, and
a frame shows the part of the article in view. Clicking a mark selects its passage;
clicking or dragging elsewhere scrolls the pane there.

Positions are visual lines (wrapped lines counted, as the pane scrolls), measured once
per layout of the pane; scrolling only moves the frame.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from desktop.engine.model import Kind
from desktop.qt.widgets.highlight import HighlightColors
from desktop.qt.widgets.textpane import TextPane

STRIP_WIDTH = 14
MIN_MARK = 3.0  # pixels: the shortest passage of a long article still shows
KIND_BRUSHES: dict[Kind, Qt.BrushStyle] = {
    Kind.VERBATIM: Qt.BrushStyle.SolidPattern,
    Kind.EDITED: Qt.BrushStyle.Dense2Pattern,
    Kind.PARAPHRASE: Qt.BrushStyle.Dense4Pattern,
}


class LocationStrip(QWidget):
    """The overview of one :class:`TextPane`; emits ``passage_clicked(index)``."""

    passage_clicked = Signal(int)

    def __init__(self, pane: TextPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._colors: HighlightColors | None = None
        self._selected = -1
        self._lines: list[tuple[float, float]] | None = None  # each passage's lines, per layout
        self._dragging = False
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"Overview of article {pane.side.upper()}")
        bar = pane.verticalScrollBar()
        bar.valueChanged.connect(self._on_pane_scrolled)
        bar.rangeChanged.connect(self._on_pane_range_changed)
        pane.layout_changed.connect(self.refresh)

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 100)

    def minimumSizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 20)

    # ------------------------------------------------------------------ state

    def set_colors(self, colors: HighlightColors) -> None:
        self._colors = colors
        self.update()

    def set_selected(self, index: int) -> None:
        if index != self._selected:
            self._selected = index
            self.update()

    @Slot()
    def refresh(self) -> None:
        """Measure the passages again (new marks, or the pane rewrapped its text)."""
        self._lines = None
        self.update()

    # ------------------------------------------------------------------ geometry

    def _passage_lines(self) -> list[tuple[float, float]]:
        if self._lines is None:
            self._lines = [self._pane.span_lines(p.start, p.end) for p in self._pane.passages()]
        return self._lines

    def _scale(self) -> float:
        """Strip pixels per visual line of the pane."""
        return self._track().height() / max(1, self._pane.total_lines())

    def _track(self) -> QRectF:
        return QRectF(self.rect()).adjusted(0, 1, 0, -1)

    def markers(self) -> list[tuple[int, QRectF]]:
        """Each passage's mark (passage index, rectangle), in passage order."""
        track, scale = self._track(), self._scale()
        out = []
        for n, (first, last) in enumerate(self._passage_lines()):
            top = track.top() + first * scale
            height = max(MIN_MARK, (last - first) * scale)
            out.append((n, QRectF(track.left() + 2, top, track.width() - 4, height)))
        return out

    def viewport_rect(self) -> QRectF:
        """The frame of the lines in view."""
        track, scale = self._track(), self._scale()
        top = track.top() + self._pane.top_line() * scale
        height = min(track.height(), self._pane.visible_lines() * scale)
        return QRectF(track.left(), top, track.width(), max(height, MIN_MARK))

    def passage_at(self, y: float) -> int:
        """The passage whose mark covers strip ``y`` (the selected one wins), or -1."""
        hits = [n for n, rect in self.markers() if rect.top() - 1 <= y <= rect.bottom() + 1]
        if self._selected in hits:
            return self._selected
        return hits[0] if hits else -1

    def scroll_to(self, y: float) -> None:
        """Scroll the pane so the line at strip ``y`` is in the middle of its view."""
        line = (y - self._track().top()) / self._scale()
        self._pane.set_top_line(line - self._pane.visible_lines() / 2)

    # ------------------------------------------------------------------ Qt overrides

    def paintEvent(self, _event: QPaintEvent) -> None:
        colors = self._colors
        if colors is None:
            return
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(palette.ColorRole.AlternateBase))
        selected = None
        for n, rect in self.markers():
            if n >= len(self._pane.passages()):
                break
            kind = self._pane.passages()[n].kind
            painter.fillRect(rect, colors.base)
            painter.fillRect(rect, QBrush(colors.kind[kind], KIND_BRUSHES[kind]))
            if n == self._selected:
                selected = rect
        if selected is not None:
            painter.setPen(QPen(colors.text, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(selected.adjusted(-1.5, -1, 1.5, 1))
        view = self.viewport_rect().adjusted(0.5, 0.5, -0.5, -0.5)
        shade = QColor(colors.text)
        shade.setAlphaF(0.12)
        painter.fillRect(view, shade)
        frame = QColor(colors.text)
        frame.setAlphaF(0.6)
        painter.setPen(QPen(frame, 1))
        painter.drawRect(view)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        y = event.position().y()
        hit = self.passage_at(y)
        if hit >= 0:
            self.passage_clicked.emit(hit)
        else:
            self._dragging = True
            self.scroll_to(y)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging and event.buttons() & Qt.MouseButton.LeftButton:
            self.scroll_to(event.position().y())
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        QApplication.sendEvent(self._pane.verticalScrollBar(), event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.passage_at(QPointF(event.pos()).y())
            if hit >= 0:
                QToolTip.showText(
                    event.globalPos(), self._pane.passage_tooltip(hit) + " — click to select", self
                )
            else:
                QToolTip.showText(event.globalPos(), "Click or drag to scroll here", self)
            return True
        return super().event(event)

    # ------------------------------------------------------------------ slots

    @Slot(int)
    def _on_pane_scrolled(self, _value: int) -> None:
        self.update()

    @Slot(int, int)
    def _on_pane_range_changed(self, _minimum: int, _maximum: int) -> None:
        self.refresh()
