"""A list model of plain rows, sorted in Python: thousands of rows cost milliseconds.

The Families and Quotes lists of a 500-article set hold thousands of rows. As tree-widget
items they cost a ``QTreeWidgetItem`` each, and sorting them called a Python ``__lt__``
about n·log n times, which together made showing a new alignment a stall of its own.
:class:`SortedRows` keeps each row as a tuple (its texts, one sort key per column, the id
it stands for) and answers ``data`` from it, for the rows on screen only; sorting is one
stable Python sort of those tuples, and the view's current row and selection follow
their rows through it (persistent indexes are moved). :func:`show_rows` fills a view's
model in the order its header shows, and :func:`fit_columns` sizes the short columns to
the widest text of any row, measured once per distinct text, where Qt's "resize to
contents" measured the rows on screen again on every layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QTreeView, QWidget

from desktop.qt.widgets.labels import escaped_tooltip

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Row(NamedTuple):
    """One row: what each column shows, what each column sorts by, and whose row it is."""

    texts: tuple[str, ...]
    keys: tuple[Any, ...]
    id: str
    tooltip: str = ""  # plain text shown over the first column (escaped when asked for)
    bold: tuple[int, ...] = ()  # columns shown in bold


class SortedRows(QAbstractTableModel):
    """Rows of :class:`Row`, sortable by any column without a proxy model."""

    def __init__(
        self, headings: Sequence[str], right_aligned: Sequence[int] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._headings = tuple(headings)
        self._right = frozenset(right_aligned)
        self._rows: list[Row] = []
        self._where: dict[str, int] | None = None  # row number of each id, made when asked
        self._bold = QFont()
        self._bold.setBold(True)

    # ---------------------------------------------------------------- content

    def set_rows(self, rows: Sequence[Row], column: int, order: Qt.SortOrder) -> None:
        """Replace the rows, sorted by ``column`` in ``order`` (as the view's header says)."""
        self.beginResetModel()
        self._rows = list(rows)
        if 0 <= column < len(self._headings):
            self._rows = _sorted(self._rows, order, lambda r: r.keys[column])
        self._where = None
        self.endResetModel()

    def rows(self) -> list[Row]:
        """The rows in the order shown."""
        return list(self._rows)

    def ids(self) -> list[str]:
        return [r.id for r in self._rows]

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: str) -> int:
        """Where the row of ``row_id`` is shown, or -1."""
        if self._where is None:
            self._where = {r.id: n for n, r in enumerate(self._rows)}
        return self._where.get(row_id, -1)

    # ---------------------------------------------------------------- Qt model

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._headings)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headings[section] if 0 <= section < len(self._headings) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return r.texts[col] if col < len(r.texts) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return escaped_tooltip(r.tooltip) if col == 0 and r.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self._right:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and col in r.bold:
            return self._bold
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``; the rows the view holds (current, selected) move with it."""
        if not 0 <= column < len(self._headings):
            return
        self.layoutAboutToBeChanged.emit()
        ranked = _sorted(list(enumerate(self._rows)), order, lambda item: item[1].keys[column])
        new_row = [0] * len(ranked)
        for n, (old, _) in enumerate(ranked):
            new_row[old] = n
        self._rows = [r for _, r in ranked]
        self._where = None
        held = self.persistentIndexList()
        self.changePersistentIndexList(
            held,
            [self.index(new_row[i.row()], i.column()) if i.isValid() else QModelIndex() for i in held],
        )
        self.layoutChanged.emit()


def fit_columns(view: QTreeView, model: SortedRows, columns: Sequence[int], room: float = 1.0) -> None:
    """Make each of ``columns`` as wide as the widest text any row shows in it (in bold
    where a row shows it bold), and never narrower than its heading. Set the header's
    resize-contents precision to 0 first: Qt then also measures the rows on screen.

    ``room``: the share of the view's width the fitted columns may take together; past
    it the widest of them gives way (its text elided), so a stretching column beside
    them keeps the rest in a narrow window."""
    rows = model.rows()
    header = view.header()
    # As the item delegate pads a cell's text: a focus frame margin and a pixel each side.
    pad = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    plain = QFontMetrics(view.font())
    bold_font = QFont(view.font())
    bold_font.setBold(True)
    bold = QFontMetrics(bold_font)
    for column in columns:
        texts = {r.texts[column] for r in rows if column < len(r.texts)}
        metrics = bold if any(column in r.bold for r in rows) else plain
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + pad
        # Qt's own measure of the rows on screen as well (its style may pad a pixel more).
        shown = view.sizeHintForColumn(column) if header.resizeContentsPrecision() == 0 else 0
        header.resizeSection(column, max(widest, shown, header.sectionSizeFromContents(column).width()))
    excess = sum(header.sectionSize(c) for c in columns) - int(view.viewport().width() * room)
    if room < 1 and columns and excess > 0:
        widest_column = max(columns, key=header.sectionSize)
        heading = header.sectionSizeFromContents(widest_column).width()
        header.resizeSection(widest_column, max(heading, header.sectionSize(widest_column) - excess))


def show_rows(
    view: QTreeView, model: SortedRows, rows: Sequence[Row], fitted: Sequence[int], room: float = 1.0
) -> None:
    """Replace ``model``'s rows, sorted as ``view``'s header says, and fit the ``fitted``
    columns (see :func:`fit_columns` for ``room``)."""
    header = view.header()
    model.set_rows(rows, header.sortIndicatorSection(), header.sortIndicatorOrder())
    fit_columns(view, model, fitted, room)


def _sorted(items: list, order: Qt.SortOrder, key: Callable[[Any], Any]) -> list:
    """Stable sort (ties keep the order given, as Qt's sort would)."""
    return sorted(items, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
