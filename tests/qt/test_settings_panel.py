"""The alignment settings panel: the embeddings switch, its persistence, and a narrow dock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.engine.align import embeddings
from desktop.engine.model import Settings
from desktop.qt.main_window import MainWindow
from desktop.qt.settings_panel import SLIDER_MIN_WIDTH, SettingsPanel, load_settings, save_settings
from tests.qt.helpers import show_widget


@pytest.mark.parametrize("present", [False, True])
def test_embeddings_switch_follows_the_install(qtbot, monkeypatch: pytest.MonkeyPatch, present: bool) -> None:
    monkeypatch.setattr(embeddings, "installed", lambda: present)
    panel = SettingsPanel()
    qtbot.addWidget(panel)
    assert panel.use_embeddings.isEnabled() is present
    assert ("not installed" in panel.use_embeddings.toolTip()) is not present


def test_embeddings_start_off_and_turning_them_on_re_runs_and_persists(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embeddings, "installed", lambda: True)
    panel = SettingsPanel()
    qtbot.addWidget(panel)
    assert not panel.use_embeddings.isChecked(), "installed is not asked for: off by default"
    for wanted in (True, False):
        with qtbot.waitSignal(panel.settings_changed) as signal:
            panel.use_embeddings.setChecked(wanted)
        assert signal.args[0].use_embeddings is wanted
        store = QSettings(str(tmp_path / f"s-{wanted}.ini"), QSettings.Format.IniFormat)
        save_settings(store, signal.args[0])
        store.sync()
        stored = QSettings(str(tmp_path / f"s-{wanted}.ini"), QSettings.Format.IniFormat)
        assert load_settings(stored) == Settings(use_embeddings=wanted)


def test_a_saved_embeddings_choice_without_the_extra_shows_off_and_is_kept(
    qtbot, window_settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:

    monkeypatch.setattr(embeddings, "installed", lambda: False)
    window_settings.setValue("alignment/use_embeddings", True)
    window = MainWindow(window_settings, load_model=None)
    qtbot.addWidget(window)
    box = window.settings_panel.use_embeddings
    assert not box.isEnabled() and not box.isChecked(), "a disabled switch is never stuck on"
    assert window.session.settings().use_embeddings is False
    window.settings_panel.min_words.setValue(9)  # any other change saves the settings
    window.save_state()
    assert str(window_settings.value("alignment/use_embeddings")).lower() == "true"
    monkeypatch.setattr(embeddings, "installed", lambda: True)
    panel = SettingsPanel()
    qtbot.addWidget(panel)
    panel.set_settings(load_settings(window_settings))
    assert panel.use_embeddings.isChecked() and panel.settings().use_embeddings


def test_the_settings_slider_keeps_its_length_in_a_narrow_dock(qtbot) -> None:
    panel = SettingsPanel()
    show_widget(qtbot, panel, 260, 400)
    assert panel.sensitivity.width() >= SLIDER_MIN_WIDTH
