"""How the window names articles and shows untrusted text: labels, eliding, safe tooltips.

Article titles, outlets, file names and excerpts are untrusted. Qt renders a tooltip
(and a message box text) that looks like markup as rich text, so every tooltip built
from such text goes through :func:`escaped_tooltip`, which escapes it and wraps it in a
paragraph (long text then wraps instead of running off the screen).
"""

from __future__ import annotations

import html

from desktop.engine.bidi import isolate
from desktop.engine.labels import article_label

__all__ = ["article_label", "elide", "escaped_tooltip", "isolate"]


def elide(text: str, limit: int) -> str:
    """``text`` with its white space collapsed, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def escaped_tooltip(text: str, label: str = "") -> str:
    """A rich-text tooltip that shows ``text`` literally ("" when there is nothing to show).

    Line breaks in ``text`` are kept; ``label``, if given, leads in bold.
    """
    if not text and not label:
        return ""
    body = "<br>".join(html.escape(line) for line in text.split("\n"))
    if label:
        body = f"<b>{html.escape(label)}</b> {body}" if body else f"<b>{html.escape(label)}</b>"
    return f"<p>{body}</p>"
