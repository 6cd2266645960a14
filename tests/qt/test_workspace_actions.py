"""WorkspaceActions: the File and Edit menu entries, and linking the text selected in both panes."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from desktop.qt.main_window import MainWindow
from desktop.qt.widgets.textpane import TextPane

QUIET_A, QUIET_B = "003_1224963540441f43", "004_e5475e00827047c2"


def _texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if a.text()]


def _select(pane: TextPane, start: int, end: int) -> None:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.to_qt(start))
    cursor.setPosition(pane.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)


def test_the_menus_hold_the_workspace_and_correction_commands(main_window: MainWindow) -> None:
    file_menu = _texts(main_window.menu_actions.file_menu)
    assert file_menu[:6] == [
        "New Workspace",
        "Open Workspace…",
        "Open Recent Workspace",
        "Save Workspace",
        "Save Workspace As…",
        "Reopen Last Workspace on Launch",
    ]
    edit_menu = _texts(main_window.menu_actions.edit_menu)
    assert edit_menu[:2] == ["Undo", "Redo"]
    assert edit_menu[-3:] == ["Link Selected Text", "Unlink Passage", "Adjust Passage to Selection"]
    actions = main_window.workspace_actions
    keys = {a.text().replace("&", ""): a.shortcut().toString() for a in main_window.menu_actions.all}
    assert keys["Save Workspace"] == "Ctrl+S" and keys["Link Selected Text"] == "Ctrl+K"
    assert actions.undo.shortcut().toString() == "Ctrl+Z"
    assert not actions.link.isEnabled(), "nothing to link without a pair"


def test_link_the_selected_text_then_undo_it(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    assert window.open_pair(QUIET_A, QUIET_B)
    compare = window.compare_tab.compare
    a, b = window.session.article(QUIET_A), window.session.article(QUIET_B)
    _select(compare.pane_a(), 0, a.text.index(".") + 1)
    _select(compare.pane_b(), 0, b.text.index(".") + 1)
    assert window.workspace_actions.link.isEnabled()
    window.workspace_actions.link.trigger()
    assert compare.passage_count() == 1 and compare.current_passage() == 0, "the new passage is selected"
    assert window.session.pair_alignment().passages[0].manual
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    assert window.workspace_actions.unlink.isEnabled()
    assert window.isWindowModified()
    window.workspace_actions.undo.trigger()
    assert compare.passage_count() == 0 and window.session.corrections() == ()


def test_link_without_selections_explains_in_the_status_bar(aligned_window: MainWindow) -> None:
    aligned_window.workspace_actions.link.trigger()
    assert "both articles" in aligned_window.statusBar().currentMessage()
    assert aligned_window.session.corrections() == ()


def test_adjust_to_the_selection_from_the_menu(aligned_window: MainWindow) -> None:
    window = aligned_window
    compare = window.compare_tab.compare
    compare.select_passage(0)
    passage = window.session.pair_alignment().passages[0]
    _select(compare.pane_a(), passage.a_start, passage.a_end - 10)
    window.workspace_actions.adjust.trigger()
    first = window.session.pair_alignment().passages[compare.current_passage()]
    assert first.manual and first.a_start == passage.a_start and first.a_end < passage.a_end


def test_the_panes_context_menu_offers_the_corrections(aligned_window: MainWindow) -> None:
    pane = aligned_window.compare_tab.compare.pane_a()
    menu = pane.context_menu(QPoint(20, 20))
    texts = _texts(menu)
    assert texts[:3] == ["Link Selected Text", "Unlink Passage", "Adjust Passage to Selection"]
    assert any("Copy" in text for text in texts)
    menu.deleteLater()
