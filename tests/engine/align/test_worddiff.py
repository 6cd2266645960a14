"""Word diff: examples, options, and the invariants that every view relies on."""

from __future__ import annotations

import inspect
import itertools
import re
import types

import diff_match_patch
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.engine.align import worddiff
from desktop.engine.align.worddiff import diff_stats, word_diff
from desktop.engine.model import Op, Settings

WORD_CHAR = re.compile(r"\w")


def changed(a: str, b: str, **options: bool) -> list[tuple[str, str, str]]:
    ops = word_diff(a, 0, len(a), b, 0, len(b), Settings(**options))
    return [
        (op.op.value, a[op.a_start : op.a_end], b[op.b_start : op.b_end]) for op in ops if op.op != Op.EQUAL
    ]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("would like to use", "would love to use", [("delete", "like", ""), ("insert", "", "love")]),
        ("the cat sat", "the cat sat", []),
        ("open-source AI", "open source AI", [("delete", "-", ""), ("insert", "", " ")]),
        ("Meta said", "Meta said on Friday", [("insert", "", " on Friday")]),
        ("a big red dog", "a dog", [("delete", "big red ", "")]),
    ],
)
def test_examples(a: str, b: str, expected: list[tuple[str, str, str]]) -> None:
    assert changed(a, b) == expected


def test_changes_never_split_a_word() -> None:
    assert changed("regulation", "regulations") == [
        ("delete", "regulation", ""),
        ("insert", "", "regulations"),
    ]


@pytest.mark.parametrize(
    ("a", "b", "options", "same"),
    [
        ("The EU", "the eu", {"ignore_case": True}, True),
        ("The EU", "the eu", {"ignore_case": False}, False),
        ("it’s “fine” — really", 'it\'s "fine" - really', {"ignore_typography": True}, True),
        ("it’s “fine” — really", 'it\'s "fine" - really', {"ignore_typography": False}, False),
        ("one two", "one\n  two", {"ignore_typography": True}, True),
        ("Yes, it is.", "Yes it is.", {"ignore_punctuation": True}, True),
        ("Yes, it is.", "Yes it is.", {"ignore_punctuation": False}, False),
    ],
)
def test_options(a: str, b: str, options: dict[str, bool], same: bool) -> None:
    assert (changed(a, b, **options) == []) is same


def test_offsets_are_absolute_in_each_article() -> None:
    text_a = "Intro. The minister would like to use it."
    text_b = "Other intro here. The minister would love to use it."
    a0, b0 = text_a.index("The"), text_b.index("The")
    ops = word_diff(text_a, a0, len(text_a), text_b, b0, len(text_b))
    deleted = [text_a[o.a_start : o.a_end] for o in ops if o.op == Op.DELETE]
    inserted = [text_b[o.b_start : o.b_end] for o in ops if o.op == Op.INSERT]
    assert deleted == ["like"] and inserted == ["love"]
    assert ops[0].a_start == a0 and ops[0].b_start == b0


def test_stats_count_words() -> None:
    a, b = "would like to use", "would love to use"
    stats = diff_stats(word_diff(a, 0, len(a), b, 0, len(b)), a, b)
    assert (stats.equal, stats.deleted, stats.inserted) == (3, 1, 1)
    assert stats.similarity == pytest.approx(0.75)


def _hours_pass_between_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """diff-match-patch's clock jumps an hour each time it is read: as on a machine so slow
    that any time limit is always exceeded. The Python build is used, whose clock a test
    can move (the C++ build gets the same time limit)."""
    monkeypatch.setattr(worddiff, "_fast", None)
    clock = itertools.count(0.0, 3600.0)
    module = inspect.getmodule(diff_match_patch.diff_match_patch)
    monkeypatch.setattr(module, "time", types.SimpleNamespace(time=lambda: next(clock)))


def test_result_does_not_depend_on_time(monkeypatch: pytest.MonkeyPatch) -> None:
    a = " ".join(f"w{i}" for i in range(3000))
    b = " ".join(f"w{i}" if i % 7 else f"x{i}" for i in range(3000))
    expected = word_diff(a, 0, len(a), b, 0, len(b))
    _hours_pass_between_calls(monkeypatch)
    assert word_diff(a, 0, len(a), b, 0, len(b)) == expected
    stats = diff_stats(expected, a, b)
    assert (stats.equal, stats.deleted, stats.inserted) == (3000 - 429, 429, 429), "the diff is minimal"


