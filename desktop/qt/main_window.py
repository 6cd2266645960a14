"""The Syndiff main window: library, settings, and the Compare, Matrix and Families tabs.

The window builds the panels and wires them to its :class:`Session`, which owns the
articles, the settings, the alignment in force and the pair. The Compare tab and the
library follow the session themselves; the window keeps what is its own (the title, the
status bar, the progress bar), refreshes the matrix and the families, which know nothing
of the session, and turns requests from the panels into session calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QProgressBar, QSplitter, QWidget

from desktop.engine.align.corpus import align_corpus
from desktop.engine.model import Article, CorpusAlignment, Settings
from desktop.engine.workspace import is_workspace_path
from desktop.qt.actions import ActionTargets, WindowActions
from desktop.qt.article_model import ArticleModel
from desktop.qt.compare_tab import CompareTab
from desktop.qt.correction_commands import CorrectionCommands
from desktop.qt.file_commands import FileCommands, dropped_paths
from desktop.qt.library import LibraryPanel
from desktop.qt.main_tabs import TAB_COMPARE, TAB_FAMILIES, MainTabs
from desktop.qt.session import Session, pair_with_side
from desktop.qt.settings_panel import SettingsPanel, load_settings, save_settings
from desktop.qt.widgets.labels import elide
from desktop.qt.window_state import load_view_options, restore_layout, save_layout, save_view_options
from desktop.qt.workers import AlignFunction, ModelLoader, load_embedding_model
from desktop.qt.workspace_actions import WorkspaceActions
from desktop.qt.workspace_commands import WorkspaceCommands
from desktop.qt.workspace_document import WorkspaceDocument

APP_NAME = "Syndiff"
DOCK_WIDTH = 300
"""Default width of the side docks, in pixels (before any saved layout is restored)."""
_TITLE_CHARS = 48


class MainWindow(QMainWindow):
    """The application window. ``settings`` is where it keeps state between runs."""

    def __init__(
        self,
        settings: QSettings,
        *,
        align: AlignFunction = align_corpus,
        load_model: ModelLoader | None = load_embedding_model,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.store = settings
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
            ),
        )
        self._connect()
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
        self.settings_dock = self._dock("Alignment Settings", "settingsDock", self.settings_panel)
        self.resizeDocks([self.library_dock, self.settings_dock], [520, 240], Qt.Orientation.Vertical)
        # The compare panes need the width more than the docks do; a saved layout wins.
        self.resizeDocks([self.library_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

        self.compare_tab = CompareTab(self.session, self)
        self.tabs = MainTabs(self.compare_tab, self)
        self.setCentralWidget(self.tabs)

        # Where the reader is in the tab shown: "Passage 3 of 12", "Family 2 of 6".
        self.passage_label = QLabel(self)
        self.passage_label.setObjectName("passageLabel")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(180)
        self.progress.setFormat("Aligning %p%")
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.passage_label)
        self.statusBar().addPermanentWidget(self.progress)

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
        }

    def _connect(self) -> None:
        session = self.session
        session.alignment_requested.connect(self._on_session_alignment_requested)
        session.alignment_finished.connect(self._on_session_alignment_finished)
        session.alignment_cleared.connect(self._on_session_alignment_cleared)
        session.alignment_failed.connect(self._on_session_alignment_failed)
        session.alignment_progressed.connect(self._on_session_alignment_progressed)
        session.alignment_phase_changed.connect(self._on_session_alignment_phase_changed)
        session.busy_changed.connect(self._on_session_busy_changed)
        session.article_relabelled.connect(self._on_session_article_relabelled)
        self.settings_panel.settings_changed.connect(self._on_settings_panel_settings_changed)
        self.library.pair_requested.connect(self._on_library_pair_requested)
        self.library.side_requested.connect(self._on_library_side_requested)
        self.library.remove_requested.connect(session.remove_articles)
        self.library.rename_requested.connect(self.library.edit_outlet)
        self.compare_tab.pair_shown.connect(self._on_compare_tab_pair_shown)
        self.compare_tab.compare.passage_selected.connect(self._on_compare_passage_selected)
        self.tabs.matrix.pair_activated.connect(self._on_matrix_pair_activated)
        self.tabs.matrix.cell_focused.connect(self._on_matrix_cell_focused)
        self.tabs.families.version_activated.connect(self._on_families_version_activated)
        self.tabs.families.position_changed.connect(self._on_families_position_changed)
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
            titles = f"{elide(a.title, _TITLE_CHARS)} ↔ {elide(b.title, _TITLE_CHARS)}".replace(
                "[*]", "[*][*]"
            )
            self.setWindowTitle(f"{titles} — {name}{APP_NAME}")
        self.setWindowModified(document is not None and document.is_modified())

    def _refresh_overview(self) -> None:
        alignment = self.session.alignment()
        self.tabs.matrix.set_corpus(alignment)
        self.tabs.families.set_corpus(alignment)

    def _reset_progress(self) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setToolTip("")

    # ================================================================ slots

    @Slot()
    def _on_session_alignment_requested(self) -> None:
        self.statusBar().showMessage("Aligning…")

    @Slot(int, object)
    def _on_session_alignment_finished(self, _generation: int, alignment: CorpusAlignment) -> None:
        self._refresh_overview()
        pairs = sum(1 for p in alignment.pairs if p.passages)
        self.statusBar().showMessage(
            f"Aligned {len(alignment.articles)} articles: {pairs} pairs share passages, "
            f"{len(alignment.families)} passage families.",
            8000,
        )

    @Slot()
    def _on_session_alignment_cleared(self) -> None:
        self._refresh_overview()

    @Slot(str)
    def _on_session_alignment_failed(self, message: str) -> None:
        self.statusBar().showMessage("Alignment failed.", 8000)
        QMessageBox.warning(self, "Alignment failed", f"The articles could not be aligned.\n\n{message}")

    @Slot(float)
    def _on_session_alignment_progressed(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    @Slot(str)
    def _on_session_alignment_phase_changed(self, phase: str) -> None:
        if phase:
            # A step without fractions (loading the model): a moving bar and words.
            self.progress.setRange(0, 0)
            self.progress.setToolTip(phase)
            self.statusBar().showMessage(phase)
        else:
            self._reset_progress()
            self.statusBar().showMessage("Aligning…")

    @Slot(bool)
    def _on_session_busy_changed(self, busy: bool) -> None:
        self._reset_progress()
        self.progress.setVisible(busy)

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

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        self._show_position()

    @Slot()
    def _on_families_position_changed(self) -> None:
        self._show_position()

    @Slot(str, str)
    def _on_matrix_pair_activated(self, a: str, b: str) -> None:
        self.open_pair(a, b)

    @Slot(str)
    def _on_matrix_cell_focused(self, description: str) -> None:
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
