"""WorkspaceCommands: save, open, unsaved changes, changed sources, recent workspaces, launch."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from desktop.engine.export.json_report import alignment_json, json_text
from desktop.qt.main_window import MainWindow
from desktop.qt.workspace_commands import Answer, WorkspaceCommands
from tests.qt.helpers import show_widget

QUIET_A, QUIET_B = "003_1224963540441f43", "004_e5475e00827047c2"


def _new_window(qtbot, settings: QSettings) -> MainWindow:
    window = MainWindow(settings)
    show_widget(qtbot, window, 1300, 850)
    return window


def _save_as(window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.workspace_actions.save_workspace_as.trigger()


def _corrected(qtbot, window: MainWindow) -> None:
    """Rename an outlet, link a passage by hand and change a setting."""
    session = window.session
    session.set_outlet("001_dc3f0d53317f598b", "My Outlet")
    assert window.open_pair(QUIET_A, QUIET_B)
    a, b = session.article(QUIET_A), session.article(QUIET_B)
    window.corrections.link((0, a.text.index(".") + 1), (0, b.text.index(".") + 1))
    with qtbot.waitSignal(session.alignment_finished, timeout=10000):
        window.settings_panel.min_words.setValue(6)


@pytest.fixture
def folder(tmp_path: Path, seed_paths: list[Path]) -> Path:
    """Copies of the samples, so a test may change them."""
    out = tmp_path / "articles"
    out.mkdir()
    for path in seed_paths:
        shutil.copy(path, out)
    return out


def test_round_trip_keeps_articles_names_settings_corrections_and_the_json(
    qtbot, main_window: MainWindow, folder: Path, tmp_path: Path, window_settings: QSettings, monkeypatch
) -> None:
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.open_paths(sorted(folder.glob("*.txt")))
    _corrected(qtbot, main_window)
    assert main_window.isWindowModified()
    path = tmp_path / "story"
    _save_as(main_window, path, monkeypatch)
    saved = tmp_path / "story.syndiff"
    assert saved.exists() and not main_window.isWindowModified()
    assert main_window.document.path() == saved
    assert "story[*]" in main_window.windowTitle()
    before = main_window.session
    expected = (before.articles(), before.settings(), before.corrections(), before.pair())
    json_before = json_text(alignment_json(before.alignment()))
    main_window.close()

    window = _new_window(qtbot, window_settings)
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        assert window.workspaces.open_path(saved)
    session = window.session
    assert (session.articles(), session.settings(), session.corrections(), session.pair()) == expected
    assert json_text(alignment_json(session.alignment())) == json_before
    assert '"source": "manual"' in json_before
    assert window.settings_panel.settings().min_words == 6, "the panel shows the workspace's settings"
    assert not window.isWindowModified() and window.corrections.stack.count() == 0


def test_the_title_marks_unsaved_changes_and_closing_asks(
    qtbot, aligned_window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    window = aligned_window
    assert not window.isWindowModified(), "an untitled set of files holds nothing unsaved"
    assert "Untitled[*] — Syndiff" in window.windowTitle()
    window.session.set_outlet(window.session.article_ids()[1], "Renamed")
    assert window.isWindowModified()
    answers = [Answer.CANCEL]
    monkeypatch.setattr(WorkspaceCommands, "ask_save", lambda self: answers.pop(0))
    assert not window.close(), "Cancel keeps the window open"
    assert window.isVisible()
    answers.append(Answer.SAVE)
    _target = tmp_path / "kept.syndiff"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(_target), ""))
    assert window.close()
    assert _target.exists() and not answers


def test_a_saved_workspace_counts_added_articles_and_settings_as_changes(
    qtbot, main_window: MainWindow, seed_paths: list[Path], tmp_path: Path, monkeypatch
) -> None:
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.open_paths(seed_paths[:2])
    assert not main_window.isWindowModified()
    _save_as(main_window, tmp_path / "w.syndiff", monkeypatch)
    main_window.open_paths(seed_paths[2:3])
    assert main_window.isWindowModified()
    main_window.workspace_actions.save_workspace.trigger()  # Ctrl+S: no dialog, the same file
    assert not main_window.isWindowModified()
    main_window.settings_panel.min_words.setValue(9)
    assert main_window.isWindowModified()


def test_new_workspace_asks_then_empties_the_set(qtbot, aligned_window: MainWindow, monkeypatch) -> None:
    window = aligned_window
    window.session.set_outlet(window.session.article_ids()[0], "Renamed")
    asked = []
    monkeypatch.setattr(WorkspaceCommands, "ask_save", lambda self: asked.append(1) or Answer.DISCARD)
    window.workspace_actions.new_workspace.trigger()
    assert asked and window.session.articles() == () and not window.isWindowModified()
    assert window.compare_tab.currentWidget() is window.compare_tab.welcome


def test_a_changed_source_is_offered_for_reload(
    qtbot, main_window: MainWindow, folder: Path, tmp_path: Path, monkeypatch
) -> None:
    files = sorted(folder.glob("*.txt"))
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.open_paths(files)
    main_window.session.set_outlet(main_window.session.article_ids()[0], "Kept Name")
    _save_as(main_window, tmp_path / "w.syndiff", monkeypatch)
    files[0].write_text("A new headline\n\nThe file was edited after the workspace was saved.\n", "utf-8")
    asked: list[list[str]] = []
    for reload in (False, True):
        monkeypatch.setattr(
            WorkspaceCommands, "ask_reload", lambda self, changes, r=reload: asked.append(changes) or r
        )
        assert main_window.workspaces.open_path(tmp_path / "w.syndiff")
        first = main_window.session.articles()[0]
        assert first.outlet == "Kept Name"
        assert ("edited after" in first.text) is reload
        assert main_window.isWindowModified() is reload
    assert [[c.article for c in changes] for changes in asked] == [[first.id], [first.id]]
    assert "changed since it was loaded" in asked[0][0].describe()


@pytest.mark.parametrize(
    ("damage", "message"),
    [("text", "not an SQLite database"), ("truncate", "truncated"), ("newer", "newer Syndiff")],
)
def test_a_bad_workspace_is_refused_with_a_message(
    qtbot, aligned_window: MainWindow, tmp_path: Path, monkeypatch, warnings, damage: str, message: str
) -> None:
    path = tmp_path / "w.syndiff"
    _save_as(aligned_window, path, monkeypatch)
    if damage == "text":
        path.write_text("just some text", "utf-8")
    elif damage == "truncate":
        path.write_bytes(path.read_bytes()[:3000])
    else:
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA user_version = 99")
    ids = aligned_window.session.article_ids()
    assert not aligned_window.workspaces.open_path(path)
    assert len(warnings) == 1 and message in warnings[0][1] and "w.syndiff" in warnings[0][1]
    assert "Traceback" not in warnings[0][1]
    assert aligned_window.session.article_ids() == ids, "the set open stays"


def test_recent_workspaces_menu(
    qtbot, aligned_window: MainWindow, tmp_path: Path, monkeypatch, warnings
) -> None:
    window = aligned_window
    _save_as(window, tmp_path / "one.syndiff", monkeypatch)
    _save_as(window, tmp_path / "two.syndiff", monkeypatch)
    menu = window.workspace_actions.recent_menu
    menu.aboutToShow.emit()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["&1 two.syndiff", "&2 one.syndiff"]
    window.workspace_actions.new_workspace.trigger()
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        menu.actions()[1].trigger()
    assert window.document.path() == tmp_path / "one.syndiff" and len(window.session.articles()) == 5
    (tmp_path / "two.syndiff").unlink()
    window.workspaces.open_recent(str(tmp_path / "two.syndiff"))
    assert warnings and "not found" in warnings[0][1]
    assert window.workspaces.recent_workspaces() == [str(tmp_path / "one.syndiff")]


def test_launch_reopens_the_last_workspace_or_set(
    qtbot, window_settings: QSettings, seed_paths: list[Path], tmp_path: Path, monkeypatch
) -> None:
    first = _new_window(qtbot, window_settings)
    with qtbot.waitSignal(first.session.alignment_finished, timeout=10000):
        first.workspaces.start([])
    assert len(first.session.articles()) == 5, "the very first launch opens the samples"
    first.close()

    second = _new_window(qtbot, window_settings)
    with qtbot.waitSignal(second.session.alignment_finished, timeout=10000):
        second.workspaces.start([])
    assert [a.path for a in second.session.articles()] == [str(p) for p in seed_paths], "the last set"
    second.session.remove_articles(second.session.article_ids()[3:])
    _save_as(second, tmp_path / "three.syndiff", monkeypatch)
    second.close()

    third = _new_window(qtbot, window_settings)
    with qtbot.waitSignal(third.session.alignment_finished, timeout=10000):
        third.workspaces.start([])
    assert third.document.path() == tmp_path / "three.syndiff" and len(third.session.articles()) == 3
    third.workspace_actions.reopen_last.setChecked(False)
    third.close()

    fourth = _new_window(qtbot, window_settings)
    fourth.workspaces.start([])
    assert fourth.session.articles() == (), "not reopened when the setting is off"
    assert not fourth.workspace_actions.reopen_last.isChecked()


def test_launch_with_a_workspace_on_the_command_line(
    qtbot, aligned_window: MainWindow, window_settings: QSettings, tmp_path: Path, monkeypatch
) -> None:
    _save_as(aligned_window, tmp_path / "cli.syndiff", monkeypatch)
    window = _new_window(qtbot, window_settings)
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        window.workspaces.start([str(tmp_path / "cli.syndiff")])
    assert window.document.path() == tmp_path / "cli.syndiff"


def test_a_workspace_dropped_on_the_window_is_opened(
    qtbot, aligned_window: MainWindow, window_settings: QSettings, tmp_path: Path, monkeypatch, warnings
) -> None:
    _save_as(aligned_window, tmp_path / "dropped.syndiff", monkeypatch)
    window = _new_window(qtbot, window_settings)
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        assert window.open_paths([tmp_path / "dropped.syndiff"]) == []
    assert window.document.path() == tmp_path / "dropped.syndiff" and warnings == []
