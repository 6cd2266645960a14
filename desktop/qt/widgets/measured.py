"""A plain-text edit that knows where its text is drawn, on screen or off.

The compare view needs positions of passages that may be scrolled out of view (to draw
bands towards them and to line the panes up), and line numbers that count wrapped
lines (QPlainTextEdit scrolls by line). :class:`MeasuredTextEdit` provides both,
in Python string indices: engine spans are Python indices while Qt counts UTF-16 code
units, so text with characters outside the Basic Multilingual Plane (emoji) is mapped
through an :class:`~desktop.qt.widgets.textmarks.OffsetMap`.

Asking Qt where an off-screen block sits walks every block between it and the first
visible one, so span heights are cached in document coordinates (independent of the
scroll position; at most :data:`SPAN_CACHE_SIZE` spans, see :mod:`.lru`) and dropped
whenever the layout may have changed: new text or formats, a rewrap after a resize, a
font or a wrap mode change (announced before, ``layout_changing``, while the old
positions can still be read, and after, ``layout_changed``). Scrolling only shifts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QEvent, QPoint, QSizeF, Signal, Slot
from PySide6.QtGui import QResizeEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop.qt.widgets.lru import LruCache
from desktop.qt.widgets.textmarks import OffsetMap

GUTTER = 12  # document margin, wide enough for the passage bars
SPAN_CACHE_SIZE = 4096  # spans measured per layout: every passage of a long pair, with room


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Where a document position is drawn, in viewport coordinates."""

    x: float
    top: float
    height: float


class MeasuredTextEdit(QPlainTextEdit):
    """QPlainTextEdit with exact line numbers and viewport geometry for Python indices."""

    layout_changing = Signal()  # about to rewrap (resize, font, wrap mode): positions still old
    layout_changed = Signal()  # line wrapping changed (resize, font), positions moved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._map = OffsetMap("")
        self._text_length = 0
        self._layout_revision = 0
        self._cache_key: tuple[int, int] | None = None
        self._block_tops: list[float] = []  # document y of each block's top
        self._span_cache: LruCache[tuple[int, int], tuple[float, float]] = LruCache(SPAN_CACHE_SIZE)
        self.document().contentsChange.connect(self._on_document_contents_change)
        self.document().documentLayout().documentSizeChanged.connect(self._on_layout_document_size_changed)

    def _set_measured_text(self, text: str) -> None:
        """Show ``text`` (plain) and index it for position mapping."""
        self._map = OffsetMap(text)
        self._text_length = len(text)
        self.setPlainText(text)
        self.document().setDocumentMargin(GUTTER)

    @Slot(int, int, int)
    def _on_document_contents_change(self, _position: int, _removed: int, _added: int) -> None:
        self._layout_revision += 1  # text or formats changed: lines may have moved

    @Slot(QSizeF)
    def _on_layout_document_size_changed(self, _size: QSizeF) -> None:
        self._layout_revision += 1  # blocks were (re)laid out

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
        self._layout_revision += 1
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
        # Qt fills in the position too: PySide6 returns (x, position), typed as object.
        x, _ = cast(tuple[float, int], line.cursorToX(position - block.position()))
        return _Geometry(origin.x() + x, origin.y() + line.y(), line.height())

    def span_y(self, start: int, end: int) -> tuple[float, float]:
        """Top of the first line and bottom of the last line of a span, viewport y."""
        top, bottom = self.span_document_y(start, end)
        shift = self.scroll_shift()
        return top + shift, bottom + shift

    def scroll_shift(self) -> float:
        """What to add to a document y (see :meth:`span_document_y`) to get viewport y."""
        self._check_cache()
        first = self.firstVisibleBlock()
        tops = self._block_tops
        number = first.blockNumber() if first.isValid() else 0
        top = tops[number] if 0 <= number < len(tops) else 0.0
        return self.contentOffset().y() - top

    def span_document_y(self, start: int, end: int) -> tuple[float, float]:
        """A span's top and bottom in document y: measured once per layout, kept while scrolling."""
        self._check_cache()
        key = (start, end)
        hit = self._span_cache.get(key)
        if hit is None:
            top, _ = self._line_document_y(start)
            last_top, last_height = self._line_document_y(max(start, end - 1))
            hit = self._span_cache.put(key, (top, last_top + last_height))
        return hit

    def _check_cache(self) -> None:
        """Drop cached geometry if the layout or the wrapping width changed since it was taken."""
        key = (self._layout_revision, self.viewport().width())
        if key == self._cache_key:
            return
        self._cache_key = key
        self._span_cache.clear()
        layout = self.document().documentLayout()
        tops = []
        y = 0.0
        block = self.document().firstBlock()
        while block.isValid():
            tops.append(y)
            y += layout.blockBoundingRect(block).height()
            block = block.next()
        self._block_tops = tops

    def _line_document_y(self, index: int) -> tuple[float, float]:
        """Document y and height of the line holding Python index ``index``."""
        position = self.to_qt(index)
        block = self.document().findBlock(position)
        number = block.blockNumber() if block.isValid() else -1
        if not 0 <= number < len(self._block_tops):
            return 0.0, self.line_height()
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position())
        top = self._block_tops[number] + layout.position().y()
        if not line.isValid():
            return top, self.line_height()
        return top + line.y(), line.height()

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
        if event.size().width() != event.oldSize().width():
            self.layout_changing.emit()
        super().resizeEvent(event)
        self._relayout()  # also moves the layout revision on

    def changeEvent(self, event: QEvent) -> None:
        font_changed = event.type() == QEvent.Type.FontChange  # zooming rewraps the text
        if font_changed:
            self.layout_changing.emit()
        super().changeEvent(event)
        if font_changed:
            self._relayout()

    def setLineWrapMode(self, mode: QPlainTextEdit.LineWrapMode) -> None:
        if mode != self.lineWrapMode():
            self.layout_changing.emit()
            super().setLineWrapMode(mode)
            self._relayout()

    def setWordWrapMode(self, policy: QTextOption.WrapMode) -> None:
        if policy != self.wordWrapMode():
            self.layout_changing.emit()
            super().setWordWrapMode(policy)
            self._relayout()
