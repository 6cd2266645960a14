"""The Syndiff main window: library, settings, and the Compare, Matrix, Families and Quotes tabs.

The window builds the panels and wires them to its :class:`Session`, which owns the
articles, the settings, the alignment in force and the pair. The Compare tab and the
library follow the session themselves; the window keeps what is its own (the title, the
status bar, the progress bar), refreshes the matrix, the families and the quotes, which
know nothing of the session, and turns requests from the panels into session calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QMainWindow, QScrollArea, QSplitter, QWidget

from desktop.engine.bidi import strip_bidi_controls
from desktop.engine.model import Article, CorpusAlignment, Settings
from desktop.engine.workspace import is_workspace_path
from desktop.qt.actions import ActionTargets, WindowActions
from desktop.qt.alignment_status import AlignmentStatus
from desktop.qt.article_model import ArticleModel
from desktop.qt.compare_tab import CompareTab
from desktop.qt.correction_commands import CorrectionCommands
from desktop.qt.file_commands import FileCommands, dropped_paths
from desktop.qt.library import LibraryPanel
from desktop.qt.main_tabs import TAB_COMPARE, TAB_FAMILIES, TAB_MATRIX, TAB_QUOTES, MainTabs
from desktop.qt.session import Session, pair_with_side
from desktop.qt.settings_panel import SettingsPanel, load_settings, save_settings
from desktop.qt.widgets.focus import chain_tab_order
from desktop.qt.widgets.labels import elide
from desktop.qt.window_state import load_view_options, restore_layout, save_layout, save_view_options
from desktop.qt.workers import AlignFunction, ModelLoader, align_in_background, load_embedding_model
from desktop.qt.workspace_actions import WorkspaceActions
from desktop.qt.workspace_commands import WorkspaceCommands
from desktop.qt.workspace_document import WorkspaceDocument

APP_NAME = "Syndiff"
DOCK_WIDTH = 300
"""Default width of the side docks, in pixels (before any saved layout is restored)."""
_TITLE_CHARS = 48
WRAPPED_TO_FIRST = "Wrapped to the first passage"
WRAPPED_TO_LAST = "Wrapped to the last passage"
NOTICE_MS = 4000
REFRESH_PAUSE_MS = 10  # between the refreshes of two overview tabs not on screen


class MainWindow(QMainWindow):
    """The application window. ``settings`` is where it keeps state between runs."""

    def __init__(
        self,
        settings: QSettings,
        *,
        align: AlignFunction = align_in_background,
        load_model: ModelLoader | None = load_embedding_model,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.store = settings
        self._matrix_message = ""  # the matrix's last word in the status bar
        self._stale_tabs: dict[int, Callable[[], None]] = {}  # overview tabs still to refresh
        # One stale tab per turn of the event loop: a timer (not a posted call), so that
        # the events and timers due in between, paints included, come first.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_PAUSE_MS)
        self._refresh_timer.timeout.connect(self._refresh_next_tab)
        self.session = Session(self, align=align, load_model=load_model)
        self.article_model = ArticleModel(self.session, self)
        self._build_widgets()
        self.files = FileCommands(self, self.session, self.store, self.statusBar())
        self.menu_actions = WindowActions(
            self.session,
            self.files,
            ActionTargets(
                window=self,
                tabs=self.tabs,
                compare_tab=self.compare_tab,
                library=self.library,
                library_dock=self.library_dock,
                settings_dock=self.settings_dock,
                focus_regions=self.focus_regions,
            ),
        )
        self._connect()
        # As the tab bar's focus proxy, the tab widget makes Tab go back to the tab bar
        # from the last control of a tab: the chain reaches the tab bar and the matrix
        # directly (MainTabs keeps the matrix's scroll area out of the chain).
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # (this sets the tab bar's too)
        self.tabs.setFocusProxy(None)  # type: ignore[arg-type]  # None clears it; the stubs miss that
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)
        chain_tab_order(self.focus_chain())
        restore_layout(self.store, self, self._splitters(), self.tabs)
        self.settings_panel.set_settings(load_settings(self.store))
        self.session.set_settings(self.settings_panel.settings())
        self.menu_actions.set_view_options(load_view_options(self.store))
        self._build_workspace()
        self.compare_tab.show_current()

    # ================================================================ building

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        return dock

    def _build_widgets(self) -> None:
        self.library = LibraryPanel(self.article_model, self.session, self)
        self.library_dock = self._dock("Articles", "libraryDock", self.library)
        self.settings_panel = SettingsPanel(self)
        self.settings_dock = self._dock("Alignment Settings", "settingsDock", _scrolled(self.settings_panel))
        self.resizeDocks([self.library_dock, self.settings_dock], [520, 240], Qt.Orientation.Vertical)
        # The compare panes need the width more than the docks do; a saved layout wins.
        self.resizeDocks([self.library_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

        self.compare_tab = CompareTab(self.session, self)
        self.tabs = MainTabs(self.compare_tab, self)
        self.setCentralWidget(self.tabs)

        # Where the reader is in the tab shown: "Passage 3 of 12", "Family 2 of 6".
        self.passage_label = QLabel(self)
        self.passage_label.setObjectName("passageLabel")
        self.statusBar().addPermanentWidget(self.passage_label)
        self.alignment_status = AlignmentStatus(self.session, self.statusBar(), self)
        self.progress = self.alignment_status.progress

    def _build_workspace(self) -> None:
        """The workspace file, the corrections with their undo, and their menu entries."""
        self.document = WorkspaceDocument(self.session, self)
        self.corrections = CorrectionCommands(self.session, self)
        self.workspaces = WorkspaceCommands(
            self, self.session, self.document, self.corrections, self.files, self.store, self.statusBar()
        )
        self.workspace_actions = WorkspaceActions(
            self,
            self.session,
            self.workspaces,
            self.corrections,
            self.compare_tab.compare,
            self.statusBar(),
            self.menu_actions.all,
        )
        self.workspace_actions.add_to_menus(self.menu_actions.file_menu, self.menu_actions.edit_menu)
        self.document.state_changed.connect(self._on_document_state_changed)
        self.session.settings_changed.connect(self._on_session_settings_changed)
        self._show_title()

    def _splitters(self) -> dict[str, QSplitter]:
        """The splitters whose positions are remembered, by settings key."""
        return {
            "window/compare_splitter": self.compare_tab.splitter,
            "window/families_splitter": self.tabs.families.splitter,
            "window/quotes_splitter": self.tabs.quotes.splitter,
        }

    def focus_chain(self) -> list[QWidget]:
        """Every control in Tab order: the docks on the left, then the tab shown, top to
        bottom, then the status bar's Cancel. Hidden and disabled ones are skipped."""
        settings = self.settings_panel
        compare_tab = self.compare_tab
        picker, find_bar = compare_tab.picker, compare_tab.find_bar
        families = self.tabs.families
        return [
            self.library.view(),
            settings.sensitivity,
            settings.min_words,
            settings.ignore_case,
            settings.ignore_punctuation,
            settings.ignore_typography,
            settings.use_embeddings,
            settings.reset,
            self.tabs.tabBar(),
            *compare_tab.welcome.buttons,
            picker.combo_a,
            picker.swap,
            picker.combo_b,
            compare_tab.compare.pane_a(),
            compare_tab.compare.pane_b(),
            *compare_tab.compare.change_filter().buttons().values(),
            compare_tab.passage_table,
            find_bar.edit,
            find_bar.previous,
            find_bar.next,
            find_bar.close_button,
            self.tabs.matrix,
            self.tabs.ranked.table,
            families.list,
            families.versions,
            self.tabs.quotes.altered_only,
            self.tabs.quotes.list,
            self.tabs.quotes.versions,
            self.alignment_status.cancel_button,
        ]

    def focus_regions(self) -> list[QWidget]:
        """The parts of the window F6 moves between (those on screen), in Tab order."""
        compare = self.compare_tab.compare
        families = self.tabs.families
        return [
            self.library.view(),
            self.settings_panel,
            compare.pane_a(),
            compare.pane_b(),
            self.compare_tab.passage_table,
            self.compare_tab.find_bar,
            self.tabs.matrix,
            self.tabs.ranked.table,
            families.list,
            families.versions,
            self.tabs.quotes.list,
            self.tabs.quotes.versions,
        ]

    def _connect(self) -> None:
        session = self.session
        session.alignment_finished.connect(self._on_session_alignment_finished)
        session.alignment_cleared.connect(self._on_session_alignment_cleared)
        session.article_relabelled.connect(self._on_session_article_relabelled)
        self.settings_panel.settings_changed.connect(self._on_settings_panel_settings_changed)
        self.library.pair_requested.connect(self._on_library_pair_requested)
        self.library.side_requested.connect(self._on_library_side_requested)
        self.library.remove_requested.connect(session.remove_articles)
        self.library.rename_requested.connect(self.library.edit_outlet)
        self.compare_tab.pair_shown.connect(self._on_compare_tab_pair_shown)
        self.compare_tab.compare.passage_selected.connect(self._on_compare_passage_selected)
        self.compare_tab.compare.navigation_wrapped.connect(self._on_compare_navigation_wrapped)
        self.compare_tab.compare.change_selected.connect(self._on_compare_change_selected)
        self.tabs.matrix.pair_activated.connect(self._on_matrix_pair_activated)
        self.tabs.matrix.cell_focused.connect(self._on_matrix_cell_focused)
        self.tabs.ranked.pair_activated.connect(self._on_matrix_pair_activated)
        self.tabs.ranked.pair_focused.connect(self._on_matrix_cell_focused)
        self.tabs.families.version_activated.connect(self._on_families_version_activated)
        self.tabs.families.position_changed.connect(self._on_families_position_changed)
        self.tabs.quotes.version_activated.connect(self._on_quotes_version_activated)
        self.tabs.quotes.position_changed.connect(self._on_families_position_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        welcome = self.compare_tab.welcome
        welcome.open_requested.connect(self.files.open_files)
        welcome.paste_requested.connect(self.files.new_article)
        welcome.samples_requested.connect(self.files.open_samples)

    def save_state(self) -> None:
        """Write layout, view options and settings to the injected QSettings."""
        save_layout(self.store, self, self._splitters(), self.tabs)
        save_view_options(self.store, self.menu_actions.view_options())
        save_settings(self.store, self.settings_panel.stored_settings())
        self.store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.workspaces.maybe_save():
            event.ignore()
            return
        self.workspaces.remember_last()
        self.save_state()
        self.files.finish_exports()  # a file being saved in the background is written first
        # Waits a moment at most: a job inside a step of the engine that cannot be left
        # early is left behind, silenced, for the application to drop on exit.
        self.session.shutdown()
        super().closeEvent(event)

    def open_paths(self, paths: Iterable[str | Path]) -> list[Article]:
        """Load files and folders; report those that fail; add the rest. Returns the added.

        One workspace file (dropped on the window, say) is opened as the workspace instead.
        """
        names = [str(p) for p in paths]
        if len(names) == 1 and is_workspace_path(names[0]) and Path(names[0]).is_file():
            self.workspaces.open_path(names[0])
            return []
        return self.files.open_paths(names)

    def open_pair(self, a: str, b: str) -> bool:
        """Compare ``a`` with ``b`` and bring the Compare tab to the front."""
        if not self.compare_tab.choose_pair(a, b):
            return False
        self.tabs.setCurrentIndex(TAB_COMPARE)
        return True

    # ================================================================ status

    def position_text(self, passage: int | None = None) -> str:
        """The status bar's position for the tab shown ("" when it has none to give).

        Compare: the passage (``passage``, default the selected one); Families: the
        selected family; the matrix has no position of its own.
        """
        tab = self.tabs.currentIndex()
        if tab == TAB_COMPARE:
            # While the pair is being aligned there is no count to give yet.
            aligned = self.session.pair_alignment() is not None
            return self.compare_tab.position_text(passage) if aligned else ""
        if tab == TAB_FAMILIES:
            return self.tabs.families.position_text()
        if tab == TAB_QUOTES:
            return self.tabs.quotes.position_text()
        return ""

    def _show_position(self, passage: int | None = None) -> None:
        text = self.position_text(passage)
        self.passage_label.setText(text)
        self.passage_label.setVisible(bool(text))

    def _show_title(self) -> None:
        """ "A ↔ B — workspace* — Syndiff": the pair, the workspace and its unsaved-changes mark."""
        pair = self.session.pair()
        a = self.session.article(pair[0]) if pair else None
        b = self.session.article(pair[1]) if pair else None
        document = getattr(self, "document", None)
        # "[*]" is where Qt shows the modified mark; a literal one in a title is doubled.
        name = f"{document.name().replace('[*]', '[*][*]')}[*] — " if document is not None else ""
        if a is None or b is None:
            self.setWindowTitle(f"{name}{APP_NAME}")
        else:
            # Window managers may draw titles without bidi isolation: controls are dropped.
            title_a, title_b = (strip_bidi_controls(elide(x.title, _TITLE_CHARS)) for x in (a, b))
            titles = f"{title_a} ↔ {title_b}".replace("[*]", "[*][*]")
            self.setWindowTitle(f"{titles} — {name}{APP_NAME}")
        self.setWindowModified(document is not None and document.is_modified())

    def _refresh_overview(self) -> None:
        """Show the session's alignment in the overview tabs: the tab on screen at once, the
        others one per turn of the event loop (each of a large set's lists takes tens of
        milliseconds, which together were one stall), or as soon as one is brought up.
        A newer alignment replaces the refreshes still to come."""
        alignment, quotes = self.session.alignment(), self.session.quotes()
        self._stale_tabs = {
            TAB_MATRIX: lambda: self.tabs.set_overlap(alignment),
            TAB_FAMILIES: lambda: self.tabs.families.set_corpus(alignment),
            TAB_QUOTES: lambda: self.tabs.quotes.set_quotes(alignment, quotes),
        }
        self._refresh_tab(self.tabs.currentIndex())
        if self._stale_tabs:
            self._refresh_timer.start()

    def _refresh_tab(self, index: int) -> None:
        refresh = self._stale_tabs.pop(index, None)
        if refresh is not None:
            refresh()

    def overview_pending(self) -> bool:
        """Whether some overview tab does not show the session's alignment yet."""
        return bool(self._stale_tabs)

    @Slot()
    def _refresh_next_tab(self) -> None:
        if self._stale_tabs:
            self._refresh_tab(next(iter(self._stale_tabs)))
        if self._stale_tabs:
            self._refresh_timer.start()

    # ================================================================ slots

    @Slot(int, object)
    def _on_session_alignment_finished(self, _generation: int, _alignment: CorpusAlignment) -> None:
        self._refresh_overview()

    @Slot()
    def _on_session_alignment_cleared(self) -> None:
        self._refresh_overview()

    @Slot()
    def _on_document_state_changed(self) -> None:
        self._show_title()

    @Slot(object)
    def _on_session_settings_changed(self, settings: Settings) -> None:
        # A workspace opened with its own settings: the panel shows them.
        if settings != self.settings_panel.settings():
            self.settings_panel.set_settings(settings)

    @Slot(str, str)
    def _on_session_article_relabelled(self, _article_id: str, _outlet: str) -> None:
        # Labels do not change the alignment: the views are refreshed, no new job.
        self._refresh_overview()

    @Slot(object)
    def _on_settings_panel_settings_changed(self, settings: Settings) -> None:
        save_settings(self.store, self.settings_panel.stored_settings())
        self.session.set_settings(settings)

    @Slot()
    def _on_compare_tab_pair_shown(self) -> None:
        self._show_title()
        self._show_position()

    @Slot(str, str)
    def _on_library_pair_requested(self, a: str, b: str) -> None:
        self.open_pair(a, b)

    @Slot(str, str)
    def _on_library_side_requested(self, article_id: str, side: str) -> None:
        pair = pair_with_side(self.session.pair(), article_id, side, self.session.article_ids())
        if pair is not None:
            self.open_pair(*pair)

    @Slot(int)
    def _on_compare_passage_selected(self, index: int) -> None:
        self._show_position(index)

    @Slot(bool)
    def _on_compare_navigation_wrapped(self, to_first: bool) -> None:
        self.statusBar().showMessage(WRAPPED_TO_FIRST if to_first else WRAPPED_TO_LAST, NOTICE_MS)

    @Slot(str)
    def _on_compare_change_selected(self, description: str) -> None:
        self.statusBar().showMessage(description, 15000)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        self._refresh_tab(index)
        # What the matrix said about a cell is no news on another tab.
        status = self.statusBar()
        if index != TAB_MATRIX and self._matrix_message and status.currentMessage() == self._matrix_message:
            status.clearMessage()
        self._show_position()

    @Slot()
    def _on_families_position_changed(self) -> None:
        self._show_position()

    @Slot(str, str)
    def _on_matrix_pair_activated(self, a: str, b: str) -> None:
        self.open_pair(a, b)

    @Slot(str)
    def _on_matrix_cell_focused(self, description: str) -> None:
        self._matrix_message = description
        self.statusBar().showMessage(description, 15000)

    @Slot(str, int, int)
    def _on_families_version_activated(self, article_id: str, start: int, end: int) -> None:
        """Show a family member in Compare: in a pair holding its article, its passage selected.

        Keeps the pair when it already holds the article; otherwise pairs the article with
        the family's best partner.
        """
        pair = self.session.pair()
        if pair is None or article_id not in pair:
            partner = self.tabs.families.partner_for(article_id)
            if partner is None or not self.session.set_pair(article_id, partner):
                return
        self.tabs.setCurrentIndex(TAB_COMPARE)
        self.compare_tab.show_span(article_id, start, end)

    @Slot(str, int, int)
    def _on_quotes_version_activated(self, article_id: str, start: int, end: int) -> None:
        """Show a quote's version in Compare, beside the reference version's article (or the
        pair's other article, when the pair already holds it)."""
        pair = self.session.pair()
        if pair is None or article_id not in pair:
            partner = self.tabs.quotes.partner_for(article_id)
            if partner is None or not self.session.set_pair(article_id, partner):
                return
        self.tabs.setCurrentIndex(TAB_COMPARE)
        self.compare_tab.show_span(article_id, start, end)

    # ================================================================ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)


def _scrolled(panel: QWidget) -> QScrollArea:
    """``panel`` in a frameless scroll area: on a short screen the dock scrolls instead of
    squeezing its controls below their height."""
    area = QScrollArea()
    area.setObjectName(f"{panel.objectName() or 'panel'}Scroll")
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusProxy(panel)
    return area
