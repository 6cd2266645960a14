"""Next and previous typed change: the walk through a pair's typed changes, and the marks it reads."""

from __future__ import annotations

import pytest

from desktop.engine.model import ChangeType
from desktop.qt.widgets.change_nav import change_marks, change_steps, next_step, passages_by_type
from tests.qt.widgets.changed_pairs import changed_pair


@pytest.fixture
def pair():
    return changed_pair()


def _passage_with(alignment, kind: ChangeType) -> int:
    return next(n for n, p in enumerate(alignment.passages) if any(c.type is kind for c in p.changes))


def test_marks_cover_each_sides_words(pair) -> None:
    a, b, alignment = pair
    for side, article, words in (("a", a, "12,000"), ("b", b, "1,200")):
        marks = [m for m in change_marks(alignment, a, b, side) if m.type is ChangeType.NUMBER]
        assert [article.text[m.start : m.end] for m in marks] == [words]
        assert marks[0].description == "Number or date: “12,000” → “1,200”"
    assert not any(m.type is ChangeType.WORDING for m in change_marks(alignment, a, b, "a"))
    assert passages_by_type(alignment)[ChangeType.NUMBER] == 1
    assert passages_by_type(alignment)[ChangeType.QUOTE] == 1


def test_next_step_starts_from_the_selected_passage(pair) -> None:
    _, _, alignment = pair
    steps = change_steps(alignment)
    number, quote = _passage_with(alignment, ChangeType.NUMBER), _passage_with(alignment, ChangeType.QUOTE)
    assert [i for i, _ in steps] == [number, quote], "A's reading order"
    assert next_step(alignment, steps, None, -1, +1) == 0
    assert next_step(alignment, steps, None, -1, -1) == 1
    assert next_step(alignment, steps, steps[1], -1, +1) == 0, "wraps round"
    assert next_step(alignment, steps, None, quote, +1) == 1
    assert next_step(alignment, steps, None, quote, -1) == 1, "back: the selected passage's own last change"
    verbatim = next(n for n, p in enumerate(alignment.passages) if not p.changes)
    assert next_step(alignment, steps, None, verbatim, -1) == 0
    assert next_step(alignment, (), None, -1, +1) is None
    assert change_steps(alignment, {ChangeType.QUOTE}) == (steps[1],)


def test_next_and_previous_change_move_the_selection(qtbot, make_compare_view, pair) -> None:
    _, _, alignment = pair
    view = make_compare_view(pair, 600)
    view.select_passage(-1)
    number, quote = _passage_with(alignment, ChangeType.NUMBER), _passage_with(alignment, ChangeType.QUOTE)
    with qtbot.waitSignal(view.change_selected) as blocker:
        view.next_change()
    assert view.current_passage() == number and view.current_change() == (number, 0)
    assert blocker.args == ["Number or date: “12,000” → “1,200” — change 1 of 2"]
    assert view.pane_a().current_change() == view.pane_b().current_change() == (number, 0)
    selected = view.passage_table().selectionModel().selectedRows()
    assert [i.data(256) for i in selected] == [number], "the table row follows"
    view.next_change()
    assert view.current_passage() == quote and view.current_change() == (quote, 0)
    view.next_change()
    assert view.current_change() == (number, 0), "wraps round"
    view.previous_change()
    assert view.current_change() == (quote, 0)
    view.select_passage(number)  # another passage chosen: no change is current any more
    assert view.current_change() is None and view.pane_a().current_change() is None
    assert view.change_count() == 2


def test_the_walk_follows_the_filter(make_compare_view, pair) -> None:
    _, _, alignment = pair
    view = make_compare_view(pair, 600)
    view.change_filter().set_types({ChangeType.QUOTE})
    assert view.change_count() == 1
    quote = _passage_with(alignment, ChangeType.QUOTE)
    for _ in range(2):
        view.next_change()
        assert view.current_change() == (quote, 0)
