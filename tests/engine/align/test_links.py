"""Sentence links: candidates as options, seeds, extension next to them, one-to-one."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.engine.align.candidates import score
from desktop.engine.align.links import (
    GAP,
    GAP_WORDS,
    MASS_COMMON,
    MASS_MIN,
    MASS_SHARE,
    MUTUAL_COMMON,
    MUTUAL_SHARED,
    WEAK_SHARE,
    Link,
    choose_links,
    is_seed,
    near,
    options,
    reach,
    run_link,
)
from desktop.engine.align.prepared import Prepared, prepare
from desktop.engine.align.similarity import Match, link_threshold, some_evidence
from desktop.engine.model import Article
from tests.engine.align.samples import FILLER_A, FILLER_B, SHARED

THRESHOLD = link_threshold(0.5)
SEED = "The regulator said the merger would reduce competition in the broadband market."
# Three rare words in common, yet a score well under the threshold: a weak link.
WEAK_A = "Analysts expect home internet prices to climb next year, a local bakery owner said."
WEAK_B = "Farmers worry that internet prices will climb as rain floods the wheat fields."
MORE_A = [*FILLER_A, "Museum curators unveiled a dinosaur skeleton to excited children."]
MORE_B = [*FILLER_B, "Swimmers braved icy waters at the annual winter festival."]


def prep(lines: list[str], article_id: str) -> Prepared:
    return prepare(Article(article_id, "", "", "\n".join(lines)))


def pairs(links: list[Link]) -> list[tuple[int, int, int, int]]:
    return [(o.a0, o.a1, o.b0, o.b1) for o in links]


def test_the_weak_pair_is_weak_but_related() -> None:
    m = score(prep([WEAK_A], "a"), prep([WEAK_B], "b"), 0, 0)
    assert THRESHOLD * WEAK_SHARE <= m.score < THRESHOLD and some_evidence(m)
    assert not is_seed(m, THRESHOLD, 0.0, mutual=True)
    assert choose_links(prep([WEAK_A], "a"), prep([WEAK_B], "b"), THRESHOLD) == []


@pytest.mark.parametrize("between", range(GAP + 2))
def test_extension_reaches_only_as_far_as_the_gap(between: int) -> None:
    pa = prep([SEED, *MORE_A[:between], WEAK_A], "a")
    pb = prep([SEED, *MORE_B[:between], WEAK_B], "b")
    found = pairs(choose_links(pa, pb, THRESHOLD))
    weak = (between + 1, between + 1, between + 1, between + 1)
    assert (0, 0, 0, 0) in found
    assert (weak in found) is (between <= GAP)


def test_each_sentence_takes_part_in_one_link_at_most() -> None:
    pa = prep([SEED, FILLER_A[0]], "a")
    pb = prep([SEED, FILLER_B[0], SEED], "b")  # B repeats the sentence
    found = choose_links(pa, pb, THRESHOLD)
    assert [(o.a0, o.b0) for o in found] == [(0, 0)]


def test_fixed_links_are_taken_before_any_other() -> None:
    pa = prep([SEED], "a")
    pb = prep([SEED, FILLER_B[0], SEED], "b")
    assert pairs(choose_links(pa, pb, THRESHOLD)) == [(0, 0, 0, 0)]
    text_b = pb.article.text
    second = text_b.rindex(SEED)
    fixed = run_link(pa, pb, (0, len(SEED)), (second, second + len(SEED)), 12)
    assert fixed is not None and (fixed.b0, fixed.b1) == (2, 2)
    assert pairs(choose_links(pa, pb, THRESHOLD, fixed=[fixed])) == [(0, 0, 2, 2)]


def test_a_run_link_covers_the_sentences_it_mostly_spans() -> None:
    pa = prep(["One short line here.", "The second sentence is long enough to count."], "a")
    pb = prep(["The second sentence is long enough to count."], "b")
    text = pa.article.text
    start = text.index("here")  # a word or two of the first sentence spills in
    link = run_link(pa, pb, (start, len(text)), (0, len(pb.article.text)), 9)
    assert link is not None and (link.a0, link.a1, link.b0, link.b1) == (1, 1, 0, 0)
    assert link.a_span == (pa.sentences[1].start, len(text))
    assert link.score == 1.0
    assert run_link(pa, pb, (start, start + 4), (0, 5), 1) is None  # mostly covers nothing


def test_a_sentence_split_in_two_is_offered_joined() -> None:
    whole = "The regulator approved the merger, and prices for broadband customers will rise next year."
    pa = prep([whole], "a")
    pb = prep(["The regulator approved the merger. Prices for broadband customers will rise next year."], "b")
    cands = {(0, j): score(pa, pb, 0, j) for j in range(2)}
    joined = [o for o in options(pa, pb, cands) if (o.b0, o.b1) == (0, 1)]
    assert joined and joined[0].score > max(m.score for m in cands.values())
    assert pairs(choose_links(pa, pb, THRESHOLD)) == [(0, 0, 0, 1)]


def test_a_quote_framed_differently_is_narrowed_to_its_clauses() -> None:
    quote = "the merger would reduce competition in the broadband market"
    pa = prep([f"Speaking to reporters in Brussels on a rainy Tuesday morning, she said {quote}."], "a")
    pb = prep([f"{quote.capitalize()}, the regulator said."], "b")
    m = score(pa, pb, 0, 0)
    (best, *_) = options(pa, pb, {(0, 0): m})
    assert best.score > m.score
    text = pa.article.text
    assert best.a_span[0] > 0 and quote in text[best.a_span[0] : best.a_span[1]]


def test_near_counts_the_sentences_between_on_both_sides() -> None:
    m = Match(1.0, 1.0, 3, 3)
    one = Link(0, 0, 0, 0, m, (0, 1), (0, 1))
    assert near(Link(1, 1, 1, 1, m, (0, 1), (0, 1)), one, 0)  # adjacent
    assert near(Link(3, 3, 1, 1, m, (0, 1), (0, 1)), one, 2)
    assert not near(Link(4, 4, 1, 1, m, (0, 1), (0, 1)), one, 2)  # three between on A
    assert not near(Link(1, 1, 4, 5, m, (0, 1), (0, 1)), one, 2)


@pytest.mark.parametrize(("inside", "expected"), [(GAP_WORDS, True), (GAP_WORDS + 1, False)])
def test_near_takes_a_gap_of_short_sentences_by_its_content_words(inside: int, expected: bool) -> None:
    """Five sentences lie between the links on A; what counts is the content words they
    hold (``inside``), not the long sentences the links themselves are."""
    m = Match(1.0, 1.0, 3, 3)
    lengths = [30, 1, 1, 1, 1, inside - 4, 30]  # sentence 0 and 6 are the links
    counts = [0]
    for n in lengths:
        counts.append(counts[-1] + n)
    a_words, b_words = counts, list(range(len(lengths) + 1))
    one = Link(0, 0, 0, 0, m, (0, 1), (0, 1))
    other = Link(6, 6, 1, 1, m, (0, 1), (0, 1))
    assert near(other, one, GAP, (a_words, b_words)) is expected
    assert near(one, other, GAP, (a_words, b_words)) is expected  # either order
    assert not near(other, one, GAP)  # by sentences alone: five between


@pytest.mark.parametrize(
    ("m", "mutual", "chance", "expected"),
    [
        (Match(0.7, 0.7, 3, 3), False, 0.0, True),  # over the threshold, enough words
        (Match(0.7, 0.7, 2, 1), False, 0.0, False),  # over it, but resting on a name
        (Match(0.3, 0.3, 4, 4, MASS_MIN), True, 0.0, True),  # many rare words, mutual best
        (Match(0.3, 0.3, 4, 4, MASS_MIN), False, 0.0, False),  # ... not each other's best
        (Match(0.3, 0.3, 4, 4, MASS_MIN, True), True, 0.0, False),  # ... figures differ
        (Match(0.3, 0.3, 4, MASS_COMMON - 1, MASS_MIN), True, 0.0, False),  # ... too few common
        (Match(0.3, 0.3, 4, 4, MASS_MIN), True, 10.0, False),  # ... many pairs: chance explains it
        (Match(0.2, 0.2, 4, 4, 20.0), True, 0.0, False),  # under MASS_SHARE of the threshold
        # Two leads naming the same people: at the threshold, mostly names shared.
        (Match(0.45, 0.45, 10, MUTUAL_COMMON), True, 0.0, True),  # each other's best match
        (Match(0.45, 0.45, 10, MUTUAL_COMMON), False, 0.0, False),  # ... not each other's best
        (Match(0.45, 0.45, 10, MUTUAL_COMMON - 1), True, 0.0, False),  # ... one word besides names
        (Match(0.45, 0.45, MUTUAL_SHARED - 1, MUTUAL_COMMON), True, 0.0, False),  # ... too few words
        (Match(0.45, 0.45, 10, MUTUAL_COMMON, 0.0, True), True, 0.0, False),  # ... figures differ
        (Match(0.40, 0.40, 10, MUTUAL_COMMON), True, 0.0, False),  # ... under the threshold
    ],
)
def test_is_seed(m: Match, mutual: bool, chance: float, expected: bool) -> None:
    assert (m.score >= THRESHOLD * MASS_SHARE) or not expected
    assert is_seed(m, THRESHOLD, chance, mutual) is expected


POOL = [*SHARED, *FILLER_A, *FILLER_B, SEED, WEAK_A, WEAK_B]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(POOL), min_size=1, max_size=7),
    st.lists(st.sampled_from(POOL), min_size=1, max_size=7),
    st.floats(0.2, 0.6),
)
def test_links_are_one_to_one_and_in_order(lines_a: list[str], lines_b: list[str], threshold: float) -> None:
    pa, pb = prep(lines_a, "a"), prep(lines_b, "b")
    found = choose_links(pa, pb, threshold)
    used_a = [k for o in found for k in range(o.a0, o.a1 + 1)]
    used_b = [k for o in found for k in range(o.b0, o.b1 + 1)]
    assert len(used_a) == len(set(used_a)) and len(used_b) == len(set(used_b))
    assert [(o.a0, o.b0) for o in found] == sorted((o.a0, o.b0) for o in found)
    for o in found:
        assert o.score >= threshold * min(WEAK_SHARE, MASS_SHARE) or o.semantic


def test_links_are_one_to_one_in_a_shuffled_repeating_text() -> None:
    rnd = random.Random(7)
    lines = [*SHARED, *SHARED, SEED, SEED, *FILLER_A]
    rnd.shuffle(lines)
    pa, pb = prep(lines, "a"), prep([*SHARED, SEED, *FILLER_B], "b")
    found = choose_links(pa, pb, THRESHOLD)
    assert len({o.b0 for o in found}) == len(found) == len(pb.sentences) - len(FILLER_B)


def test_a_run_link_takes_its_whole_sentences_so_edits_at_their_ends_show() -> None:
    copied = "The commission said the new rules would apply to every large platform operating in the union"
    pa = prep([f"{copied} from next year.", "Another sentence follows here."], "a")
    pb = prep([f"{copied} from 2026 onwards.", "Something else entirely is said."], "b")
    text_a, text_b = pa.article.text, pb.article.text
    run = len(copied)
    link = run_link(pa, pb, (0, run), (0, run), len(copied.split()))
    assert link is not None
    assert link.a_span == (pa.sentences[0].start, pa.sentences[0].end)
    assert link.b_span == (pb.sentences[0].start, pb.sentences[0].end)
    assert text_a[slice(*link.a_span)].endswith("from next year.")
    assert text_b[slice(*link.b_span)].endswith("from 2026 onwards.")


_RANGE = st.tuples(st.integers(0, 30), st.integers(0, 4)).map(lambda r: (r[0], r[0] + r[1]))


@settings(max_examples=500, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 12), min_size=36, max_size=36),
    ranges=st.lists(_RANGE, min_size=4, max_size=4),
    gap=st.integers(0, 3),
    counted=st.booleans(),
)
def test_a_link_near_another_meets_its_reach_on_both_sides(
    sizes: list[int], ranges: list[tuple[int, int]], gap: int, counted: bool
) -> None:
    counts = [0]
    for n in sizes:  # content words per sentence, as content_words counts them
        counts.append(counts[-1] + n)
    (a0, a1), (b0, b1), (c0, c1), (d0, d1) = ranges
    one = Link(a0, a1, b0, b1, Match(1.0, 1.0, 3.0), (0, 1), (0, 1))
    two = Link(c0, c1, d0, d1, Match(1.0, 1.0, 3.0), (0, 1), (0, 1))
    words = (counts, counts) if counted else None
    (lo_a, hi_a), (lo_b, hi_b) = (reach(a0, a1, gap, words and counts), reach(b0, b1, gap, words and counts))
    meets = c0 <= hi_a and c1 >= lo_a and d0 <= hi_b and d1 >= lo_b
    assert meets == near(one, two, gap, words)  # the reach is exactly where near links lie


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 3000), st.integers(0, 3000))
def test_the_sentences_a_span_covers_are_found_as_defined(one: int, two: int) -> None:
    from desktop.engine.align.links import _covered

    p = prepare(Article("c", "c", "c", "\n".join([*FILLER_A, *SHARED, *FILLER_B] * 4)))
    span = (min(one, two), max(one, two))
    inside = [
        k
        for k, s in enumerate(p.sentences)
        if min(s.end, span[1]) - max(s.start, span[0]) >= 0.5 * (s.end - s.start)
    ]
    expected = (
        (
            inside[0],
            inside[-1],
            (max(span[0], p.sentences[inside[0]].start), min(span[1], p.sentences[inside[-1]].end)),
        )
        if inside
        else (0, -1, span)
    )
    assert _covered(p, span) == expected
