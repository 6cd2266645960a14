"""LibraryPanel: the sortable article table, its context menu and its column widths."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.engine.load.articles import article_from_text
from desktop.qt.article_model import SORT_ROLE, ArticleModel
from desktop.qt.library import OUTLET_SHARE, LibraryPanel
from desktop.qt.main_tabs import TAB_COMPARE
from desktop.qt.main_window import MainWindow
from desktop.qt.session import Session
from desktop.qt.widgets.labels import article_label
from desktop.qt.workers import AlignScheduler
from tests.qt.helpers import show_widget


def _action(menu, text: str):
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
        if action.menu():
            found = _action(action.menu(), text)
            if found is not None:
                return found
    return None


def test_sorting_by_shared_share_is_numeric(aligned_window: MainWindow) -> None:
    view = aligned_window.library.view()
    view.sortByColumn(ArticleModel.SHARED, Qt.SortOrder.DescendingOrder)
    shown = [
        view.model().index(r, ArticleModel.SHARED).data(SORT_ROLE) for r in range(view.model().rowCount())
    ]
    assert shown == sorted(shown, reverse=True)
    assert len(set(shown)) > 1


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


def test_library_title_takes_the_spare_width(qtbot) -> None:
    # No alignment arrives during the test: the Words and Shared columns keep showing "…".
    session = Session(scheduler=AlignScheduler(delay_ms=3_600_000))
    model = ArticleModel(session)
    long_title = "Meta and Spotify CEOs criticize EU privacy rules restricting AI data training in Europe"
    session.add_articles(
        [
            article_from_text(f"{long_title}\n\nBody text of the first article.", outlet=""),
            article_from_text(
                "Second headline\n\nBody text of the second article.",
                outlet="The Very Long Name of a Regional Evening Newspaper",
            ),
        ]
    )
    panel = LibraryPanel(model, session)
    show_widget(qtbot, panel, 300, 300)
    view = panel.view()
    header = view.horizontalHeader()
    widths = {col: header.sectionSize(col) for col in range(model.columnCount())}
    title = widths.pop(ArticleModel.TITLE)
    assert all(title > other for other in widths.values()), (title, widths)
    assert widths[ArticleModel.OUTLET] <= OUTLET_SHARE * view.viewport().width() + 1
    assert model.index(0, ArticleModel.OUTLET).data() == "Article 1", "no outlet: numbered, not the title"
    assert long_title in model.index(0, ArticleModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert view.rowHeight(0) >= 2 * view.fontMetrics().lineSpacing(), "a title gets two lines"
    # Room for the sort arrow goes to the sorted column only.
    words, shared = header.sectionSize(ArticleModel.WORDS), header.sectionSize(ArticleModel.SHARED)
    view.sortByColumn(ArticleModel.WORDS, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: header.sectionSize(ArticleModel.WORDS) > words, timeout=2000)
    assert header.sectionSize(ArticleModel.SHARED) == shared


def test_enter_on_an_article_compares_it_with_the_current_other_side(aligned_window: MainWindow) -> None:
    window = aligned_window
    a, b = window.session.pair()
    other = next(x.id for x in window.session.articles() if x.id not in (a, b))
    view = window.library.view()
    window.library.select_article(other)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert window.session.pair() == (a, other)
    assert window.tabs.currentIndex() == TAB_COMPARE
