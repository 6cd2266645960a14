"""Typed changes: each type with cases it must and must not claim, and the invariants
every view relies on (spans inside the passage and its changed pieces, no overlaps)."""

from __future__ import annotations

import difflib
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.engine.align import changes
from desktop.engine.align.changes import (
    changes_of,
    corpus_with_changes,
    counts,
    describe,
    hunks,
    typed_changes,
    typed_steps,
    types_of,
    with_changes,
)
from desktop.engine.align.worddiff import word_diff
from desktop.engine.model import (
    CHANGE_WORDING,
    Article,
    Cancelled,
    ChangeType,
    CorpusAlignment,
    Kind,
    Op,
    PairAlignment,
    Passage,
    Settings,
)

T = ChangeType


def passage(a: str, b: str) -> Passage:
    return Passage(0, len(a), 0, len(b), Kind.EDITED, 0.9, word_diff(a, 0, len(a), b, 0, len(b)))


def typed(a: str, b: str) -> list[tuple[str, str, str]]:
    """(type, words in A, words in B) of every change."""
    out = []
    for c in typed_changes(passage(a, b), a, b):
        out.append(
            (c.type.value, " ".join(a[s:e] for s, e in c.a_spans), " ".join(b[s:e] for s, e in c.b_spans))
        )
    return out


def types(a: str, b: str) -> set[ChangeType]:
    return {c.type for c in typed_changes(passage(a, b), a, b)}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # numbers, amounts, dates
        (
            "Police said 12,000 people attended.",
            "Police said 1,200 people attended.",
            ("number", "12,000", "1,200"),
        ),
        ("It was published on Friday.", "It was published on August 23.", ("number", "Friday", "August 23")),
        ("The deal is worth $3 billion.", "The deal is worth $4 billion.", ("number", "3", "4")),
        ("Growth was 5 percent in 2024.", "Growth was 5 percent.", ("number", "in 2024", "")),
        ("Sales rose 10% last year.", "Sales rose 12% last year.", ("number", "10", "12")),
        ("The team lost three matches.", "The team lost four matches.", ("number", "three", "four")),
        # names
        (
            "The regulator fined Facebook on Monday.",
            "The regulator fined Google on Monday.",
            ("name", "Facebook", "Google"),
        ),
        (  # at the start of a sentence a capital proves nothing, unless the text capitalises it elsewhere
            "Facebook was fined by the regulator. Many users of Facebook left.",
            "Google was fined by the regulator. Many users of Google left.",
            ("name", "Facebook", "Google"),
        ),
        (
            "The talks were held in Paris last year.",
            "The talks were held in Berlin last year.",
            ("name", "Paris", "Berlin"),
        ),
        # attribution
        (
            "He said the rules were unclear.",
            "He claimed the rules were unclear.",
            ("attribution", "said", "claimed"),
        ),
        (
            "Zuckerberg noted that Meta has open-sourced many models.",
            "Meta said that it has open-sourced many models.",
            ("attribution", "Zuckerberg noted", "Meta said"),
        ),
        ("The rules are unclear, Ek said.", "The rules are unclear.", ("attribution", "Ek said", "")),
        ("The rules are unclear, he said.", "The rules are unclear, she said.", ("attribution", "he", "she")),
        # hedge or certainty
        ("The rules could hinder innovation.", "The rules hinder innovation.", ("hedge", "could", "")),
        ("The firm reportedly lost money.", "The firm lost money.", ("hedge", "reportedly", "")),
        (
            "It's not a stretch to assume that Spotify wants the model.",
            "There's no doubt that Spotify wants the model.",
            ("hedge", "It's not a stretch to assume", "There's no doubt"),
        ),
        ("The firm cut 300 jobs.", "The firm cut about 300 jobs.", ("hedge", "", "about")),
        ("An alleged attempt failed.", "An attempt failed.", ("hedge", "alleged", "")),
        # negation
        (
            "The company will release the model.",
            "The company will not release the model.",
            ("negation", "", "not"),
        ),
        ("Meta can release it in Europe.", "Meta can't release it in Europe.", ("negation", "can", "can't")),
        ("They found survivors at the site.", "They found no survivors at the site.", ("negation", "", "no")),
        # quotation altered
        (
            '"A simplified regulatory structure would help," Ek said.',
            "“A simplified regulatory framework would help,” Ek said.",
            ("quote", "structure", "framework"),
        ),
        # wording
        ("Meta would like to use the data.", "Meta would love to use the data.", ("wording", "like", "love")),
    ],
)
def test_each_type_is_found(a: str, b: str, expected: tuple[str, str, str]) -> None:
    found = typed(a, b)
    kind, words_a, words_b = expected
    assert kind in {k for k, _, _ in found}, found
    if words_a or words_b:
        assert expected in found, found


