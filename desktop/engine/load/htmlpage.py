"""Saved web pages to main text, title and site name.

A page saved from a browser is mostly navigation, scripts and adverts around a few
paragraphs of article. :func:`read_page` keeps the article text (via trafilatura, with
a plain visible-text fallback) and reads the title and site name from the page's
metadata. The markup is parsed, never rendered or executed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["Page", "read_page"]


@dataclass(frozen=True, slots=True)
class Page:
    """What :func:`read_page` found in a web page."""

    text: str
    title: str | None = None
    site_name: str | None = None
    notes: tuple[str, ...] = ()


# Elements whose text is never article text, for the plain fallback dump.
_DROP_TAGS = (
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
    "form", "iframe", "svg", "button", "select", "menu", "dialog",
)  # fmt: skip
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "blockquote", "pre", "section", "article", "main", "figure", "figcaption", "dd", "dt", "hr",
)  # fmt: skip


def read_page(markup: str) -> Page:
    """Main text, title and site name of an HTML page.

    Uses trafilatura (comments and tables left out); when it finds nothing, falls back
    to all visible text with scripts, styles and navigation dropped.
    """
    tree = _parse_markup(markup)
    extracted = _trafilatura_extract(markup)
    site_name = (
        _meta(tree, "og:site_name") or (extracted.sitename if extracted else None) or _canonical_host(tree)
    )
    if extracted is not None and extracted.text and extracted.text.strip():
        text = extracted.text
        notes: tuple[str, ...] = ("extracted the main text of the page with trafilatura",)
    else:
        text = _text_dump(tree) if tree is not None else ""
        notes = ("no main article found in the page; used all of its visible text",)
    title = _meta(tree, "og:title") or (extracted.title if extracted else None) or _html_title(tree)
    # One block per line in the extraction; a blank line between them reads as paragraphs.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return Page(text=text, title=_strip_site_suffix(title, site_name), site_name=site_name, notes=notes)


def _trafilatura_extract(markup: str) -> _Extracted | None:
    """Trafilatura's main-text extraction, or None when it finds nothing or fails."""
    import trafilatura  # slow to import; only needed for HTML

    try:
        document = trafilatura.bare_extraction(
            markup,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
            with_metadata=True,
        )
    except Exception:  # a third-party parser on arbitrary pages: any failure means "use the fallback"
        return None
    if document is None:
        return None
    get = document.get if isinstance(document, dict) else lambda key: getattr(document, key, None)
    return _Extracted(text=get("text") or "", title=get("title"), sitename=get("sitename"))


@dataclass(frozen=True, slots=True)
class _Extracted:
    text: str
    title: str | None
    sitename: str | None


def _parse_markup(markup: str) -> HtmlElement | None:
    """An lxml tree of the page, or None if lxml cannot make one."""
    import lxml.html

    cleaned = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)  # lxml refuses str input with an encoding declaration
    try:
        return lxml.html.document_fromstring(cleaned)
    except (ValueError, lxml.etree.ParserError):
        return None


def _meta(tree: HtmlElement | None, name: str) -> str | None:
    """Content of ``<meta property=name>`` or ``<meta name=name>``."""
    if tree is None:
        return None
    for element in tree.iter("meta"):
        if name in (element.get("property"), element.get("name")):
            content = " ".join((element.get("content") or "").split())
            if content:
                return content
    return None


def _canonical_host(tree: HtmlElement | None) -> str | None:
    """The site a saved page came from, from its canonical or og:url address
    ("https://www.reuters.com/world/..." -> "reuters.com"): better than the file name."""
    if tree is None:
        return None
    urls = [_meta(tree, "og:url")]
    urls += [link.get("href") for link in tree.iter("link") if (link.get("rel") or "").lower() == "canonical"]
    for url in urls:
        try:
            host = urlsplit(url or "").hostname
        except ValueError:  # a malformed address ("http://[oops/") names no site
            continue
        if host and "." in host:
            return host.removeprefix("www.")
    return None


def _html_title(tree: HtmlElement | None) -> str | None:
    """``<title>``, else the first ``<h1>``/``<h2>``."""
    if tree is None:
        return None
    for tag in ("title", "h1", "h2"):
        for element in tree.iter(tag):
            text = " ".join(element.text_content().split())
            if text:
                return text
    return None


def _strip_site_suffix(title: str | None, site_name: str | None) -> str | None:
    """ "Rates rise | The Daily Planet" -> "Rates rise" when the site name is known."""
    if not title or not site_name:
        return title
    match = re.match(rf"^(.+?)\s*[|\-–—:·•]\s*{re.escape(site_name)}\s*$", title, re.IGNORECASE)
    return match.group(1) if match else title


def _text_dump(tree: HtmlElement) -> str:
    """All visible text of the page, one block per line, without scripts, styles or navigation."""
    for element in list(tree.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (re.sub(r"[ \t\f\v]+", " ", line).strip(" \t") for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
