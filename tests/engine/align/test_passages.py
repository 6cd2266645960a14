"""Passages: diff, trimmed ends, kind, and merging passages that follow each other."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.engine.align.passages import (
    EDITED_MIN,
    JOIN_GAP,
    TRIM_WORDS,
    VERBATIM_MIN,
    Draft,
    classify,
    close_quote,
    finish_draft,
    is_worded,
    join_close,
    merge_adjacent,
    overlaps,
    shared_share,
    strip_span,
)
from desktop.engine.align.prepared import prepare
from desktop.engine.model import Article, Kind, Passage, Settings
from tests.engine.align.samples import FILLER_A, FILLER_B, SHARED

SETTINGS = Settings(min_words=3)


def article(article_id: str, text: str, boilerplate: tuple[tuple[int, int], ...] = ()) -> Article:
    return Article(article_id, "", "", text, boilerplate=boilerplate)


def draft(a: Article, b: Article, a_part: str, b_part: str, score: float = 0.5) -> Draft:
    sa, sb = a.text.index(a_part), b.text.index(b_part)
    return Draft(sa, sa + len(a_part), sb, sb + len(b_part), score)


def over(a: Article, b: Article, a_part: str, b_part: str, *, trim: bool = True) -> Passage:
    p = finish_draft(draft(a, b, a_part, b_part), a, b, SETTINGS, trim=trim)
    assert p is not None
    return p


def sides(p: Passage, a: Article, b: Article) -> tuple[str, str]:
    return a.text[p.a_start : p.a_end], b.text[p.b_start : p.b_end]


@pytest.mark.parametrize(
    ("similarity", "kind"),
    [
        (VERBATIM_MIN, Kind.VERBATIM),
        (VERBATIM_MIN - 0.001, Kind.EDITED),
        (EDITED_MIN, Kind.EDITED),
        (EDITED_MIN - 0.001, Kind.PARAPHRASE),
        (0.0, Kind.PARAPHRASE),
    ],
)
def test_classify(similarity: float, kind: Kind) -> None:
    assert classify(similarity) is kind


def test_strip_span() -> None:
    text = "  — A line, "
    assert strip_span(text, 0, len(text)) == (2, len(text) - 1)
    assert strip_span(text, 0, len(text), " —", " ,") == (4, len(text) - 2)
    assert strip_span("   ", 0, 3) == (3, 3)


def test_kinds_follow_the_word_diff() -> None:
    a = article("a", "The regulator approved the merger of the two broadband companies on Tuesday.")
    same = article("b", "The regulator approved the merger of the two broadband companies on Tuesday.")
    edited = article("c", "The regulator approved the merger of the two broadband firms on Tuesday.")
    assert over(a, same, a.text, same.text).kind is Kind.VERBATIM
    p = over(a, edited, a.text, edited.text)
    assert p.kind is Kind.EDITED and EDITED_MIN <= p.score < 1.0


def test_a_passage_never_starts_on_a_dash_nor_ends_on_a_comma() -> None:
    a = article("a", "BRUSSELS — The regulator approved the merger of the two firms, officials said.")
    b = article("b", "The regulator approved the merger of the two firms, officials said.")
    p = finish_draft(Draft(8, a.text.index(","), 0, b.text.index(",") + 1, 0.9), a, b, SETTINGS)
    assert p is not None
    text_a, text_b = sides(p, a, b)
    assert text_a.startswith("The regulator") and text_b.endswith("two firms")


def test_one_sided_ends_of_at_least_trim_words_are_cut() -> None:
    core = "the regulator approved the merger of the two broadband companies"
    extra = " ".join(["many", "more", "extra", "words"][:TRIM_WORDS])
    a = article("a", f"{extra} {core}.")
    b = article("b", f"{core}.")
    p = over(a, b, a.text, b.text)
    text_a, text_b = sides(p, a, b)
    assert text_a.startswith("the regulator") and text_b.startswith("the regulator")
    kept = over(a, b, a.text, b.text, trim=False)
    assert sides(kept, a, b)[0].startswith(extra)
    # Words added on both sides are an edit, not a one-sided end: nothing is cut.
    c = article("c", f"Then {core}.")
    assert sides(over(a, c, a.text, c.text), a, c)[0].startswith(extra)


def test_a_one_sided_end_shorter_than_trim_words_is_kept() -> None:
    core = "the regulator approved the merger of the two broadband companies"
    short = " ".join(["extra", "words", "here"][: TRIM_WORDS - 1])
    a, b = article("a", f"{short} {core}."), article("b", f"{core}.")
    assert sides(over(a, b, a.text, b.text), a, b)[0].startswith(short)


def test_passages_below_min_words_are_dropped() -> None:
    a, b = article("a", "Prices rose."), article("b", "Prices rose.")
    assert finish_draft(Draft(0, len(a.text), 0, len(b.text), 1.0), a, b, Settings(min_words=3)) is None
    assert finish_draft(Draft(0, len(a.text), 0, len(b.text), 1.0), a, b, Settings(min_words=2)) is not None


FIRST = "The regulator approved the merger of the two broadband companies."
SECOND = "Prices for home internet customers are expected to rise next year."
THIRD = "Analysts said the ruling could reshape the whole telecoms market."


def merged(a: Article, b: Article, *parts: tuple[str, str]) -> list[Passage]:
    return merge_adjacent([over(a, b, x, y) for x, y in parts], a, b, SETTINGS)


def test_passages_with_nothing_between_on_both_sides_merge() -> None:
    a, b = article("a", f"{FIRST} {SECOND}"), article("b", f"{FIRST}\n{SECOND}")
    (p,) = merged(a, b, (FIRST, FIRST), (SECOND, SECOND))
    assert sides(p, a, b) == (a.text, b.text) and p.kind is Kind.VERBATIM


def test_a_few_function_words_between_still_merge_but_content_words_do_not() -> None:
    a, b = article("a", f"{FIRST} And {SECOND}"), article("b", f"{FIRST} {SECOND}")
    assert len(merged(a, b, (FIRST, FIRST), (SECOND, SECOND))) == 1
    c = article("c", f"{FIRST} Meanwhile wheat farmers protested. {SECOND}")
    assert len(merged(c, b, (FIRST, FIRST), (SECOND, SECOND))) == 2


def test_the_same_short_fragment_between_on_both_sides_merges() -> None:
    gap = "On our visit to the plant,"
    a = article("a", f"{FIRST} {gap} {SECOND}")
    b = article("b", f"{FIRST} {gap} {SECOND}")
    (p,) = merged(a, b, (FIRST, FIRST), (SECOND, SECOND))
    assert gap in sides(p, a, b)[0]
    other = article("c", f"{FIRST} During the tour of the site, {SECOND}")
    assert len(merged(a, other, (FIRST, FIRST), (SECOND, SECOND))) == 2


def test_boilerplate_between_two_passages_keeps_them_apart() -> None:
    chrome = "Subscribe now"
    text = f"{FIRST} {chrome} {SECOND}"
    start = text.index(chrome)
    a = article("a", text, ((start, start + len(chrome)),))
    b = article("b", f"{FIRST} {chrome} {SECOND}")
    assert len(merged(a, b, (FIRST, FIRST), (SECOND, SECOND))) == 2
    plain = article("c", text)
    assert len(merged(plain, b, (FIRST, FIRST), (SECOND, SECOND))) == 1


def test_passages_in_another_order_on_b_do_not_merge() -> None:
    a, b = article("a", f"{FIRST} {SECOND}"), article("b", f"{SECOND} {FIRST}")
    assert len(merged(a, b, (FIRST, FIRST), (SECOND, SECOND))) == 2


def test_passages_of_any_kind_that_follow_each_other_merge() -> None:
    """One reused paragraph is one passage, whether its sentences were copied, edited or
    reworded; the whole is as loose as its loosest part."""
    edited_second = SECOND.replace("home internet", "broadband")
    a = article("a", f"{FIRST} {SECOND} {THIRD}")
    b = article("b", f"{FIRST} {edited_second} Experts think that the decision may transform telecoms.")
    parts = [over(a, b, FIRST, FIRST), over(a, b, SECOND, edited_second)]
    para = finish_draft(
        Draft(a.text.index(THIRD), len(a.text), b.text.index("Experts"), len(b.text), 0.5), a, b, SETTINGS
    )
    assert para is not None and para.kind is Kind.PARAPHRASE
    assert [p.kind for p in parts] == [Kind.VERBATIM, Kind.EDITED]
    assert [p.kind for p in merge_adjacent(parts, a, b, SETTINGS)] == [Kind.EDITED]
    out = merge_adjacent([*parts, para], a, b, SETTINGS)
    assert len(out) == 1 and out[0].kind is Kind.PARAPHRASE  # as loose as its loosest part, in any order
    assert out[0].a_span == (0, len(a.text)) and out[0].b_span == (0, len(b.text))


def test_is_worded_and_close_quote() -> None:
    text = "CEO Mark Zuckerberg and Daniel Ek said the rules were unclear."
    words = prepare(article("w", text)).words
    assert not is_worded(text, words[:5])  # "CEO Mark Zuckerberg and Daniel"
    assert is_worded(text, words)
    quoted = 'He said "the rules were unclear." Then'
    end = quoted.index("unclear") + len("unclear")
    assert quoted[end : close_quote(quoted, end)] == '."'


def test_overlaps_and_shared_share() -> None:
    assert overlaps(0, 5, 4, 9) and not overlaps(0, 5, 5, 9)
    p = prepare(article("s", "one two three four"))
    assert shared_share(p, [(0, 7)]) == 0.5  # two of four words
    assert shared_share(p, []) == 0.0


# --- passages a few sentences apart (join_close) ---------------------------------------

FILLERS_A = FILLER_A + ["Heavy rain is expected across the north on Thursday morning."]
FILLERS_B = FILLER_B + ["The orchestra will tour five cities in the spring season."]


def _apart(shared: list[str], gaps: list[int], b_shared: list[str] | None = None) -> tuple[Article, Article]:
    """Shared sentences with ``gaps[k]`` unrelated sentences after the k-th, on each side."""
    b_shared = b_shared or shared
    a_lines: list[str] = []
    b_lines: list[str] = []
    for k, (sa, sb) in enumerate(zip(shared, b_shared, strict=True)):
        a_lines.append(sa)
        b_lines.append(sb)
        n = gaps[k] if k < len(gaps) else 0
        a_lines += FILLERS_A[:n]
        b_lines += FILLERS_B[:n]
    return article("a", " ".join(a_lines)), article("b", " ".join(b_lines))


def _joined(a: Article, b: Article, parts: list[tuple[str, str]]) -> list[Passage]:
    passages = [over(a, b, x, y, trim=False) for x, y in parts]
    return join_close(passages, prepare(a), prepare(b), SETTINGS)


def test_passages_a_sentence_apart_join_when_they_cover_most_of_the_span() -> None:
    # Two shared sentences, then one unrelated sentence on each side, then a third.
    a, b = _apart(SHARED, [2, 1])
    out = _joined(a, b, [(s, s) for s in SHARED])
    # SHARED[0] and SHARED[1] are two apart (2 of 4 sentences: not most): apart. SHARED[1]
    # and SHARED[2] are one apart (2 of 3): one passage, verbatim like its parts.
    assert [(p.kind, sides(p, a, b)[0].count(".")) for p in out] == [(Kind.VERBATIM, 1), (Kind.VERBATIM, 3)]
    assert FILLERS_A[0] in sides(out[1], a, b)[0] and FILLERS_B[0] in sides(out[1], a, b)[1]


def test_a_joined_passage_keeps_the_kind_of_its_parts() -> None:
    edited = SHARED[1].replace("home internet", "broadband")
    a, b = _apart(SHARED[:2], [1], [SHARED[0], edited])
    parts = [(SHARED[0], SHARED[0]), (SHARED[1], edited)]
    alone = [over(a, b, x, y, trim=False) for x, y in parts]
    assert [p.kind for p in alone] == [Kind.VERBATIM, Kind.EDITED]
    whole = finish_draft(Draft(0, len(a.text), 0, len(b.text), 0.0), a, b, SETTINGS)
    assert whole is not None and whole.kind is Kind.PARAPHRASE  # the span, judged whole
    (p,) = _joined(a, b, parts)
    assert p.kind is Kind.EDITED and p.a_span == (0, len(a.text))


def test_passages_too_far_apart_or_crossed_by_another_stay_apart() -> None:
    a, b = _apart(SHARED[:2], [JOIN_GAP + 1])
    assert len(_joined(a, b, [(s, s) for s in SHARED[:2]])) == 2


def test_a_paraphrase_a_sentence_after_a_verbatim_passage_joins_it_as_a_paraphrase() -> None:
    a, b = _apart(SHARED[:2], [1], [SHARED[0], "Experts think home broadband will cost a tenth more soon."])
    parts = [over(a, b, SHARED[0], SHARED[0], trim=False)]
    para = finish_draft(
        draft(a, b, SHARED[1], "Experts think home broadband will cost a tenth more soon."), a, b, SETTINGS
    )
    assert para is not None and para.kind is Kind.PARAPHRASE
    joined = join_close([*parts, para], prepare(a), prepare(b), SETTINGS)
    assert [p.kind for p in joined] == [Kind.PARAPHRASE]
    assert joined[0].a_start == parts[0].a_start and joined[0].a_end == para.a_end


def test_boilerplate_between_keeps_passages_a_sentence_apart_apart() -> None:
    a, b = _apart(SHARED[:2], [1])
    start = a.text.index(FILLERS_A[0])
    chrome = article("a", a.text, ((start, start + len(FILLERS_A[0])),))
    passages = [over(chrome, b, s, s, trim=False) for s in SHARED[:2]]
    assert len(join_close(passages, prepare(chrome), prepare(b), SETTINGS)) == 2


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=JOIN_GAP + 1), min_size=1, max_size=3))
def test_joining_keeps_every_passage_inside_one_and_none_overlap(gaps: list[int]) -> None:
    shared = SHARED[: len(gaps)]
    a, b = _apart(shared, gaps)
    passages = [over(a, b, s, s, trim=False) for s in shared]
    out = join_close(passages, prepare(a), prepare(b), SETTINGS)
    assert 1 <= len(out) <= len(passages)
    for p in passages:
        assert sum(q.a_start <= p.a_start and p.a_end <= q.a_end for q in out) == 1
    for x, y in zip(out, out[1:], strict=False):
        assert x.a_end <= y.a_start and x.b_end <= y.b_start
    assert all(p.kind is Kind.VERBATIM for p in out)


@pytest.mark.parametrize("paraphrase_first", [False, True])
def test_a_merged_passage_is_a_paraphrase_whichever_part_comes_first(paraphrase_first: bool) -> None:
    copied = (
        "The regulator approved the merger of the two broadband companies after a long review on Monday, "
        "saying that prices for home internet customers in rural areas would be capped for five years."
    )
    said, reworded = (
        "Analysts said the ruling could reshape the market.",
        "Experts think the ruling may transform the market.",
    )
    a = article("a", f"{said} {copied}" if paraphrase_first else f"{copied} {said}")
    b = article("b", f"{reworded} {copied}" if paraphrase_first else f"{copied} {reworded}")
    para = finish_draft(draft(a, b, said, reworded), a, b, SETTINGS)
    assert para is not None and para.kind is Kind.PARAPHRASE
    parts = sorted([over(a, b, copied, copied), para], key=lambda p: p.a_start)
    out = merge_adjacent(parts, a, b, SETTINGS)
    assert [p.kind for p in out] == [Kind.PARAPHRASE]
