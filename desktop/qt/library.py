"""The article library: every loaded article with its outlet, length and shared share.

:class:`ArticleModel` owns the list of articles the window works on (the alignment is
computed from it); :class:`LibraryPanel` shows it in a sortable table with a context
menu for picking the pair, renaming the outlet and removing articles.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCursor, QKeySequence, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.engine.model import Article, ArticleStats

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
OUTLET_CHARS = 24  # longer outlet labels are elided in the table (whole in the tooltip)
NO_OUTLET = "—"
ROW_PADDING = 8  # pixels above and below the two lines of a library row
OUTLET_SHARE = 0.28  # of the table's width, at most, for the outlet column


def article_label(article: Article) -> str:
    """How an article is named in short places: its outlet, or its title without one."""
    return article.outlet.strip() or article.title.strip() or article.id


def elide(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
            if col == self.TITLE:
                return elide(article.title, 120)
            if col == self.OUTLET:
                # The title has its own column: without an outlet, show a dash, not the title again.
                if role == Qt.ItemDataRole.EditRole:
                    return article.outlet
                return elide(article.outlet, OUTLET_CHARS) if article.outlet.strip() else NO_OUTLET
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
            # Tooltips that look like markup are rendered as rich text: escape everything.
            return "<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>"
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


class LibraryPanel(QWidget):
    """The article table with its context menu. Emits requests; the window acts on them."""

    pair_requested = Signal(str, str)  # a id, b id
    side_requested = Signal(str, str)  # article id, "a" or "b"
    remove_requested = Signal(list)  # article ids
    rename_requested = Signal(str)  # article id

    def __init__(self, model: ArticleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(model)
        self._proxy.setSortRole(SORT_ROLE)
        self._view = QTableView(self)
        self._view.setObjectName("libraryTable")
        self._view.setHorizontalHeader(CompactHeaderView(self._view))
        self._view.setModel(self._proxy)
        self._view.setSortingEnabled(True)
        self._view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep opening order until asked
        self._view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        # Two lines per row, so a headline shows its first dozen words even in a narrow dock
        # (Qt elides the last line that fits); the whole title is in the tooltip.
        self._view.setWordWrap(True)
        self._view.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self._view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self._view.fontMetrics().lineSpacing() + ROW_PADDING)
        self._view.setAlternatingRowColors(True)
        self._view.verticalHeader().hide()
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._view.customContextMenuRequested.connect(self._on_view_context_menu_requested)
        self._view.doubleClicked.connect(self._on_view_double_clicked)
        # The title takes whatever width is left (elided, whole in the tooltip); the short
        # columns are only as wide as their contents.
        header = self._view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ArticleModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (ArticleModel.WORDS, ArticleModel.SHARED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # The outlet fits its contents too, but never takes more than a share of the width
        # (see _fit_outlet_column); it can still be dragged wider.
        header.setSectionResizeMode(ArticleModel.OUTLET, QHeaderView.ResizeMode.Interactive)
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.modelReset):
            signal.connect(self._fit_outlet_column)
        self._view.setToolTip("Loaded articles. Right-click (or the Menu key) for pair, rename and remove.")
        self.setFocusProxy(self._view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)

        self._pair: tuple[str | None, str | None] = (None, None)

    def view(self) -> QTableView:
        return self._view

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_outlet_column()

    @Slot()
    def _fit_outlet_column(self) -> None:
        """Outlet as wide as its longest label, up to OUTLET_SHARE of the table's width."""
        header = self._view.horizontalHeader()
        col = ArticleModel.OUTLET
        heading = header.sectionSizeHint(col)
        wanted = max(self._view.sizeHintForColumn(col), heading)
        cap = max(heading, int(self._view.viewport().width() * OUTLET_SHARE))
        header.resizeSection(col, min(wanted, cap))

    def set_current_pair(self, a: str | None, b: str | None) -> None:
        """Remembered so that "Compare with…" can offer the right partner first."""
        self._pair = (a, b)

    def selected_ids(self) -> list[str]:
        rows = sorted({self._proxy.mapToSource(i).row() for i in self._view.selectionModel().selectedRows()})
        articles = self._model.articles()
        return [articles[r].id for r in rows if 0 <= r < len(articles)]

    def current_id(self) -> str | None:
        index = self._view.currentIndex()
        if not index.isValid():
            ids = self.selected_ids()
            return ids[0] if ids else None
        return self._proxy.data(index, ID_ROLE)

    def select_article(self, article_id: str) -> None:
        row = self._model.row_of(article_id)
        if row < 0:
            return
        index = self._proxy.mapFromSource(self._model.index(row, 0))
        self._view.setCurrentIndex(index)
        self._view.selectRow(index.row())

    def edit_outlet(self, article_id: str) -> None:
        """Open the outlet cell of ``article_id`` for editing."""
        row = self._model.row_of(article_id)
        if row >= 0:
            index = self._proxy.mapFromSource(self._model.index(row, ArticleModel.OUTLET))
            self._view.setCurrentIndex(index)
            self._view.edit(index)

    def context_menu(self, article_id: str) -> QMenu:
        """The menu for one article (built fresh, so it always lists the current set)."""
        menu = QMenu(self)
        article = self._model.article(article_id)
        if article is None:
            return menu
        a_action = menu.addAction("Set as &A (left)")
        a_action.triggered.connect(lambda: self.side_requested.emit(article_id, "a"))
        b_action = menu.addAction("Set as &B (right)")
        b_action.triggered.connect(lambda: self.side_requested.emit(article_id, "b"))
        others = [x for x in self._model.articles() if x.id != article_id]
        compare = menu.addMenu("&Compare with")
        compare.setEnabled(bool(others))
        for other in others:
            text = f"{article_label(other)} — {elide(other.title, 60)}".replace("&", "&&")
            action = compare.addAction(text)
            action.triggered.connect(lambda _=False, o=other.id: self.pair_requested.emit(article_id, o))
        menu.addSeparator()
        rename = menu.addAction("&Rename outlet…")
        rename.setShortcut(QKeySequence(Qt.Key.Key_F2))
        rename.triggered.connect(lambda: self.rename_requested.emit(article_id))
        remove = QAction("Re&move from the set", menu)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        ids = self.selected_ids() if article_id in self.selected_ids() else [article_id]
        if len(ids) > 1:
            remove.setText(f"Re&move {len(ids)} articles from the set")
        remove.triggered.connect(lambda: self.remove_requested.emit(ids))
        menu.addAction(remove)
        return menu

    @Slot(QPoint)
    def _on_view_context_menu_requested(self, pos: QPoint) -> None:
        index = self._view.indexAt(pos)
        pointer = self._view.viewport().mapFromGlobal(QCursor.pos())
        if not index.isValid() or not self._view.viewport().rect().contains(pointer):
            # Opened from the keyboard (Menu key, Shift+F10): act on the current row.
            index = self._view.currentIndex()
        if not index.isValid():
            return
        article_id = self._proxy.data(index, ID_ROLE)
        menu = self.context_menu(article_id)
        menu.exec(self._view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    @Slot(QModelIndex)
    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        # Double-click on the outlet edits it (edit trigger); elsewhere it compares the
        # article with the current partner.
        if index.column() == ArticleModel.OUTLET:
            return
        article_id = self._proxy.data(index, ID_ROLE)
        a, b = self._pair
        if article_id in (a, b):
            return
        if a is not None:
            self.pair_requested.emit(a, article_id)
        elif b is not None:
            self.pair_requested.emit(article_id, b)
