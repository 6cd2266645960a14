"""CompareTab: the session's pair with its picker, summary line, passages and find bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from desktop.qt.main_window import MainWindow
from tests.qt.helpers import activate, small_window


def test_find_bar_enter_shift_enter_and_escape(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    activate(qtbot, window)
    window.compare_tab.compare.pane_a().setFocus()
    QTest.keyClick(window.compare_tab.compare.pane_a(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.compare_tab.find_bar.isVisible() and window.compare_tab.find_bar.edit.hasFocus()
    a_text = window.session.article(window.session.pair()[0]).text
    word = next(w for w in a_text.split() if w.isalpha() and len(w) > 5 and a_text.count(w) >= 2)
    QTest.keyClicks(window.compare_tab.find_bar.edit, word)
    QTest.keyClick(window.compare_tab.find_bar.edit, Qt.Key.Key_Return)
    cursor = window.compare_tab.compare.pane_a().textCursor()
    assert cursor.selectedText() == word
    first = cursor.selectionStart()
    QTest.keyClick(window.compare_tab.find_bar.edit, Qt.Key.Key_Return)
    second = window.compare_tab.compare.pane_a().textCursor().selectionStart()
    assert second != first
    QTest.keyClick(window.compare_tab.find_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.compare_tab.compare.pane_a().textCursor().selectionStart() == first
    window.compare_tab.find_bar.edit.setText("zzqqxx-not-in-any-article")
    QTest.keyClick(window.compare_tab.find_bar.edit, Qt.Key.Key_Return)
    assert window.compare_tab.find_bar.status.text() == "Not found"
    QTest.keyClick(window.compare_tab.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.compare_tab.find_bar.isVisible()


def test_swap_and_pair_picker(aligned_window: MainWindow) -> None:
    window = aligned_window
    a, b = window.session.pair()
    window.compare_tab.picker.swap.click()
    assert window.session.pair() == (b, a)
    assert window.session.pair_alignment().a == b
    # Choosing for A the article shown as B swaps them instead of comparing it with itself.
    window.compare_tab.picker.combo_a.setCurrentIndex(window.compare_tab.picker.combo_b.currentIndex())
    window.compare_tab.picker.combo_a.activated.emit(window.compare_tab.picker.combo_a.currentIndex())
    assert window.session.pair() == (a, b)


def test_a_new_pair_opens_on_its_first_passage_and_realigning_keeps_the_selection(
    qtbot, aligned_window: MainWindow
) -> None:
    window = aligned_window
    assert window.compare_tab.compare.current_passage() == 0
    assert window.passage_label.text() == f"Passage 1 of {window.compare_tab.compare.passage_count()}"
    window.compare_tab.compare.select_passage(1)
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        window.settings_panel.ignore_typography.setChecked(False)
    assert window.compare_tab.compare.current_passage() == 1


def test_the_small_window_elides_the_pair_labels(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    window = small_window(qtbot, window_settings)
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        window.open_paths(seed_paths)
    elided = 0
    for combo in (window.compare_tab.picker.combo_a, window.compare_tab.picker.combo_b):
        shown = combo.displayed_text()
        metrics = combo.fontMetrics()
        assert metrics.horizontalAdvance(shown) < combo.width() - 20, "the arrow stays clear"
        if metrics.horizontalAdvance(combo.currentText()) >= combo.width() - 20:
            assert shown.endswith("…") and shown != combo.currentText()
            elided += 1
    assert elided, "in the small window at least one label is too long, so eliding is tested"


def test_find_says_which_match_of_how_many_and_when_it_wrapped(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    tab = window.compare_tab
    tab.compare.pane_a().setFocus()
    tab.open_find()
    a_text = window.session.article(window.session.pair()[0]).text
    count = a_text.lower().count("zuckerberg")
    assert count >= 2
    tab.find_bar.edit.setText("Zuckerberg")
    notes = []
    for _ in range(count + 1):
        QTest.keyClick(tab.find_bar.edit, Qt.Key.Key_Return)
        notes.append(tab.find_bar.status.text())
    assert notes[:count] == [f"{k} of {count}" for k in range(1, count + 1)]
    assert notes[count] == f"1 of {count} · wrapped to the top"
    QTest.keyClick(tab.find_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert tab.find_bar.status.text() == f"{count} of {count} · wrapped to the bottom"


def test_a_short_passage_table_leaves_the_room_to_the_texts(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    window = MainWindow(window_settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        window.open_paths(seed_paths)
    corpus = window.session.alignment()
    few = min((p for p in corpus.pairs if p.passages), key=lambda p: len(p.passages))
    window.open_pair(few.a, few.b)
    table = window.compare_tab.passage_table
    rows = len(few.passages)
    assert rows <= 3
    qtbot.wait(50)
    needed = table.horizontalHeader().height() + rows * table.verticalHeader().defaultSectionSize()
    assert table.height() <= needed + 2 * table.frameWidth() + 2, (table.height(), needed)
    assert window.compare_tab.compare.height() > 500


def test_outlet_names_in_the_pair_summary_and_file_names_cannot_reorder_them() -> None:
    """An override (U+202E) in an outlet name stays inside an isolate in the summary line,
    and is dropped from the default export file name."""
    from desktop.engine.align.pair import align_pair
    from desktop.engine.load.articles import article_from_text
    from desktop.qt.compare_tab import pair_summary
    from desktop.qt.file_commands import safe_file_name

    a = article_from_text("Markets fell on Monday after the report.", article_id="a", outlet="Reuters\u202e")
    b = article_from_text("Weather was mild across the region today.", article_id="b", outlet="AP")
    summary = pair_summary(a, b, align_pair(a, b))
    start = summary.index("Reuters")
    assert summary[start - 1] == "\u2068" and summary.index("\u2069", start) < summary.index(" and ")
    assert "\u202c" in summary[start : summary.index(" and ")], "the override is closed inside the isolate"
    assert safe_file_name("Reuters\u202elmth.exe vs AP") == "Reuterslmth.exe vs AP"
