"""How an article is named to readers: one function for every view and export.

The window's list, pair pickers, matrix and families, the HTML exports and the default
export file names all name an article through :func:`article_label`, so a label the
user types shows up everywhere at once. Articles whose source named no outlet get a
numbered one when they join a set (:func:`numbered_labels`), so no place falls back on
a file-name number or a hash.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from desktop.engine.model import Article

NUMBERED = "Article {n}"


def article_label(article: Article) -> str:
    """The article's name in short places: its outlet, else its title, else its id."""
    return article.outlet.strip() or article.title.strip() or article.id


def numbered_labels(articles: Sequence[Article], already: Iterable[Article] = ()) -> list[Article]:
    """``articles`` joining a set that holds ``already``: each without an outlet gets
    "Article N", N its place in the whole set (the first free N from there on)."""
    before = list(already)
    used = {a.outlet.strip().casefold() for a in before if a.outlet.strip()}
    used.update(a.outlet.strip().casefold() for a in articles if a.outlet.strip())
    out = []
    for k, article in enumerate(articles):
        if article.outlet.strip():
            out.append(article)
            continue
        n = len(before) + k + 1
        while NUMBERED.format(n=n).casefold() in used:
            n += 1
        label = NUMBERED.format(n=n)
        used.add(label.casefold())
        out.append(replace(article, outlet=label))
    return out