def test_the_clock_would_matter_with_a_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above can fail: with a time limit the same slow clock gives a worse diff."""
    a = " ".join(f"w{i}" for i in range(3000))
    b = " ".join(f"w{i}" if i % 7 else f"x{i}" for i in range(3000))
    expected = word_diff(a, 0, len(a), b, 0, len(b))
    _hours_pass_between_calls(monkeypatch)
    monkeypatch.setattr(worddiff, "DIFF_TIMEOUT", 1.0)
    assert word_diff(a, 0, len(a), b, 0, len(b)) != expected


# Text drawn from a small vocabulary so that the two sides share a lot.
VOCAB = [
    "the",
    "The",
    "EU",
    "rules",
    "would",
    "like",
    "love",
    "to",
    "use",
    "AI",
    "Meta’s",
    "Meta's",
    "open-source",
]
SEPS = [" ", "  ", "\n", ", ", ". ", " — ", " - ", "“", "”", '"']
texts = st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(SEPS)), max_size=30).map(
    lambda parts: "".join(w + s for w, s in parts)
)
nonempty_texts = st.lists(
    st.tuples(st.sampled_from(VOCAB), st.sampled_from(SEPS)), min_size=1, max_size=30
).map(lambda parts: "".join(w + s for w, s in parts))
option_sets = st.builds(
    Settings, ignore_case=st.booleans(), ignore_punctuation=st.booleans(), ignore_typography=st.booleans()
)


@settings(max_examples=300, deadline=None)
@given(prefix_a=st.text(max_size=5), a=texts, prefix_b=st.text(max_size=5), b=texts, opts=option_sets)
def test_pieces_rebuild_both_sides_exactly(
    prefix_a: str, a: str, prefix_b: str, b: str, opts: Settings
) -> None:
    text_a, text_b = prefix_a + a, prefix_b + b
    a0, b0 = len(prefix_a), len(prefix_b)
    ops = word_diff(text_a, a0, len(text_a), text_b, b0, len(text_b), opts)
    rebuilt_a = "".join(text_a[o.a_start : o.a_end] for o in ops if o.op in (Op.EQUAL, Op.DELETE))
    rebuilt_b = "".join(text_b[o.b_start : o.b_end] for o in ops if o.op in (Op.EQUAL, Op.INSERT))
    assert rebuilt_a == a
    assert rebuilt_b == b
    # The pieces tile each side in order, with no gap and no overlap.
    pos_a, pos_b = a0, b0
    for o in ops:
        assert (o.a_start, o.b_start) == (pos_a, pos_b)
        if o.op == Op.DELETE:
            assert o.b_start == o.b_end
        if o.op == Op.INSERT:
            assert o.a_start == o.a_end
        pos_a, pos_b = o.a_end, o.b_end
    assert (pos_a, pos_b) == (len(text_a), len(text_b))


@settings(max_examples=200, deadline=None)
@given(a=nonempty_texts, b=nonempty_texts)
def test_no_boundary_inside_a_word(a: str, b: str) -> None:
    ops = word_diff(a, 0, len(a), b, 0, len(b))
    assert ops
    for o in ops:
        for text, start, end in ((a, o.a_start, o.a_end), (b, o.b_start, o.b_end)):
            if start == end:
                continue
            inside_start = (
                0 < start < len(text) and WORD_CHAR.match(text[start - 1]) and WORD_CHAR.match(text[start])
            )
            inside_end = 0 < end < len(text) and WORD_CHAR.match(text[end - 1]) and WORD_CHAR.match(text[end])
            assert not inside_start and not inside_end


@settings(max_examples=100, deadline=None)
@given(a=nonempty_texts)
def test_identical_sides_are_all_equal(a: str) -> None:
    ops = word_diff(a, 0, len(a), a, 0, len(a))
    assert ops and all(o.op == Op.EQUAL for o in ops)


codes = st.text(alphabet=st.sampled_from([chr(0xE000 + k) for k in range(12)] + ["\U00010000"]), max_size=60)


@pytest.mark.skipif(not worddiff.accelerated(), reason="the C++ build of diff-match-patch is not installed")
@settings(max_examples=500, deadline=None)
@given(a=codes, b=codes)
def test_the_cpp_build_gives_the_python_edit_script(a: str, b: str) -> None:
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = worddiff.DIFF_TIMEOUT
    fast = worddiff.token_diff(a, b, dmp)
    assert fast == worddiff.token_diff(a, b, dmp, accelerated=False)
    assert "".join(c for op, c in fast if op != dmp.DIFF_INSERT) == a
    assert "".join(c for op, c in fast if op != dmp.DIFF_DELETE) == b


def test_without_the_cpp_build_the_python_one_gives_the_same_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    a = "Meta would like to use the new model, the company said on Thursday."
    b = "Meta would love to use its new models, the firm said Thursday."
    expected = word_diff(a, 0, len(a), b, 0, len(b))
    monkeypatch.setattr(worddiff, "_fast", None)
    assert not worddiff.accelerated()
    assert word_diff(a, 0, len(a), b, 0, len(b)) == expected
    assert changed(a, b)[:2] == [("delete", "like", ""), ("insert", "", "love")]


def _plain_pieces(text: str, start: int, end: int, opts: Settings) -> tuple[list[int], list[str]]:
    """The pieces as defined: every token, ignorable neighbours joined one at a time."""
    out: list[tuple[int, int]] = []
    for m in worddiff.TOKEN_RE.finditer(text, start, end):
        gap = worddiff.token_key(m.group(), opts) == " "
        if out and gap and worddiff.token_key(text[out[-1][0] : out[-1][1]], opts) == " ":
            out[-1] = (out[-1][0], m.end())
        else:
            out.append((m.start(), m.end()))
    return [e for _, e in out], [worddiff.token_key(text[s:e], opts) for s, e in out]


gappy_texts = st.lists(
    st.sampled_from(["word", "Word", " ", "  ", "\n", ",", ".", "—", "\u00ad", "\u200b", "’", "'", "x"]),
    max_size=25,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(prefix=gappy_texts, text=gappy_texts, opts=option_sets)
def test_pieces_join_ignorable_runs_as_defined(prefix: str, text: str, opts: Settings) -> None:
    whole = prefix + text
    flags = (opts.ignore_typography, opts.ignore_case, opts.ignore_punctuation)
    assert worddiff._pieces(whole, len(prefix), len(whole), flags) == _plain_pieces(
        whole, len(prefix), len(whole), opts
    )
