"""ElidedLabel: pane titles are elided, never clipped, and whole in the tooltip."""

from __future__ import annotations

import html

from desktop.qt.widgets.legend import ElidedLabel
from tests.qt.helpers import show_widget


def test_pane_titles_elide_and_keep_the_whole_title_in_the_tooltip(qtbot) -> None:
    title = "Meta and Spotify chief executives criticise the European Union's rules on open AI models"
    label = ElidedLabel()
    show_widget(qtbot, label, 240, 30)
    label.set_full_text(title, " — Android Headlines")
    assert label.text() != label.full_text() and label.text().endswith("… — Android Headlines")
    assert html.escape(title) in label.toolTip()  # rich text: escaped, shown literally
    # Narrower than the outlet itself: the whole line is elided, never clipped.
    label.resize(90, 30)
    qtbot.waitUntil(lambda: label.width() == 90)
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert label.text().endswith("…")
