"""Checks every HTML export must pass, and small articles and passages the export tests share.

Documents are read twice: with the standard library's tokenizer (which sees exactly the
tags and attributes a browser's tokenizer would, and lets us check nesting) and with lxml
for tree queries.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import lxml.html

from desktop.engine.align.worddiff import word_diff
from desktop.engine.export.css import CSS, SCRIPT
from desktop.engine.model import Article, Kind, PairAlignment, Passage, Settings

WHEN = datetime(2024, 5, 6, 7, 8, tzinfo=UTC)
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"}
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "nav", "section", "article",
    "div", "p", "span", "a", "b", "h1", "h2", "h3", "ul", "ol", "li", "dl", "dt", "dd", "table",
    "caption", "thead", "tbody", "tr", "th", "td", "del", "ins", "time", "script", "details", "summary",
    "bdi",
}  # fmt: skip
HOSTILE = [
    "<script>document.title='pwned'</script>",
    '"><img src=x onerror=alert(1)>',
    "</style><b>bold</b>",
    "&amp; &lt;",
    "<!-- open comment",
    "</p></span></div>",
    "\u2028 line sep",
]


def flat(text: str) -> str:
    return " ".join(text.split())


class Tokens(HTMLParser):
    """Every start tag with its attributes, raw-text element contents, comments; nesting checked."""

    def __init__(self, doc: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": [], "title": []}
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.feed(doc)
        self.close()
        if self.stack != []:
            self.problems.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in self.raw:
            self.raw[self.stack[-1]].append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def check_document(doc: str) -> Tokens:
    """Assertions every export must pass; returns the tokens for further checks."""
    toks = Tokens(doc)
    assert toks.problems == []
    assert toks.comments == []
    assert {tag for tag, _ in toks.tags} <= ALLOWED_TAGS
    assert [tag for tag, _ in toks.tags].count("script") == 1
    assert [tag for tag, _ in toks.tags].count("style") == 1
    assert "".join(toks.raw["script"]) == SCRIPT
    assert "".join(toks.raw["style"]) == CSS
    for tag, attrs in toks.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs
        href = attrs.get("href")
        assert href is None or re.fullmatch(r"#[\w-]+", href), href
    tree = lxml.html.document_fromstring(doc)
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique"
    for href in tree.xpath("//a/@href"):
        assert tree.get_element_by_id(href[1:], None) is not None, f"{href} points nowhere"
    return toks


def tree_of(doc: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(doc)


def text_without_badges(el: lxml.html.HtmlElement) -> str:
    el = lxml.html.fromstring(lxml.html.tostring(el, with_tail=False))  # a copy, so the caller's tree is kept
    for badge in el.xpath(".//a[contains(@class, 'badge')]"):
        badge.drop_tree()
    return flat(el.text_content())


def art(article_id: str, text: str, **kwargs: object) -> Article:
    fields: dict[str, object] = {"title": f"Title {article_id}", "outlet": f"Outlet {article_id}"}
    fields.update(kwargs)
    return Article(id=article_id, text=text, **fields)  # type: ignore[arg-type]


def passage(
    a: Article, b: Article, a_part: str, b_part: str, kind: Kind = Kind.EDITED, score: float = 0.8
) -> Passage:
    """A passage over the first occurrence of ``a_part`` in A and ``b_part`` in B."""
    sa, sb = a.text.index(a_part), b.text.index(b_part)
    ea, eb = sa + len(a_part), sb + len(b_part)
    return Passage(sa, ea, sb, eb, kind, score, word_diff(a.text, sa, ea, b.text, sb, eb, Settings()))


def pair_of(
    a: Article, b: Article, *passages: Passage, shared: tuple[float, float] = (0.5, 0.4)
) -> PairAlignment:
    return PairAlignment(a.id, b.id, tuple(sorted(passages, key=lambda p: p.a_start)), *shared)
