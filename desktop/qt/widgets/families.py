"""Passage families: one quote or claim, every outlet's version stacked like an apparatus.

The list on the left names each family (its central wording), how many outlets carry
it and how they reuse it. Selecting a family stacks its versions on the right, central
version first; every other version shows, word by word, how it departs from the
central one: its own added or changed words are highlighted and underlined, and (for
verbatim and edited versions) the central words it lacks are shown struck through. The
engine compares each version with the central one and decides what is marked
(:func:`desktop.engine.marking.member_diff`), once for this view and the HTML report
alike; this panel only renders it. Article text goes in as plain text with
``QTextCharFormat``s, never as markup.

Clicking a version (or pressing Enter on it) emits ``version_activated(article_id,
start, end)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.engine.figures import similarity
from desktop.engine.marking import member_diff
from desktop.engine.model import CorpusAlignment, Family, FamilyMember, Kind, Op
from desktop.qt.widgets.highlight import highlight_colors, word_format
from desktop.qt.widgets.labels import article_label, elide, isolate
from desktop.qt.widgets.legend import VersionsLegend
from desktop.qt.widgets.sortable import Row, SortedRows, show_rows

_BREAKS = re.compile(r"\s*\n\s*")


@dataclass(frozen=True, slots=True)
class VersionBlock:
    """Where one member's version sits in the stacked text (block numbers, inclusive)."""

    member: FamilyMember
    first_block: int
    last_block: int


_KINDS = tuple(Kind)


def kinds_summary(family: Family) -> str:
    """How the non-central versions reuse the central one, e.g. "verbatim, paraphrase"."""
    kinds = {m.kind for i, m in enumerate(family.members) if i != family.central}
    return ", ".join(k.value for k in _KINDS if k in kinds) or "verbatim"


class VersionsView(QPlainTextEdit):
    """Read-only stacked versions; reports which block was clicked or Enter'ed."""

    block_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.block_activated.emit(self.cursorForPosition(event.position().toPoint()).blockNumber())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.block_activated.emit(self.textCursor().blockNumber())
            return
        super().keyPressEvent(event)


