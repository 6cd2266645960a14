"""Keeping right-to-left controls in article text from reordering what is around it.

Titles, outlet names and excerpts come from the articles, and an article may carry bidi
formatting characters: an unclosed U+202E (RIGHT-TO-LEFT OVERRIDE) in an outlet name
turns "Reuters and Associated Press" in a heading into mirrored gibberish. Wherever such
text is shown next to other text, it is isolated: in plain-text strings (window titles
aside) with U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE around it, in
HTML with ``<bdi>``; in window titles and the HTML ``<title>``, which some systems draw
without isolate support, the controls are removed. Used by the exports and the window.
"""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["BIDI_CONTROLS", "balanced", "isolate", "needs_isolation", "strip_bidi_controls"]

FSI = "\u2068"  # FIRST STRONG ISOLATE: the direction of the text's first strong letter
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
PDF = "\u202c"  # POP DIRECTIONAL FORMATTING
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE, RLE, LRO, RLO
_RTL = frozenset({"R", "AL"})  # Hebrew, Arabic and other right-to-left letters

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Every bidi formatting character: marks, embeddings, overrides, isolates and pops."""

_STRIP = str.maketrans(dict.fromkeys(map(ord, BIDI_CONTROLS)))


def balanced(text: str) -> str:
    """``text`` with every embedding, override and isolate it opens closed at its end, and
    pops that close nothing it opened dropped, so that nothing it contains reaches past it."""
    out: list[str] = []
    stack: list[str] = []  # open isolates ("i") and embeddings or overrides ("e")
    for ch in text:
        if ch in _ISOLATES:
            stack.append("i")
        elif ch in _EMBEDDINGS:
            stack.append("e")
        elif ch == PDI:
            if "i" not in stack:
                continue
            while stack.pop() != "i":  # a PDI also closes the embeddings inside its isolate
                pass
        elif ch == PDF:
            if not stack or stack[-1] != "e":
                continue
            stack.pop()
        out.append(ch)
    closing = "".join(PDI if kind == "i" else PDF for kind in reversed(stack))
    return "".join(out) + closing


def needs_isolation(text: str) -> bool:
    """Whether ``text`` holds a bidi control or a right-to-left letter, either of which can
    reorder the text next to it."""
    if text.isascii():  # no control and no right-to-left letter is ASCII: the common case, fast
        return False
    return _needs_isolation(text)


@functools.lru_cache(maxsize=8192)  # labels and titles are isolated again at every refresh
def _needs_isolation(text: str) -> bool:
    return any(ch in BIDI_CONTROLS or unicodedata.bidirectional(ch) in _RTL for ch in set(text))


def isolate(text: str) -> str:
    """``text`` between U+2068 and U+2069, balanced, when it needs it (left-to-right text
    without controls is returned as it is): it reads in its own direction and neither its
    letters nor its controls change the order of the text around it."""
    return FSI + balanced(text) + PDI if needs_isolation(text) else text


def strip_bidi_controls(text: str) -> str:
    """``text`` without bidi formatting characters (for window and page titles)."""
    return text.translate(_STRIP)
