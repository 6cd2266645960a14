"""The workspace file's tables, and the migrations that bring an older file up to date.

``MIGRATIONS[k]`` turns a version ``k`` file into a version ``k + 1`` file (version 0
is an empty database), so a new file is made by running them all and an older one is
brought up to date by running those it lacks. The version is SQLite's
``PRAGMA user_version``; ``PRAGMA application_id`` marks the file as Syndiff's.
Append a migration for every change of the tables; never edit a published one.
"""

from __future__ import annotations

APPLICATION_ID = 0x53796E64  # "Synd"

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: articles with their snapshots and origins, settings, corrections.
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE articles (
        position INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        outlet TEXT NOT NULL,
        text TEXT NOT NULL,
        boilerplate TEXT NOT NULL,  -- JSON [[start, end], ...]
        encoding TEXT NOT NULL,
        notes TEXT NOT NULL,        -- JSON ["...", ...]
        path BLOB,                  -- the file name's bytes; NULL for pasted text
        sha256 TEXT,                -- of the file's bytes when it was loaded
        loaded_at TEXT              -- ISO 8601, UTC
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL         -- JSON
    );
    CREATE TABLE corrections (
        position INTEGER PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('link', 'unlink')),
        a TEXT NOT NULL REFERENCES articles (id),
        b TEXT NOT NULL REFERENCES articles (id),
        a_start INTEGER NOT NULL,
        a_end INTEGER NOT NULL,
        a_text TEXT NOT NULL,
        b_start INTEGER NOT NULL,
        b_end INTEGER NOT NULL,
        b_text TEXT NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
"""The version this Syndiff writes and the newest it reads."""
