"""The quote check as HTML: a section of the corpus report, or a page of its own.

Every piece of article text goes through :func:`~.marks.esc`, inside ``<bdi>`` (:func:`~.marks.bdi`)
so that right-to-left text or controls in a name or a quote cannot reorder the page around
it; a version's differences from the reference version are drawn by :func:`~.marks.unified`,
as the families' are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..align.text import excerpt
from ..figures import percent
from ..labels import article_label
from ..marking import whole_words
from ..model import Article, CorpusAlignment, QuotedStatement, QuoteUse, QuoteVersion
from .css import page
from .html_parts import key_html
from .marks import bdi, bdi_markup, esc, unified

ROW_CHARS = 81
TITLE_CHARS = 90
HEADING_CHARS = 161
ROW_KEYS = 30  # articles named in one row of a compact overview
USE_WORDS = {
    QuoteUse.VERBATIM: ("V", "verbatim", "in quotation marks, word for word"),
    QuoteUse.ALTERED: ("A", "altered", "in quotation marks, with words changed, added or dropped"),
    QuoteUse.PARAPHRASED: ("P", "paraphrased", "the same words or claim without quotation marks"),
}
CAPTION = (
    "Every statement quoted in at least two articles, and how each outlet carries it, compared "
    "with a reference version (●: the wording most outlets quote word for word, or the longest "
    "quote when no two agree, which does not make it the speaker's): V verbatim, "
    "A altered, P paraphrased without quotation marks. Quoting less or more of a statement is "
    "not altering it. Below, each version underlines its words that are not in the reference "
    "and strikes through the reference's words it lacks (paraphrases: only its own words)."
)


def _name(corpus: CorpusAlignment, article_id: str) -> str:
    return article_label(corpus.article(article_id))


def _body(statement: QuotedStatement, version: QuoteVersion) -> str:
    """A version's text, its part in common with the reference marked against it."""
    if version is statement.reference_version or not version.diff:
        return bdi(version.text)
    ref = statement.reference_version.text
    start, end = version.core
    ops = whole_words(version.diff, ref, version.text)
    marked = unified(ref, version.text, ops, deletions=version.use is not QuoteUse.PARAPHRASED)
    lead, tail = version.text[:start].strip(), version.text[end:].strip()
    parts = [esc(lead), marked.strip(), esc(tail)]
    return bdi_markup(" ".join(p for p in parts if p))


def _statement(n: int, statement: QuotedStatement, corpus: CorpusAlignment, keys: dict[str, int]) -> str:
    order = sorted(
        range(len(statement.versions)),
        key=lambda k: (k != statement.reference, keys.get(statement.versions[k].article, 0)),
    )
    items = []
    for k in order:
        v = statement.versions[k]
        letter, word, _ = USE_WORDS[v.use]
        if k == statement.reference:
            cls, what = "central", "reference version"
        else:
            cls, what = f"use-{v.use.value}", f"{word} · {percent(v.score)} of the words kept"
        items.append(
            f'<li class="member {cls}"><div class="who">{key_html(keys.get(v.article, 0))}'
            f"<b>{bdi(_name(corpus, v.article))}</b> · {esc(what)}</div>"
            f'<div class="quote prose">{_body(statement, v)}</div></li>'
        )
    label = bdi(excerpt(statement.label, limit=HEADING_CHARS))
    flag = ' <span class="flag">altered by some</span>' if statement.altered else ""
    return (
        f'<section class="family quote-statement" id="quote-{n}"><h3>{n}. “{label}”{flag} '
        f'<span class="muted">· in {len(statement.articles)} articles</span></h3>'
        f'<ol class="members">{"".join(items)}</ol></section>'
    )


def presence_head(articles: Sequence[Article], keys: dict[str, int], compact: str | None) -> str:
    """The article columns of an overview table: one per article, or one ``compact`` column."""
    if compact is not None:
        return f"<th>{compact}</th>"
    return "".join(f'<th class="num">{key_html(keys[a.id])}</th>' for a in articles)


def presence_row(
    n: int,
    label: str,
    anchor: str | None,
    marks: dict[str, str],
    articles: Sequence[Article],
    keys: dict[str, int],
    compact: bool,
) -> str:
    """One row of an overview table: its number, its label (a link to ``anchor`` when it is
    shown in full) and each article's mark."""
    if compact:
        cells = where_cell(marks, keys)
    else:
        cells = "".join(f'<td class="mark">{marks.get(a.id, "")}</td>' for a in articles)
    if anchor is not None:
        label = f'<a href="#{anchor}">{label}</a>'
    return f'<tr><td class="num">{n}</td><td>{label}</td>{cells}</tr>'


