"""The Syndiff main window: library, pair picker, side-by-side view, matrix and families.

The window owns the list of articles (:class:`ArticleModel`) and the latest alignment of
the whole set. Whenever the articles or the settings change it asks its
:class:`AlignScheduler` for a new alignment; results arrive asynchronously and are
applied only if they are the newest. Everything the user sees is refreshed from the
applied :class:`CorpusAlignment`. Choosing and showing the pair lives in
:mod:`desktop.qt.pair_navigation`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QTabWidget,
)

from desktop.engine.align.corpus import align_corpus
from desktop.engine.model import Article, CorpusAlignment, Settings
from desktop.qt.actions import WindowActions
from desktop.qt.article_model import ArticleModel
from desktop.qt.compare_tab import CompareTab
from desktop.qt.file_commands import FileCommands, dropped_paths
from desktop.qt.library import LibraryPanel
from desktop.qt.pair_navigation import APP_NAME, TAB_COMPARE, TAB_FAMILIES, TAB_MATRIX, PairNavigationMixin
from desktop.qt.settings_panel import SettingsPanel, save_settings
from desktop.qt.widgets.families import FamiliesPanel
from desktop.qt.widgets.matrix import OverlapMatrix
from desktop.qt.widgets.pair_picker import pair_with_side
from desktop.qt.window_state import restore_window, save_window
from desktop.qt.workers import AlignFunction, AlignScheduler, ModelLoader, load_embedding_model

DOCK_WIDTH = 300
"""Default width of the side docks, in pixels (before any saved layout is restored)."""


class MainWindow(PairNavigationMixin, QMainWindow):
    """The application window. ``settings`` is where it keeps state between runs."""

    alignment_finished = Signal(int, object)  # generation, CorpusAlignment (after it is shown)
    articles_changed = Signal()

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
        self._corpus: CorpusAlignment | None = None
        self._pair: tuple[str, str] | None = None
        self._pair_chosen = False  # the user picked the pair: keep it across alignments
        self._applied_generation = 0

        self.articles = ArticleModel(self)
        self.scheduler = AlignScheduler(self, align=align, load_model=load_model)
        self._build_widgets()
        self.files = FileCommands(self)
        self.menu_actions = WindowActions(self)
        self._connect()
        restore_window(self)
        self._show_pair()

    # ================================================================ building

    def _dock(self, title: str, name: str, widget) -> QDockWidget:  # noqa: ANN001 - QWidget
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        return dock

    def _build_widgets(self) -> None:
        self.library = LibraryPanel(self.articles, self)
        self.library_dock = self._dock("Articles", "libraryDock", self.library)
        self.settings_panel = SettingsPanel(self)
        self.settings_dock = self._dock("Alignment Settings", "settingsDock", self.settings_panel)
        self.resizeDocks([self.library_dock, self.settings_dock], [520, 240], Qt.Orientation.Vertical)
        # The compare panes need the width more than the docks do; a saved layout wins.
        self.resizeDocks([self.library_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

        self.compare_tab = CompareTab(self)
        self.compare = self.compare_tab.compare
        self.picker = self.compare_tab.picker
        self.summary = self.compare_tab.summary
        self.find_bar = self.compare_tab.find_bar
        self.welcome = self.compare_tab.welcome
        self.passage_table = self.compare_tab.passage_table

        self.matrix = OverlapMatrix(self)
        matrix_scroll = QScrollArea(self)
        matrix_scroll.setWidgetResizable(True)
        matrix_scroll.setWidget(self.matrix)
        matrix_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.families = FamiliesPanel(self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.compare_tab, "&Compare")
        self.tabs.addTab(matrix_scroll, "Overlap &Matrix")
        self.tabs.addTab(self.families, "&Families")
        self.tabs.setTabToolTip(TAB_COMPARE, "Two articles side by side (Ctrl+1)")
        self.tabs.setTabToolTip(TAB_MATRIX, "How much every article shares with every other (Ctrl+2)")
        self.tabs.setTabToolTip(TAB_FAMILIES, "Each shared quote or claim across all outlets (Ctrl+3)")
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

    def _connect(self) -> None:
        self.scheduler.finished.connect(self._on_scheduler_finished)
        self.scheduler.failed.connect(self._on_scheduler_failed)
        self.scheduler.progressed.connect(self._on_scheduler_progressed)
        self.scheduler.phase_changed.connect(self._on_scheduler_phase_changed)
        self.scheduler.busy_changed.connect(self._on_scheduler_busy_changed)
        self.settings_panel.settings_changed.connect(self._on_settings_panel_settings_changed)
        self.picker.pair_changed.connect(self._on_picker_pair_changed)
        self.library.pair_requested.connect(self._on_library_pair_requested)
        self.library.side_requested.connect(self._on_library_side_requested)
        self.library.remove_requested.connect(self._on_library_remove_requested)
        self.library.rename_requested.connect(self.library.edit_outlet)
        self.articles.outlet_renamed.connect(self._on_articles_outlet_renamed)
        self.compare.passage_selected.connect(self._on_compare_passage_selected)
        self.matrix.pair_activated.connect(self._on_matrix_pair_activated)
        self.matrix.cell_focused.connect(self._on_matrix_cell_focused)
        self.families.version_activated.connect(self._on_families_version_activated)
        self.families.position_changed.connect(self._on_families_position_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.welcome.open_requested.connect(self.files.open_files)
        self.welcome.paste_requested.connect(self.files.new_article)
        self.welcome.samples_requested.connect(self.files.open_samples)

    def save_state(self) -> None:
        """Write layout, view options and settings to the injected QSettings."""
        save_window(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.scheduler.shutdown()
        super().closeEvent(event)

    # ================================================================ articles

    def open_paths(self, paths: Iterable[str | Path]) -> list[Article]:
        """Load files and folders; report those that fail; add the rest. Returns the added."""
        return self.files.open_paths(paths)

    def add_articles(self, articles: Sequence[Article]) -> list[Article]:
        """Add articles (ids made unique, files already open skipped) and realign."""
        added = self.articles.add_articles(articles)
        if added:
            self._articles_changed()
        return added

    def remove_articles(self, article_ids: Iterable[str]) -> None:
        ids = set(article_ids)
        if not ids:
            return
        self.articles.remove_articles(ids)
        if self._pair and (self._pair[0] in ids or self._pair[1] in ids):
            self._pair = None
            self._pair_chosen = False
        self._articles_changed()

    def _articles_changed(self) -> None:
        articles = self.articles.articles()
        self.picker.set_articles(articles)
        if self._pair is None and len(articles) >= 2:
            self._pair = (articles[0].id, articles[1].id)
        self._request_alignment()
        self._show_pair()
        self.articles_changed.emit()

    # ================================================================ alignment

    def current_settings(self) -> Settings:
        return self.settings_panel.settings()

    def corpus(self) -> CorpusAlignment | None:
        """The applied alignment, with the articles' current outlet labels."""
        corpus = self._corpus
        if corpus is None:
            return None
        current = {a.id: a for a in self.articles.articles()}
        return replace(corpus, articles=tuple(current.get(a.id, a) for a in corpus.articles))

    def is_current(self) -> bool:
        """The applied alignment matches the articles and settings shown."""
        corpus = self._corpus
        return (
            corpus is not None
            and not self.scheduler.is_busy()
            and [a.id for a in corpus.articles] == [a.id for a in self.articles.articles()]
            and corpus.settings == self.current_settings()
        )

    @property
    def applied_generation(self) -> int:
        return self._applied_generation

    def _request_alignment(self) -> None:
        articles = self.articles.articles()
        if not articles:
            self.scheduler.cancel_all()
            self._apply(None)
            return
        self.statusBar().showMessage("Aligning…")
        self.scheduler.request(articles, self.current_settings())

    @Slot(int, object)
    def _on_scheduler_finished(self, generation: int, result: object) -> None:
        if not isinstance(result, CorpusAlignment):
            return
        if [a.id for a in result.articles] != [a.id for a in self.articles.articles()]:
            return  # aligned a set of articles that is no longer the one open
        self._applied_generation = generation
        self._apply(result)
        pairs = sum(1 for p in result.pairs if p.passages)
        self.statusBar().showMessage(
            f"Aligned {len(result.articles)} articles: {pairs} pairs share passages, "
            f"{len(result.families)} passage families.",
            8000,
        )
        self.alignment_finished.emit(generation, result)

    @Slot(str)
    def _on_scheduler_failed(self, message: str) -> None:
        self.statusBar().showMessage("Alignment failed.", 8000)
        QMessageBox.warning(self, "Alignment failed", f"The articles could not be aligned.\n\n{message}")

    @Slot(float)
    def _on_scheduler_progressed(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    @Slot(str)
    def _on_scheduler_phase_changed(self, phase: str) -> None:
        if phase:
            # A step without fractions (loading the model): a moving bar and words.
            self.progress.setRange(0, 0)
            self.progress.setToolTip(phase)
            self.statusBar().showMessage(phase)
        else:
            self._reset_progress()
            self.statusBar().showMessage("Aligning…")

    @Slot(bool)
    def _on_scheduler_busy_changed(self, busy: bool) -> None:
        self._reset_progress()
        self.progress.setVisible(busy)

    def _reset_progress(self) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setToolTip("")

    @Slot(object)
    def _on_settings_panel_settings_changed(self, _settings: Settings) -> None:
        save_settings(self.store, self.settings_panel.stored_settings())
        if self.articles.articles():
            self._request_alignment()

    def _apply(self, corpus: CorpusAlignment | None) -> None:
        self._corpus = corpus
        self.articles.set_stats(corpus.stats if corpus else ())
        self._refresh_overview()
        if corpus is not None and not self._pair_chosen and len(corpus.articles) >= 2:
            best = max(corpus.pairs, key=lambda p: p.score, default=None)
            if best is not None:
                self._pair = (best.a, best.b)
        self._show_pair()

    def _refresh_overview(self) -> None:
        shown = self.corpus()
        self.matrix.set_corpus(shown)
        self.families.set_corpus(shown)

    @Slot(str, str)
    def _on_picker_pair_changed(self, a: str, b: str) -> None:
        self.set_pair(a, b)

    @Slot(str, str)
    def _on_library_pair_requested(self, a: str, b: str) -> None:
        self.open_pair(a, b)

    @Slot(str, str)
    def _on_library_side_requested(self, article_id: str, side: str) -> None:
        pair = pair_with_side(self._pair, article_id, side, [a.id for a in self.articles.articles()])
        if pair is not None:
            self.open_pair(*pair)

    @Slot(list)
    def _on_library_remove_requested(self, article_ids: list) -> None:
        self.remove_articles(article_ids)

    @Slot(str, str)
    def _on_articles_outlet_renamed(self, _article_id: str, _outlet: str) -> None:
        # Outlet labels do not change the alignment: refresh the views, no new job.
        self.picker.set_articles(self.articles.articles())
        self._refresh_overview()
        self._show_pair()

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
        self.show_family_version(article_id, start, end)

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
