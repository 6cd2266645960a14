"""Pure helpers behind the article panes: offsets, spans and layered formats.

Kept apart from the widget so they can be tested and reasoned about without a view.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QTextCharFormat

from desktop.engine.model import Kind, Op

_WORD_RE = re.compile(r"\w")


class OffsetMap:
    """Converts Python string indices to Qt document positions (UTF-16) and back."""

    def __init__(self, text: str) -> None:
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        self._py = astral  # Python index of each astral character
        self._qt = [p + k for k, p in enumerate(astral)]  # its Qt position (first surrogate)

    def to_qt(self, index: int) -> int:
        return index + bisect.bisect_left(self._py, index)

    def to_py(self, position: int) -> int:
        k = bisect.bisect_right(self._qt, position - 2)  # astral characters wholly before
        if k < len(self._qt) and self._qt[k] == position - 1:  # between two surrogates
            return self._py[k]
        return position - k


@dataclass(frozen=True, slots=True)
class PaneSpan:
    """A passage as one pane sees it: its span on this side, its kind and score."""

    start: int
    end: int
    kind: Kind
    score: float = 0.0


def trim_word(text: str, start: int, end: int, op: Op) -> tuple[int, int, Op] | None:
    """A changed-word range without surrounding white space; None when it holds no word.

    Punctuation-only or space-only changes are left unmarked: a strong mark on a lone
    comma draws the eye to nothing a reader cares about.
    """
    piece = text[start:end]
    if not _WORD_RE.search(piece):
        return None
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return (start + lead, end - trail, op)


def flatten_layers(
    layers: Sequence[tuple[int, int, int, QTextCharFormat]],
) -> list[tuple[int, int, QTextCharFormat]]:
    """Disjoint ranges covering ``layers``, each with the merged format of its layers.

    ``layers`` are ``(start, end, order, format)``; formats merge in ``order`` (then in
    list order), so a later layer's properties win where both set one.
    """
    ranked = sorted(
        ((s, e, order, n, fmt) for n, (s, e, order, fmt) in enumerate(layers) if e > s),
        key=lambda item: item[0],
    )
    points = sorted({s for s, *_ in ranked} | {e for _, e, *_ in ranked})
    out: list[tuple[int, int, QTextCharFormat]] = []
    active: list[tuple[int, int, int, int, QTextCharFormat]] = []
    cache: dict[tuple[int, ...], QTextCharFormat] = {}
    nxt = 0
    for here, there in zip(points, points[1:], strict=False):
        active = [item for item in active if item[1] > here]
        while nxt < len(ranked) and ranked[nxt][0] <= here:
            if ranked[nxt][1] > here:
                active.append(ranked[nxt])
            nxt += 1
        if not active:
            continue
        active.sort(key=lambda item: (item[2], item[3]))
        key = tuple(item[3] for item in active)
        fmt = cache.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            for item in active:
                fmt.merge(item[4])
            cache[key] = fmt
        out.append((here, there, fmt))
    return out
