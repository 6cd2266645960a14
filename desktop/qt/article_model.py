"""The list of open articles as a Qt table model, and the header the library shows it with.

:class:`ArticleModel` owns the articles the window works on (the alignment is computed
from it) and the latest per-article stats; :class:`CompactHeaderView` keeps short
columns narrow in a sortable table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QHeaderView, QStyle, QWidget

from desktop.engine.bidi import isolate
from desktop.engine.load.decoding import is_warning
from desktop.engine.model import Article, ArticleStats
from desktop.qt.text_utils import article_label, elide, escaped_tooltip

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
OUTLET_CHARS = 24  # longer outlet labels are elided in the table (whole in the tooltip)
NO_OUTLET = "—"


class ArticleModel(QAbstractTableModel):
    """The loaded articles, in the order they were opened, plus their latest stats."""

    TITLE, OUTLET, WORDS, SHARED = range(4)
    HEADERS = ("Title", "Outlet", "Words", "Shared")

    outlet_renamed = Signal(str, str)  # article id, new outlet

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._articles: list[Article] = []
        self._stats: dict[str, ArticleStats] = {}

    # ---------------------------------------------------------------- content

    def articles(self) -> tuple[Article, ...]:
        return tuple(self._articles)

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self._articles if a.id == article_id), None)

    def row_of(self, article_id: str) -> int:
        return next((i for i, a in enumerate(self._articles) if a.id == article_id), -1)

    def add_articles(self, articles: Sequence[Article]) -> list[Article]:
        """Append articles; returns those added.

        A file that is already open is skipped; an id already taken gets a ``-2``,
        ``-3``... suffix (two files called ``story.txt`` in different folders).
        """
        taken = {a.id for a in self._articles}
        open_paths = {a.path for a in self._articles if a.path}
        added: list[Article] = []
        for article in articles:
            if article.path and article.path in open_paths:
                continue
            article_id, n = article.id, 1
            while article_id in taken:
                n += 1
                article_id = f"{article.id}-{n}"
            taken.add(article_id)
            if article.path:
                open_paths.add(article.path)
            added.append(article if article_id == article.id else replace(article, id=article_id))
        if added:
            first = len(self._articles)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self._articles.extend(added)
            self.endInsertRows()
        return added

    def remove_articles(self, article_ids: Iterable[str]) -> None:
        for article_id in set(article_ids):
            row = self.row_of(article_id)
            if row < 0:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._articles[row]
            self._stats.pop(article_id, None)
            self.endRemoveRows()

    def set_outlet(self, article_id: str, outlet: str) -> bool:
        """Rename an article's outlet label; False when unchanged or unknown."""
        row = self.row_of(article_id)
        outlet = " ".join(outlet.split())
        if row < 0 or self._articles[row].outlet == outlet:
            return False
        self._articles[row] = self._articles[row].with_outlet(outlet)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.outlet_renamed.emit(article_id, outlet)
        return True

    def set_stats(self, stats: Iterable[ArticleStats]) -> None:
        """Show the shares of a new alignment (an empty iterable clears them)."""
        self._stats = {s.article: s for s in stats}
        if self._articles:
            self.dataChanged.emit(self.index(0, self.WORDS), self.index(self.rowCount() - 1, self.SHARED))

    def stats(self, article_id: str) -> ArticleStats | None:
        return self._stats.get(article_id)

    # ---------------------------------------------------------------- Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    "Headline of the article",
                    "Outlet label (F2 or double-click to rename)",
                    "Number of words, site boilerplate excluded",
                    "Share of the article's words that at least one other article also carries",
                )[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.OUTLET:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        article = self._articles[index.row()]
        stats = self._stats.get(article.id)
        col = index.column()
        if role == ID_ROLE:
            return article.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            # Shown text is bidi-isolated: a right-to-left control in a title or outlet stays in it.
            if col == self.TITLE:
                return isolate(elide(article.title, 120))
            if col == self.OUTLET:
                # The title has its own column: without an outlet, show a dash, not the title again.
                if role == Qt.ItemDataRole.EditRole:
                    return article.outlet
                return isolate(elide(article.outlet, OUTLET_CHARS)) if article.outlet.strip() else NO_OUTLET
            if col == self.WORDS:
                return f"{stats.words:,}" if stats else "…"
            if col == self.SHARED:
                return f"{stats.shared:.0%}" if stats else "…"
        if role == SORT_ROLE:
            if col == self.TITLE:
                return article.title.casefold()
            if col == self.OUTLET:
                return article_label(article).casefold()
            if col == self.WORDS:
                return stats.words if stats else -1
            if col == self.SHARED:
                return stats.shared if stats else -1.0
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [article.title, f"Outlet: {article_label(article)}"]
            if article.path:
                lines.append(f"File: {article.path}")
            if stats:
                lines.append(
                    f"{stats.words:,} words; {stats.shared:.0%} shared with other articles, "
                    f"{stats.unique:.0%} found only here; in {stats.families} passage families"
                )
            lines.extend(article.notes)
            return escaped_tooltip("\n".join(lines))
        if (
            role == Qt.ItemDataRole.DecorationRole
            and col == self.TITLE
            and any(map(is_warning, article.notes))
        ):
            # The text is not quite the file's (damaged bytes replaced): the tooltip says how.
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.WORDS, self.SHARED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.OUTLET and not article.outlet.strip():
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.OUTLET:
            return False
        article = self._articles[index.row()]
        self.set_outlet(article.id, str(value))
        return True


class CompactHeaderView(QHeaderView):
    """A header whose sections fitted to their contents keep room for the sort arrow only
    while they show it.

    Qt reserves the arrow's width in every section of a sortable header, which makes short
    columns such as "Words" half empty and takes that width from the title.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setHighlightSections(True)  # as the header QTableView makes for itself
        self.sortIndicatorChanged.connect(self._on_self_sort_indicator_changed)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        if self.isSortIndicatorShown() and logicalIndex != self.sortIndicatorSection():
            margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
            size.setWidth(max(0, size.width() - size.height() - margin))
        return size

    @Slot(int, Qt.SortOrder)
    def _on_self_sort_indicator_changed(self, _section: int, _order: Qt.SortOrder) -> None:
        # Setting a resize mode again makes the header refit its sections, arrow included.
        for section in range(self.count()):
            mode = self.sectionResizeMode(section)
            if mode == QHeaderView.ResizeMode.ResizeToContents:
                self.setSectionResizeMode(section, mode)
