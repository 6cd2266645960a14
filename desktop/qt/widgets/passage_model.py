"""The table model behind the compare view's passage list.

:class:`PassageModel` lists the shared passages of one article pair, one row each,
for the table under the side-by-side view. It adapts a :class:`PairAlignment` for Qt
and computes nothing of its own but excerpts (and the typed changes of an alignment that
came without them, which only tests build).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from desktop.engine.align.changes import changes_of, counts, describe, types_of
from desktop.engine.align.text import collapse_space, excerpt
from desktop.engine.figures import similarity
from desktop.engine.model import Article, Change, ChangeType, Kind, PairAlignment, Passage
from desktop.qt.widgets.highlight import kind_colors
from desktop.qt.widgets.labels import escaped_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex

EXCERPT_CHARS = 80
_KIND_ORDER = {kind: n for n, kind in enumerate(Kind)}


class PassageModel(QAbstractTableModel):
    """The passages of one article pair: "#", "Kind", "Similarity", "Changes", "A", "B".

    ``Qt.UserRole`` gives the passage's index in ``alignment.passages`` (in every
    column), :attr:`SORT_ROLE` a value to sort by (the A and B columns sort by position
    in their article, so sorting by "B" lists the passages in B's reading order) and
    ``Qt.ToolTipRole`` the full text of both sides (in "Changes": every typed change).
    :attr:`COUNTS_ROLE` gives the passage's changes counted by type (what the badges
    show) and :attr:`TYPES_ROLE` the set of its types (what the change filter reads).
    """

    HEADERS = ("#", "Kind", "Similarity", "Changes", "A", "B")
    COL_NUMBER, COL_KIND, COL_SCORE, COL_CHANGES, COL_A, COL_B = range(6)
    SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
    COUNTS_ROLE = int(Qt.ItemDataRole.UserRole) + 2
    TYPES_ROLE = int(Qt.ItemDataRole.UserRole) + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._a: Article | None = None
        self._b: Article | None = None
        self._passages: tuple[Passage, ...] = ()
        self._excerpts: list[tuple[str, str]] = []
        self._changes: list[tuple[Change, ...]] = []
        self._palette: QPalette | None = None

    # ------------------------------------------------------------------ public API

    def set_alignment(self, a: Article, b: Article, alignment: PairAlignment | None) -> None:
        """Show the passages ``a`` shares with ``b``; ``None`` (still aligning) shows none."""
        self.beginResetModel()
        self._a, self._b = a, b
        self._passages = alignment.passages if alignment is not None else ()
        self._excerpts = [
            (
                excerpt(a.text, p.a_start, p.a_end, EXCERPT_CHARS),
                excerpt(b.text, p.b_start, p.b_end, EXCERPT_CHARS),
            )
            for p in self._passages
        ]
        self._changes = [changes_of(p, a.text, b.text) for p in self._passages]
        self.endResetModel()

    def set_palette(self, palette: QPalette) -> None:
        """The palette the kind swatches are chosen for (default: the application's)."""
        self._palette = QPalette(palette)
        if self._passages:
            top, bottom = self.index(0, self.COL_KIND), self.index(len(self._passages) - 1, self.COL_KIND)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DecorationRole])

    def passage(self, row: int) -> Passage:
        """The passage shown in ``row`` (rows are in ``alignment.passages`` order)."""
        return self._passages[row]

    def changes(self, row: int) -> tuple[Change, ...]:
        """The typed changes of the passage in ``row``."""
        return self._changes[row]

    # ------------------------------------------------------------------ Qt overrides

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._passages)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tooltip(section)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._passages) and 0 <= col < len(self.HEADERS)):
            return None
        passage = self._passages[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col, passage)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == self.SORT_ROLE:
            return self._sort_key(row, col, passage)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._changes_tooltip(row) if col == self.COL_CHANGES else self._tooltip(col, passage)
        if role == self.COUNTS_ROLE:
            return counts(self._changes[row])
        if role == self.TYPES_ROLE:
            return types_of(self._changes[row])
        if role == Qt.ItemDataRole.DecorationRole and col == self.COL_KIND:
            return kind_colors(self._palette or QGuiApplication.palette())[passage.kind]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_NUMBER, self.COL_SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            changed = changes_text(counts(self._changes[row]))
            how = ", linked by hand" if passage.manual else ""
            label = passage.kind.wording.label
            similar = similarity(passage.score, passage.kind)
            return f"{label} passage {row + 1}{how}, {similar} similar, changes {changed}"
        return None

    # ------------------------------------------------------------------ helpers

    def _display(self, row: int, col: int, passage: Passage) -> Any:
        if col == self.COL_NUMBER:
            return row + 1
        if col == self.COL_KIND:
            return f"{passage.kind.wording.label} ✎" if passage.manual else passage.kind.wording.label
        if col == self.COL_SCORE:
            return similarity(passage.score, passage.kind)
        if col == self.COL_CHANGES:
            return changes_text(counts(self._changes[row]))
        return self._excerpts[row][0 if col == self.COL_A else 1]

    def _sort_key(self, row: int, col: int, passage: Passage) -> Any:
        if col == self.COL_KIND:
            return _KIND_ORDER[passage.kind]
        if col == self.COL_SCORE:
            return passage.score
        if col == self.COL_CHANGES:  # the most typed changes first when sorted descending
            tally = counts(self._changes[row])
            # One number, which Qt can compare (a tuple it cannot): typed changes, then wording.
            return (sum(tally.values()) - tally[ChangeType.WORDING]) * 100_000 + tally[ChangeType.WORDING]
        if col == self.COL_A:
            return passage.a_start
        if col == self.COL_B:
            return passage.b_start
        return row

    def _tooltip(self, col: int, passage: Passage) -> str:
        assert self._a is not None and self._b is not None  # rows exist only after set_alignment
        text_a = escaped_tooltip(collapse_space(self._a.text[passage.a_start : passage.a_end]), "A:")
        text_b = escaped_tooltip(collapse_space(self._b.text[passage.b_start : passage.b_end]), "B:")
        if col == self.COL_A:
            return text_a
        if col == self.COL_B:
            return text_b
        how = escaped_tooltip("Linked by hand (Edit > Unlink Passage removes it)") if passage.manual else ""
        return how + text_a + text_b

    def _changes_tooltip(self, row: int) -> str:
        assert self._a is not None and self._b is not None
        changes = self._changes[row]
        lines = [describe(c, self._a.text, self._b.text) for c in changes if c.type is not ChangeType.WORDING]
        wording = counts(changes)[ChangeType.WORDING]
        if wording:
            lines.append(
                f"{'and ' if lines else ''}{wording} other wording change{'s' if wording != 1 else ''}"
            )
        return escaped_tooltip("\n".join(lines) or "No word changes")

    def _header_tooltip(self, section: int) -> str | None:
        if section == self.COL_NUMBER:
            return "Passage number, in the order of article A"
        if section == self.COL_KIND:
            return "Verbatim: same words · Edited: words changed · Paraphrase: reworded"
        if section == self.COL_SCORE:
            return "How much of the wording the two sides share; 100% only for verbatim text"
        if section == self.COL_CHANGES:
            return (
                "What changed: "
                + " · ".join(
                    f"{t.wording.letter} {t.wording.label.lower()}"
                    for t in ChangeType
                    if t is not ChangeType.WORDING
                )
                + "; the rest is wording"
            )
        article = self._a if section == self.COL_A else self._b
        side = "A (left)" if section == self.COL_A else "B (right)"
        if article is None:
            return f"Excerpt from article {side}"
        return escaped_tooltip(f"{article.title} — {article.outlet}".strip(" —"), f"Excerpt from {side}:")


def changes_text(tally: dict[ChangeType, int]) -> str:
    """The badges as text, as the export words them: "#1 Q2 +3 wording", "4 wording", "none"."""
    typed = [f"{t.wording.letter}{n}" for t, n in tally.items() if n and t is not ChangeType.WORDING]
    wording = tally.get(ChangeType.WORDING, 0)
    if wording:
        typed.append(f"{'+' if typed else ''}{wording} wording")
    return " ".join(typed) or "none"
