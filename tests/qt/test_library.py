"""The article library: model contents, renaming outlets, context menu, removing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from desktop.engine.load.articles import article_from_text
from desktop.qt.article_model import SORT_ROLE, ArticleModel
from desktop.qt.main_window import MainWindow
from desktop.qt.widgets.labels import article_label


def _action(menu, text: str):
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
        if action.menu():
            found = _action(action.menu(), text)
            if found is not None:
                return found
    return None


def test_model_shows_title_outlet_words_and_shared_share(aligned_window: MainWindow) -> None:
    model = aligned_window.article_model
    corpus = aligned_window.session.alignment()
    assert model.rowCount() == 5 and model.columnCount() == 4
    for row, article in enumerate(model.articles()):
        stats = corpus.stats_for(article.id)
        assert model.index(row, ArticleModel.OUTLET).data() == article.outlet
        assert model.index(row, ArticleModel.WORDS).data() == f"{stats.words:,}"
        assert model.index(row, ArticleModel.SHARED).data() == f"{stats.shared:.0%}"
        assert model.index(row, ArticleModel.SHARED).data(SORT_ROLE) == stats.shared


def test_sorting_by_shared_share_is_numeric(aligned_window: MainWindow) -> None:
    view = aligned_window.library.view()
    view.sortByColumn(ArticleModel.SHARED, Qt.SortOrder.DescendingOrder)
    shown = [
        view.model().index(r, ArticleModel.SHARED).data(SORT_ROLE) for r in range(view.model().rowCount())
    ]
    assert shown == sorted(shown, reverse=True)
    assert len(set(shown)) > 1


def test_renaming_an_outlet_updates_every_view_without_realigning(aligned_window: MainWindow) -> None:
    window = aligned_window
    a, _b = window.session.pair()
    generation = window.session.scheduler.generation
    row = window.article_model.row_of(a)
    assert window.article_model.setData(window.article_model.index(row, ArticleModel.OUTLET), "  Reuters  ")
    assert window.session.article(a).outlet == "Reuters"
    assert window.session.alignment().article(a).outlet == "Reuters"
    assert window.compare_tab.picker.combo_a.currentText().startswith("Reuters — ")
    assert "Reuters" in window.compare_tab.summary.text()
    assert window.tabs.matrix.value(0, 0) is None
    assert any("Reuters" in label for label in window.tabs.matrix._labels)
    assert window.session.scheduler.generation == generation, "a new label does not need a new alignment"


def test_rename_command_edits_the_outlet_cell(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    article = window.session.articles()[2]
    window.library.select_article(article.id)
    window.menu_actions.rename_outlet.trigger()
    view = window.library.view()
    assert view.state() == QAbstractItemView.State.EditingState
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    QTest.keyClicks(editor, "Le Monde")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.article(article.id).outlet == "Le Monde", timeout=2000)
    assert view.state() != QAbstractItemView.State.EditingState


def test_context_menu_sets_sides_and_compares(aligned_window: MainWindow) -> None:
    window = aligned_window
    ids = [a.id for a in window.session.articles()]
    a, b = window.session.pair()
    other = next(i for i in ids if i not in (a, b))
    menu = window.library.context_menu(other)
    _action(menu, "Set as B (right)").trigger()
    assert window.session.pair() == (a, other)
    menu = window.library.context_menu(other)
    _action(menu, "Set as A (left)").trigger()
    assert window.session.pair()[0] == other and window.session.pair()[1] != other
    target = window.session.article(ids[0] if ids[0] != other else ids[1])
    label = f"{article_label(target)} — "
    compare_menu = _action(menu, "Compare with").menu()
    entry = next(x for x in compare_menu.actions() if x.text().replace("&&", "&").startswith(label))
    entry.trigger()
    assert window.session.pair() == (other, target.id)


def test_delete_key_in_the_library_removes_the_article(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    victim = window.session.articles()[4]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.library.select_article(victim.id)
    window.library.view().setFocus()
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000) as blocker:
        QTest.keyClick(window.library.view(), Qt.Key.Key_Delete)
    assert window.session.article(victim.id) is None
    assert victim.id not in [a.id for a in blocker.args[1].articles]
    assert window.compare_tab.picker.combo_a.count() == 4


def test_delete_key_elsewhere_does_not_remove(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.library.select_article(window.session.articles()[0].id)
    window.compare_tab.compare.pane_a().setFocus()
    QTest.keyClick(window.compare_tab.compare.pane_a(), Qt.Key.Key_Delete)
    assert len(window.session.articles()) == 5


def test_articles_without_outlet_are_labelled_by_title(main_window: MainWindow) -> None:
    article = article_from_text("A headline\n\nSome body text that is long enough.", outlet="")
    main_window.session.add_articles([article])
    assert article_label(main_window.session.articles()[0]) == "A headline"
    # The table has a Title column: the outlet cell shows a dash rather than the title again.
    assert main_window.article_model.index(0, ArticleModel.OUTLET).data() == "—"
    assert main_window.article_model.index(0, ArticleModel.OUTLET).data(Qt.ItemDataRole.EditRole) == ""
    assert main_window.session.pair() is None
    assert main_window.compare_tab.welcome.heading.text() == "One article is open"


def test_same_file_twice_and_clashing_ids(main_window: MainWindow, seed_paths) -> None:
    first = main_window.open_paths([seed_paths[0]])
    again = main_window.open_paths([seed_paths[0]])
    assert len(first) == 1 and again == []
    pasted = article_from_text("Body text of the pasted article.", article_id=first[0].id)
    added = main_window.session.add_articles([pasted])
    assert added[0].id != first[0].id
    assert len({a.id for a in main_window.session.articles()}) == 2
