"""Keeping the selected passage in view when the article panes rewrap their text.

A resize, a font change or a wrap-mode change moves every line: the scroll position,
kept as a line number, then points at other text, and the selected passage may leave
the view while the status bar still says "Passage 2 of 2". :class:`SelectionKeeper`
reads where the selected passage sits just before a pane rewraps and, once the panes
have settled, scrolls it back to the same height, lining the other pane up with it as
selecting it does. A passage the reader had scrolled away from is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot

from desktop.qt.widgets.textpane import TextPane

Span = tuple[int, int]
Selection = Callable[[], tuple[str, dict[str, Span]] | None]
"""The selected passage now: the side that leads (the active pane) and its span per side."""

MAX_FRACTION = 0.8  # a passage put back lower than this would hug the bottom edge


class SelectionKeeper(QObject):
    """Puts the selected passage back where it was after ``panes`` rewrap.

    ``selection`` tells which passage is selected; ``line_up(side)`` scrolls the other
    pane so the passage's counterpart sits beside it in pane ``side``.
    """

    def __init__(
        self,
        panes: dict[str, TextPane],
        selection: Selection,
        line_up: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._panes = panes
        self._selection = selection
        self._line_up = line_up
        self._pin: tuple[str, Span, float] | None = None  # side, span, height in the view (0..1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)
        for pane in panes.values():
            pane.layout_changing.connect(self._on_pane_layout_changing)
            pane.layout_changed.connect(self._on_pane_layout_changed)

    def pinned(self) -> tuple[str, Span, float] | None:
        """Where the passage will be put back (side, span, height), while a rewrap is under way."""
        return self._pin

    @Slot()
    def _on_pane_layout_changing(self) -> None:
        if self._timer.isActive():
            return  # already read before this round of rewrapping
        self._pin = None
        selected = self._selection()
        if selected is not None:
            lead, spans = selected
            for side in (lead, *(s for s in self._panes if s != lead)):
                pane = self._panes[side]
                top, bottom = pane.span_y(*spans[side])
                height = pane.viewport().height()
                if height > 0 and bottom > 0 and top < height:
                    self._pin = (side, spans[side], min(max(top / height, 0.0), MAX_FRACTION))
                    break
        self._timer.start()

    @Slot()
    def _on_pane_layout_changed(self) -> None:
        if self._pin is not None:
            self._timer.start()  # after the last rewrap of this round

    @Slot()
    def _on_timer_timeout(self) -> None:
        pin, self._pin = self._pin, None
        selected = self._selection()
        if pin is None or selected is None:
            return
        side, span, fraction = pin
        if selected[1].get(side) != span:
            return  # another passage was selected meanwhile
        pane = self._panes[side]
        pane.scroll_index_to(span[0], fraction * pane.viewport().height())
        self._line_up(side)
