"""The New Article dialog: pasted text becomes an article, nothing to paste is refused."""

from __future__ import annotations


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
