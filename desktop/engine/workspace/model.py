"""What a workspace holds, as plain values."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from desktop.engine.align.corrections import Correction
from desktop.engine.model import Article, Settings


class WorkspaceError(Exception):
    """Why a workspace could not be opened or saved: one line naming the file.

    ``str(err)`` reads ``"w.syndiff: not a Syndiff workspace (not an SQLite database)"``.
    """

    def __init__(self, reason: str, path: str | os.PathLike[str] | None = None) -> None:
        self.reason = reason
        self.path = os.fspath(path) if path is not None else None
        name = os.path.basename(self.path.rstrip("/\\")) or self.path if self.path else "workspace"
        super().__init__(f"{name}: {reason}")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an article's text came from: the file, its SHA-256 and when it was read."""

    path: str
    sha256: str
    loaded_at: str  # ISO 8601, UTC


@dataclass(frozen=True, slots=True)
class SourceChange:
    """A source file that no longer matches its article's snapshot."""

    article: str  # article id
    path: str
    missing: bool  # the file is gone (or unreadable); otherwise its content changed

    def describe(self) -> str:
        name = os.path.basename(self.path)
        return f"{name}: {'missing' if self.missing else 'changed since it was loaded'}"


@dataclass(frozen=True)
class Workspace:
    """A set of articles as the user left it.

    ``articles`` in their order, with the titles and outlets the user set; ``origins``
    by article id (pasted articles have none); ``pair`` the two articles compared
    side by side, if any.
    """

    articles: tuple[Article, ...]
    settings: Settings = field(default_factory=Settings)
    corrections: tuple[Correction, ...] = ()
    origins: Mapping[str, Origin] = field(default_factory=dict)
    pair: tuple[str, str] | None = None
