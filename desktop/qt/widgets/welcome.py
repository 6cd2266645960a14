"""What the compare tab shows before there is a pair: how to get articles in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.paths import seed_files

_TEXT_WIDTH = 560


def samples_description(files: Sequence[Path]) -> str:
    """Say how many sample articles there are and where they live, nothing about their topic.

    The samples are examples only; the window must not depend on what they are about.
    """
    if not files:
        return "No sample articles are installed"
    folder = files[0].parent
    noun = "article" if len(files) == 1 else "articles"
    return f"{len(files)} sample {noun} from {folder.name}/"


class WelcomePage(QWidget):
    """Short instructions and buttons for the three ways to add articles."""

    open_requested = Signal()
    paste_requested = Signal()
    samples_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setFixedWidth(_TEXT_WIDTH)

        open_button = QPushButton("&Open Articles…", self)
        open_button.setToolTip("Open .txt, .md or .html files (Ctrl+O)")
        open_button.clicked.connect(self.open_requested)
        paste_button = QPushButton("&Paste an Article…", self)
        paste_button.setToolTip("Paste an article's text (Ctrl+N)")
        paste_button.clicked.connect(self.paste_requested)
        self.samples_button = QPushButton("Open &Sample Articles", self)
        self.samples_button.setToolTip(samples_description(seed_files()))
        self.samples_button.clicked.connect(self.samples_requested)
        self.samples_button.setVisible(bool(seed_files()))

        self.buttons = (open_button, paste_button, self.samples_button)  # in the focus chain's order
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in self.buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(3)
        self.set_article_count(0)

    def set_article_count(self, count: int) -> None:
        """Adjust the message to how many articles are open (the pair needs two)."""
        if count == 0:
            self.heading.setText("Compare how outlets word the same story")
            self.text.setText(
                "Open two or more versions of a news story — saved web pages, text or Markdown files — "
                "or drop them onto this window. Syndiff finds the passages they share, whether copied, "
                "edited or paraphrased, and shows any two side by side."
            )
        elif count == 1:
            self.heading.setText("One article is open")
            self.text.setText(
                "Add at least one more article to compare it with: open a file, drop one here, "
                "or paste the text of another version."
            )
        else:
            self.heading.setText(f"{count} articles are open")
            self.text.setText(
                "Choose the two to compare in the pair picker, or in the article list: "
                "right-click an article to show it on the left or the right."
            )
        # A word-wrapped label in a centred layout slot does not get its height for
        # its width on its own: set it, or the text is clipped.
        self.text.setMinimumHeight(self.text.heightForWidth(_TEXT_WIDTH))
