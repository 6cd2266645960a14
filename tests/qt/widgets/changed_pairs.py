"""A small article pair with typed changes, shared by the tests of the typed-change views."""

from __future__ import annotations

from desktop.engine.align.changes import with_changes
from desktop.engine.align.pair import align_pair
from desktop.engine.load.articles import article_from_text
from desktop.engine.model import Article, PairAlignment

P1 = (
    "The carmaker said on Monday that its new battery plant in northern Ohio will hire {n} workers "
    "over the next five years."
)
P2 = (
    "Local officials welcomed the investment, which they described as the largest the region has "
    "seen in a generation."
)
P3 = (
    "\u201cWe will build the cleanest factory our industry has ever seen and train every {who} "
    "ourselves,\u201d the chief executive told reporters."
)


def changed_pair() -> tuple[Article, Article, PairAlignment]:
    """Three passages: a number changed (12,000 / 1,200), one verbatim, a quotation altered.

    B has them in the opposite order; the alignment carries its typed changes, as the
    alignment job's do.
    """
    a = article_from_text(
        f"Plant news\n\n{P1.format(n='12,000')}\n\n{P2}\n\n{P3.format(who='employee')}\n",
        article_id="plant-a",
        outlet="Wire",
    )
    b = article_from_text(
        f"Plant story\n\n{P3.format(who='worker')}\n\n{P2}\n\n{P1.format(n='1,200')}\n",
        article_id="plant-b",
        outlet="Paper",
    )
    return a, b, with_changes(align_pair(a, b), a.text, b.text)
