"""Pure helpers behind the article panes: offsets, spans and layered formats.

Kept apart from the widget so they can be tested and reasoned about without a view.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QTextCharFormat

from desktop.engine.model import Kind


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
    manual: bool = False  # linked by hand (a correction of the alignment)


def flatten_layers(
    layers: Sequence[tuple[int, int, int, QTextCharFormat]],
) -> list[tuple[int, int, QTextCharFormat]]:
    """Disjoint ranges covering ``layers``, each with the merged format of its layers.

    ``layers`` are ``(start, end, order, format)``; formats merge in ``order`` (then in
    list order), so a later layer's properties win where both set one.
    """
    cache: dict[tuple[int, ...], QTextCharFormat] = {}
    out = []
    for start, end, key in flatten_keys([(s, e, order) for s, e, order, _ in layers]):
        fmt = cache.get(key)
        if fmt is None:
            fmt = cache[key] = merge_formats([layers[n][3] for n in key])
        out.append((start, end, fmt))
    return out


def merge_formats(formats: Sequence[QTextCharFormat]) -> QTextCharFormat:
    """One format with ``formats`` merged in order (later properties win)."""
    fmt = QTextCharFormat()
    for layer in formats:
        fmt.merge(layer)
    return fmt


def flatten_keys(layers: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, tuple[int, ...]]]:
    """Disjoint ranges covering ``(start, end, order)`` layers, each with the layers over it.

    Each range carries the indices (into ``layers``) of the layers covering it, in merge
    order: by ``order``, then by index. Keeping indices rather than formats lets a caller
    re-merge only the ranges a changed layer covers.
    """
    ranked = sorted(
        ((s, e, order, n) for n, (s, e, order) in enumerate(layers) if e > s), key=lambda item: item[0]
    )
    points = sorted({s for s, *_ in ranked} | {e for _, e, *_ in ranked})
    out: list[tuple[int, int, tuple[int, ...]]] = []
    active: list[tuple[int, int, int, int]] = []
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
        out.append((here, there, tuple(item[3] for item in active)))
    return out


class SpanIndex:
    """Spans sorted by start, to find those meeting a range without visiting them all.

    A running maximum of the ends (non-decreasing, so it can be bisected) bounds where
    spans that start before the range but reach into it can begin.
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._order = sorted(range(len(spans)), key=lambda n: spans[n][0])
        self._starts = [spans[n][0] for n in self._order]
        self._ends = [spans[n][1] for n in self._order]
        reach, top = [], -1
        for end in self._ends:
            top = max(top, end)
            reach.append(top)
        self._reach = reach

    def meeting(self, first: int, last: int) -> list[int]:
        """Indices (into the spans given) of spans with ``start <= last`` and ``end > first``, ascending."""
        low = bisect.bisect_right(self._reach, first)
        high = bisect.bisect_right(self._starts, last)
        return sorted(self._order[k] for k in range(low, high) if self._ends[k] > first)
