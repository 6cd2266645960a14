"""Where an article comes from, when nothing says so outright.

A saved page names its site; a plain-text copy often does not. Before falling back on
the file name, the text itself is asked, in this order:

1. a *credit line*: a wire dateline ("LONDON (Reuters) - ..."), "first appeared on X",
   "originally published by X", "© 2024 X";
2. the *title*, when it ends with the site's name ("Rates rise again | The Daily Planet");
3. the *file name*, unless it is only a number or a hash ("001_dc3f0d53317f598b.txt"
   names no outlet).

When all fail the outlet stays empty, and the set gives the article a numbered label
("Article 3", :func:`desktop.engine.labels.numbered_labels`).
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop.engine.model import readable

_CAP = r"[A-Z0-9][\w&'’\-]*(?:\.[\w\-]+)*"
_NAME = rf"{_CAP}(?: (?:(?:of|the|and|for|on|de|la|&) )?{_CAP}){{0,5}}"

# "LONDON (Reuters) - ", "August 27, 2024 (V SOCIAL MEDIA OF HOLLYWOOD) - "
_DATELINE = re.compile(r"^[^\n()]{0,60}\((?P<site>[A-Z0-9][^()\n]{1,40})\)\s*[-–—:]\s")
# Credits stand on a short line of their own ("This article first appeared on X.").
_CREDITS = (
    re.compile(
        rf"\b(?:first|originally)\s+(?:appeared|published|posted)\s+(?:on|in|at|by)\s+(?P<site>{_NAME})"
    ),
    re.compile(
        rf"(?:©|\([cC]\)|Copyright)\s*(?:©\s*)?(?:\d{{4}}\s*)?(?:[-–]\s*\d{{4}}\s*)?(?P<site>{_NAME})"
    ),
)
_CREDIT_WORDS = 20
_NOT_A_SITE = {"this site", "this website", "our site", "the site", "site"}
_TITLE_SUFFIX = re.compile(r"\s(?:\||[-–—·])\s(?P<site>[^|–—·]{2,40})$")
_SMALL = {"of", "the", "and", "for", "in", "on", "at", "a", "an", "to", "de", "la", "le"}
_GENERIC_FILES = {"article", "index", "page", "story", "untitled", "download", "text", "new", "copy"}
_CREDIT_LINES = 8  # a credit line sits near the top or the bottom of the text


def derive_outlet(text: str, title: str = "", path: str | None = None) -> str:
    """A readable outlet for an article whose format named none; "" when nothing does."""
    return credit_line_site(text) or title_site(title) or (file_label(path) if path else "")


def credit_line_site(text: str) -> str:
    """The site a credit line near the top or bottom of ``text`` names ("" if none)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    near = lines[:_CREDIT_LINES] + lines[-_CREDIT_LINES:]
    for line in near:
        short = len(line.split()) <= _CREDIT_WORDS
        for pattern in (_DATELINE, *_CREDITS) if short else (_DATELINE,):
            match = pattern.search(line)
            if match:
                site = _tidy(match.group("site"))
                if site:
                    return site
    return ""


def title_site(title: str) -> str:
    """The site named at the end of a title ("Headline | Site", "Headline - Site")."""
    match = _TITLE_SUFFIX.search(title.strip())
    if not match:
        return ""
    site = match.group("site").strip()
    head = title[: match.start()].split()
    words = site.split()
    # A site name is short and capitalised, after a headline of a few words.
    if len(head) < 3 or not 1 <= len(words) <= 4 or not site[0].isupper() or site.endswith((".", "?", "!")):
        return ""
    if sum(w[0].isupper() or not w[0].isalpha() for w in words) < len(words) - 1:
        return ""
    return _tidy(site)


def file_label(path: str) -> str:
    """A readable label from a file name, or "" when the name is a number, a hash or generic.

    A trailing hash-like part is dropped and underscores become spaces:
    ``bbc-news.html`` -> ``bbc-news``, ``the_daily_planet.txt`` -> ``the daily planet``,
    ``001_dc3f0d53317f598b.txt`` -> "".
    """
    stem = readable(Path(path).stem)
    label = re.sub(r"[_\-. ]+[0-9a-fA-F]{8,}$", "", stem)
    label = " ".join(label.replace("_", " ").split())
    if not label or not re.search(r"[^\W\d_]", label) or re.fullmatch(r"[0-9a-fA-F]{8,}", label):
        return ""
    if label.casefold() in _GENERIC_FILES:
        return ""
    return label


def _tidy(site: str) -> str:
    """A found site name without trailing dots, ALL CAPS turned to title case."""
    site = " ".join(site.split()).strip(" .-–—'’")
    if site.casefold() in _NOT_A_SITE or len(site) < 2:
        return ""
    if site.isupper() and len(site) > 4 and " " in site:
        words = site.lower().split()
        site = " ".join(
            w if (k and w in _SMALL) else (w.upper() if len(w) == 1 else w.capitalize())
            for k, w in enumerate(words)
        )
    return site
