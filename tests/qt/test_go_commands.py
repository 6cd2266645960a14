"""Go-menu commands act where the user can see them, and only when there is something to act on."""

from __future__ import annotations

from desktop.qt.main_tabs import TAB_COMPARE, TAB_MATRIX
from desktop.qt.main_window import MainWindow


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
