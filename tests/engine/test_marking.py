"""What every view marks as changed: whole hyphenated words, no white space, punctuation
that differs; a family version as its marking says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.engine.align.worddiff import word_diff
from desktop.engine.marking import COMPOUND_RE, marked_spans, member_diff, whole_words
from desktop.engine.model import DiffOp, FamilyMember, Kind, Marking, Op, Settings


def _shown(a: str, b: str, settings: Settings | None = None) -> tuple[list[str], list[str]]:
    ops = whole_words(word_diff(a, 0, len(a), b, 0, len(b), settings), a, b)
    return [a[s:e] for s, e in marked_spans(ops, a, "a")], [b[s:e] for s, e in marked_spans(ops, b, "b")]


def test_a_hyphenated_word_is_changed_whole() -> None:
    a = "Meta has open-sourced the Llama models"
    b = "Meta has open-sourced its state-of-the-art Llama models"
    raw = word_diff(a, 0, len(a), b, 0, len(b))
    assert [b[o.b_start : o.b_end] for o in raw if o.op is Op.EQUAL][1] == "the", "the diff shares 'the'"
    deleted, inserted = _shown(a, b)
    assert inserted == ["its state-of-the-art"]
    assert deleted == ["the"]


def test_a_word_changed_after_its_hyphen_is_changed_whole() -> None:
    deleted, inserted = _shown("Meta open-sourced several models", "Meta open-sources many models")
    assert deleted == ["open-sourced several"] and inserted == ["open-sources many"]


def test_punctuation_that_differs_is_marked_and_white_space_never() -> None:
    a = "He said the rules, would apply to everyone."
    b = "He said \u201cthe rules would apply to everyone.\u201d"
    deleted, inserted = _shown(a, b)
    assert deleted == [","]
    assert inserted == ["\u201c", ".\u201d"] or inserted == ["\u201c", "\u201d"]
    assert all(x == x.strip() and x for x in deleted + inserted)


def test_punctuation_the_settings_ignore_is_no_change() -> None:
    deleted, inserted = _shown("the rules, apply", "the rules apply", Settings(ignore_punctuation=True))
    assert deleted == [] and inserted == []


def test_whole_words_leaves_a_diff_without_split_words_alone() -> None:
    a, b = "like to use it", "love to use it"
    ops = word_diff(a, 0, len(a), b, 0, len(b))
    assert whole_words(ops, a, b) == ops


@pytest.mark.parametrize(
    ("marking", "kept"),
    [
        (Marking.ALL, {Op.EQUAL, Op.DELETE, Op.INSERT}),
        (Marking.OWN_WORDS, {Op.EQUAL, Op.INSERT}),
        (Marking.NONE, set()),
    ],
)
def test_a_family_version_shows_what_its_marking_says(marking: Marking, kept: set[Op]) -> None:
    central, text = "the state-of-the-art model", "the state-of-the-art models here"
    ops = word_diff(central, 0, len(central), text, 0, len(text))
    member = FamilyMember("m", 0, len(text), Kind.EDITED, 0.8, ops, marking)
    assert {o.op for o in member_diff(member, central, text)} == kept


_WORDS = st.sampled_from(["the", "art", "state", "of", "open", "sourced", "AI", "rules", ",", ".", "\u201d"])


def _text(parts: list[str], joins: list[str]) -> str:
    return "".join(p + j for p, j in zip(parts, joins, strict=False)).strip()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_WORDS, min_size=1, max_size=12),
    st.lists(st.sampled_from([" ", "-", " ", "  "]), min_size=12, max_size=12),
    st.lists(_WORDS, min_size=1, max_size=12),
    st.lists(st.sampled_from([" ", "-", " "]), min_size=12, max_size=12),
    st.booleans(),
)
def test_whole_words_is_an_edit_script_that_splits_no_word(wa, ja, wb, jb, ignore) -> None:
    a, b = _text(wa, ja), _text(wb, jb)
    settings = Settings(ignore_punctuation=ignore)
    ops = whole_words(word_diff(a, 0, len(a), b, 0, len(b), settings), a, b)
    assert "".join(a[o.a_start : o.a_end] for o in ops if o.op is not Op.INSERT) == a
    assert "".join(b[o.b_start : o.b_end] for o in ops if o.op is not Op.DELETE) == b
    assert whole_words(ops, a, b) == ops, "idempotent"
    for text, side in ((a, "a"), (b, "b")):
        changed = Op.DELETE if side == "a" else Op.INSERT
        for match in COMPOUND_RE.finditer(text):
            kinds = {
                o.op is Op.EQUAL
                for o in ops
                if o.op in (Op.EQUAL, changed)
                and _range(o, side)[0] < match.end()
                and match.start() < _range(o, side)[1]
            }
            assert len(kinds) == 1, (text, match.group(), ops)


def _range(op: DiffOp, side: str) -> tuple[int, int]:
    return (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
