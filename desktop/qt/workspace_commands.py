"""File > New, Open, Save and Save As Workspace; recent workspaces; the set reopened on launch.

Every failure ends in a message box that names the file and the reason, never a
traceback. A workspace whose source files changed since it was saved asks whether to
read them again or keep the saved texts. Closing or replacing a workspace with unsaved
changes asks first (:meth:`WorkspaceCommands.maybe_save`).

On launch (:meth:`WorkspaceCommands.start`) the window opens what it was given on the
command line; else, when "Reopen Last Workspace on Launch" is on, the set open when it
last closed (its workspace file, or its article files when it was never saved); the
sample articles only on the very first launch.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from desktop.engine.align.corrections import stale_corrections
from desktop.engine.workspace import (
    SUFFIX,
    SourceChange,
    Workspace,
    WorkspaceError,
    changed_sources,
    is_workspace_path,
    open_workspace,
    reload_changed,
    save_workspace,
)
from desktop.paths import seed_files
from desktop.qt.correction_commands import CorrectionCommands
from desktop.qt.file_commands import FileCommands
from desktop.qt.session import Session
from desktop.qt.stored_values import stored_bool
from desktop.qt.workspace_document import WorkspaceDocument

MAX_RECENT = 10
WORKSPACE_FILTER = f"Syndiff workspaces (*{SUFFIX});;All files (*)"
RECENT_KEY = "recent/workspaces"
REOPEN_KEY = "session/reopen_last"
LAST_WORKSPACE_KEY = "session/last_workspace"
LAST_FILES_KEY = "session/last_files"
LAUNCHED_KEY = "session/launched"
_DIR_KEY = "paths/workspace_dir"
_CHANGES_LISTED = 8


def _strings(value: object) -> list[str]:
    """A list of strings read back from QSettings (an INI file gives a lone string for one)."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return []


