"""Manual corrections: linking, unlinking and adjusting passages, replayed over any alignment."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.corrections import (
    Action,
    Anchor,
    adjust,
    apply_corrections,
    correct_pair,
    link,
    matching_link,
    stale_corrections,
    unlink,
)
from desktop.engine.model import CorpusAlignment, PairAlignment, Settings, Source

from .samples import FILLER_A, FILLER_B, SHARED, art

SETTINGS = Settings(use_embeddings=False)
MISSED_A = "Officials described the plan as a bold bet on cheaper transport."
MISSED_B = "Ministers called the scheme a daring wager on lower fares."


def _articles():
    a = art(" ".join([FILLER_A[0], SHARED[0], MISSED_A, FILLER_A[1], SHARED[1]]), "a")
    b = art(" ".join([FILLER_B[0], SHARED[0], FILLER_B[1], MISSED_B, SHARED[1]]), "b")
    c = art(" ".join([FILLER_A[2], FILLER_B[2]]), "c")
    return a, b, c


def _span(article, sentence: str) -> tuple[int, int]:
    start = article.text.index(sentence)
    return (start, start + len(sentence))


@pytest.fixture()
def corpus() -> CorpusAlignment:
    return align_corpus(list(_articles()), SETTINGS)


def test_anchor_finds_its_text_where_it_was_or_nearest() -> None:
    text = "one two three. one two three."
    anchor = Anchor.of(text, 15, 28)
    assert anchor.locate(text) == (15, 28)
    moved = "Intro. " + text
    assert anchor.locate(moved) == (22, 35), "the occurrence nearest to the old place"
    assert anchor.locate("nothing like it") is None


def test_link_adds_a_manual_passage_the_aligner_missed(corpus: CorpusAlignment) -> None:
    a, b, _ = corpus.articles
    before = corpus.pair("a", "b")
    assert not any(p.a_span == _span(a, MISSED_A) for p in before.passages)
    fixed = apply_corrections(corpus, [link(a, b, _span(a, MISSED_A), _span(b, MISSED_B))])
    pair = fixed.pair("a", "b")
    manual = [p for p in pair.passages if p.source is Source.MANUAL]
    assert [(p.a_span, p.b_span) for p in manual] == [(_span(a, MISSED_A), _span(b, MISSED_B))]
    assert manual[0].diff, "a manual passage is diffed like any other"
    assert len(pair.passages) == len(before.passages) + 1
    assert [p.a_start for p in pair.passages] == sorted(p.a_start for p in pair.passages)
    assert pair.shared_a > before.shared_a and pair.shared_b > before.shared_b
    assert fixed.stats_for("a").shared > corpus.stats_for("a").shared
    assert fixed.stats_for("c") == corpus.stats_for("c"), "untouched articles keep their stats"


def test_link_replaces_passages_it_overlaps(corpus: CorpusAlignment) -> None:
    a, b, _ = corpus.articles
    shared = _span(a, SHARED[0])
    target = _span(b, MISSED_B)
    fixed = apply_corrections(corpus, [link(a, b, shared, target)])
    spans = [(p.a_span, p.b_span, p.manual) for p in fixed.pair("a", "b").passages]
    assert (shared, target, True) in spans
    assert not any(sa == shared and not manual for sa, _, manual in spans)


def test_unlink_removes_a_wrong_passage_and_survives_other_settings() -> None:
    articles = list(_articles())
    corpus = align_corpus(articles, SETTINGS)
    a, b, _ = corpus.articles
    wrong = corpus.pair("a", "b").passages[0]
    corrections = [unlink(a, b, wrong)]
    fixed = apply_corrections(corpus, corrections)
    assert wrong not in fixed.pair("a", "b").passages
    for settings in (replace(SETTINGS, min_words=3), replace(SETTINGS, sensitivity=0.9, ignore_case=False)):
        again = apply_corrections(align_corpus(articles, settings), corrections)
        remaining = again.pair("a", "b").passages
        assert not any(p.a_start < wrong.a_end and wrong.a_start < p.a_end for p in remaining)


def test_a_manual_link_survives_a_settings_change() -> None:
    articles = list(_articles())
    a, b, _ = articles
    corrections = [link(a, b, _span(a, MISSED_A), _span(b, MISSED_B))]
    for settings in (SETTINGS, replace(SETTINGS, min_words=12), replace(SETTINGS, sensitivity=0.0)):
        pair = apply_corrections(align_corpus(articles, settings), corrections).pair("a", "b")
        assert any(p.manual and p.a_span == _span(a, MISSED_A) for p in pair.passages), settings


def test_corrections_apply_in_either_orientation_and_to_pairs_sharing_nothing(
    corpus: CorpusAlignment,
) -> None:
    a, _, c = corpus.articles
    assert not corpus.pair("a", "c").passages
    fixed = apply_corrections(corpus, [link(c, a, (0, 20), _span(a, MISSED_A))])
    pair = fixed.pair("a", "c")
    assert [(p.a_span, p.b_span) for p in pair.passages] == [(_span(a, MISSED_A), (0, 20))]
    assert fixed.pair("c", "a").passages[0].manual
    assert fixed.stats_for("c").shared > 0 == corpus.stats_for("c").shared


def test_adjust_moves_a_passages_ends(corpus: CorpusAlignment) -> None:
    a, b, _ = corpus.articles
    passage = corpus.pair("a", "b").passages[0]
    shorter = (passage.a_start, passage.a_end - 10)
    fixed = apply_corrections(corpus, adjust(a, b, passage, shorter, passage.b_span))
    first = fixed.pair("a", "b").passages[0]
    assert first.manual and first.a_span[0] == shorter[0] and first.a_end <= shorter[1]


def test_stale_corrections_are_ignored_and_reported(corpus: CorpusAlignment) -> None:
    a, b, _ = corpus.articles
    correction = link(a, b, _span(a, MISSED_A), _span(b, MISSED_B))
    edited = replace(a, text=a.text.replace(MISSED_A, "Something else entirely."))
    assert stale_corrections([correction], [edited, b]) == [correction]
    pair = PairAlignment("a", "b", ())
    assert correct_pair(pair, [correction], edited, b, SETTINGS) is pair


def test_a_selection_without_words_is_refused() -> None:
    a, b, _ = _articles()
    with pytest.raises(ValueError, match="no word"):
        link(a, b, (0, 0), (0, 10))
    with pytest.raises(ValueError):
        link(a, a, (0, 10), (0, 10))


def test_link_drops_white_space_at_the_ends() -> None:
    a, b, _ = _articles()
    start, end = _span(a, MISSED_A)
    correction = link(a, b, (start - 1, end + 1), _span(b, MISSED_B))
    assert correction.a_anchor.span == (start, end) and correction.action is Action.LINK


def test_matching_link_finds_the_correction_behind_a_manual_passage(corpus: CorpusAlignment) -> None:
    a, b, _ = corpus.articles
    corrections = [link(a, b, _span(a, MISSED_A), _span(b, MISSED_B))]
    manual = next(p for p in apply_corrections(corpus, corrections).pair("b", "a").passages if p.manual)
    assert matching_link(corrections, b, a, manual) == 0
    assert matching_link(corrections, a, b, corpus.pair("a", "b").passages[0]) == -1


def test_no_corrections_change_nothing(corpus: CorpusAlignment) -> None:
    assert apply_corrections(corpus, []) is corpus
    a, b, _ = corpus.articles
    ghost = replace(link(a, b, (0, 10), (0, 10)), a="gone")
    assert apply_corrections(corpus, [ghost]) is corpus
