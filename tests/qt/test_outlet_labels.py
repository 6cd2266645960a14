"""Issue 12, items 5 and 6: readable outlet labels everywhere, renames that persist, sets reopened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from desktop.engine.export.html_report import html_document
from desktop.qt.article_model import ArticleModel
from desktop.qt.main_window import MainWindow
from desktop.qt.widgets.matrix import matrix_labels
from desktop.qt.workspace_commands import Answer, WorkspaceCommands
from tests.qt.helpers import show_widget

EXPECTED = ["V Social Media of Hollywood", "Article 2", "Article 3", "Android Headlines", "Article 5"]


def _everywhere(window: MainWindow, monkeypatch) -> dict[str, list[str]]:
    """The labels as the list, the pickers, the matrix, the HTML and the export name show them."""
    model = window.article_model
    picker = window.compare_tab.picker.combo_a
    corpus = window.session.alignment()
    pair = window.session.pair()
    page = html_document(corpus, pair)
    names: list[str] = []

    def capture(_parent, _caption, start, _filter, *_selected):
        names.append(Path(start).name)
        return ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", capture)
    window.menu_actions.export_pair.trigger()
    return {
        "list": [model.index(r, ArticleModel.OUTLET).data() for r in range(model.rowCount())],
        "picker": [picker.itemText(i) for i in range(picker.count())],
        "matrix": matrix_labels(corpus),
        "html": [page[page.index("<h1>") : page.index("</h1>")]],
        "export name": names,
    }


def test_articles_without_an_outlet_get_readable_labels_everywhere(
    aligned_window: MainWindow, monkeypatch
) -> None:
    assert [a.outlet for a in aligned_window.session.articles()] == EXPECTED
    shown = _everywhere(aligned_window, monkeypatch)
    for place, texts in shown.items():
        joined = " | ".join(texts)
        assert "Article" in joined or "Android" in joined or "Social" in joined, place
        for number in ("000", "001", "002", "004"):
            assert number not in joined, (place, joined)
    assert shown["matrix"][1] == "Article 2" and shown["picker"][1].startswith("Article 2 — ")


def test_a_rename_shows_everywhere_at_once(aligned_window: MainWindow, monkeypatch) -> None:
    window = aligned_window
    a, b = window.session.pair()
    window.session.set_outlet(a, "Le Monde")
    shown = _everywhere(window, monkeypatch)
    row = window.session.article_ids().index(a)
    assert shown["list"][row] == "Le Monde"
    assert shown["picker"][row].startswith("Le Monde — ")
    assert shown["matrix"][row] == "Le Monde"
    assert "Le Monde" in shown["html"][0]
    assert shown["export name"][0].startswith("Le Monde vs ")


def test_a_rename_persists_after_restart(
    qtbot, aligned_window: MainWindow, window_settings: QSettings, tmp_path: Path, monkeypatch
) -> None:
    window = aligned_window
    target = window.session.article_ids()[1]
    window.session.set_outlet(target, "TechCrunch")
    monkeypatch.setattr(WorkspaceCommands, "ask_save", lambda self: Answer.SAVE)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "set"), ""))
    assert window.close()

    again = MainWindow(window_settings)
    show_widget(qtbot, again, 1300, 850)
    with qtbot.waitSignal(again.session.alignment_finished, timeout=10000):
        again.workspaces.start([])  # a launch without files
    assert again.session.article(target).outlet == "TechCrunch"
    assert again.document.path() == tmp_path / "set.syndiff"


def test_recent_sets_reopen_in_one_click(
    qtbot, main_window: MainWindow, seed_paths: list[Path], tmp_path: Path, monkeypatch
) -> None:
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.open_paths(seed_paths)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "samples"), ""))
    main_window.workspace_actions.save_workspace_as.trigger()
    main_window.workspace_actions.new_workspace.trigger()
    assert main_window.session.articles() == ()
    menu = main_window.workspace_actions.recent_menu
    menu.aboutToShow.emit()
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        menu.actions()[0].trigger()
    assert len(main_window.session.articles()) == 5
