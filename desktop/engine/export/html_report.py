"""Self-contained HTML exports of a pair comparison and of a whole set of articles.

One file, inline style and script, nothing loaded from anywhere: it opens offline, can be
mailed or archived, and prints. Article text, titles and outlets are untrusted and every
piece is escaped (:mod:`.marks`); the page's Content-Security-Policy
(:mod:`.css`) is a second wall behind the escaping.
"""

from __future__ import annotations

from datetime import datetime

from ..align.changes import ORDER, changes_of, counts, describe
from ..align.quotes import quote_check
from ..align.text import collapse_space, excerpt, word_count
from ..bidi import isolate, strip_bidi_controls
from ..labels import article_label
from ..marking import member_diff, passage_diff
from ..model import (
    Article,
    Change,
    ChangeType,
    CorpusAlignment,
    Family,
    Kind,
    PairAlignment,
    Passage,
    Settings,
)
from .css import page
from .marks import (
    INVALID,
    Mark,
    bdi,
    bdi_markup,
    boilerplate_marks,
    change_marks,
    esc,
    render_text,
    unified,
)
from .quotes_html import quotes_section

__all__ = ["html_document", "render_corpus_html", "render_pair_html"]

# Longest excerpts, ellipsis included: a passage in the passage table, a family's label
# as its heading and in the overview table.
EXCERPT_CHARS = 111
FAMILY_HEADING_CHARS = 161
FAMILY_ROW_CHARS = 81

MATRIX_CAPTION = (
    "Each cell: the share of the row article's words (boilerplate left out) that lie inside "
    "passages it shares with the column article. Click a number to see the passages."
)
_NO_PASSAGES = '<p class="empty">These articles share no passages under these settings.</p>'
MANUAL_MARK = "✎"  # after the badge of a passage linked by hand
MANUAL_WORDS = "linked by hand"

# --------------------------------------------------------------------------- shared pieces


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _words(article: Article) -> int:
    """Words outside boilerplate, the base of the shared shares."""
    chrome = sum(word_count(article.text, s, e) for s, e in article.boilerplate)
    return max(word_count(article.text) - chrome, 0)


def _name(article: Article) -> str:
    return article_label(article)


def _title(article: Article) -> str:
    return article.title or article.id


def _key(n: int) -> str:
    return f'<span class="key">{n}</span>'


def _generated_html(generated: datetime | None) -> str:
    when = generated or datetime.now().astimezone()
    zone = (when.strftime("%Z") or when.strftime("%z")) if when.tzinfo else ""
    shown = f"{when.strftime('%Y-%m-%d %H:%M')} {zone}".strip()
    return f'<time datetime="{esc(when.isoformat(timespec="seconds"))}">{esc(shown)}</time>'


def _settings_html(settings: Settings) -> str:
    def word(flag: bool) -> str:
        return "ignored" if flag else "compared"

    items = [
        ("Sensitivity", f"{settings.sensitivity:g}"),
        ("Shortest passage", f"{settings.min_words} words"),
        ("Case", word(settings.ignore_case)),
        ("Punctuation", word(settings.ignore_punctuation)),
        ("Quotes, dashes, spacing", word(settings.ignore_typography)),
    ]
    rows = "".join(f"<div><dt>{esc(k)}</dt> <dd>{esc(v)}</dd></div>" for k, v in items)
    return f'<section class="settings" aria-label="Settings used"><dl>{rows}</dl></section>'


def _counts_html(counts: dict[Kind, int]) -> str:
    total = sum(counts.values())
    parts = ", ".join(f"{counts[k]} {k.value}" for k in Kind)
    noun = "passage" if total == 1 else "passages"
    return f'<span class="stat"><b>{total}</b> shared {noun} <span class="muted">({parts})</span></span>'


LINK_HELP_COLUMNS = (
    "Point at a passage or move to it with Tab to highlight its counterpart in the other "
    "article; press Enter to jump to it."
)
LINK_HELP_CARDS = (
    "Each card shows one shared passage as article A has it and as article B has it. Point at "
    "either side or move to it with Tab to highlight the other; press Enter to move between them."
)


