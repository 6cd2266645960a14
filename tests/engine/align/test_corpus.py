"""All-pairs alignment of a set: candidate pruning, the families and shares it reports, the encoder."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from desktop.engine.align.corpus import align_corpus, candidate_pairs
from desktop.engine.align.pair import align_pair
from desktop.engine.align.prepared import prepare
from desktop.engine.load.articles import article_from_text, load_article
from desktop.engine.model import Article, Cancelled, Kind, Settings
from tests.engine.align.samples import FILLER_A, FILLER_B, REWORDED_A, REWORDED_B, FakeEncoder, near

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
    candidates = candidate_pairs(prepared, None, Settings())
    # Only pairs that share words are candidates; the rest cost nothing.
    assert {(i, j) for i, j, *_ in candidates} == {(0, 6), (5, 6)}
    # Each comes with the sentence pairs worth scoring (the shared sentences), and whether
    # the two share an anchor run of words (the quote is long enough to hold several).
    assert {(i, j): (cells, anchored) for i, j, cells, anchored in candidates} == {
        (0, 6): (((0, 0),), True),
        (5, 6): (((0, 1),), True),
    }
    corpus = align_corpus(articles)
    assert corpus.candidates_checked == 2
    assert {(p.a, p.b) for p in corpus.pairs} == {("x0", "q2"), ("q1", "q2")}
    assert corpus.pair("q2", "q1").a == "q2"
    assert corpus.pair("x1", "x2").passages == ()


def test_the_candidate_search_and_the_whole_run_report_progress_in_order() -> None:
    articles = [art(f"x{k}", f) for k, f in enumerate(FILLERS)] + [art("q1", QUOTE), art("q2", QUOTE)]
    prepared = [prepare(a) for a in articles]
    seen: list[float] = []
    candidate_pairs(prepared, None, Settings(), seen.append)
    assert len(seen) > 1 and seen[-1] == 1.0 and seen == sorted(seen)
    steps: list[float] = []
    align_corpus(articles, progress=steps.append)
    assert steps == sorted(steps) and steps[-1] == 1.0
    assert any(0.2 < f < 0.25 for f in steps), "the candidate search moves the bar"


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


def test_corpus_uses_the_encoder_once_per_sentence() -> None:
    encoder = FakeEncoder({REWORDED_A: near(1, 1.0), REWORDED_B: near(2, 0.93)})
    articles = [art("a", FILLER_A[0], REWORDED_A), art("b", REWORDED_B, FILLER_B[0])]
    corpus = align_corpus(articles, Settings(use_embeddings=True), encoder=encoder)
    assert len(corpus.pair("a", "b").passages) == 1
    assert len(encoder.seen) == len(set(encoder.seen)) == 4


def _unrelated_text(words: int, seed: int) -> str:
    """A long text on another subject (gardening), made of varied sentences."""
    rng = random.Random(seed)
    subjects = [
        "The gardener",
        "My neighbour",
        "The old orchard",
        "A careful grower",
        "The allotment society",
    ]
    verbs = ["planted", "pruned", "watered", "harvested", "mulched", "divided"]
    things = ["tulip bulbs", "apple trees", "raspberry canes", "rose bushes", "leek seedlings", "herb beds"]
    times = ["before the first frost", "after the April rain", "at dawn", "in late autumn", "every Sunday"]
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(
            f"{rng.choice(subjects)} {rng.choice(verbs)} the {rng.choice(things)} {rng.choice(times)}."
        )
    return "\n".join(" ".join(out[k : k + 4]) for k in range(0, len(out), 4))


def test_an_unrelated_article_changes_no_other_pair(seed_paths: list[Path]) -> None:
    samples = [load_article(p) for p in seed_paths]
    long_text = article_from_text(
        _unrelated_text(15_000, 1), title="Garden", outlet="Garden", article_id="garden"
    )
    without = align_corpus(samples, encoder=None)
    with_it = align_corpus([*samples, long_text], encoder=None)
    assert any(p.passages for p in without.pairs)
    for a in samples:
        for b in samples:
            if a.id < b.id:
                assert with_it.pair(a.id, b.id).passages == without.pair(a.id, b.id).passages
    # ... and each pair is exactly what aligning it alone gives.
    for pair in without.pairs:
        alone = align_pair(without.article(pair.a), without.article(pair.b), encoder=None)
        assert alone.passages == pair.passages


def test_preparing_a_long_article_asks_cancelled_as_it_goes() -> None:
    """A very long article takes seconds to prepare: cancelling must not wait for it."""
    text = "\n\n".join(
        f"Paragraph {k}: the council met on day {k} to discuss the road repairs. " * 3 for k in range(400)
    )
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 20

    articles = [art("long", text), art("short", QUOTE)]
    with pytest.raises(Cancelled):
        align_corpus(articles, cancelled=cancelled)
    assert asked == 21  # asked inside the first article's preparation, stopped at once
    corpus = align_corpus(articles)  # nothing half-prepared was kept
    assert len(corpus.articles) == 2


@pytest.mark.parametrize("block", [1, 3, 256])
def test_the_corpus_wide_counts_are_those_of_each_pair(monkeypatch: pytest.MonkeyPatch, block: int) -> None:
    """Shared keys and shared anchor runs, found for all pairs at once, block by block,
    are what comparing each pair's own sets gives."""
    from desktop.engine.align import corpus

    monkeypatch.setattr(corpus, "_KEY_BLOCK", block)
    rng = random.Random(7)
    words = [f"{w}{k}" for w in ("market", "regulator", "merger", "council", "bakery") for k in range(6)]
    phrase = "the regulator said the merger would reduce competition in the broadband market"
    articles = []
    for k in range(9):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        articles.append(Article(f"a{k}", "", "", f"{body} {phrase if k % 3 == 0 else ''}".strip()))
    prepared = [prepare(a) for a in articles]
    pairs = [(i, j) for i in range(len(prepared)) for j in range(i + 1, len(prepared))]
    keys = [corpus._keys(p) for p in prepared]
    assert corpus._shared_keys(prepared, pairs) == [len(keys[i] & keys[j]) for i, j in pairs]
    runs = {(i, j) for i, j in pairs if prepared[i].anchors.keys() & prepared[j].anchors.keys()}
    assert corpus._anchored(prepared) == runs
    assert runs == {(0, 3), (0, 6), (3, 6)}


