"""OverlapMatrix: what the cells hold, their colours, the keyboard, and the wording of tooltips."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest

from desktop.qt.main_window import MainWindow
from desktop.qt.widgets.highlight import contrast
from desktop.qt.widgets.matrix import CAPTION, OverlapMatrix
from tests.qt.helpers import wait_for_overview


def test_matrix_cells_hold_the_row_articles_shared_share(aligned_window: MainWindow) -> None:
    matrix = aligned_window.tabs.matrix
    corpus = aligned_window.session.alignment()
    ids = matrix.article_ids()
    assert ids == [a.id for a in corpus.articles] and len(ids) == 5
    for r, row_id in enumerate(ids):
        assert matrix.value(r, r) is None
        for c, col_id in enumerate(ids):
            if r != c:
                assert matrix.value(r, c) == corpus.pair(row_id, col_id).shared_a
    assert any(matrix.value(r, c) for r in range(len(ids)) for c in range(len(ids)) if r != c)


def test_matrix_keyboard_and_diagonal(qtbot, aligned_window: MainWindow) -> None:
    matrix = aligned_window.tabs.matrix
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
    matrix = aligned_window.tabs.matrix
    assert "inside passages it shares with the column article" in CAPTION
    summary = matrix.cell_summary(0, 1)
    labels = matrix._labels
    assert f"{labels[0]}'s words are in passages shared with {labels[1]}" in summary
    assert "also" not in summary


def test_matrix_tooltip_escapes_outlet_labels(aligned_window: MainWindow, qtbot) -> None:
    window = aligned_window
    a = window.session.articles()[0]
    window.session.set_outlet(a.id, "<img src=x>")
    wait_for_overview(qtbot, window)
    tip = window.tabs.matrix.cell_tooltip(0, 1)
    assert "<img" not in tip and "&lt;img src=x&gt;" in tip
