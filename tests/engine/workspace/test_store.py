"""Workspace files: round trip, refusals with a message, atomic saves and migrations."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.engine.align.changes import corpus_with_changes
from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.corrections import apply_corrections, link, unlink
from desktop.engine.export.json_report import alignment_json, json_text
from desktop.engine.load.articles import article_from_text, load_articles
from desktop.engine.model import Article, Settings
from desktop.engine.workspace import (
    SCHEMA_VERSION,
    Workspace,
    WorkspaceError,
    is_workspace_path,
    new_workspace,
    open_workspace,
    save_workspace,
    schema,
)

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = Settings(sensitivity=0.7, min_words=4, ignore_punctuation=True, use_embeddings=False)


@pytest.fixture()
def workspace(seed_paths: list[Path]) -> Workspace:
    articles, errors = load_articles(seed_paths)
    assert not errors
    ws = new_workspace(articles, SETTINGS, {str(seed_paths[1]): "My Outlet"})
    a, b, d, e = ws.articles[0], ws.articles[1], ws.articles[3], ws.articles[4]
    corpus = align_corpus(list(ws.articles), SETTINGS)
    wrong = corpus.pair(a.id, b.id).passages[0]
    pasted = article_from_text("Pasted headline\nA pasted body with “quotes” — and a dash.", outlet="Clip")
    return replace(
        ws,
        articles=(*ws.articles, pasted),
        corrections=(unlink(a, b, wrong), link(d, e, (0, 60), (0, 50))),
        pair=(d.id, e.id),
    )


def _json(ws: Workspace) -> str:
    corpus = align_corpus(list(ws.articles), ws.settings)
    return json_text(alignment_json(corpus_with_changes(apply_corrections(corpus, ws.corrections))))


def test_round_trip_keeps_everything_and_the_json_output(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "story.syndiff"
    save_workspace(path, workspace)
    again = open_workspace(path)
    assert again == workspace
    assert [a.outlet for a in again.articles][:3] == ["V Social Media of Hollywood", "My Outlet", "Article 3"]
    assert again.settings == SETTINGS and again.pair == workspace.pair
    assert again.origins[again.articles[0].id].sha256 == workspace.origins[again.articles[0].id].sha256
    assert again.articles[-1].path is None and again.articles[-1].id not in again.origins
    assert _json(again) == _json(workspace)
    assert '"source": "manual"' in _json(again)
    assert not list(tmp_path.glob(".*.part")), "no temporary file left behind"


def test_saving_again_replaces_the_file(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "w.syndiff"
    save_workspace(path, workspace)
    os.chmod(path, 0o640)
    save_workspace(path, replace(workspace, corrections=()))
    assert open_workspace(path).corrections == ()
    assert path.stat().st_mode & 0o777 == 0o640, "a replaced file keeps its permissions"


def test_surrogate_paths_survive(tmp_path: Path) -> None:
    odd = replace(article_from_text("Headline\nBody."), path=str(tmp_path / "caf\udce9.txt"))
    save_workspace(tmp_path / "w.syndiff", Workspace((odd,)))
    assert open_workspace(tmp_path / "w.syndiff").articles[0].path == odd.path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"Headline\nThis is an article, not a workspace.\n", "not an SQLite database"),
        (b"\x89PNG\r\n\x1a\n" + bytes(300), "not an SQLite database"),
    ],
    ids=["empty", "text", "png"],
)
def test_a_file_that_is_no_workspace_is_refused(content: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "x.syndiff"
    path.write_bytes(content)
    with pytest.raises(WorkspaceError, match=message) as err:
        open_workspace(path)
    assert str(err.value).startswith("x.syndiff: ") and "\n" not in str(err.value)


@pytest.mark.parametrize("keep", [0.01, 0.3, 0.7, 0.99])
def test_a_truncated_workspace_is_refused(keep: float, workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "w.syndiff"
    save_workspace(path, workspace)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(WorkspaceError, match="truncated|damaged"):
        open_workspace(path)


def test_a_damaged_page_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "w.syndiff"
    save_workspace(path, workspace)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page + 8 : page * 3] = bytes(range(256)) * ((page * 3 - page - 8) // 256) + bytes(
        (page * 3 - page - 8) % 256
    )
    path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError, match="damaged"):
        open_workspace(path)


def test_a_newer_workspace_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "w.syndiff"
    save_workspace(path, workspace)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(WorkspaceError, match="newer Syndiff") as err:
        open_workspace(path)
    assert f"format {SCHEMA_VERSION + 1}" in str(err.value)


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")
    assert is_workspace_path(path)
    with pytest.raises(WorkspaceError, match="not a Syndiff workspace"):
        open_workspace(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="not found"):
        open_workspace(tmp_path / "nope.syndiff")
    with pytest.raises(WorkspaceError, match="folder"):
        open_workspace(tmp_path)


def test_an_older_workspace_is_migrated_on_open(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.syndiff"
    save_workspace(path, workspace)
    before = path.read_bytes()
    later = "ALTER TABLE articles ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;"
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, later))
    assert open_workspace(path) == workspace
    assert path.read_bytes() == before, "opening never writes to the file"
    save_workspace(path, workspace)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert db.execute("SELECT starred FROM articles").fetchone() == (0,)


def test_bad_settings_fall_back_to_defaults(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "w.syndiff"
    save_workspace(path, workspace)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE settings SET value = '7' WHERE key = 'sensitivity'")
        db.execute("UPDATE settings SET value = '\"x\"' WHERE key = 'min_words'")
    assert open_workspace(path).settings == replace(SETTINGS, sensitivity=0.5, min_words=5)


def test_a_save_that_cannot_be_written_says_so(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="cannot save"):
        save_workspace(tmp_path / "no such folder" / "w.syndiff", workspace)


CRASHING_SAVER = """
import sys
from desktop.engine.model import Article
from desktop.engine.workspace import Workspace, save_workspace

big = Workspace(tuple(
    Article(id=f"a{k}", title="t", outlet="o", text="word " * 400_000 + str(k)) for k in range(12)
))
print("ready", flush=True)
while True:
    save_workspace(sys.argv[1], big)
"""


def test_a_crash_during_save_leaves_the_previous_workspace_readable(tmp_path: Path) -> None:
    path = tmp_path / "w.syndiff"
    previous = Workspace((Article(id="x", title="Before", outlet="Old", text="The previous text."),))
    save_workspace(path, previous)
    child = subprocess.Popen(
        [sys.executable, "-c", CRASHING_SAVER, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 60
        while not any(p.stat().st_size > 1_000_000 for p in tmp_path.glob(".w.syndiff.*.part")):
            assert time.monotonic() < deadline, "the child never started writing"
            time.sleep(0.002)
        child.kill()  # SIGKILL: no clean-up, mid-write
    finally:
        child.kill()
        child.wait(30)
    assert list(tmp_path.glob(".w.syndiff.*.part")), "killed in the middle of a save"
    reopened = open_workspace(path)
    assert reopened == previous or len(reopened.articles) == 12
