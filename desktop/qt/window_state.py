"""What the main window remembers between runs, in the QSettings it was given.

Layout (geometry, docks, splitters, tab) and view options; the alignment settings are
kept by :mod:`desktop.qt.settings_panel`. Values read back from an INI file are
strings, and a damaged file must never stop the window from opening, so every value is
checked and falls back to a default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget

from desktop.qt.stored_values import stored_bool, stored_int

DEFAULT_SIZE = (1400, 860)
SCREEN_SHARE = 0.95  # of the free screen area, at most, for a window opened the first time


@dataclass(frozen=True, slots=True)
class ViewOptions:
    """The View menu's switches."""

    show_unique: bool = False
    sync_scroll: bool = True


def _bytes(store: QSettings, key: str) -> QByteArray | None:
    value = store.value(key)
    return QByteArray(value) if isinstance(value, QByteArray | bytes) else None


def first_size(window: QMainWindow) -> tuple[int, int]:
    """The size of a window opened for the first time: :data:`DEFAULT_SIZE`, or
    :data:`SCREEN_SHARE` of the screen's free area where that is smaller (a 1366x768
    laptop), so the whole window is on screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return DEFAULT_SIZE
    free = screen.availableGeometry()
    width, height = DEFAULT_SIZE
    return min(width, int(free.width() * SCREEN_SHARE)), min(height, int(free.height() * SCREEN_SHARE))


def restore_layout(
    store: QSettings, window: QMainWindow, splitters: Mapping[str, QSplitter], tabs: QTabWidget
) -> None:
    """Give a freshly built window its saved size, docks, splitters (by key) and tab."""
    geometry = _bytes(store, "window/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*first_size(window))
    state = _bytes(store, "window/state")
    if state is not None:
        window.restoreState(state)
    for key, splitter in splitters.items():
        value = _bytes(store, key)
        if value is not None:
            splitter.restoreState(value)
    tab = stored_int(store.value("window/tab"), 0)
    tabs.setCurrentIndex(tab if 0 <= tab < tabs.count() else 0)


def save_layout(
    store: QSettings, window: QMainWindow, splitters: Mapping[str, QSplitter], tabs: QTabWidget
) -> None:
    """Remember the window's size, docks, splitters (by key) and tab."""
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState())
    for key, splitter in splitters.items():
        store.setValue(key, splitter.saveState())
    store.setValue("window/tab", tabs.currentIndex())


def load_view_options(store: QSettings) -> ViewOptions:
    default = ViewOptions()
    return ViewOptions(
        show_unique=stored_bool(store.value("view/show_unique"), default.show_unique),
        sync_scroll=stored_bool(store.value("view/sync_scroll"), default.sync_scroll),
    )


def save_view_options(store: QSettings, options: ViewOptions) -> None:
    store.setValue("view/show_unique", options.show_unique)
    store.setValue("view/sync_scroll", options.sync_scroll)
