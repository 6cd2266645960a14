"""Helpers for driving widgets and the window in the Qt tests (fixtures live in conftest.py)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import Qt, QTextDocument  # QtGui's Qt has mightBeRichText
from PySide6.QtWidgets import QWidget

from desktop.qt.main_window import MainWindow

SMALL = (1000, 700)


def show_widget(qtbot, widget: QWidget, width: int, height: int) -> None:
    """Show ``widget`` at ``width`` x ``height`` and wait until it is on screen.

    ``qtbot`` closes and deletes the widget at teardown.
    """
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)


def small_window(qtbot, settings: QSettings) -> MainWindow:
    """A MainWindow shown at :data:`SMALL`, a laptop-sized window."""
    window = MainWindow(settings)
    show_widget(qtbot, window, *SMALL)
    return window


def richest_pair(window: MainWindow) -> tuple[str, str]:
    """The pair of the alignment in force with the most passages."""
    corpus = window.session.alignment()
    assert corpus is not None
    best = max(corpus.pairs, key=lambda p: len(p.passages))
    return best.a, best.b


def wait_for_overview(qtbot, window: MainWindow) -> None:
    """Wait until every overview tab shows the session's alignment (the tabs not on screen
    are refreshed one per turn of the event loop)."""
    qtbot.waitUntil(lambda: not window.overview_pending(), timeout=5000)


def activate(qtbot, window: MainWindow) -> None:
    """Make ``window`` the active window, so that shortcuts reach it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def shown_tooltip(tooltip: str) -> str:
    """What Qt shows for a tooltip: rich text when it looks like markup, else the string."""
    if not Qt.mightBeRichText(tooltip):
        return tooltip
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()
