"""A plain-text edit that knows where its text is drawn, on screen or off.

The compare view needs positions of passages that may be scrolled out of view (to draw
bands towards them and to line the panes up), and line numbers that count wrapped
lines (QPlainTextEdit scrolls by line). :class:`MeasuredTextEdit` provides both,
in Python string indices: engine spans are Python indices while Qt counts UTF-16 code
units, so text with characters outside the Basic Multilingual Plane (emoji) is mapped
through an :class:`~desktop.qt.widgets.textmarks.OffsetMap`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Signal
from PySide6.QtGui import QResizeEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop.qt.widgets.textmarks import OffsetMap

GUTTER = 12  # document margin, wide enough for the passage bars


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Where a document position is drawn, in viewport coordinates."""

    x: float
    top: float
    height: float


class MeasuredTextEdit(QPlainTextEdit):
    """QPlainTextEdit with exact line numbers and viewport geometry for Python indices."""

    layout_changed = Signal()  # line wrapping changed (resize, font), positions moved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._map = OffsetMap("")
        self._text_length = 0

    def _set_measured_text(self, text: str) -> None:
        """Show ``text`` (plain) and index it for position mapping."""
        self._map = OffsetMap(text)
        self._text_length = len(text)
        self.setPlainText(text)
        self.document().setDocumentMargin(GUTTER)

    def to_qt(self, index: int) -> int:
        """Qt document position of Python string index ``index`` (clamped to the text)."""
        return self._map.to_qt(min(max(index, 0), self._text_length))

    def to_py(self, position: int) -> int:
        """Python string index of Qt document position ``position``."""
        return self._map.to_py(position)

    def _relayout(self) -> None:
        """Lay out every block now, so line numbers and the scroll range are exact.

        QPlainTextEdit lays blocks out lazily after a width change; until then each
        counts as one line, which would make synchronised scrolling jump.
        """
        layout = self.document().documentLayout()
        block = self.document().firstBlock()
        while block.isValid():
            layout.blockBoundingRect(block)
            block = block.next()
        self.layout_changed.emit()

    def line_height(self) -> float:
        line = self.document().firstBlock().layout().lineAt(0)
        return (
            line.height() if line.isValid() and line.height() > 0 else float(self.fontMetrics().lineSpacing())
        )

    def total_lines(self) -> int:
        return max(1, self.document().lineCount())

    def visible_lines(self) -> float:
        """Lines in view, as the scroll bar counts them (its maximum is total minus this)."""
        return float(max(1, self.verticalScrollBar().pageStep()))

    def line_of(self, index: int) -> float:
        """Visual line (counting wrapped lines) of Python index ``index``."""
        position = self.to_qt(index)
        block = self.document().findBlock(position)
        if not block.isValid():
            return float(self.total_lines())
        line = block.layout().lineForTextPosition(position - block.position())
        return float(block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0))

    def span_lines(self, start: int, end: int) -> tuple[float, float]:
        """First visual line of a span and the line just after its last one."""
        return self.line_of(start), self.line_of(max(start, end - 1)) + 1

    def geometry_at(self, index: int) -> _Geometry:
        """Viewport geometry of the character at Python index ``index`` (off-screen too)."""
        position = self.to_qt(index)
        block = self.document().findBlock(position)
        offset = self.contentOffset()
        if not block.isValid():
            rect = self.cursorRect(QTextCursor(self.document()))
            return _Geometry(rect.x(), rect.y(), rect.height())
        layout = block.layout()
        origin = self.blockBoundingGeometry(block).translated(offset).topLeft() + layout.position()
        line = layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            cursor = QTextCursor(block)
            rect = self.cursorRect(cursor)
            return _Geometry(rect.x(), rect.y(), rect.height())
        x, _ = line.cursorToX(position - block.position())
        return _Geometry(origin.x() + x, origin.y() + line.y(), line.height())

    def span_y(self, start: int, end: int) -> tuple[float, float]:
        """Top of the first line and bottom of the last line of a span, viewport y."""
        first = self.geometry_at(start)
        last = self.geometry_at(max(start, end - 1))
        return first.top, last.top + last.height

    def char_at(self, point: QPoint) -> int | None:
        """Python index of the character under viewport ``point``; None off the text."""
        cursor = self.cursorForPosition(point)
        block = cursor.block()
        if not block.isValid():
            return None
        layout = block.layout()
        origin = (
            self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft() + layout.position()
        )
        rel = cursor.position() - block.position()
        line = layout.lineForTextPosition(rel)
        if not line.isValid():
            return None
        y = point.y() - origin.y()
        if not line.y() <= y < line.y() + line.height():
            return None
        x = point.x() - origin.x()
        if not line.x() <= x < line.x() + line.naturalTextWidth():
            return None
        rel = line.xToCursor(x, line.CursorPosition.CursorOnCharacter)
        if rel >= block.length() - 1:  # the block separator
            return None
        return self._map.to_py(block.position() + rel)

    # ------------------------------------------------------------------ scrolling

    def top_line(self) -> int:
        return self.verticalScrollBar().value()

    def set_top_line(self, line: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(min(max(round(line), bar.minimum()), bar.maximum()))

    def scroll_index_to(self, index: int, y: float) -> None:
        """Scroll so that the line holding ``index`` sits at viewport ``y`` (as near as possible)."""
        # Below the first line there is no top margin: line n of the view sits at n * height.
        self.set_top_line(self.line_of(index) - y / self.line_height())

    def ensure_span_visible(self, start: int, end: int, fraction: float = 0.2) -> None:
        """Scroll only if the span is not wholly in view; then put its start at ``fraction``."""
        top, bottom = self.span_y(start, end)
        height = self.viewport().height()
        if top >= 0 and (bottom <= height or top <= height * fraction):
            return
        self.scroll_index_to(start, height * fraction)

    # ------------------------------------------------------------------ Qt overrides

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zooming rewraps the text
            self._relayout()
