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

from desktop.engine.align.text import word_count
from desktop.engine.align.worddiff import word_diff
from desktop.engine.export.css import CSS, SCRIPT
from desktop.engine.model import (
    Article,
    CorpusAlignment,
    DiffOp,
    Family,
    FamilyMember,
    Kind,
    PairAlignment,
    Passage,
    Settings,
)

WHEN = datetime(2024, 5, 6, 7, 8, tzinfo=UTC)
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"}
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "nav", "section", "article",
    "div", "p", "span", "a", "b", "h1", "h2", "h3", "ul", "ol", "li", "dl", "dt", "dd", "table",
    "caption", "thead", "tbody", "tr", "th", "td", "del", "ins", "time", "script", "details", "summary",
    "bdi", "code",
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


# --------------------------------------------------------------------------- a large set

SHARED_SENTENCES = [
    "The regional council voted on Tuesday to close the old bridge to heavy traffic from June.",
    "Engineers found cracks in two of the supporting piers during an inspection last winter.",
    "A temporary crossing will be built downstream while the repairs go ahead over two years.",
    "Local businesses warned that the detour would add half an hour to every delivery route.",
    "The council said the cost of the work would be shared with the national roads agency.",
    "Residents will be invited to a public meeting at the town hall next month to ask questions.",
]


def _variant(sentence: str, k: int) -> str:
    """Odd articles carry an edited version of each shared sentence."""
    return sentence.replace(" the ", " that ", 1) if k % 2 else sentence


def _shifted(ops: tuple[DiffOp, ...], da: int, db: int) -> tuple[DiffOp, ...]:
    return tuple(DiffOp(o.op, o.a_start + da, o.a_end + da, o.b_start + db, o.b_end + db) for o in ops)


def large_corpus(n: int, *, families: int = 0) -> CorpusAlignment:
    """``n`` articles where every pair shares passages, built without the aligner.

    Article ``k`` carries the first ``1 + k % 6`` of :data:`SHARED_SENTENCES` (odd articles
    an edited version of each) and a closing line of its own, so pairs share from one to six
    passages and differ in words shared. ``families`` families each have a version in every
    article (the first shared sentence), for the caps on families and versions.
    """
    articles = []
    spans: list[list[tuple[int, int]]] = []
    for k in range(n):
        parts = [_variant(s, k) for s in SHARED_SENTENCES[: 1 + k % len(SHARED_SENTENCES)]]
        parts.append(f"Article {k} closes with a line of its own about street number {k}.")
        text, where = "", []
        for part in parts:
            where.append((len(text), len(text) + len(part)))
            text += part + "\n"
        articles.append(Article(id=f"n{k}", text=text, title=f"Bridge story {k}", outlet=f"Outlet {k}"))
        spans.append(where)
    diffs: dict[tuple[int, int, int], tuple[DiffOp, ...]] = {}  # (sentence, parity a, parity b)
    words = [word_count(a.text) for a in articles]
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            a, b = articles[i], articles[j]
            passages = []
            for s in range(min(1 + i % 6, 1 + j % 6)):
                key = (s, i % 2, j % 2)
                if key not in diffs:
                    x, y = _variant(SHARED_SENTENCES[s], i), _variant(SHARED_SENTENCES[s], j)
                    diffs[key] = word_diff(x, 0, len(x), y, 0, len(y), Settings())
                (sa, ea), (sb, eb) = spans[i][s], spans[j][s]
                same = i % 2 == j % 2
                kind, score = (Kind.VERBATIM, 1.0) if same else (Kind.EDITED, 0.9)
                passages.append(Passage(sa, ea, sb, eb, kind, score, _shifted(diffs[key], sa, sb)))
            shared_a = sum(word_count(a.text, p.a_start, p.a_end) for p in passages) / words[i]
            shared_b = sum(word_count(b.text, p.b_start, p.b_end) for p in passages) / words[j]
            pairs.append(PairAlignment(a.id, b.id, tuple(passages), shared_a, shared_b))
    fams = []
    for f in range(families):
        first = [FamilyMember(a.id, *spans[k][0], Kind.VERBATIM, 1.0) for k, a in enumerate(articles)]
        fams.append(Family(f"f{f}", f"Family {f}: {SHARED_SENTENCES[0]}", tuple(first)))
    return CorpusAlignment(tuple(articles), Settings(), tuple(pairs), tuple(fams))
