"""Quoted text in one article: segments inside quotation marks, and the statements they make."""

from __future__ import annotations

import pytest

from desktop.engine.align.quotemarks import (
    MAX_GAP_WORDS,
    MIN_STATEMENT_WORDS,
    inside_quote,
    quoted_spans,
    segments,
    statements,
)


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in quoted_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "the rules are unclear" today.', ["the rules are unclear"]),
        ("He said “the rules are unclear” today.", ["the rules are unclear"]),
        ("Er sagte „die Regeln sind unklar“ heute.", ["die Regeln sind unklar"]),
        ("Er sagte „die Regeln sind unklar” heute.", ["die Regeln sind unklar"]),
        ("Il a dit « les règles sont floues » hier.", ["les règles sont floues"]),
        ("Il a dit «les règles sont floues» hier.", ["les règles sont floues"]),
        ("The ‘gatekeeper of Big Tech’ label stuck.", ["gatekeeper of Big Tech"]),
        ("It isn’t Meta’s plan, nor the users’ choice.", []),  # apostrophes open and close nothing
        ("The ’90s were the users' choice.", []),  # nor does a straight single quote
        ('A 5" screen and "a quote" here.', ["a quote"]),  # an inch sign opens nothing
        ('"Open to the end of the paragraph\nNext paragraph.', ["Open to the end of the paragraph"]),
        ('Two: "first one" and “second one”.', ["first one", "second one"]),
    ],
)
def test_quoted_segments(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_a_segment_knows_its_marks_and_whether_it_closed() -> None:
    text = "She said “the rules are unclear” today.\n“And it goes on"
    first, second = segments(text)
    assert text[slice(*first.outer)] == "“the rules are unclear”" and first.closed
    assert text[first.start : first.end] == "the rules are unclear"
    assert text[slice(*second.outer)] == "“And it goes on" and not second.closed


def test_a_quote_split_by_he_said_is_one_statement() -> None:
    text = '"A simplified structure," Ek said, "would accelerate growth." Then "another thing entirely new".'
    first, second = statements(text)
    assert len(first.segments) == 2 and first.text == "A simplified structure, would accelerate growth."
    assert second.text == "another thing entirely new"
    assert first.spans == tuple((s.start, s.end) for s in first.segments)
    assert text[first.start : first.end].startswith("A simplified") and text[first.end - 1] == "."


def test_according_to_splits_one_statement_too() -> None:
    text = "“The first part of it,” according to the report, “goes on right here.”"
    (statement,) = statements(text)
    assert statement.text == "The first part of it, goes on right here."


def test_a_long_gap_or_one_without_a_verb_of_saying_splits_two_statements() -> None:
    long_gap = " ".join(["word"] * MAX_GAP_WORDS) + " said"
    text = f'"The first statement goes here," {long_gap}, "and the second one is here."'
    assert len(statements(text)) == 2
    no_verb = '"The first statement goes here," and then, "the second one is here."'
    assert len(statements(no_verb)) == 2


def test_two_closed_quotes_in_two_paragraphs_are_two_statements() -> None:
    text = '"The first statement is here," he said.\n"The second statement is there," he said.'
    assert [s.text for s in statements(text)] == [
        "The first statement is here,",
        "The second statement is there,",
    ]


def test_a_quote_open_at_a_paragraph_end_goes_on_in_the_next() -> None:
    text = "“The first part of it runs on\n“and the second part ends here,” she said."
    (statement,) = statements(text)
    assert len(statement.segments) == 2
    assert not segments(text)[0].closed


def test_short_quotes_are_terms_not_statements() -> None:
    assert statements('It is called "open source" by many.') == ()
    assert quoted('It is called "open source" by many.') == ["open source"]
    words = " ".join(["word"] * MIN_STATEMENT_WORDS)
    assert [s.text for s in statements(f'It is "{words}" here.')] == [words]


def test_inside_quote() -> None:
    text = 'Before "inside the quote here" after.'
    s = text.index("inside")
    assert inside_quote(text, s, s + 6)
    assert not inside_quote(text, 0, 6)
    assert inside_quote(text, s + 3, s + 3)  # an insertion point
    assert not inside_quote(text, s, len(text))  # runs out of the quote
    assert not inside_quote("No quotes at all.", 3, 5)
