"""The corpus report: everything inline for a small set, summarised for a large one.

The large sets are built without the aligner (:func:`~tests.engine.export.samples.large_corpus`):
every pair of articles shares passages, the worst case for the report's size.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.text import word_count
from desktop.engine.export import corpus_report
from desktop.engine.export.corpus_report import (
    FAMILIES_IN_FULL,
    GET_PAIR,
    MATRIX_MAX_ARTICLES,
    PAIR_ROWS,
    PAIRS_IN_FULL,
    VERSIONS_IN_FULL,
    render_corpus_html,
)
from desktop.engine.load.articles import load_articles
from desktop.engine.model import CorpusAlignment, PairAlignment, Settings
from tests.engine.export.samples import HOSTILE, WHEN, check_document, flat, large_corpus, tree_of

RLO = "\u202e"


def words_shared(corpus: CorpusAlignment, pair: PairAlignment) -> float:
    """The words inside a pair's passages, the mean of its two sides (worked out apart from
    the report, from the passages themselves)."""
    a, b = corpus.article(pair.a), corpus.article(pair.b)
    side_a = sum(word_count(a.text, p.a_start, p.a_end) for p in pair.passages)
    side_b = sum(word_count(b.text, p.b_start, p.b_end) for p in pair.passages)
    return (side_a + side_b) / 2


def keys_of(corpus: CorpusAlignment) -> dict[str, int]:
    return {a.id: n for n, a in enumerate(corpus.articles, start=1)}


def pair_of_anchor(corpus: CorpusAlignment, anchor: str) -> PairAlignment:
    """The pair an id such as ``pair-3-7`` or ``row-3-7`` names."""
    _, i, j = anchor.split("-")
    return corpus.pair(corpus.articles[int(i) - 1].id, corpus.articles[int(j) - 1].id)


def summary_notes(tree: lxml.html.HtmlElement) -> list[str]:
    return [flat(x.text_content()) for x in tree.xpath("//*[contains(@class, 'summarised')]")]


# --------------------------------------------------------------------------- a small set


def test_a_small_set_has_the_matrix_every_pair_and_every_family_in_full(seed_paths: list[Path]) -> None:
    articles, errors = load_articles([str(p) for p in seed_paths])
    assert not errors
    corpus = align_corpus(articles, Settings(use_embeddings=False))
    doc = render_corpus_html(corpus, generated=WHEN)
    check_document(doc)
    tree = tree_of(doc)
    n = len(articles)
    rows = tree.xpath("//table[@class='matrix']/tbody/tr")
    assert len(rows) == n and all(len(r.xpath("td")) == n for r in rows)
    linked = [
        f"pair-{i + 1}-{j + 1}"
        for i in range(n)
        for j in range(i + 1, n)
        if corpus.pair(articles[i].id, articles[j].id).passages
    ]
    assert linked, "the samples share passages"
    # Every pair that shares passages is in full, in article order, with every passage.
    sections = tree.xpath("//section[@class='pair']")
    assert [s.get("id") for s in sections] == linked
    for section in sections:
        cards = section.xpath(".//article[contains(@class, 'card')]")
        assert len(cards) == len(pair_of_anchor(corpus, section.get("id")).passages)
    assert len(tree.xpath("//section[@class='family']")) == len(corpus.families) > 0
    # Nothing is summarised, nothing ranked, no note saying so.
    assert summary_notes(tree) == [] and tree.xpath("//table[@class='ranked']") == []
    assert GET_PAIR.split("<")[0] not in doc
    assert len(tree.xpath("//table[@class='presence']//td[@class='mark']")) == n * len(corpus.families)


# --------------------------------------------------------------------------- many pairs, a matrix


@pytest.fixture(scope="module")
def twenty() -> tuple[CorpusAlignment, lxml.html.HtmlElement]:
    corpus = large_corpus(20)
    doc = render_corpus_html(corpus, generated=WHEN)
    check_document(doc)  # every link resolves: to a pair in full or to its row
    return corpus, tree_of(doc)


def test_the_pairs_that_share_most_are_in_full_and_the_rest_are_rows(twenty) -> None:
    corpus, tree = twenty
    assert len(corpus.articles) <= MATRIX_MAX_ARTICLES < 190 == len(corpus.pairs)
    sections = [s.get("id") for s in tree.xpath("//section[@class='pair']")]
    rows = [r.get("id") for r in tree.xpath("//table[@class='ranked']/tbody/tr")]
    assert len(sections) == PAIRS_IN_FULL and len(rows) == 190 - PAIRS_IN_FULL
    shown = [words_shared(corpus, pair_of_anchor(corpus, x)) for x in sections]
    rest = [words_shared(corpus, pair_of_anchor(corpus, x)) for x in rows]
    assert shown == sorted(shown, reverse=True) and rest == sorted(rest, reverse=True)
    assert min(shown) >= max(rest) and max(shown) > min(rest)
    # Every pair is in one place or the other, once.
    every = {f"{i}-{j}" for i in range(1, 21) for j in range(i + 1, 21)}
    assert sorted(x.split("-", 1)[1] for x in sections + rows) == sorted(every)
    # The rows carry the pair's figures.
    first = tree.xpath("//table[@class='ranked']/tbody/tr")[0]
    pair = pair_of_anchor(corpus, first.get("id"))
    cells = [flat(td.text_content()) for td in first.xpath("td")]
    assert cells[0] == str(PAIRS_IN_FULL + 1)  # ranks go on from the pairs in full
    assert cells[2:4] == [f"{pair.shared_a * 100:.0f}%", f"{pair.shared_b * 100:.0f}%"]
    assert (
        cells[4].startswith(f"{len(pair.passages)} (")
        and cells[5] == f"{round(words_shared(corpus, pair)):,}"
    )


def test_every_matrix_cell_links_to_its_pair_in_full_or_to_its_row(twenty) -> None:
    corpus, tree = twenty
    rows = tree.xpath("//table[@class='matrix']/tbody/tr")
    assert len(rows) == 20
    full = {s.get("id") for s in tree.xpath("//section[@class='pair']")}
    for i, row in enumerate(rows, start=1):
        for j, cell in enumerate(row.xpath("td"), start=1):
            if i == j:
                continue
            (href,) = cell.xpath("a/@href")
            lo, hi = min(i, j), max(i, j)
            assert href in (f"#pair-{lo}-{hi}", f"#row-{lo}-{hi}")
            assert (href == f"#pair-{lo}-{hi}") == (f"pair-{lo}-{hi}" in full)


def test_the_report_says_what_it_summarises_and_how_to_get_the_rest(twenty) -> None:
    _, tree = twenty
    notes = summary_notes(tree)
    head = tree.xpath("//header")[0]
    assert f"{PAIRS_IN_FULL} of the 190 pairs that share passages are in full" in flat(head.text_content())
    (pairs_note,) = [x for x in notes if x.startswith(f"The {PAIRS_IN_FULL} pairs that share the most words")]
    assert "the other 140 pairs that share passages are summarised in the table below" in pairs_note
    ways = [
        "File › Export Pair as HTML",
        "syndiff-cli export FILE_A FILE_B --html pair.html",
        "syndiff-cli align FILES --json out.json",
        "syndiff-cli align FILES --parquet DIR",
    ]
    assert all(how in pairs_note for how in ways)


# --------------------------------------------------------------------------- past the matrix


@pytest.fixture(scope="module")
def sixty() -> tuple[CorpusAlignment, str, lxml.html.HtmlElement]:
    corpus = large_corpus(60, families=FAMILIES_IN_FULL + 5)
    doc = render_corpus_html(corpus, generated=WHEN)
    check_document(doc)
    return corpus, doc, tree_of(doc)


def test_past_the_matrix_limit_the_pairs_are_ranked_instead(sixty) -> None:
    corpus, _, tree = sixty
    assert tree.xpath("//table[@class='matrix']") == []
    (table,) = tree.xpath("//table[@class='ranked']")
    rows = table.xpath("tbody/tr")
    assert len(rows) == PAIR_ROWS < len(corpus.pairs) == 1770
    figures = [words_shared(corpus, pair_of_anchor(corpus, r.get("id"))) for r in rows]
    assert figures == sorted(figures, reverse=True)
    assert figures[0] == max(words_shared(corpus, p) for p in corpus.pairs)
    # The first rows link to the pairs in full, the others do not link.
    links = [r.xpath(".//a/@href") for r in rows]
    assert [h for h in links if h] == [
        [f"#{r.get('id').replace('row', 'pair')}"] for r in rows[:PAIRS_IN_FULL]
    ]
    assert len(tree.xpath("//section[@class='pair']")) == PAIRS_IN_FULL
    after = flat(table.getnext().text_content())
    assert after.startswith(f"{1770 - PAIR_ROWS:,} more pairs share passages")
    (note,) = [x for x in summary_notes(tree) if x.startswith(f"The {PAIRS_IN_FULL} pairs")]
    assert "the other 1,720 pairs that share passages are summarised in the table under Overlap" in note


def test_past_the_limits_families_are_capped_largest_first(sixty) -> None:
    corpus, _, tree = sixty
    sections = tree.xpath("//section[@class='family']")
    assert [s.get("id") for s in sections] == [f"family-{n}" for n in range(1, FAMILIES_IN_FULL + 1)]
    for section in sections:
        assert len(section.xpath(".//li[contains(@class, 'member')]")) == VERSIONS_IN_FULL
        more = flat(section.xpath(".//p[contains(@class, 'note')]")[0].text_content())
        assert more.startswith(
            f"{60 - VERSIONS_IN_FULL} more versions, not shown in full: in articles 21 V, 22 V"
        )
    rows = tree.xpath("//table[@class='presence']/tbody/tr")
    assert len(rows) == FAMILIES_IN_FULL + 5
    assert [bool(r.xpath(".//a")) for r in rows] == [True] * FAMILIES_IN_FULL + [False] * 5
    where = flat(rows[0].xpath("td[@class='where']")[0].text_content())
    assert where == ", ".join(["1 ●"] + [f"{k} V" for k in range(2, 31)]) + " … 30 more"
    (note,) = [x for x in summary_notes(tree) if "families are shown in full" in x]
    assert note.startswith(f"The {FAMILIES_IN_FULL} largest of the {FAMILIES_IN_FULL + 5} families")
    assert "syndiff-cli families FILES --json out.json" in note


def test_the_file_stays_small_as_the_set_grows(sixty) -> None:
    """7,140 pairs sharing passages: inlining them all made a file of tens of megabytes."""
    _, doc60, _ = sixty
    corpus = large_corpus(120, families=FAMILIES_IN_FULL + 5)
    doc = render_corpus_html(corpus, generated=WHEN)
    check_document(doc)
    size = len(doc.encode("utf-8"))
    assert size < 1_000_000, size
    assert size < 1.2 * len(doc60.encode("utf-8"))
    tree = tree_of(doc)
    assert len(tree.xpath("//section[@class='pair']")) == PAIRS_IN_FULL
    assert len(tree.xpath("//table[@class='ranked']/tbody/tr")) == PAIR_ROWS


def test_the_limits_are_what_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Raise the limits and the same set is inlined whole again, matrix and all."""
    monkeypatch.setattr(corpus_report, "PAIRS_IN_FULL", 10_000)
    monkeypatch.setattr(corpus_report, "MATRIX_MAX_ARTICLES", 100)
    corpus = large_corpus(45)
    tree = tree_of(render_corpus_html(corpus, generated=WHEN))
    assert len(tree.xpath("//section[@class='pair']")) == len(corpus.pairs) == 990
    assert len(tree.xpath("//table[@class='matrix']/tbody/tr")) == 45
    assert summary_notes(tree) == []


