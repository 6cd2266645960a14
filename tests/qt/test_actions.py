"""WindowActions: every command has a shortcut and a tooltip, acts where the user can see it,
and only when there is something to act on.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from desktop.engine.model import ChangeType
from desktop.qt.main_tabs import TAB_COMPARE, TAB_MATRIX
from desktop.qt.main_window import MainWindow
from tests.qt.helpers import activate, richest_pair, shown_tooltip

MARKUP_PATH = "/tmp/<b>bold & co.txt"  # "</b>" would split the file name


def test_passage_commands_bring_the_compare_tab_to_the_front(aligned_window: MainWindow) -> None:
    window = aligned_window
    actions = window.menu_actions
    richest = max(window.session.alignment().pairs, key=lambda p: len(p.passages))
    window.session.set_pair(richest.a, richest.b)
    assert window.compare_tab.compare.passage_count() > 2
    for action, expected in (
        (actions.last_passage, window.compare_tab.compare.passage_count() - 1),
        (actions.first_passage, 0),
        (actions.next_passage, 1),
        (actions.previous_passage, 0),
    ):
        window.tabs.setCurrentIndex(TAB_MATRIX)
        action.trigger()
        assert window.tabs.currentIndex() == TAB_COMPARE, action.text()
        assert window.compare_tab.compare.current_passage() == expected, action.text()
        assert window.passage_label.text(), "the status bar says where the reader is"


def test_focus_commands_are_off_on_the_welcome_page(qtbot, main_window: MainWindow) -> None:
    actions = main_window.menu_actions
    assert not actions.go_text.isEnabled()
    assert not actions.go_passages.isEnabled()


def test_focus_commands_work_once_there_is_a_pair(aligned_window: MainWindow) -> None:
    actions = aligned_window.menu_actions
    assert actions.go_text.isEnabled() and actions.go_passages.isEnabled()


def test_rename_command_edits_the_outlet_cell(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    article = window.session.articles()[2]
    window.library.select_article(article.id)
    window.menu_actions.rename_outlet.trigger()
    view = window.library.view()
    assert view.state() == QAbstractItemView.State.EditingState
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    QTest.keyClicks(editor, "Le Monde")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.article(article.id).outlet == "Le Monde", timeout=2000)
    assert view.state() != QAbstractItemView.State.EditingState


def test_delete_key_in_the_library_removes_the_article(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    victim = window.session.articles()[4]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.library.select_article(victim.id)
    window.library.view().setFocus()
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000) as blocker:
        QTest.keyClick(window.library.view(), Qt.Key.Key_Delete)
    assert window.session.article(victim.id) is None
    assert victim.id not in [a.id for a in blocker.args[1].articles]
    assert window.compare_tab.picker.combo_a.count() == 4


def test_delete_key_elsewhere_does_not_remove(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.library.select_article(window.session.articles()[0].id)
    window.compare_tab.compare.pane_a().setFocus()
    QTest.keyClick(window.compare_tab.compare.pane_a(), Qt.Key.Key_Delete)
    assert len(window.session.articles()) == 5


def test_navigation_shortcuts_step_through_passages(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    window.session.set_pair(*richest_pair(window))
    count = window.compare_tab.compare.passage_count()
    assert count >= 2
    activate(qtbot, window)
    pane = window.compare_tab.compare.pane_a()
    pane.setFocus()
    window.compare_tab.compare.select_passage(0)
    first = window.compare_tab.compare.current_passage()
    assert window.passage_label.text() == f"Passage {first + 1} of {count}"
    QTest.keyClick(pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    second = window.compare_tab.compare.current_passage()
    assert second != first
    assert window.passage_label.text() == f"Passage {second + 1} of {count}"
    QTest.keyClick(pane, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.compare_tab.compare.current_passage() == first
    QTest.keyClick(pane, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.compare_tab.compare.current_passage() == second
    QTest.keyClick(pane, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.passage_label.text() == f"Passage {first + 1} of {count}"


def test_unique_toggle_marks_text_found_nowhere_else(aligned_window: MainWindow) -> None:
    from desktop.qt.widgets.highlight import UNIQUE_PROPERTY

    window = aligned_window
    window.menu_actions.show_unique.setChecked(True)
    unique = [
        s
        for s in window.compare_tab.compare.pane_a().extraSelections()
        if s.format.hasProperty(UNIQUE_PROPERTY)
    ]
    assert unique
    window.menu_actions.show_unique.setChecked(False)
    unique = [
        s
        for s in window.compare_tab.compare.pane_a().extraSelections()
        if s.format.hasProperty(UNIQUE_PROPERTY)
    ]
    assert unique == []


def test_every_command_has_a_shortcut_and_a_tooltip(main_window: MainWindow) -> None:
    from desktop.qt.dialogs import ShortcutsDialog

    actions = main_window.menu_actions.all
    assert len(actions) >= 30
    for action in actions:
        assert action.shortcuts(), action.text()
        assert action.toolTip() and action.toolTip() != action.text().replace("&", ""), action.text()
    dialog = ShortcutsDialog(actions, main_window)
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())
    }
    assert "Alt+Down" in rows["Next Passage"] and "Ctrl+Down" in rows["Next Passage"]
    dialog.deleteLater()
    menus = [a.text().replace("&", "") for a in main_window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Go", "Help"]


def test_recent_file_tooltips_show_the_path_literally(qtbot, window_settings: QSettings) -> None:
    window_settings.setValue("recent/files", [MARKUP_PATH])
    window = MainWindow(window_settings, load_model=None)
    qtbot.addWidget(window)
    menu = window.menu_actions.recent_menu
    menu.aboutToShow.emit()
    entry = menu.actions()[0]
    assert "bold" in entry.text()
    assert shown_tooltip(entry.toolTip()) == MARKUP_PATH


def test_f6_cycles_the_parts_of_the_window(qtbot, aligned_window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    window = aligned_window
    activate(qtbot, window)
    compare = window.compare_tab.compare
    window.library.view().setFocus()
    order = [window.settings_panel, compare.pane_a(), compare.pane_b(), window.compare_tab.passage_table]
    for expected in [*order, window.library.view()]:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        focus = QApplication.focusWidget()
        assert focus is expected or expected.isAncestorOf(focus)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.compare_tab.passage_table


def test_no_two_commands_share_a_shortcut(main_window: MainWindow) -> None:
    seen: dict[str, str] = {}
    for action in main_window.menu_actions.all:
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()


def test_typed_change_shortcuts_step_through_changes(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    ids = window.session.article_ids()
    window.session.set_pair(ids[0], ids[2])  # the "simplified regulatory structure/framework" quote
    compare = window.compare_tab.compare
    assert compare.change_count() >= 2
    activate(qtbot, window)
    window.tabs.setCurrentIndex(TAB_MATRIX)
    compare.pane_a().setFocus()
    assert window.menu_actions.next_change.isEnabled()
    window.menu_actions.next_change.trigger()
    assert window.tabs.currentIndex() == TAB_COMPARE
    first = compare.current_change()
    assert first is not None and compare.current_passage() == first[0]
    labels = [t.wording.label for t in ChangeType if t is not ChangeType.WORDING]
    assert any(window.statusBar().currentMessage().startswith(label) for label in labels)
    QTest.keyClick(compare.pane_a(), Qt.Key.Key_F8)
    second = compare.current_change()
    assert second is not None and second != first
    QTest.keyClick(compare.pane_a(), Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert compare.current_change() == first
    assert "change 1 of" in window.statusBar().currentMessage()
