"""The one exception article loading raises, shared by the decoding and loading modules.

It lives on its own so that :mod:`desktop.engine.load.decoding` can raise it without
importing :mod:`desktop.engine.load.articles` (which imports the decoder).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .model import readable

__all__ = ["ArticleError"]

_PASTED = "pasted text"


class ArticleError(Exception):
    """Why a file or pasted text could not be loaded.

    ``str(err)`` is one line naming the file and the reason, e.g.
    ``"notes/report.png: not a text file (binary data: PNG image)"``. ``path`` is the
    absolute path; ``given`` the path as the user gave it (a command-line argument, a
    folder's name joined with the file's), which is what the message shows, so that two
    files of the same name in different folders can be told apart.
    """

    def __init__(
        self, reason: str, path: str | os.PathLike[str] | None = None, *, given: str | None = None
    ) -> None:
        self.reason = reason
        self.path = os.fspath(path) if path is not None else None
        self.given = given
        super().__init__(f"{self.label}: {reason}")

    @property
    def label(self) -> str:
        """The file as shown to the user: the path as given, else the file's name
        ("pasted text" when there is no file). Undecodable bytes show as U+FFFD."""
        if self.given:
            return readable(self.given)
        if self.path is None:
            return _PASTED
        return readable(os.path.basename(self.path.rstrip("/\\")) or self.path)

    def __reduce__(self) -> tuple[Callable[..., ArticleError], tuple[str, str | None, str | None]]:
        # Keeps the error picklable for worker processes despite the custom __init__.
        return (_rebuild, (self.reason, self.path, self.given))


def _rebuild(reason: str, path: str | None, given: str | None) -> ArticleError:
    return ArticleError(reason, path, given=given)
