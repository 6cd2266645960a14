"""The quote check: every quoted statement, and how each outlet carries it.

The list on the left names each statement (the part its versions share), how many
outlets carry it, whether any alters it and how the versions divide. Selecting one shows
on the right, in three groups, the outlets that quote it word for word, those that quote
it with words changed (the word diff against the reference version marked as in the
Families tab: this version's own words highlighted and underlined, the reference's words
it lacks struck through) and those that carry it without quotation marks. The engine
compares the versions (:func:`~desktop.engine.align.quotes.quote_check`, run by the
alignment job); this panel only renders the result. Article text goes in as plain text
with ``QTextCharFormat``s, never as markup.

Clicking a version (or pressing Enter on it) emits ``version_activated(article_id, start,
end)``, so the window can open that article side by side with the reference version's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.engine.figures import percent
from desktop.engine.model import CorpusAlignment, Op, QuotedStatement, QuoteUse, QuoteVersion
from desktop.qt.widgets.families import VersionsView
from desktop.qt.widgets.highlight import highlight_colors, word_format
from desktop.qt.widgets.labels import article_label, elide, isolate
from desktop.qt.widgets.legend import VersionsLegend
from desktop.qt.widgets.sortable import Row, SortedRows, show_rows

GROUPS: tuple[tuple[QuoteUse, str], ...] = (
    (QuoteUse.VERBATIM, "Quoted verbatim"),
    (QuoteUse.ALTERED, "Quoted with words changed"),
    (QuoteUse.PARAPHRASED, "Carried without quotation marks"),
)

FITTED_ROOM = 0.6  # of the list's width, at most, for the short columns: the statement keeps the rest


@dataclass(frozen=True, slots=True)
class QuoteBlock:
    """Where one version sits in the stacked text (block numbers, inclusive)."""

    version: QuoteVersion
    first_block: int
    last_block: int


def uses_summary(statement: QuotedStatement) -> str:
    """How the versions divide, e.g. "1 verbatim, 1 altered"."""
    parts = [f"{len(statement.by_use(use))} {use.value}" for use, _ in GROUPS if statement.by_use(use)]
    return ", ".join(parts)


class QuotesPanel(QWidget):
    """List of quoted statements and the versions of the one selected."""

    version_activated = Signal(str, int, int)  # article id, start, end
    position_changed = Signal()  # what position_text() says may have changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._corpus: CorpusAlignment | None = None
        self._quotes: tuple[QuotedStatement, ...] = ()
        self._rows: list[Row] = []  # every statement's row; the model holds those listed
        self._by_id: dict[str, QuotedStatement] = {}
        self._statement: QuotedStatement | None = None
        self._blocks: list[QuoteBlock] = []

        self.altered_only = QCheckBox("Only statements some outlet alters", self)
        self.altered_only.setToolTip("Hide the statements every outlet quotes word for word")
        self.altered_only.toggled.connect(self._on_altered_only_toggled)
        headings = ["Statement", "Outlets", "Altered", "Versions"]
        self.model = SortedRows(headings, right_aligned=(1,), parent=self)
        self.list = QTreeView(self)
        self.list.setObjectName("quotesList")
        self.list.setModel(self.model)
        self.list.setRootIsDecorated(False)
        self.list.setItemsExpandable(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # the most widely carried first
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setToolTip("Every quoted statement. Select one to see how each outlet carries it.")
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The short columns fit every row's text, measured when the rows change (see
        # desktop.qt.widgets.sortable); the reader may widen or narrow them.
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(0)  # fit_columns: Qt measures the rows on screen only
        self.list.selectionModel().currentRowChanged.connect(self._on_list_current_row_changed)
        self.model.layoutChanged.connect(self._on_list_layout_changed)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.altered_only)
        left_layout.addWidget(self.list, 1)

        self.caption = QLabel(self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.versions = VersionsView(self)
        self.versions.setObjectName("quoteVersions")
        self.versions.setToolTip(
            "Every outlet's version of the statement, compared with the reference version. "
            "Highlighted, underlined words: this version's own. Struck-through words: the reference's, "
            "missing here. Click a version (or press Enter on it) to open it side by side."
        )
        self.versions.block_activated.connect(self._on_versions_block_activated)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.caption)
        right_layout.addWidget(self.versions, 1)
        self.legend = VersionsLegend("reference", right)
        self.legend.set_colors(highlight_colors(self.versions.palette()))
        right_layout.addWidget(self.legend)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("quotesSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        # The list gets more: its statement column is the only way to tell statements
        # apart, beside three short columns; the versions still get a readable line.
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setFocusProxy(self.list)
        self._show_empty()

    # ---------------------------------------------------------------- content

    def set_quotes(self, corpus: CorpusAlignment | None, quotes: Sequence[QuotedStatement]) -> None:
        """List the statements of ``corpus``'s quote check, keeping the one selected if it is still there."""
        previous = self._statement.label if self._statement else None
        self._corpus = corpus
        self._quotes = tuple(quotes) if corpus is not None else ()
        self._by_id = {q.id: q for q in self._quotes}
        self._rows = []
        for n, statement in enumerate(self._quotes):
            outlets = len(statement.articles)
            altered = "altered" if statement.altered else ""
            uses = uses_summary(statement)
            self._rows.append(
                Row(
                    (elide(statement.label, 140), str(outlets), altered, uses),
                    # ties keep the engine's order
                    (statement.label.casefold(), (outlets, -n), (statement.altered, outlets, -n), uses),
                    statement.id,
                    statement.label,
                    (2,) if statement.altered else (),
                )
            )
        self._statement = None
        self._filter_rows()
        target = next((q for q in self._quotes if q.label == previous), None)
        if target is None or not self.select_statement(target.id):
            if self.model.rowCount():  # the first one listed, so the versions pane is never blank
                self.list.setCurrentIndex(self.model.index(0, 0))
            else:
                self._show_empty()
        self.position_changed.emit()

    def statement_ids(self) -> list[str]:
        """Statement ids in the order the list shows them (rows filtered out left out)."""
        return self.model.ids()

    def current_statement(self) -> QuotedStatement | None:
        return self._statement

    def select_statement(self, statement_id: str) -> bool:
        row = self.model.row_of(statement_id)
        if row < 0:
            return False
        self.list.setCurrentIndex(self.model.index(row, 0))
        return True

    def position_text(self) -> str:
        """The status bar's "Statement 2 of 14" (in the order listed), or how many there are."""
        ids = self.statement_ids()
        if not ids:
            return ""
        if self._statement is None or self._statement.id not in ids:
            return f"{len(ids)} quoted statement{'s' if len(ids) != 1 else ''}"
        return f"Statement {ids.index(self._statement.id) + 1} of {len(ids)}"

    def partner_for(self, article_id: str) -> str | None:
        """Whom to compare a version with: the reference version's article, else another version's."""
        statement = self._statement
        if statement is None:
            return None
        versions = [statement.reference_version, *statement.versions]
        return next((v.article for v in versions if v.article != article_id), None)

    def version_blocks(self) -> list[QuoteBlock]:
        return list(self._blocks)

    def activate_version(self, index: int) -> None:
        """Emit ``version_activated`` for the ``index``-th version shown."""
        if 0 <= index < len(self._blocks):
            v = self._blocks[index].version
            self.version_activated.emit(v.article, v.start, v.end)

    def _filter_rows(self) -> None:
        """List every statement's row, or only the altered ones', sorted as the header says;
        the statement shown stays current when it is still listed."""
        only = self.altered_only.isChecked()
        rows = [r for r in self._rows if not only or self._by_id[r.id].altered]
        show_rows(self.list, self.model, rows, fitted=(1, 2, 3), room=FITTED_ROOM)
        current = self.model.row_of(self._statement.id) if self._statement is not None else -1
        if current >= 0:
            self.list.setCurrentIndex(self.model.index(current, 0))

    # ---------------------------------------------------------------- rendering

    def _show_empty(self) -> None:
        self.versions.clear()
        self._blocks = []
        if self._corpus is None:
            text = "Quoted statements appear once articles are open and aligned."
        elif not self._quotes:
            text = "No article quotes anyone."
        else:
            shown = len(self.statement_ids())
            altered = sum(1 for q in self._quotes if q.altered)
            text = (
                f"{len(self._quotes)} quoted statements, {altered} quoted with words changed by some outlet"
                f"{f' ({shown} listed)' if shown != len(self._quotes) else ''}. "
                "Select one to see how each outlet carries it."
            )
        self.caption.setText(text)

    def _render(self, statement: QuotedStatement) -> None:
        corpus = self._corpus
        if corpus is None:
            return
        palette = self.versions.palette()
        colors = highlight_colors(palette)
        plain = QTextCharFormat()
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        quiet = QTextCharFormat()
        quiet.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        deleted, inserted = word_format(colors, Op.DELETE), word_format(colors, Op.INSERT)
        reference = statement.reference_version

        self.versions.clear()
        cursor = QTextCursor(self.versions.document())
        self._blocks = []
        first_group = True
        for use, title in GROUPS:
            versions = [v for v in statement.versions if v.use is use]
            if not versions:
                continue
            if not first_group:
                cursor.insertBlock()
                cursor.insertBlock()
            first_group = False
            names = ", ".join(isolate(article_label(corpus.article(v.article))) for v in versions)
            cursor.insertText(f"{title} ({len(versions)}): ", heading)
            cursor.insertText(names, quiet)
            for v in versions:
                article = corpus.article(v.article)
                cursor.insertBlock()
                cursor.insertBlock()
                first = cursor.blockNumber()
                cursor.insertText(isolate(article_label(article)), heading)
                if v is reference:
                    detail = "  reference version"
                elif use is QuoteUse.PARAPHRASED:
                    detail = "  no quotation marks"
                else:
                    detail = f"  {percent(v.score)} of the words kept"
                cursor.insertText(f"{detail}  ·  {isolate(elide(article.title, 60))}", quiet)
                cursor.insertBlock()
                marks = "" if use is QuoteUse.PARAPHRASED else "“"
                cursor.insertText(marks, quiet)
                if v is reference or not v.diff or use is QuoteUse.PARAPHRASED:
                    cursor.insertText(v.text, plain)
                else:
                    _insert_diff(cursor, v, reference.text, plain, deleted, inserted)
                cursor.insertText(marks.replace("“", "”"), quiet)
                self._blocks.append(QuoteBlock(v, first, cursor.blockNumber()))
        self.versions.moveCursor(QTextCursor.MoveOperation.Start)
        ref_label = isolate(article_label(corpus.article(reference.article)))
        altered = len(statement.by_use(QuoteUse.ALTERED))
        quoting = len(statement.versions) - len(statement.by_use(QuoteUse.PARAPHRASED))
        same = len(statement.by_use(QuoteUse.VERBATIM)) - 1  # the others quoting it as the reference does
        if quoting <= 1:
            why = ""
        elif same > 0:
            verb = "quotes" if same == 1 else "quote"
            why = f", which {same} other outlet{'s' if same != 1 else ''} {verb} word for word"
        else:
            why = (
                ", the longest quote: no two outlets quote it alike, so the texts do not tell "
                "which wording is the speaker's"
            )
        self.caption.setText(
            f"{statement.id}: carried by {len(statement.articles)} outlet"
            f"{'s' if len(statement.articles) != 1 else ''}"
            f"{f', altered by {altered}' if altered else ''}; compared with the reference version "
            f"({ref_label}){why}."
        )

    # ---------------------------------------------------------------- slots

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        statement = self._by_id.get(row.id) if row is not None else None
        if statement is None:
            return
        self._statement = statement
        self._render(statement)
        self.position_changed.emit()

    @Slot()
    def _on_list_layout_changed(self) -> None:
        self.position_changed.emit()

    @Slot(bool)
    def _on_altered_only_toggled(self, _checked: bool) -> None:
        self._filter_rows()
        if self._statement is not None and self._statement.id not in self.statement_ids():
            self._statement = None
            self.list.clearSelection()
            self._show_empty()
        elif self._statement is None:
            self._show_empty()
        self.position_changed.emit()

    @Slot(int)
    def _on_versions_block_activated(self, block: int) -> None:
        for n, version in enumerate(self._blocks):
            if version.first_block <= block <= version.last_block:
                self.activate_version(n)
                return

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.legend.set_colors(highlight_colors(self.versions.palette()))
            if self._statement is not None:
                self._render(self._statement)  # the formats' colours come from the palette
        super().changeEvent(event)


