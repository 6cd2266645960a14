"""The focus helpers: which region F6 moves to."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.qt.widgets.focus import next_region, region_of
from tests.qt.helpers import show_widget


def test_next_region_skips_hidden_ones_and_wraps(qtbot) -> None:
    top = QWidget()
    regions = [QLineEdit(top) for _ in range(4)]
    for n, edit in enumerate(regions):
        edit.move(0, 30 * n)
    show_widget(qtbot, top, 200, 150)
    regions[2].hide()
    inner = regions[1]
    assert region_of(regions, inner) == 1 and region_of(regions, top) == -1
    assert next_region(regions, inner) is regions[3]
    assert next_region(regions, regions[3]) is regions[0]
    assert next_region(regions, regions[0], -1) is regions[3]
    assert next_region(regions, None) is regions[0] and next_region(regions, None, -1) is regions[3]
