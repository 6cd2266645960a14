"""Passages linked by hand are marked as manual in the JSON and the HTML exports."""

from __future__ import annotations

import json

from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.corrections import apply_corrections, link
from desktop.engine.export.html_report import html_document
from desktop.engine.export.json_report import SCHEMA_VERSION, alignment_json, json_text
from desktop.engine.load.articles import article_from_text
from desktop.engine.model import Settings

A = "Officials described the plan as a bold bet on cheaper transport for everyone."
B = "Ministers called the scheme a daring wager on lower fares for all travellers."


def _corpus():
    a = article_from_text(f"Plan\n{A}", outlet="Gazette", article_id="a")
    b = article_from_text(f"Scheme\n{B}", outlet="Herald", article_id="b")
    corpus = align_corpus([a, b], Settings(use_embeddings=False))
    assert not corpus.pair("a", "b").passages
    start_a, start_b = a.text.index(A), b.text.index(B)
    correction = link(a, b, (start_a, start_a + len(A)), (start_b, start_b + len(B)))
    return apply_corrections(corpus, [correction])


def test_json_marks_the_source_of_every_passage() -> None:
    data = json.loads(json_text(alignment_json(_corpus())))
    assert data["version"] == SCHEMA_VERSION == "1.3"
    (pair,) = data["pairs"]
    assert [p["source"] for p in pair["passages"]] == ["manual"]
    plain = json.loads(json_text(alignment_json(align_corpus(list(_corpus().articles)))))
    assert all(p["source"] == "aligner" for pair in plain["pairs"] for p in pair["passages"])


def test_html_marks_manual_passages_in_every_view() -> None:
    corpus = _corpus()
    pair_page = html_document(corpus, ("a", "b"))
    assert 'class="passage paraphrase manual"' in pair_page or 'class="passage edited manual"' in pair_page
    assert "linked by hand" in pair_page and "(manual)" in pair_page and "✎" in pair_page
    cards = html_document(corpus, ("a", "b"), changes_only=True)
    assert "linked by hand" in cards
    report = html_document(corpus)
    assert "linked by hand" in report and " manual" in report


def test_no_manual_mark_without_corrections() -> None:
    corpus = align_corpus(list(_corpus().articles), Settings(use_embeddings=False))
    assert "linked by hand" not in html_document(corpus, ("a", "b"))
