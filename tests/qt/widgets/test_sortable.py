"""SortedRows: plain rows sorted in Python, with the view's current row following its row."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeView

from desktop.qt.widgets.sortable import Row, SortedRows
from tests.qt.helpers import shown_tooltip

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def _rows() -> list[Row]:
    # name, outlets: "b" and "d" tie on outlets, in that order
    data = [("c", 2), ("b", 3), ("a", 1), ("d", 3)]
    return [Row((name, str(n)), (name, n), f"id-{name}", f"<b>{name}</b>") for name, n in data]


def test_rows_come_sorted_as_asked_and_ties_keep_their_order(qapp) -> None:
    model = SortedRows(["Name", "Outlets"], right_aligned=(1,))
    model.set_rows(_rows(), 1, DESC)
    assert model.ids() == ["id-b", "id-d", "id-c", "id-a"]
    model.sort(1, ASC)
    assert model.ids() == ["id-a", "id-c", "id-b", "id-d"]
    model.sort(0, DESC)
    assert model.ids() == ["id-d", "id-c", "id-b", "id-a"]
    assert [model.row_of(i) for i in ("id-a", "id-d", "missing")] == [3, 0, -1]
    assert model.index(0, 0).data() == "d" and model.headerData(1, Qt.Orientation.Horizontal) == "Outlets"


def test_the_current_row_follows_its_row_through_a_sort(qapp) -> None:
    model = SortedRows(["Name", "Outlets"])
    view = QTreeView()
    view.setModel(model)
    model.set_rows(_rows(), 0, ASC)
    view.setCurrentIndex(model.index(model.row_of("id-c"), 0))
    for column, order in ((1, DESC), (0, DESC), (1, ASC)):
        model.sort(column, order)
        assert model.row_at(view.currentIndex().row()).id == "id-c"
        assert [i.row() for i in view.selectionModel().selectedRows()] == [model.row_of("id-c")]


def test_roles_show_text_literally_and_mark_what_was_asked(qapp) -> None:
    rows = [Row(("<i>x</i>", "5"), ("x", 5), "x", "<script>alert(1)</script>", (1,))]
    model = SortedRows(["Name", "Count"], right_aligned=(1,))
    model.set_rows(rows, 0, ASC)
    name, count = model.index(0, 0), model.index(0, 1)
    assert name.data() == "<i>x</i>"
    assert shown_tooltip(name.data(Qt.ItemDataRole.ToolTipRole)) == "<script>alert(1)</script>"
    assert count.data(Qt.ItemDataRole.ToolTipRole) is None
    assert count.data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert name.data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert count.data(Qt.ItemDataRole.FontRole).bold() and name.data(Qt.ItemDataRole.FontRole) is None


@settings(max_examples=60, deadline=None)
@given(
    keys=st.lists(st.integers(0, 4), min_size=1, max_size=30),
    descending=st.booleans(),
    current=st.integers(0, 29),
)
def test_sorting_is_pythons_stable_sort_and_keeps_the_current_row(
    qapp, keys: list[int], descending: bool, current: int
) -> None:
    rows = [Row((str(k), str(n)), (k, n), f"r{n}") for n, k in enumerate(keys)]
    model = SortedRows(["Key", "Given"])
    view = QTreeView()
    view.setModel(model)
    model.set_rows(rows, 1, ASC)
    chosen = rows[current % len(rows)].id
    view.setCurrentIndex(model.index(model.row_of(chosen), 0))
    model.sort(0, DESC if descending else ASC)
    assert model.rows() == sorted(rows, key=lambda r: r.keys[0], reverse=descending)
    assert model.row_at(view.currentIndex().row()).id == chosen


def test_fitted_columns_give_way_to_the_stretching_one_in_a_narrow_view(qtbot) -> None:
    from PySide6.QtWidgets import QHeaderView

    from desktop.qt.widgets.sortable import show_rows

    model = SortedRows(["Statement", "Outlets", "Versions"])
    versions = "1 verbatim, 1 altered, 1 paraphrased, 2 carried without quotation marks"
    rows = [Row((f"statement {k}", str(k), versions), (k, k, k), f"id-{k}") for k in range(5)]
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.header().setStretchLastSection(False)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    show_rows(view, model, rows, fitted=(1, 2))
    fitted_wide = view.header().sectionSize(2)
    assert fitted_wide > 300  # as wide as its text: the statement column is squeezed out
    show_rows(view, model, rows, fitted=(1, 2), room=0.6)
    header = view.header()
    assert header.sectionSize(1) + header.sectionSize(2) <= int(view.viewport().width() * 0.6)
    assert header.sectionSize(2) >= header.sectionSizeFromContents(2).width()  # never below its heading
