"""One side of the compare view: a read-only article pane that marks shared passages.

The article text is set with ``setPlainText``, so nothing in it is ever read as markup.
Boilerplate is dimmed with a character format on the document itself (italics change
line breaks, which extra selections cannot do); every other mark is an
``ExtraSelection`` drawn over the text. Overlapping marks (a changed word inside a
passage inside unique text, say) are flattened into disjoint ranges whose formats are
merged in a fixed order, because Qt draws each extra selection over the document's own
format on its own and would otherwise lose all but the last mark.

A gutter bar left of each passage repeats its kind as a line pattern (solid, dashed,
dotted), and the selected passage is outlined. Typed changes are framed in their type's
colour, their letters in the right margin (:mod:`.change_frames`).

Long articles carry thousands of marks, so work is kept proportional to what changes
or shows: selecting a passage re-merges only the ranges the old and new selection
cover, and painting measures only the passages whose text meets the visible blocks.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from desktop.engine.figures import similarity
from desktop.engine.model import Article, ChangeType, Op
from desktop.qt.widgets.change_frames import ChangeMark, ChangeMarks, paint_change_marks
from desktop.qt.widgets.change_style import typed_colors
from desktop.qt.widgets.highlight import (
    KIND_PEN_STYLES,
    HighlightColors,
    boilerplate_format,
    passage_format,
    unique_format,
    word_format,
)
from desktop.qt.widgets.labels import escaped_tooltip
from desktop.qt.widgets.measured import GUTTER, MeasuredTextEdit
from desktop.qt.widgets.textmarks import PaneSpan, SpanIndex, flatten_keys, merge_formats

# Layer order: later layers are merged over earlier ones.
_LAYER_UNIQUE, _LAYER_PASSAGE, _LAYER_WORD = range(3)


class TextPane(MeasuredTextEdit):
    """A read-only, soft-wrapped article pane with passage marks.

    ``side`` ("a" or "b") only changes wording: tooltips say which article a changed
    word is missing from.
    """

    passage_activated = Signal(int)  # clicked, or Return pressed, inside passage n
    focus_entered = Signal()

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self._article: Article | None = None
        self._colors: HighlightColors | None = None
        self._passages: list[PaneSpan] = []
        self._index = SpanIndex([])
        # The marks as last built: layers, flattened ranges (with the layers over each),
        # their extra selections, and which ranges each passage's layer covers.
        self._layers: list[tuple[int, int, int, QTextCharFormat]] = []
        self._ranges: list[tuple[int, int, tuple[int, ...]]] = []
        self._selections: list[QTextEdit.ExtraSelection] = []
        self._passage_ranges: dict[int, list[int]] = {}
        self._passage_layer0 = 0  # layer index of passage 0
        self._words: list[tuple[int, int, Op]] = []
        self._context_actions: list[QAction] = []
        self._unique: list[tuple[int, int]] = []
        self._show_unique = True
        self._selected = -1
        self._changes = ChangeMarks()
        self._current_change: tuple[int, int] | None = None
        self._change_colors: dict[ChangeType, QColor] = {}
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setTabChangesFocus(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.document().setDocumentMargin(GUTTER)
        self.setMouseTracking(True)

    # ------------------------------------------------------------------ content

    def article(self) -> Article | None:
        return self._article

    def set_article(self, article: Article) -> None:
        """Show ``article``'s text literally; marks are cleared.

        When the text is the one already shown, the document (and with it the scroll
        position and cursor) is kept.
        """
        old = self._article
        self._article = article
        self._passages, self._words, self._unique, self._selected = [], [], [], -1
        self._index = SpanIndex([])
        self._changes, self._current_change = ChangeMarks(), None
        self._forget_marks()
        self.setExtraSelections([])
        if old is None or old.text != article.text:
            self._set_measured_text(article.text)
        elif old.boilerplate == article.boilerplate:
            return
        self._format_boilerplate()
        self._relayout()

    def set_colors(self, colors: HighlightColors) -> None:
        self._colors = colors
        self._change_colors = typed_colors(colors.dark)
        self._format_boilerplate()  # italics may move line breaks
        self._relayout()
        self._rebuild()

    def set_marks(
        self,
        passages: Sequence[PaneSpan],
        words: Sequence[tuple[int, int, Op]],
        unique: Sequence[tuple[int, int]],
    ) -> None:
        """Passages (index = passage number), changed words and unique spans of this side.

        ``words`` are marked as given: what counts as changed is the engine's decision
        (:func:`desktop.engine.marking.marked_spans`).
        """
        self._passages = list(passages)
        self._index = SpanIndex([(p.start, p.end) for p in self._passages])
        self._words = [(s, e, op) for s, e, op in words if e > s]
        self._unique = [(s, e) for s, e in unique if e > s]
        self._selected = -1
        self._forget_marks()
        self._rebuild()

    def set_changes(self, marks: Sequence[ChangeMark]) -> None:
        """The typed changes of this side, framed over the text."""
        self._changes, self._current_change = ChangeMarks(marks), None
        self.viewport().update()

    def change_marks(self) -> list[ChangeMark]:
        return list(self._changes.marks)

    def set_current_change(self, key: tuple[int, int] | None) -> None:
        """Frame change ``(passage, change)`` thicker (None: no change is current)."""
        if key != self._current_change:
            self._current_change = key
            self.viewport().update()

    def current_change(self) -> tuple[int, int] | None:
        return self._current_change

    def set_selected(self, index: int) -> None:
        if index != self._selected:
            old, self._selected = self._selected, index
            self._restyle([n for n in (old, index) if 0 <= n < len(self._passages)])

    def set_show_unique(self, on: bool) -> None:
        if on != self._show_unique:
            self._show_unique = on
            self._rebuild()

    def passages(self) -> list[PaneSpan]:
        return self._passages

    def add_context_actions(self, actions: Sequence[QAction]) -> None:
        """Offer ``actions`` at the top of the pane's context menu (above Copy)."""
        self._context_actions.extend(actions)

    def selected_span(self) -> tuple[int, int] | None:
        """The selected text as Python indices into the article, or None without a selection."""
        cursor = self.textCursor()
        if self._article is None or not cursor.hasSelection():
            return None
        return (self.to_py(cursor.selectionStart()), self.to_py(cursor.selectionEnd()))

    def context_menu(self, pos: QPoint) -> QMenu:
        """The context menu at ``pos``: the added actions, then Qt's own (Copy, Select All)."""
        menu = self.createStandardContextMenu(pos)
        standard = menu.actions()
        if self._context_actions and standard:
            menu.insertActions(standard[0], self._context_actions)
            menu.insertSeparator(standard[0])
        elif self._context_actions:
            menu.addActions(self._context_actions)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def visible_text_range(self) -> tuple[int, int]:
        """Python indices from the start of the first visible block to the end of the last.

        Whole blocks, so every character on a partly visible line is inside, plus one
        block either side, whose edge may touch the view's.
        """
        viewport = self.viewport()
        top = self.cursorForPosition(QPoint(0, 0)).block()
        bottom = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).block()
        if top.previous().isValid():
            top = top.previous()
        if bottom.next().isValid():
            bottom = bottom.next()
        first = top.position() if top.isValid() else 0
        last = bottom.position() + bottom.length() if bottom.isValid() else self.document().characterCount()
        return self.to_py(first), self.to_py(last)

    def passages_meeting(self, first: int, last: int) -> list[int]:
        """Passages (ascending) with text between Python indices ``first`` and ``last``."""
        return self._index.meeting(first, last)

    # ------------------------------------------------------------------ selections

    def _format_boilerplate(self) -> None:
        """Dim the article's boilerplate in the document (the text itself is untouched)."""
        if self._article is None:
            return
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        if self._colors is None:
            return
        chrome = boilerplate_format(self._colors)
        for start, end in self._article.boilerplate:
            self._cursor_for(start, end).mergeCharFormat(chrome)

    def _cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting Python span ``[start, end)``, clamped to the text."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _forget_marks(self) -> None:
        self._layers, self._ranges, self._selections, self._passage_ranges = [], [], [], {}
        self._passage_layer0 = 0

    def _rebuild(self) -> None:
        """Build every mark's extra selection from scratch (new marks, colours or options)."""
        if self._colors is None or self._article is None:
            return
        colors = self._colors
        layers: list[tuple[int, int, int, QTextCharFormat]] = []
        if self._show_unique:
            mark = unique_format(colors)
            layers += [(s, e, _LAYER_UNIQUE, mark) for s, e in self._unique]
        first_passage = len(layers)
        for n, p in enumerate(self._passages):
            layers.append(
                (p.start, p.end, _LAYER_PASSAGE, passage_format(colors, p.kind, n, n == self._selected))
            )
        words = {op: word_format(colors, op) for op in (Op.DELETE, Op.INSERT)}
        layers += [(s, e, _LAYER_WORD, words[op]) for s, e, op in self._words]
        ranges = flatten_keys([(s, e, order) for s, e, order, _ in layers])
        covered: dict[int, list[int]] = {}
        cache: dict[tuple[int, ...], QTextCharFormat] = {}
        selections = []
        for r, (start, end, key) in enumerate(ranges):
            for layer in key:
                if first_passage <= layer < first_passage + len(self._passages):
                    covered.setdefault(layer - first_passage, []).append(r)
            fmt = cache.get(key)
            if fmt is None:
                fmt = cache[key] = merge_formats([layers[n][3] for n in key])
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor_for(start, end)
            sel.format = fmt
            selections.append(sel)
        self._layers, self._ranges, self._selections = layers, ranges, selections
        self._passage_ranges = {n: covered.get(n, []) for n in range(len(self._passages))}
        self._passage_layer0 = first_passage
        self.setExtraSelections(selections)
        self.viewport().update()

    def _restyle(self, passages: list[int]) -> None:
        """Re-merge only the ranges ``passages`` cover, after their selected state changed."""
        if self._colors is None or self._article is None:
            return
        if not self._selections and self._passages:
            self._rebuild()
            return
        for n in passages:
            p = self._passages[n]
            layer = self._passage_layer0 + n
            self._layers[layer] = (
                p.start,
                p.end,
                _LAYER_PASSAGE,
                passage_format(self._colors, p.kind, n, n == self._selected),
            )
        for n in passages:
            for r in self._passage_ranges.get(n, []):
                key = self._ranges[r][2]
                self._selections[r].format = merge_formats([self._layers[k][3] for k in key])
        self.setExtraSelections(self._selections)
        self.viewport().update()

    def passage_at(self, index: int | None) -> int:
        """The passage containing Python index ``index`` (the shortest if several), or -1."""
        if index is None:
            return -1
        best, best_len = -1, 0
        for n, p in enumerate(self._passages):
            if p.start <= index < p.end and (best < 0 or p.end - p.start < best_len):
                best, best_len = n, p.end - p.start
        return best

    def word_at(self, index: int | None) -> Op | None:
        if index is None:
            return None
        return next((op for s, e, op in self._words if s <= index < e), None)

    # ------------------------------------------------------------------ Qt overrides

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()  # the focus ring
        self.focus_entered.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            hit = self.passage_at(self.char_at(event.position().toPoint()))
            if hit >= 0:
                self.passage_activated.emit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._article is not None:
            cursor = self.textCursor()
            hit = self.passage_at(self.to_py(cursor.selectionStart()))
            if hit >= 0:
                self.passage_activated.emit(hit)
                return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip_at(event.pos())
            if text:
                if QtGui.Qt.mightBeRichText(text):  # a typed change's line quotes the article's words
                    text = escaped_tooltip(text)
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _tooltip_at(self, point: QPoint) -> str:
        index = self.char_at(point)
        if index is None or self._article is None:
            return ""
        lines = []
        hit = self.passage_at(index)
        if hit >= 0:
            lines.append(self.passage_tooltip(hit))
            op = self.word_at(index)
            if op is Op.DELETE:
                lines.append("Struck through: only in A, missing from B")
            elif op is Op.INSERT:
                lines.append("Underlined: only in B, not in A")
            lines += [m.description for m in self._changes.at(index)]
        if any(s <= index < e for s, e in self._article.boilerplate):
            lines.append("Site text (boilerplate), not compared")
        if self._show_unique and any(s <= index < e for s, e in self._unique):
            lines.append("Found in no other article")
        return "\n".join(lines)

    def passage_tooltip(self, index: int) -> str:
        """'Edited passage 3 of 12 — 84% similar'."""
        p = self._passages[index]
        how = " — linked by hand" if p.manual else ""
        count = len(self._passages)
        similar = similarity(p.score, p.kind)
        return f"{p.kind.wording.label} passage {index + 1} of {count}{how} — {similar} similar"

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            self._paint_focus_ring()
        if self._colors is None or not self._passages:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height = self.viewport().height()
        for n in self.passages_meeting(*self.visible_text_range()):
            p = self._passages[n]
            top, bottom = self.span_y(p.start, p.end)
            if bottom < 0 or top > height:
                continue
            selected = n == self._selected
            pen = QPen(self._colors.kind[p.kind], 5 if selected else 3)
            pen.setStyle(KIND_PEN_STYLES[p.kind])
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            x = 4.5 if selected else 3.5
            painter.drawLine(QPointF(x, top + 1), QPointF(x, bottom - 1))
            if p.manual:
                self._paint_manual_mark(painter, top, self._colors.kind[p.kind])
            if selected:
                self._paint_outline(painter, p, self._colors.kind[p.kind])
        if self._changes.marks:
            marks = self._changes.meeting(*self.visible_text_range())
            paint_change_marks(self, painter, marks, self._change_colors, self._current_change, GUTTER)
        painter.end()

    def _paint_focus_ring(self) -> None:
        """A frame in the highlight colour inside the view while the pane has the focus:
        the style draws none for a text view, and a keyboard user must see where Tab went."""
        painter = QPainter(self.viewport())
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.viewport().rect()).adjusted(1, 1, -1, -1))
        painter.end()

    def _paint_manual_mark(self, painter: QPainter, top: float, color: QColor) -> None:
        """A diamond at the top of a hand-linked passage's bar, so manual links stand out."""
        path = QPainterPath()
        x, y, r = 4.5, top + 5.0, 4.5
        path.moveTo(x, y - r)
        path.lineTo(x + r, y)
        path.lineTo(x, y + r)
        path.lineTo(x - r, y)
        path.closeSubpath()
        painter.save()
        painter.setPen(QPen(self.palette().color(self.backgroundRole()), 1.0))
        painter.setBrush(color)
        painter.drawPath(path)
        painter.restore()

    def _paint_outline(self, painter: QPainter, p: PaneSpan, color: QColor) -> None:
        """Outline the selected passage, hugging its first and last lines."""
        first = self.geometry_at(p.start)
        last = self.geometry_at(max(p.start, p.end - 1))
        end_x = self.geometry_at(p.end).x if self.geometry_at(p.end).top == last.top else None
        if end_x is None:  # the passage ends at a line's end
            end_x = self.viewport().width() - GUTTER + 2
        left, right = GUTTER - 2.0, self.viewport().width() - GUTTER + 2.0
        path = QPainterPath()
        if first.top == last.top:
            path.addRect(first.x - 1, first.top, end_x - first.x + 2, first.height)
        else:
            bottom = last.top + last.height
            path.moveTo(first.x - 1, first.top)
            path.lineTo(right, first.top)
            path.lineTo(right, last.top)
            path.lineTo(end_x + 1, last.top)
            path.lineTo(end_x + 1, bottom)
            path.lineTo(left, bottom)
            path.lineTo(left, first.top + first.height)
            path.lineTo(first.x - 1, first.top + first.height)
            path.closeSubpath()
        painter.setPen(QPen(color, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
