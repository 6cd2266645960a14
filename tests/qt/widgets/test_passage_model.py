"""PassageModel: the table of shared passages under the compare view."""

from __future__ import annotations

import html

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QPalette

from desktop.engine.align.pair import align_pair
from desktop.engine.align.text import collapse_space
from desktop.engine.figures import similarity
from desktop.engine.load.articles import article_from_text
from desktop.engine.model import Article, Kind, PairAlignment
from desktop.qt.widgets.highlight import kind_colors
from desktop.qt.widgets.passage_model import EXCERPT_CHARS, PassageModel

Pair = tuple[Article, Article, PairAlignment]


def _model(pair: Pair) -> PassageModel:
    model = PassageModel()
    model.set_alignment(*pair)
    return model


def test_model_passes_qt_model_tester(qtmodeltester, seed_pair: Pair) -> None:
    model = _model(seed_pair)
    qtmodeltester.check(model)
    a, b, _ = seed_pair
    model.set_alignment(a, b, None)
    qtmodeltester.check(model)


def test_columns_and_display(seed_pair: Pair) -> None:
    a, b, alignment = seed_pair
    model = _model(seed_pair)
    assert model.rowCount() == len(alignment.passages) > 0
    assert model.columnCount() == 6
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["#", "Kind", "Similarity", "Changes", "A", "B"]
    for row, passage in enumerate(alignment.passages):
        display = [model.data(model.index(row, c)) for c in range(6)]
        assert display[0] == row + 1
        assert display[1] == passage.kind.value.capitalize()
        assert display[2] == similarity(passage.score, passage.kind)
        assert display[2].endswith("%")
        assert display[3] == "none" if passage.kind is Kind.VERBATIM else display[3] != "none"
        for text, article, (start, end) in ((display[4], a, passage.a_span), (display[5], b, passage.b_span)):
            assert "\n" not in text and "  " not in text
            assert len(text) <= EXCERPT_CHARS
            assert collapse_space(article.text[start:end]).startswith(text.rstrip("…"))


def test_user_role_is_passage_index_through_a_sorting_proxy(crossing_pair: Pair) -> None:
    _, _, alignment = crossing_pair
    model = _model(crossing_pair)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(PassageModel.SORT_ROLE)
    proxy.sort(PassageModel.COL_SCORE, Qt.SortOrder.DescendingOrder)
    indices = [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(proxy.rowCount())]
    scores = [alignment.passages[i].score for i in indices]
    assert sorted(indices) == [0, 1, 2]
    assert scores == sorted(scores, reverse=True)
    proxy.sort(PassageModel.COL_B, Qt.SortOrder.AscendingOrder)
    indices = [proxy.index(r, 3).data(Qt.ItemDataRole.UserRole) for r in range(proxy.rowCount())]
    b_starts = [alignment.passages[i].b_start for i in indices]
    assert b_starts == sorted(b_starts)  # the B column sorts by position in B, not by its words
    assert indices != [0, 1, 2]  # the pair has reordered passages


def test_tooltips_give_full_escaped_excerpts() -> None:
    sentence = (
        "<b>Bold claim</b> says the <script>x()</script> regulators have not explained how firms train."
    )
    a = article_from_text("Head\n\n" + sentence + "\n", article_id="m1")
    b = article_from_text("Other\n\n" + sentence.replace("explained", "said") + "\n", article_id="m2")
    alignment = align_pair(a, b)
    assert alignment.passages
    model = PassageModel()
    model.set_alignment(a, b, alignment)
    passage = alignment.passages[0]
    tip_a = model.data(model.index(0, PassageModel.COL_A), Qt.ItemDataRole.ToolTipRole)
    tip_b = model.data(model.index(0, PassageModel.COL_B), Qt.ItemDataRole.ToolTipRole)
    tip_kind = model.data(model.index(0, PassageModel.COL_KIND), Qt.ItemDataRole.ToolTipRole)
    assert html.escape(a.text[passage.a_start : passage.a_end]) in tip_a
    assert html.escape(b.text[passage.b_start : passage.b_end]) in tip_b
    assert "<script>" not in tip_a and "<b>Bold" not in tip_a
    assert "&lt;script&gt;" in tip_a
    assert tip_a in tip_kind and tip_b in tip_kind  # other columns show both sides


def test_decoration_follows_palette(seed_pair: Pair) -> None:
    _, _, alignment = seed_pair
    model = _model(seed_pair)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    model.set_palette(dark)
    swatch = model.data(model.index(0, PassageModel.COL_KIND), Qt.ItemDataRole.DecorationRole)
    assert swatch == kind_colors(dark)[alignment.passages[0].kind]
    assert model.data(model.index(0, PassageModel.COL_A), Qt.ItemDataRole.DecorationRole) is None


def test_set_alignment_none_empties_and_resets(qtbot, seed_pair: Pair) -> None:
    a, b, _ = seed_pair
    model = _model(seed_pair)
    with qtbot.waitSignal(model.modelReset, timeout=100):
        model.set_alignment(a, b, None)
    assert model.rowCount() == 0
