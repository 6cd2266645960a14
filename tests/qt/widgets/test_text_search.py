"""Finding text in a pane: the match selected, its number, the count and going round."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from desktop.qt.widgets.text_search import MAX_COUNTED, FindResult, find_in


def test_find_counts_matches_and_wraps_both_ways(qtbot) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("One cat, two Cats, three CATS.")
    results = [find_in(edit, "cat") for _ in range(4)]
    assert [(r.index, r.count, r.wrapped) for r in results] == [
        (1, 3, False),
        (2, 3, False),
        (3, 3, False),
        (1, 3, True),
    ]
    back = find_in(edit, "cat", backwards=True)
    assert (back.index, back.wrapped, back.describe()) == (3, True, "3 of 3 · wrapped to the bottom")
    missing = find_in(edit, "dog")
    assert not missing and missing.describe() == "Not found"
    assert edit.textCursor().selectedText().lower() == "cat", "a failed search keeps the selection"
    assert not find_in(edit, "")


def test_a_huge_count_is_said_as_more_than() -> None:
    result = FindResult(True, 0, MAX_COUNTED + 1)
    assert result.describe() == f"more than {MAX_COUNTED:,} matches"
