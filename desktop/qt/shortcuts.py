"""How a command's keys are bound and shown, and the one command that needs no target: Copy.

Kept apart from :mod:`desktop.qt.actions`, which makes the window's actions with these.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

Keys = Sequence[str | QKeySequence.StandardKey]


def bind_keys(action: QAction, keys: Keys, tip: str) -> None:
    """Give ``action`` its shortcuts, and a tooltip and status tip naming the first one."""
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            # Only the platform's primary binding: the others include surprises
            # such as Ctrl+D for Delete, and text fields handle the rest themselves.
            bindings = QKeySequence.keyBindings(key)
            sequences.extend(bindings[:1])
        else:
            sequences.append(QKeySequence(key))
    unique = list(dict.fromkeys(sequences))
    action.setShortcuts(unique)
    shown = unique[0].toString(QKeySequence.SequenceFormat.NativeText) if unique else ""
    action.setToolTip(f"{tip} ({shown})" if shown else tip)
    action.setStatusTip(tip)


def copy_focused() -> None:
    """Copy the selected text of the focused text field, or the selected rows of a list
    (tab-separated cells, a line per row)."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QPlainTextEdit | QTextEdit | QLineEdit):
        widget.copy()
    elif isinstance(widget, QAbstractItemView) and widget.selectionModel() is not None:
        model = widget.model()
        rows = sorted({i.row() for i in widget.selectionModel().selectedIndexes()})
        lines = [
            "\t".join(str(model.index(r, c).data() or "") for c in range(model.columnCount())) for r in rows
        ]
        if lines:
            QApplication.clipboard().setText("\n".join(lines))
