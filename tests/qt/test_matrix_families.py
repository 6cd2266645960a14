"""The whole set at once: the overlap matrix and the passage families panel."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtTest import QTest

from desktop.engine.align.worddiff import word_diff
from desktop.engine.model import Kind, Op
from desktop.qt.highlight import WORD_PROPERTY, contrast
from desktop.qt.main_window import TAB_COMPARE, TAB_FAMILIES, TAB_MATRIX, MainWindow
from desktop.qt.widgets.matrix import CAPTION, OverlapMatrix


def test_matrix_cells_hold_the_row_articles_shared_share(aligned_window: MainWindow) -> None:
    matrix = aligned_window.matrix
    corpus = aligned_window.corpus()
    ids = matrix.article_ids()
    assert ids == [a.id for a in corpus.articles] and len(ids) == 5
    for r, row_id in enumerate(ids):
        assert matrix.value(r, r) is None
        for c, col_id in enumerate(ids):
            if r != c:
                assert matrix.value(r, c) == corpus.pair(row_id, col_id).shared_a
    assert any(matrix.value(r, c) for r in range(len(ids)) for c in range(len(ids)) if r != c)


def test_clicking_a_matrix_cell_opens_that_pair(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    window.tabs.setCurrentIndex(TAB_MATRIX)
    matrix = window.matrix
    ids = matrix.article_ids()
    row, col = 3, 1
    with qtbot.waitSignal(matrix.pair_activated) as blocker:
        QTest.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect(row, col).center())
    assert blocker.args == [ids[row], ids[col]]
    assert window.pair() == (ids[row], ids[col])
    assert window.tabs.currentIndex() == TAB_COMPARE
    assert window.compare.passage_count() == len(window.corpus().pair(ids[row], ids[col]).passages)


def test_matrix_keyboard_and_diagonal(qtbot, aligned_window: MainWindow) -> None:
    matrix = aligned_window.matrix
    ids = matrix.article_ids()
    fired: list[tuple[str, str]] = []
    matrix.pair_activated.connect(lambda a, b: fired.append((a, b)))
    QTest.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect(2, 2).center())
    assert fired == [], "the diagonal compares an article with itself: nothing to open"
    matrix.setFocus()
    QTest.keyClick(matrix, Qt.Key.Key_Right)
    QTest.keyClick(matrix, Qt.Key.Key_Down)
    assert matrix.current_cell() == (3, 3)
    QTest.keyClick(matrix, Qt.Key.Key_Left)
    assert aligned_window.statusBar().currentMessage() == matrix.cell_summary(3, 2)
    QTest.keyClick(matrix, Qt.Key.Key_Right)
    QTest.keyClick(matrix, Qt.Key.Key_Left)
    QTest.keyClick(matrix, Qt.Key.Key_Return)
    assert fired == [(ids[3], ids[2])]


def test_matrix_colours_grow_with_the_share_and_numbers_stay_readable(qtbot) -> None:
    for window_color, base in (
        (QColor("#efefef"), QColor("#ffffff")),
        (QColor("#2d2d30"), QColor("#1e1e20")),
    ):
        matrix = OverlapMatrix()
        qtbot.addWidget(matrix)
        palette = matrix.palette()
        palette.setColor(QPalette.ColorRole.Window, window_color)
        palette.setColor(QPalette.ColorRole.Base, base)
        matrix.setPalette(palette)
        low, high = matrix.color_for(0.05), matrix.color_for(0.9)
        assert contrast(high, base) > contrast(low, base), "a larger share stands out more"
        for value in (0.0, 0.2, 0.5, 0.8, 1.0):
            fill = matrix.color_for(value)
            assert contrast(matrix.text_color_on(fill), fill) >= 4.5


def test_matrix_says_what_its_share_measures(aligned_window: MainWindow) -> None:
    # The share counts words inside shared passages, not words that merely also occur.
    matrix = aligned_window.matrix
    assert "inside passages it shares with the column article" in CAPTION
    summary = matrix.cell_summary(0, 1)
    labels = matrix._labels
    assert f"{labels[0]}'s words are in passages shared with {labels[1]}" in summary
    assert "also" not in summary


def test_matrix_tooltip_escapes_outlet_labels(aligned_window: MainWindow) -> None:
    window = aligned_window
    a = window.articles.articles()[0]
    window.articles.set_outlet(a.id, "<img src=x>")
    tip = window.matrix.cell_tooltip(0, 1)
    assert "<img" not in tip and "&lt;img src=x&gt;" in tip


def _version_line(panel, version) -> tuple[str, list[str], list[str]]:
    """The text line of a version: (kept text, deleted pieces, inserted pieces)."""
    line = panel.versions.document().findBlockByNumber(version.first_block + 1)
    kept: list[str] = []
    deleted: list[str] = []
    inserted: list[str] = []
    it = line.begin()
    while not it.atEnd():
        fragment = it.fragment()
        mark = fragment.charFormat().property(WORD_PROPERTY)
        if mark == Op.DELETE.value:
            deleted.append(fragment.text())
        else:
            kept.append(fragment.text())
            if mark == Op.INSERT.value:
                inserted.append(fragment.text())
        it += 1
    return "".join(kept), deleted, inserted


def test_families_panel_lists_families_and_stacks_versions(aligned_window: MainWindow) -> None:
    window = aligned_window
    window.tabs.setCurrentIndex(TAB_FAMILIES)
    panel = window.families
    corpus = window.corpus()
    assert sorted(panel.family_ids()) == sorted(f.id for f in corpus.families)
    counts = [int(panel.list.topLevelItem(i).text(1)) for i in range(panel.list.topLevelItemCount())]
    assert counts == sorted(counts, reverse=True), "the most widely carried families come first"
    any_inserted = False
    for family in corpus.families:
        assert panel.select_family(family.id)
        assert panel.current_family() == family
        blocks = panel.version_blocks()
        assert len(blocks) == len(family.members)
        assert blocks[0].member == family.central_member
        assert "central version" in panel.versions.document().findBlockByNumber(0).text()
        for version in blocks:
            article = corpus.article(version.member.article)
            kept, deleted, inserted = _version_line(panel, version)
            own = " ".join(article.text[version.member.start : version.member.end].split())
            assert " ".join(kept.split()) == own, "each version shows its own text, word for word"
            if version.member == family.central_member:
                assert deleted == [] and inserted == []
            any_inserted = any_inserted or bool(inserted)
    assert any_inserted, "an edited version highlights its own words"


def test_activating_a_version_opens_a_pair_with_it_and_scrolls_to_it(
    qtbot, aligned_window: MainWindow
) -> None:
    window = aligned_window
    window.tabs.setCurrentIndex(TAB_FAMILIES)
    panel = window.families
    corpus = window.corpus()
    a, b = window.pair()
    family = next(f for f in corpus.families if any(m.article not in (a, b) for m in f.members))
    panel.select_family(family.id)
    index, version = next(
        (n, v) for n, v in enumerate(panel.version_blocks()) if v.member.article not in (a, b)
    )
    with qtbot.waitSignal(panel.version_activated) as blocker:
        cursor = QTextCursor(panel.versions.document().findBlockByNumber(version.first_block + 1))
        panel.versions.setTextCursor(cursor)
        panel.versions.setFocus()
        QTest.keyClick(panel.versions, Qt.Key.Key_Return)
    member = version.member
    assert blocker.args == [member.article, member.start, member.end]
    assert window.tabs.currentIndex() == TAB_COMPARE
    assert member.article in window.pair()
    side = window.compare.pane_a() if window.pair()[0] == member.article else window.compare.pane_b()
    selected = side.textCursor()
    assert selected.selectionStart() == side.to_qt(member.start)
    top, _ = side.span_y(member.start, member.end)
    assert 0 <= top < side.viewport().height()
    assert index >= 0


def test_family_versions_show_shared_words_unmarked(aligned_window: MainWindow) -> None:
    """Each version marks exactly what its marked_diff keeps: its shared words stay plain,
    paraphrases show no struck-through central words, loose paraphrases no marks at all."""
    window = aligned_window
    panel = window.families
    corpus = window.corpus()
    paraphrase_with_shared_words = False
    for family in corpus.families:
        panel.select_family(family.id)
        central = family.central_member
        central_text = corpus.article(central.article).text
        for version in panel.version_blocks()[1:]:
            m = version.member
            text = corpus.article(m.article).text
            assert m.diff == word_diff(
                central_text, central.start, central.end, text, m.start, m.end, corpus.settings
            )
            shown = m.marked_diff
            kept, deleted, inserted = _version_line(panel, version)
            assert _squeezed(inserted) == _squeezed(
                text[o.b_start : o.b_end] for o in shown if o.op is Op.INSERT
            )
            assert _squeezed(deleted) == _squeezed(
                central_text[o.a_start : o.a_end] for o in shown if o.op is Op.DELETE
            )
            if m.kind is Kind.PARAPHRASE:
                assert deleted == []
                equal = [o for o in shown if o.op is Op.EQUAL]
                paraphrase_with_shared_words |= bool(equal) and bool(inserted)
    assert paraphrase_with_shared_words, "a close paraphrase shows its shared words as unchanged"


def _squeezed(pieces: Iterable[str]) -> str:
    """Text pieces run together without white space (spacing between marks may differ)."""
    return "".join("".join(pieces).split())
