"""Passage families: average linkage, the central version, and each member against it."""

from __future__ import annotations

from desktop.engine.align.families import MARK_MIN_KEPT, build_families, marking_for
from desktop.engine.align.worddiff import word_diff
from desktop.engine.model import Article, DiffOp, FamilyMember, Kind, Op, PairAlignment, Passage, Settings


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
