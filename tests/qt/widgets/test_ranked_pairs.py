"""The overlap of a large set: ranked pairs instead of the heat map, and the matrix values
read from the pairs without swapping them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.engine.load.articles import article_from_text
from desktop.engine.model import CorpusAlignment, Kind, PairAlignment, Passage, Settings
from desktop.qt.main_tabs import HEATMAP_MAX_ARTICLES, TAB_MATRIX
from desktop.qt.main_window import MainWindow
from desktop.qt.widgets.matrix import shared_values
from desktop.qt.widgets.ranked_pairs import RankedPairs, RankedPairsModel, ranked_pairs


def _corpus(n: int, shares: dict[tuple[int, int], tuple[float, float]]) -> CorpusAlignment:
    articles = tuple(
        article_from_text(f"Article number {k} says something.", outlet=f"Outlet {k}", article_id=f"a{k}")
        for k in range(n)
    )
    passage = Passage(0, 5, 0, 5, Kind.VERBATIM, 1.0)
    pairs = tuple(
        PairAlignment(
            f"a{i}", f"a{j}", (passage,) if (i, j) in shares else (), *shares.get((i, j), (0.0, 0.0))
        )
        for i in range(n)
        for j in range(i + 1, n)
    )
    return CorpusAlignment(articles, Settings(), pairs)


def test_matrix_values_are_each_rows_share_in_either_orientation() -> None:
    corpus = _corpus(4, {(0, 1): (0.5, 0.1), (1, 3): (0.2, 0.9)})
    values = shared_values(corpus)
    ids = [a.id for a in corpus.articles]
    for r, row_id in enumerate(ids):
        for c, col_id in enumerate(ids):
            expected = None if r == c else corpus.pair(row_id, col_id).shared_a
            assert values[r][c] == expected
    assert values[3][1] == 0.9 and values[1][3] == 0.2 and values[1][0] == 0.1


def test_ranked_pairs_list_sharing_pairs_largest_share_first_oriented_to_it() -> None:
    corpus = _corpus(5, {(0, 1): (0.3, 0.1), (1, 3): (0.2, 0.9), (2, 4): (0.05, 0.05)})
    rows = ranked_pairs(corpus)
    assert [(r.a, r.b) for r in rows] == [("a3", "a1"), ("a0", "a1"), ("a2", "a4")]
    assert (rows[0].shared_a, rows[0].shared_b) == (0.9, 0.2), "the row reads from the larger share"


def test_ranked_model_sorts_by_any_column_and_back(qtbot) -> None:
    model = RankedPairsModel()
    model.set_corpus(_corpus(5, {(0, 1): (0.3, 0.1), (1, 3): (0.2, 0.9), (2, 4): (0.05, 0.4)}))
    assert model.rowCount() == 3 and model.columnCount() == 6
    first = model.index(0, RankedPairsModel.SHARE)
    assert model.data(first) == "90%" and model.data(model.index(0, RankedPairsModel.RANK)) == "1"
    model.sort(RankedPairsModel.PARTNER_SHARE, Qt.SortOrder.DescendingOrder)
    assert [(r.a, r.shared_b) for r in model.rows()] == [("a3", 0.2), ("a0", 0.1), ("a4", 0.05)]
    model.sort(RankedPairsModel.RANK, Qt.SortOrder.AscendingOrder)
    assert [(r.a, r.b) for r in model.rows()] == [("a3", "a1"), ("a4", "a2"), ("a0", "a1")]
    assert [model.data(model.index(k, RankedPairsModel.RANK)) for k in range(3)] == ["1", "2", "3"]
    assert "90% of Outlet 3's words are in passages shared with Outlet 1" in model.summary(0)
    assert model.data(model.index(0, RankedPairsModel.ARTICLE)).startswith("Outlet 3: Article number 3")


def test_enter_and_double_click_open_the_pair(qtbot) -> None:
    view = RankedPairs()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    view.set_corpus(_corpus(5, {(0, 1): (0.3, 0.1), (1, 3): (0.2, 0.9)}))
    fired: list[tuple[str, str]] = []
    view.pair_activated.connect(lambda a, b: fired.append((a, b)))
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(1, 1))
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    assert fired == [("a0", "a1")]
    assert "5 articles" in view.caption.text() and "2 that share" in view.caption.text()


def test_the_matrix_tab_switches_to_ranked_pairs_past_the_heat_maps_size(
    qtbot, main_window: MainWindow
) -> None:
    tabs = main_window.tabs
    small = _corpus(HEATMAP_MAX_ARTICLES, {(0, 1): (0.3, 0.1)})
    tabs.set_overlap(small)
    assert not tabs.is_ranked() and tabs.matrix.article_ids() == [a.id for a in small.articles]
    large = _corpus(HEATMAP_MAX_ARTICLES + 1, {(0, 1): (0.3, 0.1), (2, 40): (0.6, 0.6)})
    tabs.set_overlap(large)
    assert tabs.is_ranked() and tabs.matrix.article_ids() == []
    assert tabs.ranked.model.rowCount() == 2
    tabs.setCurrentIndex(TAB_MATRIX)
    assert tabs.overlap_focus() is tabs.ranked.table and tabs.ranked.table.isVisible()
    tabs.set_overlap(None)
    assert not tabs.is_ranked() and tabs.ranked.model.rowCount() == 0
