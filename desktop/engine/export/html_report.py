"""Self-contained HTML exports of a pair comparison and of a whole set of articles.

One file, inline style and script, nothing loaded from anywhere: it opens offline, can be
mailed or archived, and prints. Article text, titles and outlets are untrusted and every
piece is escaped (:mod:`.marks`); the page's Content-Security-Policy
(:mod:`.css`) is a second wall behind the escaping. The report on a whole set is
:mod:`.corpus_report`; the pieces both share are in :mod:`.html_parts`.
"""

from __future__ import annotations

from datetime import datetime

from ..align.text import excerpt
from ..bidi import strip_bidi_controls
from ..figures import percent, similarity
from ..marking import passage_diff
from ..model import Article, CorpusAlignment, PairAlignment, Settings
from .corpus_report import render_corpus_html
from .css import page
from .html_parts import (
    EXCERPT_CHARS,
    LINK_HELP_CARDS,
    LINK_HELP_COLUMNS,
    MANUAL_WORDS,
    NO_PASSAGES,
    badge_text,
    change_badges,
    counts_html,
    file_name_of,
    generated_html,
    label_of,
    legend,
    passage_cards,
    passage_classes,
    prose_words,
    settings_html,
    title_of,
    typed_changes,
)
from .marks import INVALID, Mark, bdi, boilerplate_marks, change_marks, render_text

__all__ = ["LINK_HELP_CARDS", "LINK_HELP_COLUMNS", "html_document", "render_corpus_html", "render_pair_html"]


def _side_card(label: str, article: Article, share: float) -> str:
    width = min(max(share, 0.0), 1.0) * 100
    name = file_name_of(article)
    source = f' · <span class="file">{bdi(name)}</span>' if name else ""
    return (
        f'<div class="side-card"><div class="kicker">Article {label} · {bdi(label_of(article))}</div>'
        f'<div class="title">{bdi(title_of(article))}</div>'
        f'<div class="meta">{prose_words(article):,} words · <b>{percent(share)}</b> shared with the other'
        f'<span class="bar" aria-hidden="true"><span style="width:{width:.1f}%"></span></span>'
        f"{source}</div></div>"
    )


def _passage_table(a: Article, b: Article, alignment: PairAlignment) -> str:
    rows = []
    for n, p in enumerate(alignment.passages, start=1):
        text_a = bdi(excerpt(a.text, p.a_start, p.a_end, EXCERPT_CHARS))
        text_b = bdi(excerpt(b.text, p.b_start, p.b_end, EXCERPT_CHARS))
        rows.append(
            f'<tr><td class="num"><a href="#pa-{n}">{n}</a></td>'
            f"<td>{p.kind.value}{' (manual)' if p.manual else ''}</td>"
            f'<td class="num">{similarity(p.score, p.kind)}</td>'
            f'<td class="changes">{change_badges(typed_changes(p, a, b))}</td>'
            f'<td class="excerpt"><a href="#pa-{n}">{text_a}</a></td>'
            f'<td class="excerpt"><a href="#pb-{n}">{text_b}</a></td></tr>'
        )
    head = (
        '<tr><th class="num">#</th><th>Kind</th><th class="num">Similarity</th><th>Changes</th>'
        f"<th>A · {bdi(label_of(a))}</th><th>B · {bdi(label_of(b))}</th></tr>"
    )
    return f'<table class="passages"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _column(side: str, article: Article, other_article: Article, alignment: PairAlignment) -> str:
    """One article's full text with its passages, changes and boilerplate marked."""
    other = "b" if side == "a" else "a"
    spans = [p.a_span if side == "a" else p.b_span for p in alignment.passages]
    outer: list[Mark] = boilerplate_marks(article, spans)
    inner: list[Mark] = []
    for n, p in enumerate(alignment.passages, start=1):
        start, end = p.a_span if side == "a" else p.b_span
        cls = f"passage {passage_classes(p)}"
        how = f"{p.kind.value} passage {n}{', ' + MANUAL_WORDS if p.manual else ''}"
        first = (
            f'<span class="{cls}" id="p{side}-{n}" data-pair="{n}" tabindex="0">'
            f'<a class="badge" href="#p{other}-{n}" title="{how}: '
            f'go to article {other.upper()}">{badge_text(p, n)}</a>'
        )
        outer.append(Mark(start, end, first, f'<span class="{cls} cont" data-pair="{n}">', "</span>"))
        a, b = (article, other_article) if side == "a" else (other_article, article)
        inner.extend(change_marks(article.text, passage_diff(p, a, b), side, typed_changes(p, a, b)))
    text = render_text(article.text, 0, len(article.text), outer, inner)
    return (
        f'<section class="column column-{side}" aria-label="Article {side.upper()}">'
        f'<div class="column-head"><span class="key">{side.upper()}</span>{bdi(label_of(article))}: '
        f'{bdi(title_of(article))}</div><div class="prose">{text}</div></section>'
    )


def render_pair_html(
    a: Article,
    b: Article,
    alignment: PairAlignment,
    settings: Settings,
    *,
    changes_only: bool = False,
    generated: datetime | None = None,
) -> str:
    """The comparison of ``a`` and ``b`` as one self-contained HTML document.

    The full view shows both texts side by side with every shared passage marked; with
    ``changes_only`` only the shared passages are listed, one under another.
    """
    chrome = not changes_only and bool(a.boilerplate or b.boilerplate)
    manual = any(p.manual for p in alignment.passages)
    sides = _side_card("A", a, alignment.shared_a) + _side_card("B", b, alignment.shared_b)
    header = (
        f'<header><p class="kicker">Syndiff comparison{" · changes only" if changes_only else ""}</p>'
        f'<h1>{bdi(label_of(a))} and {bdi(label_of(b))}</h1><div class="sides">{sides}</div>'
        f'<div class="summary">{counts_html(alignment.counts())}'
        f'<span class="meta">Generated {generated_html(generated)}</span></div>'
        f"{settings_html(settings)}"
        f"{legend(boilerplate=chrome, cards=changes_only, manual=manual)}</header>"
    )
    if changes_only:
        main = f"<main><h2>Shared passages</h2>{passage_cards(a, b, alignment)}</main>"
    else:
        table = _passage_table(a, b, alignment) if alignment.passages else NO_PASSAGES
        columns = _column("a", a, b, alignment) + _column("b", b, a, alignment)
        main = (
            f'<nav aria-label="Passages"><h2>Passages</h2>{table}</nav>'
            f'<main><h2>Side by side</h2><div class="columns">{columns}</div></main>'
        )
    # Window and tab titles may be drawn without bidi isolation: controls are dropped.
    title = INVALID.sub("\ufffd", strip_bidi_controls(f"Syndiff: {title_of(a)} — {title_of(b)}"))
    return page(title, "pair-report", header + main)


# --------------------------------------------------------------------------- corpus


def html_document(
    corpus: CorpusAlignment,
    pair: tuple[str, str] | None = None,
    *,
    changes_only: bool = False,
    generated: datetime | None = None,
) -> str:
    """The HTML export: the comparison of ``pair`` (two article ids of ``corpus``, A then
    B), or without a pair the report on the whole set.

    ``changes_only`` (a pair only) lists just the shared passages.
    """
    if pair is None:
        if changes_only:
            raise ValueError("changes_only applies to a pair")
        return render_corpus_html(corpus, generated=generated)
    a, b = corpus.article(pair[0]), corpus.article(pair[1])
    return render_pair_html(
        a, b, corpus.pair(a.id, b.id), corpus.settings, changes_only=changes_only, generated=generated
    )
