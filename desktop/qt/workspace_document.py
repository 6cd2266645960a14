"""The session as a document: the workspace file it belongs to and whether it has unsaved changes.

:class:`WorkspaceDocument` watches the session and keeps what a workspace file needs
besides it: the file's path (None while untitled), the articles' origins (file, SHA-256,
load time) and the *modified* flag behind the window title's mark and the question on
close. What counts as a change:

- always: an outlet renamed, a correction made or undone, a pasted article (its text
  exists nowhere else);
- in a saved workspace also: articles opened or closed, settings changed.

An untitled set of files with nothing renamed or corrected is not "modified": there is
nothing in it that the files and the app's own settings do not keep.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from desktop.engine.workspace import Origin, Workspace, origin_of
from desktop.qt.session import Session

UNTITLED = "Untitled"


class WorkspaceDocument(QObject):
    """The session's workspace file and unsaved-changes state."""

    state_changed = Signal()  # the path or the modified flag changed

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._path: Path | None = None
        self._modified = False
        self._origins: dict[str, Origin] = {}
        self._known: set[str] = set()  # ids of the open articles, as last seen
        self._adopting = False
        session.articles_changed.connect(self._on_session_articles_changed)
        session.article_relabelled.connect(self._on_session_article_relabelled)
        session.settings_changed.connect(self._on_session_settings_changed)
        session.corrections_changed.connect(self._on_session_corrections_changed)

    # ---------------------------------------------------------------- state

    def path(self) -> Path | None:
        return self._path

    def name(self) -> str:
        """The workspace's name for the title bar: its file name without ``.syndiff``."""
        return self._path.stem if self._path is not None else UNTITLED

    def is_modified(self) -> bool:
        return self._modified

    def set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.state_changed.emit()

    def origins(self) -> dict[str, Origin]:
        return dict(self._origins)

    def snapshot(self) -> Workspace:
        """The session as a workspace, ready to save."""
        session = self._session
        ids = set(session.article_ids())
        return Workspace(
            session.articles(),
            session.settings(),
            tuple(c for c in session.corrections() if c.a in ids and c.b in ids),
            {k: v for k, v in self._origins.items() if k in ids},
            session.pair(),
        )

    # ---------------------------------------------------------------- changes of file

    def adopt(self, workspace: Workspace, path: Path | None, *, modified: bool = False) -> None:
        """Put ``workspace`` in the session, as the file ``path`` (None: untitled)."""
        self._adopting = True
        try:
            self._origins = dict(workspace.origins)
            self._session.replace_all(
                workspace.articles, workspace.settings, workspace.corrections, workspace.pair
            )
        finally:
            self._adopting = False
        self._path = path
        self._modified = modified
        self.state_changed.emit()

    def saved_as(self, path: Path) -> None:
        """The session was just written to ``path``."""
        self._path = path
        self._modified = False
        self.state_changed.emit()

    # ---------------------------------------------------------------- slots

    def _touch(self, always: bool) -> None:
        if not self._adopting and (always or self._path is not None):
            self.set_modified(True)

    @Slot(list)
    def _on_session_articles_changed(self, ids: list) -> None:
        open_ids = set(ids)
        self._origins = {k: v for k, v in self._origins.items() if k in open_ids}
        pasted = False
        for article in self._session.articles():
            if article.id in self._known or self._adopting:
                continue
            origin = origin_of(article)
            if origin is not None:
                self._origins[article.id] = origin
            pasted = pasted or article.path is None
        self._known = open_ids
        self._touch(always=pasted)

    @Slot(str, str)
    def _on_session_article_relabelled(self, _article_id: str, _outlet: str) -> None:
        self._touch(always=True)

    @Slot(object)
    def _on_session_settings_changed(self, _settings: object) -> None:
        self._touch(always=False)

    @Slot(object)
    def _on_session_corrections_changed(self, _corrections: object) -> None:
        self._touch(always=True)
