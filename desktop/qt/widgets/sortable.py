"""Tree-widget rows that sort on keys of their own, and filling a sorted list at once.

``QTreeWidget`` sorts by calling the items' ``__lt__`` about n·log n times; in Python, every
call that asks Qt for the item's data costs a few microseconds, which made sorting the
families of 500 articles (2,800 rows) a stall of its own. :class:`SortableItem` keeps one
sort key per column as a plain Python tuple, and :func:`fill_sorted` inserts rows already
in the order shown, so Qt's (stable) sort of a list in order takes the fewest comparisons.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


class SortableItem(QTreeWidgetItem):
    """A row sorted by ``keys[column]`` (one comparable key per column)."""

    def __init__(self, texts: Sequence[str], keys: Sequence[Any]) -> None:
        super().__init__(list(texts))
        self.keys: tuple[Any, ...] = tuple(keys)

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else 0
        theirs = getattr(other, "keys", None)
        if theirs is None:
            return super().__lt__(other)
        return self.keys[column] < theirs[column]


def fill_sorted(tree: QTreeWidget, items: list[SortableItem]) -> None:
    """Replace ``tree``'s rows with ``items``, sorted as its header says (sorting stays on)."""
    header = tree.header()
    column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
    tree.setSortingEnabled(False)
    tree.clear()
    if 0 <= column < tree.columnCount():
        # Python's sort is stable as Qt's is: ties keep the order given, as they would there.
        items = sorted(
            items, key=lambda item: item.keys[column], reverse=order == Qt.SortOrder.DescendingOrder
        )
    tree.addTopLevelItems(items)
    tree.setSortingEnabled(True)
