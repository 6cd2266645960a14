"""How typed changes look in the window: their colours and their letter badges.

A typed change (a number, a name, a quotation altered, ...) is framed in its type's
colour in the compare panes, and counted in a badge of that colour in the passage table,
as the HTML export does; the hues are the export's (``--chg-*`` in
:mod:`desktop.engine.export.css`), one set for light palettes and one for dark ones, so a
reader moving between the window and an export sees the same colours. Colour is never the
only cue: every badge and frame carries the type's letter (``ChangeType.wording.letter``).

Wording, what no rule claims, has no colour of its own: it is counted in muted text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.engine.align.changes import ORDER
from desktop.engine.model import ChangeType
from desktop.qt.widgets.highlight import is_dark

TYPED: tuple[ChangeType, ...] = tuple(t for t in ORDER if t is not ChangeType.WORDING)
"""The types that are framed, badged and filtered: every type but wording, in view order."""

# (light palettes, dark palettes): the HTML export's --chg-* colours.
CHANGE_HUES: dict[ChangeType, tuple[str, str]] = {
    ChangeType.QUOTE: ("#b0166e", "#ff7ac4"),
    ChangeType.NUMBER: ("#0a5fc2", "#7fb6ff"),
    ChangeType.NAME: ("#8a5a00", "#e8b650"),
    ChangeType.ATTRIBUTION: ("#6b3fc0", "#c3a2ff"),
    ChangeType.HEDGE: ("#c24d00", "#ffa05c"),
    ChangeType.NEGATION: ("#c0142c", "#ff7b8a"),
}


def typed_colors(dark: bool) -> dict[ChangeType, QColor]:
    """The colour of every type but wording, for a dark palette or a light one."""
    pick = 1 if dark else 0
    return {t: QColor(hues[pick]) for t, hues in CHANGE_HUES.items()}


def change_colors(palette: QPalette) -> dict[ChangeType, QColor]:
    """The colour of every type for ``palette``; wording gets the palette's muted text colour."""
    out = typed_colors(is_dark(palette))
    out[ChangeType.WORDING] = palette.color(QPalette.ColorRole.PlaceholderText)
    return out


@dataclass(frozen=True, slots=True)
class Badge:
    """One badge: a type's letter and how many changes of it (0: the letter alone)."""

    type: ChangeType
    count: int = 0

    @property
    def text(self) -> str:
        letter = self.type.wording.letter
        return f"{letter}{self.count}" if self.count else letter


def badge_font(font: QFont) -> QFont:
    """The bold, slightly smaller font badges are drawn in."""
    small = QFont(font)
    small.setBold(True)
    if small.pointSizeF() > 0:
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
    return small


BADGE_PAD = 4.0  # inside a badge, left and right of its text
BADGE_GAP = 4.0  # between badges


def badge_width(badge: Badge, metrics: QFontMetricsF) -> float:
    return metrics.horizontalAdvance(badge.text) + 2 * BADGE_PAD


def paint_badge(
    painter: QPainter, rect: QRectF, badge: Badge, color: QColor, fill: QColor, font: QFont
) -> None:
    """An outlined pill with the badge's text, in ``color`` on ``fill`` (the export's .chg-badge)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color, 1.5))
    painter.setBrush(fill)
    radius = rect.height() / 2
    painter.drawRoundedRect(rect.adjusted(0.75, 0.75, -0.75, -0.75), radius, radius)
    painter.setFont(font)
    painter.setPen(color)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), badge.text)
    painter.restore()


class ChangeSample(QWidget):
    """A legend sample: a word framed as the panes frame a typed change, its letter beside it."""

    def __init__(self, text: str, type_: ChangeType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._type = type_
        self._color = QColor(CHANGE_HUES[type_][0])
        self._text_color = QColor(Qt.GlobalColor.black)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_colors(self, dark: bool, text: QColor) -> None:
        self._color = typed_colors(dark)[self._type]
        self._text_color = QColor(text)
        self.update()

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.font())
        letter = QFontMetricsF(badge_font(self.font())).horizontalAdvance(self._type.wording.letter)
        return QSize(int(metrics.horizontalAdvance(self._text) + letter + 14), int(metrics.height() + 8))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self.font())
        width = metrics.horizontalAdvance(self._text)
        box = QRectF(4, 4, width, metrics.height())
        painter.setPen(self._text_color)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self._text)
        painter.setPen(QPen(self._color, 1.25))
        painter.drawRoundedRect(box.adjusted(-1.5, 0.5, 1.5, -0.5), 2, 2)
        painter.setFont(badge_font(self.font()))
        painter.setPen(self._color)
        letter = QRectF(box.right() + 4, box.top(), self.width() - box.right() - 4, box.height())
        painter.drawText(letter, int(Qt.AlignmentFlag.AlignVCenter), self._type.wording.letter)
        painter.end()