class FamiliesPanel(QWidget):
    """List of passage families and the versions of the selected one."""

    version_activated = Signal(str, int, int)  # article id, start, end
    family_selected = Signal(str)  # family id
    position_changed = Signal()  # what position_text() says may have changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._corpus: CorpusAlignment | None = None
        self._by_id: dict[str, Family] = {}
        self._family: Family | None = None
        self._blocks: list[VersionBlock] = []

        self.model = SortedRows(["Passage", "Outlets", "Reuse"], right_aligned=(1,), parent=self)
        self.list = QTreeView(self)
        self.list.setObjectName("familiesList")
        self.list.setModel(self.model)
        self.list.setRootIsDecorated(False)
        self.list.setItemsExpandable(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # the most widely carried first
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setToolTip(
            "Quotes and claims that several articles share. Select one to see every version."
        )
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The short columns fit every row's text, measured when the rows change (see
        # desktop.qt.widgets.sortable); the reader may widen or narrow them.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(0)  # fit_columns: Qt measures the rows on screen only
        self.list.selectionModel().currentRowChanged.connect(self._on_list_current_row_changed)
        # Sorting moves the selected family in the list (after the sort, unlike the header).
        self.model.layoutChanged.connect(self._on_list_layout_changed)

        self.caption = QLabel(self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.versions = VersionsView(self)
        self.versions.setObjectName("familyVersions")
        self.versions.setToolTip(
            "Every outlet's version of the passage. Highlighted, underlined words: this version's own "
            "wording. Struck-through words: central wording an edited version lacks. Loose "
            "paraphrases, which share few words, are shown unmarked. "
            "Click a version (or press Enter on it) to open it side by side."
        )
        self.versions.block_activated.connect(self._on_versions_block_activated)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.caption)
        right_layout.addWidget(self.versions, 1)
        self.legend = VersionsLegend("central", right)
        self.legend.set_colors(highlight_colors(self.versions.palette()))
        right_layout.addWidget(self.legend)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("familiesSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(right)
        # Half each: the list's Passage column is the only way to tell families apart,
        # and the stacked versions still get a readable line length.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setFocusProxy(self.list)
        self._show_empty()

    # ---------------------------------------------------------------- content

    def set_corpus(self, corpus: CorpusAlignment | None) -> None:
        """List the families of ``corpus``, keeping the selected family if it still exists."""
        previous = self._family.label if self._family else None
        self._corpus = corpus
        families = corpus.families if corpus else ()
        self._by_id = {f.id: f for f in families}
        rows = []
        for family in families:
            kinds = kinds_summary(family)
            outlets = len(family.articles)
            rows.append(
                Row(
                    (elide(family.label, 140), str(outlets), kinds),
                    (family.label.casefold(), outlets, kinds),
                    family.id,
                    family.label,
                )
            )
        show_rows(self.list, self.model, rows, fitted=(1, 2))
        self._family = None
        target = next((f for f in families if f.label == previous), None)
        if target is not None:
            self.select_family(target.id)
        elif not families:
            self._show_empty()
        else:  # the first one listed, so the versions pane is never a blank half-window
            self.list.setCurrentIndex(self.model.index(0, 0))
        self.position_changed.emit()

    def family_ids(self) -> list[str]:
        """Family ids in the order the list shows them."""
        return self.model.ids()

    def current_family(self) -> Family | None:
        return self._family

    def select_family(self, family_id: str) -> bool:
        row = self.model.row_of(family_id)
        if row < 0:
            return False
        self.list.setCurrentIndex(self.model.index(row, 0))
        return True

    def position_text(self) -> str:
        """The status bar's "Family 2 of 6" (in the order listed), or how many there are."""
        ids = self.family_ids()
        if not ids:
            return ""
        if self._family is None or self._family.id not in ids:
            return f"{len(ids)} passage famil{'y' if len(ids) == 1 else 'ies'}"
        return f"Family {ids.index(self._family.id) + 1} of {len(ids)}"

    def partner_for(self, article_id: str) -> str | None:
        """Whom to compare a version with: the central version's article, else any other member."""
        family = self._family
        if family is None:
            return None
        members = [family.central_member, *family.members]
        return next((m.article for m in members if m.article != article_id), None)

    def version_blocks(self) -> list[VersionBlock]:
        return list(self._blocks)

    def activate_version(self, index: int) -> None:
        """Emit ``version_activated`` for the ``index``-th version shown."""
        if 0 <= index < len(self._blocks):
            m = self._blocks[index].member
            self.version_activated.emit(m.article, m.start, m.end)

    # ---------------------------------------------------------------- rendering

    def _show_empty(self) -> None:
        self.versions.clear()
        self._blocks = []
        self.caption.setText(
            "No passage appears in more than one article yet."
            if self._corpus is not None
            else "Passage families appear once two or more articles are open and aligned."
        )

    def _render(self, family: Family) -> None:
        corpus = self._corpus
        if corpus is None:
            return
        colors = highlight_colors(self.versions.palette())
        central = family.central_member
        central_text = corpus.article(central.article).text
        order = [family.central] + [i for i in range(len(family.members)) if i != family.central]

        self.versions.clear()
        doc = self.versions.document()
        cursor = QTextCursor(doc)
        plain = QTextCharFormat()
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        quiet = QTextCharFormat()
        quiet.setForeground(self.versions.palette().color(QPalette.ColorRole.PlaceholderText))
        deleted, inserted = word_format(colors, Op.DELETE), word_format(colors, Op.INSERT)

        self._blocks = []
        for n, index in enumerate(order):
            member = family.members[index]
            article = corpus.article(member.article)
            if n:
                cursor.insertBlock()
                cursor.insertBlock()  # an empty line between versions
            first = cursor.blockNumber()
            cursor.insertText(isolate(article_label(article)), heading)
            detail = (
                "  central version"
                if index == family.central
                else f"  {member.kind.value}, {similarity(member.score, member.kind)} similar"
            )
            cursor.insertText(detail + f"  ·  {isolate(elide(article.title, 60))}", quiet)
            cursor.insertBlock()
            if index == family.central:
                cursor.insertText(_flat(central_text[member.start : member.end]), plain)
            else:
                ops = member_diff(member, central_text, article.text)
                if not ops:  # a loose paraphrase: shown as published
                    cursor.insertText(_flat(article.text[member.start : member.end]), plain)
                for k, op in enumerate(ops):
                    if op.op is Op.EQUAL:
                        cursor.insertText(_flat(article.text[op.b_start : op.b_end]), plain)
                    elif op.op is Op.INSERT:
                        cursor.insertText(_flat(article.text[op.b_start : op.b_end]), inserted)
                    else:
                        gone = _flat(central_text[op.a_start : op.a_end])
                        if gone[-1:].isalnum() and k + 1 < len(ops) and ops[k + 1].op is Op.INSERT:
                            gone += " "  # the replaced word must not run into its replacement
                        cursor.insertText(gone, deleted)
            self._blocks.append(VersionBlock(member, first, cursor.blockNumber()))
        self.versions.moveCursor(QTextCursor.MoveOperation.Start)
        central_label = isolate(article_label(corpus.article(central.article)))
        self.caption.setText(
            f"{len(family.members)} versions in {len(family.articles)} articles, "
            f"compared with the central version ({central_label})."
        )

    # ---------------------------------------------------------------- slots

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None or self._corpus is None:
            return
        family = self._by_id.get(row.id)
        if family is None:
            return
        self._family = family
        self._render(family)
        self.family_selected.emit(family.id)
        self.position_changed.emit()

    @Slot()
    def _on_list_layout_changed(self) -> None:
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
            if self._family is not None:
                self._render(self._family)  # the formats' colours come from the palette
        super().changeEvent(event)

    def block_at(self, pos: QPoint) -> int:
        """The text block under a point of the versions viewport (for tests and tools)."""
        return self.versions.cursorForPosition(pos).blockNumber()


def _flat(text: str) -> str:
    """Passage text on one line: line breaks inside a passage would break the stacking."""
    return _BREAKS.sub(" ", text)