def test_a_run_leaves_no_remembered_bags_behind() -> None:
    articles = [art("q1", QUOTE, FILLERS[1]), art("q2", FILLERS[0], QUOTE), art("x", FILLERS[2])]
    corpus = align_corpus(articles, encoder=None)
    assert corpus.pair("q1", "q2").passages
    assert all(not prepare(a).memo for a in articles)  # the cached articles, emptied


@pytest.mark.parametrize("typed_changes", [False, True])
def test_a_run_leaves_no_remembered_spans_behind(typed_changes: bool) -> None:
    from desktop.engine.align import sides, text, worddiff

    edited = QUOTE.replace("would reduce", "will reduce")
    articles = [art("q1", QUOTE, FILLERS[1]), art("q2", FILLERS[0], edited), art("q3", edited)]
    remembered = (sides._words_of, worddiff._pieces, text._word_offsets)
    for cache in remembered:
        cache.cache_clear()
    seen: list[int] = []
    corpus = align_corpus(
        articles,
        encoder=None,
        typed_changes=typed_changes,
        progress=lambda f: seen.append(sum(c.cache_info().currsize for c in remembered)),
    )
    assert corpus.families and corpus.pair("q1", "q2").passages[0].diff
    assert max(seen) > 0, "the run does remember spans while it lasts"
    assert [c.cache_info().currsize for c in remembered] == [0, 0, 0]


def test_a_run_pauses_the_collector_and_resumes_it_even_when_cancelled() -> None:
    import gc

    articles = [art("q1", QUOTE, FILLERS[1]), art("q2", FILLERS[0], QUOTE)]
    seen: list[bool] = []
    align_corpus(articles, encoder=None, progress=lambda f: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()
    with pytest.raises(Cancelled):
        align_corpus(articles, encoder=None, cancelled=lambda: True)
    assert gc.isenabled()
