"""CompareView: the marks (passage tints, changed words, boilerplate, unique text, palettes), and
selecting, scrolling, navigating and finding.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip

from desktop.engine.align.pair import align_pair
from desktop.engine.figures import similarity
from desktop.engine.load.articles import article_from_text
from desktop.engine.marking import marked_spans, passage_diff
from desktop.engine.model import Article, PairAlignment
from desktop.qt.widgets.compare import CompareView
from desktop.qt.widgets.highlight import (
    PASSAGE_PROPERTY,
    SELECTED_PROPERTY,
    UNIQUE_PROPERTY,
    WORD_PROPERTY,
    contrast,
    highlight_colors,
    kind_colors,
)
from desktop.qt.widgets.legend import ElidedLabel
from desktop.qt.widgets.passage_model import PassageModel

Pair = tuple[Article, Article, PairAlignment]

_WORD = re.compile(r"\w")


def _marked(pane: QPlainTextEdit, prop: int, value: object = None) -> set[int]:
    """Document positions covered by extra selections carrying ``prop`` (= ``value``)."""
    out: set[int] = set()
    for sel in pane.extraSelections():
        if sel.format.hasProperty(prop) and (value is None or sel.format.property(prop) == value):
            out.update(range(sel.cursor.selectionStart(), sel.cursor.selectionEnd()))
    return out


def _formats_at(pane: QPlainTextEdit, position: int) -> list[QTextCharFormat]:
    """Copies of the formats of the extra selections covering ``position``."""
    return [
        QTextCharFormat(s.format)  # copies: the selection list owns the originals
        for s in pane.extraSelections()
        if s.cursor.selectionStart() <= position < s.cursor.selectionEnd()
    ]


def _trimmed(text: str, start: int, end: int) -> range:
    piece = text[start:end]
    return range(start + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip())))


def _assert_words_marked(
    pane: QPlainTextEdit, text: str, spans: list[tuple[int, int]], marked: set[int], *, strike: bool
) -> None:
    """Each span, trimmed of white space, is in ``marked`` and its word format is struck
    out (``strike``, the A side) or underlined (the B side), never both."""
    for start, end in spans:
        span = _trimmed(text, start, end)
        assert set(span) <= marked
        for fmt in _formats_at(pane, span.start):
            if fmt.hasProperty(WORD_PROPERTY):
                assert fmt.fontStrikeOut() == strike and fmt.fontUnderline() == (not strike)


def _palette(window: str, base: str, text: str) -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.WindowText, text),
    ):
        palette.setColor(role, QColor(color))
    return palette


def _has(pane: QPlainTextEdit, prop: int) -> bool:
    return any(s.format.hasProperty(prop) for s in pane.extraSelections())


def _cursor(pane: QPlainTextEdit, index: int) -> QTextCursor:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(index)
    return cursor


def _visible(pane: QPlainTextEdit, index: int) -> bool:
    rect = pane.cursorRect(_cursor(pane, index))
    return rect.top() >= 0 and rect.bottom() <= pane.viewport().height()


def _point_of(pane: QPlainTextEdit, index: int) -> QPoint:
    rect = pane.cursorRect(_cursor(pane, index))
    return QPoint(rect.x() + 3, rect.center().y())  # inside the character after ``index``


def test_every_passage_is_tinted_in_both_panes(compare_view: CompareView, seed_pair: Pair) -> None:
    a, b, alignment = seed_pair
    assert compare_view.passage_count() == len(alignment.passages) > 0
    for pane, text, spans in (
        (compare_view.pane_a(), a.text, [p.a_span for p in alignment.passages]),
        (compare_view.pane_b(), b.text, [p.b_span for p in alignment.passages]),
    ):
        assert pane.toPlainText() == text
        indices = {s.format.property(PASSAGE_PROPERTY) for s in pane.extraSelections()} - {None}
        assert indices == set(range(len(alignment.passages)))
        for n, (start, end) in enumerate(spans):
            assert _marked(pane, PASSAGE_PROPERTY, n) == set(range(start, end))


def test_changed_words_struck_in_a_and_underlined_in_b(compare_view: CompareView, seed_pair: Pair) -> None:
    """The panes mark exactly what the engine decides is changed, struck out in A and
    underlined in B: white space around a change never, punctuation that differs (the
    seed pair has a "," for ".") as any word."""
    a, b, alignment = seed_pair
    shown = [passage_diff(p, a, b) for p in alignment.passages]
    deleted = [span for ops in shown for span in marked_spans(ops, a.text, "a")]
    inserted = [span for ops in shown for span in marked_spans(ops, b.text, "b")]
    assert deleted and inserted
    struck = _marked(compare_view.pane_a(), WORD_PROPERTY, "delete")
    underlined = _marked(compare_view.pane_b(), WORD_PROPERTY, "insert")
    assert struck == {i for s, e in deleted for i in range(s, e)}
    assert underlined == {i for s, e in inserted for i in range(s, e)}
    assert any(not _WORD.search(a.text[s:e]) for s, e in deleted), "a punctuation change is marked"
    _assert_words_marked(compare_view.pane_a(), a.text, deleted, struck, strike=True)
    _assert_words_marked(compare_view.pane_b(), b.text, inserted, underlined, strike=False)
    assert not _marked(compare_view.pane_a(), WORD_PROPERTY, "insert")
    assert not _marked(compare_view.pane_b(), WORD_PROPERTY, "delete")


def test_the_pane_marks_what_the_engine_decides(qtbot, make_compare_view) -> None:
    """A closing quotation mark and a comma that differ are marked, as in the families view
    and the HTML; a hyphenated word is marked whole, never "state-of-" / "the" / "-art"."""
    a = article_from_text(
        "Zuckerberg said that Meta has open-sourced the Llama models, he said to the press today.",
        article_id="quote-a",
    )
    b = article_from_text(
        "Zuckerberg said that \u201cMeta has open-sourced its state-of-the-art Llama models\u201d he said "
        "to the press today.",
        article_id="quote-b",
    )
    pair = align_pair(a, b)
    assert pair.passages
    view = make_compare_view((a, b, pair), 420)
    underlined = _marked(view.pane_b(), WORD_PROPERTY, "insert")
    struck = _marked(view.pane_a(), WORD_PROPERTY, "delete")
    words = b.text.index("state-of-the-art")
    assert set(range(words, words + len("state-of-the-art"))) <= underlined
    closing = b.text.index("\u201d")
    assert closing in underlined
    assert a.text.index(",") in struck
    shown = passage_diff(pair.passages[0], a, b)
    assert underlined == {i for s, e in marked_spans(shown, b.text, "b") for i in range(s, e)}


def test_boilerplate_is_dimmed_in_the_document(compare_view: CompareView, seed_pair: Pair) -> None:
    a, _, _ = seed_pair
    assert a.boilerplate
    pane = compare_view.pane_a()
    start, end = a.boilerplate[0]
    inside = QTextCursor(pane.document())
    inside.setPosition(start + 1)
    outside = QTextCursor(pane.document())
    outside.setPosition(a.text.index("Zuckerberg") + 1)
    assert inside.charFormat().fontItalic()
    assert inside.charFormat().foreground().color() != pane.palette().color(QPalette.ColorRole.Text)
    assert not outside.charFormat().fontItalic()


def test_selected_passage_has_a_stronger_tint(compare_view: CompareView) -> None:
    pane = compare_view.pane_a()
    before = {
        s.format.background().color().name()
        for s in pane.extraSelections()
        if s.format.property(PASSAGE_PROPERTY) == 0
    }
    compare_view.select_passage(0)
    selected = [s for s in pane.extraSelections() if s.format.property(PASSAGE_PROPERTY) == 0]
    assert selected and all(s.format.property(SELECTED_PROPERTY) for s in selected)
    after = {
        s.format.background().color().name() for s in selected if not s.format.hasProperty(WORD_PROPERTY)
    }
    assert after and not after & before


def test_unique_spans_marked_only_when_enabled(qtbot, compare_view: CompareView, seed_pair: Pair) -> None:
    a, b, alignment = seed_pair
    compare_view.set_pair(a, b, alignment, unique_a=[(100, 140)], unique_b=[(0, 10)])
    marked = _marked(compare_view.pane_a(), UNIQUE_PROPERTY)
    assert marked == set(range(100, 140))
    fmt = next(f for f in _formats_at(compare_view.pane_a(), 100) if f.hasProperty(UNIQUE_PROPERTY))
    assert fmt.underlineStyle() == fmt.UnderlineStyle.DotLine
    assert not fmt.hasProperty(PASSAGE_PROPERTY)
    compare_view.set_show_unique(False)
    assert not _marked(compare_view.pane_a(), UNIQUE_PROPERTY)
    assert len(_marked(compare_view.pane_a(), PASSAGE_PROPERTY)) > 0
    compare_view.set_show_unique(True)
    assert _marked(compare_view.pane_b(), UNIQUE_PROPERTY) == set(range(10))


def test_markup_in_articles_is_shown_literally(qtbot) -> None:
    text = "<b>Bold headline</b>\n\nThe <script>alert('x')</script> regulators have not explained it.\n"
    a = article_from_text(text, outlet="<i>Outlet</i>", article_id="m1")
    b = article_from_text(text.replace("explained", "said"), article_id="m2")
    view = CompareView()
    qtbot.addWidget(view)
    view.set_pair(a, b, align_pair(a, b))
    pane = view.pane_a()
    assert pane.toPlainText() == text
    block = pane.document().firstBlock()
    while block.isValid():  # no formatting came from the text: every fragment is plain
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert fmt.fontWeight() in (QFont.Weight.Normal, 0) and not fmt.fontItalic()
            it += 1
        block = block.next()
    assert "&lt;script&gt;" in pane.document().toHtml()
    title = view.findChildren(ElidedLabel)[0]
    assert title.textFormat() == Qt.TextFormat.PlainText
    assert "<i>Outlet</i>" in title.full_text()


def test_astral_characters_do_not_shift_highlights(qtbot) -> None:
    sentence = "The regulators have not explained how companies should train models on public data in Europe."
    a = article_from_text(
        "Head\n\n\U0001f600\U0001f600 Intro words that differ.\n\n" + sentence + "\n", article_id="e1"
    )
    b = article_from_text(
        "Other\n\nSomething else first.\n\n" + sentence.replace("explained", "said") + "\n", article_id="e2"
    )
    alignment = align_pair(a, b)
    view = CompareView()
    qtbot.addWidget(view)
    view.set_pair(a, b, alignment)
    passage = alignment.passages[0]
    pane = view.pane_a()
    selections = [s for s in pane.extraSelections() if s.format.hasProperty(PASSAGE_PROPERTY)]
    shown = "".join(
        s.cursor.selectedText() for s in sorted(selections, key=lambda s: s.cursor.selectionStart())
    )
    assert shown == a.text[passage.a_start : passage.a_end]
    struck = [
        s.cursor.selectedText()
        for s in pane.extraSelections()
        if s.format.property(WORD_PROPERTY) == "delete"
    ]
    assert struck == ["explained"]


def test_dark_palette_gives_different_readable_colours(qtbot, compare_view: CompareView) -> None:
    light = _palette("#efefef", "#ffffff", "#000000")
    dark = _palette("#2b2b2b", "#1e1e1e", "#e6e6e6")
    assert kind_colors(light) != kind_colors(dark)
    for palette in (light, dark):
        colors = highlight_colors(palette)
        for bg in [*colors.passage.values(), *colors.selected.values(), colors.delete, colors.insert]:
            assert contrast(bg, colors.text) >= 4.5
    compare_view.setPalette(light)
    light_bgs = {s.format.background().color().name() for s in compare_view.pane_a().extraSelections()}
    compare_view.setPalette(dark)
    dark_bgs = {s.format.background().color().name() for s in compare_view.pane_a().extraSelections()}
    assert light_bgs and dark_bgs and not light_bgs & dark_bgs


def test_click_in_b_selects_and_scrolls_a_to_the_counterpart(
    qtbot, compare_view: CompareView, seed_pair: Pair
) -> None:
    _, _, alignment = seed_pair
    pane_a, pane_b = compare_view.pane_a(), compare_view.pane_b()
    n = min(range(len(alignment.passages)), key=lambda i: alignment.passages[i].b_start)
    passage = alignment.passages[n]  # near the top of B, far down in A
    assert _visible(pane_b, passage.b_start) and not _visible(pane_a, passage.a_start)
    before = pane_a.verticalScrollBar().value()
    with qtbot.waitSignal(compare_view.passage_selected, timeout=500) as signal:
        qtbot.mouseClick(
            pane_b.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(pane_b, passage.b_start + 3)
        )
    assert signal.args == [n]
    assert compare_view.current_passage() == n
    assert pane_a.verticalScrollBar().value() != before
    assert _visible(pane_a, passage.a_start)
    top_a = pane_a.cursorRect(_cursor(pane_a, passage.a_start)).top()
    top_b = pane_b.cursorRect(_cursor(pane_b, passage.b_start)).top()
    assert abs(top_a - top_b) <= pane_a.fontMetrics().lineSpacing()  # side by side


def test_click_outside_passages_selects_nothing(qtbot, compare_view: CompareView, seed_pair: Pair) -> None:
    a, _, _ = seed_pair
    pane = compare_view.pane_a()
    qtbot.mouseClick(
        pane.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(pane, a.text.index("Zuckerberg"))
    )
    assert compare_view.current_passage() == -1


def test_table_row_selects_passage_and_shows_both_sides(
    qtbot, compare_view: CompareView, seed_pair: Pair
) -> None:
    _, _, alignment = seed_pair
    table = compare_view.passage_table()
    table.sortByColumn(PassageModel.COL_SCORE, Qt.SortOrder.AscendingOrder)
    lowest = min(range(len(alignment.passages)), key=lambda n: alignment.passages[n].score)
    with qtbot.waitSignal(compare_view.passage_selected, timeout=500) as signal:
        table.selectRow(0)
    assert signal.args == [lowest] and compare_view.current_passage() == lowest
    passage = alignment.passages[lowest]
    assert _visible(compare_view.pane_a(), passage.a_start) and _visible(
        compare_view.pane_b(), passage.b_start
    )
    last = len(alignment.passages) - 1
    compare_view.select_passage(last)  # and the table follows the view
    assert table.currentIndex().data(Qt.ItemDataRole.UserRole) == last


def test_select_passage_scrolls_both_panes(compare_view: CompareView, seed_pair: Pair) -> None:
    _, _, alignment = seed_pair
    count = len(alignment.passages)
    for n in reversed(range(count)):
        compare_view.select_passage(n)
        passage = alignment.passages[n]
        assert _visible(compare_view.pane_a(), passage.a_start)
        assert _visible(compare_view.pane_b(), passage.b_start)
    compare_view.select_passage(-1)
    assert compare_view.current_passage() == -1
    assert not _has(compare_view.pane_a(), SELECTED_PROPERTY)
    with pytest.raises(IndexError):
        compare_view.select_passage(count)


def test_next_and_previous_wrap_round(make_compare_view, crossing_pair: Pair) -> None:
    view = make_compare_view(crossing_pair, 500)
    assert view.passage_count() == 3
    seen = []
    view.passage_selected.connect(seen.append)
    for _ in range(4):
        view.next_passage()
    view.previous_passage()
    assert seen == [0, 1, 2, 0, 2]  # in A's order, wrapping round at the end
    view.select_passage(-1)
    view.previous_passage()  # from nothing, previous goes to the last
    assert view.current_passage() == 2


def test_navigation_follows_the_focused_pane_order(qtbot, make_compare_view, crossing_pair: Pair) -> None:
    _, _, alignment = crossing_pair
    view = make_compare_view(crossing_pair, 500)
    view.pane_b().setFocus()
    qtbot.waitUntil(view.pane_b().hasFocus, timeout=1000)
    order = []
    for _ in range(3):
        view.next_passage()
        order.append(view.current_passage())
    b_starts = [alignment.passages[n].b_start for n in order]
    assert b_starts == sorted(b_starts) and order != sorted(order)  # B's order, not A's


def test_navigation_without_passages_does_nothing(qtbot, seed_pair: Pair) -> None:
    a, b, _ = seed_pair
    view = CompareView()
    qtbot.addWidget(view)
    view.set_pair(a, b, PairAlignment(a.id, b.id, ()))
    view.next_passage()
    view.previous_passage()
    assert view.current_passage() == -1 and view.passage_count() == 0


def test_return_key_selects_the_passage_at_the_cursor(
    qtbot, compare_view: CompareView, seed_pair: Pair
) -> None:
    _, _, alignment = seed_pair
    last = len(alignment.passages) - 1
    pane = compare_view.pane_a()
    pane.setTextCursor(_cursor(pane, alignment.passages[last].a_start + 5))
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert compare_view.current_passage() == last


@pytest.mark.qt_log_ignore("does not support raise")  # offscreen platform, showing the tooltip
def test_tooltip_names_kind_number_and_score(qtbot, compare_view: CompareView, seed_pair: Pair) -> None:
    _, _, alignment = seed_pair
    pane = compare_view.pane_b()
    n = len(alignment.passages) - 1
    passage = alignment.passages[n]
    point = _point_of(pane, passage.b_start + 3)
    QApplication.sendEvent(
        pane.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, pane.viewport().mapToGlobal(point))
    )
    similar = similarity(passage.score, passage.kind)
    expected = f"{passage.kind.value.capitalize()} passage {n + 1} of {n + 1} — {similar} similar"
    assert QToolTip.text().startswith(expected)
    QToolTip.hideText()


def test_sync_scroll_follows_and_can_be_turned_off(compare_view: CompareView) -> None:
    bar_a, bar_b = compare_view.pane_a().verticalScrollBar(), compare_view.pane_b().verticalScrollBar()
    assert bar_a.maximum() > 0 and bar_b.maximum() > 0
    bar_a.setValue(bar_a.maximum())
    assert bar_b.value() == bar_b.maximum()  # the ends line up
    assert bar_a.value() == bar_a.maximum()  # no feedback moved A back
    bar_a.setValue(0)
    assert bar_b.value() == 0
    compare_view.set_sync_scroll(False)
    bar_a.setValue(bar_a.maximum())
    assert bar_b.value() == 0
    compare_view.set_sync_scroll(True)  # re-enabling lines B up at once
    assert bar_b.value() == bar_b.maximum()


def test_sync_scroll_lines_up_an_in_order_passage(compare_view: CompareView, seed_pair: Pair) -> None:
    _, _, alignment = seed_pair
    pane_a, pane_b = compare_view.pane_a(), compare_view.pane_b()
    # A passage deep enough in both articles that both panes can bring it to mid-view.
    passage = max(alignment.passages, key=lambda p: min(p.a_start, p.b_start))
    line = pane_a.line_of(passage.a_start)
    pane_a.verticalScrollBar().setValue(int(line - pane_a.visible_lines() / 2))  # passage at mid-view
    top_a = pane_a.cursorRect(_cursor(pane_a, passage.a_start)).top()
    top_b = pane_b.cursorRect(_cursor(pane_b, passage.b_start)).top()
    assert abs(top_a - top_b) <= 2 * pane_a.fontMetrics().lineSpacing()


def test_aligning_state_shows_text_then_keeps_scroll(compare_view: CompareView, seed_pair: Pair) -> None:
    a, b, alignment = seed_pair
    compare_view.set_pair(a, b, None)
    assert compare_view.pane_a().toPlainText() == a.text and compare_view.pane_b().toPlainText() == b.text
    assert not _has(compare_view.pane_a(), PASSAGE_PROPERTY) and compare_view.passage_count() == 0
    assert compare_view.passage_table().model().rowCount() == 0
    compare_view.pane_a().verticalScrollBar().setValue(10)
    compare_view.set_pair(a, b, alignment)
    assert compare_view.pane_a().verticalScrollBar().value() == 10
    assert compare_view.passage_count() == len(alignment.passages)


def test_alignment_for_other_articles_is_refused(compare_view: CompareView, seed_pair: Pair) -> None:
    a, b, alignment = seed_pair
    with pytest.raises(ValueError):
        compare_view.set_pair(b, a, alignment)


def test_scroll_to_span_selects_and_shows_it(compare_view: CompareView, seed_pair: Pair) -> None:
    _, b, _ = seed_pair
    start = b.text.index("Apple’s new business")
    compare_view.scroll_to_span("b", start, start + 20)
    pane = compare_view.pane_b()
    assert pane.textCursor().selectedText() == b.text[start : start + 20]
    assert _visible(pane, start)


def test_find_selects_hits_and_wraps(compare_view: CompareView, seed_pair: Pair) -> None:
    a, _, _ = seed_pair
    pane = compare_view.pane_a()
    hits = [m.start() for m in re.finditer("Zuckerberg", a.text)]
    assert len(hits) >= 2
    assert compare_view.find_text("zuckerberg")
    assert pane.textCursor().selectedText() == "Zuckerberg"
    assert pane.textCursor().selectionStart() == hits[0]
    assert compare_view.find_text("Zuckerberg")
    assert pane.textCursor().selectionStart() == hits[1]
    assert compare_view.find_text("Zuckerberg", backwards=True)
    assert pane.textCursor().selectionStart() == hits[0]
    for _ in hits[1:]:
        compare_view.find_text("Zuckerberg")
    assert compare_view.find_text("Zuckerberg") and pane.textCursor().selectionStart() == hits[0]  # wrapped
    assert not compare_view.find_text("no such phrase anywhere")
    assert pane.textCursor().selectedText() == "Zuckerberg"
    assert not compare_view.find_text("")


def test_tab_moves_between_panes_and_table(qtbot, compare_view: CompareView) -> None:
    compare_view.pane_a().setFocus()
    qtbot.waitUntil(compare_view.pane_a().hasFocus, timeout=1000)
    qtbot.keyClick(compare_view.pane_a(), Qt.Key.Key_Tab)
    assert compare_view.pane_b().hasFocus()
    qtbot.keyClick(compare_view.pane_b(), Qt.Key.Key_Tab)
    assert compare_view.passage_table().hasFocus()
