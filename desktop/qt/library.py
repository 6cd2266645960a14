"""The article library: every loaded article with its outlet, length and shared share.

:class:`LibraryPanel` shows the session's articles (through an :class:`ArticleModel`) in a
sortable table with a context menu for picking the pair, renaming the outlet and removing
articles.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCursor, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.qt.article_model import ID_ROLE, SORT_ROLE, ArticleModel
from desktop.qt.session import Session
from desktop.qt.widgets.compact_header import CompactHeaderView
from desktop.qt.widgets.labels import article_label, elide, isolate

ROW_PADDING = 8  # pixels above and below the two lines of a library row
OUTLET_SHARE = 0.28  # of the table's width, at most, for the outlet column
ROWS_MEASURED = 0
"""Rows whose contents the fitted columns are measured on: 0 is those on screen."""


class _EditorDelegate(QStyledItemDelegate):
    """The view's delegate, whose outlet editor keeps Escape (to cancel the edit) even while
    the window binds it to cancelling the alignment."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()
            return True
        return super().eventFilter(watched, event)


class LibraryPanel(QWidget):
    """The article table with its context menu. Emits requests; the window acts on them.

    The session is read for the pair shown, so that Enter or a double-click compares an
    article with the current partner.
    """

    pair_requested = Signal(str, str)  # a id, b id
    side_requested = Signal(str, str)  # article id, "a" or "b"
    remove_requested = Signal(list)  # article ids
    rename_requested = Signal(str)  # article id

    def __init__(self, model: ArticleModel, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._fitted: object = None  # what the outlet column was last fitted to
        self._session = session
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(model)
        self._proxy.setSortRole(SORT_ROLE)
        self._view = QTableView(self)
        self._view.setObjectName("libraryTable")
        self._view.setHorizontalHeader(CompactHeaderView(self._view))
        self._view.setModel(self._proxy)
        self._view.setItemDelegate(_EditorDelegate(self._view))
        self._view.setSortingEnabled(True)
        self._view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep opening order until asked
        self._view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._view.setTabKeyNavigation(False)  # Tab leaves the list instead of walking its cells
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
        # Enter and double-click (unless it starts editing the outlet) open the article.
        self._view.activated.connect(self._on_view_activated)
        # The title takes whatever width is left (elided, whole in the tooltip); the short
        # columns are only as wide as their contents.
        header = self._view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ArticleModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (ArticleModel.WORDS, ArticleModel.SHARED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # Fitting a column to its contents asks the model about every cell of it, on every
        # change of any row (new shares, the A and B badges moving): with hundreds of
        # articles that is a stall. The rows on screen are measured, as Qt allows.
        header.setResizeContentsPrecision(ROWS_MEASURED)
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

    def view(self) -> QTableView:
        return self._view

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_outlet_column()

    @Slot()
    def _fit_outlet_column(self) -> None:
        """Outlet as wide as its longest label, up to OUTLET_SHARE of the table's width.

        Measuring reads every row: it is skipped when neither the articles (their labels),
        nor the width, nor the font changed since the last fit (new shares and the moving
        A and B badges change neither).
        """
        key = (self._model.articles(), self._view.viewport().width(), self._view.font().key())
        if key == self._fitted:
            return
        self._fitted = key
        header = self._view.horizontalHeader()
        col = ArticleModel.OUTLET
        heading = header.sectionSizeHint(col)
        wanted = max(self._view.sizeHintForColumn(col), heading)
        cap = max(heading, int(self._view.viewport().width() * OUTLET_SHARE))
        header.resizeSection(col, min(wanted, cap))

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
            text = f"{isolate(article_label(other))} — {isolate(elide(other.title, 60))}".replace("&", "&&")
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
    def _on_view_activated(self, index: QModelIndex) -> None:
        """Compare the article with the current other side: as B against A, or shown again
        (its passage in view) when it is already one side of the pair."""
        article_id = self._proxy.data(index, ID_ROLE)
        a, b = self._session.pair() or (None, None)
        if article_id in (a, b) and a is not None and b is not None:
            self.pair_requested.emit(a, b)
        elif a is not None:
            self.pair_requested.emit(a, article_id)
        elif b is not None:
            self.pair_requested.emit(article_id, b)
