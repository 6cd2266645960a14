"""Writing output files so that an interrupted write never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

_NEW_FILE_MODE = 0o666  # what open() asks for; the kernel takes the umask off
_TRIES = 100


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, then rename it over.

    A new file gets the mode a plain ``open(path, "w")`` would give it; a replaced file
    keeps its permissions.
    """
    target = Path(path)
    fd, tmp = _create_beside(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        mode = _existing_mode(target)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[str]:
    """A new, empty file beside ``path`` for the caller to fill (a database, say); when the
    ``with`` block ends without an error it is flushed to disk and renamed over ``path``,
    otherwise removed. A crash before the rename leaves ``path`` as it was.
    """
    target = Path(path)
    fd, tmp = _create_beside(target)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        mode = _existing_mode(target)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _create_beside(target: Path) -> tuple[int, str]:
    """A new, empty temporary file in ``target``'s folder, opened for writing.

    Created like :func:`tempfile.mkstemp` (exclusive, never following a planted name), but
    with mode 0666 rather than 0600, so the process umask applies to it as to any new file:
    reading the umask would mean setting it, which is not safe while other threads create
    files.
    """
    folder = target.parent
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(_TRIES):
        tmp = str(folder / f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            return os.open(tmp, flags, _NEW_FILE_MODE), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _existing_mode(target: Path) -> int | None:
    """The permission bits of the file being replaced, or None when there is none yet."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return None
