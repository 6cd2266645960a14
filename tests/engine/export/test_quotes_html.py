"""The quote check as HTML: the overview table, each shared statement, the lone ones."""

from __future__ import annotations

import lxml.html
import pytest

from desktop.engine.align.pair import align_pair
from desktop.engine.align.quotes import quote_check
from desktop.engine.export.html_report import render_corpus_html
from desktop.engine.export.quotes_html import USE_WORDS, quotes_section, render_quotes_html
from desktop.engine.model import CorpusAlignment, QuotedStatement, QuoteUse, Settings
from tests.engine.export.samples import HOSTILE, WHEN, art, check_document, flat, tree_of

QUOTE = "A simplified regulatory structure would not only accelerate the growth of open-source AI."
ALTERED = QUOTE.replace("structure", "framework").replace("the growth", "growth")
PARAPHRASE = (
    "Ek said a simplified regulatory structure would not only accelerate the growth of open-source AI."
)
LONE = "Our quarterly results beat every analyst forecast this spring."


def corpus_of(*texts: str) -> CorpusAlignment:
    arts = [art(f"n{k}", t) for k, t in enumerate(texts)]
    pairs = []
    for i in range(len(arts)):
        for j in range(i + 1, len(arts)):
            pair = align_pair(arts[i], arts[j], Settings(min_words=3, use_embeddings=False))
            if pair.passages:
                pairs.append(pair)
    return CorpusAlignment(tuple(arts), Settings(), tuple(pairs))


@pytest.fixture(scope="module")
def report() -> tuple[CorpusAlignment, tuple[QuotedStatement, ...], lxml.html.HtmlElement]:
    corpus = corpus_of(
        f'Ek spoke on Monday. "{QUOTE}" Ek said.',
        f"The CEO was clear. “{QUOTE}” he said.",
        f"“{ALTERED}” Ek wrote.",
        f'{PARAPHRASE} "{LONE}" the chief financial officer added.',
    )
    statements = quote_check(corpus)
    doc = render_quotes_html(corpus, statements, generated=WHEN)
    check_document(doc)
    return corpus, statements, tree_of(doc)


def test_the_header_counts_statements_shared_and_altered(report) -> None:
    corpus, statements, tree = report
    shared = [q for q in statements if len(q.articles) > 1]
    assert len(shared) == 1 and len(statements) == 2
    heading = flat(tree.xpath("//h1")[0].text_content())
    assert heading == f"{len(statements)} quoted statements in {len(corpus.articles)} articles"
    stats = [flat(s.text_content()) for s in tree.xpath("//span[@class='stat']")]
    assert stats == ["1 quoted or carried by several outlets", "1 altered by some outlet"]
    assert tree.xpath("//time/@datetime") == [WHEN.isoformat(timespec="seconds")]
    keys = tree.xpath("//ul[@class='article-keys']/li/span[@class='key']/text()")
    assert keys == ["1", "2", "3", "4"]


def test_the_overview_marks_how_each_article_carries_the_statement(report) -> None:
    corpus, statements, tree = report
    (statement,) = [q for q in statements if len(q.articles) > 1]
    (row,) = tree.xpath("//table[contains(@class, 'quotes')]/tbody/tr")
    marks = [td.text_content() for td in row.xpath("td[@class='mark']")]
    assert len(marks) == len(corpus.articles)
    expected = {}
    for k, v in enumerate(statement.versions):
        expected.setdefault(v.article, "●" if k == statement.reference else USE_WORDS[v.use][0])
    assert marks == [expected.get(a.id, "") for a in corpus.articles]
    assert marks.count("●") == 1 and "A" in marks and "P" in marks
    (link,) = row.xpath(".//a/@href")
    assert tree.get_element_by_id(link[1:]) is not None


def test_each_version_is_listed_reference_first_with_its_share_of_words(report) -> None:
    corpus, statements, tree = report
    (statement,) = [q for q in statements if len(q.articles) > 1]
    (section,) = tree.xpath("//section[contains(@class, 'quote-statement')]")
    items = section.xpath(".//li[contains(@class, 'member')]")
    assert len(items) == len(statement.versions)
    assert "central" in items[0].get("class") and "reference version" in items[0].text_content()
    # The others follow in the articles' order, each with its use and share of words kept.
    order = [a.id for a in corpus.articles]
    others = sorted(
        (v for k, v in enumerate(statement.versions) if k != statement.reference),
        key=lambda v: order.index(v.article),
    )
    for li, v in zip(items[1:], others, strict=True):
        who = flat(li.xpath(".//div[@class='who']")[0].text_content())
        assert f"use-{v.use.value}" in li.get("class")
        assert who.endswith(f"{USE_WORDS[v.use][1]} · {round(v.score * 100)}% of the words kept")
    assert "altered by some" in flat(section.xpath("h3")[0].text_content())


