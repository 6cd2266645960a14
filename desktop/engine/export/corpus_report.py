"""The report on a whole set of articles: one self-contained HTML page, readable at any size.

A small set gets everything inline: the overlap matrix, every pair's shared passages and
every passage family in full. A large set gets the same sections summarised, so that the
page stays a few megabytes a browser opens at once instead of tens of megabytes of diffs:

* past :data:`MATRIX_MAX_ARTICLES` articles the matrix gives way to a table of the pairs
  that share most, ranked by words shared (:data:`PAIR_ROWS` rows at most);
* only the :data:`PAIRS_IN_FULL` pairs that share the most words have their passages in
  full; the other pairs that share passages are rows of figures;
* only the :data:`FAMILIES_IN_FULL` largest families are shown in full, each with at most
  :data:`VERSIONS_IN_FULL` versions, and the overview lists :data:`FAMILY_ROWS` at most;
* the quote check likewise: :data:`QUOTES_IN_FULL` shared statements in full, :data:`QUOTE_ROWS`
  in its overview.

Every place that leaves something out says how much, and where to get it (:data:`GET_PAIR`).
Article text is untrusted: every piece goes through :mod:`.marks` (escaped, bidi-isolated).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..align.quotes import quote_check
from ..align.text import collapse_space, excerpt
from ..bidi import isolate
from ..figures import percent, similarity
from ..marking import member_diff
from ..model import Article, CorpusAlignment, Family, Kind, PairAlignment
from .css import page
from .html_parts import (
    counts_html,
    file_name_of,
    generated_html,
    key_html,
    label_of,
    legend,
    passage_cards,
    prose_words,
    settings_html,
    title_of,
)
from .marks import bdi, bdi_markup, esc, unified
from .quotes_html import presence_head, presence_row, presence_table, quotes_section

__all__ = ["render_corpus_html"]

MATRIX_MAX_ARTICLES = 40  # a matrix up to this many articles; past it, a ranked table of pairs
PAIRS_IN_FULL = 50  # pairs whose passages are shown in full, those sharing the most words
PAIR_ROWS = 500  # pairs listed with their figures at most, in a ranked table
FAMILIES_IN_FULL = 40  # families shown in full, largest first
VERSIONS_IN_FULL = 20  # versions of one family shown in full, the central one first
FAMILY_ROWS = 200  # families in the overview table at most, largest first
QUOTES_IN_FULL = 40  # shared quoted statements shown in full, those in the most articles
QUOTE_ROWS = 200  # shared quoted statements in the overview table at most

# Longest family labels, ellipsis included: as a heading, and in the overview table.
FAMILY_HEADING_CHARS = 161
FAMILY_ROW_CHARS = 81

MATRIX_CAPTION = (
    "Each cell: the share of the row article's words (boilerplate left out) that lie inside "
    "passages it shares with the column article. Click a number to see the passages."
)
RANKED_CAPTION = (
    "Pairs ranked by words shared: the words inside the passages the two articles share (the "
    "mean of the two articles' counts, which differ where the wording does). Shared: the share "
    "of each article's words (boilerplate left out) inside those passages."
)
GET_PAIR = (
    "To see any pair in full, export it on its own: in Syndiff choose the two articles and use "
    "File › Export Pair as HTML (Ctrl+E), or run <code>syndiff-cli export FILE_A FILE_B --html "
    "pair.html</code> with the same settings. Every pair's passages are in the JSON export (File › "
    "Export JSON, or <code>syndiff-cli align FILES --json out.json</code>) and in the Parquet tables "
    "(<code>syndiff-cli align FILES --parquet DIR</code>)."
)
GET_FAMILIES = (
    "Every family with every version: <code>syndiff-cli families FILES --json out.json</code>; "
    "the quote check in full: <code>syndiff-cli quotes FILES --html quotes.html</code>."
)
FAMILY_KEY = (
    "● central version; V, E, P: verbatim, edited or paraphrased relative to it. Below, each "
    "version underlines its words that are not in the central version; verbatim and edited "
    "versions also show struck through the central version's words they lack. Loose "
    "paraphrases, which share few words with it, are shown as published, unmarked."
)
NO_PAIRS = '<p class="empty">No two articles share a passage under these settings.</p>'
CONTENTS = " · ".join(
    f'<a href="#{anchor}">{name}</a>'
    for anchor, name in (
        ("articles", "Articles"),
        ("overlap", "Overlap"),
        ("families", "Passage families"),
        ("quotes", "Quotes"),
        ("pairs", "Pair by pair"),
    )
)


@dataclass(frozen=True, slots=True)
class _Linked:
    """A pair that shares passages, by its articles' numbers in the set (``i < j``)."""

    i: int
    j: int
    pair: PairAlignment  # oriented from article i to article j
    words: int  # words shared: the mean of the two sides' counts inside the passages

    @property
    def anchor(self) -> str:
        return f"pair-{self.i}-{self.j}"

    @property
    def row(self) -> str:
        return f"row-{self.i}-{self.j}"


