"""The one exception article loading raises, shared by the decoding and loading modules.

It lives on its own so that :mod:`desktop.engine.load.decoding` can raise it without
importing :mod:`desktop.engine.load.articles` (which imports the decoder).
"""

from __future__ import annotations

import os

__all__ = ["ArticleError"]

_PASTED = "pasted text"


class ArticleError(Exception):
    """Why a file or pasted text could not be loaded.

    ``str(err)`` is one line naming the file and the reason, e.g.
    ``"report.png: not a text file (binary data: PNG image)"``.
    """

    def __init__(self, reason: str, path: str | os.PathLike[str] | None = None) -> None:
        self.reason = reason
        self.path = os.fspath(path) if path is not None else None
        super().__init__(f"{self.label}: {reason}")

    @property
    def label(self) -> str:
        """The file name shown to the user ("pasted text" when there is no file)."""
        if self.path is None:
            return _PASTED
        return os.path.basename(self.path.rstrip("/\\")) or self.path

    def __reduce__(self) -> tuple[type[ArticleError], tuple[str, str | None]]:
        # Keeps the error picklable for worker processes despite the custom __init__.
        return (type(self), (self.reason, self.path))
