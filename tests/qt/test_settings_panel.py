"""The alignment settings panel: the embeddings switch and its persistence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.engine import embeddings
from desktop.engine.model import Settings
from desktop.qt.settings_panel import SettingsPanel, load_settings, save_settings


@pytest.mark.parametrize("present", [False, True])
def test_embeddings_switch_follows_the_install(qtbot, monkeypatch: pytest.MonkeyPatch, present: bool) -> None:
    monkeypatch.setattr(embeddings, "installed", lambda: present)
    panel = SettingsPanel()
    qtbot.addWidget(panel)
    assert panel.use_embeddings.isEnabled() is present
    assert ("not installed" in panel.use_embeddings.toolTip()) is not present


def test_turning_embeddings_off_re_runs_and_persists(qtbot, tmp_path: Path) -> None:
    panel = SettingsPanel()
    qtbot.addWidget(panel)
    panel.use_embeddings.setEnabled(True)  # as if installed
    with qtbot.waitSignal(panel.settings_changed) as signal:
        panel.use_embeddings.setChecked(False)
    assert signal.args[0].use_embeddings is False
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    save_settings(store, signal.args[0])
    store.sync()
    assert load_settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)) == Settings(
        use_embeddings=False
    )
