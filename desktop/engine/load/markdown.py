"""Markdown to the plain text a reader sees, with a map back to the file.

Articles saved as Markdown carry markup ("**", "# ", "> ", link targets) that is not part
of what the outlet wrote; comparing it would show "**" as a change between two outlets.
The article text becomes the rendered reading text, so offsets refer to what is shown.
The Markdown is parsed by markdown-it-py (CommonMark), not by hand: a hand-written reader
turned ``[the report](https://ex.com/a_(b))`` into "the report)".

Each block (paragraph, heading, list item, quote, code) keeps its line breaks; blocks that
the file separates with a blank line (or with markup that shows no text: rules, images,
raw HTML) are separated by one blank line, others by a line break. Markdown's own
structure stays visible to the sentence splitter that way.

:attr:`ReadingText.source` maps the text back to the file: runs of characters copied
from it, as ``(text_start, file_start, length)``. Characters the parser made (an ``&``
from ``&amp;``, a ``*`` from ``\\*``) are mapped where their source can be found nearby.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["ReadingText", "file_offset", "markdown_to_text", "read_markdown"]

Run = tuple[int, int, int]  # (text_start, file_start, length)

# How far past the last mapped character a character the parser made is looked for.
_NEARBY = 12


@dataclass(frozen=True, slots=True)
class ReadingText:
    """What a reader of a Markdown file sees, and where in the file each part is."""

    text: str
    source: tuple[Run, ...] = ()
    heading: str | None = None  # the reading text of the first heading, if any


def markdown_to_text(markdown: str) -> str:
    """The reading text of ``markdown``: markers, link targets and images removed."""
    return read_markdown(markdown).text


def read_markdown(markdown: str) -> ReadingText:
    """The reading text of ``markdown`` (line endings ``\\n``) with its map to the file."""
    builder = _Builder(markdown)
    tokens = MarkdownIt("commonmark").parse(markdown)
    heading: str | None = None
    for k, tok in enumerate(tokens):
        if tok.type == "inline" and tok.map:
            start = builder.block(tok.map)
            for child in tok.children or ():
                builder.inline(child)
            if heading is None and k > 0 and tokens[k - 1].type == "heading_open":
                heading = builder.text_since(start)
        elif tok.type in ("fence", "code_block") and tok.map:
            builder.block(tok.map)
            builder.piece(tok.content.rstrip("\n"))
    return ReadingText(builder.text(), tuple(builder.runs), heading)


def file_offset(source: Sequence[Run], index: int) -> int | None:
    """Where the character at ``index`` of the reading text is in the file (None when
    the parser made it up)."""
    k = bisect.bisect_right(source, (index, float("inf"), 0)) - 1
    if k >= 0:
        text_start, file_start, length = source[k]
        if index < text_start + length:
            return file_start + index - text_start
    return None


@dataclass
class _Builder:
    """Accumulates the reading text and its runs, block by block."""

    source: str
    parts: list[str] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    length: int = 0
    cursor: int = 0  # where in the file the next piece is looked for
    limit: int = 0  # the end of the current block in the file
    last_line: int | None = None
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.line_starts = [0]
        self.line_starts += [k + 1 for k, ch in enumerate(self.source) if ch == "\n"]

    def _offset(self, line: int) -> int:
        return self.line_starts[line] if line < len(self.line_starts) else len(self.source)

    def block(self, lines: list[int]) -> int:
        """Start a block on file lines ``lines[0]:lines[1]``; returns its text offset."""
        first, end = lines
        if self.last_line is not None:
            self._add("\n" if first <= self.last_line else "\n\n")
        self.last_line = end
        self.cursor = self._offset(first)
        self.limit = self._offset(end)
        return self.length

    def text_since(self, start: int) -> str:
        return self.text()[start:]

    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def inline(self, tok: Token) -> None:
        if tok.type in ("text", "code_inline"):
            self.piece(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            self.piece("\n")
        # Images show no text, raw HTML is markup, and the openings and closings of
        # links and emphasis are markers: none of them is reading text. The cursor skips
        # the long ones (a link's target, an image, a tag) so that the text after them
        # is looked for after them.
        elif tok.type == "link_close":
            self._skip_link_tail(self.source.find("]", self.cursor, min(self.limit, self.cursor + _NEARBY)))
        elif tok.type == "image":
            start = self.source.find("![", self.cursor, self.limit)
            if start >= 0:
                self._skip_link_tail(self._closing_bracket(start + 1))
        elif tok.type == "html_inline":
            at = self.source.find(tok.content, self.cursor, self.limit)
            if at >= 0:
                self.cursor = at + len(tok.content)

    def _closing_bracket(self, at: int) -> int:
        """The "]" closing the "[" at ``at`` (brackets nest; a backslash escapes), or -1."""
        depth = 0
        k = at
        while k < self.limit:
            ch = self.source[k]
            if ch == "\\":
                k += 2
                continue
            depth += ch == "["
            depth -= ch == "]"
            if depth == 0:
                return k
            k += 1
        return -1

    def _skip_link_tail(self, bracket: int) -> None:
        """Move the cursor past a link's "]" at ``bracket`` and the target or reference
        after it: "](target "title")", "][ref]" or nothing (a shortcut reference)."""
        if bracket < 0:
            return
        k = bracket + 1
        if self.source.startswith("(", k):
            depth = 0
            while k < self.limit:
                ch = self.source[k]
                if ch == "\\":
                    k += 2
                    continue
                depth += ch == "("
                depth -= ch == ")"
                k += 1
                if depth == 0:
                    break
        elif self.source.startswith("[", k):
            end = self.source.find("]", k, self.limit)
            k = end + 1 if end >= 0 else k
        self.cursor = min(k, self.limit)

    def piece(self, text: str) -> None:
        """Add ``text``, mapping it to the file: whole where it is there verbatim,
        otherwise character by character where each is found nearby."""
        if not text:
            return
        at = self.source.find(text, self.cursor, self.limit)
        if at >= 0:
            self._map(self.length, at, len(text))
            self.cursor = at + len(text)
        else:
            for k, ch in enumerate(text):
                at = self.source.find(ch, self.cursor, min(self.limit, self.cursor + _NEARBY))
                if at >= 0:
                    self._map(self.length + k, at, 1)
                    self.cursor = at + 1
        self._add(text)

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def _map(self, text_start: int, file_start: int, length: int) -> None:
        if self.runs:
            ts, fs, n = self.runs[-1]
            if ts + n == text_start and fs + n == file_start:
                self.runs[-1] = (ts, fs, n + length)
                return
        self.runs.append((text_start, file_start, length))
