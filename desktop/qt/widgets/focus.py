"""Keyboard focus: one Tab order through a window's controls, and F6 between its regions.

Qt's default Tab order is the order in which widgets were created, which in a window
built from docks and tabs has little to do with where they sit. :func:`chain_tab_order`
sets the order explicitly; Qt skips the widgets that are hidden or disabled, so one chain
serves every tab and state. :func:`next_region` picks the region F6 moves to, as in
most desktop applications (Shift+F6 goes back).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab moves through ``widgets`` in this order (Shift+Tab in reverse), then round again."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


def reachable(widget: QWidget) -> bool:
    """Whether the focus can be put in ``widget`` now: on screen and enabled."""
    return widget.isVisible() and widget.isEnabled()


def region_of(regions: Sequence[QWidget], focus: QWidget | None) -> int:
    """Index of the region holding ``focus`` (the widget itself or one inside it), or -1."""
    if focus is None:
        return -1
    return next((n for n, r in enumerate(regions) if r is focus or r.isAncestorOf(focus)), -1)


def next_region(regions: Sequence[QWidget], focus: QWidget | None, step: int = 1) -> QWidget | None:
    """The reachable region after (``step`` 1) or before (-1) the one holding ``focus``.

    From outside every region, F6 goes to the first reachable one (Shift+F6 to the last).
    None when no region can take the focus.
    """
    count = len(regions)
    here = region_of(regions, focus)
    start = here if here >= 0 else (-1 if step > 0 else 0)
    for k in range(1, count + 1):
        candidate = regions[(start + step * k) % count]
        if reachable(candidate):
            return candidate
    return None
