"""The main window driven like a user would: open, pick a pair, navigate, tune, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.engine.load.articles import article_from_text
from desktop.engine.model import CorpusAlignment
from desktop.qt.main_tabs import TAB_COMPARE
from desktop.qt.main_window import MainWindow
from desktop.qt.widgets.highlight import PASSAGE_PROPERTY, WORD_PROPERTY


def _richest_pair(window: MainWindow) -> tuple[str, str]:
    corpus = window.session.alignment()
    assert corpus is not None
    best = max(corpus.pairs, key=lambda p: len(p.passages))
    return best.a, best.b


def _activate(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


@pytest.fixture
def warnings(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes the window shows, recorded instead of blocking the test."""
    shown: list[tuple[str, str]] = []

    def record(_parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "information", record)
    return shown


def test_opening_the_samples_aligns_them_and_shows_a_pair(aligned_window: MainWindow) -> None:
    window = aligned_window
    assert len(window.session.articles()) == 5
    a, b = window.session.pair()
    alignment = window.session.pair_alignment()
    assert alignment is not None and alignment.passages, "the pair chosen first shares passages"
    assert window.compare_tab.compare.passage_count() == len(alignment.passages)
    title_a = window.session.article(a).title
    assert window.windowTitle().endswith("— Syndiff")
    assert "↔" in window.windowTitle() and title_a[:20] in window.windowTitle()
    assert f"{len(alignment.passages)} shared passage" in window.compare_tab.summary.text()
    assert f"{alignment.shared_a:.0%}" in window.compare_tab.summary.text()
    shared_column = [window.article_model.index(r, 3).data() for r in range(5)]
    assert all(v.endswith("%") for v in shared_column)
    assert window.compare_tab.picker.pair() == (a, b)


def test_passages_and_changed_words_are_highlighted(aligned_window: MainWindow) -> None:
    window = aligned_window
    window.session.set_pair(*_richest_pair(window))
    alignment = window.session.pair_alignment()
    selections = window.compare_tab.compare.pane_a().extraSelections()
    marked = {
        s.format.property(PASSAGE_PROPERTY) for s in selections if s.format.hasProperty(PASSAGE_PROPERTY)
    }
    assert marked == set(range(len(alignment.passages)))
    pane_a = window.compare_tab.compare.pane_a()
    first = alignment.passages[0]
    hits = [
        s
        for s in selections
        if s.format.property(PASSAGE_PROPERTY) == 0
        and pane_a.to_qt(first.a_start) <= s.cursor.selectionStart() < pane_a.to_qt(first.a_end)
    ]
    assert hits, "the first passage's text carries its passage mark"
    has_deletes = any(d.op.value == "delete" for p in alignment.passages for d in p.diff)
    deleted = [s for s in selections if s.format.property(WORD_PROPERTY) == "delete"]
    assert bool(deleted) == has_deletes


