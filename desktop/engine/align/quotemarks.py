"""Quoted text in one article: the segments inside quotation marks, and the statements
they make up (a quote split by "he said" is one statement in two segments).

Double quotation marks, straight or typographic (“…”, „…“, «…»), and typographic single
ones (‘…’) are read; a straight single quote is too often an apostrophe to trust. A quote
still open at the end of a paragraph runs to its end, as news style leaves a quote that
goes on into the next paragraph open (that paragraph opens it again).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from ..model import Span
from .cues import SAYING_LEMMA, norm
from .segment import blocks
from .text import trimmed_span, word_count, words

_CLOSERS = {"“": '”"', "„": '“”"', "«": "»", '"': '"”', "‘": "’"}
MAX_GAP_WORDS = 8  # "he said" between two segments of one statement is at most this long
MIN_STATEMENT_WORDS = 4  # shorter quotes are terms ("open source"), not statements


@dataclass(frozen=True, slots=True)
class Segment:
    """Quoted text: ``start:end`` inside the marks, ``outer`` including them."""

    start: int
    end: int
    outer: Span
    closed: bool  # False when the paragraph ended before the closing mark


@dataclass(frozen=True, slots=True)
class Statement:
    """One quoted statement: its segments in order, and their text as one line."""

    segments: tuple[Segment, ...]
    text: str

    @property
    def spans(self) -> tuple[Span, ...]:
        return tuple((s.start, s.end) for s in self.segments)

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end


def _opens(text: str, k: int) -> bool:
    """Whether the mark at ``k`` can open a quote (not an inch sign or an apostrophe)."""
    before = text[k - 1] if k else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    if after.isspace() and text[k] != "«":  # French puts a space inside guillemets
        return False
    if text[k] == "‘":
        return not before.isalnum()
    return True


def _closes(text: str, k: int, opener: str) -> bool:
    if text[k] not in _CLOSERS[opener]:
        return False
    if text[k] == "’":  # an apostrophe ("isn’t") closes nothing
        after = text[k + 1] if k + 1 < len(text) else " "
        return not after.isalpha()
    return True


@functools.lru_cache(maxsize=4096)  # a corpus's articles take turns
def segments(text: str) -> tuple[Segment, ...]:
    """Every quoted segment of ``text`` in order (cached: the views ask for one text often)."""
    out: list[Segment] = []
    for start, end in blocks(text):
        opener: str | None = None
        open_at = 0
        for k in range(start, end):
            ch = text[k]
            if opener is None:
                if ch in _CLOSERS and _opens(text, k):
                    opener, open_at = ch, k
            elif _closes(text, k, opener):
                _add(out, text, open_at, k + 1, closed=True)
                opener = None
        if opener is not None:
            _add(out, text, open_at, end, closed=False)
    return tuple(out)


def _add(out: list[Segment], text: str, outer_start: int, outer_end: int, *, closed: bool) -> None:
    inner_end = outer_end - 1 if closed else outer_end
    s, e = trimmed_span(text, outer_start + 1, inner_end)
    if word_count(text, s, e):
        out.append(Segment(s, e, (outer_start, outer_end), closed))


@functools.lru_cache(maxsize=4096)
def quoted_spans(text: str) -> tuple[Span, ...]:
    """The text inside quotation marks, as sorted spans."""
    return tuple((s.start, s.end) for s in segments(text))


def inside_quote(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` (or the point ``start`` when empty) lies inside one quote."""
    spans = quoted_spans(text)
    k = bisect.bisect_right(spans, (start, len(text) + 1)) - 1
    if k < 0:
        return False
    s, e = spans[k]
    return s <= start and end <= e and (start < e or start == end == e)


def _attribution_gap(text: str, start: int, end: int) -> bool:
    """Whether the text between two segments is a short "he said" that splits one quote."""
    gap = words(text, start, end)
    if not 0 < len(gap) <= MAX_GAP_WORDS:
        return False
    norms = [norm(w.text) for w in gap]
    return any((n,) in SAYING_LEMMA for n in norms) or "according" in norms


@functools.lru_cache(maxsize=4096)
def statements(text: str) -> tuple[Statement, ...]:
    """Quoted statements of ``text``: segments joined across a "he said" in one paragraph,
    or across paragraphs when one is left open and the next opens a quote; statements of
    fewer than :data:`MIN_STATEMENT_WORDS` words left out."""
    groups: list[list[Segment]] = []
    for seg in segments(text):
        if groups:
            prev = groups[-1][-1]
            between = text[prev.outer[1] : seg.outer[0]]
            continued = not prev.closed and not between.strip()
            if continued or ("\n" not in between and _attribution_gap(text, prev.outer[1], seg.outer[0])):
                groups[-1].append(seg)
                continue
        groups.append([seg])
    out = []
    for group in groups:
        line = " ".join(" ".join(text[s.start : s.end].split()) for s in group)
        if sum(word_count(text, s.start, s.end) for s in group) >= MIN_STATEMENT_WORDS:
            out.append(Statement(tuple(group), line))
    return tuple(out)
