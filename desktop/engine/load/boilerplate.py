"""Find site chrome (navigation, comment prompts, share buttons, embeds) in article text.

Copied or scraped articles carry lines that belong to the web page, not to the story:
"Previous / Next" links, "Leave a comment", "The post ... appeared first on ...", an
embedded tweet. Aligning those across outlets would report false "shared passages",
so the engine marks them and skips them. The text itself is never changed; we only
return character spans, so every offset elsewhere stays valid.

The rules are line based and deliberately conservative: a false positive hides real
article text from the comparison, which is worse than letting a stray "Share this"
through. Apart from social-media embeds, only short lines can match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

Span = tuple[int, int]

MAX_WORDS = 25
"""Longest line (in words) that a chrome pattern may mark; embeds are exempt."""

NAV_MAX_WORDS = 12
"""Longest line a navigation / prompt pattern may mark."""

HEADLINE_MAX_WORDS = 25
"""Longest line taken as the link text of a neighbouring article after "Previous"/"Next"."""

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)

# Characters that decorate navigation links: arrows, chevrons, bullets, pipes.
_DECORATION = "«»‹›<>←→⟵⟶↩↪▶◀►◄•·●|*#:-–—…. \t\u00a0"

# A lone "Previous" / "Next" link; the line after it is the neighbouring headline.
_PREV_NEXT = re.compile(r"(?:previous|prev|next|older|newer)(?: (?:post|article|story|entry|page))?")

_NAVIGATION = re.compile(
    r"""(?x)
    (?:previous|prev|next|older|newer)(?:\ (?:post|posts|article|articles|story|stories|entry|entries|page))?
    | read\ (?:more|next|the\ full\ (?:story|article))(?:\ (?:here|stories|articles|news))?
    | continue\ reading | keep\ reading | see\ also | more\ (?:stories|news|articles|from\ .{1,40})
    | related(?:\ (?:articles?|posts?|stories|story|content|coverage|news|reading|topics))?
    | you\ (?:may|might)\ also\ (?:like|enjoy) | recommended(?:\ for\ you|\ stories|\ articles)?
    | most\ (?:read|popular|viewed|shared) | trending(?:\ now|\ stories)?
    | share(?:\ (?:this|the)(?:\ (?:article|story|post|page))?)?(?:\ on\ .{1,20})?
    | share\ (?:via|to|by)\ .{1,20} | (?:tweet|pin|email|print)(?:\ (?:this|it))? | copy\ link | whatsapp
    | facebook | twitter | linkedin | reddit
    | subscribe\b.{0,80} | sign\ up\b.{0,40}\bnewsletters?\b.{0,40} | (?:get|join)\ our\ newsletter.{0,40}
    | newsletter(?:\ sign[\ -]?up)?
    | advertisement | advertising | sponsored(?:\ content)? | ad | paid\ content
    | (?:story|article)\ continues\ below(?:\ (?:this\ )?(?:advertisement|ad))?
    | skip\ to\ (?:main\ )?(?:content|navigation|footer|search) | jump\ to\ .{1,30} | back\ to\ top
    | (?:main\ )?menu | toggle\ navigation | search
    | cookies?\ (?:policy|settings|preferences|consent|notice|banner)\b.{0,80}
    | (?:accept|reject|manage)(?:\ all)?\ cookies.{0,40}
    | (?:we|this\ (?:web)?site)\ uses?\ cookies\b.{0,160}
    | follow\ us(?:\ on\ .{1,40})? | click\ here\ to\ .{1,60}
    | tags?:.{0,120} | filed\ under:.{0,120} | topics?:.{0,120}
    """
)

_COMMENTS = re.compile(
    r"""(?x)
    (?:no|\d+|one)\ (?:comments?|responses?|replies)(?:\ yet)?(?:\ so\ far)?
    | comments?(?:\ \(\d+\))? | (?:view|show|hide|load|read)(?:\ all)?(?:\ \d+)?\ comments
    | leave\ a\ (?:comment|reply|response)(?:\ cancel\ reply)?
    | (?:post|add|write)\ a\ comment | cancel\ reply | join\ the\ (?:conversation|discussion)
    | you\ must\ be\ (?:logged|signed)\ in\ to\ (?:post|leave|add)\ a\ comment
    | (?:log|sign)\ in\ to\ (?:comment|reply|leave\ a\ comment)
    | (?:you\ can\ )?be\ the\ first\ to\ (?:comment|reply|respond)
    | your\ email\ address\ will\ not\ be\ published.{0,80}
    """
)

_SYNDICATION = re.compile(
    r"""(?x)
    this\ (?:post|article|story|content|piece)\ (?:was|is|has\ been)?\ ?
        (?:originally|first)\ (?:published|posted|appeared)\b.{0,80}
    | (?:this\ (?:post|article|story)\ )?(?:was\ |is\ )?(?:republished|reprinted|reposted)
        \ (?:with\ permission|from)\b.{0,120}
    | originally\ (?:published|posted)\ (?:on|at|in|by)\ .{1,80}
    """
)

# "The post <title> appeared first on <site>." -- the title may be long, so no word limit.
_APPEARED_FIRST = re.compile(
    r"(?i)^\s*the (?:post|article) (?P<title>.+?) appeared first on (?P<site>.+?)\s*\.?\s*$"
)

_COPYRIGHT = re.compile(
    r"""(?xi)
    ^\s*(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))
    | \ball\ rights\ reserved\b
    """
)

# A credit label opening the line: "Photo: ...", "Image credit: ...", "Source: Meta", "(AP Photo/...)".
_LEADING_CREDIT = re.compile(
    r"""(?xi)
    ^\s*\(?(?:(?:header|featured|lead|top|cover|main|hero)\ )?
        (?:photo(?:graph)?s?|images?|pictures?|pics?|video|graphics?|illustrations?|artwork)
        (?:\ credits?)?\s*(?::|\bby\b|\bcourtesy\b|\bvia\b)
    | ^\s*(?:sources?|credits?|courtesy|via)\s*:
    | ^\s*\(?(?:ap|afp|reuters|getty|epa|pa|shutterstock)\ (?:photo|images|wire)\b
    """
)

# A caption ending in a credit: "... Founder and CEO ● Source: Meta", "... (Photo: Jane Doe)".
_TRAILING_CREDIT = re.compile(
    r"""(?xi)
    [●•|·—–]\s*(?:(?:photo|image|picture)(?:\ (?:source|credit)s?)?|sources?|credits?)\s*:\s*[^.!?]{1,60}$
    | \((?:photo|image|picture)(?:\ credit)?s?\s*:\s*[^)]{1,60}\)\s*$
    """
)

CREDIT_MAX_WORDS = 15
"""Longest line opening with a credit label ("Source: ...") that is marked."""

_TWEET_SIGNATURE = re.compile(
    rf"(?i)^\s*[—–-]+\s*[^\n]{{0,80}}\(@\w{{1,15}}\)\s+(?:{_MONTHS})\.?\s+\d{{1,2}},\s+\d{{4}}\s*$"
)

_EMBED = re.compile(
    r"""(?xi)
    pic\.twitter\.com/
    | ^\s*view\ this\ (?:post|photo|video|profile)\ on\ (?:instagram|facebook|tiktok)\b
    | ^\s*a\ (?:post|photo|video)\ shared\ by\b
    | ^\s*(?:https?://)?(?:www\.)?(?:twitter|x|instagram|tiktok|youtube|facebook)\.com/\S*\s*$
    | ^\s*(?:https?://)?(?:youtu\.be|t\.co)/\S*\s*$
    | ^\s*watch\ (?:on|this\ video\ on)\ youtube\s*$
    """
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: ``text[start:end]`` without its newline."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def words(self) -> int:
        return len(self.text.split())


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` with its offsets (newlines excluded, empty lines kept)."""
    return list(_iter_lines(text))


def _iter_lines(text: str) -> Iterator[Line]:
    start = 0
    while True:
        end = text.find("\n", start)
        if end == -1:
            yield Line(start, len(text), text[start:])
            return
        yield Line(start, end, text[start:end])
        start = end + 1


def _squash(line: str) -> str:
    """The line lower-cased, decoration trimmed and inner white space collapsed.

    "« Previous Post" and "NEXT ARTICLE »" both become comparable with the patterns.
    """
    core = line.strip(_DECORATION).lower()
    core = re.sub(r"[\s\u00a0]+", " ", core)
    core = core.replace("’", "'")
    return core.rstrip("!?.:;,")


def is_navigation(line: str) -> bool:
    """A short navigation, sharing, subscription, advert or cookie line."""
    return len(line.split()) <= NAV_MAX_WORDS and bool(_NAVIGATION.fullmatch(_squash(line)))


def is_comment_prompt(line: str) -> bool:
    """ "No Comments Yet", "Leave a Reply", "12 comments" and similar."""
    return len(line.split()) <= NAV_MAX_WORDS and bool(_COMMENTS.fullmatch(_squash(line)))


def is_syndication(line: str) -> bool:
    """Reposting banners: "This post was originally published on ...", "The post X appeared first on Y"."""
    if _APPEARED_FIRST.match(line):
        return len(line.split()) <= 3 * MAX_WORDS
    return len(line.split()) <= MAX_WORDS and bool(_SYNDICATION.fullmatch(_squash(line)))


def is_copyright(line: str) -> bool:
    """ "© 2024 Example Media", "Copyright 2024 ...", "... All rights reserved." when short."""
    return len(line.split()) <= MAX_WORDS and bool(_COPYRIGHT.search(line))


def is_credit(line: str) -> bool:
    """Photo or image credits and short "Source: X" lines, or a short caption ending in a credit."""
    words = len(line.split())
    if words <= CREDIT_MAX_WORDS and _LEADING_CREDIT.search(line):
        return True
    return words <= MAX_WORDS and bool(_TRAILING_CREDIT.search(line))


def is_tweet_signature(line: str) -> bool:
    """The "— Name (@handle) May 26, 2024" line that closes an embedded tweet."""
    return bool(_TWEET_SIGNATURE.match(line))


def is_embed(line: str) -> bool:
    """Lines of an embedded social-media post (any length: the whole embed is chrome)."""
    return is_tweet_signature(line) or bool(_EMBED.search(line))


def is_chrome_line(line: str) -> bool:
    """Whether a single line, on its own, is site chrome."""
    if not line.strip():
        return False
    return (
        is_embed(line)
        or is_navigation(line)
        or is_comment_prompt(line)
        or is_syndication(line)
        or is_copyright(line)
        or is_credit(line)
    )


def appeared_first_on(line: str) -> str | None:
    """The site named by a "The post ... appeared first on SITE." trailer, if the line is one."""
    match = _APPEARED_FIRST.match(line)
    if not match:
        return None
    site = match.group("site").strip().rstrip(".").strip()
    return site or None


def posted_title(line: str) -> str | None:
    """The headline named by a "The post TITLE appeared first on SITE." trailer, if the
    line is one (feeds append it to every story they syndicate) and the title is no longer
    than a headline. Not "The article ... appeared first on": a sentence of the story may
    read so ("The article that prompted the inquiry appeared first on the BBC website")."""
    match = _APPEARED_FIRST.match(line)
    if not match or not line.lstrip().lower().startswith("the post "):
        return None
    title = match.group("title").strip()
    return title if title and len(title.split()) <= HEADLINE_MAX_WORDS else None


def _is_prev_next(line: str) -> bool:
    return bool(_PREV_NEXT.fullmatch(_squash(line)))


def _next_content(lines: list[Line], index: int) -> int | None:
    """Index of the first non-blank line after ``index`` (None at the end)."""
    for j in range(index + 1, len(lines)):
        if not lines[j].blank:
            return j
    return None


def _neighbour_headlines(lines: list[Line], marked: set[int]) -> set[int]:
    """Headline lines that follow a lone "Previous"/"Next" link (the neighbour's link text).

    Repeated links ("Previous\\nPrevious") are skipped; the next line is taken if it looks
    like a headline (short, no closing full stop), so a following paragraph is left alone.
    """
    found: set[int] = set()
    for i, line in enumerate(lines):
        if line.blank or not _is_prev_next(line.text):
            continue
        j = _next_content(lines, i)
        while j is not None and _is_prev_next(lines[j].text):
            j = _next_content(lines, j)
        if j is None or j in marked:
            continue
        if _looks_like_headline(lines[j].text):
            found.add(j)
    return found


def _looks_like_headline(line: str) -> bool:
    """Short and not ending like a sentence (headlines rarely end with a full stop)."""
    stripped = line.strip()
    return len(stripped.split()) <= HEADLINE_MAX_WORDS and not stripped.endswith(".")


def _tweet_texts(lines: list[Line]) -> set[int]:
    """The tweet text: the non-blank line directly above each tweet signature."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if i > 0 and not lines[i - 1].blank and not line.blank and is_tweet_signature(line.text):
            found.add(i - 1)
    return found


def find_boilerplate(text: str) -> tuple[Span, ...]:
    """Sorted, non-overlapping ``(start, end)`` spans of site chrome in ``text``.

    Each span covers one whole line without its newline; the text is not modified.
    """
    lines = split_lines(text)
    marked = {i for i, line in enumerate(lines) if is_chrome_line(line.text)}
    marked |= _tweet_texts(lines)
    marked |= _neighbour_headlines(lines, marked)
    return tuple((lines[i].start, lines[i].end) for i in sorted(marked) if not lines[i].blank)
