"""TextPane on long articles: the panes measure only passages that can be on screen and restyle
only the passages whose selection changed; the result matches a full scan or rebuild.
"""

from __future__ import annotations

from desktop.engine.model import Article, PairAlignment
from desktop.qt.widgets.highlight import PASSAGE_PROPERTY, SELECTED_PROPERTY
from desktop.qt.widgets.textpane import TextPane

Pair = tuple[Article, Article, PairAlignment]


def _marks(pane: TextPane) -> list[tuple[int, int, object, bool]]:
    return [
        (
            s.cursor.selectionStart(),
            s.cursor.selectionEnd(),
            s.format.property(PASSAGE_PROPERTY),
            bool(s.format.property(SELECTED_PROPERTY)),
        )
        for s in pane.extraSelections()
    ]


def test_passage_bars_are_painted_for_visible_passages_only_and_all_of_them(
    qtbot, make_compare_view, long_pair: Pair
) -> None:
    _, _, alignment = long_pair
    view = make_compare_view(long_pair, 420)
    pane = view.pane_b()
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum() // 2)
    height = pane.viewport().height()
    visible = {
        n
        for n, p in enumerate(pane.passages())
        if pane.span_y(p.start, p.end)[1] >= 0 and pane.span_y(p.start, p.end)[0] <= height
    }
    assert visible and visible <= set(pane.passages_meeting(*pane.visible_text_range()))
    assert len(pane.passages_meeting(*pane.visible_text_range())) < len(alignment.passages) // 2


def test_reselecting_restyles_as_a_full_rebuild_would(make_compare_view, long_pair: Pair) -> None:
    _, _, alignment = long_pair
    view = make_compare_view(long_pair, 420)
    for index in (3, 40, 41, -1, 7):
        view.select_passage(index)
    for pane, span in (
        (view.pane_a(), alignment.passages[7].a_span),
        (view.pane_b(), alignment.passages[7].b_span),
    ):
        stepped = _marks(pane)
        selected = {(s, e) for s, e, n, sel in stepped if sel}
        assert selected and all(n == 7 for s, e, n, sel in stepped if sel)
        assert min(s for s, _ in selected) == pane.to_qt(span[0]) and max(
            e for _, e in selected
        ) == pane.to_qt(span[1])
        view.set_show_unique(False)  # rebuilds every mark from scratch
        view.set_show_unique(True)
        assert _marks(pane) == stepped


def test_a_focused_pane_shows_a_focus_ring(qtbot, compare_view) -> None:
    from PySide6.QtGui import QPalette

    pane, other = compare_view.pane_a(), compare_view.pane_b()
    highlight = pane.palette().color(QPalette.ColorRole.Highlight).name()
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus, timeout=1000)
    middle = pane.viewport().height() // 2
    assert pane.viewport().grab().toImage().pixelColor(1, middle).name() == highlight
    other.setFocus()
    qtbot.waitUntil(other.hasFocus, timeout=1000)
    assert pane.viewport().grab().toImage().pixelColor(1, middle).name() != highlight
