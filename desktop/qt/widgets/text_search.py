"""Finding text in an article pane: the next match, which one it is, and whether it wrapped.

:func:`find_in` moves a plain-text edit's selection to the next (or previous) match of a
text, ignoring case, going round the end of the text when it must, and says which match
of how many it selected and whether it went round, for the find bar to show ("3 of 12",
"wrapped to the top"). Counting asks the document itself, so the count always agrees
with the matches that stepping visits.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

MAX_COUNTED = 9999  # beyond this, "more than 9,999": counting every "e" of a book says nothing


@dataclass(frozen=True, slots=True)
class FindResult:
    """What a find step did. True when it found something."""

    found: bool
    index: int = 0  # which match is selected now, from 1 (0 when none, or beyond the count)
    count: int = 0  # matches in the text, at most MAX_COUNTED + 1 (then: "more than")
    wrapped: bool = False  # went round the end (forwards) or the start (backwards)
    backwards: bool = False

    def __bool__(self) -> bool:
        return self.found

    def describe(self) -> str:
        """The find bar's note: "Not found", "3 of 12", "3 of 12 · wrapped to the top"."""
        if not self.found:
            return "Not found"
        more = self.count > MAX_COUNTED
        count = f"more than {MAX_COUNTED:,}" if more else f"{self.count:,}"
        where = f"{self.index:,} of {count}" if self.index else f"{count} matches"
        if self.wrapped:
            where += " · wrapped to the " + ("bottom" if self.backwards else "top")
        return where


def match_starts(document: QTextDocument, text: str) -> list[int]:
    """Document positions where ``text`` starts (ignoring case), up to MAX_COUNTED + 1."""
    starts: list[int] = []
    cursor = QTextCursor(document)
    while len(starts) <= MAX_COUNTED:
        cursor = document.find(text, cursor)
        if cursor.isNull():
            break
        starts.append(cursor.selectionStart())
    return starts


def find_in(pane: QPlainTextEdit, text: str, backwards: bool = False) -> FindResult:
    """Select the next (``backwards``: previous) match of ``text`` in ``pane``, wrapping round."""
    if not text:
        return FindResult(False)
    flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
    wrapped = False
    if not pane.find(text, flags):
        original = pane.textCursor()
        cursor = QTextCursor(pane.document())
        cursor.movePosition(QTextCursor.MoveOperation.End if backwards else QTextCursor.MoveOperation.Start)
        pane.setTextCursor(cursor)
        if not pane.find(text, flags):
            pane.setTextCursor(original)
            return FindResult(False, backwards=backwards)
        wrapped = True
    starts = match_starts(pane.document(), text)
    here = pane.textCursor().selectionStart()
    k = bisect.bisect_left(starts, here)
    index = k + 1 if k < len(starts) and starts[k] == here else 0
    return FindResult(True, index, len(starts), wrapped, backwards)