def test_an_altered_version_marks_what_it_changed_and_a_paraphrase_only_its_own_words(report) -> None:
    _, _, tree = report
    altered = tree.xpath("//li[contains(@class, 'use-altered')]//div[contains(@class, 'quote')]")[0]
    assert {d.text_content() for d in altered.xpath(".//del")} >= {"structure"}
    assert "framework" in {i.text_content() for i in altered.xpath(".//ins")}
    for para in tree.xpath("//li[contains(@class, 'use-paraphrased')]//div[contains(@class, 'quote')]"):
        assert para.xpath(".//del") == []


def test_statements_one_outlet_quotes_are_listed_apart(report) -> None:
    _, _, tree = report
    (alone,) = tree.xpath("//details[@class='alone']")
    assert flat(alone.xpath("summary")[0].text_content()) == "1 statement quoted by one outlet only"
    (item,) = alone.xpath(".//li")
    assert LONE[:30] in item.text_content()


def test_no_statements_or_none_shared() -> None:
    empty = CorpusAlignment((art("a", "No quotes here at all."),), Settings(), ())
    doc = render_quotes_html(empty, quote_check(empty), generated=WHEN)
    check_document(doc)
    assert "No article quotes a statement." in doc
    lone = corpus_of(
        f'"{LONE}" she said.', '"The weather will turn cold in the mountains next week," he said.'
    )
    doc = render_quotes_html(lone, quote_check(lone), generated=WHEN)
    check_document(doc)
    tree = tree_of(doc)
    assert tree.xpath("//table") == []
    assert "No statement is quoted or carried by more than one article." in doc
    assert flat(tree.xpath("//summary")[0].text_content()) == "2 statements quoted by one outlet only"


def test_hostile_quotes_are_escaped_in_the_quote_report() -> None:
    quote = '"<script>alert(1)</script> is what the officials wrote in the letter," she said.'
    a = art("a", quote, title=HOSTILE[0], outlet=HOSTILE[1])
    b = art("b", quote.replace("letter", "<b>memo</b>"), title=HOSTILE[2], outlet=HOSTILE[3])
    corpus = CorpusAlignment((a, b), Settings(), ())
    statements = quote_check(corpus)
    for doc in (render_quotes_html(corpus, statements), render_corpus_html(corpus)):
        toks = check_document(doc)
        assert [tag for tag, _ in toks.tags].count("b") >= 1  # ours only: the outlet names in bold
        tree = tree_of(doc)
        (section,) = tree.xpath("//section[contains(@class, 'quote-statement')]")
        text = flat(section.text_content())
        assert "<script>alert(1)</script>" in text and "<b>memo</b>" in text
        marked = {el.text_content() for el in section.xpath(".//del | .//ins")}
        assert marked == {"<b>memo</b>", "letter"}
        assert "altered by some" in text


def test_every_use_has_a_letter_word_and_meaning() -> None:
    assert set(USE_WORDS) == set(QuoteUse)
    assert len({letter for letter, _, _ in USE_WORDS.values()}) == len(QuoteUse)


def test_a_large_set_shows_the_most_carried_statements_in_full_and_names_articles_compactly() -> None:
    board = "The board will meet again in the spring to settle the final terms of the deal."
    corpus = corpus_of(
        f'"{board}" the chair said.\n\nMarkets were calm all week in Asia.\n\n"{QUOTE}" Ek said.',
        f'Rain fell overnight.\n\n"{board}" she said.\n\nTraffic was light.\n\n"{QUOTE}" Ek said.',
        f'Ek was clear: "{QUOTE}" Ek said.',
    )
    statements = quote_check(corpus)
    shared = [q for q in statements if len(q.articles) > 1]
    assert sorted(len(q.articles) for q in shared) == [2, 3]
    keys = {a.id: n for n, a in enumerate(corpus.articles, start=1)}
    everything = tree_of(f"<div>{quotes_section(corpus, statements, keys)}</div>")
    assert len(everything.xpath("//section[contains(@class, 'quote-statement')]")) == 2
    tree = tree_of(f"<div>{quotes_section(corpus, statements, keys, in_full=1, rows=1, compact=True)}</div>")
    (row,) = tree.xpath("//table[contains(@class, 'quotes')]/tbody/tr")
    (section,) = tree.xpath("//section[contains(@class, 'quote-statement')]")
    most = max(range(len(shared)), key=lambda k: len(shared[k].articles))
    assert section.get("id") == f"quote-{most + 1}" and row.xpath(".//a/@href") == [f"#quote-{most + 1}"]
    (where,) = row.xpath("td[@class='where']")
    assert [x.split()[0] for x in flat(where.text_content()).split(", ")] == ["1", "2", "3"]
    assert not row.xpath("td[@class='mark']")
    note = flat(tree.xpath("//p[contains(@class, 'summarised')]")[0].text_content())
    assert note.startswith("The statement carried by the most articles is shown in full below, the other 1 ")
    assert "syndiff-cli quotes FILES --html quotes.html" in note
