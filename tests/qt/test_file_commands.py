"""FileCommands: opening files and folders, pasting, exports, and what is said when one fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import Qt  # with QtGui's Qt.mightBeRichText
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.engine.load.articles import article_from_text
from desktop.qt.main_window import MainWindow


def test_same_file_twice_and_clashing_ids(main_window: MainWindow, seed_paths) -> None:
    first = main_window.open_paths([seed_paths[0]])
    again = main_window.open_paths([seed_paths[0]])
    assert len(first) == 1 and again == []
    pasted = article_from_text("Body text of the pasted article.", article_id=first[0].id)
    added = main_window.session.add_articles([pasted])
    assert added[0].id != first[0].id
    assert len({a.id for a in main_window.session.articles()}) == 2


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


def test_export_failure_names_a_markup_file_literally(
    tmp_path: Path, aligned_window: MainWindow, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    target = tmp_path / "missing-folder" / "<b>report.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    aligned_window.menu_actions.export_json.trigger()
    assert len(shown) == 1 and target.name in shown[0]
    assert not Qt.mightBeRichText(shown[0]), "shown as plain text"


def test_export_pair_offers_changes_only_and_remembers_it(
    tmp_path: Path, aligned_window: MainWindow, monkeypatch, warnings
) -> None:
    from desktop.qt.file_commands import PAIR_CHANGES_FILTER, PAIR_FULL_FILTER

    offered: list[tuple[str, str]] = []

    def dialog(_parent, _caption, start, filters, selected="", *args, **kwargs):
        offered.append((filters, selected))
        return str(tmp_path / f"pair-{len(offered)}.html"), PAIR_CHANGES_FILTER

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    aligned_window.menu_actions.export_pair.trigger()
    filters, selected = offered[0]
    assert filters.split(";;") == [PAIR_FULL_FILTER, PAIR_CHANGES_FILTER] and selected == PAIR_FULL_FILTER
    page = (tmp_path / "pair-1.html").read_text("utf-8")
    assert "changes only" in page and 'class="card' in page and "column-a" not in page
    aligned_window.menu_actions.export_pair.trigger()
    assert offered[1][1] == PAIR_CHANGES_FILTER, "the last choice is offered first"
    assert warnings == []


def test_a_large_folder_is_read_in_the_background(
    qtbot, tmp_path: Path, main_window: MainWindow, seed_paths, warnings
) -> None:
    from desktop.qt.file_commands import BACKGROUND_FILES

    text = seed_paths[0].read_text(encoding="utf-8")
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(BACKGROUND_FILES + 1):
        (folder / f"story{k:02d}.txt").write_text(f"Story {k}\n\n{text}", encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    files = main_window.files
    changes: list[bool] = []
    files.loading_changed.connect(changes.append)
    assert main_window.open_paths([folder]) == [], "nothing is read on the GUI thread"
    assert files.is_loading() and main_window.session.articles() == ()
    assert main_window.statusBar().currentMessage() == f"Opening {BACKGROUND_FILES + 2} files…"
    qtbot.waitUntil(lambda: not files.is_loading(), timeout=20000)
    assert len(main_window.session.articles()) == BACKGROUND_FILES + 1
    assert changes == [True, False]
    assert len(warnings) == 1 and "photo.txt" in warnings[0][1], "failures are reported as ever"
    assert str(folder.resolve()) in files.recent_files()


def test_export_json_offers_only_the_pairs_that_share_passages_and_remembers_it(
    tmp_path: Path, aligned_window: MainWindow, monkeypatch, warnings
) -> None:
    from desktop.qt.file_commands import JSON_ALL_FILTER, JSON_SHARED_FILTER

    offered: list[tuple[str, str]] = []
    answers = iter([JSON_SHARED_FILTER, JSON_ALL_FILTER])

    def dialog(_parent, _caption, start, filters, selected="", *args, **kwargs):
        offered.append((filters, selected))
        return str(tmp_path / f"alignment-{len(offered)}.json"), next(answers)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    aligned_window.menu_actions.export_json.trigger()
    aligned_window.menu_actions.export_json.trigger()
    assert offered[0] == (f"{JSON_ALL_FILTER};;{JSON_SHARED_FILTER}", JSON_ALL_FILTER)
    assert offered[1][1] == JSON_SHARED_FILTER, "the last choice is offered first"
    shared = json.loads((tmp_path / "alignment-1.json").read_text("utf-8"))["pairs"]
    every = json.loads((tmp_path / "alignment-2.json").read_text("utf-8"))["pairs"]
    assert len(every) == 10, "five articles: every pair"
    assert shared and all(p["passages"] for p in shared)
    assert shared == [p for p in every if p["passages"]], "the same entries, in the same order"
    assert warnings == []


def test_a_large_set_is_exported_in_the_background(
    qtbot, tmp_path: Path, aligned_window: MainWindow, monkeypatch, warnings
) -> None:
    import desktop.qt.file_commands as file_commands

    monkeypatch.setattr(file_commands, "BACKGROUND_EXPORT", 0)  # five articles count as large
    files = aligned_window.files
    on_gui_thread: list[bool] = []
    real = file_commands._produce_and_write

    def produce_and_write(path, produce):
        on_gui_thread.append(QApplication.instance().thread() is QThread.currentThread())
        return real(path, produce)

    monkeypatch.setattr(file_commands, "_produce_and_write", produce_and_write)
    target = tmp_path / "report.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(files.export_finished, timeout=20000) as finished:
        aligned_window.menu_actions.export_report.trigger()
        assert files.is_exporting()
        assert aligned_window.statusBar().currentMessage() == "Saving report.html…"
    assert finished.args == [str(target), ""]
    assert on_gui_thread == [False]
    assert not files.is_exporting() and "<html" in target.read_text("utf-8").lower()
    assert aligned_window.statusBar().currentMessage() == f"Saved {target}"
    # A failure on the pool thread is reported on the GUI thread, naming the file.
    missing = tmp_path / "missing-folder" / "out.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(missing), ""))
    with qtbot.waitSignal(files.export_finished, timeout=20000) as failed:
        aligned_window.menu_actions.export_json.trigger()
    assert failed.args[0] == str(missing) and "out.json" in failed.args[1]
    assert len(warnings) == 1 and "out.json" in warnings[0][1]


def test_finishing_the_exports_waits_for_one_under_way(
    qtbot, tmp_path: Path, aligned_window: MainWindow, monkeypatch
) -> None:
    import threading

    import desktop.qt.file_commands as file_commands

    monkeypatch.setattr(file_commands, "BACKGROUND_EXPORT", 0)
    release = threading.Event()
    real = file_commands._produce_and_write

    def slow(path, produce):
        release.wait(10)
        return real(path, produce)

    monkeypatch.setattr(file_commands, "_produce_and_write", slow)
    target = tmp_path / "alignment.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    aligned_window.menu_actions.export_json.trigger()
    assert aligned_window.files.is_exporting() and not target.exists()
    threading.Timer(0.3, release.set).start()
    assert aligned_window.files.finish_exports(timeout_s=10)
    assert json.loads(target.read_text("utf-8"))["pairs"]


def test_a_file_still_being_saved_is_not_written_twice_at_once(
    qtbot, tmp_path: Path, aligned_window: MainWindow, monkeypatch
) -> None:
    import threading

    import desktop.qt.file_commands as file_commands

    monkeypatch.setattr(file_commands, "BACKGROUND_EXPORT", 0)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text))
    release = threading.Event()
    real = file_commands._produce_and_write
    monkeypatch.setattr(file_commands, "_produce_and_write", lambda p, f: (release.wait(10), real(p, f))[1])
    target = tmp_path / "alignment.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    files = aligned_window.files
    with qtbot.waitSignal(files.export_finished, timeout=20000):
        aligned_window.menu_actions.export_json.trigger()
        aligned_window.menu_actions.export_json.trigger()  # the same file while the first is saved
        assert shown == ["alignment.json is still being saved. Try again when it is done."]
        release.set()
    assert not files.is_exporting() and json.loads(target.read_text("utf-8"))["pairs"]
