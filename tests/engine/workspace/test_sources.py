"""A workspace's articles against their files: changed sources found and reloaded."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.corrections import apply_corrections, link, stale_corrections
from desktop.engine.load.articles import load_article, load_articles
from desktop.engine.model import Settings
from desktop.engine.workspace import (
    changed_sources,
    new_workspace,
    open_workspace,
    origin_of,
    reload_changed,
    save_workspace,
)


def _files(tmp_path: Path) -> list[Path]:
    one = tmp_path / "harbour_gazette.txt"
    two = tmp_path / "002.txt"
    one.write_text(
        "Port reopens\n\nThe port reopened on Monday after a week of repairs to the quay.\n", "utf-8"
    )
    two.write_text(
        "Harbour open again\n\nThe harbour reopened on Monday after repairs lasting a week.\n", "utf-8"
    )
    return [one, two]


def test_new_workspace_records_origins_and_labels(tmp_path: Path) -> None:
    files = _files(tmp_path)
    articles, _ = load_articles(files)
    ws = new_workspace(articles, outlets={str(files[0]): "  The   Gazette "})
    assert [a.outlet for a in ws.articles] == ["The Gazette", "Article 2"]
    origin = ws.origins[ws.articles[0].id]
    assert origin.path == str(files[0]) and len(origin.sha256) == 64 and origin.loaded_at.endswith("+00:00")
    assert changed_sources(ws) == []


def test_a_changed_source_file_is_detected_and_can_be_reloaded(tmp_path: Path) -> None:
    files = _files(tmp_path)
    articles, _ = load_articles(files)
    ws = new_workspace(articles, outlets={str(files[0]): "Gazette"})
    a, b = ws.articles
    keep = "The port reopened on Monday"
    start = a.text.index(keep)
    ws = replace(ws, corrections=(link(a, b, (start, start + len(keep)), (0, 18)),))
    save_workspace(tmp_path / "w.syndiff", ws)

    files[0].write_text(
        "Port reopens at last\n\nEditor's note. The port reopened on Monday after a week.\n", "utf-8"
    )
    files[1].unlink()
    opened = open_workspace(tmp_path / "w.syndiff")
    changes = changed_sources(opened)
    assert [(c.article, c.missing) for c in changes] == [(a.id, False), (b.id, True)]
    assert "changed since it was loaded" in changes[0].describe() and "missing" in changes[1].describe()
    assert opened.articles == ws.articles, "the snapshot is kept until the user reloads"

    reloaded, errors = reload_changed(opened, changes)
    assert errors == []
    fresh = reloaded.articles[0]
    assert fresh.id == a.id and fresh.outlet == "Gazette" and fresh.title == "Port reopens at last"
    assert reloaded.articles[1] == b, "a missing file keeps its snapshot"
    assert changed_sources(reloaded) == [changes[1]]
    assert stale_corrections(reloaded.corrections, reloaded.articles) == []
    corpus = apply_corrections(
        align_corpus(list(reloaded.articles), Settings(use_embeddings=False)), reloaded.corrections
    )
    manual = [p for p in corpus.pair(a.id, b.id).passages if p.manual]
    assert [fresh.text[p.a_start : p.a_end] for p in manual] == [keep], "the anchor found its text again"


def test_an_origin_holds_the_hash_of_the_bytes_loaded_not_of_the_file_now(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    data = b"Storm closes port\n\nThe port closed on Monday as the storm arrived.\n"
    path.write_bytes(data)
    article = load_article(str(path))
    assert article.sha256 == hashlib.sha256(data).hexdigest()
    path.write_text("Storm closes port\n\nAn edit made after the article was opened.\n", "utf-8")
    origin = origin_of(article)
    assert origin is not None and origin.sha256 == hashlib.sha256(data).hexdigest()
    ws = new_workspace([article])
    assert [c.article for c in changed_sources(ws)] == [article.id]  # the edit is still noticed
