"""Passage families: average linkage, the central version, and each member against it."""

from __future__ import annotations

import pytest

from desktop.engine.align.families import (
    LABEL_CHARS,
    MARK_MIN_KEPT,
    build_families,
    compare_member,
    marking_for,
)
from desktop.engine.align.worddiff import word_diff
from desktop.engine.model import (
    Article,
    Cancelled,
    DiffOp,
    FamilyMember,
    Kind,
    Marking,
    Op,
    PairAlignment,
    Passage,
    Settings,
)


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


def _marked(ops: tuple[DiffOp, ...], kind: Kind, text: str) -> tuple[DiffOp, ...]:
    marking = marking_for(ops, kind, 0, len(text))
    return FamilyMember("m", 0, len(text), kind, 0.5, ops, marking).marked_diff


def test_marked_diff_by_kind_and_closeness() -> None:
    central = "one two three four five six seven eight nine ten"
    member = "one two three four five six seven eight nine eleven"
    ops = word_diff(central, 0, len(central), member, 0, len(member), Settings())
    assert {o.op for o in ops} == {Op.EQUAL, Op.DELETE, Op.INSERT}
    assert _marked(ops, Kind.EDITED, member) == tuple(ops)
    assert _marked(ops, Kind.PARAPHRASE, member) == tuple(o for o in ops if o.op != Op.DELETE)
    far = "eleven twelve thirteen fourteen fifteen sixteen seven eighteen"
    ops = word_diff(central, 0, len(central), far, 0, len(far), Settings())
    kept = sum(o.b_end - o.b_start for o in ops if o.op == Op.EQUAL)
    assert 0 < kept < MARK_MIN_KEPT * len(far)
    assert _marked(ops, Kind.PARAPHRASE, far) == ()
    assert _marked(ops, Kind.EDITED, far) == tuple(ops), "only paraphrases go unmarked"


CENTRAL = "The regulator said the merger would reduce competition in the broadband market."
EDITED = "The regulator said on Monday that the merger would reduce competition in the broadband market."
REWORDED = "The merger would harm competition among broadband providers, the watchdog warned."
UNRELATED = "Officials declined to comment when reached by phone on Friday afternoon."


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, title=article_id, outlet=article_id, text=text)


def _link(a: Article, b: Article, score: float) -> PairAlignment:
    return PairAlignment(a.id, b.id, (Passage(0, len(a.text), 0, len(b.text), Kind.PARAPHRASE, score),))


def _rebuilt(text: str, ops: tuple[DiffOp, ...], side: str) -> str:
    if side == "a":
        return "".join(text[o.a_start : o.a_end] for o in ops if o.op != Op.INSERT)
    return "".join(text[o.b_start : o.b_end] for o in ops if o.op != Op.DELETE)


def test_each_member_carries_its_diff_from_the_central_version() -> None:
    a, b, c = _article("a", CENTRAL), _article("b", EDITED), _article("c", REWORDED)
    (family,) = build_families([a, b, c], [_link(a, b, 0.9), _link(a, c, 0.6), _link(b, c, 0.5)], Settings())
    central = family.central_member
    assert central.article == "a"  # the strongest links in total
    assert (central.kind, central.score, central.diff, central.marking) == (
        Kind.VERBATIM,
        1.0,
        (),
        Marking.NONE,
    )
    assert central.marked_diff == ()
    texts = {x.id: x.text for x in (a, b, c)}
    for member in family.members:
        if member is central:
            continue
        text = texts[member.article]
        assert member.diff == word_diff(CENTRAL, 0, len(CENTRAL), text, 0, len(text), Settings())
        assert _rebuilt(CENTRAL, member.diff, "a") == CENTRAL
        assert _rebuilt(text, member.diff, "b") == text
    by_article = {m.article: m for m in family.members}
    assert (by_article["b"].kind, by_article["b"].marking) == (Kind.EDITED, Marking.ALL)
    assert by_article["b"].marked_diff == by_article["b"].diff
    assert by_article["c"].kind == Kind.PARAPHRASE
    assert by_article["c"].score == 0.6  # the link that joined it, above what the diff keeps


