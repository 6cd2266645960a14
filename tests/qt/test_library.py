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
    model = aligned_window.articles
    corpus = aligned_window.corpus()
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
    a, _b = window.pair()
    generation = window.scheduler.generation
    row = window.articles.row_of(a)
    assert window.articles.setData(window.articles.index(row, ArticleModel.OUTLET), "  Reuters  ")
    assert window.articles.article(a).outlet == "Reuters"
    assert window.corpus().article(a).outlet == "Reuters"
    assert window.picker.combo_a.currentText().startswith("Reuters — ")
    assert "Reuters" in window.summary.text()
    assert window.matrix.value(0, 0) is None
    assert any("Reuters" in label for label in window.matrix._labels)
    assert window.scheduler.generation == generation, "a new label does not need a new alignment"


def test_rename_command_edits_the_outlet_cell(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    article = window.articles.articles()[2]
    window.library.select_article(article.id)
    window.menu_actions.rename_outlet.trigger()
    view = window.library.view()
    assert view.state() == QAbstractItemView.State.EditingState
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    QTest.keyClicks(editor, "Le Monde")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.articles.article(article.id).outlet == "Le Monde", timeout=2000)
    assert view.state() != QAbstractItemView.State.EditingState


def test_context_menu_sets_sides_and_compares(aligned_window: MainWindow) -> None:
    window = aligned_window
    ids = [a.id for a in window.articles.articles()]
    a, b = window.pair()
    other = next(i for i in ids if i not in (a, b))
    menu = window.library.context_menu(other)
    _action(menu, "Set as B (right)").trigger()
    assert window.pair() == (a, other)
    menu = window.library.context_menu(other)
    _action(menu, "Set as A (left)").trigger()
    assert window.pair()[0] == other and window.pair()[1] != other
    target = window.articles.article(ids[0] if ids[0] != other else ids[1])
    label = f"{article_label(target)} — "
    compare_menu = _action(menu, "Compare with").menu()
    entry = next(x for x in compare_menu.actions() if x.text().replace("&&", "&").startswith(label))
    entry.trigger()
    assert window.pair() == (other, target.id)


def test_delete_key_in_the_library_removes_the_article(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    victim = window.articles.articles()[4]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.library.select_article(victim.id)
    window.library.view().setFocus()
    with qtbot.waitSignal(window.alignment_finished, timeout=10000) as blocker:
        QTest.keyClick(window.library.view(), Qt.Key.Key_Delete)
    assert window.articles.article(victim.id) is None
    assert victim.id not in [a.id for a in blocker.args[1].articles]
    assert window.picker.combo_a.count() == 4


def test_delete_key_elsewhere_does_not_remove(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.library.select_article(window.articles.articles()[0].id)
    window.compare.pane_a().setFocus()
    QTest.keyClick(window.compare.pane_a(), Qt.Key.Key_Delete)
    assert len(window.articles.articles()) == 5


def test_articles_without_outlet_are_labelled_by_title(main_window: MainWindow) -> None:
    article = article_from_text("A headline\n\nSome body text that is long enough.", outlet="")
    main_window.add_articles([article])
    assert article_label(main_window.articles.articles()[0]) == "A headline"
    # The table has a Title column: the outlet cell shows a dash rather than the title again.
    assert main_window.articles.index(0, ArticleModel.OUTLET).data() == "—"
    assert main_window.articles.index(0, ArticleModel.OUTLET).data(Qt.ItemDataRole.EditRole) == ""
    assert main_window.pair() is None
    assert main_window.welcome.heading.text() == "One article is open"


def test_same_file_twice_and_clashing_ids(main_window: MainWindow, seed_paths) -> None:
    first = main_window.open_paths([seed_paths[0]])
    again = main_window.open_paths([seed_paths[0]])
    assert len(first) == 1 and again == []
    pasted = article_from_text("Body text of the pasted article.", article_id=first[0].id)
    added = main_window.add_articles([pasted])
    assert added[0].id != first[0].id
    assert len({a.id for a in main_window.articles.articles()}) == 2
