"""The candidate index: which sentence pairs are scored in full."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.engine.align import candidates
from desktop.engine.align.candidates import (
    MAX_POSTINGS,
    Cells,
    corpus_cells,
    first_of,
    names_of,
    score,
    sentence_pairs,
)
from desktop.engine.align.prepared import Prepared, prepare
from desktop.engine.model import Article


def prep(text: str, article_id: str = "a") -> Prepared:
    return prepare(Article(article_id, "", "", text))


def brute_force(pa: Prepared, pb: Prepared, floor: float) -> set[tuple[int, int]]:
    """Every sentence pair whose full match reaches ``floor``."""
    return {
        (i, j)
        for i in range(len(pa.stems))
        for j in range(len(pb.stems))
        if score(pa, pb, i, j).score >= floor
    }


def test_a_pair_sharing_no_stems_is_never_proposed() -> None:
    pa = prep("The regulator approved the merger. Shares rose sharply on Tuesday.")
    pb = prep("Farmers expect a wet harvest. The regulator fined the bank.", "b")
    found = sentence_pairs(pa, pb, 0.0001)
    assert (1, 0) not in found and (1, 1) not in found and (0, 0) not in found
    assert set(found) == {(0, 1)}  # "regulator" is the one stem shared
    for (i, j), m in found.items():
        assert set(pa.stems[i]) & set(pb.stems[j])
        assert m == score(pa, pb, i, j)


def test_only_pairs_reaching_the_floor_are_kept() -> None:
    pa = prep("The regulator approved the broadband merger on Tuesday.")
    pb = prep("The regulator approved the broadband merger on Tuesday. The regulator resigned.", "b")
    full = score(pa, pb, 0, 0).score
    weak = score(pa, pb, 0, 1).score
    assert full == 1.0 and 0 < weak < 0.5
    assert set(sentence_pairs(pa, pb, 0.5)) == {(0, 0)}
    assert set(sentence_pairs(pa, pb, weak)) == {(0, 0), (0, 1)}


def test_a_stem_in_too_many_sentences_seeds_nothing() -> None:
    refrain = prep(" ".join(["Prices rose again."] * (MAX_POSTINGS + 1)), "r")
    one = prep("Prices rose again.", "q")
    assert len(refrain.postings["price"]) > MAX_POSTINGS
    assert score(one, refrain, 0, 0).score == 1.0
    assert sentence_pairs(one, refrain, 0.1) == {}


def test_names_are_those_of_either_article() -> None:
    pa = prep("Critics said Zuckerberg erred. Then Zuckerberg left.")
    pb = prep("Analysts said Spotify grew. Then Spotify fell.", "b")
    is_name = names_of(pa, pb)
    assert is_name("zuckerberg") and is_name("spotifi") and not is_name("critic")


@pytest.mark.xfail(
    strict=True,
    reason="the estimate does not try a prefix partner for a stem found exactly elsewhere in B "
    "(kept: see sentence_pairs)",
)
def test_a_prefix_partner_counts_even_when_the_exact_stem_is_elsewhere() -> None:
    pa = prep("The regulator approved the broadband merger.")
    pb = prep("The regulator resigned. The regulatory office approved the broadband merger.", "b")
    assert score(pa, pb, 0, 1).score > 0.85
    assert (0, 1) in sentence_pairs(pa, pb, 0.85)


@pytest.mark.xfail(strict=True, reason="the estimate counts a repeated stem once (kept: see sentence_pairs)")
def test_a_repeated_word_does_not_hide_an_identical_sentence() -> None:
    text = "Shares of the merger partner rose after the merger vote."
    pa, pb = prep(text), prep(text, "b")
    assert score(pa, pb, 0, 0).score == 1.0
    assert (0, 0) in sentence_pairs(pa, pb, 0.9)


@pytest.mark.xfail(strict=True, reason="the estimate gives acronyms no credit (kept: see sentence_pairs)")
def test_an_acronym_written_out_does_not_hide_the_same_sentence() -> None:
    pa, pb = prep("The EU fined the company."), prep("The European Union fined the company.", "b")
    assert score(pa, pb, 0, 0).score == 1.0
    assert (0, 0) in sentence_pairs(pa, pb, 0.9)


# Property: against brute force on small texts. The vocabulary has no two stems that
# share a prefix, no acronym and a sentence never repeats a word: the cases above aside,
# the bound is optimistic, so the index finds every pair the full match would keep.
VOCAB = [
    "merger", "approved", "broadband", "market", "Google", "prices", "sharply", "court",
    "appeal", "thirty", "days", "analysts", "expect", "internet", "xylophone", "company",
    "withhold", "harvest", "Tuesday", "fined", "bank", "farmers", "profits", "wheat",
]  # fmt: skip

sentence = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=7, unique=True).map(
    lambda ws: "The " + " ".join(ws) + "."
)
text = st.lists(sentence, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text, text, st.sampled_from([0.05, 0.25, 0.42, 0.6, 0.8, 0.95, 1.0]))
def test_the_bound_never_excludes_a_pair_the_full_match_keeps(a: str, b: str, floor: float) -> None:
    pa, pb = prep(a, "a"), prep(b, "b")
    found = sentence_pairs(pa, pb, floor)
    assert set(found) == brute_force(pa, pb, floor)
    assert all(m.score >= floor for m in found.values())


def test_a_pair_scoring_exactly_the_floor_is_kept() -> None:
    # The estimate once summed in set order, which changes from run to run: of forty
    # identical pairs about a third were lost in any one run.
    rnd = random.Random(0)
    lost = []
    for _ in range(40):
        text = "The " + " ".join(rnd.sample(VOCAB, 8)) + "."
        pa, pb = prep(text), prep(text, "b")
        assert score(pa, pb, 0, 0).score == 1.0
        if (0, 0) not in sentence_pairs(pa, pb, 1.0):
            lost.append(text)
    assert lost == []


# The corpus search (matrix products over every article at once) and the search of one
# pair alone must propose exactly the same sentence pairs. This vocabulary has stems that
# share long prefixes ("regulator" / "regulatory", "approved" / "approval"), names and
# repeats, so every branch of the estimate is met.
FAMILY_VOCAB = VOCAB + [
    "regulator", "regulatory", "regulation", "approval", "approves", "marketing",
    "EU", "European", "Union", "merger", "merger", "court",
]  # fmt: skip
family_sentence = st.lists(st.sampled_from(FAMILY_VOCAB), min_size=1, max_size=9).map(
    lambda ws: "The " + " ".join(ws) + "."
)
family_text = st.lists(family_sentence, min_size=1, max_size=5).map(" ".join)


def _oriented(pa: Prepared, pb: Prepared, cells: Cells) -> tuple[Prepared, Prepared, list[tuple[int, int]]]:
    if first_of(pa, pb):
        return pa, pb, list(cells)
    return pb, pa, [(j, i) for i, j in cells]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(family_text, min_size=2, max_size=4), st.sampled_from([0.05, 0.25, 0.42, 0.8, 1.0]))
def test_the_corpus_search_proposes_what_the_pair_search_finds(texts: list[str], floor: float) -> None:
    prepared = [prep(t, f"a{k}") for k, t in enumerate(texts)]
    found = corpus_cells(prepared, floor)
    assert all(x < y for x, y in found)
    for x in range(len(prepared)):
        for y in range(x + 1, len(prepared)):
            pa, pb, cells = _oriented(prepared[x], prepared[y], found.get((x, y), ()))
            alone = sentence_pairs(pa, pb, floor)
            assert sentence_pairs(pa, pb, floor, cells) == alone
            assert list(alone) == sorted(alone)
            # Every proposed pair is a real sentence pair of the two articles.
            assert all(0 <= i < len(pa.stems) and 0 <= j < len(pb.stems) for i, j in cells)


def test_the_corpus_search_on_real_articles_matches_the_pair_search(corpus_files) -> None:
    from tests.mixed_corpus import load_all

    prepared = [prepare(a) for a in load_all(corpus_files)]
    floor = 0.25
    found = corpus_cells(prepared, floor)
    assert found, "the mixed corpus shares sentences"
    for x in range(len(prepared)):
        for y in range(x + 1, len(prepared)):
            pa, pb, cells = _oriented(prepared[x], prepared[y], found.get((x, y), ()))
            assert sentence_pairs(pa, pb, floor, cells) == sentence_pairs(pa, pb, floor)


def test_the_corpus_search_skips_a_refrain_and_empty_articles() -> None:
    refrain = prep(" ".join(["Prices rose again."] * (MAX_POSTINGS + 1)), "r")
    one = prep("Prices rose again.", "q")
    empty = prep("", "e")
    found = corpus_cells([one, refrain, empty], 0.1)
    pa, pb, cells = _oriented(one, refrain, found.get((0, 1), ()))
    assert sentence_pairs(pa, pb, 0.1, cells) == {} == sentence_pairs(pa, pb, 0.1)
    assert (0, 2) not in found and (1, 2) not in found
    assert corpus_cells([one], 0.1) == {}


def test_the_corpus_search_works_in_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"The regulator approved the {w} merger on Tuesday. Farmers expect rain." for w in VOCAB[:8]]
    prepared = [prep(t, f"b{k}") for k, t in enumerate(texts)]
    whole = corpus_cells(prepared, 0.25)
    monkeypatch.setattr(candidates, "BLOCK_CELLS", 1)  # one article's rows per product
    assert corpus_cells(prepared, 0.25) == whole
    assert len(whole) == len(texts) * (len(texts) - 1) // 2
