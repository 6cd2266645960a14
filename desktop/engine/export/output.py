"""Writing output files so that an interrupted write never leaves half a file, and so that
an output path that is not a plain file is never replaced by one.

:func:`write_output` is the policy (what to do with the path the user named);
:func:`write_atomic` the mechanism for regular files.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

__all__ = ["OutputError", "write_atomic", "write_output"]

_NEW_FILE_MODE = 0o666  # what open() asks for; the kernel takes the umask off
_TRIES = 100


class OutputError(Exception):
    """Why an output file was not written: one short reason, without the path."""


def write_output(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to the output the user named, as that kind of file allows.

    - a new path or an existing regular file: written atomically (:func:`write_atomic`);
      a read-only file is refused, not replaced;
    - a symbolic link: followed; its target is written as above, and the link stays;
    - a FIFO or a character device (``/dev/null``, ``/dev/stdout``, a terminal): written
      through, in place, since there is nothing to replace atomically;
    - a folder, a block device or a socket: refused.

    Raises :class:`OutputError` for a refused path and :class:`OSError` when the system
    refuses the write.
    """
    name = os.fspath(path)
    if not name:
        raise OutputError("no file name given")
    try:
        info = os.stat(name)  # follows symbolic links: the kind of the link's target counts
    except FileNotFoundError:
        info = None
    except OSError as err:  # a loop of links, a path through a file, ...
        raise OutputError(err.strerror or err.__class__.__name__) from None
    except ValueError:  # a NUL character in the name
        raise OutputError("invalid file name") from None
    if info is None:
        write_atomic(os.path.realpath(name), text)  # a dangling link: create what it names
    elif stat.S_ISREG(info.st_mode):
        if not _writable(name, info):
            raise OutputError("the file is read-only; choose another output file or make it writable")
        write_atomic(os.path.realpath(name), text)
    elif stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        _write_through(name, text)
    elif stat.S_ISDIR(info.st_mode):
        raise OutputError("is a folder; name a file to write")
    else:
        raise OutputError("is not a regular file (a block device or socket); name a file to write")


def _writable(name: str, info: os.stat_result) -> bool:
    """Whether the user may write the file. Root may write anything, so a file with no
    write bit at all counts as read-only for root too, as editors and ``cp -i`` treat it."""
    return os.access(name, os.W_OK) and bool(info.st_mode & 0o222)


def _write_through(name: str, text: str) -> None:
    """Write to a FIFO or device in place (opening a FIFO waits for its reader)."""
    data = text.encode("utf-8")
    fd = os.open(name, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, then rename it over.

    A new file gets the mode a plain ``open(path, "w")`` would give it; a replaced file
    keeps its permissions. The temporary file is removed on any failure, including an
    exception raised by a signal handler (the command line turns SIGTERM into one).
    """
    target = Path(path)
    text.encode("utf-8")  # fail on unencodable text before any file exists
    tmp: str | None = None
    try:
        fd, tmp = _create_beside(target)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        mode = _existing_mode(target)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None:
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
