"""What the window remembers between runs: layout, dock widths, tab and view options."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QScrollArea

from desktop.qt.main_window import MainWindow
from desktop.qt.window_state import DEFAULT_SIZE
from tests.qt.helpers import SMALL, show_widget, small_window


def test_layout_and_view_options_persist(
    qtbot, aligned_window: MainWindow, window_settings: QSettings
) -> None:
    window = aligned_window
    window.menu_actions.show_unique.setChecked(True)
    window.tabs.setCurrentIndex(2)
    window.resize(window.width(), 530)  # the offscreen screen is only 800x600
    expected = window.size()
    window.close()
    again = MainWindow(QSettings(window_settings.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.menu_actions.show_unique.isChecked()
    assert again.tabs.currentIndex() == 2
    assert again.size().height() == expected.height()
    assert again.files.recent_files(), "the sample folder or files are in Open Recent"
    assert again.settings_panel.settings() == window.settings_panel.settings()


def test_a_garbled_view_option_keeps_its_default(qtbot, window_settings: QSettings) -> None:
    window_settings.setValue("view/sync_scroll", "maybe")
    window = MainWindow(window_settings, load_model=None)
    qtbot.addWidget(window)
    assert window.menu_actions.sync_scroll.isChecked()


def test_a_restored_dock_width_wins_over_the_default(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    window = small_window(qtbot, window_settings)
    window.resizeDocks([window.library_dock], [380], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(window.library_dock.width() - 380) <= 10, timeout=2000)
    window.save_state()
    window.close()

    again = MainWindow(window_settings)
    show_widget(qtbot, again, *SMALL)
    qtbot.waitUntil(lambda: abs(again.library_dock.width() - 380) <= 10, timeout=2000)


def test_a_first_window_fits_a_screen_smaller_than_its_default(qtbot, window_settings: QSettings) -> None:
    window = MainWindow(window_settings, load_model=None)
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    assert (free.width(), free.height()) < DEFAULT_SIZE  # the offscreen screen is 800x600
    assert window.width() <= free.width() and window.height() <= free.height()


def test_the_settings_dock_scrolls_rather_than_squeezing_its_controls(
    qtbot, window_settings: QSettings
) -> None:
    window = small_window(qtbot, window_settings)
    window.resizeDocks([window.settings_dock], [60], Qt.Orientation.Vertical)
    qtbot.wait(50)
    spin = window.settings_panel.min_words
    assert spin.height() >= spin.minimumSizeHint().height()
    area = window.settings_dock.widget()
    assert isinstance(area, QScrollArea) and area.widget() is window.settings_panel
