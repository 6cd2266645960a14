"""Sentences and paragraphs with character offsets.

Sentence boundaries come from syntok (segtok's successor), which handles abbreviations,
decimals, quotes and dashes. Line structure is decided first: news text saved as plain
text puts each paragraph on its own line, while e-mail or essay text is hard-wrapped at a
fixed width; in the first case every line break ends a block, in the second only blank
lines do.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import syntok.segmenter

from ..model import Cancelled, never_cancelled
from .text import CJK, trimmed_span

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n")
# syntok keeps "closed at 929.06. Meanwhile, ..." as one sentence: a full stop right after a
# decimal number, followed by a capital, ends a sentence.
_DECIMAL_END = re.compile(r"\d\.\d+\.(?=\s+[\"“‘']?[A-Z])")
_TERMINAL = tuple('.!?:;"”’)')
# Chinese and Japanese end sentences with full-width marks and no space after them, which
# syntok does not split at; a closing quote or bracket after the mark stays with it.
_CJK_END = re.compile("[。！？!?．]+[」』”’）)\\]】〕〉》]*")
_CJK_CHAR = re.compile(f"[{CJK}]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its span in the article and the paragraph it belongs to."""

    index: int
    start: int
    end: int
    paragraph: int


def is_hard_wrapped(text: str) -> bool:
    """True when lines look wrapped at a fixed width rather than one paragraph each."""
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    if len(lengths) < 8:
        return False
    median = statistics.median(lengths)
    if not 40 <= median <= 250:
        return False
    near = sum(1 for n in lengths if abs(n - median) <= max(12, 0.15 * median))
    unterminated = sum(
        1 for line in text.split("\n") if line.strip() and not line.rstrip().endswith(_TERMINAL)
    )
    return near / len(lengths) > 0.6 and unterminated / len(lengths) > 0.5


def blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of paragraphs (or headings), without surrounding white space.

    A line that stops mid-sentence (no closing punctuation) and is followed by one that
    starts in lower case is the same paragraph, wrapped."""
    wrapped = is_hard_wrapped(text)
    separator = _BLANK_LINES if wrapped else re.compile(r"\n")
    pos = 0
    for match in separator.finditer(text):
        if not wrapped and _continues(text, pos, match.start(), match.end()):
            continue
        yield from _trimmed(text, pos, match.start())
        pos = match.end()
    yield from _trimmed(text, pos, len(text))


def _continues(text: str, start: int, cut: int, after: int) -> bool:
    """The line ``text[start:cut]`` runs on into the one starting at ``after``."""
    line = text[start:cut].rstrip()
    nxt = text[after : after + 1]
    return bool(line) and line[-1].isalnum() and nxt.islower()


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    start, end = trimmed_span(text, start, end)
    if start < end:
        yield (start, end)


def _decimal_ends(text: str, start: int, end: int) -> list[int]:
    return [m.end() for m in _DECIMAL_END.finditer(text, start, end) if m.end() < end]


def _mostly_cjk(text: str, start: int, end: int) -> bool:
    """More CJK characters than other letters in ``text[start:end]``."""
    cjk = len(_CJK_CHAR.findall(text, start, end))
    return cjk > 0 and cjk >= sum(1 for ch in text[start:end] if ch.isalpha()) - cjk


def _cjk_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of a Chinese or Japanese block: up to each full-width end mark."""
    pos = start
    for match in _CJK_END.finditer(text, start, end):
        yield from _trimmed(text, pos, match.end())
        pos = match.end()
    yield from _trimmed(text, pos, end)


def sentences(text: str, cancelled: Callable[[], bool] = never_cancelled) -> tuple[Sentence, ...]:
    """Every sentence of ``text`` with its offsets, in order.

    ``cancelled`` is asked between sentences (a long text takes seconds); when it answers
    True, :class:`~desktop.engine.model.Cancelled` is raised.
    """
    out: list[Sentence] = []
    for para_index, (start, end) in enumerate(blocks(text)):
        if cancelled():
            raise Cancelled
        if _mostly_cjk(text, start, end):
            for s, e in _cjk_sentences(text, start, end):
                out.append(Sentence(len(out), s, e, para_index))
            continue
        chunk = text[start:end]
        for paragraph in syntok.segmenter.analyze(chunk):
            for sent in paragraph:
                if cancelled():
                    raise Cancelled
                toks = list(sent)
                if not toks:
                    continue
                s = start + toks[0].offset
                e = start + toks[-1].offset + len(toks[-1].value)
                for cut in _decimal_ends(text, s, e):
                    out.append(Sentence(len(out), s, cut, para_index))
                    s = cut
                    while s < e and text[s].isspace():
                        s += 1
                out.append(Sentence(len(out), s, e, para_index))
    return tuple(out)
