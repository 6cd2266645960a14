"""The overlap of a large set: the pairs that share most, ranked, instead of a grid.

A heat map of every article against every other stops being readable (and cheap to
draw) past a few dozen articles: 500 articles make 250,000 cells, most of them empty.
Like the pair lists of plagiarism tools, :class:`RankedPairs` lists only the pairs that
share passages, the pair sharing most first. Each row reads as the matrix cell of the
article whose share is the larger (a brief that copied a wire story reads high in the
brief's row): "A shares 80% of its words with B (B 12% with A)".

The model keeps one tuple per pair and answers ``data`` from it; sorting is a Python sort
of those tuples, so a click on a heading costs milliseconds even for tens of thousands of
rows. Double-click, Enter or Return on a row emits ``pair_activated(a_id, b_id)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.engine.figures import percent
from desktop.engine.model import CorpusAlignment, PairAlignment
from desktop.qt.widgets.labels import article_label, elide, escaped_tooltip, isolate

_Index = QModelIndex | QPersistentModelIndex


class RankedPair(NamedTuple):
    """One row: ``a`` is the article whose share is the larger."""

    a: str
    b: str
    shared_a: float
    shared_b: float
    passages: int


def ranked_pairs(corpus: CorpusAlignment) -> list[RankedPair]:
    """The pairs of ``corpus`` that share passages, the largest share first (ties: the
    mean share, then the articles' order). One pass over the aligned pairs: no swapping."""
    order = {a.id: k for k, a in enumerate(corpus.articles)}
    rows = []
    for pair in corpus.pairs:
        if not pair.passages:
            continue
        rows.append(_oriented(pair))
    rows.sort(key=lambda r: (-r.shared_a, -(r.shared_a + r.shared_b), order.get(r.a, 0), order.get(r.b, 0)))
    return rows


def _oriented(pair: PairAlignment) -> RankedPair:
    if pair.shared_b > pair.shared_a:
        return RankedPair(pair.b, pair.a, pair.shared_b, pair.shared_a, len(pair.passages))
    return RankedPair(pair.a, pair.b, pair.shared_a, pair.shared_b, len(pair.passages))


class RankedPairsModel(QAbstractTableModel):
    """Rows of :func:`ranked_pairs`; sortable by any column without a proxy."""

    RANK, ARTICLE, SHARE, PARTNER, PARTNER_SHARE, PASSAGES = range(6)
    HEADINGS = ("#", "Article", "Its words shared", "Shared with", "Its words shared", "Passages")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RankedPair] = []
        self._rank: dict[tuple[str, str], int] = {}
        self._labels: dict[str, str] = {}
        self._names: dict[str, str] = {}  # what a row shows of an article: label and title

    def set_corpus(self, corpus: CorpusAlignment | None) -> None:
        self.beginResetModel()
        if corpus is None:
            self._rows, self._labels, self._names = [], {}, {}
        else:
            self._rows = ranked_pairs(corpus)
            self._labels = {a.id: article_label(a) for a in corpus.articles}
            self._names = {a.id: f"{self._labels[a.id]}: {elide(a.title, 90)}" for a in corpus.articles}
        self._rank = {(r.a, r.b): k + 1 for k, r in enumerate(self._rows)}
        self.endResetModel()

    def pair_at(self, row: int) -> RankedPair | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[RankedPair]:
        return list(self._rows)

    def label(self, article_id: str) -> str:
        return self._labels.get(article_id, article_id)

    def name(self, article_id: str) -> str:
        return self._names.get(article_id, article_id)

    def summary(self, row: int) -> str:
        """What a row means, in words (plain text), as the matrix says it of a cell."""
        r = self.pair_at(row)
        if r is None:
            return ""
        a, b = self.label(r.a), self.label(r.b)
        return (
            f"{a} → {b}: {percent(r.shared_a)} of {a}'s words are in passages shared with {b} "
            f"({percent(r.shared_b)} the other way); {r.passages} shared passages."
        )

    # ---------------------------------------------------------------- Qt model

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.HEADINGS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADINGS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.RANK:
                return str(self._rank[(r.a, r.b)])
            if col == self.ARTICLE:
                return isolate(self.name(r.a))
            if col == self.SHARE:
                return percent(r.shared_a)
            if col == self.PARTNER:
                return isolate(self.name(r.b))
            if col == self.PARTNER_SHARE:
                return percent(r.shared_b)
            return str(r.passages)
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (self.ARTICLE, self.PARTNER):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return escaped_tooltip(self.summary(index.row()))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        keys: dict[int, Callable[[RankedPair], Any]] = {
            self.RANK: lambda r: self._rank[(r.a, r.b)],
            self.ARTICLE: lambda r: (self.name(r.a).casefold(), self._rank[(r.a, r.b)]),
            self.SHARE: lambda r: (r.shared_a, -self._rank[(r.a, r.b)]),
            self.PARTNER: lambda r: (self.name(r.b).casefold(), self._rank[(r.a, r.b)]),
            self.PARTNER_SHARE: lambda r: (r.shared_b, -self._rank[(r.a, r.b)]),
            self.PASSAGES: lambda r: (r.passages, -self._rank[(r.a, r.b)]),
        }
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=keys.get(column, keys[self.RANK]), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


class _PairTable(QTableView):
    """A table whose Enter and Return activate the current row (as double-click does)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class RankedPairs(QWidget):
    """A caption and the table of the pairs that share most."""

    pair_activated = Signal(str, str)  # article id (A: the larger share), partner id (B)
    pair_focused = Signal(str)  # plain-text description of the row the keyboard moved to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rankedPairs")
        self.model = RankedPairsModel(self)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.table = _PairTable(self)
        self.table.setObjectName("rankedPairsTable")
        self.table.setAccessibleName("Pairs that share most")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights and column widths: nothing is measured per row on a reset.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col in (RankedPairsModel.ARTICLE, RankedPairsModel.PARTNER):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RankedPairsModel.RANK, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._on_table_activated)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

    def set_corpus(self, corpus: CorpusAlignment | None) -> None:
        header = self.table.horizontalHeader()
        self.model.set_corpus(corpus)
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        n = len(corpus.articles) if corpus is not None else 0
        shared = self.model.rowCount()
        self.caption.setText(
            f"{n} articles are too many for a grid: of their {n * (n - 1) // 2:,} pairs, the "
            f"{shared:,} that share passages are listed, the pair sharing most first. "
            "Double-click a pair (or press Enter) to compare it."
        )

    def _on_table_activated(self, index: QModelIndex) -> None:
        row = self.model.pair_at(index.row())
        if row is not None:
            self.pair_activated.emit(row.a, row.b)

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.pair_focused.emit(self.model.summary(current.row()))
