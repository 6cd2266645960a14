"""QuotesPanel: every quoted statement, who quotes it verbatim, altered or without quotation marks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.engine.align.changes import corpus_with_changes
from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.quotes import quote_check
from desktop.engine.load.articles import article_from_text
from desktop.engine.model import Op, QuoteUse
from desktop.qt.main_tabs import TAB_COMPARE, TAB_QUOTES
from desktop.qt.main_window import MainWindow
from desktop.qt.widgets.highlight import WORD_PROPERTY
from desktop.qt.widgets.quotes import QuotesPanel
from tests.qt.helpers import show_widget, shown_tooltip


def _marked(panel: QuotesPanel, block: int) -> tuple[str, list[str], list[str]]:
    """A version's text line: (its text as shown, deleted pieces, inserted pieces)."""
    line = panel.versions.document().findBlockByNumber(block)
    deleted: list[str] = []
    inserted: list[str] = []
    it = line.begin()
    while not it.atEnd():
        fragment = it.fragment()
        mark = fragment.charFormat().property(WORD_PROPERTY)
        if mark == Op.DELETE.value:
            deleted.append(fragment.text())
        elif mark == Op.INSERT.value:
            inserted.append(fragment.text())
        it += 1
    return line.text(), deleted, inserted


def _simplified(window: MainWindow):
    return next(
        q
        for q in window.session.quotes()
        if "simplified regulatory" in q.label and "would not only accelerate" in q.label
    )


def test_the_quotes_tab_lists_the_altered_regulatory_statement(aligned_window: MainWindow) -> None:
    window = aligned_window
    window.menu_actions.show_quotes.trigger()
    assert window.tabs.currentIndex() == TAB_QUOTES
    panel = window.tabs.quotes
    assert panel.statement_ids() == [q.id for q in window.session.quotes()], "widest carried first"
    statement = _simplified(window)
    quoting = [v for v in statement.versions if v.use != "paraphrased"]
    assert len(quoting) == 2 and statement.altered
    row = panel.model.row_of(statement.id)
    texts = [panel.model.index(row, column).data() for column in range(4)]
    assert texts[1] == str(len(statement.articles)) and texts[2] == "altered"
    assert texts[3].startswith("1 verbatim, 1 altered")
    assert panel.model.index(row, 2).data(Qt.ItemDataRole.FontRole).bold(), "altered stands out"
    assert panel.model.index(row, 1).data(Qt.ItemDataRole.FontRole) is None
    assert panel.select_statement(statement.id)
    assert panel.current_statement() == statement
    assert window.passage_label.text().startswith("Statement ")
    blocks = panel.version_blocks()
    assert [b.version.use for b in blocks][:2] == [QuoteUse.VERBATIM, QuoteUse.ALTERED]
    assert all(b.version.use is QuoteUse.PARAPHRASED for b in blocks[2:])
    text = panel.versions.toPlainText()
    assert "Quoted verbatim (1)" in text and "Quoted with words changed (1)" in text
    reference, altered = blocks[:2]
    assert "reference version" in panel.versions.document().findBlockByNumber(reference.first_block).text()
    shown, deleted, inserted = _marked(panel, altered.last_block)
    words = {w for piece in deleted + inserted for w in piece.split()}
    assert {"structure", "framework"} <= words, "the word diff against the reference is marked"
    assert all(piece == piece.strip() for piece in deleted + inserted), "marks hold no bare spaces"
    assert shown.startswith("“A simplified regulatory")


def test_the_first_statement_listed_is_shown_when_none_was_selected(aligned_window: MainWindow) -> None:
    panel = aligned_window.tabs.quotes
    first = panel.statement_ids()[0]
    assert panel.current_statement() is not None and panel.current_statement().id == first