class Answer(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class WorkspaceCommands(QObject):
    """The workspace commands of the File menu, on a session and its document."""

    recent_changed = Signal()

    def __init__(
        self,
        window: QWidget,
        session: Session,
        document: WorkspaceDocument,
        corrections: CorrectionCommands,
        files: FileCommands,
        store: QSettings,
        status: QStatusBar,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._document = document
        self._corrections = corrections
        self._files = files
        self._store = store
        self._status = status

    # ---------------------------------------------------------------- questions (tests replace these)

    def ask_save(self) -> Answer:
        """Ask whether to save the unsaved changes first."""
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to the workspace “{self._document.name()}”?")
        box.setInformativeText("Outlet names and corrections that are not saved are lost.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        clicked = box.exec()
        box.deleteLater()
        if clicked == QMessageBox.StandardButton.Save:
            return Answer.SAVE
        if clicked == QMessageBox.StandardButton.Discard:
            return Answer.DISCARD
        return Answer.CANCEL

    def ask_reload(self, changes: Sequence[SourceChange]) -> bool:
        """Ask whether to read the changed source files again (True) or keep the saved texts."""
        lines = [f"• {c.describe()}" for c in changes[:_CHANGES_LISTED]]
        if len(changes) > _CHANGES_LISTED:
            lines.append(f"… and {len(changes) - _CHANGES_LISTED} more.")
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Source files changed")
        box.setText("Some articles' files changed since the workspace was saved.")
        box.setInformativeText(
            "\n".join(lines) + "\n\nReload reads the changed files again (outlet names and corrections "
            "are kept; a missing file keeps its saved text). Keep uses the texts saved in the workspace."
        )
        reload = box.addButton("&Reload", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Keep Saved Texts", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload)
        box.exec()
        answer = box.clickedButton() is reload
        box.deleteLater()
        return answer

    def _warn(self, title: str, detail: str) -> None:
        # A fixed first line keeps a file name that looks like markup literal.
        QMessageBox.warning(self._window, title, f"{title}.\n\n{detail}")

    # ---------------------------------------------------------------- commands

    def maybe_save(self) -> bool:
        """Before the workspace is closed or replaced: True when it may go."""
        if not self._document.is_modified():
            return True
        answer = self.ask_save()
        if answer is Answer.SAVE:
            return self.save()
        return answer is Answer.DISCARD

    @Slot()
    def new_workspace(self) -> bool:
        """An empty, untitled workspace (asks to save the current one first)."""
        if not self.maybe_save():
            return False
        self._corrections.clear()
        self._document.adopt(Workspace((), self._session.settings()), None)
        return True

    @Slot()
    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self._window, "Open Workspace", self._dialog_dir(), WORKSPACE_FILTER
        )
        if chosen:
            self.open_path(chosen, asked=True)

    def open_path(self, path: str | Path, *, asked: bool = False) -> bool:
        """Open the workspace at ``path`` (after asking to save the current one, unless ``asked``)."""
        if not asked and not self.maybe_save():
            return False
        target = Path(path).absolute()
        try:
            workspace = open_workspace(target)
        except WorkspaceError as err:
            self._warn("The workspace could not be opened", str(err))
            return False
        modified = False
        changes = changed_sources(workspace)
        if changes and self.ask_reload(changes):
            workspace, errors = reload_changed(workspace, changes)
            modified = True
            if errors:
                self._warn("Some files could not be read again", "\n".join(f"• {e}" for e in errors))
        self._corrections.clear()
        self._document.adopt(workspace, target, modified=modified)
        self._store.setValue(_DIR_KEY, str(target.parent))
        self.remember_recent(target)
        stale = stale_corrections(workspace.corrections, workspace.articles)
        note = f"; {len(stale)} corrections no longer match the text" if stale else ""
        self._status.showMessage(f"Opened {target.name}: {len(workspace.articles)} articles{note}.", 8000)
        return True

    @Slot()
    def save(self) -> bool:
        path = self._document.path()
        return self.save_as() if path is None else self._save_to(path)

    @Slot()
    def save_as(self) -> bool:
        start = self._document.path() or Path(self._dialog_dir()) / f"{self._document.name()}{SUFFIX}"
        chosen, _ = QFileDialog.getSaveFileName(
            self._window, "Save Workspace As", str(start), WORKSPACE_FILTER
        )
        if not chosen:
            return False
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
        return self._save_to(path.absolute())

    def _save_to(self, path: Path) -> bool:
        try:
            save_workspace(path, self._document.snapshot())
        except WorkspaceError as err:
            self._warn("The workspace was not saved", str(err))
            return False
        self._document.saved_as(path)
        self._store.setValue(_DIR_KEY, str(path.parent))
        self.remember_recent(path)
        self._status.showMessage(f"Saved {path}", 8000)
        return True

    def _dialog_dir(self) -> str:
        value = self._store.value(_DIR_KEY)
        if isinstance(value, str) and Path(value).is_dir():
            return value
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    # ---------------------------------------------------------------- recent workspaces

    def recent_workspaces(self) -> list[str]:
        return _strings(self._store.value(RECENT_KEY))[:MAX_RECENT]

    def remember_recent(self, path: Path) -> None:
        full = str(path.resolve())
        recent = [p for p in self.recent_workspaces() if p != full]
        self._store.setValue(RECENT_KEY, [full, *recent][:MAX_RECENT])
        self.recent_changed.emit()

    def open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self._warn("The workspace could not be opened", f"{Path(path).name}: file not found")
            self._store.setValue(RECENT_KEY, [p for p in self.recent_workspaces() if p != path])
            self.recent_changed.emit()
            return
        self.open_path(path)

    @Slot()
    def clear_recent(self) -> None:
        self._store.setValue(RECENT_KEY, [])
        self.recent_changed.emit()

    # ---------------------------------------------------------------- launch and close

    def reopen_last(self) -> bool:
        """The "Reopen Last Workspace on Launch" setting (on unless turned off)."""
        return stored_bool(self._store.value(REOPEN_KEY), True)

    def set_reopen_last(self, on: bool) -> None:
        self._store.setValue(REOPEN_KEY, bool(on))

    def remember_last(self) -> None:
        """On close: what to reopen next time (the workspace file, else the article files)."""
        path = self._document.path()
        self._store.setValue(LAST_WORKSPACE_KEY, str(path) if path else "")
        files = [a.path for a in self._session.articles() if a.path] if path is None else []
        self._store.setValue(LAST_FILES_KEY, files)

    def start(self, paths: Sequence[str]) -> None:
        """What the window opens on launch (see the module)."""
        first_launch = not stored_bool(self._store.value(LAUNCHED_KEY), False)
        self._store.setValue(LAUNCHED_KEY, True)
        if paths:
            if len(paths) == 1 and is_workspace_path(paths[0]):
                self.open_path(paths[0])
            else:
                self._files.open_paths(paths)
            return
        if self.reopen_last():
            last = self._store.value(LAST_WORKSPACE_KEY)
            if isinstance(last, str) and last and Path(last).exists():
                self.open_path(last)
                return
            files = [p for p in _strings(self._store.value(LAST_FILES_KEY)) if Path(p).exists()]
            if files:
                self._files.open_paths(files)
                return
        if first_launch:
            samples = seed_files()
            if samples:
                self._files.open_paths([str(p) for p in samples])
