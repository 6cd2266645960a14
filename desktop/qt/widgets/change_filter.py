"""The passage table's typed changes: the badges of its "Changes" column and the filter by type.

:class:`ChangeBadgeDelegate` draws a passage's typed changes as the HTML export does: one
outlined badge per type with its letter and count ("#2"), then the other wording as a
muted count. :class:`PassageFilterProxy` sorts the table and keeps only the passages with
a change of the types asked for; :class:`ChangeFilterBar` is the row of checkable type
toggles above the table that asks ("show only passages with number or quote changes"),
and doubles as the key to the badges' letters and colours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFontMetricsF, QIcon, QPainter, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLayout,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.engine.model import ChangeType
from desktop.qt.widgets.change_style import (
    BADGE_GAP,
    TYPED,
    Badge,
    badge_font,
    badge_width,
    change_colors,
    paint_badge,
)
from desktop.qt.widgets.legend import FlowLayout
from desktop.qt.widgets.passage_model import PassageModel

ModelIndex = QModelIndex | QPersistentModelIndex
_MARGIN = 4.0


def badges_of(tally: Mapping[ChangeType, int]) -> list[Badge]:
    """The badges for a passage's changes counted by type: typed ones only, in view order."""
    return [Badge(t, tally.get(t, 0)) for t in TYPED if tally.get(t, 0)]


def wording_text(tally: Mapping[ChangeType, int]) -> str:
    """What follows the badges: "+3 wording", "3 wording" without badges, "none" without changes."""
    wording = tally.get(ChangeType.WORDING, 0)
    typed = bool(badges_of(tally))
    if wording:
        return f"{'+' if typed else ''}{wording} wording"
    return "" if typed else "none"


class ChangeBadgeDelegate(QStyledItemDelegate):
    """Paints the "Changes" column as badges (the model's :attr:`~PassageModel.COUNTS_ROLE`)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        tally = index.data(PassageModel.COUNTS_ROLE)
        if not isinstance(tally, dict):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        palette: QPalette = opt.palette  # type: ignore[attr-defined]
        rect = QRectF(opt.rect)  # type: ignore[attr-defined]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        colors = change_colors(palette)
        font = badge_font(opt.font)  # type: ignore[attr-defined]
        metrics = QFontMetricsF(font)
        height = min(rect.height() - 2, metrics.height() + 2)
        top = rect.center().y() - height / 2
        x = rect.left() + _MARGIN
        fill = palette.color(QPalette.ColorRole.Base)
        for badge in badges_of(tally):
            width = badge_width(badge, metrics)
            paint_badge(painter, QRectF(x, top, width, height), badge, colors[badge.type], fill, font)
            x += width + BADGE_GAP
        rest = wording_text(tally)
        if rest:
            painter.save()
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
            painter.setPen(palette.color(role))
            painter.setFont(opt.font)  # type: ignore[attr-defined]
            text_rect = QRectF(x, rect.top(), max(0.0, rect.right() - x), rect.height())
            painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), rest)
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        tally = index.data(PassageModel.COUNTS_ROLE)
        if not isinstance(tally, dict):
            return hint
        metrics = QFontMetricsF(badge_font(option.font))  # type: ignore[attr-defined]
        width = 2 * _MARGIN + sum(badge_width(b, metrics) + BADGE_GAP for b in badges_of(tally))
        width += QFontMetricsF(option.font).horizontalAdvance(wording_text(tally))  # type: ignore[attr-defined]
        return QSize(max(hint.width(), int(width) + 2), hint.height())


class PassageFilterProxy(QSortFilterProxyModel):
    """Sorts the passage table, and keeps only passages with a change of the types asked for.

    No types asked for (the default) keeps every passage. A change inside quotation
    marks counts as a quotation change too, whatever its type (``types_of``).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._types: frozenset[ChangeType] = frozenset()

    def types(self) -> frozenset[ChangeType]:
        return self._types

    def set_types(self, types: Iterable[ChangeType]) -> None:
        wanted = frozenset(types)
        if wanted == self._types:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._types = wanted
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._types = wanted
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self._types:
            return True
        model = self.sourceModel()
        have = model.index(source_row, 0, source_parent).data(PassageModel.TYPES_ROLE)
        return bool(have and self._types & have)


