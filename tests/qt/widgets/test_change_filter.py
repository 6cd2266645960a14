"""The passage table's "Changes" column (badges, tooltip) and the filter by change type."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from desktop.engine.model import ChangeType, Kind
from desktop.qt.widgets.change_filter import PassageFilterProxy, badges_of, wording_text
from desktop.qt.widgets.change_style import Badge, change_colors
from desktop.qt.widgets.passage_model import PassageModel
from tests.qt.helpers import shown_tooltip
from tests.qt.widgets.changed_pairs import changed_pair


@pytest.fixture
def pair():
    return changed_pair()


def _row_with(model: PassageModel, kind: ChangeType) -> int:
    return next(
        r for r in range(model.rowCount()) if model.index(r, 0).data(PassageModel.TYPES_ROLE) & {kind}
    )


def test_a_number_change_gets_its_badge_and_its_words_in_the_tooltip(qtmodeltester, pair) -> None:
    model = PassageModel()
    model.set_alignment(*pair)
    qtmodeltester.check(model)
    row = _row_with(model, ChangeType.NUMBER)
    cell = model.index(row, PassageModel.COL_CHANGES)
    assert cell.data() == "#1"
    assert cell.data(PassageModel.COUNTS_ROLE)[ChangeType.NUMBER] == 1
    assert badges_of(cell.data(PassageModel.COUNTS_ROLE)) == [Badge(ChangeType.NUMBER, 1)]
    assert shown_tooltip(cell.data(Qt.ItemDataRole.ToolTipRole)) == "Number or date: “12,000” → “1,200”"
    verbatim = next(r for r in range(model.rowCount()) if model.passage(r).kind is Kind.VERBATIM)
    assert model.index(verbatim, PassageModel.COL_CHANGES).data() == "none"
    header = model.headerData(
        PassageModel.COL_CHANGES, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "# number or date" in header


def test_wording_is_a_muted_count_after_the_badges() -> None:
    assert wording_text({ChangeType.NUMBER: 1, ChangeType.WORDING: 3}) == "+3 wording"
    assert wording_text({ChangeType.WORDING: 2}) == "2 wording"
    assert wording_text({ChangeType.NUMBER: 1}) == ""
    assert wording_text({}) == "none"


def test_the_changes_column_paints_the_badge_in_the_type_colour(make_compare_view, pair) -> None:
    view = make_compare_view(pair, 600)
    table = view.passage_table()
    proxy = table.model()
    row = next(
        r
        for r in range(proxy.rowCount())
        if proxy.index(r, 0).data(PassageModel.TYPES_ROLE) & {ChangeType.NUMBER}
    )
    view.select_passage(-1)  # an unselected row: the badge on the table's own background
    rect: QRect = table.visualRect(proxy.index(row, PassageModel.COL_CHANGES))
    assert rect.width() > 20
    image = table.viewport().grab(rect).toImage()
    hue = change_colors(table.palette())[ChangeType.NUMBER]
    near = [
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if max(
            abs(image.pixelColor(x, y).red() - hue.red()),
            abs(image.pixelColor(x, y).green() - hue.green()),
            abs(image.pixelColor(x, y).blue() - hue.blue()),
        )
        < 40
    ]
    assert len(near) > 20, "the badge's outline and letter are drawn in the number colour"


def test_the_filter_hides_and_shows_rows(qtbot, make_compare_view, pair) -> None:
    view = make_compare_view(pair, 600)
    table = view.passage_table()
    bar = view.change_filter()
    buttons = bar.buttons()
    assert table.model().rowCount() == 3
    assert buttons[ChangeType.NUMBER].isEnabled() and buttons[ChangeType.NUMBER].text().endswith(" 1")
    assert not buttons[ChangeType.NAME].isEnabled(), "no passage of the pair changes a name"
    with qtbot.waitSignal(bar.types_changed):
        qtbot.mouseClick(buttons[ChangeType.NUMBER], Qt.MouseButton.LeftButton)
    assert table.model().rowCount() == 1
    index = table.model().index(0, 0).data(Qt.ItemDataRole.UserRole)
    assert ChangeType.NUMBER in {c.type for c in pair[2].passages[index].changes}
    assert bar.findChild(type(bar._shown)) is not None and "1 of 3 passages" in bar._shown.text()
    buttons[ChangeType.QUOTE].click()  # numbers or quotations
    assert table.model().rowCount() == 2
    buttons[ChangeType.NUMBER].click()
    buttons[ChangeType.QUOTE].click()
    assert table.model().rowCount() == 3, "nothing checked: every passage shows"
    assert bar._shown.text() == ""


def test_a_quoted_change_of_another_type_passes_the_quotation_filter(pair) -> None:
    model = PassageModel()
    model.set_alignment(*pair)
    proxy = PassageFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_types({ChangeType.QUOTE})
    kept = {proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(proxy.rowCount())}
    assert kept == {_row_with(model, ChangeType.QUOTE)}
    proxy.set_types(())
    assert proxy.rowCount() == 3


def test_sorting_by_changes_puts_the_most_typed_changes_first(pair) -> None:
    model = PassageModel()
    model.set_alignment(*pair)
    proxy = PassageFilterProxy()
    proxy.setSourceModel(model)
    proxy.setSortRole(PassageModel.SORT_ROLE)
    proxy.sort(PassageModel.COL_CHANGES, Qt.SortOrder.DescendingOrder)
    shown = [proxy.index(r, PassageModel.COL_CHANGES).data() for r in range(proxy.rowCount())]
    assert shown[-1] == "none" and sorted(shown[:2]) == ["#1", "Q1"]
