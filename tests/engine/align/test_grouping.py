"""From sentence links to passages: which links join one passage, and which stay out."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from desktop.engine.align.grouping import (
    CHANCE_MASS,
    GAP_RELATED,
    LONE_SURE,
    MOVED_SCORE,
    RIVAL_SHARE,
    RIVAL_SHARE_LONG,
    RIVAL_WORDS,
    SUMMARY_FAR,
    SUMMARY_GAP,
    SUMMARY_LOOSE,
    SUMMARY_PART,
    bridgeable,
    dense,
    draft,
    groups,
    passage_groups,
    split_moved,
)
from desktop.engine.align.links import GAP, GAP_WORDS, Link
from desktop.engine.align.pair import align_pair
from desktop.engine.align.prepared import Prepared, prepare
from desktop.engine.align.similarity import Match, match
from desktop.engine.model import Article, Settings
from tests.engine.align.samples import FILLER_A, FILLER_B

WORDS = [
    "apple", "bridge", "cactus", "dolphin", "engine", "falcon", "glacier", "harbor", "island",
    "jungle", "kettle", "lantern", "meadow", "nectar", "orchid", "pepper", "quartz", "raven",
    "saddle", "tundra", "umbrella", "velvet", "walnut", "yacht", "zephyr", "anchor", "beacon",
    "canyon", "desert", "ember", "fjord", "granite", "hazel", "ivory", "jasper", "kelp",
]  # fmt: skip


def filler(n: int, offset: int = 0) -> list[str]:
    """``n`` sentences that share no content word with each other."""
    return [f"{WORDS[(offset + k) % len(WORDS)].capitalize()} {k + offset} arrived." for k in range(n)]


def long_filler(n: int, offset: int = 0) -> list[str]:
    """``n`` sentences of twelve content words each (two hold more than a gap of short lines)."""
    words = [[WORDS[(offset + 12 * k + t) % len(WORDS)] for t in range(12)] for k in range(n)]
    return [" ".join(w).capitalize() + "." for w in words]


def prep(lines: list[str], article_id: str, boilerplate: tuple[tuple[int, int], ...] = ()) -> Prepared:
    return prepare(Article(article_id, "", "", "\n".join(lines), boilerplate=boilerplate))


def link(pa: Prepared, pb: Prepared, i: int, j: int, score: float = 0.7, mass: float = 20.0) -> Link:
    m = Match(score, score, 4, 4, mass)
    sa, sb = pa.sentences[i], pb.sentences[j]
    return Link(i, i, j, j, m, (sa.start, sa.end), (sb.start, sb.end))


def shape(found) -> list[list[tuple[int, int]]]:
    return [[(o.a0, o.b0) for o in g.links] for g in found]


@pytest.fixture
def ten() -> tuple[Prepared, Prepared]:
    return prep(filler(10), "a"), prep(filler(10, 12), "b")


def test_links_within_the_gap_going_forward_join_one_passage(ten) -> None:
    pa, pb = ten
    # A sentence or two added on one side only is bridged.
    links = [link(pa, pb, 0, 0), link(pa, pb, 1 + GAP, 1)]
    assert shape(groups(pa, pb, links)) == [[(0, 0), (1 + GAP, 1)]]
    qa, qb = prep(long_filler(10), "a"), prep(long_filler(10, 3), "b")
    assert sum(len(qa.stems[k]) for k in range(1, 2 + GAP)) > GAP_WORDS
    far = [link(qa, qb, 0, 0), link(qa, qb, 2 + GAP, 1)]
    assert shape(groups(qa, qb, far)) == [[(0, 0)], [(2 + GAP, 1)]]


def test_a_gap_of_short_lines_counts_as_its_words_not_its_sentences(ten) -> None:
    """Four short lines between two links on one side (reference marks, captions) hold
    fewer content words than two sentences: the links still make one passage."""
    pa, pb = ten
    between = sum(len(pa.stems[k]) for k in range(1, 5))
    assert 0 < between <= GAP_WORDS and GAP < 4
    links = [link(pa, pb, 0, 0), link(pa, pb, 5, 1)]
    assert shape(groups(pa, pb, links)) == [[(0, 0), (5, 1)]]
    # Crossing links too: short lines between count as no sentence at all.
    crossing = [link(pa, pb, 1, 3), link(pa, pb, 5, 2)]
    assert len(groups(pa, pb, crossing)) == 1


def test_crossing_links_join_only_when_adjacent(ten) -> None:
    pa, pb = ten
    adjacent = [link(pa, pb, 3, 4), link(pa, pb, 4, 3)]
    assert len(groups(pa, pb, adjacent)) == 1
    # Two full sentences apart on each side: within the gap, but crossing, so apart.
    pa, pb = prep(long_filler(10), "a"), prep(long_filler(10, 3), "b")
    assert sum(len(pa.stems[k]) for k in (3, 4)) > GAP_WORDS
    apart = [link(pa, pb, 2, 5), link(pa, pb, 5, 2)]
    assert shape(groups(pa, pb, apart)) == [[(2, 5)], [(5, 2)]]


def test_text_between_on_both_sides_must_still_share_words() -> None:
    shared_a, shared_b = "The regulator approved the merger.", "The regulator approved the merger."
    close = "Prices for broadband customers will rise next year."
    reworded = "Broadband prices will climb for customers next year."
    pa = prep([shared_a, close, shared_a.replace("merger", "deal")], "a")
    pb = prep([shared_b, reworded, shared_b.replace("merger", "deal")], "b")
    assert match(pa.stems[1], pb.stems[1], pa.weights, pb.weights).score >= GAP_RELATED
    assert bridgeable(pa, pb, link(pa, pb, 0, 0), link(pa, pb, 2, 2))
    qa = prep([shared_a, FILLER_A[0], shared_a.replace("merger", "deal")], "a")
    qb = prep([shared_b, FILLER_B[0], shared_b.replace("merger", "deal")], "b")
    assert match(qa.stems[1], qb.stems[1], qa.weights, qb.weights).score < GAP_RELATED
    assert not bridgeable(qa, qb, link(qa, qb, 0, 0), link(qa, qb, 2, 2))
    assert len(groups(qa, qb, [link(qa, qb, 0, 0), link(qa, qb, 2, 2)])) == 2


def test_boilerplate_is_never_bridged() -> None:
    lines = filler(3)
    chrome = "Subscribe to our newsletter for the latest stories."
    with_chrome = [lines[0], chrome, lines[1], lines[2]]
    text = "\n".join(with_chrome)
    start = text.index(chrome)
    pa = prep(with_chrome, "a", ((start, start + len(chrome)),))
    pb = prep(filler(3, 12), "b")
    assert len(pa.sentences) == 3  # the boilerplate sentence is not one of A's sentences
    x, y = link(pa, pb, 0, 0), link(pa, pb, 1, 1)  # adjacent by index on both sides
    assert not bridgeable(pa, pb, x, y)
    assert len(groups(pa, pb, [x, y])) == 2
    plain = prep(filler(3), "c")
    assert bridgeable(plain, pb, link(plain, pb, 0, 0), link(plain, pb, 1, 1))


def test_the_chance_filter_drops_a_weak_lone_link_in_long_articles_only() -> None:
    weak_mass = 5.0
    short_a, short_b = prep(filler(2), "a"), prep(filler(2, 12), "b")
    assert weak_mass >= CHANCE_MASS * math.log(2 * 2)
    assert len(passage_groups(short_a, short_b, [link(short_a, short_b, 0, 0, 0.5, weak_mass)])) == 1
    long_a, long_b = prep(filler(30), "a"), prep(filler(30, 3), "b")
    assert weak_mass < CHANCE_MASS * math.log(30 * 30)
    lone = link(long_a, long_b, 5, 5, 0.5, weak_mass)
    assert passage_groups(long_a, long_b, [lone]) == []
    # The same sentence, a link the embeddings vouched for, or a link with company stays.
    sure = link(long_a, long_b, 5, 5, LONE_SURE, weak_mass)
    assert len(passage_groups(long_a, long_b, [sure])) == 1
    semantic = Link(5, 5, 5, 5, lone.match, lone.a_span, lone.b_span, semantic=0.8)
    assert len(passage_groups(long_a, long_b, [semantic])) == 1
    pair = [lone, link(long_a, long_b, 6, 6, 0.5, weak_mass)]
    assert shape(passage_groups(long_a, long_b, pair)) == [[(5, 5), (6, 6)]]


def test_a_moved_near_verbatim_link_keeps_its_own_passage(ten) -> None:
    pa, pb = ten
    moved = [link(pa, pb, 3, 4, MOVED_SCORE), link(pa, pb, 4, 3, 0.6)]
    (group,) = groups(pa, pb, moved)
    assert sorted(len(part) for part in split_moved(group.links)) == [1, 1]
    reworded = [link(pa, pb, 3, 4, MOVED_SCORE - 0.1), link(pa, pb, 4, 3, 0.6)]
    (group,) = groups(pa, pb, reworded)
    assert split_moved(group.links) == [list(group.links)]


def test_a_moved_link_outside_the_rest_keeps_its_own_passage(ten) -> None:
    pa, pb = ten
    # Moved from B's start to A's end: outside the rest's box, so the rest stays one passage.
    rest = [link(pa, pb, 0, 1), link(pa, pb, 1, 2), link(pa, pb, 2, 3)]
    moved = link(pa, pb, 3, 0, 0.95)
    assert split_moved([*rest, moved]) == [rest, [moved]]


def test_a_summary_joins_links_spread_over_a_longer_source() -> None:
    pa = prep(filler(3), "a")  # three condensed sentences
    pb = prep(filler(30, 5), "b")  # their source, in order, over a long stretch
    links = [link(pa, pb, 0, 0), link(pa, pb, 1, 9), link(pa, pb, 2, 18)]
    assert SUMMARY_GAP >= 9  # sentences skipped between condensed ones
    (group,) = groups(pa, pb, links)
    assert group.summary and len(group.links) == 3


def test_copied_sentences_spread_over_a_longer_text_are_no_summary() -> None:
    # Three sentences taken over word for word, in order, from far apart in the other text:
    # three passages, not one "summary" that would span the whole stretch between them.
    pa = prep(filler(3), "a")
    pb = prep(filler(30, 5), "b")
    copied = [link(pa, pb, 0, 0, SUMMARY_LOOSE), link(pa, pb, 1, 9, 1.0), link(pa, pb, 2, 18, 0.95)]
    found = groups(pa, pb, copied)
    assert sum(len(g.links) for g in found) == 3 and len(found) > 1
    assert not any(g.summary for g in found)
    # One reworded part among them keeps the run a summary.
    mixed = [*copied[:2], link(pa, pb, 2, 18, SUMMARY_LOOSE - 0.1)]
    (group,) = groups(pa, pb, mixed)
    assert group.summary


def test_a_summary_of_short_reworded_parts_may_come_in_any_order() -> None:
    pa = prep(filler(3), "a")  # three condensed sentences, each from another place
    pb = prep(filler(60, 5), "b")
    shuffled = [link(pa, pb, 0, 40), link(pa, pb, 1, 0), link(pa, pb, 2, 20)]
    assert SUMMARY_FAR >= 20 > SUMMARY_GAP - 1
    (group,) = groups(pa, pb, shuffled)
    assert group.summary and len(group.links) == 3
    # A summary quotes a sentence of its source now and then: one copied part of three.
    quoted = [link(pa, pb, 0, 40), link(pa, pb, 1, 0, SUMMARY_LOOSE), link(pa, pb, 2, 20)]
    (group,) = groups(pa, pb, quoted)
    assert group.summary
    # Mostly sentences taken over word for word, moved: reuse moved around, each its own passage.
    copied = [link(pa, pb, 0, 40, 1.0), link(pa, pb, 1, 0, SUMMARY_LOOSE), link(pa, pb, 2, 20)]
    found = groups(pa, pb, copied)
    assert len(found) == 3 and not any(g.summary for g in found)


def test_a_summary_in_order_may_skip_far_when_its_parts_are_short() -> None:
    # A human summary takes its sentences from the whole of a long article, one from each
    # stretch, some nearly word for word: in order, its source may skip up to SUMMARY_FAR.
    pa = prep(filler(3), "a")
    pb = prep(filler(90, 5), "b")
    skip = SUMMARY_GAP + 10
    assert skip + 1 <= SUMMARY_FAR
    spread = [link(pa, pb, 0, 0, 1.0), link(pa, pb, 1, skip + 1, 0.9), link(pa, pb, 2, 2 * skip + 2)]
    (group,) = groups(pa, pb, spread)
    assert group.summary and len(group.links) == 3
    # Parts longer than SUMMARY_PART sentences on the condensed side keep the nearer reach.
    part = SUMMARY_PART + 1
    pa = prep(filler(2 * part), "a")
    pb = prep(filler(2 * part + skip + 20, 5), "b")
    links = [link(pa, pb, k * part + x, k * (part + skip) + x) for k in range(2) for x in range(part)]
    assert not any(g.summary for g in groups(pa, pb, links))


def test_passages_longer_than_a_summary_part_join_only_in_order() -> None:
    # Three paragraphs of A taken over one after another into B, in another order: reuse
    # moved around, not a summary, however far apart their sources lie.
    part = SUMMARY_PART + 1
    pa = prep(filler(3 * part), "a")
    pb = prep(filler(40 * part, 3 * part), "b")
    starts = [30 * part, 0, 15 * part]
    links = [link(pa, pb, k * part + x, starts[k] + x) for k in range(3) for x in range(part)]
    found = groups(pa, pb, links)
    assert len(found) == 3 and not any(g.summary for g in found)


def test_groups_come_in_a_order_and_hold_every_link_once(ten) -> None:
    pa, pb = ten
    links = [link(pa, pb, 8, 8), link(pa, pb, 0, 0), link(pa, pb, 1, 1), link(pa, pb, 5, 9)]
    found = groups(pa, pb, links)
    assert sorted((o.a0, o.b0) for g in found for o in g.links) == sorted((o.a0, o.b0) for o in links)
    assert [min(o.a0 for o in g.links) for g in found] == sorted(min(o.a0 for o in g.links) for g in found)


def test_draft_spans_its_links_and_weighs_their_scores_by_length(ten) -> None:
    pa, pb = ten
    x, y = link(pa, pb, 1, 2, 0.5), link(pa, pb, 3, 4, 0.8)
    vouched = Link(2, 2, 3, 3, Match(0.3, 0.3, 2, 2), x.a_span, x.b_span, semantic=0.9)
    d = draft([x, y, vouched])
    assert (d.a_start, d.a_end) == (pa.sentences[1].start, pa.sentences[3].end)
    assert (d.b_start, d.b_end) == (pb.sentences[2].start, pb.sentences[4].end)

    def size(o: Link) -> int:
        return o.a_span[1] - o.a_span[0] + o.b_span[1] - o.b_span[0]

    expected = (0.5 * size(x) + 0.8 * size(y) + 0.9 * size(vouched)) / (size(x) + size(y) + size(vouched))
    assert d.match_score == pytest.approx(expected)
    assert draft([y]).match_score == y.score, "one link keeps its own score"
    # One identical sentence among reworded ones does not make the passage score 1.
    same = link(pa, pb, 5, 6, 1.0)
    assert draft([x, same]).match_score < 1.0


def test_a_weak_stray_inside_a_passage_on_one_side_is_dropped_not_joined() -> None:
    pa, pb = prep(filler(30), "a"), prep(filler(30, 3), "b")
    chance = CHANCE_MASS * math.log(30 * 30)
    # A 3..6 with B 3, 4, 6, 7: B's sentence 5 is added text inside the passage.
    run = [link(pa, pb, 3, 3), link(pa, pb, 4, 4), link(pa, pb, 5, 6), link(pa, pb, 6, 7)]
    assert shape(groups(pa, pb, run)) == [[(3, 3), (4, 4), (5, 6), (6, 7)]]
    # A weak link from far down A lands in B's sentence 5: dropped, the passage unchanged.
    stray = link(pa, pb, 25, 5, 0.5, chance - 1)
    assert shape(groups(pa, pb, [*run, stray])) == shape(groups(pa, pb, run))
    assert passage_groups(pa, pb, [*run, stray]) == groups(pa, pb, run)
    # A link that stands on its own (the same sentence) still joins, as passages never overlap.
    sure = link(pa, pb, 25, 5, LONE_SURE, chance - 1)
    assert [len(g.links) for g in groups(pa, pb, [*run, sure])] == [5]
    # Near on the other side too: a shuffled sentence of the passage, which joins.
    close = link(pa, pb, 9, 5, 0.5, chance - 1)
    assert len(groups(pa, pb, [*run, close])) == 1


def test_a_dense_passage_enclosing_a_moved_sentence_stays_one(ten) -> None:
    pa, pb = ten
    # A: 0, 1, 2, 3; B: 0, 2, 1, 3 - every sentence of the span linked on both sides.
    dense_group = [link(pa, pb, 0, 0), link(pa, pb, 1, 2, 0.95), link(pa, pb, 2, 1), link(pa, pb, 3, 3)]
    assert dense(dense_group)
    assert split_moved(dense_group) == [dense_group]
    # Half the span unlinked on A: every link its own passage, as before.
    sparse = [link(pa, pb, 0, 0), link(pa, pb, 3, 2, 0.95), link(pa, pb, 6, 1), link(pa, pb, 8, 3)]
    assert not dense(sparse)
    assert sorted(len(p) for p in split_moved(sparse)) == [1, 1, 1, 1]


def test_a_short_lone_link_with_a_rival_match_is_dropped(ten) -> None:
    pa, pb = ten
    lone = link(pa, pb, 5, 5)
    assert len(passage_groups(pa, pb, [lone])) == 1
    assert passage_groups(pa, pb, [replace(lone, rival=RIVAL_SHARE)]) == []
    assert len(passage_groups(pa, pb, [replace(lone, rival=RIVAL_SHARE - 0.05)])) == 1
    # With a neighbour or vouched for by the embeddings it stays; a long one needs a closer rival.
    pair = [replace(lone, rival=1.0), link(pa, pb, 6, 6)]
    assert shape(passage_groups(pa, pb, pair)) == [[(5, 5), (6, 6)]]
    assert len(passage_groups(pa, pb, [replace(lone, rival=1.0, semantic=0.8)])) == 1
    long_words = WORDS[:RIVAL_WORDS]
    la = prep([*filler(5, 20), " ".join(long_words).capitalize() + ".", *filler(4, 26)], "a")
    lb = prep([*filler(5, 30), " ".join(reversed(long_words)).capitalize() + ".", *filler(4, 36)], "b")
    long_lone = link(la, lb, 5, 5)
    assert len(passage_groups(la, lb, [replace(long_lone, rival=RIVAL_SHARE_LONG - 0.05)])) == 1
    assert passage_groups(la, lb, [replace(long_lone, rival=RIVAL_SHARE_LONG)]) == []


def test_a_topic_sentence_matching_two_sentences_about_as_well_links_neither() -> None:
    line = "Buyers of an immediate annuity get lower rates than buyers of a deferred annuity."
    a = Article("a", "", "", "\n".join([*filler(12), line, *filler(12, 14)]))
    tail = [f"Note {k + 100} follows." for k in range(12)]
    one = [
        *filler(10, 26),
        "Immediate annuity buyers are paid rates lower than deferred annuity buyers.",
        *tail,
    ]
    two = list(one)
    two[16] = "Deferred annuity buyers are paid higher rates than immediate annuity buyers get."
    found = align_pair(a, Article("b", "", "", "\n".join(one)), Settings())
    assert [a.text[p.a_start : p.a_end] for p in found.passages] == [line]
    assert align_pair(a, Article("b", "", "", "\n".join(two)), Settings()).passages == ()
