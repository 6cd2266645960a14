"""Typed changes in an article pane: a frame in the type's colour, and its letter in the margin.

The HTML export outlines a typed change in its type's colour and tags it with its letter;
the panes do the same, painting over the text (a character format cannot draw a frame,
and the changed words already carry the struck-through or underlined word marks). The
letters go in the pane's right margin, beside the line where each change ends, so they
never cover text. A side where a change has no words (a dropped "not") gets a caret where
the words would be. The change stepped to with "next typed change" is framed thicker.

Only the marks on visible lines are measured and painted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from desktop.engine.model import ChangeType
from desktop.qt.widgets.change_style import badge_font
from desktop.qt.widgets.measured import MeasuredTextEdit
from desktop.qt.widgets.textmarks import SpanIndex


@dataclass(frozen=True, slots=True)
class ChangeMark:
    """One span of a typed change on one side (``start == end``: the change has no words
    here, and sits at ``start``)."""

    start: int
    end: int
    type: ChangeType
    passage: int  # index into alignment.passages
    change: int  # index into that passage's changes
    description: str  # one line for the tooltip (``describe``)
    last: bool = True  # the change's last span on this side: its letter goes beside it

    @property
    def key(self) -> tuple[int, int]:
        return (self.passage, self.change)


class ChangeMarks:
    """The typed-change marks of one pane, indexed to find those on screen or under a point."""

    def __init__(self, marks: Sequence[ChangeMark] = ()) -> None:
        self.marks = list(marks)
        self._index = SpanIndex([(m.start, max(m.end, m.start + 1)) for m in self.marks])

    def meeting(self, first: int, last: int) -> list[ChangeMark]:
        return [self.marks[n] for n in self._index.meeting(first, last)]

    def at(self, index: int) -> list[ChangeMark]:
        """The marks with text at Python index ``index``."""
        return [m for m in self.meeting(index, index) if m.start <= index < m.end]

    def of(self, key: tuple[int, int]) -> list[ChangeMark]:
        return [m for m in self.marks if m.key == key]


def span_rects(pane: MeasuredTextEdit, start: int, end: int) -> list[QRectF]:
    """Viewport rectangles of a span, one per visual line it covers (a zero-width one for
    an empty span)."""
    doc = pane.document()
    qs, qe = pane.to_qt(start), pane.to_qt(end)
    block = doc.findBlock(qs)
    offset = pane.contentOffset()
    out: list[QRectF] = []
    while block.isValid() and block.position() <= qe:
        layout = block.layout()
        origin = pane.blockBoundingGeometry(block).translated(offset).topLeft() + layout.position()
        base = block.position()
        for k in range(layout.lineCount()):
            line = layout.lineAt(k)
            ls = base + line.textStart()
            le = ls + line.textLength()
            s, e = max(qs, ls), min(qe, le)
            if s > e or (s == e and qs != qe) or (qs == qe and not ls <= qs <= le):
                continue
            x1, _ = cast(tuple[float, int], line.cursorToX(s - base))
            x2, _ = cast(tuple[float, int], line.cursorToX(e - base))
            out.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()))
            if qs == qe:
                return out
        block = block.next()
    return out


def paint_change_marks(
    pane: MeasuredTextEdit,
    painter: QPainter,
    marks: Sequence[ChangeMark],
    colors: dict[ChangeType, QColor],
    current: tuple[int, int] | None,
    margin: float,
) -> None:
    """Frame every mark in its type's colour and put its letter in the right margin."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    letters: dict[float, list[tuple[str, QColor]]] = {}
    height = pane.viewport().height()
    for mark in marks:
        color = colors[mark.type]
        thick = mark.key == current
        rects = [r for r in span_rects(pane, mark.start, mark.end) if r.bottom() >= 0 and r.top() <= height]
        for rect in rects:
            if mark.start == mark.end:  # nothing on this side: a caret where the words would be
                pen = QPen(color, 2.5 if thick else 1.5)
                painter.setPen(pen)
                x = rect.left()
                painter.drawLine(QPointF(x, rect.top() + 1), QPointF(x, rect.bottom() - 1))
                painter.drawLine(QPointF(x - 3, rect.bottom() - 1), QPointF(x + 3, rect.bottom() - 1))
                continue
            if thick:
                fill = QColor(color)
                fill.setAlphaF(0.16)
                painter.fillRect(rect.adjusted(-1, 0, 1, 0), fill)
            painter.setPen(QPen(color, 2.5 if thick else 1.25))
            painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, -0.5), 2, 2)
        if rects and mark.last:
            row = letters.setdefault(rects[-1].top(), [])
            entry = (mark.type.wording.letter, color)
            if entry not in row:
                row.append(entry)
    _paint_letters(pane, painter, letters, margin)
    painter.restore()


def _paint_letters(
    pane: MeasuredTextEdit, painter: QPainter, letters: dict[float, list[tuple[str, QColor]]], margin: float
) -> None:
    """The letters of the changes ending on each line, right-aligned in the right margin."""
    font = badge_font(pane.font())
    font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    right = pane.viewport().width() - 1.0
    line_height = pane.line_height()
    for top, row in letters.items():
        x = right
        for letter, color in reversed(row):
            width = metrics.horizontalAdvance(letter)
            x -= width
            painter.setPen(color)
            painter.drawText(QRectF(x, top, width, line_height), int(Qt.AlignmentFlag.AlignVCenter), letter)
            x -= 1
            if x < right - margin - 2 * width:
                break  # no room for more: the tooltip and the table name them all