def test_clicking_a_passage_brings_its_counterpart_into_view(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    window.resize(1000, 560)  # short panes, so a counterpart can be out of sight
    window.session.set_pair(*_richest_pair(window))
    window.menu_actions.sync_scroll.setChecked(False)  # only the selection may move B
    alignment = window.session.pair_alignment()
    index = max(range(len(alignment.passages)), key=lambda n: alignment.passages[n].b_start)
    passage = alignment.passages[index]
    pane_a, pane_b = window.compare_tab.compare.pane_a(), window.compare_tab.compare.pane_b()
    pane_a.ensure_span_visible(passage.a_start, passage.a_end)
    bar = pane_b.verticalScrollBar()

    def counterpart_visible() -> bool:
        top, bottom = pane_b.span_y(passage.b_start, passage.b_end)
        return bottom > 0 and top < pane_b.viewport().height()

    # Scroll B to where the counterpart is out of sight.
    for value in (bar.minimum(), bar.maximum()):
        bar.setValue(value)
        if not counterpart_visible():
            break
    assert not counterpart_visible(), "B scrolls far enough to hide the counterpart"
    geometry = pane_a.geometry_at(passage.a_start + 3)
    point = QPoint(int(geometry.x) + 2, int(geometry.top + geometry.height / 2))
    QTest.mouseClick(pane_a.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert window.compare_tab.compare.current_passage() == index
    top, _ = pane_b.span_y(passage.b_start, passage.b_end)
    assert 0 <= top < pane_b.viewport().height()
    assert window.passage_label.text() == f"Passage {index + 1} of {len(alignment.passages)}"


def test_navigation_shortcuts_step_through_passages(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    window.session.set_pair(*_richest_pair(window))
    count = window.compare_tab.compare.passage_count()
    assert count >= 2
    _activate(qtbot, window)
    pane = window.compare_tab.compare.pane_a()
    pane.setFocus()
    window.compare_tab.compare.select_passage(0)
    first = window.compare_tab.compare.current_passage()
    assert window.passage_label.text() == f"Passage {first + 1} of {count}"
    QTest.keyClick(pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    second = window.compare_tab.compare.current_passage()
    assert second != first
    assert window.passage_label.text() == f"Passage {second + 1} of {count}"
    QTest.keyClick(pane, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.compare_tab.compare.current_passage() == first
    QTest.keyClick(pane, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.compare_tab.compare.current_passage() == second
    QTest.keyClick(pane, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.passage_label.text() == f"Passage {first + 1} of {count}"


def test_find_bar_enter_shift_enter_and_escape(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    _activate(qtbot, window)
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


def test_changing_a_setting_realigns_in_background_and_is_remembered(
    qtbot, aligned_window: MainWindow, window_settings: QSettings
) -> None:
    window = aligned_window
    before = window.session.generation()
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000) as blocker:
        window.settings_panel.min_words.setValue(40)
        window.settings_panel.ignore_punctuation.setChecked(True)
    generation, corpus = blocker.args
    assert generation > before
    assert corpus.settings.min_words == 40 and corpus.settings.ignore_punctuation
    assert all(
        min(p.a_end - p.a_start, p.b_end - p.b_start) > 0 for pair in corpus.pairs for p in pair.passages
    )
    assert window.session.alignment().settings == window.session.settings()
    window_settings.sync()
    reread = QSettings(window_settings.fileName(), QSettings.Format.IniFormat)
    assert int(reread.value("alignment/min_words")) == 40
    assert str(reread.value("alignment/ignore_punctuation")).lower() == "true"


def test_a_file_that_cannot_be_loaded_is_reported_and_the_rest_load(
    tmp_path: Path, main_window: MainWindow, seed_paths, warnings
) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    added = main_window.open_paths([seed_paths[0], png, empty, seed_paths[1]])
    assert len(added) == 2
    assert len(warnings) == 1
    title, text = warnings[0]
    assert "photo.txt" in text and "binary" in text
    assert "empty.txt" in text and "empty" in text
    assert "2 articles were loaded" in text


def test_a_folder_without_articles_is_reported(tmp_path: Path, main_window: MainWindow, warnings) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n")
    assert main_window.open_paths([tmp_path]) == []
    assert len(warnings) == 1 and tmp_path.name in warnings[0][1]
    assert main_window.session.pair() is None
    assert main_window.compare_tab.currentWidget() is main_window.compare_tab.welcome


def test_markup_in_an_article_is_shown_literally(qtbot, main_window: MainWindow, seed_paths) -> None:
    hostile = "Breaking <b>bold</b><script>x</script> news & more\n\n" + seed_paths[0].read_text("utf-8")
    article = article_from_text(hostile, title="<b>bold</b><script>x</script>", outlet="<i>Evil</i>")
    other = article_from_text(seed_paths[1].read_text("utf-8"), outlet="Other")
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.session.add_articles([article, other])
    main_window.session.set_pair(article.id, other.id)
    assert "<b>bold</b><script>x</script>" in main_window.compare_tab.compare.pane_a().toPlainText()
    assert "<b>bold</b><script>x</script>" in main_window.windowTitle()
    assert (
        "<i>Evil</i>" in main_window.compare_tab.summary.text()
        or main_window.compare_tab.summary.textFormat() == Qt.TextFormat.PlainText
    )
    tooltip = main_window.article_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<script>" not in tooltip and "&lt;script&gt;" in tooltip


def test_dropping_files_on_the_window_opens_them(qtbot, main_window: MainWindow, seed_paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in seed_paths[:2]])
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.dropEvent(event)
    assert [a.path for a in main_window.session.articles()] == [str(p) for p in seed_paths[:2]]
    assert main_window.session.pair() is not None
    assert main_window.files.recent_files()[:2] == [str(p) for p in reversed(seed_paths[:2])]


def test_file_open_dialog_adds_several_files(qtbot, main_window: MainWindow, seed_paths, monkeypatch) -> None:
    chosen = [str(p) for p in seed_paths[2:5]]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.menu_actions.open.trigger()
    assert len(main_window.session.articles()) == 3
    main_window.menu_actions.open.trigger()  # the same files again: nothing added twice
    assert len(main_window.session.articles()) == 3


def test_export_json_writes_the_alignment(tmp_path: Path, aligned_window: MainWindow, monkeypatch) -> None:
    target = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    aligned_window.menu_actions.export_json.trigger()
    data = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert len(data["articles"]) == 5
    assert data["settings"]["min_words"] == aligned_window.session.settings().min_words


def test_export_pair_html(tmp_path: Path, aligned_window: MainWindow, monkeypatch, warnings) -> None:
    pytest.importorskip("desktop.engine.export.html_report")
    target = tmp_path / "pair.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    aligned_window.menu_actions.export_pair.trigger()
    assert warnings == []
    page = target.read_text("utf-8")
    a = aligned_window.session.article(aligned_window.session.pair()[0])
    assert "<html" in page.lower() and a.title.split()[0] in page


def test_export_failure_is_reported(
    tmp_path: Path, aligned_window: MainWindow, monkeypatch, warnings
) -> None:
    target = tmp_path / "missing-folder" / "out.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    aligned_window.menu_actions.export_json.trigger()
    assert len(warnings) == 1 and "out.json" in warnings[0][1]


def test_layout_and_view_options_persist(
    qtbot, aligned_window: MainWindow, window_settings: QSettings
) -> None:
    window = aligned_window
    window.menu_actions.show_unique.setChecked(True)
    window.tabs.setCurrentIndex(2)
    window.resize(window.width(), 530)  # the offscreen screen is only 800x600
    expected = window.size()
    window.close()
    again = MainWindow(QSettings(window_settings.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.menu_actions.show_unique.isChecked()
    assert again.tabs.currentIndex() == 2
    assert again.size().height() == expected.height()
    assert again.files.recent_files(), "the sample folder or files are in Open Recent"
    assert again.settings_panel.settings() == window.settings_panel.settings()


def test_unique_toggle_marks_text_found_nowhere_else(aligned_window: MainWindow) -> None:
    from desktop.qt.widgets.highlight import UNIQUE_PROPERTY

    window = aligned_window
    window.menu_actions.show_unique.setChecked(True)
    unique = [
        s
        for s in window.compare_tab.compare.pane_a().extraSelections()
        if s.format.hasProperty(UNIQUE_PROPERTY)
    ]
    assert unique
    window.menu_actions.show_unique.setChecked(False)
    unique = [
        s
        for s in window.compare_tab.compare.pane_a().extraSelections()
        if s.format.hasProperty(UNIQUE_PROPERTY)
    ]
    assert unique == []


def test_compare_tab_and_remove_article(aligned_window: MainWindow, qtbot) -> None:
    window = aligned_window
    a, b = window.session.pair()
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000) as blocker:
        window.session.remove_articles([a])
    corpus: CorpusAlignment = blocker.args[1]
    assert a not in [x.id for x in corpus.articles]
    assert window.session.pair() is not None and a not in window.session.pair()
    assert window.tabs.currentIndex() == TAB_COMPARE
    # The overview shows the alignment in force: never the closed article.
    assert window.tabs.matrix.article_ids() == window.session.article_ids()


def test_new_article_dialog_refuses_empty_text_and_builds_the_article(qtbot) -> None:
    from desktop.qt.dialogs import NewArticleDialog

    dialog = NewArticleDialog()
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("My title")
    dialog.outlet_edit.setText("Le Temps")
    dialog.text_edit.setPlainText("   \n  ")
    dialog._on_buttons_accepted()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error.isVisibleTo(dialog) and "paste the article" in dialog.error.text()
    dialog.text_edit.setPlainText("First line\n\nThe body of the <b>article</b>.")
    dialog._on_buttons_accepted()
    assert dialog.result() == dialog.DialogCode.Accepted
    article = dialog.article()
    assert (article.title, article.outlet) == ("My title", "Le Temps")
    assert "<b>article</b>" in article.text


def test_new_article_command_adds_the_pasted_text(qtbot, main_window: MainWindow, monkeypatch) -> None:
    from desktop.qt.dialogs import NewArticleDialog

    def fake_exec(dialog: NewArticleDialog) -> int:
        dialog.text_edit.setPlainText("Pasted headline\n\nPasted body text of the story.")
        dialog.outlet_edit.setText("Clipboard News")
        dialog._on_buttons_accepted()
        return dialog.result()

    monkeypatch.setattr(NewArticleDialog, "exec", fake_exec)
    main_window.menu_actions.new_article.trigger()
    (article,) = main_window.session.articles()
    assert article.outlet == "Clipboard News" and article.title == "Pasted headline"


def test_every_command_has_a_shortcut_and_a_tooltip(main_window: MainWindow) -> None:
    from desktop.qt.dialogs import ShortcutsDialog

    actions = main_window.menu_actions.all
    assert len(actions) >= 30
    for action in actions:
        assert action.shortcuts(), action.text()
        assert action.toolTip() and action.toolTip() != action.text().replace("&", ""), action.text()
    dialog = ShortcutsDialog(actions, main_window)
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())
    }
    assert "Alt+Down" in rows["Next Passage"] and "Ctrl+Down" in rows["Next Passage"]
    dialog.deleteLater()
    menus = [a.text().replace("&", "") for a in main_window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Go", "Help"]


def test_alignment_failure_is_reported(qtbot, window_settings: QSettings, warnings) -> None:
    def broken(articles, settings, *, progress, cancelled):
        raise RuntimeError("index out of range")

    window = MainWindow(window_settings, align=broken)
    qtbot.addWidget(window)
    window.session.add_articles([article_from_text("One article body.", article_id="x")])
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert warnings[0][0] == "Alignment failed" and "index out of range" in warnings[0][1]
    assert not window.progress.isVisible()


def test_the_samples_are_found_and_the_entry_point_runs() -> None:
    import subprocess
    import sys

    from desktop.paths import seed_files

    assert len(seed_files()) == 5
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("syndiff ")


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
