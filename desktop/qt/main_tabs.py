"""The window's tabs: Compare, Overlap Matrix, Families and Quotes, in that order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

from desktop.qt.compare_tab import CompareTab
from desktop.qt.widgets.families import FamiliesPanel
from desktop.qt.widgets.matrix import OverlapMatrix
from desktop.qt.widgets.quotes import QuotesPanel

TAB_COMPARE, TAB_MATRIX, TAB_FAMILIES = range(3)
TAB_QUOTES = 3


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
        self.families = FamiliesPanel(parent)
        self.quotes = QuotesPanel(parent)
        super().__init__(parent)
        self.compare_tab = compare_tab
        self.setObjectName("mainTabs")
        self.setDocumentMode(True)
        self.addTab(compare_tab, "&Compare")
        self.addTab(matrix_scroll, "Overlap &Matrix")
        self.addTab(self.families, "&Families")
        self.addTab(self.quotes, "&Quotes")
        self.setTabToolTip(TAB_COMPARE, "Two articles side by side (Ctrl+1)")
        self.setTabToolTip(TAB_MATRIX, "How much every article shares with every other (Ctrl+2)")
        self.setTabToolTip(TAB_FAMILIES, "Each shared quote or claim across all outlets (Ctrl+3)")
        self.setTabToolTip(
            TAB_QUOTES, "Each quoted statement: who quotes it verbatim, altered or not at all (Ctrl+4)"
        )

    def show_tab(self, index: int, focus: QWidget | None = None) -> None:
        """Bring a tab to the front, with the keyboard focus in ``focus`` if it is on screen."""
        self.setCurrentIndex(index)
        if focus is not None and focus.isVisible():
            focus.setFocus(Qt.FocusReason.ShortcutFocusReason)
