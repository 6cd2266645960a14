"""ArticleModel: the session's articles and the stats of the alignment in force, as the library
shows them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.engine.load.articles import article_from_text, load_article
from desktop.qt.article_model import ID_ROLE, OUTLET_CHARS, SORT_ROLE, ArticleModel
from desktop.qt.main_window import MainWindow
from desktop.qt.session import Session
from desktop.qt.widgets.labels import article_label, elide


def test_rows_follow_the_session_and_edits_go_back_to_it(
    qtbot, qtmodeltester, seed_paths: list[Path]
) -> None:
    session = Session(load_model=None)
    model = ArticleModel(session)
    qtmodeltester.check(model)
    articles = [load_article(p) for p in seed_paths[:4]]
    with qtbot.waitSignals([model.rowsInserted, session.alignment_finished], timeout=10000):
        session.add_articles(articles)
    qtmodeltester.check(model)
    assert [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())] == session.article_ids()
    assert all(model.stats(i) is not None for i in session.article_ids()), "the stats of the alignment"
    victim = session.article_ids()[1]
    with qtbot.waitSignal(model.rowsRemoved) as removed:
        session.remove_articles([victim])
    assert removed.args[1:] == [1, 1]
    assert model.row_of(victim) == -1 and model.stats(victim) is None
    assert model.articles() == session.articles()
    row = model.row_of(session.article_ids()[2])
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(row, ArticleModel.OUTLET), " Le  Monde ")
    assert session.article(session.article_ids()[2]).outlet == "Le Monde"
    assert model.index(row, ArticleModel.OUTLET).data() == "Le Monde"
    assert not model.setData(model.index(row, ArticleModel.TITLE), "A title is not edited")
    qtmodeltester.check(model)
    with qtbot.waitSignal(session.alignment_cleared):
        session.remove_articles(session.article_ids())
    assert model.rowCount() == 0
    session.shutdown()


def test_model_shows_title_outlet_words_and_shared_share(aligned_window: MainWindow) -> None:
    model = aligned_window.article_model
    corpus = aligned_window.session.alignment()
    assert model.rowCount() == 5 and model.columnCount() == 4
    for row, article in enumerate(model.articles()):
        stats = corpus.stats_for(article.id)
        assert model.index(row, ArticleModel.OUTLET).data() == elide(article.outlet, OUTLET_CHARS)
        assert model.index(row, ArticleModel.WORDS).data() == f"{stats.words:,}"
        assert model.index(row, ArticleModel.SHARED).data() == f"{stats.shared:.0%}"
        assert model.index(row, ArticleModel.SHARED).data(SORT_ROLE) == stats.shared


def test_articles_without_outlet_get_a_numbered_label(main_window: MainWindow) -> None:
    article = article_from_text("A headline\n\nSome body text that is long enough.", outlet="")
    main_window.session.add_articles([article])
    assert article_label(main_window.session.articles()[0]) == "Article 1"
    assert main_window.article_model.index(0, ArticleModel.OUTLET).data() == "Article 1"
    edited = main_window.article_model.index(0, ArticleModel.OUTLET).data(Qt.ItemDataRole.EditRole)
    assert edited == "Article 1"
    assert main_window.session.pair() is None
    assert main_window.compare_tab.welcome.heading.text() == "One article is open"


def test_the_list_shows_which_articles_are_a_and_b(aligned_window: MainWindow) -> None:
    from PySide6.QtGui import QIcon

    from desktop.qt.article_model import SIDE_ROLE

    window = aligned_window
    model = window.article_model
    a, b = window.session.pair()

    def sides() -> dict[str, str]:
        return {
            model.index(r, 0).data(ID_ROLE): model.index(r, 0).data(SIDE_ROLE)
            for r in range(model.rowCount())
        }

    assert {i: s for i, s in sides().items() if s} == {a: "A", b: "B"}
    row_a = model.row_of(a)
    badge = model.index(row_a, ArticleModel.TITLE).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(badge, QIcon) and not badge.isNull()
    assert model.index(row_a, ArticleModel.TITLE).data(Qt.ItemDataRole.FontRole).bold()
    assert "Shown as A (left)" in model.index(row_a, ArticleModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    other = next(i for i in sides() if i not in (a, b))
    assert model.index(model.row_of(other), 0).data(Qt.ItemDataRole.DecorationRole) is None
    window.session.swap_pair()
    assert {i: s for i, s in sides().items() if s} == {a: "B", b: "A"}