@pytest.mark.parametrize(
    ("a", "b", "not_expected"),
    [
        # the same amount, written differently, is no number change
        ("The deal is worth 3 billion euros.", "The deal is worth three billion euros.", T.NUMBER),
        ("It costs €3bn.", "It costs 3 billion euros.", T.NUMBER),
        ("Turnout was 50%.", "Turnout was fifty per cent.", T.NUMBER),
        ("Some 3,500,000 people voted.", "Some 3.5 million people voted.", T.NUMBER),
        ("One of the firms left.", "Another of the firms left.", T.NUMBER),  # "one" the pronoun
        ("Europe’s rules changed in May.", "Europe’s rules may change.", T.NUMBER),
        # a figure that only moved
        ("In 2024 the firm grew fast.", "The firm grew fast in 2024.", T.NUMBER),
        # names: one spelt two ways, shortened, or only added
        ("Mohamed Morsi was sworn in.", "Mohamed Mursi was sworn in.", T.NAME),
        ("The UN condemned the attack.", "The U.N. condemned the attack.", T.NAME),
        ("The Supreme Court upheld the result.", "The SC upheld the result.", T.NAME),
        ("Meta CEO Mark Zuckerberg spoke.", "Meta CEO Zuckerberg spoke.", T.NAME),
        ("The American team won.", "The French team won.", T.NAME),  # nationality adjectives
        ("However, the plan failed.", "But the plan failed.", T.NAME),
        # attribution: the same verb in another tense, a noun, a pronoun for a name
        ("He said the rules were unclear.", "He says the rules were unclear.", T.ATTRIBUTION),
        ("The claim was false.", "The report was false.", T.ATTRIBUTION),
        ("The United States' declared goal was clear.", "The United States' goal was clear.", T.ATTRIBUTION),
        ("The rules are unclear, Mr Howard said.", "The rules are unclear, he said.", T.ATTRIBUTION),
        # hedges of the same strength; "could not" is no hedge
        ("The rules may hinder innovation.", "The rules might hinder innovation.", T.HEDGE),
        ("Board members could not defend themselves.", "Board members can't defend themselves.", T.HEDGE),
        ("The trip took about 100 miles.", "The trip took a while.", T.HEDGE),  # the number went
        # negation kept in other words, or only moved
        ("The company won't release it.", "The company will not release it.", T.NEGATION),
        (
            "He was singled out for not addressing it.",
            "He was singled out for failing to address it.",
            T.NEGATION,
        ),
        (
            "This ensures power isn't concentrated among a few players.",
            "This is preventing power from being concentrated among a few players.",
            T.NEGATION,
        ),
        (
            "New barriers will prevent flooding in the town.",
            "New barriers will stop flooding in the town.",
            T.NEGATION,
        ),
        ("It would not only help developers.", "It would help developers.", T.NEGATION),
        ("World No. 2 Hewitt won.", "World number 2 Hewitt won.", T.NEGATION),
        # outside quotation marks a change is no quotation change
        ("The regulatory structure would help.", "The regulatory framework would help.", T.QUOTE),
        ('"It is a good plan," she said.', "It is a fine plan, she said.", T.QUOTE),
    ],
)
def test_what_a_type_does_not_claim(a: str, b: str, not_expected: ChangeType) -> None:
    assert not_expected not in types(a, b), typed(a, b)


