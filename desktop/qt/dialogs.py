"""Small dialogs: pasting a new article, keyboard shortcuts, and About.

Everything an article or user supplies is shown as plain text (``Qt.PlainText`` labels,
plain-text editors); only our own fixed strings use rich text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__ as VERSION
from desktop.engine.load.articles import ArticleError, article_from_text
from desktop.engine.model import Article


class NewArticleDialog(QDialog):
    """Paste an article's text, with optional title and outlet.

    ``article()`` is valid after the dialog was accepted; pressing OK with text that is
    not an article (empty, white space only) keeps the dialog open and says why.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Article")
        self.setMinimumSize(560, 420)
        self._article: Article | None = None

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("Optional: taken from the first line if empty")
        self.title_edit.setToolTip("The article's headline.")
        self.outlet_edit = QLineEdit(self)
        self.outlet_edit.setPlaceholderText("Optional: e.g. Reuters, Le Monde, a blog's name")
        self.outlet_edit.setToolTip("Which outlet published this version.")
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setPlaceholderText("Paste the article's text here (Ctrl+V).")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setToolTip("The article's text, pasted from a web page or document.")
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        title_label = QLabel("&Title:", self)
        title_label.setBuddy(self.title_edit)
        outlet_label = QLabel("&Outlet:", self)
        outlet_label.setBuddy(self.outlet_edit)
        form.addRow(title_label, self.title_edit)
        form.addRow(outlet_label, self.outlet_edit)
        text_label = QLabel("Te&xt:", self)
        text_label.setBuddy(self.text_edit)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Add Article")
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(text_label)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.text_edit.setFocus()

    def article(self) -> Article | None:
        return self._article

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if not self.text_edit.toPlainText().strip():
            self._show_error("Nothing to add yet: paste the article's text above.")
            return
        try:
            self._article = article_from_text(
                self.text_edit.toPlainText(),
                title=self.title_edit.text().strip() or None,
                outlet=self.outlet_edit.text().strip() or None,
            )
        except ArticleError as err:
            self._show_error(f"Cannot add this article: {err.reason}.")
            return
        self.accept()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.text_edit.setFocus()


class ShortcutsDialog(QDialog):
    """A table of every menu command that has a keyboard shortcut."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        rows: list[tuple[str, str]] = []
        for action in actions:
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys and action.text():
                rows.append((action.text().replace("&", "").rstrip("…").rstrip("."), ", ".join(keys)))
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels(["Command", "Shortcut"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, (name, shortcut) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(shortcut))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(520, 560)
        self.table = table


ABOUT_TEXT = f"""<h3>Syndiff {VERSION}</h3>
<p>See how different news outlets word the same story.</p>
<p>Syndiff finds the passages that articles share &mdash; copied verbatim, edited, or
paraphrased, wherever they sit in the text &mdash; shows any two side by side with the
word-level changes highlighted, and maps the whole set: which articles overlap, and how
each quote or claim travels from outlet to outlet.</p>
<p>Colours: <b>verbatim</b> passages are the same words; <b>edited</b> passages are the
same sentence with words changed, added or removed; <b>paraphrases</b> carry the same
content in other words.</p>
<p>Licensed under the MIT licence.</p>"""


def show_about(parent: QWidget | None) -> None:
    """The About box (fixed text of our own, so rich text is safe here)."""
    QMessageBox.about(parent, "About Syndiff", ABOUT_TEXT)
