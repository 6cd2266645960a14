"""A table header that keeps short columns narrow while the table is sortable."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import QHeaderView, QStyle, QWidget


class CompactHeaderView(QHeaderView):
    """A header whose sections fitted to their contents keep room for the sort arrow only
    while they show it.

    Qt reserves the arrow's width in every section of a sortable header, which makes short
    columns such as "Words" half empty and takes that width from the title.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setHighlightSections(True)  # as the header QTableView makes for itself
        self.sortIndicatorChanged.connect(self._on_self_sort_indicator_changed)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        if self.isSortIndicatorShown() and logicalIndex != self.sortIndicatorSection():
            margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
            size.setWidth(max(0, size.width() - size.height() - margin))
        return size

    @Slot(int, Qt.SortOrder)
    def _on_self_sort_indicator_changed(self, _section: int, _order: Qt.SortOrder) -> None:
        # Setting a resize mode again makes the header refit its sections, arrow included.
        for section in range(self.count()):
            mode = self.sectionResizeMode(section)
            if mode == QHeaderView.ResizeMode.ResizeToContents:
                self.setSectionResizeMode(section, mode)