def presence_table(classes: str, caption: str, first: str, head: str, rows: Sequence[str]) -> str:
    """An overview table (``caption`` is markup) of rows from :func:`presence_row`."""
    return (
        f'<table class="{classes}"><caption class="meta">{caption}</caption>'
        f'<thead><tr><th class="num">#</th><th>{first}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def where_cell(marks: dict[str, str], keys: dict[str, int], limit: int = ROW_KEYS) -> str:
    """A compact overview cell: each article's number and mark ("12 ●, 40 E"), the first
    ``limit`` of them, in article order."""
    named = [f"{keys.get(a, 0)} {m}" for a, m in sorted(marks.items(), key=lambda kv: keys.get(kv[0], 0))]
    more = f" … {len(named) - limit} more" if len(named) > limit else ""
    return f'<td class="where">{esc(", ".join(named[:limit]))}{more}</td>'


def quotes_section(
    corpus: CorpusAlignment,
    statements: tuple[QuotedStatement, ...],
    keys: dict[str, int],
    *,
    in_full: int | None = None,
    rows: int | None = None,
    compact: bool = False,
) -> str:
    """An article-by-statement overview, each shared statement in full, then the statements
    only one outlet quotes, listed.

    For a large set: ``in_full`` shows only that many shared statements in full and ``rows``
    lists only that many in the overview, those carried by the most articles first;
    ``compact`` names each statement's articles in one cell instead of a column per article.
    """
    shared = [q for q in statements if len(q.articles) > 1]
    alone = [q for q in statements if len(q.articles) == 1]
    if not statements:
        return '<p class="empty">No article quotes a statement.</p>'
    out = []
    if shared:
        by_size = sorted(range(len(shared)), key=lambda k: (-len(shared[k].articles), k))
        full = set(by_size[:in_full] if in_full is not None else by_size)
        listed = sorted(by_size[:rows] if rows is not None else by_size)
        head = presence_head(
            corpus.articles, keys, "In articles (article number, then its mark)" if compact else None
        )
        lines = []
        for k in listed:
            n, q = k + 1, shared[k]
            marks: dict[str, str] = {}
            for i, v in enumerate(q.versions):
                marks.setdefault(v.article, "●" if i == q.reference else USE_WORDS[v.use][0])
            label = bdi(excerpt(q.label, limit=ROW_CHARS))
            anchor = f"quote-{n}" if k in full else None
            lines.append(presence_row(n, label, anchor, marks, corpus.articles, keys, compact))
        out.append(presence_table("presence quotes", esc(CAPTION), "Statement", head, lines))
        if len(full) < len(shared):
            unlisted = len(shared) - len(listed)
            also = f"; the {unlisted} carried by the fewest are not listed above" if unlisted else ""
            which = "statement" if len(full) == 1 else f"{len(full)} statements"
            out.append(
                f'<p class="note summarised">The {which} carried by the most articles '
                f"{'is' if len(full) == 1 else 'are'} shown in full below, the other "
                f"{len(shared) - len(full)} only in the table{also}. The quote check in full: "
                "<code>syndiff-cli quotes FILES --html quotes.html</code>.</p>"
            )
        out.extend(_statement(k + 1, shared[k], corpus, keys) for k in sorted(full))
    else:
        out.append('<p class="empty">No statement is quoted or carried by more than one article.</p>')
    if alone:
        items = "".join(
            f"<li>{key_html(keys.get(v.article, 0))}<b>{bdi(_name(corpus, v.article))}</b>: "
            f"“{bdi(excerpt(q.label, limit=HEADING_CHARS))}”</li>"
            for q in alone
            for v in q.versions[:1]
        )
        noun = "statement" if len(alone) == 1 else "statements"
        out.append(
            f'<details class="alone"><summary>{len(alone)} {noun} quoted by one outlet only</summary>'
            f'<ul class="alone-list">{items}</ul></details>'
        )
    return "\n".join(out)


def render_quotes_html(
    corpus: CorpusAlignment, statements: tuple[QuotedStatement, ...], *, generated: datetime | None = None
) -> str:
    """The quote check of ``corpus`` as one self-contained page."""
    keys = {a.id: n for n, a in enumerate(corpus.articles, start=1)}
    when = generated or datetime.now().astimezone()
    shared = sum(1 for q in statements if len(q.articles) > 1)
    altered = sum(1 for q in statements if q.altered)
    arts = "".join(
        f"<li>{key_html(keys[a.id])}<b>{bdi(article_label(a))}</b>: {bdi(a.title or a.id)}</li>"
        for a in corpus.articles
    )
    uses = "".join(
        f'<li><span class="use-swatch use-{u.value}">{letter}</span> {esc(word)}: {esc(meaning)}</li>'
        for u, (letter, word, meaning) in USE_WORDS.items()
    )
    header = (
        f'<header><p class="kicker">Syndiff quote check</p><h1>{len(statements)} quoted statements '
        f"in {len(corpus.articles)} articles</h1>"
        f'<div class="summary"><span class="stat"><b>{shared}</b> quoted or carried by several outlets</span>'
        f'<span class="stat"><b>{altered}</b> altered by some outlet</span>'
        f'<span class="meta">Generated <time datetime="{esc(when.isoformat(timespec="seconds"))}">'
        f"{esc(when.strftime('%Y-%m-%d %H:%M'))}</time></span></div>"
        f'<section class="legend" aria-label="Legend"><ul>{uses}</ul></section>'
        f'<ul class="article-keys">{arts}</ul></header>'
    )
    body = f'<main><h2 id="quotes">Quotes</h2>{quotes_section(corpus, statements, keys)}</main>'
    return page(f"Syndiff: quote check of {len(corpus.articles)} articles", "quotes-report", header + body)
