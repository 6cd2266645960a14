"""What the status bar says about the alignment: progress, a Cancel button and the outcome.

:class:`AlignmentStatus` follows the session's alignment signals and keeps the status bar
truthful: "Aligning…" with a progress bar and a Cancel button while a job is waiting or
running, what was found once it is done, and that it was cancelled or failed otherwise.
It clears a message of its own that no longer holds (the articles were all closed).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop.engine.model import CorpusAlignment
from desktop.qt.session import Session

ALIGNING = "Aligning…"
CANCELLED = "Alignment cancelled: the passages shown are not up to date. Realign with F5."
CANCELLED_NOTHING = "Alignment cancelled. Realign with F5 to find the shared passages."
DONE_MS = 8000


class AlignmentStatus(QObject):
    """The progress bar and Cancel button in ``status``, and the alignment's messages."""

    def __init__(self, session: Session, status: QStatusBar, window: QWidget) -> None:
        super().__init__(window)
        self._session = session
        self._status = status
        self._window = window
        self._own = ""  # the last message this object showed
        self.progress = QProgressBar(window)
        self.progress.setObjectName("alignProgress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(180)
        self.progress.setFormat("Aligning %p%")
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", window)
        self.cancel_button.setObjectName("cancelAlignment")
        self.cancel_button.setToolTip("Stop aligning (Esc)")
        self.cancel_button.setAccessibleName("Cancel the alignment")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)

        session.alignment_requested.connect(self._on_session_alignment_requested)
        session.alignment_finished.connect(self._on_session_alignment_finished)
        session.alignment_cancelled.connect(self._on_session_alignment_cancelled)
        session.alignment_cleared.connect(self._on_session_alignment_cleared)
        session.alignment_failed.connect(self._on_session_alignment_failed)
        session.alignment_progressed.connect(self._on_session_alignment_progressed)
        session.alignment_phase_changed.connect(self._on_session_alignment_phase_changed)
        session.busy_changed.connect(self._on_session_busy_changed)

    def _show(self, text: str, timeout_ms: int = 0) -> None:
        self._own = text
        self._status.showMessage(text, timeout_ms)

    def _reset_progress(self) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setToolTip("")

    # ---------------------------------------------------------------- slots

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self._session.cancel_alignment()

    @Slot()
    def _on_session_alignment_requested(self) -> None:
        self._show(ALIGNING)

    @Slot(int, object)
    def _on_session_alignment_finished(self, _generation: int, alignment: CorpusAlignment) -> None:
        pairs = sum(1 for p in alignment.pairs if p.passages)
        self._show(
            f"Aligned {len(alignment.articles)} articles: {pairs} pairs share passages, "
            f"{len(alignment.families)} passage families.",
            DONE_MS,
        )

    @Slot()
    def _on_session_alignment_cancelled(self) -> None:
        self._show(CANCELLED if self._session.alignment() is not None else CANCELLED_NOTHING)

    @Slot()
    def _on_session_alignment_cleared(self) -> None:
        # Nothing is open: no message about an alignment holds any more.
        if self._status.currentMessage() == self._own:
            self._status.clearMessage()
        self._own = ""

    @Slot(str)
    def _on_session_alignment_failed(self, message: str) -> None:
        self._show("Alignment failed.", DONE_MS)
        QMessageBox.warning(
            self._window, "Alignment failed", f"The articles could not be aligned.\n\n{message}"
        )

    @Slot(float)
    def _on_session_alignment_progressed(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    @Slot(str)
    def _on_session_alignment_phase_changed(self, phase: str) -> None:
        if phase:
            # A step without fractions (loading the model): a moving bar and words.
            self.progress.setRange(0, 0)
            self.progress.setToolTip(phase)
            self._show(phase)
        else:
            self._reset_progress()
            self._show(ALIGNING)

    @Slot(bool)
    def _on_session_busy_changed(self, busy: bool) -> None:
        self._reset_progress()
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