def _legend(boilerplate: bool = False, *, cards: bool = False, manual: bool = False) -> str:
    """What colours mean, with the cue that does not depend on colour for each.

    ``cards``: the page shows passages as cards (both sides together), not two columns;
    ``manual``: some passage was linked by hand.
    """
    kinds = "".join(
        f'<li><span class="passage {k.value} swatch"><span class="badge">{k.wording.letter}</span>'
        f"{k.wording.label}</span> {esc(k.wording.meaning)}</li>"
        for k in Kind
    )
    extra = '<li><del class="del">struck through</del> words only in A</li>'
    extra += '<li><ins class="ins">underlined</ins> words only in B</li>'
    if boilerplate:
        extra += '<li><span class="boilerplate">dimmed italic</span> site text, not compared</li>'
    if manual:
        extra += (
            f'<li><span class="passage manual swatch"><span class="badge">{MANUAL_MARK}</span>Manual</span> '
            f"a passage {MANUAL_WORDS} (a correction of the alignment)</li>"
        )
    types = "".join(
        f'<li><span class="chg chg-{t.value} chg-end swatch" data-letter="{esc(t.wording.letter)}">'
        f"{esc(t.wording.label)}</span> {esc(t.wording.meaning)}</li>"
        for t in ORDER
        if t is not ChangeType.WORDING
    )
    help_text = LINK_HELP_CARDS if cards else LINK_HELP_COLUMNS
    return (
        f'<section class="legend" aria-label="Legend"><ul>{kinds}{extra}</ul>'
        f'<div class="legend-head">What changed: a changed word of one of these types is framed in its '
        f"colour and tagged with its letter; point at it for the words on both sides. Other changes "
        f'are wording.</div><ul class="change-types">{types}</ul>'
        f'<p class="js-only no-print">{esc(help_text)}</p></section>'
    )


def _typed(passage: Passage, a: Article, b: Article) -> list[tuple[Change, str]]:
    """The passage's typed changes, each with the line that describes it."""
    return [(c, describe(c, a.text, b.text)) for c in changes_of(passage, a.text, b.text)]


def _change_badges(changes: list[tuple[Change, str]]) -> str:
    """One badge per type of change but wording, with its count; wording as a count."""
    tally = counts(c for c, _ in changes)
    out = []
    for t in ORDER:
        n = tally[t]
        if not n or t is ChangeType.WORDING:
            continue
        tip = "; ".join(title for c, title in changes if c.type is t)
        out.append(
            f'<span class="chg-badge chg-{t.value}" title="{esc(tip)}">'
            f'<span aria-hidden="true">{esc(t.wording.letter)}{n}</span>'
            f'<span class="sr">{n} {esc(t.wording.label)}</span></span>'
        )
    wording = tally[ChangeType.WORDING]
    if wording:
        out.append(f'<span class="muted">{"+" if out else ""}{wording} wording</span>')
    return " ".join(out) or '<span class="muted">none</span>'


def _classes(p: Passage) -> str:
    """The passage's CSS classes: its kind, and ``manual`` when linked by hand."""
    return f"{p.kind.value} manual" if p.manual else p.kind.value


def _badge_text(p: Passage, n: int) -> str:  # "E3", or "E3✎" when linked by hand
    return f"{p.kind.wording.letter}{n}{MANUAL_MARK if p.manual else ''}"


def _card(a: Article, b: Article, alignment: PairAlignment, index: int, prefix: str) -> str:
    """One passage as a card: the A side and the B side next to each other."""
    p = alignment.passages[index]
    key = f"{prefix}{index + 1}"
    typed = _typed(p, a, b)
    sides = []
    shown = passage_diff(p, a, b)
    for side, art, start, end in (("a", a, p.a_start, p.a_end), ("b", b, p.b_start, p.b_end)):
        body = render_text(art.text, start, end, (), change_marks(art.text, shown, side, typed))
        sides.append(
            f'<div><div class="side-label">{side.upper()} · {bdi(_name(art))}</div>'
            f'<div class="passage {_classes(p)} prose" id="p{side}-{key}" data-pair="{key}" tabindex="0">'
            f"{body}</div></div>"
        )
    return (
        f'<article class="card {_classes(p)}"><div class="card-head">'
        f'<span class="badge">{_badge_text(p, index + 1)}</span><b>Passage {index + 1}</b> · '
        f"{p.kind.value}{' · ' + MANUAL_WORDS if p.manual else ''} · {_pct(p.score)} similar · "
        f"{_change_badges(typed)}</div>"
        f'<div class="pair-sides">{"".join(sides)}</div></article>'
    )


