"""The open articles as a Qt table model, for the article library.

:class:`ArticleModel` adapts the :class:`~desktop.qt.session.Session`: it shows the
session's articles and the per-article stats of the alignment in force, and hands outlet
edits back to the session. It owns neither; it keeps a copy of the article list only so
that rows are inserted and removed the way Qt's views expect.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from desktop.engine.bidi import isolate
from desktop.engine.figures import percent
from desktop.engine.load.decoding import is_warning
from desktop.engine.model import Article, ArticleStats, CorpusAlignment
from desktop.qt.session import Session
from desktop.qt.widgets.badges import side_badge
from desktop.qt.widgets.labels import article_label, elide, escaped_tooltip

Index = QModelIndex | QPersistentModelIndex


def warning_icon() -> QIcon:
    """The icon beside an article whose text needed repair when it was read."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SIDE_ROLE = Qt.ItemDataRole.UserRole + 3  # "A" or "B" for the articles of the pair, else ""
OUTLET_CHARS = 24  # longer outlet labels are elided in the table (whole in the tooltip)
NO_OUTLET = "—"


class ArticleModel(QAbstractTableModel):
    """The session's articles, in the order they were opened, with their latest stats."""

    TITLE, OUTLET, WORDS, SHARED = range(4)
    HEADERS = ("Title", "Outlet", "Words", "Shared")

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._articles: list[Article] = list(session.articles())
        self._stats: dict[str, ArticleStats] = {}
        alignment = session.alignment()
        if alignment is not None:
            self._set_stats(alignment.stats)
        session.articles_changed.connect(self._on_session_articles_changed)
        session.article_relabelled.connect(self._on_session_article_relabelled)
        session.alignment_finished.connect(self._on_session_alignment_finished)
        session.alignment_cleared.connect(self._on_session_alignment_cleared)
        session.pair_changed.connect(self._on_session_pair_changed)
        session.alignment_cancelled.connect(self._on_session_alignment_cancelled)
        session.alignment_requested.connect(self._on_session_alignment_cancelled)

    # ---------------------------------------------------------------- content

    def articles(self) -> tuple[Article, ...]:
        """The articles as the rows show them (the session's, in its order)."""
        return tuple(self._articles)

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self._articles if a.id == article_id), None)

    def row_of(self, article_id: str) -> int:
        return next((i for i, a in enumerate(self._articles) if a.id == article_id), -1)

    def stats(self, article_id: str) -> ArticleStats | None:
        return self._stats.get(article_id)

    def _set_stats(self, stats: Iterable[ArticleStats]) -> None:
        """Show the shares of a new alignment (an empty iterable clears them)."""
        self._stats = {s.article: s for s in stats}
        if self._articles:
            self.dataChanged.emit(self.index(0, self.WORDS), self.index(self.rowCount() - 1, self.SHARED))

    @Slot(list)
    def _on_session_articles_changed(self, ids: list) -> None:
        # The session only appends articles or closes some: remove the rows of closed
        # ones, then insert the new ones at the end.
        kept = set(ids)
        for row in reversed(range(len(self._articles))):
            article_id = self._articles[row].id
            if article_id not in kept:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._articles[row]
                self._stats.pop(article_id, None)
                self.endRemoveRows()
        shown = {a.id for a in self._articles}
        added = [a for a in self._session.articles() if a.id not in shown]
        if added:
            first = len(self._articles)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self._articles.extend(added)
            self.endInsertRows()

    @Slot(str, str)
    def _on_session_article_relabelled(self, article_id: str, _outlet: str) -> None:
        row = self.row_of(article_id)
        article = self._session.article(article_id)
        if row >= 0 and article is not None:
            self._articles[row] = article
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    @Slot(int, object)
    def _on_session_alignment_finished(self, _generation: int, alignment: CorpusAlignment) -> None:
        self._set_stats(alignment.stats)

    @Slot()
    def _on_session_alignment_cleared(self) -> None:
        self._set_stats(())

    def _pending(self) -> str:
        """A number not known yet: "…" while it is being computed, a dash after a cancel."""
        return NO_OUTLET if self._session.was_cancelled() else "…"

    @Slot()
    def _on_session_alignment_cancelled(self) -> None:
        # (also on a new request, after a cancel) the dashes and the "…" trade places
        if self._articles:
            self.dataChanged.emit(self.index(0, self.WORDS), self.index(self.rowCount() - 1, self.SHARED))

    @Slot(object)
    def _on_session_pair_changed(self, _pair: object) -> None:
        if self._articles:  # the A and B badges move
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def side(self, article_id: str) -> str:
        """ "A" or "B" when the article is that side of the pair shown, else ""."""
        pair = self._session.pair()
        if pair is None or article_id not in pair:
            return ""
        return "A" if pair[0] == article_id else "B"

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
        if role == SIDE_ROLE:
            return self.side(article.id)
        if (
            col == self.TITLE
            and role == Qt.ItemDataRole.DecorationRole
            and any(map(is_warning, article.notes))
        ):
            # The text is not quite the file's (damaged bytes replaced): the tooltip says how.
            return warning_icon()
        if col == self.TITLE and role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole):
            side = self.side(article.id)
            if not side:
                return None
            if role == Qt.ItemDataRole.DecorationRole:
                return side_badge(side, QApplication.palette())
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if col == self.TITLE and role == Qt.ItemDataRole.AccessibleTextRole:
            side = self.side(article.id)
            return f"{side}: {article.title}" if side else article.title
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
                return f"{stats.words:,}" if stats else self._pending()
            if col == self.SHARED:
                return percent(stats.shared) if stats else self._pending()
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
            side = self.side(article.id)
            if side:
                lines.append(f"Shown as {side} ({'left' if side == 'A' else 'right'})")
            if article.path:
                lines.append(f"File: {article.path}")
            if stats:
                lines.append(
                    f"{stats.words:,} words; {percent(stats.shared)} shared with other articles, "
                    f"{percent(stats.unique)} found only here; in {stats.families} passage families"
                )
            lines.extend(article.notes)
            return escaped_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.WORDS, self.SHARED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.OUTLET and not article.outlet.strip():
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.OUTLET:
            return False
        self._session.set_outlet(self._articles[index.row()].id, str(value))
        return True
