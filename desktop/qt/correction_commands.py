"""The user's corrections of the pair's alignment, as undoable commands.

Link the text selected in A and in B, unlink the selected passage, or move its ends to
the selection: each is one step on a :class:`QUndoStack` (Edit > Undo, Ctrl+Z), and
each hands the session a new tuple of corrections
(:mod:`desktop.engine.align.corrections`), which the session replays over the
alignment in force at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.engine.align.corrections import Correction, adjust, link, matching_link, unlink
from desktop.engine.model import Article, Passage, Span
from desktop.qt.session import Session


class _SetCorrections(QUndoCommand):
    """Replace the session's corrections; undo puts the previous ones back."""

    def __init__(
        self, session: Session, before: tuple[Correction, ...], after: tuple[Correction, ...], text: str
    ) -> None:
        super().__init__(text)
        self._session = session
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._session.set_corrections(self._after)

    def undo(self) -> None:
        self._session.set_corrections(self._before)


class CorrectionCommands(QObject):
    """Link, unlink and adjust passages of the session's pair, with undo.

    Each command returns "" when done, or a sentence saying why it could not be.
    """

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.stack = QUndoStack(self)

    def clear(self) -> None:
        """Forget the undo history (another workspace was opened)."""
        self.stack.clear()

    def link(self, a_span: Span | None, b_span: Span | None) -> str:
        """Link the text ``a_span`` of A with ``b_span`` of B."""
        sides = self._sides()
        if sides is None:
            return "Choose two articles to compare first."
        if a_span is None or b_span is None:
            return "Select the text to link in both articles, A and B."
        a, b = sides
        try:
            correction = link(a, b, a_span, b_span)
        except ValueError:
            return "Select some words in both articles, A and B."
        self._push((*self._session.corrections(), correction), "Link Passage")
        return ""

    def unlink(self, index: int) -> str:
        """Undo the link passage ``index`` of the pair makes."""
        found = self._passage(index)
        if isinstance(found, str):
            return found
        a, b, passage = found
        corrections = list(self._session.corrections())
        made_by = matching_link(corrections, a, b, passage)
        if passage.manual and made_by >= 0:
            del corrections[made_by]  # unlinking a hand-made link takes the link back
        else:
            corrections.append(unlink(a, b, passage))
        self._push(tuple(corrections), "Unlink Passage")
        return ""

    def adjust(self, index: int, a_span: Span | None, b_span: Span | None) -> str:
        """Move the ends of passage ``index`` to the selection (a side without one keeps its span)."""
        found = self._passage(index)
        if isinstance(found, str):
            return found
        a, b, passage = found
        if a_span is None and b_span is None:
            return "Select the passage's new extent in A, in B or in both."
        new_a, new_b = a_span or passage.a_span, b_span or passage.b_span
        corrections = list(self._session.corrections())
        made_by = matching_link(corrections, a, b, passage)
        try:
            if passage.manual and made_by >= 0:
                corrections[made_by] = link(a, b, new_a, new_b)
            else:
                corrections.extend(adjust(a, b, passage, new_a, new_b))
        except ValueError:
            return "The new extent must hold some words on both sides."
        self._push(tuple(corrections), "Adjust Passage")
        return ""

    def passage_index(self, a_span: Span, b_span: Span) -> int:
        """The index in the pair's alignment of the passage with these spans (-1 if none)."""
        alignment = self._session.pair_alignment()
        passages: Sequence[Passage] = alignment.passages if alignment else ()
        trimmed = self._trimmed(a_span, b_span)
        return next((n for n, p in enumerate(passages) if (p.a_span, p.b_span) == trimmed), -1)

    # ---------------------------------------------------------------- helpers

    def _sides(self) -> tuple[Article, Article] | None:
        pair = self._session.pair()
        a = self._session.article(pair[0]) if pair else None
        b = self._session.article(pair[1]) if pair else None
        return (a, b) if a is not None and b is not None else None

    def _trimmed(self, a_span: Span, b_span: Span) -> tuple[Span, Span] | None:
        sides = self._sides()
        if sides is None:
            return None
        try:
            made = link(sides[0], sides[1], a_span, b_span)
        except ValueError:
            return None
        return (made.a_anchor.span, made.b_anchor.span)

    def _passage(self, index: int) -> tuple[Article, Article, Passage] | str:
        sides = self._sides()
        alignment = self._session.pair_alignment()
        if sides is None or alignment is None:
            return "Wait for the pair to be aligned."
        if not 0 <= index < len(alignment.passages):
            return "Select a passage first."
        return (*sides, alignment.passages[index])

    def _push(self, after: tuple[Correction, ...], text: str) -> None:
        self.stack.push(_SetCorrections(self._session, self._session.corrections(), after, text))