def _linked(corpus: CorpusAlignment, keys: dict[str, int], words: dict[str, int]) -> list[_Linked]:
    """Every pair that shares passages, in article order (the stored pairs, not every pair
    of the set: at 500 articles most of the 124,750 share nothing)."""
    arts = corpus.articles
    seen = sorted(
        {tuple(sorted((keys[p.a], keys[p.b]))) for p in corpus.pairs if p.a in keys and p.b in keys}
    )
    out = []
    for i, j in seen:
        a, b = arts[i - 1], arts[j - 1]
        pair = corpus.pair(a.id, b.id)
        if i != j and pair.passages:
            shared = (pair.shared_a * words[a.id] + pair.shared_b * words[b.id]) / 2
            out.append(_Linked(i, j, pair, round(shared)))
    return out


def _ranked(linked: list[_Linked]) -> list[_Linked]:
    return sorted(linked, key=lambda x: (-x.words, -x.pair.score, x.i, x.j))


def _shade(share: float) -> float:
    """Background strength of a matrix cell: small overlaps stay visible, none stays blank."""
    return round(min(max(share, 0.0), 1.0) ** 0.6 * 0.75, 3)


def _articles_table(corpus: CorpusAlignment, words: dict[str, int]) -> str:
    stats_of = {s.article: s for s in corpus.stats}
    rows = []
    for n, art in enumerate(corpus.articles, start=1):
        stats = stats_of.get(art.id)
        shared = percent(stats.shared) if stats else "–"
        families = str(stats.families) if stats else "–"
        rows.append(
            f'<tr><td class="num">{key_html(n)}</td><td>{bdi(label_of(art))}</td>'
            f"<td>{bdi(title_of(art))}{_file_line(art)}</td>"
            f'<td class="num">{words[art.id]:,}</td><td class="num">{shared}</td>'
            f'<td class="num">{families}</td></tr>'
        )
    head = (
        '<tr><th class="num">#</th><th>Outlet</th><th>Title</th><th class="num">Words</th>'
        '<th class="num">Shared with others</th><th class="num">Families</th></tr>'
    )
    return f'<table class="articles"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _file_line(article: Article) -> str:
    name = file_name_of(article)
    return f'<div class="meta file">{bdi(name)}</div>' if name else ""


