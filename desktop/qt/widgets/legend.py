"""The legend under the compare panes, and the elided pane titles above them.

Legend samples are drawn with the very formats the panes use, so the legend cannot
drift from what it explains; each sample is followed by words, because colour alone
must never carry meaning.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QResizeEvent, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget

from desktop.engine.model import ChangeType, Kind, Op
from desktop.qt.widgets.change_style import ChangeSample
from desktop.qt.widgets.highlight import (
    KIND_PEN_STYLES,
    HighlightColors,
    boilerplate_format,
    passage_format,
    unique_format,
    word_format,
)
from desktop.qt.widgets.labels import escaped_tooltip

_PAD = 4
_BAR = 8  # room for the gutter bar drawn left of kind samples


class FormatSampleLabel(QWidget):
    """A word drawn with a text format, optionally behind a passage gutter bar."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._format = QTextCharFormat()
        self._kind: Kind | None = None
        self._colors: HighlightColors | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_sample(self, fmt: QTextCharFormat, colors: HighlightColors, kind: Kind | None = None) -> None:
        self._format, self._colors, self._kind = fmt, colors, kind
        self.updateGeometry()
        self.update()

    def _layout(self) -> QTextLayout:
        layout = QTextLayout(self._text, self.font())
        span = QTextLayout.FormatRange()
        span.start, span.length, span.format = 0, len(self._text), self._format
        layout.setFormats([span])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(10_000)
        layout.endLayout()
        return layout

    def sizeHint(self) -> QSize:
        layout = self._layout()  # keep it alive: the line is a view into it
        line = layout.lineAt(0)
        extra = _BAR if self._kind is not None else 0
        return QSize(int(line.naturalTextWidth()) + 2 * _PAD + extra, int(line.height()) + 2 * _PAD)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._colors is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = float(_PAD)
        if self._kind is not None:
            pen = QPen(self._colors.kind[self._kind], 3)
            pen.setStyle(KIND_PEN_STYLES[self._kind])
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(x + 1.5, _PAD), QPointF(x + 1.5, self.height() - _PAD))
            x += _BAR
        painter.setPen(self._colors.text)
        self._layout().draw(painter, QPointF(x, _PAD))
        painter.end()