def _cards(a: Article, b: Article, alignment: PairAlignment, prefix: str = "") -> str:
    if not alignment.passages:
        return _NO_PASSAGES
    cards = "\n".join(_card(a, b, alignment, i, prefix) for i in range(len(alignment.passages)))
    return f'<div class="cards">\n{cards}\n</div>'


# --------------------------------------------------------------------------- pair


def _side_card(label: str, article: Article, share: float) -> str:
    width = min(max(share, 0.0), 1.0) * 100
    return (
        f'<div class="side-card"><div class="kicker">Article {label} · {bdi(_name(article))}</div>'
        f'<div class="title">{bdi(_title(article))}</div>'
        f'<div class="meta">{_words(article):,} words · <b>{_pct(share)}</b> shared with the other'
        f'<span class="bar" aria-hidden="true"><span style="width:{width:.1f}%"></span></span></div></div>'
    )


def _passage_table(a: Article, b: Article, alignment: PairAlignment) -> str:
    rows = []
    for n, p in enumerate(alignment.passages, start=1):
        text_a = bdi(excerpt(a.text, p.a_start, p.a_end, EXCERPT_CHARS))
        text_b = bdi(excerpt(b.text, p.b_start, p.b_end, EXCERPT_CHARS))
        rows.append(
            f'<tr><td class="num"><a href="#pa-{n}">{n}</a></td>'
            f"<td>{p.kind.value}{' (manual)' if p.manual else ''}</td>"
            f'<td class="num">{_pct(p.score)}</td><td class="changes">{_change_badges(_typed(p, a, b))}</td>'
            f'<td class="excerpt"><a href="#pa-{n}">{text_a}</a></td>'
            f'<td class="excerpt"><a href="#pb-{n}">{text_b}</a></td></tr>'
        )
    head = (
        '<tr><th class="num">#</th><th>Kind</th><th class="num">Similarity</th><th>Changes</th>'
        f"<th>A · {bdi(_name(a))}</th><th>B · {bdi(_name(b))}</th></tr>"
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
        cls = f"passage {_classes(p)}"
        how = f"{p.kind.value} passage {n}{', ' + MANUAL_WORDS if p.manual else ''}"
        first = (
            f'<span class="{cls}" id="p{side}-{n}" data-pair="{n}" tabindex="0">'
            f'<a class="badge" href="#p{other}-{n}" title="{how}: '
            f'go to article {other.upper()}">{_badge_text(p, n)}</a>'
        )
        outer.append(Mark(start, end, first, f'<span class="{cls} cont" data-pair="{n}">', "</span>"))
        a, b = (article, other_article) if side == "a" else (other_article, article)
        inner.extend(change_marks(article.text, passage_diff(p, a, b), side, _typed(p, a, b)))
    text = render_text(article.text, 0, len(article.text), outer, inner)
    return (
        f'<section class="column column-{side}" aria-label="Article {side.upper()}">'
        f'<div class="column-head"><span class="key">{side.upper()}</span>{bdi(_name(article))}: '
        f'{bdi(_title(article))}</div><div class="prose">{text}</div></section>'
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
        f'<h1>{bdi(_name(a))} and {bdi(_name(b))}</h1><div class="sides">{sides}</div>'
        f'<div class="summary">{_counts_html(alignment.counts())}'
        f'<span class="meta">Generated {_generated_html(generated)}</span></div>'
        f"{_settings_html(settings)}"
        f"{_legend(boilerplate=chrome, cards=changes_only, manual=manual)}</header>"
    )
    if changes_only:
        main = f"<main><h2>Shared passages</h2>{_cards(a, b, alignment)}</main>"
    else:
        table = _passage_table(a, b, alignment) if alignment.passages else _NO_PASSAGES
        columns = _column("a", a, b, alignment) + _column("b", b, a, alignment)
        main = (
            f'<nav aria-label="Passages"><h2>Passages</h2>{table}</nav>'
            f'<main><h2>Side by side</h2><div class="columns">{columns}</div></main>'
        )
    # Window and tab titles may be drawn without bidi isolation: controls are dropped.
    title = INVALID.sub("\ufffd", strip_bidi_controls(f"Syndiff: {_title(a)} — {_title(b)}"))
    return page(title, "pair-report", header + main)


# --------------------------------------------------------------------------- corpus


def _shade(share: float) -> float:
    """Background strength of a matrix cell: small overlaps stay visible, none stays blank."""
    return round(min(max(share, 0.0), 1.0) ** 0.6 * 0.75, 3)


def _pair_anchor(i: int, j: int) -> str:
    return f"pair-{min(i, j)}-{max(i, j)}"


def _articles_table(corpus: CorpusAlignment) -> str:
    rows = []
    for n, art in enumerate(corpus.articles, start=1):
        stats = corpus.stats_for(art.id)
        shared = _pct(stats.shared) if stats else "–"
        families = str(stats.families) if stats else "–"
        rows.append(
            f'<tr><td class="num">{_key(n)}</td><td>{bdi(_name(art))}</td><td>{bdi(_title(art))}</td>'
            f'<td class="num">{_words(art):,}</td><td class="num">{shared}</td>'
            f'<td class="num">{families}</td></tr>'
        )
    head = (
        '<tr><th class="num">#</th><th>Outlet</th><th>Title</th><th class="num">Words</th>'
        '<th class="num">Shared with others</th><th class="num">Families</th></tr>'
    )
    return f'<table class="articles"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _matrix(corpus: CorpusAlignment) -> str:
    arts = corpus.articles
    head = "".join(f'<th class="num" scope="col">{_key(n)}</th>' for n in range(1, len(arts) + 1))
    rows = []
    for i, row in enumerate(arts, start=1):
        cells = []
        for j, col in enumerate(arts, start=1):
            if i == j:
                cells.append('<td class="self">—</td>')
                continue
            pair = corpus.pair(row.id, col.id)
            text = _pct(pair.shared_a)
            tip = esc(
                f"{text} of {isolate(_name(row))}'s words are in passages shared with {isolate(_name(col))}"
            )
            if pair.passages:
                text = f'<a href="#{_pair_anchor(i, j)}">{text}</a>'
            zero = ' class="zero"' if not pair.passages else ""
            cells.append(f'<td{zero} style="--v:{_shade(pair.shared_a)}" title="{tip}">{text}</td>')
        rows.append(f'<tr><th class="row" scope="row">{_key(i)}{bdi(_name(row))}</th>{"".join(cells)}</tr>')
    caption = MATRIX_CAPTION
    return (
        f'<div class="matrix-wrap"><table class="matrix"><caption class="meta">{caption}</caption>'
        f"<thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _pair_sections(corpus: CorpusAlignment) -> str:
    arts = corpus.articles
    out = []
    for i in range(1, len(arts) + 1):
        for j in range(i + 1, len(arts) + 1):
            a, b = arts[i - 1], arts[j - 1]
            pair = corpus.pair(a.id, b.id)
            if not pair.passages:
                continue
            shares = f"{_pct(pair.shared_a)} of {bdi(_name(a))} and {_pct(pair.shared_b)} of {bdi(_name(b))}"
            out.append(
                f'<section class="pair" id="{_pair_anchor(i, j)}">'
                f"<h3>{_key(i)}{bdi(_name(a))} and {_key(j)}{bdi(_name(b))}</h3>"
                f'<p class="meta">{_counts_html(pair.counts())} · {shares} shared</p>'
                f"{_cards(a, b, pair, prefix=f'{i}-{j}-')}</section>"
            )
    return "\n".join(out) or '<p class="empty">No two articles share a passage under these settings.</p>'


def _family(n: int, family: Family, corpus: CorpusAlignment, keys: dict[str, int]) -> str:
    """One family: the central version first, then every other version marked against it."""
    c = family.central_member
    ctext = corpus.article(c.article).text
    order = sorted(
        range(len(family.members)),
        key=lambda k: (k != family.central, keys.get(family.members[k].article, 0)),
    )
    items = []
    for k in order:
        m = family.members[k]
        art = corpus.article(m.article)
        if k == family.central:
            body = bdi(collapse_space(ctext[c.start : c.end]))
            cls, what = "central", "central version"
        else:
            shown = member_diff(m, ctext, art.text)
            flat = bdi(collapse_space(art.text[m.start : m.end]))
            body = bdi_markup(unified(ctext, art.text, shown).strip()) if shown else flat
            cls, what = m.kind.value, f"{m.kind.value} · {_pct(m.score)}"
        items.append(
            f'<li class="member {cls}"><div class="who">{_key(keys.get(m.article, 0))}'
            f'<b>{bdi(_name(art))}</b> · {esc(what)}</div><div class="quote prose">{body}</div></li>'
        )
    label = bdi(excerpt(family.label, limit=FAMILY_HEADING_CHARS))
    return (
        f'<section class="family" id="family-{n}"><h3>{n}. {label} '
        f'<span class="muted">· in {len(family.articles)} articles</span></h3>'
        f'<ol class="members">{"".join(items)}</ol></section>'
    )


def _families(corpus: CorpusAlignment, keys: dict[str, int]) -> str:
    """An article-by-family overview, then each family in full."""
    if not corpus.families:
        return '<p class="empty">No passage appears in more than two articles.</p>'
    arts = corpus.articles
    head = "".join(f'<th class="num">{_key(keys[a.id])}</th>' for a in arts)
    rows = []
    for n, fam in enumerate(corpus.families, start=1):
        marks: dict[str, str] = {}
        for k, m in enumerate(fam.members):
            marks.setdefault(m.article, "●" if k == fam.central else m.kind.wording.letter)
        cells = "".join(f'<td class="mark">{marks.get(a.id, "")}</td>' for a in arts)
        label = bdi(excerpt(fam.label, limit=FAMILY_ROW_CHARS))
        rows.append(f'<tr><td class="num">{n}</td><td><a href="#family-{n}">{label}</a></td>{cells}</tr>')
    overview = (
        '<table class="presence"><caption class="meta">The same quote or claim across articles. '
        "● central version; V, E, P: verbatim, edited or paraphrased relative to it. Below, each "
        "version underlines its words that are not in the central version; verbatim and edited "
        "versions also show struck through the central version's words they lack. Loose "
        "paraphrases, which share few words with it, are shown as published, unmarked.</caption>"
        f'<thead><tr><th class="num">#</th><th>Passage</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return overview + "\n".join(_family(n, f, corpus, keys) for n, f in enumerate(corpus.families, start=1))


def render_corpus_html(corpus: CorpusAlignment, *, generated: datetime | None = None) -> str:
    """The whole set as one self-contained HTML document.

    Articles, the overlap matrix, the passage families (each outlet's version compared
    with the family's central one), the quote check (every quoted statement and how each
    outlet carries it) and every pair's shared passages.
    """
    arts = corpus.articles
    keys = {a.id: n for n, a in enumerate(arts, start=1)}
    counts = {k: 0 for k in Kind}
    linked = 0
    for i, a in enumerate(arts):
        for b in arts[i + 1 :]:
            pair = corpus.pair(a.id, b.id)
            linked += bool(pair.passages)
            for kind, value in pair.counts().items():
                counts[kind] += value
    total = len(arts) * (len(arts) - 1) // 2
    header = (
        f'<header><p class="kicker">Syndiff corpus report</p><h1>{len(arts)} articles compared</h1>'
        f'<div class="summary">{_counts_html(counts)}'
        f'<span class="stat"><b>{linked}</b> of {total} pairs share passages</span>'
        f'<span class="stat"><b>{len(corpus.families)}</b> passage families</span>'
        f'<span class="meta">Generated {_generated_html(generated)}</span></div>'
        f"{_settings_html(corpus.settings)}"
        f"{_legend(cards=True, manual=any(p.manual for q in corpus.pairs for p in q.passages))}</header>"
    )
    body = (
        f'<main><h2 id="articles">Articles</h2>{_articles_table(corpus)}'
        f'<h2 id="overlap">Overlap</h2>{_matrix(corpus)}'
        f'<h2 id="families">Passage families</h2>{_families(corpus, keys)}'
        f'<h2 id="quotes">Quotes</h2>{quotes_section(corpus, quote_check(corpus), keys)}'
        f'<h2 id="pairs">Pair by pair</h2>{_pair_sections(corpus)}</main>'
    )
    return page(f"Syndiff: {len(arts)} articles compared", "corpus-report", header + body)


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