def test_three_billion_is_three_billion_but_a_wording_change() -> None:
    a, b = "The deal is worth 3 billion euros.", "The deal is worth three billion euros."
    assert typed(a, b) == [("wording", "3", "three")]


def test_a_hunk_with_several_kinds_of_change_is_split() -> None:
    a = "Police said 12,000 people attended."
    b = "Police claimed 1,200 residents attended."
    assert {k for k, _, _ in typed(a, b)} >= {"number", "attribution"}


def test_a_typed_change_inside_quotes_is_flagged_quoted() -> None:
    a, b = '"We hired 300 people," Ek said.', '"We hired 400 people," Ek said.'
    (change,) = typed_changes(passage(a, b), a, b)
    assert change.type is T.NUMBER and change.quoted
    assert T.QUOTE in types_of([change])


def test_punctuation_inside_quotes_is_wording() -> None:
    a, b = (
        '"It is the growth of AI but also jobs," Ek said.',
        '"It is the growth of AI, but also jobs," Ek said.',
    )
    assert typed(a, b) == [("wording", "", ",")]


def test_white_space_alone_is_no_change() -> None:
    a, b = "The deal is done.", "The deal  is done."
    p = Passage(
        0,
        len(a),
        0,
        len(b),
        Kind.VERBATIM,
        1.0,
        word_diff(a, 0, len(a), b, 0, len(b), Settings(ignore_typography=False)),
    )
    assert typed_changes(p, a, b) == ()


def test_a_side_without_words_has_an_anchor_where_they_would_go() -> None:
    a, b = "The company will release it.", "The company will not release it."
    (change,) = typed_changes(passage(a, b), a, b)
    assert change.a_spans == () and change.a_at == a.index("release")
    assert b[slice(*change.b_spans[0])] == "not"
    assert describe(change, a, b) == "Negation: “not” only in B"


def test_describe_names_both_sides() -> None:
    a, b = "Police said 12,000 people attended.", "Police said 1,200 people attended."
    (change,) = typed_changes(passage(a, b), a, b)
    assert describe(change, a, b) == "Number or date: “12,000” → “1,200”"


def test_every_type_has_its_words() -> None:
    assert set(CHANGE_WORDING) == set(ChangeType)
    assert len({t.wording.letter for t in ChangeType}) == len(ChangeType)
    assert all(t.wording.label and t.wording.meaning for t in ChangeType)


# --------------------------------------------------------------------------- reuse


def _pair() -> tuple[PairAlignment, str, str]:
    a = "Police said 12,000 people attended. The rules could hinder innovation."
    b = "Police said 1,200 people attended. The rules hinder innovation."
    first = word_diff(a, 0, 35, b, 0, 34)
    second = word_diff(a, 36, len(a), b, 35, len(b))
    passages = (
        Passage(0, 35, 0, 34, Kind.EDITED, 0.9, first),
        Passage(36, len(a), 35, len(b), Kind.EDITED, 0.9, second),
    )
    return PairAlignment("a", "b", passages), a, b


def test_changes_are_stored_once_and_swap_with_the_pair() -> None:
    pair, a, b = _pair()
    assert all(p.changes is None for p in pair.passages)
    filled = with_changes(pair, a, b)
    assert [c.type for p in filled.passages for c in p.changes or ()] == [T.NUMBER, T.HEDGE]
    assert changes_of(filled.passages[0], "", "") is filled.passages[0].changes  # stored, not recomputed
    swapped = filled.swapped()
    for p, q in zip(filled.passages, swapped.passages, strict=True):
        assert q.changes == tuple(c.swapped() for c in p.changes or ())
    assert with_changes(filled, a, b) == filled


def test_typed_steps_walk_the_typed_changes_in_reading_order() -> None:
    pair, a, b = _pair()
    filled = with_changes(pair, a, b)
    assert typed_steps(filled) == ((0, 0), (1, 0))
    assert typed_steps(filled, [T.HEDGE]) == ((1, 0),)
    assert counts(c for p in filled.passages for c in p.changes or ())[T.NUMBER] == 1


