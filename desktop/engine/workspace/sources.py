"""A workspace's articles and the files they came from.

An article in a workspace is a snapshot: the text as it was loaded. Its origin records
the file and the SHA-256 of its bytes then, so opening the workspace can tell whether
the file changed since (:func:`changed_sources`) and offer to read it again
(:func:`reload_changed`), keeping the outlet name the user gave it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from desktop.engine.errors import ArticleError
from desktop.engine.labels import numbered_labels
from desktop.engine.load.articles import MAX_BYTES, load_article
from desktop.engine.model import Article, Settings

from .model import Origin, SourceChange, Workspace


def file_sha256(path: str) -> str | None:
    """The SHA-256 of a file's bytes, or None when it cannot be read (or is too large to be an article)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        return None
    if len(data) > MAX_BYTES:
        return None
    digest.update(data)
    return digest.hexdigest()


def origin_of(article: Article) -> Origin | None:
    """Where ``article`` came from: the hash of the bytes it was loaded from (the file is
    read again only for an article loaded without one); None for pasted text or an
    unreadable file."""
    if article.path is None:
        return None
    sha = article.sha256 or file_sha256(article.path)
    if sha is None:
        return None
    return Origin(article.path, sha, datetime.now(UTC).isoformat(timespec="seconds"))


def changed_sources(workspace: Workspace) -> list[SourceChange]:
    """The articles whose file is gone or no longer holds the bytes they were loaded from."""
    out = []
    for article in workspace.articles:
        origin = workspace.origins.get(article.id)
        if origin is None:
            continue
        sha = file_sha256(origin.path)
        if sha != origin.sha256:
            out.append(SourceChange(article.id, origin.path, missing=sha is None))
    return out


def reload_changed(
    workspace: Workspace, changes: Iterable[SourceChange]
) -> tuple[Workspace, list[ArticleError]]:
    """``workspace`` with the changed articles read again from their files.

    Each keeps its id and the outlet the user gave it; the title and text are the file's
    now. Corrections stay, anchored by their text (those whose text is gone no longer
    apply). A file that cannot be loaded keeps its snapshot and is reported.
    """
    wanted = {c.article for c in changes if not c.missing}
    articles = list(workspace.articles)
    origins = dict(workspace.origins)
    errors: list[ArticleError] = []
    for k, article in enumerate(articles):
        if article.id not in wanted or article.id not in origins:
            continue
        try:
            fresh = load_article(origins[article.id].path, article_id=article.id)
        except ArticleError as err:
            errors.append(err)
            continue
        articles[k] = replace(fresh, outlet=article.outlet or fresh.outlet)
        origin = origin_of(fresh)
        if origin is not None:
            origins[article.id] = origin
    return replace(workspace, articles=tuple(articles), origins=origins), errors


def new_workspace(
    articles: Sequence[Article], settings: Settings | None = None, outlets: dict[str, str] | None = None
) -> Workspace:
    """A workspace of freshly loaded ``articles`` (each with its origin).

    ``outlets`` renames by file (absolute path -> outlet); articles without an outlet get
    a numbered one ("Article 3").
    """
    named = []
    for article in articles:
        name = (outlets or {}).get(os.path.abspath(article.path)) if article.path else None
        named.append(replace(article, outlet=" ".join(name.split())) if name else article)
    labelled = numbered_labels(named)
    origins = {a.id: o for a in labelled if (o := origin_of(a)) is not None}
    return Workspace(tuple(labelled), settings or Settings(), (), origins)
