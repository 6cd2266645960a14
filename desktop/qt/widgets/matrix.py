"""The overlap matrix: every article against every other, as a heat map.

Cell (row, column) shows the share of the *row* article's words that lie inside passages
it shares with the *column* article (``PairAlignment.shared_a`` with the row as side A),
so a wire story copied in full by a short brief reads high in the brief's row and low in
the wire story's row.
Clicking a cell, or pressing Enter on it, emits ``pair_activated(row_id, column_id)``.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.engine.figures import percent
from desktop.engine.model import CorpusAlignment
from desktop.qt.widgets.highlight import contrast, is_dark, mix
from desktop.qt.widgets.labels import article_label, elide, escaped_tooltip

_LIGHT_HUE = QColor("#08519C")  # one sequential hue: darker = more shared
_DARK_HUE = QColor("#6BAED6")
_MIN_CELL = 44
_MAX_CELL = 88
_LABEL_CHARS = 28
_MARGIN = 12
_LEGEND_HEIGHT = 14
_CAPTION_LINES = 3
CAPTION = (
    "Each cell: share of the row article's words that lie inside passages it shares with the "
    "column article. Click a cell (or press Enter) to compare the pair."
)


def matrix_labels(corpus: CorpusAlignment) -> list[str]:
    """Axis labels: outlets, numbered when two articles carry the same one."""
    base = [elide(article_label(a), _LABEL_CHARS) for a in corpus.articles]
    times = Counter(base)
    seen: dict[str, int] = {}
    out = []
    for label in base:
        if times[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            label = f"{label} ({seen[label]})"
        out.append(label)
    return out


def shared_values(corpus: CorpusAlignment) -> list[list[float | None]]:
    """Cell values: row article's share shared with the column article, None on the diagonal.

    Read straight from the aligned pairs (a pair stored the other way round gives its
    ``shared_b``), so no pair is swapped: one pass over the pairs, not n² look-ups.
    """
    index = {a.id: k for k, a in enumerate(corpus.articles)}
    n = len(index)
    values: list[list[float | None]] = [[0.0] * n for _ in range(n)]
    for k in range(n):
        values[k][k] = None
    for pair in corpus.pairs:
        r, c = index.get(pair.a), index.get(pair.b)
        if r is not None and c is not None and r != c:
            values[r][c] = pair.shared_a
            values[c][r] = pair.shared_b
    return values


class OverlapMatrix(QWidget):
    """Article × article heat map of shared shares, with numbers, labels and a legend."""

    pair_activated = Signal(str, str)  # row article id (A), column article id (B)
    cell_focused = Signal(str)  # plain-text description of the cell the keyboard moved to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overlapMatrix")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Overlap matrix")
        self.setToolTip("")
        self._corpus: CorpusAlignment | None = None
        self._ids: list[str] = []
        self._labels: list[str] = []
        self._values: list[list[float | None]] = []
        self._current = (0, 1)
        self._hover: tuple[int, int] | None = None
        self._label_cache: tuple[object, int] = (None, 0)

    # ---------------------------------------------------------------- content

    def set_corpus(self, corpus: CorpusAlignment | None) -> None:
        """Show ``corpus`` (None: nothing to show yet)."""
        self._corpus = corpus
        if corpus is None:
            self._ids, self._labels, self._values = [], [], []
        else:
            self._ids = [a.id for a in corpus.articles]
            self._labels = matrix_labels(corpus)
            self._values = shared_values(corpus)
        self._label_cache = (None, 0)
        n = len(self._ids)
        row, col = self._current
        self._current = (min(row, max(n - 1, 0)), min(col, max(n - 1, 0)))
        self.updateGeometry()
        self.update()

    def article_ids(self) -> list[str]:
        return list(self._ids)

    def value(self, row: int, column: int) -> float | None:
        """The shared share shown in a cell (None on the diagonal)."""
        return self._values[row][column]

    def current_cell(self) -> tuple[int, int]:
        return self._current

    # ---------------------------------------------------------------- geometry

    def _label_width(self) -> int:
        # Measured once per set of labels and font: geometry asks for it on every cell.
        key = self.font().key()
        if self._label_cache[0] != key:
            fm = self.fontMetrics()
            width = max((fm.horizontalAdvance(label) for label in self._labels), default=0) + 10
            self._label_cache = (key, width)
        return self._label_cache[1]

    def _cell(self) -> int:
        n = max(len(self._ids), 1)
        lw = self._label_width()
        fit_w = (self.width() - 2 * _MARGIN - lw - int(lw * 0.72)) // n
        fit_h = (self.height() - 2 * _MARGIN - self._top_height_estimate(lw) - self._legend_block()) // n
        return max(_MIN_CELL, min(_MAX_CELL, fit_w, fit_h))

    def _top_height_estimate(self, label_width: int) -> int:
        # Column labels are drawn at 45°, so they need about label_width / sqrt(2) upwards.
        return int(label_width * 0.72) + self.fontMetrics().height()

    def _legend_block(self) -> int:
        return _LEGEND_HEIGHT + (1 + _CAPTION_LINES) * self.fontMetrics().height() + 16

    def _origin(self) -> QPoint:
        lw = self._label_width()
        needed = lw + len(self._ids) * self._cell() + int(lw * 0.72)
        spare = max(0, self.width() - 2 * _MARGIN - needed)
        return QPoint(_MARGIN + spare // 2 + lw, _MARGIN + self._top_height_estimate(lw))

    def cell_rect(self, row: int, column: int) -> QRect:
        """Where a cell is drawn, in widget coordinates."""
        size = self._cell()
        origin = self._origin()
        return QRect(origin.x() + column * size, origin.y() + row * size, size, size)

    def cell_at(self, pos: QPoint | QPointF) -> tuple[int, int] | None:
        n = len(self._ids)
        if n == 0:
            return None
        size = self._cell()
        origin = self._origin()
        col = int((pos.x() - origin.x()) // size)
        row = int((pos.y() - origin.y()) // size)
        if 0 <= row < n and 0 <= col < n and pos.x() >= origin.x() and pos.y() >= origin.y():
            return (row, col)
        return None

    def sizeHint(self) -> QSize:
        n = max(len(self._ids), 2)
        lw = self._label_width()
        top = self._top_height_estimate(lw)
        width = 2 * _MARGIN + lw + n * 64 + int(lw * 0.72)
        height = 2 * _MARGIN + top + n * 64 + self._legend_block()
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        n = max(len(self._ids), 2)
        lw = self._label_width()
        top = self._top_height_estimate(lw)
        return QSize(
            2 * _MARGIN + lw + n * _MIN_CELL + int(lw * 0.72),
            2 * _MARGIN + top + n * _MIN_CELL + self._legend_block(),
        )

    # ---------------------------------------------------------------- colours

    def color_for(self, value: float) -> QColor:
        """Cell colour: the palette's base colour blended towards one hue by ``value``."""
        palette = self.palette()
        hue = _DARK_HUE if is_dark(palette) else _LIGHT_HUE
        # A gentle curve so that the common 5-30% range is already clearly visible.
        return mix(palette.color(QPalette.ColorRole.Base), hue, min(1.0, value) ** 0.6)

    def text_color_on(self, background: QColor) -> QColor:
        """Black or white, whichever reads better on ``background``."""
        black, white = QColor(Qt.GlobalColor.black), QColor(Qt.GlobalColor.white)
        return black if contrast(background, black) >= contrast(background, white) else white

    # ---------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt signature
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.WindowText)
        fm = QFontMetrics(self.font())
        n = len(self._ids)
        if n < 2:
            painter.setPen(text_color)
            painter.drawText(
                self.rect().adjusted(20, 20, -20, -20),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                "The overlap matrix appears once two or more articles are open and aligned.",
            )
            return
        size = self._cell()
        origin = self._origin()
        label_width = self._label_width()
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        for r in range(n):
            # Row labels, right-aligned against the grid.
            rect = QRect(origin.x() - label_width, origin.y() + r * size, label_width - 8, size)
            painter.setPen(text_color)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._labels[r]
            )
            for c in range(n):
                cell = QRect(origin.x() + c * size, origin.y() + r * size, size, size)
                value = self._values[r][c]
                if value is None:
                    painter.fillRect(cell, palette.color(QPalette.ColorRole.AlternateBase))
                    painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                    painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, "—")
                else:
                    fill = self.color_for(value)
                    painter.fillRect(cell, fill)
                    painter.setPen(self.text_color_on(fill))
                    painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, percent(value))
                painter.setPen(QPen(grid, 1))
                painter.drawRect(cell.adjusted(0, 0, -1, -1))
        # Column labels at 45°, anchored at the top centre of each column.
        painter.setPen(text_color)
        for c in range(n):
            anchor = QPointF(origin.x() + c * size + size / 2, origin.y() - 6)
            painter.save()
            painter.translate(anchor)
            painter.rotate(-45)
            painter.drawText(QPointF(0, -fm.descent()), self._labels[c])
            painter.restore()
        # Current cell (keyboard focus) and hovered cell.
        if self._hover is not None:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(self.cell_rect(*self._hover).adjusted(1, 1, -1, -1))
        if self.hasFocus():
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 3)
            painter.setPen(pen)
            painter.drawRect(self.cell_rect(*self._current).adjusted(1, 1, -2, -2))
        self._paint_legend(painter, origin.y() + n * size + 14, origin.x(), n * size)
        painter.end()

    def _paint_legend(self, painter: QPainter, top: int, left: int, width: int) -> None:
        palette = self.palette()
        fm = self.fontMetrics()
        text_color = palette.color(QPalette.ColorRole.WindowText)
        width = max(width, 220)
        bar = QRectF(left, top, width, _LEGEND_HEIGHT)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for step in range(11):
            gradient.setColorAt(step / 10, self.color_for(step / 10))
        painter.fillRect(bar, gradient)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(bar)
        painter.setPen(text_color)
        y = int(bar.bottom()) + fm.ascent() + 3
        for step in (0, 25, 50, 75, 100):
            text = f"{step}%"
            x = left + width * step / 100 - fm.horizontalAdvance(text) / 2
            x = min(max(x, left), left + width - fm.horizontalAdvance(text))
            painter.drawText(QPointF(x, y), text)
        painter.drawText(
            QRect(
                left - self._label_width(), y + 4, width + self._label_width(), fm.height() * _CAPTION_LINES
            ),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            CAPTION,
        )

    # ---------------------------------------------------------------- interaction

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if cell != self._hover:
            self._hover = cell
            self.update()
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.cell_tooltip(*cell), self, self.cell_rect(*cell))
            return True
        return super().event(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and cell is not None:
            self._current = cell
            self.update()
            self._activate(*cell)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        n = len(self._ids)
        if n == 0:
            super().keyPressEvent(event)
            return
        row, col = self._current
        moves = {
            Qt.Key.Key_Up: (-1, 0),
            Qt.Key.Key_Down: (1, 0),
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
        }
        key = event.key()
        if key in moves:
            dr, dc = moves[Qt.Key(key)]
            self._current = (min(max(row + dr, 0), n - 1), min(max(col + dc, 0), n - 1))
            self.update()
            self.cell_focused.emit(self.cell_summary(*self._current))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._activate(row, col)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def cell_summary(self, row: int, column: int) -> str:
        """What a cell means, in words (plain text)."""
        if self._corpus is None or not self._ids:
            return ""
        if row == column:
            return f"{self._labels[row]} (the same article)"
        pair = self._corpus.pair(self._ids[row], self._ids[column])
        counts = ", ".join(f"{n} {kind.value}" for kind, n in pair.counts().items() if n)
        passages = f"{len(pair.passages)} shared passages ({counts})" if counts else "no shared passages"
        return (
            f"{self._labels[row]} → {self._labels[column]}: {percent(pair.shared_a)} of "
            f"{self._labels[row]}'s words are in passages shared with {self._labels[column]} "
            f"({percent(pair.shared_b)} the other way); {passages}."
        )

    def cell_tooltip(self, row: int, column: int) -> str:
        """The cell summary as a tooltip (escaped: tooltips that look like markup are rendered)."""
        return escaped_tooltip(self.cell_summary(row, column))

    def _activate(self, row: int, column: int) -> None:
        if row != column:
            self.pair_activated.emit(self._ids[row], self._ids[column])
