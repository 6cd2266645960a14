"""CompareView marks: passage tints, changed words, boilerplate, unique text, palettes.

Also the pure helpers behind them (offset mapping, format layering, scroll anchors).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop.engine.align.pair import align_pair
from desktop.engine.load.articles import article_from_text
from desktop.engine.model import Article, Kind, Op, PairAlignment
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
from desktop.qt.widgets.syncscroll import interpolate, ordered_chain, sync_fraction
from desktop.qt.widgets.textmarks import OffsetMap, PaneSpan, flatten_layers

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


# ---------------------------------------------------------------------- highlighting


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


def test_changed_words_struck_in_a_and_underlined_in_b(compare_view: CompareView, seed_pair: Pair) -> None:
    a, b, alignment = seed_pair
    deletes = [d for p in alignment.passages for d in p.diff if d.op is Op.DELETE]
    inserts = [d for p in alignment.passages for d in p.diff if d.op is Op.INSERT]
    struck = _marked(compare_view.pane_a(), WORD_PROPERTY, "delete")
    underlined = _marked(compare_view.pane_b(), WORD_PROPERTY, "insert")
    worded_deletes = [d for d in deletes if _WORD.search(a.text[d.a_start : d.a_end])]
    worded_inserts = [d for d in inserts if _WORD.search(b.text[d.b_start : d.b_end])]
    assert worded_deletes and worded_inserts
    _assert_words_marked(
        compare_view.pane_a(), a.text, [(d.a_start, d.a_end) for d in worded_deletes], struck, strike=True
    )
    _assert_words_marked(
        compare_view.pane_b(),
        b.text,
        [(d.b_start, d.b_end) for d in worded_inserts],
        underlined,
        strike=False,
    )
    # punctuation-only changes (the seed pair has a "," for ".") and surrounding spaces stay unmarked
    for op in deletes:
        if not _WORD.search(a.text[op.a_start : op.a_end]):
            assert not set(range(op.a_start, op.a_end)) & struck
        else:  # white space around the words is not struck
            assert (
                not (set(range(op.a_start, op.a_end)) - set(_trimmed(a.text, op.a_start, op.a_end))) & struck
            )
    assert not _marked(compare_view.pane_a(), WORD_PROPERTY, "insert")
    assert not _marked(compare_view.pane_b(), WORD_PROPERTY, "delete")


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


# ---------------------------------------------------------------------- palette


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


# ---------------------------------------------------------------------- helpers


def test_offset_map_round_trips_through_surrogate_pairs() -> None:
    text = "a\U0001f600b\U0001f600\U0001f600c"
    mapping = OffsetMap(text)
    utf16 = [len(text[:i].encode("utf-16-le")) // 2 for i in range(len(text) + 1)]
    assert [mapping.to_qt(i) for i in range(len(text) + 1)] == utf16
    assert [mapping.to_py(q) for q in utf16] == list(range(len(text) + 1))
    assert mapping.to_py(utf16[1] + 1) == 1  # between the two halves of the emoji: the emoji


def test_flatten_layers_merges_overlaps_in_order() -> None:
    italic, bold, strike = QTextCharFormat(), QTextCharFormat(), QTextCharFormat()
    italic.setFontItalic(True)
    bold.setFontWeight(QFont.Weight.Bold)
    bold.setFontItalic(False)
    strike.setFontStrikeOut(True)
    out = flatten_layers([(0, 10, 0, italic), (5, 15, 1, bold), (7, 8, 2, strike), (20, 20, 0, strike)])
    assert [(s, e) for s, e, _ in out] == [(0, 5), (5, 7), (7, 8), (8, 10), (10, 15)]
    formats = {(s, e): f for s, e, f in out}
    assert formats[(0, 5)].fontItalic() and formats[(0, 5)].fontWeight() != QFont.Weight.Bold
    assert not formats[(5, 7)].fontItalic() and formats[(5, 7)].fontWeight() == QFont.Weight.Bold
    assert formats[(7, 8)].fontStrikeOut() and formats[(7, 8)].fontWeight() == QFont.Weight.Bold


def test_scroll_anchors_use_the_heaviest_in_order_chain() -> None:
    def pair(a: int, b: int, size: int) -> tuple[PaneSpan, PaneSpan]:
        return PaneSpan(a, a + size, Kind.VERBATIM), PaneSpan(b, b + size, Kind.VERBATIM)

    # A: p0 p1 p2 p3; B: p3 p1 p2 p0 -- p1 and p2 (the long ones) keep their order.
    pairs = [pair(0, 900, 10), pair(100, 100, 200), pair(400, 400, 200), pair(700, 0, 10)]
    assert ordered_chain(pairs) == [1, 2]
    assert ordered_chain([]) == []
    anchors = [(0.0, 0.0), (10.0, 20.0), (20.0, 20.0), (30.0, 40.0)]
    assert interpolate(anchors, 5) == 10 and interpolate(anchors, 15) == 20 and interpolate(anchors, 99) == 40
    assert (
        sync_fraction(0, 100, 20) == 0
        and sync_fraction(50, 100, 20) == 0.5
        and sync_fraction(100, 100, 20) == 1
    )
