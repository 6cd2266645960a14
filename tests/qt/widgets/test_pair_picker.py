"""PairPicker: long labels are elided in the boxes and whole in their tooltips."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QProxyStyle, QStyle

from desktop.engine.load.articles import article_from_text
from desktop.qt.widgets.pair_picker import ElidingComboBox, PairPicker
from tests.qt.helpers import show_widget


class _LabelRecorder(QProxyStyle):
    """Records the text a combo box asks the style to paint as its label."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []

    def drawControl(self, element, option, painter, widget=None) -> None:  # noqa: ANN001
        if element == QStyle.ControlElement.CE_ComboBoxLabel:
            self.labels.append(option.currentText)
        super().drawControl(element, option, painter, widget)


def _painted_label(combo: ElidingComboBox, style: _LabelRecorder) -> str:
    style.labels.clear()
    combo.grab()  # paints the box, as on screen
    assert style.labels, "the combo box painted no label"
    return style.labels[-1]


def test_pair_picker_elides_long_labels_and_tooltips_the_whole(qtbot) -> None:
    title = (
        "Meta and Spotify chief executives criticise the <b>European Union</b>'s rules "
        "on open artificial intelligence models, saying Europe will fall behind"
    )
    articles = [
        article_from_text(f"{title}\n\nBody of the first.", outlet="Android Headlines", article_id="a"),
        article_from_text("Short one\n\nBody of the second.", outlet="Wire", article_id="b"),
    ]
    picker = PairPicker()
    show_widget(qtbot, picker, 640, 40)
    picker.set_articles(articles)
    picker.set_pair("a", "b")
    combo = picker.combo_a
    recorder = _LabelRecorder()
    combo.setStyle(recorder)

    painted = _painted_label(combo, recorder)
    assert painted.endswith("…") and painted.startswith("Android Headlines — Meta")
    assert combo.fontMetrics().horizontalAdvance(painted) < combo.width()
    assert painted == combo.displayed_text()
    # The whole label, title uncut and shown literally, is in the tooltip.
    assert "Android Headlines — " + html.escape(" ".join(title.split())) in combo.toolTip()
    assert "<b>European" not in combo.toolTip()
    assert picker.combo_b.toolTip().endswith("Wire — Short one</p>")

    # With room to spare nothing is cut, and the label never runs past the box.
    picker.resize(1800, 40)
    qtbot.waitUntil(lambda: combo.width() > 800, timeout=2000)
    painted = _painted_label(combo, recorder)
    assert painted == combo.currentText(), "the item text (title capped for the list) is shown whole"
    picker.resize(300, 40)
    qtbot.waitUntil(lambda: combo.width() < 400, timeout=2000)
    painted = _painted_label(combo, recorder)
    assert painted.endswith("…")
    assert combo.fontMetrics().horizontalAdvance(painted) < combo.width()
