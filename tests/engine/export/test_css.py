"""The fixed parts of an HTML export: the page shell, its policy, and the style sheet."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.quotes import quote_check
from desktop.engine.export.corpus_report import FAMILIES_IN_FULL, MATRIX_MAX_ARTICLES
from desktop.engine.export.css import CSP, CSS, SCRIPT, page
from desktop.engine.export.html_report import render_corpus_html, render_pair_html
from desktop.engine.export.quotes_html import render_quotes_html
from desktop.engine.load.articles import load_articles
from desktop.engine.model import Settings
from tests.engine.export.samples import check_document, large_corpus, tree_of

# Classes that name a part of the page (for links, scripts and tests) and take their look
# from their element or another class they carry: no rule of their own is needed.
STRUCTURAL = {
    "articles", "change-types", "column", "column-a", "column-b", "cont", "corpus-report", "pair",
    "pair-report", "passages", "quote-statement", "quotes", "quotes-report", "ranked",
    "verbatim",  # a passage, card or member is drawn as verbatim unless it says otherwise
}  # fmt: skip
# Classes the script adds, or that only some reports use.
DYNAMIC = {"js", "linked", "manual", "empty"}


def selectors() -> set[str]:
    """Every class name the style sheet has a rule for."""
    without_values = re.sub(r"\{[^{}]*\}", "{}", CSS)  # "0.5rem" and the like are no classes
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", without_values))


def test_page_loads_nothing_and_allows_only_its_own_script() -> None:
    doc = page("A <title> & more", "pair-report", "<p>body</p>")
    toks = check_document(doc)
    csp = next(a["content"] for _, a in toks.tags if a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    assert csp == CSP and "default-src 'none'" in csp and f"'sha256-{digest}'" in csp
    assert "connect-src 'none'" in csp and "img-src 'none'" in csp
    assert not re.search(r"url\(|@import|https?:|//[a-z]", CSS + SCRIPT, re.IGNORECASE)
    assert "@media print" in CSS and "prefers-color-scheme: dark" in CSS
    print_rules = CSS.split("@media print", 1)[1]
    assert "sticky" not in print_rules and "position: static" in print_rules


def test_the_page_escapes_its_title_and_body_class_only() -> None:
    doc = page('Q&A "<now>"', 'x" onload="alert(1)', "<main>kept as markup</main>")
    tree = tree_of(doc)
    assert tree.xpath("//title")[0].text_content() == 'Q&A "<now>"'
    assert tree.xpath("//body/@class") == ['x" onload="alert(1)']
    assert tree.xpath("//main")[0].text_content() == "kept as markup"


def test_light_dark_and_print_define_the_same_colours() -> None:
    from desktop.engine.export import css

    light = set(re.findall(r"--[\w-]+(?=:)", css._LIGHT))
    dark = set(re.findall(r"--[\w-]+(?=:)", css._DARK))
    assert light == dark
    used = set(re.findall(r"var\((--[\w-]+)", CSS))
    assert used - {"--k", "--k-edge", "--c", "--v"} <= light


@pytest.fixture(scope="module")
def documents(seed_paths: list[Path]) -> list[str]:
    articles, _ = load_articles([str(p) for p in seed_paths])
    corpus = align_corpus(articles, Settings(use_embeddings=False))
    pair = max(corpus.pairs, key=lambda p: len(p.passages))
    a, b = corpus.article(pair.a), corpus.article(pair.b)
    pairs = [render_pair_html(corpus.article(p.a), corpus.article(p.b), p, Settings()) for p in corpus.pairs]
    large = large_corpus(MATRIX_MAX_ARTICLES + 5, families=FAMILIES_IN_FULL + 1)  # summarised
    return [
        render_corpus_html(corpus),
        render_corpus_html(large),
        render_quotes_html(corpus, quote_check(corpus)),
        *pairs,
        render_pair_html(a, b, pair, Settings(), changes_only=True),
    ]


def test_the_style_sheet_styles_every_class_the_reports_use(documents: list[str]) -> None:
    used: set[str] = set()
    for doc in documents:
        for value in tree_of(doc).xpath("//@class"):
            used.update(value.split())
    assert {"passage", "del", "ins", "chg", "badge", "member", "use-altered"} <= used, "the seeds cover it"
    styled = selectors()
    assert used - styled - STRUCTURAL == set()
    # Every exemption is still used, and still has no rule (else it belongs to neither list).
    assert used >= STRUCTURAL and not STRUCTURAL & styled
    assert styled - used <= DYNAMIC
