"""The typed-change colours are the HTML export's, in light and dark palettes."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette

from desktop.engine.export import css
from desktop.engine.model import ChangeType
from desktop.qt.widgets.change_style import CHANGE_HUES, TYPED, Badge, change_colors


@pytest.mark.parametrize(("sheet", "pick"), [(css._LIGHT, 0), (css._DARK, 1)])
def test_the_hues_are_the_exports(sheet: str, pick: int) -> None:
    exported = dict(re.findall(r"--chg-(\w+):\s*(#[0-9a-fA-F]{6})", sheet))
    assert {t.value: hues[pick] for t, hues in CHANGE_HUES.items()} == exported


def test_every_type_but_wording_has_a_colour_and_a_badge() -> None:
    assert ChangeType.WORDING not in TYPED and set(TYPED) | {ChangeType.WORDING} == set(ChangeType)
    dark = QPalette(QColor("#202020"))
    light = QPalette(QColor("#f0f0f0"))
    assert change_colors(dark)[ChangeType.NUMBER] == QColor(CHANGE_HUES[ChangeType.NUMBER][1])
    assert change_colors(light)[ChangeType.NUMBER] == QColor(CHANGE_HUES[ChangeType.NUMBER][0])
    assert Badge(ChangeType.NUMBER, 2).text == "#2" and Badge(ChangeType.NEGATION).text == "¬"