def badge_icon(badge: Badge, palette: QPalette, font_source: QWidget) -> QIcon:
    """A type's letter badge as an icon (for the filter toggles and legends)."""
    font = badge_font(font_source.font())
    metrics = QFontMetricsF(font)
    ratio = font_source.devicePixelRatioF()
    width, height = badge_width(badge, metrics) + 1, metrics.height() + 3
    pixmap = QPixmap(int(width * ratio + 0.5), int(height * ratio + 0.5))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    colors = change_colors(palette)
    fill = palette.color(QPalette.ColorRole.Base)
    paint_badge(painter, QRectF(0.5, 0.5, width - 1, height - 1), badge, colors[badge.type], fill, font)
    painter.end()
    return QIcon(pixmap)


class ChangeFilterBar(QWidget):
    """Checkable type toggles: show only the passages with changes of the checked types.

    Each toggle shows the type's badge, its name and how many passages of the pair have
    such a change; with none checked every passage shows.
    """

    types_changed = Signal(object)  # frozenset[ChangeType] now checked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeFilter")
        row = FlowLayout(self, spacing=2)  # wraps onto a second row when the window is narrow
        row.setContentsMargins(0, 2, 0, 2)
        lead = QLabel("Show only passages with:", self)
        row.addWidget(lead)
        self._buttons: dict[ChangeType, QToolButton] = {}
        self._counts: dict[ChangeType, int] = {}
        for t in TYPED:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setObjectName(f"changeFilter_{t.value}")
            button.toggled.connect(self._on_button_toggled)
            self._buttons[t] = button
            row.addWidget(button)
        self._shown = QLabel(self)
        self._shown.setTextFormat(Qt.TextFormat.PlainText)
        self._shown.setContentsMargins(8, 0, 0, 0)
        row.addWidget(self._shown)
        self.set_counts({})
        self._paint_icons()
        # No taller than its rows: a table box with room to spare leaves it to the texts,
        # instead of opening a gap between this bar and a table of two rows.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        layout = self.layout()
        if self.width() > 0 and layout is not None:
            return QSize(hint.width(), layout.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the rows may wrap differently

    def buttons(self) -> dict[ChangeType, QToolButton]:
        return dict(self._buttons)

    def types(self) -> frozenset[ChangeType]:
        """The types checked now (none: every passage shows)."""
        return frozenset(t for t, b in self._buttons.items() if b.isChecked())

    def set_types(self, types: Iterable[ChangeType]) -> None:
        wanted = set(types)
        for t, button in self._buttons.items():
            button.setChecked(t in wanted)

    def set_counts(self, passages: Mapping[ChangeType, int]) -> None:
        """How many passages of the pair have a change of each type (a checked toggle stays
        usable when its type has none, so the filter can be cleared)."""
        self._counts = dict(passages)
        for t, button in self._buttons.items():
            n = self._counts.get(t, 0)
            button.setText(f"{t.wording.label} {n}")
            button.setEnabled(bool(n) or button.isChecked())
            button.setToolTip(
                f"Show only passages with a change of this type: {t.wording.meaning} "
                f"({n} passage{'s' if n != 1 else ''} of this pair)"
            )

    def set_shown(self, shown: int, total: int) -> None:
        """Say how many passages the filter lets through."""
        self._shown.setText(f"{shown} of {total} passages" if self.types() else "")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._paint_icons()

    def _paint_icons(self) -> None:
        for t, button in self._buttons.items():
            button.setIcon(badge_icon(Badge(t), self.palette(), self))

    @Slot(bool)
    def _on_button_toggled(self, _checked: bool) -> None:
        self.set_counts(self._counts)
        self.types_changed.emit(self.types())


def passage_box(filter_bar: ChangeFilterBar, table: QWidget, parent: QWidget) -> QWidget:
    """The passage table with its change filter above it, as one widget to place."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(filter_bar)
    layout.addWidget(table, 1)
    # The box is no taller than the bar and the table's rows (the compare view caps the
    # table's height), so the splitter gives the rest of the window to the texts.
    layout.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)
    return box
