"""The "A" and "B" badges that mark the two articles of the pair wherever they are listed."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap

_cache: dict[tuple[str, str, str, int], QIcon] = {}


def side_badge(letter: str, palette: QPalette, size: int = 16) -> QIcon:
    """A rounded badge with ``letter`` in the palette's highlight colours (cached)."""
    back = palette.color(QPalette.ColorRole.Highlight)
    fore = palette.color(QPalette.ColorRole.HighlightedText)
    key = (letter, back.name(), fore.name(), size)
    icon = _cache.get(key)
    if icon is None:
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(round(size * 0.72))
        painter.setFont(font)
        painter.setPen(fore)
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
        painter.end()
        icon = _cache[key] = QIcon(pixmap)
    return icon
