"""Sentence and block splitting with offsets."""

from __future__ import annotations

import pytest

from desktop.engine.align.segment import blocks, is_hard_wrapped, sentences


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