def test_selecting_a_version_opens_that_pair_in_compare(aligned_window: MainWindow) -> None:
    window = aligned_window
    panel = window.tabs.quotes
    window.tabs.setCurrentIndex(TAB_QUOTES)
    statement = _simplified(window)
    panel.select_statement(statement.id)
    altered = statement.by_use(QuoteUse.ALTERED)[0]
    ids = window.session.article_ids()
    window.session.set_pair(*[i for i in ids if i not in statement.articles][:2])
    panel.activate_version(1)
    assert window.tabs.currentIndex() == TAB_COMPARE
    assert window.session.pair() == (altered.article, statement.reference_version.article)
    compare = window.compare_tab.compare
    passage = window.session.pair_alignment().passages[compare.current_passage()]
    assert passage.a_start < altered.end and altered.start < passage.a_end, "the quote's passage is selected"


def test_only_altered_statements_can_be_listed(aligned_window: MainWindow) -> None:
    window = aligned_window
    panel = window.tabs.quotes
    altered = [q.id for q in window.session.quotes() if q.altered]
    assert 0 < len(altered) < len(window.session.quotes())
    panel.altered_only.setChecked(True)
    assert panel.statement_ids() == altered
    assert panel.position_text() == f"{len(altered)} quoted statements"
    panel.altered_only.setChecked(False)
    assert len(panel.statement_ids()) == len(window.session.quotes())


def test_quotes_are_shown_as_plain_text(qtbot) -> None:
    said = (
        "“Our <b>new</b> plant will <script>x()</script> hire {n} people across the whole region,” she said."
    )
    a = article_from_text(f"One\n\n{said.format(n='many')}\n", article_id="qa", outlet="<i>Wire</i>")
    b = article_from_text(f"Two\n\n{said.format(n='hundreds of')}\n", article_id="qb", outlet="Paper")
    corpus = corpus_with_changes(align_corpus([a, b]))
    quotes = quote_check(corpus)
    panel = QuotesPanel()
    show_widget(qtbot, panel, 900, 500)
    panel.set_quotes(corpus, quotes)
    assert panel.statement_ids() == [quotes[0].id]
    assert panel.select_statement(quotes[0].id)
    text = panel.versions.toPlainText()
    assert "<b>new</b>" in text and "<script>" in text and "<i>Wire</i>" in text
    assert "<b>new</b>" in shown_tooltip(panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))
    panel.set_quotes(None, ())
    assert panel.statement_ids() == [] and "appear once" in panel.caption.text()


def test_the_caption_says_why_the_reference_is_the_reference(qtbot) -> None:
    """Two outlets quoting a statement two ways: neither is "the one most outlets quote"."""
    said = "“Our new plant will hire {n} people across the whole region next year,” she said."
    a = article_from_text(f"One\n\n{said.format(n='many')}\n", article_id="qa", outlet="Wire")
    b = article_from_text(f"Two\n\n{said.format(n='hundreds of')}\n", article_id="qb", outlet="Paper")
    c = article_from_text(f"Three\n\n{said.format(n='many')}\n", article_id="qc", outlet="Daily")
    panel = QuotesPanel()
    show_widget(qtbot, panel, 900, 500)
    for articles, why in (
        ([a, b], "the longest quote: no two outlets quote it alike"),
        ([a, b, c], "which 1 other outlet quotes word for word"),
    ):
        corpus = corpus_with_changes(align_corpus(articles))
        quotes = quote_check(corpus)
        panel.set_quotes(corpus, quotes)
        assert panel.current_statement() is not None
        assert why in panel.caption.text()


def test_the_quotes_legend_names_the_reference_and_the_list_gets_more_width(
    aligned_window: MainWindow,
) -> None:
    window = aligned_window
    quotes = window.tabs.quotes
    window.tabs.setCurrentWidget(quotes)
    words = " ".join(label.text() for label in quotes.legend.findChildren(QLabel))
    assert "reference wording left out" in words and "underlined" in words
    left, right = quotes.splitter.sizes()
    assert left > right  # the statement column is what tells statements apart
