"""Choosing the pair shown side by side: article A, article B, and a swap button."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from desktop.engine.bidi import isolate
from desktop.engine.model import Article
from desktop.qt.widgets.buttons import tool_button
from desktop.qt.widgets.labels import article_label, elide, escaped_tooltip

_TITLE_CHARS = 70
_MIN_CHARS = 20  # the narrowest a combo box gets, in characters, before it elides
_FULL_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole "Outlet — Title", never cut


def pair_item_text(article: Article, title_chars: int | None = _TITLE_CHARS) -> str:
    """ "Outlet — Title" (the title alone when it is also the label).

    The title is cut to ``title_chars`` characters so the drop-down list stays a
    sensible width; ``None`` keeps it whole (for tooltips). Each part is bidi-isolated,
    so a right-to-left name or control cannot reorder the other.
    """
    label = article_label(article)
    title = " ".join(article.title.split())
    if title_chars is not None:
        title = elide(title, title_chars)
    return isolate(title) if label == article.title.strip() else f"{isolate(label)} — {isolate(title)}"


def _item(article: Article) -> tuple[str, str, str, str]:
    """A combo box item of ``article``: its id, shown text, whole text and tooltip."""
    full = pair_item_text(article, None)
    return article.id, pair_item_text(article), full, escaped_tooltip(full)


class ElidingComboBox(QComboBox):
    """A non-editable combo box that shows a too-long current item with "…".

    QComboBox clips the current text at the arrow with no sign that anything is
    missing; this one elides it to the width the style gives the label.
    """

    def __init__(
        self, parent: QWidget | None = None, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight
    ) -> None:
        super().__init__(parent)
        self._mode = mode
        self.view().setTextElideMode(mode)  # the drop-down list, when the screen is narrower

    def displayed_text(self) -> str:
        """The current text as painted: elided to fit the label's room."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elided(option)

    def _elided(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        width = field.width() - 2  # the style insets the label by a pixel on each side
        if not option.currentIcon.isNull():
            width -= option.iconSize.width() + 4
        return self.fontMetrics().elidedText(option.currentText, self._mode, max(0, width))

    def paintEvent(self, _event: QPaintEvent) -> None:
        # As QComboBox paints itself, with the label elided.
        painter = QStylePainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class PairPicker(QWidget):
    """Two combo boxes and a swap button; emits ``pair_changed(a_id, b_id)``.

    Choosing for one side the article already on the other side swaps the two, so the
    pair never shows an article against itself.
    """

    pair_changed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo_a = ElidingComboBox(self)
        self.combo_a.setObjectName("pairA")
        self.combo_b = ElidingComboBox(self)
        self.combo_b.setObjectName("pairB")
        for combo, side in ((self.combo_a, "A (left)"), (self.combo_b, "B (right)")):
            # The width comes from the layout, not from the longest title.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(_MIN_CHARS)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.setAccessibleName(f"Article {side}")
        self.swap = tool_button(self, "⇄", "Swap A and B (Ctrl+Shift+X)", "Swap A and B")
        self.swap.setObjectName("swapButton")
        self.swap.setAutoRaise(False)

        label_a = QLabel("&A:", self)
        label_a.setBuddy(self.combo_a)
        label_b = QLabel("&B:", self)
        label_b.setBuddy(self.combo_b)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label_a)
        layout.addWidget(self.combo_a, 1)
        layout.addWidget(self.swap)
        layout.addWidget(label_b)
        layout.addWidget(self.combo_b, 1)

        self._ids: list[str] = []
        self._updating = False
        self._last = ("", "")
        self.combo_a.activated.connect(self._on_combo_a_activated)
        self.combo_b.activated.connect(self._on_combo_b_activated)
        self.combo_a.currentIndexChanged.connect(self._on_combo_a_current_index_changed)
        self.combo_b.currentIndexChanged.connect(self._on_combo_b_current_index_changed)
        self.swap.clicked.connect(self._on_swap_clicked)
        self._show_tooltip(self.combo_a, "A (left)")
        self._show_tooltip(self.combo_b, "B (right)")

    def set_articles(self, articles: Sequence[Article]) -> None:
        """Offer ``articles`` on both sides, keeping the current choice where possible."""
        a, b = self.pair()
        self._ids = [x.id for x in articles]
        self._updating = True
        try:
            items = [_item(x) for x in articles]  # worked out once for both sides
            for combo in (self.combo_a, self.combo_b):
                combo.clear()
                for article_id, text, full, tooltip in items:
                    combo.addItem(text, article_id)
                    combo.setItemData(combo.count() - 1, full, _FULL_ROLE)
                    combo.setItemData(combo.count() - 1, tooltip, Qt.ItemDataRole.ToolTipRole)
        finally:
            self._updating = False
        self.set_pair(a, b)
        self.setEnabled(len(articles) >= 2)

    def set_pair(self, a: str, b: str) -> None:
        """Show ``a`` and ``b`` without emitting ``pair_changed``."""
        self._updating = True
        try:
            self.combo_a.setCurrentIndex(self._ids.index(a) if a in self._ids else -1)
            self.combo_b.setCurrentIndex(self._ids.index(b) if b in self._ids else -1)
        finally:
            self._updating = False
        self._last = self.pair()
        # The index may not have changed while the items under it did (set_articles).
        self._show_tooltip(self.combo_a, "A (left)")
        self._show_tooltip(self.combo_b, "B (right)")

    def pair(self) -> tuple[str, str]:
        return (self.combo_a.currentData() or "", self.combo_b.currentData() or "")

    @Slot(int)
    def _on_combo_a_activated(self, _index: int) -> None:
        self._changed(side="a")

    @Slot(int)
    def _on_combo_b_activated(self, _index: int) -> None:
        self._changed(side="b")

    @Slot(int)
    def _on_combo_a_current_index_changed(self, _index: int) -> None:
        self._show_tooltip(self.combo_a, "A (left)")

    @Slot(int)
    def _on_combo_b_current_index_changed(self, _index: int) -> None:
        self._show_tooltip(self.combo_b, "B (right)")

    def _show_tooltip(self, combo: QComboBox, side: str) -> None:
        """The whole label of the chosen article: the box itself may show it elided."""
        full = combo.currentData(_FULL_ROLE)
        combo.setToolTip(
            escaped_tooltip(f"Article shown as {side}:\n{full}") if full else f"Article shown as {side}"
        )

    @Slot()
    def _on_swap_clicked(self) -> None:
        a, b = self.pair()
        if a and b:
            self.set_pair(b, a)
            self.pair_changed.emit(b, a)

    def _changed(self, side: str) -> None:
        if self._updating:
            return
        a, b = self.pair()
        if a and a == b:
            old_a, old_b = self._last
            # The article moved to one side: the other side gets what it replaced.
            if side == "a":
                b = old_a if old_a != a else old_b
            else:
                a = old_b if old_b != b else old_a
            self.set_pair(a, b)
        self._last = (a, b)
        if a and b and a != b:
            self.pair_changed.emit(a, b)
