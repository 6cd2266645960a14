"""Workspaces: a set of articles with their names, settings and corrections, in one file.

A ``.syndiff`` file is an SQLite database (:mod:`.store`, schema in :mod:`.schema`)
holding a snapshot of every article's text and where it came from, the outlet names
the user gave, the alignment settings and the user's corrections of the alignment.
:mod:`.sources` compares the snapshots with the files on disk and reloads them.
"""

from __future__ import annotations

from .model import Origin, SourceChange, Workspace, WorkspaceError
from .sources import changed_sources, new_workspace, origin_of, reload_changed
from .store import SCHEMA_VERSION, SUFFIX, is_workspace_path, open_workspace, save_workspace

__all__ = [
    "SCHEMA_VERSION",
    "SUFFIX",
    "Origin",
    "SourceChange",
    "Workspace",
    "WorkspaceError",
    "changed_sources",
    "is_workspace_path",
    "new_workspace",
    "open_workspace",
    "origin_of",
    "reload_changed",
    "save_workspace",
]