def test_compare_member_kind_score_and_marking() -> None:
    span = (0, len(CENTRAL))
    edited = compare_member(CENTRAL, span, "b", EDITED, (0, len(EDITED)), Settings())
    assert (edited.article, edited.start, edited.end) == ("b", 0, len(EDITED))
    assert edited.kind == Kind.EDITED and edited.marking == Marking.ALL
    assert 0.78 <= edited.score < 1
    assert compare_member(CENTRAL, span, "b", EDITED, (0, len(EDITED)), Settings(), 0.99).score == 0.99
    same = compare_member(CENTRAL, span, "s", CENTRAL.upper(), span, Settings())
    assert (same.kind, same.score, same.marking) == (Kind.VERBATIM, 1.0, Marking.ALL)
    assert compare_member(CENTRAL, span, "s", CENTRAL.upper(), span, Settings(ignore_case=False)).kind != (
        Kind.VERBATIM
    )
    loose = compare_member(CENTRAL, span, "u", UNRELATED, (0, len(UNRELATED)), Settings())
    assert (loose.kind, loose.marking, loose.marked_diff) == (Kind.PARAPHRASE, Marking.NONE, ())


def test_a_paraphrase_close_enough_shows_only_its_own_words() -> None:
    member = "The regulator said the deal could cut competition in the market for home broadband."
    version = compare_member(CENTRAL, (0, len(CENTRAL)), "p", member, (0, len(member)), Settings())
    assert version.kind == Kind.PARAPHRASE and version.marking == Marking.OWN_WORDS
    shown = version.marked_diff
    assert shown and all(o.op != Op.DELETE for o in shown)
    assert _rebuilt(member, shown, "b") == member  # the version's own text, whole


def test_label_is_the_start_of_the_central_version() -> None:
    long = CENTRAL[:-1] + ", which analysts had expected since the companies announced the deal last spring."
    a, b = _article("a", long), _article("b", long.replace("analysts", "experts"))
    (family,) = build_families([a, b], [_link(a, b, 0.9)], Settings())
    assert family.label.endswith("…") and len(family.label) <= LABEL_CHARS
    assert long.startswith(family.label[:-1])
    x, y = _article("x", CENTRAL.replace(" the ", "\n the ", 1)), _article("y", CENTRAL)
    (short,) = build_families([x, y], [_link(x, y, 1.0)], Settings())
    assert short.label == CENTRAL  # whole when it fits, on one line


def test_overlapping_spans_of_one_article_are_one_version() -> None:
    text = f"{CENTRAL} {EDITED}"
    a = _article("a", text)
    b, c = _article("b", CENTRAL), _article("c", CENTRAL)
    end = len(CENTRAL)
    pairs = [
        PairAlignment("a", "b", (Passage(0, end, 0, end, Kind.VERBATIM, 1.0),)),
        PairAlignment("a", "c", (Passage(4, end, 4, end, Kind.VERBATIM, 0.9),)),  # mostly the same span
        PairAlignment("b", "c", (Passage(0, end, 0, end, Kind.VERBATIM, 1.0),)),
    ]
    (family,) = build_families([a, b, c], pairs, Settings())
    assert [m.article for m in family.members] == ["a", "b", "c"]
    assert (family.members[0].start, family.members[0].end) == (0, end)


def test_families_span_two_outlets_at_least_and_are_numbered_largest_first() -> None:
    a, b, c, d = (_article(k, CENTRAL) for k in "abcd")
    pairs = [_link(a, b, 0.9), _link(b, c, 0.9), _link(a, c, 0.9)]
    lone = _article("e", UNRELATED)
    other = [PairAlignment("d", "e", (Passage(0, 10, 0, 10, Kind.PARAPHRASE, 0.9),))]
    families = build_families([a, b, c, d, lone], other + pairs, Settings())
    assert [f.id for f in families] == ["F1", "F2"]
    assert [sorted(f.articles) for f in families] == [["a", "b", "c"], ["d", "e"]]
    assert build_families([a, b], [], Settings()) == ()


