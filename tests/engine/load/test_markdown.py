"""Markdown read as the text a reader sees."""

from __future__ import annotations

import pytest

from desktop.engine.load.markdown import markdown_to_text

MARKDOWN = [
    ("# Title **bold**", "Title bold"),
    ("> A quote with [a link](https://example.com) and *emphasis*.", "A quote with a link and emphasis."),
    ("- first item\n2. second item", "first item\nsecond item"),
    ("![photo](a.png)Caption", "Caption"),
    ("Keep snake_case_names and 2*3*4 as they are.", "Keep snake_case_names and 2*3*4 as they are."),
    ("Text\n\n---\n\nMore", "Text\n\n\nMore"),
    ("[Share on X](https://x.com) | [Email](mailto:a@b.c)", "Share on X | Email"),
]


@pytest.mark.parametrize(("markdown", "text"), MARKDOWN)
def test_markdown_reading_text(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text