def test_a_large_report_escapes_and_isolates_names() -> None:
    corpus = large_corpus(MATRIX_MAX_ARTICLES + 5)
    hostile = [
        replace(a, outlet=HOSTILE[k % len(HOSTILE)] + (RLO if k == 5 else ""))  # 6: in the pairs listed
        for k, a in enumerate(corpus.articles)
    ]
    corpus = CorpusAlignment(tuple(hostile), corpus.settings, corpus.pairs, corpus.families)
    doc = render_corpus_html(corpus, generated=WHEN)
    check_document(doc)  # no tag, attribute or comment of an outlet's name became markup
    tree = tree_of(doc)
    names = flat(tree.xpath("//table[@class='articles']")[0].text_content())
    assert all(flat(piece) in names for piece in HOSTILE)  # a name's outer white space is dropped
    (table,) = tree.xpath("//table[@class='ranked']")
    assert sum(flat(piece) in flat(table.text_content()) for piece in HOSTILE) >= 4
    seen = 0
    for el in table.iter():
        if RLO in (el.text or "") or RLO in (el.tail or ""):
            holder = el if RLO in (el.text or "") else el.getparent()
            assert any(x.tag == "bdi" for x in (holder, *holder.iterancestors())), lxml.html.tostring(holder)
            seen += 1
    assert seen > 0