def test_corpus_with_changes_fills_every_pair() -> None:
    pair, a, b = _pair()
    corpus = CorpusAlignment((Article("a", "", "", a), Article("b", "", "", b)), Settings(), (pair,))
    filled = corpus_with_changes(corpus)
    assert all(p.changes is not None for p in filled.pair("a", "b").passages)
    assert all(p.changes is not None for p in filled.pair("b", "a").passages)


def test_corpus_with_changes_reports_progress_and_stops_between_pairs() -> None:
    pair, a, b = _pair()
    articles = (Article("a", "", "", a), Article("b", "", "", b), Article("c", "", "", b))
    other = PairAlignment("a", "c", pair.passages, pair.shared_a, pair.shared_b)
    corpus = CorpusAlignment(articles, Settings(), (pair, other))
    seen: list[float] = []
    corpus_with_changes(corpus, progress=seen.append)
    assert seen == [0.5, 1.0], "one report per pair, weighed by its passages"
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # stop before the second pair

    with pytest.raises(Cancelled):
        corpus_with_changes(corpus, cancelled=cancelled)
    assert len(asked) == 2


# --------------------------------------------------------------------------- invariants

VOCAB = [
    "the", "rules", "could", "may", "not", "never", "said", "claimed", "Meta", "Google", "Ek",
    "3", "three", "billion", "12,000", "1,200", "Friday", "August", "23", "reportedly", "no",
    "doubt", "growth", "of", "AI", "would", "help", "he", "she", "$", "%", ",", ".", '"', "“", "”",
    "it's", "isn't", "about",
]  # fmt: skip


def _text(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=18)))


@st.composite
def passages(draw: st.DrawFn) -> tuple[str, str, Passage]:
    a, b = _text(draw), _text(draw)
    lead_a, lead_b = draw(st.sampled_from(["", "Intro. ", '"'])), draw(st.sampled_from(["", "Other text. "]))
    ta, tb = lead_a + a + " Tail.", lead_b + b + " End."
    s_a, s_b = len(lead_a), len(lead_b)
    ops = word_diff(ta, s_a, s_a + len(a), tb, s_b, s_b + len(b))
    return ta, tb, Passage(s_a, s_a + len(a), s_b, s_b + len(b), Kind.EDITED, 0.5, ops)


@settings(max_examples=150, deadline=None)
@given(passages())
def test_spans_lie_in_changed_pieces_and_never_overlap(case: tuple[str, str, Passage]) -> None:
    ta, tb, p = case
    changes = typed_changes(p, ta, tb)
    pieces_a = [(op.a_start, op.a_end) for op in p.diff if op.op == Op.DELETE]
    pieces_b = [(op.b_start, op.b_end) for op in p.diff if op.op == Op.INSERT]
    for side, pieces, lo, hi in (("a", pieces_a, p.a_start, p.a_end), ("b", pieces_b, p.b_start, p.b_end)):
        spans = sorted(s for c in changes for s in (c.a_spans if side == "a" else c.b_spans))
        for s, e in spans:
            assert lo <= s < e <= hi, "inside the passage"
            assert any(ps <= s and e <= pe for ps, pe in pieces), "inside one changed piece"
        for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
            assert e1 <= s2, "no two changes overlap on one side"
    for c in changes:
        assert c.a_spans or c.b_spans
        assert p.a_start <= c.a_at <= p.a_end and p.b_start <= c.b_at <= p.b_end
    hunk_count = len(hunks(p.diff))
    assert len({(c.a_at, c.b_at) for c in changes}) <= max(1, len(changes)) and (hunk_count or not changes)


@settings(max_examples=60, deadline=None)
@given(passages())
def test_typing_is_deterministic_and_symmetric_in_count(case: tuple[str, str, Passage]) -> None:
    ta, tb, p = case
    first = typed_changes(p, ta, tb)
    assert typed_changes(p, ta, tb) == first
    assert [c.a_spans for c in first] == [c.a_spans for c in typed_changes(p, ta, tb)]


