"""The find bar under the side-by-side view (Ctrl+F).

Enter finds the next match, Shift+Enter the previous one, Escape closes the bar and
gives the focus back to the text it was opened from.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop.qt.widgets.buttons import tool_button
from desktop.qt.widgets.text_search import FindResult


class FindBar(QWidget):
    """A search field with previous/next/close buttons and a note: "3 of 12", "Not found"."""

    find_requested = Signal(str, bool)  # text, backwards
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("Find in the focused article")
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip("Enter: next match · Shift+Enter: previous match · Escape: close")
        self.edit.setAccessibleName("Find text")
        self.edit.installEventFilter(self)
        self.previous = tool_button(self, "▲", "Previous match (Shift+Enter, Shift+F3)", "Previous match")
        self.next = tool_button(self, "▼", "Next match (Enter, F3)", "Next match")
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = tool_button(self, "✕", "Close the find bar (Escape)", "Close find bar")
        label = QLabel("&Find:", self)
        label.setBuddy(self.edit)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.status)
        layout.addWidget(self.close_button)

        self.next.clicked.connect(self._on_next_clicked)
        self.previous.clicked.connect(self._on_previous_clicked)
        self.close_button.clicked.connect(self.close_bar)
        self.edit.textChanged.connect(self._on_edit_text_changed)

    def open_bar(self) -> None:
        """Show the bar and focus the field, selecting what was searched last."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self.status.clear()
        self.closed.emit()

    def show_result(self, result: FindResult) -> None:
        """Say which match is selected of how many ("3 of 12"), that the search went round
        the end of the text, or that there is none."""
        self.status.setText(result.describe())

    def request(self, backwards: bool) -> None:
        text = self.edit.text()
        if text:
            self.find_requested.emit(text, backwards)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()  # Escape closes the bar, even when the window also binds it
            return True
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key_event = event
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.request(bool(key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return True
            if key_event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def _on_next_clicked(self) -> None:
        self.request(False)

    @Slot()
    def _on_previous_clicked(self) -> None:
        self.request(True)

    @Slot(str)
    def _on_edit_text_changed(self, _text: str) -> None:
        self.status.clear()
