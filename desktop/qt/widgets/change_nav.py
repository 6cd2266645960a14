"""The typed changes of the pair shown: marks for each pane and the "next typed change" walk.

The alignment job types every passage's changes (``passage.changes``); this module only
reads them. It turns them into marks for the two panes (:class:`~.change_frames.ChangeMark`),
counts the passages holding each type (for the filter toggles) and finds the next or
previous typed change in the reading order of article A. :class:`ChangeWalker` keeps
that state for a compare view.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.engine.align.changes import describe, typed_steps, types_of, with_changes
from desktop.engine.model import Article, ChangeType, PairAlignment
from desktop.qt.widgets.change_filter import ChangeFilterBar
from desktop.qt.widgets.change_frames import ChangeMark
from desktop.qt.widgets.change_style import TYPED
from desktop.qt.widgets.textpane import TextPane

Step = tuple[int, int]  # (passage index, change index)


def typed_alignment(alignment: PairAlignment | None, a: Article, b: Article) -> PairAlignment | None:
    """``alignment`` with every passage's changes typed: as it is when they are (the
    alignment job types them), typed here only when they are not (alignments built in tests)."""
    if alignment is None or all(p.changes is not None for p in alignment.passages):
        return alignment
    return with_changes(alignment, a.text, b.text)


def change_marks(alignment: PairAlignment | None, a: Article, b: Article, side: str) -> list[ChangeMark]:
    """The marks of every typed change (wording is not framed) on ``side`` ("a" or "b")."""
    out: list[ChangeMark] = []
    for n, passage in enumerate(alignment.passages if alignment else ()):
        for j, change in enumerate(passage.changes or ()):
            if change.type is ChangeType.WORDING:
                continue
            description = describe(change, a.text, b.text)
            spans = change.a_spans if side == "a" else change.b_spans
            if not spans:
                at = change.a_at if side == "a" else change.b_at
                out.append(ChangeMark(at, at, change.type, n, j, description))
            for k, (start, end) in enumerate(spans):
                out.append(ChangeMark(start, end, change.type, n, j, description, last=k == len(spans) - 1))
    return out


def passages_by_type(alignment: PairAlignment | None) -> dict[ChangeType, int]:
    """How many passages hold a change of each typed type (a quoted change counts as a
    quotation change too, as the filter sees it)."""
    out = dict.fromkeys(TYPED, 0)
    for passage in alignment.passages if alignment else ():
        for t in types_of(passage.changes or ()):
            if t in out:
                out[t] += 1
    return out


def change_steps(alignment: PairAlignment | None, types: Iterable[ChangeType] = ()) -> tuple[Step, ...]:
    """Every change of ``types`` (none given: every type but wording), in A's reading order."""
    if alignment is None:
        return ()
    wanted = frozenset(types)
    return typed_steps(alignment, wanted or None)


def next_step(
    alignment: PairAlignment,
    steps: Sequence[Step],
    current: Step | None,
    passage: int,
    delta: int,
) -> int | None:
    """Index into ``steps`` of the change after (``delta`` > 0) or before the current one.

    From the current change the walk goes round; with none current but a passage
    selected, it starts at that passage (its first change going forward, its last going
    back, else the nearest beyond it); with neither, at either end. None when ``steps``
    is empty.
    """
    if not steps:
        return None
    if current is not None and current in steps:
        return (list(steps).index(current) + delta) % len(steps)
    if 0 <= passage < len(alignment.passages):
        p = alignment.passages[passage]
        at = [alignment.passages[i].changes[j].a_at for i, j in steps]  # type: ignore[index]
        if delta > 0:
            return next((k for k, x in enumerate(at) if x >= p.a_start), 0)
        return next((k for k in range(len(at) - 1, -1, -1) if at[k] < p.a_end), len(steps) - 1)
    return 0 if delta > 0 else len(steps) - 1


@dataclass(frozen=True, slots=True)
class ChangeTarget:
    """Where "next typed change" goes: the step, its extent on each side, and a status line."""

    step: Step
    a: tuple[int, int]
    b: tuple[int, int]
    message: str


class ChangeWalker:
    """The typed changes of the pair a compare view shows: the marks in its two panes, the
    counts on its filter toggles, and the change stepped to."""

    def __init__(self, pane_a: TextPane, pane_b: TextPane, filter_bar: ChangeFilterBar) -> None:
        self._panes = (pane_a, pane_b)
        self._filter = filter_bar
        self._alignment: PairAlignment | None = None
        self._descriptions: dict[Step, str] = {}
        self._current: Step | None = None

    def show(self, alignment: PairAlignment | None, a: Article, b: Article) -> None:
        """Mark the changes of ``alignment`` (typed) in both panes; no change is current."""
        self._alignment = alignment
        marks_a, marks_b = change_marks(alignment, a, b, "a"), change_marks(alignment, a, b, "b")
        self._descriptions = {m.key: m.description for m in marks_a}
        self._panes[0].set_changes(marks_a)
        self._panes[1].set_changes(marks_b)
        self._current = None
        self._filter.set_counts(passages_by_type(alignment))

    def current(self) -> Step | None:
        return self._current

    def set_current(self, step: Step | None) -> None:
        self._current = step
        for pane in self._panes:
            pane.set_current_change(step)

    def passage_selected(self, index: int) -> None:
        """Another passage was selected: the change stepped to is no longer current."""
        if self._current is not None and self._current[0] != index:
            self.set_current(None)

    def steps(self) -> tuple[Step, ...]:
        """The changes walked: of the types the filter checks, or of every type but wording."""
        return change_steps(self._alignment, self._filter.types())

    def target(self, delta: int, passage: int) -> ChangeTarget | str:
        """The change after (``delta`` > 0) or before the current one, from ``passage`` when
        none is current; a message for the status bar when there is none."""
        alignment = self._alignment
        steps = self.steps()
        k = next_step(alignment, steps, self._current, passage, delta) if alignment else None
        if alignment is None or k is None:
            which = "of the types checked above the table" if self._filter.types() else "in this pair"
            return f"No typed change {which}"
        i, j = steps[k]
        change = alignment.passages[i].changes[j]  # type: ignore[index]
        ends = []
        for spans, at in ((change.a_spans, change.a_at), (change.b_spans, change.b_at)):
            start, end = (spans[0][0], spans[-1][1]) if spans else (at, at)
            ends.append((start, max(end, start + 1)))
        description = self._descriptions.get(steps[k], change.type.wording.label)
        return ChangeTarget(steps[k], ends[0], ends[1], f"{description} — change {k + 1} of {len(steps)}")
