"""The result types: kind wording, file-name text, and a family member's marked diff."""

from __future__ import annotations

import pytest

from desktop.engine.model import (
    KIND_WORDING,
    Article,
    DiffOp,
    FamilyMember,
    Kind,
    Marking,
    Op,
    readable,
)


def test_every_kind_has_its_words_once() -> None:
    assert set(KIND_WORDING) == set(Kind)
    assert [k.wording.label for k in Kind] == ["Verbatim", "Edited", "Paraphrase"]
    assert [k.wording.letter for k in Kind] == ["V", "E", "P"]
    assert [k.wording.counted for k in Kind] == ["verbatim", "edited", "paraphrased"]
    assert len({k.wording.meaning for k in Kind}) == 3
    assert all(k.wording is KIND_WORDING[k] for k in Kind)


@pytest.mark.parametrize(
    ("name", "text"),
    [("café.txt", "café.txt"), ("caf\udce9.txt", "caf\ufffd.txt"), ("plain", "plain")],
)
def test_file_names_become_text_that_utf8_can_hold(name: str, text: str) -> None:
    assert readable(name) == text
    article = Article("a", "t", "o", "text", path=f"/news/{name}")
    assert article.path_text == f"/news/{text}"
    assert article.path_text.encode("utf-8")
    assert Article("b", "t", "o", "text").path_text is None


OPS = (
    DiffOp(Op.EQUAL, 0, 4, 0, 4),
    DiffOp(Op.DELETE, 4, 9, 4, 4),
    DiffOp(Op.INSERT, 9, 9, 4, 8),
    DiffOp(Op.EQUAL, 9, 12, 8, 11),
)


@pytest.mark.parametrize(
    ("marking", "shown"),
    [(Marking.ALL, OPS), (Marking.OWN_WORDS, (OPS[0], OPS[2], OPS[3])), (Marking.NONE, ())],
)
def test_marked_diff_follows_the_marking(marking: Marking, shown: tuple[DiffOp, ...]) -> None:
    member = FamilyMember("m", 0, 11, Kind.EDITED, 0.8, OPS, marking)
    assert member.marked_diff == shown


def test_a_member_without_a_diff_is_shown_as_published() -> None:
    assert FamilyMember("c", 0, 11, Kind.VERBATIM, 1.0).marked_diff == ()


def test_results_cross_processes_whole() -> None:
    """A pair's passages, diffs and typed changes come back from a pickle equal."""
    import pickle

    from desktop.engine.model import Change, ChangeType, DiffOp, Kind, Op, PairAlignment, Passage, Source

    diff = (DiffOp(Op.EQUAL, 0, 4, 10, 14), DiffOp(Op.DELETE, 4, 9, 14, 14))
    change = Change(ChangeType.NUMBER, ((4, 9),), (), 4, 14, quoted=True)
    passage = Passage(0, 9, 10, 14, Kind.EDITED, 0.75, diff, (change,), Source.MANUAL)
    pair = PairAlignment("a", "b", (passage, Passage(20, 30, 40, 50, Kind.VERBATIM, 1.0)), 0.5, 0.25)
    back = pickle.loads(pickle.dumps(pair, pickle.HIGHEST_PROTOCOL))
    assert back == pair
    assert back.passages[0].changes == (change,) and back.passages[0].manual
    assert back.passages[1].changes is None and back.passages[1].diff == ()