class FlowLayout(QLayout):
    """Lays out items left to right, wrapping onto more rows when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place the items in rows (each centred in its row's height); returns the height used."""
        rows: list[list[tuple[QLayoutItem, QSize, int]]] = [[]]
        x = rect.x()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and x > rect.x():
                rows.append([])
                x = rect.x()
            rows[-1].append((item, hint, x))
            x += hint.width() + self.spacing()
        y = rect.y()
        for n, row in enumerate(r for r in rows if r):
            if n:
                y += self.spacing()
            row_height = max(hint.height() for _, hint, _ in row)
            if apply:
                for item, hint, left in row:
                    item.setGeometry(QRect(QPoint(left, y + (row_height - hint.height()) // 2), hint))
            y += row_height
        return y - rect.y()


class LegendBar(QWidget):
    """Explains every mark of the compare view; wraps onto more rows when narrow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = FlowLayout(self)
        self._kinds = {kind: FormatSampleLabel(kind.wording.label, self) for kind in Kind}
        for kind in Kind:
            row.addWidget(self._kinds[kind])
        self._delete = FormatSampleLabel("words", self)
        self._insert = FormatSampleLabel("words", self)
        self._chrome = FormatSampleLabel("site text", self)
        self._unique = FormatSampleLabel("text", self)
        self._unique_label = QLabel("in no other article (dotted)", self)
        self._change = ChangeSample("12,000", ChangeType.NUMBER, self)
        changes = QLabel("typed change (F8)", self)
        changes.setToolTip(
            "A changed number, name, quotation, attribution, hedge or negation is framed in its "
            "type's colour, with its letter in the margin; the toggles above the passage table "
            "name the colours. Point at a frame for the words on both sides; F8 and Shift+F8 "
            "step through them."
        )
        for sample, label in (
            (self._change, changes),
            (self._delete, QLabel("only in A (struck through)", self)),
            (self._insert, QLabel("only in B (underlined)", self)),
            (self._chrome, QLabel("boilerplate, not compared", self)),
            (self._unique, self._unique_label),
        ):
            pair = QWidget(self)  # keeps each sample on the same row as its words
            box = QHBoxLayout(pair)
            box.setContentsMargins(6, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(sample)
            box.addWidget(label)
            row.addWidget(pair)
        # The diamond on a passage's bar (see TextPane); shown while the pair has such a passage.
        self._manual = QLabel("◆ linked by hand", self)
        self._manual.setToolTip("A passage linked by hand (Edit > Link Selected Text); Ctrl+Z undoes it")
        self._manual.hide()
        row.addWidget(self._manual)
        self.setToolTip(
            "Tinted text is shared with the other article; the bar left of it and the band "
            "between the panes show the kind: solid = verbatim, dashed = edited, dotted = paraphrase."
        )

    def set_colors(self, colors: HighlightColors) -> None:
        for kind, sample in self._kinds.items():
            sample.set_sample(passage_format(colors, kind, 0, False), colors, kind)
        self._delete.set_sample(word_format(colors, Op.DELETE), colors)
        self._insert.set_sample(word_format(colors, Op.INSERT), colors)
        self._chrome.set_sample(boilerplate_format(colors), colors)
        self._unique.set_sample(unique_format(colors), colors)
        self._change.set_colors(colors.dark, colors.text)

    def set_manual_visible(self, on: bool) -> None:
        """Show the "linked by hand" entry only while a manual passage is shown."""
        self._manual.setVisible(on)

    def set_unique_visible(self, on: bool) -> None:
        """Show the "unique text" entry only while unique text is marked."""
        pair = self._unique.parentWidget()
        if pair is not None:
            pair.setVisible(on)


class VersionsLegend(QWidget):
    """Explains the marks of stacked versions (families, quotes); wraps when narrow."""

    def __init__(self, reference: str = "central", parent: QWidget | None = None) -> None:
        """``reference``: what the versions are compared with ("central", "reference")."""
        super().__init__(parent)
        row = FlowLayout(self)
        self._delete = FormatSampleLabel("words", self)
        self._insert = FormatSampleLabel("words", self)
        for sample, words in (
            (self._delete, f"{reference} wording left out (struck)"),
            (self._insert, "own wording (underlined)"),
        ):
            pair = QWidget(self)
            box = QHBoxLayout(pair)
            box.setContentsMargins(0, 0, 6, 0)
            box.setSpacing(2)
            box.addWidget(sample)
            box.addWidget(QLabel(words, self))
            row.addWidget(pair)
        row.addWidget(QLabel("loose paraphrases unmarked", self))

    def set_colors(self, colors: HighlightColors) -> None:
        self._delete.set_sample(word_format(colors, Op.DELETE), colors)
        self._insert.set_sample(word_format(colors, Op.INSERT), colors)


class ElidedLabel(QLabel):
    """A one-line plain-text label for "title — outlet" that shortens the title to fit.

    The suffix (the outlet) stays whole, since it is what tells two similar titles apart;
    the full text is the tooltip.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._main = ""
        self._suffix = ""
        self.setTextFormat(Qt.TextFormat.PlainText)  # titles come from untrusted articles
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, main: str, suffix: str = "") -> None:
        self._main, self._suffix = main, suffix
        self.setToolTip(escaped_tooltip(self.full_text()))
        self._elide()

    def full_text(self) -> str:
        return self._main + self._suffix

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        room = self.contentsRect().width()
        width = room - metrics.horizontalAdvance(self._suffix)
        if width < metrics.horizontalAdvance("…" + self._main[:3]):
            # Too narrow to keep the suffix whole as well as a few letters of the title.
            self.setText(metrics.elidedText(self.full_text(), Qt.TextElideMode.ElideRight, room))
            return
        self.setText(metrics.elidedText(self._main, Qt.TextElideMode.ElideRight, width) + self._suffix)
