"""What the main window remembers between runs, in the QSettings it was given.

Layout (geometry, docks, splitters, tab), view options and alignment settings. Values
read back from an INI file are strings, and a damaged file must never stop the window
from opening, so every value is checked and falls back to a default.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from desktop.qt.settings_panel import load_settings, save_settings
from desktop.qt.stored_values import stored_bool, stored_int

if TYPE_CHECKING:
    from desktop.qt.main_window import MainWindow

DEFAULT_SIZE = (1400, 860)


def _bytes(store: QSettings, key: str) -> QByteArray | None:
    value = store.value(key)
    return QByteArray(value) if isinstance(value, QByteArray | bytes) else None


def restore_window(window: MainWindow) -> None:
    """Apply the saved state to a freshly built window."""
    store = window.store
    geometry = _bytes(store, "window/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
    state = _bytes(store, "window/state")
    if state is not None:
        window.restoreState(state)
    for key, splitter in (
        ("window/compare_splitter", window.compare_tab.splitter),
        ("window/families_splitter", window.families.splitter),
    ):
        value = _bytes(store, key)
        if value is not None:
            splitter.restoreState(value)
    window.settings_panel.set_settings(load_settings(store))
    window.menu_actions.show_unique.setChecked(stored_bool(store.value("view/show_unique"), False))
    window.menu_actions.sync_scroll.setChecked(stored_bool(store.value("view/sync_scroll"), True))
    window.compare.set_show_unique(window.menu_actions.show_unique.isChecked())
    window.compare.set_sync_scroll(window.menu_actions.sync_scroll.isChecked())
    tab = stored_int(store.value("window/tab"), 0)
    window.tabs.setCurrentIndex(tab if 0 <= tab < window.tabs.count() else 0)


def save_window(window: MainWindow) -> None:
    """Write the window's state (called on close)."""
    store = window.store
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState())
    store.setValue("window/compare_splitter", window.compare_tab.splitter.saveState())
    store.setValue("window/families_splitter", window.families.splitter.saveState())
    store.setValue("window/tab", window.tabs.currentIndex())
    store.setValue("view/show_unique", window.menu_actions.show_unique.isChecked())
    store.setValue("view/sync_scroll", window.menu_actions.sync_scroll.isChecked())
    save_settings(store, window.settings_panel.stored_settings())
    store.sync()
