"""The side-by-side comparison of two articles.

:class:`CompareView` shows article A and article B in two read-only panes with the
passages they share tinted by kind, the words that differ inside them marked, and a
strip of bands between the panes linking every passage to its counterpart (crossing
when the articles order them differently); on the outer edges, a location strip per
pane shows where in the whole article every passage and the view are. Below sit a
legend and a sortable table of the passages (which the main window may move elsewhere
through :meth:`CompareView.passage_table`).

A passage is selected by clicking it in either pane, clicking its band or its table
row, pressing Return on it, or stepping with :meth:`~CompareView.next_passage` and
:meth:`~CompareView.previous_passage`; both panes then scroll so it and its counterpart
are in view, side by side where the texts allow, and stay so when the panes rewrap
(resize, font, wrap mode; see :mod:`.keep_in_view`).

Typed changes (numbers, names, quotations altered, ...) are framed in both panes and
badged in the table's "Changes" column; the toggles above the table
(:class:`~.change_filter.ChangeFilterBar`) keep only the passages with changes of the
checked types, and :meth:`~CompareView.next_change` / :meth:`~CompareView.previous_change`
step from one typed change to the next (of the checked types, if any).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.engine.marking import marked_spans, passage_diff
from desktop.engine.model import Article, Op, PairAlignment, Passage
from desktop.qt.widgets.change_filter import (
    ChangeBadgeDelegate,
    ChangeFilterBar,
    PassageFilterProxy,
    passage_box,
)
from desktop.qt.widgets.change_nav import ChangeWalker, Step, typed_alignment
from desktop.qt.widgets.connector import ConnectorStrip
from desktop.qt.widgets.highlight import highlight_colors
from desktop.qt.widgets.keep_in_view import SelectionKeeper
from desktop.qt.widgets.legend import ElidedLabel, LegendBar
from desktop.qt.widgets.overview import LocationStrip
from desktop.qt.widgets.passage_model import PassageModel
from desktop.qt.widgets.syncscroll import ScrollSynchroniser
from desktop.qt.widgets.text_search import FindResult, find_in
from desktop.qt.widgets.textpane import PaneSpan, TextPane

Spans = Sequence[tuple[int, int]]
_LEAD_FRACTION = 0.2  # a passage scrolled into view lands a fifth of the way down


class CompareView(QWidget):
    """Two articles side by side with their shared passages linked and marked."""

    passage_selected = Signal(int)  # index into alignment.passages, -1 for none
    navigation_wrapped = Signal(bool)  # stepping went round: True to the first passage, False to the last
    change_selected = Signal(str)  # stepped to a typed change: its description and place

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._article_a: Article | None = None
        self._article_b: Article | None = None
        self._alignment: PairAlignment | None = None
        self._passages: tuple[Passage, ...] = ()
        self._current = -1
        self._active = "a"  # the pane find() and navigation follow: the last one focused
        self._show_unique = True
        self._has_unique = False
        self._syncing_table = False

        self._pane_a = TextPane("a", self)
        self._pane_b = TextPane("b", self)
        self._connector = ConnectorStrip(self._pane_a, self._pane_b, self)
        self._strip_a = LocationStrip(self._pane_a, self)
        self._strip_b = LocationStrip(self._pane_b, self)
        self._sync = ScrollSynchroniser(self._pane_a, self._pane_b, self)
        self._keeper = SelectionKeeper(
            {"a": self._pane_a, "b": self._pane_b}, self._selected_spans, self._line_up, self
        )
        self._title_a = ElidedLabel(self)
        self._title_b = ElidedLabel(self)
        self._legend = LegendBar(self)
        self._model = PassageModel(self)
        self._proxy = PassageFilterProxy(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setSortRole(PassageModel.SORT_ROLE)
        self._table = QTableView(self)
        self._filter = ChangeFilterBar(self)
        self._changes = ChangeWalker(self._pane_a, self._pane_b, self._filter)
        self._build_table()
        self._build_layout()
        self._connect()
        self._apply_palette()

    # ------------------------------------------------------------------ construction

    def _build_table(self) -> None:
        table = self._table
        table.setModel(self._proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(PassageModel.COL_NUMBER, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table instead of walking its cells
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        for col in (PassageModel.COL_NUMBER, PassageModel.COL_KIND, PassageModel.COL_SCORE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PassageModel.COL_CHANGES, QHeaderView.ResizeMode.ResizeToContents)
        table.setItemDelegateForColumn(PassageModel.COL_CHANGES, ChangeBadgeDelegate(table))
        for col in (PassageModel.COL_A, PassageModel.COL_B):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        table.setAccessibleName("Shared passages")

    def _build_layout(self) -> None:
        top = QWidget(self)
        grid = QGridLayout(top)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(4)
        # The location strips sit on the outer edges, the bands between the panes.
        grid.addLayout(_titled(self._badge("A"), self._title_a), 0, 0, 1, 2)
        grid.addLayout(_titled(self._badge("B"), self._title_b), 0, 3, 1, 2)
        grid.addWidget(self._strip_a, 1, 0)
        grid.addWidget(self._pane_a, 1, 1)
        grid.addWidget(self._connector, 1, 2)
        grid.addWidget(self._pane_b, 1, 3)
        grid.addWidget(self._strip_b, 1, 4)
        grid.addWidget(self._legend, 2, 0, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(1, 1)

        self._table_box = passage_box(self._filter, self._table, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self._table_box)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)
        QWidget.setTabOrder(self._pane_a, self._pane_b)
        QWidget.setTabOrder(self._pane_b, self._table)

    def _badge(self, letter: str) -> QLabel:
        badge = QLabel(letter, self)
        font = badge.font()
        font.setBold(True)
        badge.setFont(font)
        badge.setContentsMargins(6, 0, 6, 0)
        badge.setToolTip(f"Article {letter} ({'left' if letter == 'A' else 'right'})")
        return badge

    def _connect(self) -> None:
        self._pane_a.passage_activated.connect(self._on_pane_a_passage_activated)
        self._pane_b.passage_activated.connect(self._on_pane_b_passage_activated)
        self._pane_a.focus_entered.connect(self._on_pane_a_focus_entered)
        self._pane_b.focus_entered.connect(self._on_pane_b_focus_entered)
        self._connector.band_clicked.connect(self._on_connector_band_clicked)
        self._strip_a.passage_clicked.connect(self._on_strip_a_passage_clicked)
        self._strip_b.passage_clicked.connect(self._on_strip_b_passage_clicked)
        self._table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self._filter.types_changed.connect(self._on_filter_types_changed)

    # ------------------------------------------------------------------ public API

    def set_pair(
        self,
        a: Article,
        b: Article,
        alignment: PairAlignment | None,
        *,
        unique_a: Spans = (),
        unique_b: Spans = (),
    ) -> None:
        """Show ``a`` against ``b``. ``alignment`` None means "still aligning": texts only.

        Setting the same two texts again (e.g. once the alignment arrives) keeps the
        scroll positions. Raises ValueError if ``alignment`` is for other articles.
        """
        if alignment is not None and (alignment.a, alignment.b) != (a.id, b.id):
            raise ValueError(f"alignment is for {alignment.a!r} vs {alignment.b!r}, not {a.id!r} vs {b.id!r}")
        alignment = typed_alignment(alignment, a, b)
        previous = self._current
        self._current = -1
        for pane, article, title in ((self._pane_a, a, self._title_a), (self._pane_b, b, self._title_b)):
            pane.set_article(article)
            outlet = f" — {article.outlet}" if article.outlet else ""
            title.set_full_text(article.title or article.id, outlet)
            label = title.full_text()
            pane.setAccessibleName(f"Article {pane.side.upper()}: {label}")
        self._article_a, self._article_b, self._alignment = a, b, alignment
        self._passages = alignment.passages if alignment is not None else ()
        passages = self._passages
        # What is marked as changed is the engine's decision, as in every other view.
        shown = [passage_diff(p, a, b) for p in passages]
        self._pane_a.set_marks(
            [PaneSpan(p.a_start, p.a_end, p.kind, p.score, p.manual) for p in passages],
            [(s, e, Op.DELETE) for ops in shown for s, e in marked_spans(ops, a.text, "a")],
            unique_a,
        )
        self._pane_b.set_marks(
            [PaneSpan(p.b_start, p.b_end, p.kind, p.score, p.manual) for p in passages],
            [(s, e, Op.INSERT) for ops in shown for s, e in marked_spans(ops, b.text, "b")],
            unique_b,
        )
        self._changes.show(alignment, a, b)
        self._has_unique = bool(unique_a) or bool(unique_b)
        self._legend.set_unique_visible(self._show_unique and self._has_unique)
        self._legend.set_manual_visible(any(p.manual for p in passages))
        self._connector.set_selected(-1)
        for strip in (self._strip_a, self._strip_b):
            strip.set_selected(-1)
            strip.refresh()
        self._sync.invalidate()
        self._syncing_table = True
        try:
            self._model.set_alignment(a, b, alignment)
        finally:
            self._syncing_table = False
        self._show_filtered()
        self._connector.update()
        if previous != -1:
            self.passage_selected.emit(-1)

    def select_passage(self, index: int) -> None:
        """Select passage ``index`` (-1 clears) and scroll both panes to it."""
        self._select(index, lead=self._active, keep_lead=False)

    def next_passage(self) -> None:
        """Select the next passage in the reading order of the active pane (wraps round)."""
        self._step(+1)

    def previous_passage(self) -> None:
        """Select the previous passage in the reading order of the active pane (wraps round)."""
        self._step(-1)

    def next_change(self) -> None:
        """Select the next typed change, in A's reading order (wraps round): of the types the
        filter shows, or of every type but wording."""
        self._step_change(+1)

    def previous_change(self) -> None:
        """Select the previous typed change (see :meth:`next_change`)."""
        self._step_change(-1)

    def current_change(self) -> Step | None:
        """(passage index, change index) of the typed change stepped to, or None."""
        return self._changes.current()

    def change_count(self) -> int:
        """How many typed changes :meth:`next_change` walks through."""
        return len(self._changes.steps())

    def change_filter(self) -> ChangeFilterBar:
        return self._filter

    def passage_panel(self) -> QWidget:
        """The passage table with its change filter above it; the main window may place it elsewhere."""
        return self._table_box

    def current_passage(self) -> int:
        return self._current

    def passage_count(self) -> int:
        return len(self._passages)

    def set_sync_scroll(self, on: bool) -> None:
        """Turn synchronised scrolling on or off; turning it on lines B up with A at once."""
        self._sync.set_enabled(on)
        if on and self._article_a is not None:
            self._sync.follow(self._pane_a)

    def sync_scroll(self) -> bool:
        return self._sync.is_enabled()

    def find_text(self, text: str, backwards: bool = False) -> FindResult:
        """Find ``text`` (ignoring case) in the active pane from its cursor, wrapping round.

        The hit is selected and scrolled into view; the result (false when there is none)
        says which match of how many it is and whether the search went round.
        """
        return find_in(self._pane(self._active), text, backwards)

    def pane_a(self) -> TextPane:
        return self._pane_a

    def pane_b(self) -> TextPane:
        return self._pane_b

    def location_strip(self, side: str) -> LocationStrip:
        """The overview beside pane ``side`` ("a" or "b")."""
        return self._strip_a if side == "a" else self._strip_b

    def selection(self, side: str) -> tuple[int, int] | None:
        """The text selected in pane ``side`` ("a"/"b"), as indices into its article."""
        return self._pane(side).selected_span()

    def passage_table(self) -> QTableView:
        """The passage table (sortable); the main window may place it elsewhere."""
        return self._table

    def passage_model(self) -> PassageModel:
        return self._model

    def scroll_to_span(self, side: str, start: int, end: int) -> None:
        """Scroll pane ``side`` ("a"/"b") to a span and select its text; the other pane follows."""
        pane = self._pane(side)
        cursor = QTextCursor(pane.document())
        cursor.setPosition(pane.to_qt(end))
        cursor.setPosition(pane.to_qt(start), QTextCursor.MoveMode.KeepAnchor)  # cursor at start
        pane.setTextCursor(cursor)
        pane.ensure_span_visible(start, end, _LEAD_FRACTION)

    def set_show_unique(self, on: bool) -> None:
        """Mark (or stop marking) the spans given as unique to each article."""
        self._show_unique = on
        self._pane_a.set_show_unique(on)
        self._pane_b.set_show_unique(on)
        self._legend.set_unique_visible(on and self._has_unique)

    # ------------------------------------------------------------------ selection

    def _pane(self, side: str) -> TextPane:
        if side not in ("a", "b"):
            raise ValueError(f"side must be 'a' or 'b', not {side!r}")
        return self._pane_a if side == "a" else self._pane_b

    def _span(self, index: int, side: str) -> tuple[int, int]:
        p = self._passages[index]
        return p.a_span if side == "a" else p.b_span

    def _selected_spans(self) -> tuple[str, dict[str, tuple[int, int]]] | None:
        """The selected passage for the :class:`SelectionKeeper`: the leading side, both spans."""
        if self._current < 0:
            return None
        return self._active, {side: self._span(self._current, side) for side in ("a", "b")}

    def _line_up(self, lead: str) -> None:
        """Scroll the other pane so the selected passage sits beside it in pane ``lead``."""
        if self._current >= 0:
            self._scroll_to_passage(self._current, lead, keep_lead=True)

    def _step(self, delta: int) -> None:
        if not self._passages:
            return
        order = sorted(range(len(self._passages)), key=lambda n: self._span(n, self._active))
        if self._current < 0:
            target = order[0] if delta > 0 else order[-1]
            wrapped = False
        else:
            step = order.index(self._current) + delta
            target = order[step % len(order)]
            wrapped = not 0 <= step < len(order) and len(order) > 1
        self._select(target, lead=self._active, keep_lead=False)
        if wrapped:
            self.navigation_wrapped.emit(delta > 0)

    def _step_change(self, delta: int) -> None:
        target = self._changes.target(delta, self._current)
        if isinstance(target, str):
            self.change_selected.emit(target)
            return
        self._select(target.step[0], lead=self._active, keep_lead=False)
        self._changes.set_current(target.step)
        for side, (start, end) in (("a", target.a), ("b", target.b)):
            self._pane(side).ensure_span_visible(start, end, _LEAD_FRACTION)
        self._connector.update()
        self.change_selected.emit(target.message)

    def _show_filtered(self) -> None:
        self._filter.set_shown(self._proxy.rowCount(), self._model.rowCount())
        self._fit_table()
        if self._current >= 0:
            self._select_table_row(self._current)

    def _select(self, index: int, *, lead: str, keep_lead: bool) -> None:
        """Select ``index``; scroll the ``lead`` pane (unless ``keep_lead``) and align the other."""
        if not -1 <= index < len(self._passages):
            raise IndexError(f"passage {index} out of range 0..{len(self._passages) - 1}")
        changed = index != self._current
        self._current = index
        self._changes.passage_selected(index)
        self._pane_a.set_selected(index)
        self._pane_b.set_selected(index)
        self._connector.set_selected(index)
        self._strip_a.set_selected(index)
        self._strip_b.set_selected(index)
        self._select_table_row(index)
        if index >= 0:
            self._scroll_to_passage(index, lead, keep_lead)
        if changed:
            self.passage_selected.emit(index)

    def _scroll_to_passage(self, index: int, lead: str, keep_lead: bool) -> None:
        follow = "b" if lead == "a" else "a"
        lead_pane, follow_pane = self._pane(lead), self._pane(follow)
        lead_start, lead_end = self._span(index, lead)
        follow_start, follow_end = self._span(index, follow)
        with self._sync.suspended():
            if not keep_lead:
                lead_pane.ensure_span_visible(lead_start, lead_end, _LEAD_FRACTION)
            top = lead_pane.span_y(lead_start, lead_end)[0]
            height = lead_pane.viewport().height()
            follow_pane.scroll_index_to(follow_start, min(max(top, 0.0), height * 0.8))
            follow_pane.ensure_span_visible(follow_start, follow_end, _LEAD_FRACTION)
        self._connector.update()

    def _fit_table(self) -> None:
        """Let the table grow no taller than its rows need (at least one row's room).

        A pair with two passages then leaves the rest of a small window to the texts.
        """
        table = self._table
        rows = max(1, self._proxy.rowCount())
        row_height = table.verticalHeader().defaultSectionSize()
        scroll = table.horizontalScrollBar()
        needed = (
            table.horizontalHeader().sizeHint().height()
            + rows * row_height
            + 2 * table.frameWidth()
            + (scroll.sizeHint().height() if scroll.isVisible() else 0)
        )
        table.setMaximumHeight(needed)

    def _select_table_row(self, index: int) -> None:
        self._syncing_table = True
        try:
            selection = self._table.selectionModel()
            if index < 0:
                selection.clear()
                return
            proxy_index = self._proxy.mapFromSource(self._model.index(index, 0))
            selection.setCurrentIndex(
                proxy_index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._table.scrollTo(proxy_index)
        finally:
            self._syncing_table = False

    # ------------------------------------------------------------------ slots

    @Slot(int)
    def _on_pane_a_passage_activated(self, index: int) -> None:
        self._select(index, lead="a", keep_lead=True)

    @Slot(int)
    def _on_pane_b_passage_activated(self, index: int) -> None:
        self._select(index, lead="b", keep_lead=True)

    @Slot()
    def _on_pane_a_focus_entered(self) -> None:
        self._active = "a"

    @Slot()
    def _on_pane_b_focus_entered(self) -> None:
        self._active = "b"

    @Slot(int)
    def _on_connector_band_clicked(self, index: int) -> None:
        self._select(index, lead=self._active, keep_lead=False)

    @Slot(int)
    def _on_strip_a_passage_clicked(self, index: int) -> None:
        self._select(index, lead="a", keep_lead=False)

    @Slot(int)
    def _on_strip_b_passage_clicked(self, index: int) -> None:
        self._select(index, lead="b", keep_lead=False)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_table or not current.isValid():
            return
        index = current.data(Qt.ItemDataRole.UserRole)
        if isinstance(index, int):
            self._select(index, lead=self._active, keep_lead=False)

    @Slot(object)
    def _on_filter_types_changed(self, types: frozenset) -> None:
        self._proxy.set_types(types)
        self._show_filtered()

    # ------------------------------------------------------------------ palette

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_table()

    def _apply_palette(self) -> None:
        colors = highlight_colors(self.palette())
        self._pane_a.set_colors(colors)
        self._pane_b.set_colors(colors)
        self._connector.set_colors(colors)
        self._strip_a.set_colors(colors)
        self._strip_b.set_colors(colors)
        self._legend.set_colors(colors)
        self._model.set_palette(self.palette())


def _titled(badge: QLabel, title: ElidedLabel) -> QGridLayout:
    """A pane title row: the A/B badge, then the elided "title — outlet"."""
    row = QGridLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(badge, 0, 0)
    row.addWidget(title, 0, 1)
    row.setColumnStretch(1, 1)
    return row
