"""The window's tabs: Compare, Overlap Matrix, Families and Quotes, in that order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QTabWidget, QWidget

from desktop.engine.model import CorpusAlignment
from desktop.qt.compare_tab import CompareTab
from desktop.qt.widgets.families import FamiliesPanel
from desktop.qt.widgets.matrix import OverlapMatrix
from desktop.qt.widgets.quotes import QuotesPanel
from desktop.qt.widgets.ranked_pairs import RankedPairs

TAB_COMPARE, TAB_MATRIX, TAB_FAMILIES = range(3)
TAB_QUOTES = 3
HEATMAP_MAX_ARTICLES = 40
"""Up to this many articles the Overlap Matrix tab shows the heat map (1,600 cells at
most); with more, the ranked list of the pairs that share most."""


class MainTabs(QTabWidget):
    """The tab widget at the centre of the window, with the matrix, families and quotes panels it shows.

    The matrix scrolls when it is larger than the tab.
    """

    def __init__(self, compare_tab: CompareTab, parent: QWidget) -> None:
        # The panels are made before the tab widget: the default focus chain follows the
        # order in which widgets are created.
        self.matrix = OverlapMatrix(parent)
        matrix_scroll = QScrollArea(parent)
        matrix_scroll.setWidgetResizable(True)
        matrix_scroll.setWidget(self.matrix)
        matrix_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        matrix_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ranked = RankedPairs(parent)
        self.overlap = QStackedWidget(parent)
        self.overlap.setObjectName("overlapStack")
        self.overlap.addWidget(matrix_scroll)
        self._heatmap = matrix_scroll
        self.overlap.addWidget(self.ranked)
        self.families = FamiliesPanel(parent)
        self.quotes = QuotesPanel(parent)
        super().__init__(parent)
        self.compare_tab = compare_tab
        self.setObjectName("mainTabs")
        self.setDocumentMode(True)
        self.addTab(compare_tab, "&Compare")
        self.addTab(self.overlap, "Overlap &Matrix")
        self.addTab(self.families, "&Families")
        self.addTab(self.quotes, "&Quotes")
        self.setTabToolTip(TAB_COMPARE, "Two articles side by side (Ctrl+1)")
        self.setTabToolTip(TAB_MATRIX, "How much every article shares with every other (Ctrl+2)")
        self.setTabToolTip(TAB_FAMILIES, "Each shared quote or claim across all outlets (Ctrl+3)")
        self.setTabToolTip(
            TAB_QUOTES, "Each quoted statement: who quotes it verbatim, altered or not at all (Ctrl+4)"
        )

    def set_overlap(self, corpus: CorpusAlignment | None) -> None:
        """Show ``corpus`` in the Overlap Matrix tab: the heat map for a few articles, the
        ranked pairs for more (:data:`HEATMAP_MAX_ARTICLES`); the other view is emptied."""
        large = corpus is not None and len(corpus.articles) > HEATMAP_MAX_ARTICLES
        self.matrix.set_corpus(None if large else corpus)
        self.ranked.set_corpus(corpus if large else None)
        self.overlap.setCurrentWidget(self.ranked if large else self._heatmap)

    def is_ranked(self) -> bool:
        """The Overlap Matrix tab lists ranked pairs instead of the heat map."""
        return self.overlap.currentWidget() is self.ranked

    def overlap_focus(self) -> QWidget:
        """The control of the Overlap Matrix tab that takes the keyboard focus."""
        return self.ranked.table if self.is_ranked() else self.matrix

    def show_tab(self, index: int, focus: QWidget | None = None) -> None:
        """Bring a tab to the front, with the keyboard focus in ``focus`` if it is on screen."""
        self.setCurrentIndex(index)
        if focus is not None and focus.isVisible():
            focus.setFocus(Qt.FocusReason.ShortcutFocusReason)