def _matrix(corpus: CorpusAlignment, targets: dict[tuple[int, int], str]) -> str:
    """Every article against every other; a cell links to its pair in full, or to its row."""
    arts = corpus.articles
    head = "".join(f'<th class="num" scope="col">{key_html(n)}</th>' for n in range(1, len(arts) + 1))
    rows = []
    for i, row in enumerate(arts, start=1):
        cells = []
        for j, col in enumerate(arts, start=1):
            if i == j:
                cells.append('<td class="self">—</td>')
                continue
            pair = corpus.pair(row.id, col.id)
            text = percent(pair.shared_a)
            row_name, col_name = isolate(label_of(row)), isolate(label_of(col))
            tip = esc(f"{text} of {row_name}'s words are in passages shared with {col_name}")
            target = targets.get((min(i, j), max(i, j)))
            if pair.passages and target:
                text = f'<a href="#{target}">{text}</a>'
            zero = ' class="zero"' if not pair.passages else ""
            cells.append(f'<td{zero} style="--v:{_shade(pair.shared_a)}" title="{tip}">{text}</td>')
        rows.append(
            f'<tr><th class="row" scope="row">{key_html(i)}{bdi(label_of(row))}</th>{"".join(cells)}</tr>'
        )
    return (
        f'<div class="matrix-wrap"><table class="matrix"><caption class="meta">{MATRIX_CAPTION}</caption>'
        f"<thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _kinds(pair: PairAlignment) -> str:
    counts = pair.counts()
    parts = ", ".join(f"{counts[k]} {k.wording.letter}" for k in Kind if counts[k])
    return f'{len(pair.passages)} <span class="muted">({parts})</span>'


def _pair_table(
    rows: list[_Linked], arts: tuple[Article, ...], full: set[tuple[int, int]], caption: str, first: int = 1
) -> str:
    """Pairs as rows of figures, ranked (the first row has rank ``first``); a pair shown in
    full links to its section."""
    out = []
    for rank, x in enumerate(rows, start=first):
        a, b = arts[x.i - 1], arts[x.j - 1]
        names = f"{key_html(x.i)}{bdi(label_of(a))} and {key_html(x.j)}{bdi(label_of(b))}"
        if (x.i, x.j) in full:
            names = f'<a href="#{x.anchor}">{names}</a>'
        out.append(
            f'<tr id="{x.row}"><td class="num">{rank}</td><td>{names}</td>'
            f'<td class="num">{percent(x.pair.shared_a)}</td><td class="num">{percent(x.pair.shared_b)}</td>'
            f'<td class="num">{_kinds(x.pair)}</td><td class="num">{x.words:,}</td></tr>'
        )
    head = (
        '<tr><th class="num">#</th><th>Pair</th><th class="num">Shared of first</th>'
        '<th class="num">Shared of second</th><th class="num">Passages</th>'
        '<th class="num">Words shared</th></tr>'
    )
    return (
        f'<table class="ranked"><caption class="meta">{caption}</caption><thead>{head}</thead>'
        f"<tbody>{''.join(out)}</tbody></table>"
    )


def _unlisted(count: int) -> str:
    if not count:
        return ""
    noun = "pair shares" if count == 1 else "pairs share"
    return (
        f'<p class="note">{count:,} more {noun} passages, none more words than the last one listed; '
        "they are not listed here. Every pair's passages are in the JSON export and the Parquet tables.</p>"
    )


def _pair_section(x: _Linked, arts: tuple[Article, ...]) -> str:
    a, b, pair = arts[x.i - 1], arts[x.j - 1], x.pair
    shares = (
        f"{percent(pair.shared_a)} of {bdi(label_of(a))} and {percent(pair.shared_b)} of {bdi(label_of(b))}"
    )
    return (
        f'<section class="pair" id="{x.anchor}">'
        f"<h3>{key_html(x.i)}{bdi(label_of(a))} and {key_html(x.j)}{bdi(label_of(b))}</h3>"
        f'<p class="meta">{counts_html(pair.counts())} · {shares} shared</p>'
        f"{passage_cards(a, b, pair, prefix=f'{x.i}-{x.j}-')}</section>"
    )


def _family(n: int, family: Family, corpus: CorpusAlignment, keys: dict[str, int]) -> str:
    """One family: the central version first, then the others marked against it (the first
    :data:`VERSIONS_IN_FULL` of them, by article; the rest named)."""
    c = family.central_member
    ctext = corpus.article(c.article).text
    order = sorted(
        range(len(family.members)),
        key=lambda k: (k != family.central, keys.get(family.members[k].article, 0)),
    )
    items = []
    for k in order[:VERSIONS_IN_FULL]:
        m = family.members[k]
        art = corpus.article(m.article)
        if k == family.central:
            body = bdi(collapse_space(ctext[c.start : c.end]))
            cls, what = "central", "central version"
        else:
            shown = member_diff(m, ctext, art.text)
            flat = bdi(collapse_space(art.text[m.start : m.end]))
            body = bdi_markup(unified(ctext, art.text, shown).strip()) if shown else flat
            cls, what = m.kind.value, f"{m.kind.value} · {similarity(m.score, m.kind)}"
        items.append(
            f'<li class="member {cls}"><div class="who">{key_html(keys.get(m.article, 0))}'
            f'<b>{bdi(label_of(art))}</b> · {esc(what)}</div><div class="quote prose">{body}</div></li>'
        )
    rest = order[VERSIONS_IN_FULL:]
    more = ""
    if rest:
        where = ", ".join(
            f"{keys.get(family.members[k].article, 0)} {family.members[k].kind.wording.letter}" for k in rest
        )
        noun = "version" if len(rest) == 1 else "versions"
        more = f'<p class="note">{len(rest)} more {noun}, not shown in full: in articles {where}.</p>'
    label = bdi(excerpt(family.label, limit=FAMILY_HEADING_CHARS))
    return (
        f'<section class="family" id="family-{n}"><h3>{n}. {label} '
        f'<span class="muted">· in {len(family.articles)} articles</span></h3>'
        f'<ol class="members">{"".join(items)}</ol>{more}</section>'
    )


def _marks(family: Family) -> dict[str, str]:
    marks: dict[str, str] = {}
    for k, m in enumerate(family.members):
        marks.setdefault(m.article, "●" if k == family.central else m.kind.wording.letter)
    return marks


def _families(corpus: CorpusAlignment, keys: dict[str, int]) -> tuple[str, int]:
    """An overview of the families, then the largest in full; and how many are in full."""
    if not corpus.families:
        return '<p class="empty">No passage appears in more than two articles.</p>', 0
    fams = corpus.families
    by_size = sorted(range(len(fams)), key=lambda k: (-len(fams[k].articles), -len(fams[k].members), k))
    listed = sorted(by_size[:FAMILY_ROWS])
    full = set(by_size[:FAMILIES_IN_FULL])
    arts = corpus.articles
    compact = len(arts) > MATRIX_MAX_ARTICLES
    head = presence_head(arts, keys, "In articles" if compact else None)
    rows = []
    for k in listed:
        n, fam = k + 1, fams[k]
        label = bdi(excerpt(fam.label, limit=FAMILY_ROW_CHARS))
        anchor = f"family-{n}" if k in full else None
        rows.append(presence_row(n, label, anchor, _marks(fam), arts, keys, compact))
    where = " (article number, then its mark)" if compact else ""
    caption = f"The same quote or claim across articles{where}. {FAMILY_KEY}"
    overview = presence_table("presence", caption, "Passage", head, rows)
    if len(full) < len(fams):
        unlisted = len(fams) - len(listed)
        also = f"; the {unlisted} smallest are not listed above" if unlisted else ""
        overview += (
            f'<p class="note summarised">The {len(full)} largest of the {len(fams):,} families are shown in '
            f"full below, the other {len(fams) - len(full):,} only in the table{also}. {GET_FAMILIES}</p>"
        )
    return overview + "\n".join(_family(k + 1, fams[k], corpus, keys) for k in sorted(full)), len(full)


def _pairs(corpus: CorpusAlignment, linked: list[_Linked]) -> tuple[str, str, int]:
    """The overlap section, the pair-by-pair section, and how many pairs are in full."""
    arts = corpus.articles
    matrix = len(arts) <= MATRIX_MAX_ARTICLES
    if len(linked) <= PAIRS_IN_FULL:
        targets = {(x.i, x.j): x.anchor for x in linked}
        overlap = _matrix(corpus, targets) if matrix else _ranked_overlap(linked, arts, set(targets))
        return overlap, "\n".join(_pair_section(x, arts) for x in linked) or NO_PAIRS, len(linked)
    ranked = _ranked(linked)
    shown, rest = ranked[:PAIRS_IN_FULL], ranked[PAIRS_IN_FULL:]
    full = {(x.i, x.j) for x in shown}
    sections = "\n".join(_pair_section(x, arts) for x in shown)
    if matrix:
        listed = rest[:PAIR_ROWS]
        targets = {(x.i, x.j): x.anchor for x in shown} | {(x.i, x.j): x.row for x in listed}
        where = "in the table below"
        caption = f"The other pairs that share passages. {RANKED_CAPTION}"
        table = _pair_table(listed, arts, full, caption, first=len(shown) + 1)
        after = f'<h3 id="other-pairs">Other pairs</h3>{table}{_unlisted(len(rest) - len(listed))}'
        overlap = _matrix(corpus, targets)
    else:
        where = 'in the table under <a href="#overlap">Overlap</a>'
        after = ""
        overlap = _ranked_overlap(linked, arts, full)
    note = (
        f'<p class="note summarised">The {len(shown)} pairs that share the most words are shown in full '
        f"below, most first; the other {len(rest):,} pairs that share passages are summarised {where}, "
        f"with their figures only. {GET_PAIR}</p>"
    )
    return overlap, note + sections + after, len(shown)


def _ranked_overlap(linked: list[_Linked], arts: tuple[Article, ...], full: set[tuple[int, int]]) -> str:
    """In place of a matrix too large to read: the pairs that share most."""
    ranked = _ranked(linked)
    if not ranked:
        return NO_PAIRS
    listed = ranked[:PAIR_ROWS]
    caption = (
        f"Pairs that share most. With more than {MATRIX_MAX_ARTICLES} articles a matrix would be "
        f"too large to read. {RANKED_CAPTION} A pair whose names are a link is shown in full under "
        "Pair by pair."
    )
    return _pair_table(listed, arts, full, caption) + _unlisted(len(ranked) - len(listed))


def render_corpus_html(corpus: CorpusAlignment, *, generated: datetime | None = None) -> str:
    """The whole set as one self-contained HTML document.

    Articles, the overlap matrix (or, for a large set, the pairs that share most), the
    passage families (each outlet's version compared with the family's central one), the
    quote check (every quoted statement and how each outlet carries it) and the pairs'
    shared passages: in full for a small set, summarised past the limits above.
    """
    arts = corpus.articles
    keys = {a.id: n for n, a in enumerate(arts, start=1)}
    words = {a.id: prose_words(a) for a in arts}
    linked = _linked(corpus, keys, words)
    counts = {k: 0 for k in Kind}
    for x in linked:
        for kind, value in x.pair.counts().items():
            counts[kind] += value
    total = len(arts) * (len(arts) - 1) // 2
    overlap, pairs, pairs_in_full = _pairs(corpus, linked)
    families, families_in_full = _families(corpus, keys)
    statements = quote_check(corpus)
    large = len(arts) > MATRIX_MAX_ARTICLES
    quotes = quotes_section(corpus, statements, keys, in_full=QUOTES_IN_FULL, rows=QUOTE_ROWS, compact=large)
    shared_quotes = sum(1 for q in statements if len(q.articles) > 1)
    summarised = []
    if large:
        summarised.append("the pairs that share most are ranked in a table instead of a matrix")
    if pairs_in_full < len(linked):
        summarised.append(f"{pairs_in_full} of the {len(linked):,} pairs that share passages are in full")
    if families_in_full < len(corpus.families):
        summarised.append(f"{families_in_full} of the {len(corpus.families):,} families are in full")
    if shared_quotes > QUOTES_IN_FULL:
        summarised.append(f"{QUOTES_IN_FULL} of the {shared_quotes:,} shared quoted statements are in full")
    note = ""
    if summarised:
        note = (
            f'<p class="note summarised">A large set, summarised to stay readable: {"; ".join(summarised)}. '
            "Each section says what it leaves out and where to find it.</p>"
            f'<nav class="contents" aria-label="Sections">{CONTENTS}</nav>'
        )
    header = (
        f'<header><p class="kicker">Syndiff corpus report</p><h1>{len(arts)} articles compared</h1>'
        f'<div class="summary">{counts_html(counts)}'
        f'<span class="stat"><b>{len(linked):,}</b> of {total:,} pairs share passages</span>'
        f'<span class="stat"><b>{len(corpus.families):,}</b> passage families</span>'
        f'<span class="meta">Generated {generated_html(generated)}</span></div>{note}'
        f"{settings_html(corpus.settings)}"
        f"{legend(cards=True, manual=any(p.manual for q in corpus.pairs for p in q.passages))}</header>"
    )
    body = (
        f'<main><h2 id="articles">Articles</h2>{_articles_table(corpus, words)}'
        f'<h2 id="overlap">Overlap</h2>{overlap}'
        f'<h2 id="families">Passage families</h2>{families}'
        f'<h2 id="quotes">Quotes</h2>{quotes}'
        f'<h2 id="pairs">Pair by pair</h2>{pairs}</main>'
    )
    return page(f"Syndiff: {len(arts)} articles compared", "corpus-report", header + body)