@settings(max_examples=300, deadline=None)
@given(one=st.text(alphabet="aeimnorstu.", max_size=12), two=st.text(alphabet="aeimnorstu.", max_size=12))
def test_the_spelling_test_is_difflibs_ratio(one: str, two: str) -> None:
    expected = difflib.SequenceMatcher(None, one, two).ratio() >= changes._SPELLING
    assert changes._alike(one, two, Counter(one), Counter(two)) == expected


def _plain_carried(name: str, others: set[str]) -> bool:
    """Whether ``others`` has ``name`` in some spelling, as defined: each word in turn."""
    if name in others:
        return True
    name = name.replace(".", "")
    for other in others:
        other = other.replace(".", "")
        if other == name:
            return True
        short, long = sorted((name, other), key=len)
        if len(short) >= 2 and long.startswith(short) and short[0].isalpha():
            return True
        if len(short) >= 5 and difflib.SequenceMatcher(None, name, other).ratio() >= changes._SPELLING:
            return True
    return False


SPELLINGS = [
    "st", "street", "u.n", "un", "u.n.", "nxtp", "nxtp.o", "mursi", "morsi", "merkel", "me",
    "m", "", ".", "1st", "zuckerberg", "zuckerburg", "ek", "eks", "said", "spotify", "spot",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(SPELLINGS), others=st.lists(st.sampled_from(SPELLINGS), max_size=8))
def test_a_name_is_carried_as_defined(name: str, others: list[str]) -> None:
    spellings = changes._Spellings(others)
    assert spellings.carry(name) == _plain_carried(name, set(others))
    assert spellings.carry(name) == _plain_carried(name, set(others))  # remembered, the same


# "á" and "a" share a bit of the letter masks (ord & 63): the bound must stay a bound.
_ALPHABET = "aábemnorstuüz"


@st.composite
def _near_spellings(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A name of five letters or more and words spelt nearly like it (a few letters
    replaced, dropped or added), some far enough to fail the ratio."""
    name = draw(st.text(alphabet=_ALPHABET, min_size=5, max_size=10))
    others = []
    for _ in range(draw(st.integers(0, 5))):
        word = list(name)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(word)))
            letter = draw(st.sampled_from(_ALPHABET))
            how = draw(st.sampled_from(["replace", "drop", "add"]))
            if how == "add" or at == len(word):
                word.insert(at, letter)
            elif how == "drop":
                del word[at]
            else:
                word[at] = letter
        others.append("".join(word))
    return name, others


@settings(max_examples=500, deadline=None)
@given(case=_near_spellings())
def test_near_spellings_are_found_as_difflib_finds_them(case: tuple[str, list[str]]) -> None:
    name, others = case
    assert changes._Spellings(others).carry(name) == _plain_carried(name, set(others))


def _debate(name: str, outlet: str) -> Article:
    from desktop.engine.load.articles import article_from_text

    return article_from_text(
        "The debate in the county drew a large crowd of farmers and students.\n"
        f"{name} climbed onto a platform outside the new building at the college to hold the fifth"
        " debate of the long campaign.\n"
        f"The crowd cheered for {name} at the end of the evening.",
        title="Debate",
        outlet=outlet,
        article_id=outlet,
    )


def test_changes_typed_where_the_pairs_align_are_those_typed_afterwards(seed_paths) -> None:
    from desktop.engine.align.corpus import align_corpus
    from desktop.engine.align.prepared import prepare
    from desktop.engine.load.articles import load_article

    # "Douglas" opens a sentence: a name only on the evidence of the rest of its article.
    debate = [_debate("Douglas", "a"), _debate("Lincoln", "b")]
    assert "douglas" in prepare(debate[0]).proper_words, "the article carries its evidence"
    for articles in ([load_article(p) for p in seed_paths], debate):
        typed = align_corpus(articles, encoder=None, typed_changes=True)
        later = corpus_with_changes(align_corpus(articles, encoder=None))
        assert typed.pairs == later.pairs
    (passage,) = typed.pair("a", "b").passages
    assert [c.type for c in passage.changes or ()] == [T.NAME, T.NAME]
