"""Untrusted names and paths are shown literally in tooltips and messages, never as markup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.qt.main_window import MainWindow
from desktop.qt.stored_values import stored_bool
from desktop.qt.widgets.labels import escaped_tooltip

MARKUP_PATH = "/tmp/<b>bold & co.txt"  # "</b>" would split the file name


def _shown(tooltip: str) -> str:
    """What Qt shows for a tooltip: rich text when it looks like markup, else the string."""
    if not Qt.mightBeRichText(tooltip):
        return tooltip
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_escaped_tooltip_shows_the_text_literally() -> None:
    assert _shown(escaped_tooltip("<i>x</i>\nline two")) == "<i>x</i>\nline two"
    assert _shown(escaped_tooltip("a < b", "Label:")) == "Label: a < b"
    assert escaped_tooltip("") == ""


def test_stored_bool_falls_back_on_garbled_values() -> None:
    assert stored_bool("true", False) is True
    assert stored_bool(" 0 ", True) is False
    assert stored_bool("maybe", True) is True
    assert stored_bool(None, False) is False


def test_a_garbled_view_option_keeps_its_default(qtbot, window_settings: QSettings) -> None:
    window_settings.setValue("view/sync_scroll", "maybe")
    window = MainWindow(window_settings, load_model=None)
    qtbot.addWidget(window)
    assert window.menu_actions.sync_scroll.isChecked()


def test_recent_file_tooltips_show_the_path_literally(qtbot, window_settings: QSettings) -> None:
    window_settings.setValue("recent/files", [MARKUP_PATH])
    window = MainWindow(window_settings, load_model=None)
    qtbot.addWidget(window)
    menu = window.menu_actions.recent_menu
    menu.aboutToShow.emit()
    entry = menu.actions()[0]
    assert "bold" in entry.text()
    assert _shown(entry.toolTip()) == MARKUP_PATH


def test_export_failure_names_a_markup_file_literally(
    tmp_path: Path, aligned_window: MainWindow, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    target = tmp_path / "missing-folder" / "<b>report.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    aligned_window.menu_actions.export_json.trigger()
    assert len(shown) == 1 and target.name in shown[0]
    assert not Qt.mightBeRichText(shown[0]), "shown as plain text"
