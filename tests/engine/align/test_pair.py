"""Pair alignment: what users rely on, on real and hand-made articles."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.engine.align.pair import align_pair
from desktop.engine.load.articles import load_article
from desktop.engine.model import Article, Kind, Op, Settings
from tests.engine.align.samples import (
    FILLER_A,
    FILLER_B,
    REWORDED_A,
    REWORDED_B,
    SHARED,
    FakeEncoder,
    art,
    near,
)

RBTL_A = "reading between the lines"
RBTL_B = "If you read between the lines"


def find(text: str, needle: str) -> int:
    pos = text.find(needle)
    assert pos >= 0, needle
    return pos


def test_reading_between_the_lines_is_a_paraphrase(seed_paths: list[Path]) -> None:
    articles = [load_article(p) for p in seed_paths]
    carriers = [a for a in articles if RBTL_A in a.text or RBTL_B in a.text]
    assert len(carriers) == 2
    a, b = carriers
    result = align_pair(a, b)
    pa, pb = (
        find(a.text, RBTL_A if RBTL_A in a.text else RBTL_B),
        find(b.text, RBTL_B if RBTL_B in b.text else RBTL_A),
    )
    hits = [p for p in result.passages if p.a_start <= pa < p.a_end and p.b_start <= pb + 10 < p.b_end]
    assert len(hits) == 1
    assert hits[0].kind == Kind.PARAPHRASE
    assert 0.5 <= hits[0].score <= 1
    # The other article's framing ("TechCrunch writes that ...") is trimmed off.
    assert "TechCrunch" not in a.text[hits[0].a_start : hits[0].a_end]


def test_names_and_topic_words_alone_do_not_link() -> None:
    a = art(
        "Mark Zuckerberg, Meta Founder and CEO and Daniel Ek, Spotify Founder and CEO.\n"
        "The weather in Lisbon was mild and the harbour was calm all week long.",
        "a",
    )
    b = art(
        "Meta CEO Mark Zuckerberg and Spotify CEO Daniel Ek complained about EU privacy "
        "regulations surrounding AI in a joint statement.\n"
        "Farmers in the valley expect a late harvest because of the cold spring rains.",
        "b",
    )
    assert align_pair(a, b).passages == ()


def test_reordered_paragraphs_are_all_found() -> None:
    a = art("\n".join([FILLER_A[0], SHARED[0], FILLER_A[1], SHARED[1], FILLER_A[2], SHARED[2]]), "a")
    b = art("\n".join([SHARED[2], FILLER_B[0], SHARED[0], FILLER_B[1], SHARED[1], FILLER_B[2]]), "b")
    result = align_pair(a, b)
    found = {(a.text[p.a_start : p.a_end], b.text[p.b_start : p.b_end]) for p in result.passages}
    # The moved one is a passage of its own; the two left in order, one sentence apart on
    # both sides (2 of the 3 sentences shared), are one passage with a sentence replaced.
    joined = (
        "\n".join([SHARED[0], FILLER_A[1], SHARED[1]]),
        "\n".join([SHARED[0], FILLER_B[1], SHARED[1]]),
    )
    assert found == {(SHARED[2], SHARED[2]), joined}
    assert all(p.kind == Kind.VERBATIM for p in result.passages)


def test_adjacent_shared_sentences_merge_into_one_passage() -> None:
    block = " ".join(SHARED)
    a = art(FILLER_A[0] + "\n" + block + "\n" + FILLER_A[1], "a")
    b = art(FILLER_B[0] + "\n" + block, "b")
    result = align_pair(a, b)
    assert len(result.passages) == 1
    p = result.passages[0]
    assert a.text[p.a_start : p.a_end] == block
    assert b.text[p.b_start : p.b_end] == block


def test_edited_sentence_is_edited_with_word_changes() -> None:
    a = art(
        FILLER_A[0]
        + "\nThe regulator said on Monday that the merger would reduce competition in the broadband market.",
        "a",
    )
    b = art(
        FILLER_B[0]
        + "\nThe regulator said that the planned merger would sharply reduce competition"
        + " in the broadband market.",
        "b",
    )
    (p,) = align_pair(a, b).passages
    assert p.kind == Kind.EDITED
    deleted = [a.text[o.a_start : o.a_end].strip() for o in p.diff if o.op == Op.DELETE]
    inserted = [b.text[o.b_start : o.b_end].strip() for o in p.diff if o.op == Op.INSERT]
    assert deleted == ["on Monday"]
    assert inserted == ["planned", "sharply"]


def test_split_sentence_matches_both_halves() -> None:
    long = (
        "The regulator said the merger would reduce competition in the broadband market, "
        "and analysts expect prices for home internet to rise by about ten percent next year."
    )
    split = (
        "The regulator said the merger would reduce competition in the broadband market. "
        "Analysts expect prices for home internet to rise by about ten percent next year."
    )
    a = art(FILLER_A[0] + "\n" + long, "a")
    b = art(FILLER_B[0] + "\n" + split, "b")
    (p,) = align_pair(a, b).passages
    assert b.text[p.b_start : p.b_end] == split
    assert p.kind in (Kind.VERBATIM, Kind.EDITED)


def test_quote_framed_differently_is_found_verbatim() -> None:
    quote = (
        "fragmented regulatory structure, riddled with inconsistent implementation, is hampering innovation"
    )
    a = art(f"The two executives argued that Europe's “{quote}” in a long statement on Friday.", "a")
    b = art(f"Critics in Brussels rejected the claim that a “{quote}” across the continent.", "b")
    (p,) = align_pair(a, b).passages
    assert quote in a.text[p.a_start : p.a_end]
    assert p.kind == Kind.VERBATIM


def test_boilerplate_is_never_aligned() -> None:
    chrome = "Leave a comment\nYou must be logged in to post a comment."
    a = art(SHARED[0] + "\n" + chrome, "a")
    b = art(FILLER_B[0] + "\n" + chrome, "b")
    assert a.boilerplate and b.boilerplate
    assert align_pair(a, b).passages == ()


def test_min_words_drops_short_passages() -> None:
    a = art("\n".join(SHARED), "a")
    b = art("\n".join(SHARED), "b")
    assert len(align_pair(a, b, Settings(min_words=5)).passages) == 1
    assert align_pair(a, b, Settings(min_words=200)).passages == ()


def test_sensitivity_is_monotonic(seed_paths: list[Path]) -> None:
    articles = [load_article(p) for p in seed_paths]
    counts = []
    for sensitivity in (0.0, 0.5, 1.0):
        s = Settings(sensitivity=sensitivity)
        counts.append(
            sum(len(align_pair(x, y, s).passages) for x in articles for y in articles if x.id < y.id)
        )
    assert counts[0] <= counts[1] <= counts[2]
    assert counts[2] > counts[0]


def test_shared_shares() -> None:
    a = art("\n".join(SHARED + FILLER_A), "a")
    b = art("\n".join(SHARED), "b")
    result = align_pair(a, b)
    assert result.shared_b == 1.0
    assert 0.4 < result.shared_a < 0.7


# Property test: articles made of shuffled sentences from two pools.
POOL = (
    SHARED
    + FILLER_A
    + FILLER_B
    + [
        "Officials declined to comment on the report when reached by phone.",
        "The agency will publish its full findings in the spring.",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks_a=st.lists(st.sampled_from(POOL), min_size=1, max_size=8),
    picks_b=st.lists(st.sampled_from(POOL), min_size=1, max_size=8),
    seed=st.integers(0, 1000),
    sensitivity=st.floats(0, 1),
)
def test_alignment_invariants(picks_a: list[str], picks_b: list[str], seed: int, sensitivity: float) -> None:
    rng = random.Random(seed)
    rng.shuffle(picks_b)
    a = art("\n".join(picks_a), "a")
    b = art(" ".join(picks_b), "b")
    result = align_pair(a, b, Settings(sensitivity=sensitivity))
    for side, text in (("a", a.text), ("b", b.text)):
        spans = sorted((getattr(p, f"{side}_start"), getattr(p, f"{side}_end")) for p in result.passages)
        for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
            assert e1 <= s2, "passages never overlap on one side"
        for s, e in spans:
            assert 0 <= s < e <= len(text)
    for p in result.passages:
        assert 0.0 <= p.score <= 1.0
        rebuilt_a = "".join(a.text[o.a_start : o.a_end] for o in p.diff if o.op != Op.INSERT)
        rebuilt_b = "".join(b.text[o.b_start : o.b_end] for o in p.diff if o.op != Op.DELETE)
        assert rebuilt_a == a.text[p.a_start : p.a_end]
        assert rebuilt_b == b.text[p.b_start : p.b_end]
    assert 0.0 <= result.shared_a <= 1.0 and 0.0 <= result.shared_b <= 1.0
    # Every sentence both sides carry word for word is inside some passage (one of its
    # copies, when one side repeats it).
    for sentence in set(picks_a) & set(picks_b):
        starts = [k for k in range(len(a.text)) if a.text.startswith(sentence, k)]
        assert any(p.a_start <= pos < p.a_end for pos in starts for p in result.passages), sentence


def test_swapped_pair_mirrors() -> None:
    a = art("\n".join([FILLER_A[0], SHARED[0], SHARED[1]]), "a")
    b = art("\n".join([SHARED[1], FILLER_B[1], SHARED[0]]), "b")
    ab = align_pair(a, b)
    ba = align_pair(b, a)
    assert sorted((p.b_start, p.b_end, p.a_start, p.a_end) for p in ab.passages) == sorted(
        (p.a_start, p.a_end, p.b_start, p.b_end) for p in ba.passages
    )
    assert ab.swapped().passages == tuple(sorted(ba.passages, key=lambda p: (p.a_start, p.b_start)))


@pytest.mark.parametrize("text", ["", "   ", "No sentence here"])
def test_degenerate_articles(text: str) -> None:
    a = Article(id="a", title="a", outlet="", text=text)
    b = art("\n".join(SHARED), "b")
    assert align_pair(a, b).passages == ()


def test_short_fragment_between_shared_text_keeps_one_passage() -> None:
    # Hard-wrapped essays leave fragments ("On our visit,") too short to link on their own.
    first = "The museum opened a new wing devoted to early photography and its inventors last spring."
    second = "the guides explained how glass plates were prepared and exposed in the studio by hand."
    a = art(f"{FILLER_A[0]}\n{first}\nOn our visit,\n{second}", "a")
    b = art(f"{FILLER_B[0]}\n{first}\nOn our visit,\n{second}", "b")
    (p,) = align_pair(a, b).passages
    assert a.text[p.a_start : p.a_end] == f"{first}\nOn our visit,\n{second}"


def test_template_sentences_with_other_figures_do_not_link() -> None:
    a = art("The Nasdaq composite index added 8.27 points, or 0.5 percent, to 1,654.31 on Tuesday.", "a")
    b = art("The Nasdaq composite index climbed 19.11 points, or 1.2 percent, to 1,712.40 on Friday.", "b")
    assert align_pair(a, b).passages == ()


def test_identical_sentence_of_names_is_verbatim() -> None:
    line = "Obama to meet with China's Xi in California June 7-8."
    a = art(f"{FILLER_A[0]}\n{line}", "a")
    b = art(f"{line}\n{FILLER_B[1]}", "b")
    (p,) = align_pair(a, b, Settings(min_words=3)).passages
    assert p.kind == Kind.VERBATIM


def test_one_changed_word_is_not_verbatim() -> None:
    a = art("Officials in the northern province said the bridge would stay closed until the spring.", "a")
    b = art("Officials in the northern province said the old bridge would stay closed until the spring.", "b")
    (p,) = align_pair(a, b).passages
    assert p.kind == Kind.EDITED


def test_passage_does_not_start_inside_a_number_or_on_a_dash() -> None:
    a = art(
        "BRUSSELS (Reuters) - Nordlane, which employs about 12,000 people, "
        "said it was cooperating fully with the inquiry.",
        "a",
    )
    b = art(
        "Warsaw - Nordlane, which employs roughly 12,000 staff, "
        "says it is cooperating fully with the inquiry.",
        "b",
    )
    passages = align_pair(a, b).passages
    assert passages
    for p in passages:
        assert a.text[p.a_start] not in "-0" and b.text[p.b_start] not in "-0"


EMBEDDINGS = Settings(use_embeddings=True)


def test_embeddings_add_reworded_sentences() -> None:
    a = art(f"{FILLER_A[0]}\n{REWORDED_A}", "a")
    b = art(f"{REWORDED_B}\n{FILLER_B[0]}", "b")
    assert align_pair(a, b, encoder=None).passages == ()  # too few shared words alone
    encoder = FakeEncoder({REWORDED_A: near(1, 1.0), REWORDED_B: near(2, 0.93)})
    assert align_pair(a, b, encoder=encoder).passages == (), "embeddings are asked for, not assumed"
    (p,) = align_pair(a, b, EMBEDDINGS, encoder=encoder).passages
    assert a.text[p.a_start : p.a_end] == REWORDED_A and b.text[p.b_start : p.b_end] == REWORDED_B
    assert p.kind == Kind.PARAPHRASE
    assert align_pair(a, b, Settings(use_embeddings=False), encoder=encoder).passages == ()


def test_embeddings_never_link_sentences_without_a_shared_word() -> None:
    one, two = "The weather in Lisbon was mild all week.", "Farmers expect a late harvest this autumn."
    encoder = FakeEncoder({one: near(1, 1.0), two: near(2, 0.99)})
    assert align_pair(art(one, "a"), art(two, "b"), EMBEDDINGS, encoder=encoder).passages == ()


def test_lightly_edited_sentence_of_names_links_as_edited() -> None:
    # Few shared words that are not names ("held"), but the same sentence word for word.
    a = art(f"{FILLER_A[0]}\nBoth are being held in the Armstrong County Jail.", "a")
    b = art(f"Both are being held in still the largely Armstrong County Jail.\n{FILLER_B[0]}", "b")
    (p,) = align_pair(a, b, Settings(min_words=3)).passages
    assert p.kind == Kind.EDITED


def test_boilerplate_between_two_shared_paragraphs_stays_out() -> None:
    a = art(f"{SHARED[0]}\nAdvertisement\n{SHARED[1]}", "a")
    b = art(f"{SHARED[0]}\n{SHARED[1]}", "b")
    assert a.boilerplate
    result = align_pair(a, b)
    assert [p.kind for p in result.passages] == [Kind.VERBATIM, Kind.VERBATIM]
    for p in result.passages:
        for s, e in a.boilerplate:
            assert e <= p.a_start or p.a_end <= s


def test_a_word_repeated_thousands_of_times_is_cheap_and_safe() -> None:
    # Each repeated 8-word run would pair with every other: seeds are capped instead.
    chant = " ".join(["la"] * 3000)
    a = art(f"{SHARED[0]}\n{chant}", "a")
    b = art(f"{chant}\n{SHARED[0]}", "b")
    result = align_pair(a, b)
    assert any(a.text[p.a_start : p.a_end] == SHARED[0] for p in result.passages)


RUN_WORDS = ["the", "rules", "meta", "said", "will", "not", "launch", "in", "europe", "today"]
run_texts = st.lists(st.sampled_from(RUN_WORDS), min_size=0, max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(a=run_texts, b=run_texts, extra=st.integers(0, 4), quote=st.booleans())
def test_the_anchor_checksums_skip_only_pairs_without_a_run(a: str, b: str, extra: int, quote: bool) -> None:
    from dataclasses import replace

    from desktop.engine.align.pair import ANCHOR_WORDS, verbatim_runs
    from desktop.engine.align.prepared import prepare

    if quote:
        b = f"{b} {a} {b}"  # B quotes A whole: every run of A is shared
    pa = prepare(Article("a", "", "", a))
    pb = prepare(Article("b", "", "", b))
    n = ANCHOR_WORDS + extra
    # Every run under one checksum: every pair looks as if it shared a run, and every run
    # of A is tried: the full search.
    full = verbatim_runs(
        replace(pa, anchor_keys={0: tuple(pa.anchors)}), replace(pb, anchor_keys={0: tuple(pb.anchors)}), n
    )
    assert verbatim_runs(pa, pb, n) == full
    if quote and len(a.split()) >= n:
        assert full


def test_a_copied_sentence_with_its_ending_changed_is_one_edited_passage() -> None:
    copied = (
        "The commission said on Thursday that the new rules would apply to every large online platform"
        " operating in the union"
    )
    a = Article("a", "", "", f"{copied} from next year. The weather was mild.")
    b = Article("b", "", "", f"{copied} from 2026. Markets rose on the news.")
    result = align_pair(a, b)
    assert len(result.passages) == 1
    p = result.passages[0]
    assert a.text[p.a_start : p.a_end].rstrip(".").endswith("from next year")
    assert b.text[p.b_start : p.b_end].rstrip(".").endswith("from 2026")
    assert p.kind is Kind.EDITED
