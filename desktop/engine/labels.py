"""How an article is named to readers: one function for every view and export.

The window's list, pair pickers, matrix and families, the HTML exports and the default
export file names all name an article through :func:`article_label`, so a label the
user types shows up everywhere at once. Articles whose source named no outlet get a
numbered one when they join a set (:func:`numbered_labels`), so no place falls back on
a file-name number or a hash, and a second article of one outlet is told apart by a
number ("Reuters (2)").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from desktop.engine.model import Article

NUMBERED = "Article {n}"
SAME_OUTLET = "{outlet} ({n})"


def article_label(article: Article) -> str:
    """The article's name in short places: its outlet, else its title, else its id."""
    return article.outlet.strip() or article.title.strip() or article.id


def numbered_labels(articles: Sequence[Article], already: Iterable[Article] = ()) -> list[Article]:
    """``articles`` joining a set that holds ``already``, each with a label no other
    article of the set has.

    An article without an outlet gets "Article N", N its place in the whole set (the
    first free N from there on). One whose outlet is already taken (two Reuters
    stories) gets the outlet and its count among them: "Reuters (2)"; the first keeps
    the plain name, so labels in use never change.
    """
    before = list(already)
    used = {key for a in before if (key := _key(a.outlet))}
    # Outlets the new articles carry, so no label made here takes one of them.
    named = {key for a in articles if (key := _key(a.outlet))}
    out = []
    for k, article in enumerate(articles):
        outlet = " ".join(article.outlet.split())
        if outlet:
            label, n = outlet, 1
            while _key(label) in used or (n > 1 and _key(label) in named):
                n += 1
                label = SAME_OUTLET.format(outlet=outlet, n=n)
        else:
            n = len(before) + k + 1
            while _key(NUMBERED.format(n=n)) in used | named:
                n += 1
            label = NUMBERED.format(n=n)
        used.add(_key(label))
        out.append(article if label == article.outlet else replace(article, outlet=label))
    return out


def _key(label: str) -> str:
    """What two labels must differ in: not case, nor runs of white space."""
    return " ".join(label.split()).casefold()
