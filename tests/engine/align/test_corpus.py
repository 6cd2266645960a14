"""All-pairs alignment, candidate pruning, families and per-article shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.engine.align.corpus import align_corpus, candidate_pairs
from desktop.engine.align.families import build_families
from desktop.engine.align.prepared import build_idf, prepare
from desktop.engine.load.articles import article_from_text, load_article
from desktop.engine.model import Article, Kind, PairAlignment, Passage, Settings

QUOTE = "The regulator said the merger would reduce competition in the broadband market."
FILLERS = [
    "The city council approved a new budget for road repairs on Tuesday evening.",
    "The national team lost its qualifying match after a late penalty.",
    "Museum visitors can now book tickets for the new dinosaur exhibition online.",
    "Rail operators announced strikes for the first weekend of the month.",
    "A small bakery on Main Street won a regional award for its sourdough bread.",
]


def art(name: str, *lines: str) -> Article:
    return article_from_text("\n".join(lines), title=name, outlet=name.upper(), article_id=name)


def test_unrelated_pairs_are_not_aligned() -> None:
    articles = [art(f"x{k}", f) for k, f in enumerate(FILLERS)] + [
        art("q1", QUOTE),
        art("q2", FILLERS[0], QUOTE),
    ]
    prepared = [prepare(a) for a in articles]
    candidates = candidate_pairs(prepared, build_idf(prepared), 0.2)
    # Only pairs that share a sentence are candidates; the rest cost nothing.
    assert set(candidates) == {(0, 6), (5, 6)}
    assert candidates[(5, 6)] == [(0, 1)]  # the shared sentence, by index in each article
    corpus = align_corpus(articles)
    assert corpus.candidates_checked == 2
    assert {(p.a, p.b) for p in corpus.pairs} == {("x0", "q2"), ("q1", "q2")}
    assert corpus.pair("q2", "q1").a == "q2"
    assert corpus.pair("x1", "x2").passages == ()


def test_family_spans_outlets_with_kinds() -> None:
    edited = "The regulator said on Monday that the merger would reduce competition in the broadband market."
    articles = [
        art("a", FILLERS[0], QUOTE),
        art("b", edited, FILLERS[1]),
        art("c", FILLERS[2], QUOTE, FILLERS[3]),
    ]
    corpus = align_corpus(articles)
    (family,) = corpus.families
    assert {m.article for m in family.members} == {"a", "b", "c"}
    central = family.central_member
    assert central.kind == Kind.VERBATIM and central.score == 1.0
    kinds = {m.article: m.kind for m in family.members}
    assert sorted(k.value for k in kinds.values()) == ["edited", "verbatim", "verbatim"]
    for m in family.members:
        assert corpus.article(m.article).text[m.start : m.end].startswith("The regulator")
    assert "regulator" in family.label
    stats = {s.article: s for s in corpus.stats}
    assert stats["a"].families == 1
    assert 0.4 < stats["a"].shared < 0.7
    assert abs(stats["a"].shared + stats["a"].unique - 1) < 1e-9
    text_a = corpus.article("a").text
    assert [text_a[s:e] for s, e in stats["a"].unique_spans] == [FILLERS[0].rstrip(".")]


def _passage(a0: int, a1: int, b0: int, b1: int, score: float) -> Passage:
    return Passage(a0, a1, b0, b1, Kind.PARAPHRASE, score)


def test_chain_of_weak_links_does_not_merge_families() -> None:
    # Four outlets: A~B strong, B~C weak, C~D strong, and nothing links A or B to D.
    articles = [Article(id=k, title=k, outlet=k, text="x" * 100) for k in "ABCD"]
    pairs = [
        PairAlignment("A", "B", (_passage(0, 50, 0, 50, 0.9),)),
        PairAlignment("B", "C", (_passage(0, 50, 0, 50, 0.45),)),
        PairAlignment("C", "D", (_passage(0, 50, 0, 50, 0.9),)),
    ]
    families = build_families(articles, pairs, Settings())
    groups = sorted(sorted(f.articles) for f in families)
    assert groups == [["A", "B"], ["C", "D"]]


def test_strong_triangle_is_one_family() -> None:
    articles = [Article(id=k, title=k, outlet=k, text="x" * 100) for k in "ABC"]
    pairs = [
        PairAlignment("A", "B", (_passage(0, 50, 0, 50, 0.9),)),
        PairAlignment("B", "C", (_passage(0, 50, 0, 50, 0.8),)),
        PairAlignment("A", "C", (_passage(0, 50, 0, 50, 0.7),)),
    ]
    (family,) = build_families(articles, pairs, Settings())
    assert sorted(family.articles) == ["A", "B", "C"]
    assert family.members[family.central].article == "B"  # strongest links in total


def test_samples_family_of_reading_between_the_lines(seed_paths: list[Path]) -> None:
    articles = [load_article(p) for p in seed_paths]
    corpus = align_corpus(articles)
    carriers = {a.id for a in articles if "between the lines" in a.text}
    families = [
        f
        for f in corpus.families
        if any("between the lines" in corpus.article(m.article).text[m.start : m.end] for m in f.members)
    ]
    assert len(families) == 1
    assert set(families[0].articles) == carriers
    assert corpus.candidates_checked <= 10


def test_sentence_totals_survive_id_reuse() -> None:
    from desktop.engine.align.similarity import Idf

    idf = Idf.build([(("merger", "broadband"), (), ""), (("budget",), (), "")])
    first = idf.sentence_totals((("merger",),))
    assert first == [idf.weight("merger")]
    # Many short-lived sequences: ids get reused, figures must still belong to each one.
    for k in range(200):
        n = k % 3 + 1
        seq = tuple([("budget",) * n])  # a new object each time, often at a reused id
        assert idf.sentence_totals(seq) == [pytest.approx(n * idf.weight("budget"))]
