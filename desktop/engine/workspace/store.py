"""Reading and writing ``.syndiff`` workspace files (SQLite, tables in :mod:`.schema`).

Saving writes a whole new database beside the target and renames it over the old file
once it is complete and on disk (:func:`~desktop.engine.export.output.replacing`): a
crash or a full disk mid-save leaves the previous workspace as it was. Opening reads
the file without writing to it. A file that is not a workspace, is damaged or
truncated, or comes from a newer Syndiff is refused with one :class:`WorkspaceError`
that says so; nothing else escapes.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.engine.align.corrections import Action, Anchor, Correction
from desktop.engine.export.output import replacing
from desktop.engine.model import Article, Settings

from . import schema
from .model import Origin, Workspace, WorkspaceError

SUFFIX = ".syndiff"
SCHEMA_VERSION = schema.SCHEMA_VERSION
_MAGIC = b"SQLite format 3\x00"
_HEADER = 100


def is_workspace_path(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a workspace: a ``.syndiff`` file, or any SQLite database."""
    if os.fspath(path).lower().endswith(SUFFIX):
        return True
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_MAGIC)) == _MAGIC
    except (OSError, ValueError):
        return False


# --------------------------------------------------------------------------- saving


def save_workspace(path: str | os.PathLike[str], workspace: Workspace) -> None:
    """Write ``workspace`` to ``path`` (atomically: the old file stays until the new is whole)."""
    try:
        with replacing(path) as tmp, closing(sqlite3.connect(tmp, isolation_level=None)) as db:
            _write(db, workspace)
    except sqlite3.Error as err:
        raise WorkspaceError(f"cannot save ({err})", path) from None
    except OSError as err:
        raise WorkspaceError(f"cannot save ({err.strerror or err})", path) from None
    except UnicodeEncodeError:
        raise WorkspaceError("cannot save (text that cannot be written as UTF-8)", path) from None


def _write(db: sqlite3.Connection, workspace: Workspace) -> None:
    # A fresh temporary file: no journal needed; the rename makes the save atomic.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    for script in schema.MIGRATIONS:
        db.executescript(script)
    db.execute("BEGIN")
    meta = {"app": f"Syndiff {__version__}", "saved_at": _now()}
    if workspace.pair is not None:
        meta["pair"] = json.dumps(list(workspace.pair))
    db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
    db.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?)",
        [(k, json.dumps(v)) for k, v in workspace.settings.to_dict().items()],
    )
    ids = {a.id for a in workspace.articles}
    for position, article in enumerate(workspace.articles):
        origin = workspace.origins.get(article.id)
        path = origin.path if origin else article.path
        db.execute(
            "INSERT INTO articles (position, id, title, outlet, text, boilerplate, encoding, notes,"
            " path, sha256, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                position,
                article.id,
                article.title,
                article.outlet,
                article.text,
                json.dumps([list(span) for span in article.boilerplate]),
                article.encoding,
                json.dumps(list(article.notes), ensure_ascii=False),
                os.fsencode(path) if path is not None else None,
                origin.sha256 if origin else None,
                origin.loaded_at if origin else None,
            ),
        )
    kept = [c for c in workspace.corrections if c.a in ids and c.b in ids]
    db.executemany(
        "INSERT INTO corrections (position, action, a, b, a_start, a_end, a_text, b_start, b_end, b_text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                k,
                c.action.value,
                c.a,
                c.b,
                c.a_anchor.start,
                c.a_anchor.end,
                c.a_anchor.text,
                c.b_anchor.start,
                c.b_anchor.end,
                c.b_anchor.text,
            )
            for k, c in enumerate(kept)
        ],
    )
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {len(schema.MIGRATIONS)}")
    db.execute("COMMIT")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- opening


def open_workspace(path: str | os.PathLike[str]) -> Workspace:
    """Read the workspace at ``path``; raises :class:`WorkspaceError` on any problem."""
    _check_header(path)
    try:
        with _reading(path) as db:
            return _read(db)
    except WorkspaceError as err:
        raise WorkspaceError(err.reason, path) from None
    except sqlite3.DatabaseError as err:
        raise WorkspaceError(f"damaged workspace ({err})", path) from None
    except (KeyError, IndexError, TypeError, ValueError) as err:
        raise WorkspaceError(f"damaged workspace ({err.__class__.__name__}: {err})", path) from None