def test_building_many_families_reports_progress_in_order_and_stops_when_cancelled() -> None:
    """A passage of each of 100 articles shared with one of 100 others: 100 families,
    compared member by member (the slow part on a large set)."""
    articles = [Article(id=f"a{k}", title="", outlet="", text="word " * 40) for k in range(200)]
    pairs = [PairAlignment(f"a{k}", f"a{k + 100}", (_passage(0, 50, 0, 50, 0.9),)) for k in range(100)]
    steps: list[float] = []
    families = build_families(articles, pairs, Settings(), progress=steps.append)
    assert len(families) == 100
    assert len(steps) > 1 and steps == sorted(steps) and steps[-1] == 1.0
    with pytest.raises(Cancelled):
        build_families(articles, pairs, Settings(), cancelled=lambda: True)


def _count_word_diffs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one at each word diff the families make (none remembered)."""
    import desktop.engine.align.families as families_module

    diffs: list[int] = []
    real = families_module.word_diff

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003 - word_diff's signature
        diffs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(families_module, "word_diff", counting)
    compare_member.cache_clear()
    return diffs


def test_families_built_again_reuse_their_member_comparisons(monkeypatch) -> None:
    """Applying a correction rebuilds every family of the set; the members compared when
    the set was aligned are not diffed again (2.5 s at 500 articles, on the GUI thread)."""
    a, b, c = (_article(k, CENTRAL) for k in "abc")
    pairs = [_link(a, b, 0.9), _link(b, c, 0.9), _link(a, c, 0.9)]
    diffs = _count_word_diffs(monkeypatch)
    first = build_families([a, b, c], pairs, Settings())
    assert len(diffs) == 2  # two members against the central one
    again = build_families([a, b, c], pairs, Settings())
    assert again == first and len(diffs) == 2
    build_families([a, b, c], pairs, Settings(ignore_case=False))
    assert len(diffs) == 4, "other settings compare again"


@pytest.mark.parametrize("mirrored", [False, True])
def test_members_that_are_a_passage_take_its_diff_and_get_what_comparing_gives(
    monkeypatch, mirrored: bool
) -> None:
    """A member whose spans are a passage's, compared from the side the aligner diffed
    from, takes the passage's diff instead of diffing again: the families are exactly
    those that comparing every member gives, whichever way round the pairs are given."""
    import desktop.engine.align.families as families_module
    from desktop.engine.align.corpus import align_corpus

    from .samples import FILLER_A, FILLER_B, SHARED, art

    story = " ".join(SHARED)
    edited = story.replace("reduce competition", "hurt competition").replace("thirty", "30")
    texts = [
        f"{FILLER_A[0]}\n{story}\n{FILLER_A[1]}",
        f"{FILLER_B[0]} {FILLER_B[1]}\n{edited}",
        edited.replace("Analysts", "Economists"),  # the central version, and the shortest text
    ]
    corpus = align_corpus([art(t, f"n{k}") for k, t in enumerate(texts)])
    pairs = [p.swapped() for p in corpus.pairs] if mirrored else list(corpus.pairs)
    diffs = _count_word_diffs(monkeypatch)
    (family,) = reused = build_families(corpus.articles, pairs, corpus.settings)
    assert len(family.members) == 3 and family.central_member.article == "n2"
    assert diffs == []  # the aligner diffed each pair from its shorter text: no member again ...
    compare_member.cache_clear()
    monkeypatch.setattr(families_module, "_aligned_diffs", lambda pairs, articles: {})
    assert build_families(corpus.articles, pairs, corpus.settings) == reused  # ... and it shows nowhere
    assert len(diffs) == 2