def _insert_diff(
    cursor: QTextCursor,
    version: QuoteVersion,
    reference: str,
    plain: QTextCharFormat,
    deleted: QTextCharFormat,
    inserted: QTextCharFormat,
) -> None:
    """A version's text with its word diff against the reference marked over the common part."""
    text = version.text
    start, end = version.core
    cursor.insertText(text[:start], plain)
    ops = version.diff
    for k, op in enumerate(ops):
        if op.op is Op.EQUAL:
            cursor.insertText(text[op.b_start : op.b_end], plain)
        elif op.op is Op.INSERT:
            _insert_marked(cursor, text[op.b_start : op.b_end], inserted, plain)
        else:
            gone = reference[op.a_start : op.a_end]
            if gone[-1:].isalnum() and k + 1 < len(ops) and ops[k + 1].op is Op.INSERT:
                gone += " "  # the replaced word must not run into its replacement
            _insert_marked(cursor, gone, deleted, plain)
    cursor.insertText(text[end:], plain)


def _insert_marked(cursor: QTextCursor, piece: str, mark: QTextCharFormat, plain: QTextCharFormat) -> None:
    """A changed piece, marked without the spaces around it (a mark on a space marks nothing)."""
    core = piece.strip()
    if not core:
        cursor.insertText(piece, plain)
        return
    lead = piece[: len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()) :]
    cursor.insertText(lead, plain)
    cursor.insertText(core, mark)
    cursor.insertText(trail, plain)