def _check_header(path: str | os.PathLike[str]) -> None:
    """Refuse what is not a whole SQLite file before SQLite sees it."""
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as handle:
            head = handle.read(_HEADER)
    except FileNotFoundError:
        raise WorkspaceError("file not found", path) from None
    except IsADirectoryError:
        raise WorkspaceError("is a folder, not a workspace file", path) from None
    except OSError as err:
        raise WorkspaceError(f"cannot read ({err.strerror or err})", path) from None
    if not head:
        raise WorkspaceError("empty file, not a Syndiff workspace", path)
    if not head.startswith(_MAGIC):
        raise WorkspaceError("not a Syndiff workspace (not an SQLite database)", path)
    if len(head) < _HEADER:
        raise WorkspaceError(f"truncated workspace ({size} bytes)", path)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    # The page count in the header is valid when it was written with the last change.
    if head[24:28] == head[92:96] and pages * page_size > size:
        raise WorkspaceError(f"truncated workspace ({size:,} of {pages * page_size:,} bytes)", path)


@contextmanager
def _reading(path: str | os.PathLike[str]) -> Iterator[sqlite3.Connection]:
    """The database, read-only, brought up to the current schema (in memory if older)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if app_id != schema.APPLICATION_ID or version < 1:
            raise WorkspaceError("an SQLite database, but not a Syndiff workspace")
        current = len(schema.MIGRATIONS)
        if version > current:
            raise WorkspaceError(
                f"saved by a newer Syndiff (workspace format {version}; this version reads up to "
                f"format {current}); update Syndiff to open it"
            )
        problems = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise WorkspaceError(f"damaged workspace ({'; '.join(map(str, problems))})")
        if version == current:
            db.row_factory = sqlite3.Row
            yield db
            return
        with closing(sqlite3.connect(":memory:", isolation_level=None)) as memory:
            db.backup(memory)
            for script in schema.MIGRATIONS[version:]:
                memory.executescript(script)
            memory.row_factory = sqlite3.Row
            yield memory


def _read(db: sqlite3.Connection) -> Workspace:
    meta = {row["key"]: row["value"] for row in db.execute("SELECT key, value FROM meta")}
    articles: list[Article] = []
    origins: dict[str, Origin] = {}
    for row in db.execute("SELECT * FROM articles ORDER BY position"):
        article, origin = _article(row)
        articles.append(article)
        if origin is not None:
            origins[article.id] = origin
    ids = {a.id for a in articles}
    if len(ids) != len(articles):
        raise WorkspaceError("damaged workspace (two articles share an id)")
    corrections = tuple(
        c
        for c in (_correction(row) for row in db.execute("SELECT * FROM corrections ORDER BY position"))
        if c.a in ids and c.b in ids
    )
    settings = _settings({row["key"]: row["value"] for row in db.execute("SELECT key, value FROM settings")})
    pair = None
    if "pair" in meta:
        a, b = json.loads(meta["pair"])
        pair = (a, b) if a in ids and b in ids and a != b else None
    return Workspace(tuple(articles), settings, corrections, origins, pair)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise WorkspaceError(f"damaged workspace ({what} is not text)")
    return value


def _article(row: sqlite3.Row) -> tuple[Article, Origin | None]:
    text = _text(row["text"], "an article's text")
    spans = tuple((int(s), int(e)) for s, e in json.loads(row["boilerplate"]))
    if any(not 0 <= s <= e <= len(text) for s, e in spans):
        raise WorkspaceError("damaged workspace (boilerplate outside its article)")
    raw_path = row["path"]
    path = os.fsdecode(raw_path) if isinstance(raw_path, bytes) else None
    sha, loaded = row["sha256"], row["loaded_at"]
    origin = Origin(path, sha, loaded) if path and isinstance(sha, str) and isinstance(loaded, str) else None
    article = Article(
        id=_text(row["id"], "an article id"),
        title=_text(row["title"], "a title"),
        outlet=_text(row["outlet"], "an outlet"),
        text=text,
        path=path,
        boilerplate=spans,
        encoding=_text(row["encoding"], "an encoding"),
        notes=tuple(_text(n, "a note") for n in json.loads(row["notes"])),
        sha256=origin.sha256 if origin is not None else None,  # the bytes the snapshot was read from
    )
    return article, origin


def _correction(row: sqlite3.Row) -> Correction:
    def anchor(side: str) -> Anchor:
        start, end = row[f"{side}_start"], row[f"{side}_end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
            raise WorkspaceError("damaged workspace (a correction's offsets)")
        return Anchor(start, end, _text(row[f"{side}_text"], "a correction's text"))

    return Correction(
        Action(row["action"]), _text(row["a"], "an id"), _text(row["b"], "an id"), anchor("a"), anchor("b")
    )


def _settings(stored: dict[str, str]) -> Settings:
    """The stored settings; a missing or unreadable one keeps its default."""
    default = Settings()
    values: dict[str, Any] = {}
    for key, fallback in default.to_dict().items():
        if key not in stored:
            continue
        value = json.loads(stored[key])
        if isinstance(fallback, bool):
            ok = isinstance(value, bool)
        elif isinstance(fallback, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        else:
            ok = isinstance(value, int | float) and not isinstance(value, bool) and 0.0 <= value <= 1.0
        if ok:
            values[key] = value
    return Settings(**values)
