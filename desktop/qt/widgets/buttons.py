"""Small tool buttons set up the same way wherever they appear.

A glyph such as "▲" or "⇄" says nothing to a screen reader, so every tool button gets
an accessible name and a tooltip (with its shortcut) along with its glyph.
"""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget


def tool_button(parent: QWidget, glyph: str, tooltip: str, accessible_name: str) -> QToolButton:
    """A QToolButton showing ``glyph``, with a tooltip and an accessible name."""
    button = QToolButton(parent)
    button.setText(glyph)
    button.setToolTip(tooltip)
    button.setAccessibleName(accessible_name)
    return button
