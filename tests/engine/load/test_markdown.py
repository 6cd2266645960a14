"""Markdown read as the text a reader sees, with a map back to the file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.engine.load.markdown import file_offset, markdown_to_text, read_markdown

MARKDOWN = [
    ("# Title **bold**", "Title bold"),
    ("> A quote with [a link](https://example.com) and *emphasis*.", "A quote with a link and emphasis."),
    ("- first item\n2. second item", "first item\nsecond item"),
    ("![photo](a.png)Caption", "Caption"),
    ("Keep snake_case_names and 2 * 3 * 4 as they are.", "Keep snake_case_names and 2 * 3 * 4 as they are."),
    ("Text\n\n---\n\nMore", "Text\n\nMore"),
    # What the hand-written reader got wrong: a link target with parentheses, escapes,
    # entities, code spans with markers inside, setext headings, indented code.
    ("Read [the report](https://ex.com/a_(b)) now.", "Read the report now."),
    ("A \\*starred\\* word &amp; an &eacute;t&eacute;", "A *starred* word & an été"),
    ("Use `**not bold**` here", "Use **not bold** here"),
    ("Big news\n========\n\nBody.", "Big news\n\nBody."),
    ("Intro:\n\n    indented code line\n\nAfter.", "Intro:\n\nindented code line\n\nAfter."),
    ("<div class='ad'>Buy now</div>\n\nReal text.", "Real text."),
    ("Line one\nline two", "Line one\nline two"),
    ("[Share on X](https://x.com) | [Email](mailto:a@b.c)", "Share on X | Email"),
]


@pytest.mark.parametrize(("markdown", "text"), MARKDOWN)
def test_markdown_reading_text(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


def test_the_first_heading_is_the_title() -> None:
    assert read_markdown("Intro\n\n## The *Real* Title ##\n\nBody").heading == "The Real Title"
    assert read_markdown("Big news\n---\nBody").heading == "Big news"
    assert read_markdown("No heading").heading is None


def test_the_map_points_into_the_file() -> None:
    source = "# Title **bold**\n\n> Read [the report](https://ex.com/a_(b)) &amp; more.\n"
    reading = read_markdown(source)
    assert reading.text == "Title bold\n\nRead the report & more."
    where = reading.text.index("the report")
    assert source[file_offset(reading.source, where) :].startswith("the report](")
    assert source[file_offset(reading.source, reading.text.index("&"))] == "&"
    assert file_offset(reading.source, reading.text.index("\n\n")) is None  # made by the reader


PIECES = ["# ", "## ", "> ", "- ", "1. ", "**", "*", "_", "`", "[", "](", ")", "(", "!", "&amp;", "\\",
          "<b>", "\n", "\n\n", "    ", "---", "```", "word", "mot ", "é", "\u202e", "x_(y)"]  # fmt: skip


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_every_mapped_character_is_that_character_in_the_file(source: str) -> None:
    reading = read_markdown(source)
    previous = -1
    for start, file_start, length in reading.source:
        assert start > previous and length > 0
        assert reading.text[start : start + length] == source[file_start : file_start + length]
        previous = start
    for k, ch in enumerate(reading.text):
        at = file_offset(reading.source, k)
        assert at is None or source[at] == ch
