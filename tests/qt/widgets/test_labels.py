"""Untrusted names and text in tooltips are shown literally, never as markup."""

from __future__ import annotations

from desktop.qt.widgets.labels import escaped_tooltip
from tests.qt.helpers import shown_tooltip


def test_escaped_tooltip_shows_the_text_literally() -> None:
    assert shown_tooltip(escaped_tooltip("<i>x</i>\nline two")) == "<i>x</i>\nline two"
    assert shown_tooltip(escaped_tooltip("a < b", "Label:")) == "Label: a < b"
    assert escaped_tooltip("") == ""
