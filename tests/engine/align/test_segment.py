"""Sentence and block splitting with offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.engine.align.segment import blocks, is_hard_wrapped, sentences

PIECES = ["Word", " ", "words.", " ", "\n", "\n\n", "Dr. Who", "3.5.", "“Quote.”", " Next", "ends?"]


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The index closed at 929.06. Meanwhile, shares rose to $14.69. Analysts were calm.",
            ["The index closed at 929.06.", "Meanwhile, shares rose to $14.69.", "Analysts were calm."],
        ),
        (
            "The U.S. economy grew 3.5 percent. Prices rose.",
            ["The U.S. economy grew 3.5 percent.", "Prices rose."],
        ),
        ("Dr. Smith arrived at 5 p.m. on Friday.", ["Dr. Smith arrived at 5 p.m. on Friday."]),
        ("“It is over,” he said. “We lost.”", ["“It is over,” he said.", "“We lost.”"]),
        (
            "Headline without a stop\nFirst paragraph here.",
            ["Headline without a stop", "First paragraph here."],
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_hard_wrapped_text_joins_lines_into_paragraphs() -> None:
    line = "word " * 30
    wrapped = "\n".join(line.strip() for _ in range(12)) + "\n\n" + "\n".join(line.strip() for _ in range(10))
    assert is_hard_wrapped(wrapped)
    assert len(list(blocks(wrapped))) == 2


def test_one_paragraph_per_line_is_not_hard_wrapped() -> None:
    text = "\n".join(f"Paragraph {k} says something complete and ends properly." * 3 for k in range(10))
    assert not is_hard_wrapped(text)
    assert len(list(blocks(text))) == 10


def test_blocks_are_lines_without_their_white_space() -> None:
    text = "  Headline  \n\nFirst paragraph.\n \t\nSecond one.\n"
    assert [text[s:e] for s, e in blocks(text)] == ["Headline", "First paragraph.", "Second one."]


def test_sentences_know_their_paragraph_and_order() -> None:
    text = "Headline\nOne. Two.\n\nThree."
    found = sentences(text)
    assert [(s.index, text[s.start : s.end], s.paragraph) for s in found] == [
        (0, "Headline", 0),
        (1, "One.", 1),
        (2, "Two.", 1),
        (3, "Three.", 2),
    ]


def test_a_decimal_figure_ending_a_sentence_still_ends_it() -> None:
    text = "Shares closed at 14.69. “Good,” said one trader. Oil fell 2.5. Gold rose."
    assert spans(text) == [
        "Shares closed at 14.69.",
        "“Good,” said one trader.",
        "Oil fell 2.5.",
        "Gold rose.",
    ]


def test_short_texts_are_never_taken_for_hard_wrapped() -> None:
    line = "word " * 12
    assert not is_hard_wrapped("\n".join(line.strip() for _ in range(7)))
    assert is_hard_wrapped("\n".join(line.strip() for _ in range(8)))


def test_lines_that_end_their_sentences_are_paragraphs_even_at_one_width() -> None:
    line = ("word " * 11).strip() + "."
    assert not is_hard_wrapped("\n".join(line for _ in range(12)))


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join))
def test_sentences_are_ordered_disjoint_trimmed_and_inside_one_block(text: str) -> None:
    spans_ = [(s.start, s.end) for s in sentences(text)]
    assert spans_ == sorted(spans_)
    for (_, e1), (s2, _) in zip(spans_, spans_[1:], strict=False):
        assert e1 <= s2
    block_spans = list(blocks(text))
    for sentence in sentences(text):
        piece = text[sentence.start : sentence.end]
        assert piece and piece == piece.strip()
        bs, be = block_spans[sentence.paragraph]
        assert bs <= sentence.start and sentence.end <= be
    # No letter or digit of the text is left out of every sentence.
    covered = "".join(text[s:e] for s, e in spans_)
    assert sum(ch.isalnum() for ch in covered) == sum(ch.isalnum() for ch in text)


def test_a_line_that_stops_mid_sentence_runs_on_into_the_next() -> None:
    text = (
        "The Shared Vision Program, a basin-wide program that\n"
        "focuses on institutional development.\nNext paragraph."
    )
    assert [text[s:e] for s, e in blocks(text)] == [
        "The Shared Vision Program, a basin-wide program that\nfocuses on institutional development.",
        "Next paragraph.",
    ]
    # A heading or a line that ends its sentence stays a paragraph of its own.
    assert len(list(blocks("Meta and Spotify\nthe statement said.\nEnd."))) == 2
    assert len(list(blocks("It ended.\nthen it began."))) == 2
