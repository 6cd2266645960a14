"""The workspace and correction commands as QActions, added to the window's menus.

File gets New, Open, Open Recent, Save and Save As Workspace and the "Reopen Last
Workspace on Launch" switch; Edit gets Undo and Redo and the corrections: Link
Selected Text, Unlink Passage and Adjust Passage to Selection (also at the top of each
compare pane's context menu). Like every other command, each has a shortcut and a
tooltip that names it, and joins the list in Help > Keyboard Shortcuts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStatusBar

from desktop.qt.correction_commands import CorrectionCommands
from desktop.qt.session import Session
from desktop.qt.widgets.compare import CompareView
from desktop.qt.widgets.labels import escaped_tooltip
from desktop.qt.workspace_commands import WorkspaceCommands

Keys = Sequence[str | QKeySequence.StandardKey]


class WorkspaceActions(QObject):
    """Creates the workspace and correction actions and puts them in the File and Edit menus.

    ``registry`` is the list every window action is collected in (for the shortcuts list).
    """

    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        workspaces: WorkspaceCommands,
        corrections: CorrectionCommands,
        compare: CompareView,
        status: QStatusBar,
        registry: list[QAction],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._workspaces = workspaces
        self._corrections = corrections
        self._compare = compare
        self._status = status
        self._registry = registry
        self._make_file_actions()
        self._make_edit_actions()
        compare.pane_a().add_context_actions(self.correction_actions())
        compare.pane_b().add_context_actions(self.correction_actions())
        session.pair_changed.connect(self._on_session_pair_changed)
        compare.passage_selected.connect(self._on_compare_passage_selected)
        self.update_enabled()

    def _make_file_actions(self) -> None:
        ws = self._workspaces
        self.new_workspace = self._make(
            "New &Workspace", ws.new_workspace, ["Ctrl+Shift+N"], "Start an empty workspace"
        )
        self.open_workspace = self._make(
            "Open Wor&kspace…", ws.open_dialog, ["Ctrl+Alt+O"], "Open a saved workspace (.syndiff)"
        )
        self.save_workspace = self._make(
            "&Save Workspace",
            ws.save,
            [QKeySequence.StandardKey.Save, "Ctrl+S"],
            "Save the articles, outlet names, settings and corrections",
        )
        self.save_workspace_as = self._make(
            "Save Workspace &As…",
            ws.save_as,
            [QKeySequence.StandardKey.SaveAs, "Ctrl+Shift+S"],
            "Save the workspace under a new name",
        )
        self.reopen_last = self._make(
            "Reopen Last Workspace on &Launch",
            ws.set_reopen_last,
            [],
            "On launch, open the set that was open when Syndiff last closed",
            checkable=True,
        )
        self._registry.remove(self.reopen_last)  # a setting, not a command: no shortcut
        self.reopen_last.setChecked(ws.reopen_last())

    def _make_edit_actions(self) -> None:
        stack = self._corrections.stack
        self.undo = stack.createUndoAction(self._window, "&Undo")
        self._decorate(self.undo, [QKeySequence.StandardKey.Undo, "Ctrl+Z"], "Undo the last correction")
        self.redo = stack.createRedoAction(self._window, "&Redo")
        self._decorate(
            self.redo, [QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z"], "Redo the undone correction"
        )
        for action in (self.undo, self.redo):
            self._window.addAction(action)
        self.link = self._make(
            "&Link Selected Text",
            self._link,
            ["Ctrl+K"],
            "Link the text selected in A with the text selected in B as a shared passage",
        )
        self.unlink = self._make(
            "U&nlink Passage", self._unlink, ["Ctrl+Shift+K"], "Remove the selected passage's link"
        )
        self.adjust = self._make(
            "Ad&just Passage to Selection",
            self._adjust,
            ["Ctrl+J"],
            "Move the selected passage's ends to the text selected in A and/or B",
        )

    def correction_actions(self) -> list[QAction]:
        return [self.link, self.unlink, self.adjust]

    def add_to_menus(self, file_menu: QMenu, edit_menu: QMenu) -> None:
        """File: the workspace commands first; Edit: Undo and Redo first, corrections last."""
        first = file_menu.actions()[0]  # both menus are built before these are added
        file_menu.insertActions(first, [self.new_workspace, self.open_workspace])
        self.recent_menu = QMenu("Open Recent W&orkspace", file_menu)
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        file_menu.insertMenu(first, self.recent_menu)
        file_menu.insertActions(first, [self.save_workspace, self.save_workspace_as, self.reopen_last])
        file_menu.insertSeparator(first)
        top = edit_menu.actions()[0]
        edit_menu.insertActions(top, [self.undo, self.redo])
        edit_menu.insertSeparator(top)
        edit_menu.addSeparator()
        edit_menu.addActions(self.correction_actions())

    # ---------------------------------------------------------------- construction

    def _make(
        self, text: str, slot: Callable[..., object], keys: Keys, tip: str, *, checkable: bool = False
    ) -> QAction:
        action = QAction(text, self._window)
        action.setCheckable(checkable)
        self._decorate(action, keys, tip)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)
        return action

    def _decorate(self, action: QAction, keys: Keys, tip: str) -> None:
        sequences: list[QKeySequence] = []
        for key in keys:
            if isinstance(key, QKeySequence.StandardKey):
                sequences.extend(QKeySequence.keyBindings(key)[:1])
            else:
                sequences.append(QKeySequence(key))
        unique = list(dict.fromkeys(s for s in sequences if not s.isEmpty()))
        action.setShortcuts(unique)
        shown = unique[0].toString(QKeySequence.SequenceFormat.NativeText) if unique else ""
        action.setToolTip(f"{tip} ({shown})" if shown else tip)
        action.setStatusTip(tip)
        self._registry.append(action)

    def update_enabled(self) -> None:
        has_pair = self._session.pair() is not None
        selected = self._compare.current_passage() >= 0
        self.link.setEnabled(has_pair)
        self.unlink.setEnabled(has_pair and selected)
        self.adjust.setEnabled(has_pair and selected)

    # ---------------------------------------------------------------- corrections

    def _report(self, problem: str, done: str) -> None:
        self._status.showMessage(problem or done, 8000)

    def _link(self) -> None:
        a_span, b_span = self._compare.selection("a"), self._compare.selection("b")
        problem = self._corrections.link(a_span, b_span)
        if not problem and a_span and b_span:
            self._clear_selections()
            index = self._corrections.passage_index(a_span, b_span)
            if index >= 0:
                self._compare.select_passage(index)
        self._report(problem, "Linked the selected text as a passage (Ctrl+Z undoes it).")

    def _clear_selections(self) -> None:
        """Drop the text selections that made a correction, so the new passage's tint shows."""
        for pane in (self._compare.pane_a(), self._compare.pane_b()):
            cursor = pane.textCursor()
            cursor.clearSelection()
            pane.setTextCursor(cursor)

    def _unlink(self) -> None:
        problem = self._corrections.unlink(self._compare.current_passage())
        self._report(problem, "Unlinked the passage (Ctrl+Z undoes it).")

    def _adjust(self) -> None:
        index = self._compare.current_passage()
        a_span, b_span = self._compare.selection("a"), self._compare.selection("b")
        problem = self._corrections.adjust(index, a_span, b_span)
        if not problem:
            self._clear_selections()
            alignment = self._session.pair_alignment()
            if alignment is not None and alignment.passages:
                old = index if index < len(alignment.passages) else -1
                new_a = a_span or (alignment.passages[old].a_span if old >= 0 else None)
                new_b = b_span or (alignment.passages[old].b_span if old >= 0 else None)
                found = self._corrections.passage_index(new_a, new_b) if new_a and new_b else -1
                if found >= 0:
                    self._compare.select_passage(found)
        self._report(problem, "Moved the passage's ends (Ctrl+Z undoes it).")

    # ---------------------------------------------------------------- slots

    @Slot(object)
    def _on_session_pair_changed(self, _pair: object) -> None:
        self.update_enabled()

    @Slot(int)
    def _on_compare_passage_selected(self, _index: int) -> None:
        self.update_enabled()

    @Slot()
    def _on_recent_menu_about_to_show(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self._workspaces.recent_workspaces()
        for n, path in enumerate(recent, start=1):
            label = (Path(path).name or path).replace("&", "&&")
            action = menu.addAction(f"&{n} {label}" if n < 10 else label)
            action.setToolTip(escaped_tooltip(path))
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self._workspaces.open_recent(p))
        if not recent:
            empty = menu.addAction("No recent workspaces")
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear Menu")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self._workspaces.clear_recent)
