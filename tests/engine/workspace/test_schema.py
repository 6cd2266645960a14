"""The workspace file's tables and the migrations that bring an older file up to date."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.engine.model import Article
from desktop.engine.workspace import Workspace, save_workspace
from desktop.engine.workspace.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def tables(db: sqlite3.Connection) -> dict[str, str]:
    """Each table and index with its SQL, as SQLite keeps them."""
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    return dict(rows.fetchall())


def at_version(k: int) -> sqlite3.Connection:
    """A database as version ``k`` of the schema left it."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    for script in MIGRATIONS[:k]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {k}")
    return db


def migrate(db: sqlite3.Connection) -> None:
    """Run the migrations a database lacks, as the documented rule says."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for script in MIGRATIONS[version:]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")


def test_the_version_is_the_number_of_migrations() -> None:
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 1


def test_the_application_id_spells_synd() -> None:
    assert APPLICATION_ID.to_bytes(4, "big") == b"Synd"


def test_a_new_file_has_every_table() -> None:
    db = at_version(SCHEMA_VERSION)
    assert set(tables(db)) >= {"meta", "articles", "settings", "corrections"}


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_an_older_file_is_brought_up_to_the_current_schema(version: int) -> None:
    old = at_version(version)
    migrate(old)
    assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert tables(old) == tables(at_version(SCHEMA_VERSION))


def test_a_saved_workspace_carries_the_current_version_and_id(tmp_path: Path) -> None:
    path = tmp_path / "w.syndiff"
    save_workspace(path, Workspace((Article("a", "t", "o", "Some text."),)))
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert tables(db) == tables(at_version(SCHEMA_VERSION))


def test_corrections_hold_only_links_and_unlinks() -> None:
    db = at_version(SCHEMA_VERSION)
    db.execute(
        "INSERT INTO articles (position, id, title, outlet, text, boilerplate, encoding, notes)"
        " VALUES (0, 'a', 't', 'o', 'x', '[]', 'utf-8', '[]')"
    )
    row = "INSERT INTO corrections VALUES (?, ?, 'a', 'a', 0, 1, 'x', 0, 1, 'x')"
    db.execute(row, (0, "link"))
    db.execute(row, (1, "unlink"))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(row, (2, "merge"))


def test_article_ids_are_unique() -> None:
    db = at_version(SCHEMA_VERSION)
    row = (
        "INSERT INTO articles (position, id, title, outlet, text, boilerplate, encoding, notes)"
        " VALUES (?, 'a', 't', 'o', 'x', '[]', 'utf-8', '[]')"
    )
    db.execute(row, (0,))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(row, (1,))


def test_published_migrations_are_kept_as_they_were() -> None:
    # Append a migration for every change of the tables; never edit a published one:
    # version 1 is the tables every workspace saved so far was written with.
    first = at_version(1)
    columns = [row[1] for row in first.execute("PRAGMA table_info(articles)")]
    assert columns == [
        "position", "id", "title", "outlet", "text", "boilerplate", "encoding", "notes", "path",
        "sha256", "loaded_at",
    ]  # fmt: skip
