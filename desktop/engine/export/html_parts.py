"""Pieces both HTML reports are built of: figures, the header's settings and legend, and a
pair's shared passages as cards.

Article text, titles and outlets are untrusted: every piece goes through :mod:`.marks`
(escaped, and bidi-isolated with :func:`~.marks.bdi`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath

from ..align.changes import ORDER, changes_of, counts, describe
from ..align.text import word_count
from ..figures import similarity
from ..labels import article_label
from ..marking import passage_diff
from ..model import Article, Change, ChangeType, Kind, PairAlignment, Passage, Settings
from .marks import bdi, change_marks, esc, render_text

# Longest excerpt of a passage in a table, ellipsis included.
EXCERPT_CHARS = 111

NO_PASSAGES = '<p class="empty">These articles share no passages under these settings.</p>'
MANUAL_MARK = "✎"  # after the badge of a passage linked by hand
MANUAL_WORDS = "linked by hand"


def prose_words(article: Article) -> int:
    """Words outside boilerplate, the base of the shared shares."""
    chrome = sum(word_count(article.text, s, e) for s, e in article.boilerplate)
    return max(word_count(article.text) - chrome, 0)


def label_of(article: Article) -> str:
    return article_label(article)


def title_of(article: Article) -> str:
    return article.title or article.id


def file_name_of(article: Article) -> str | None:
    """The name of the file an article came from (not its folders), None for pasted text:
    the one name an article keeps in every export, whichever set numbered it."""
    path = article.path_text
    return PurePath(path).name if path else None


def key_html(n: int) -> str:
    return f'<span class="key">{n}</span>'


def generated_html(generated: datetime | None) -> str:
    when = generated or datetime.now().astimezone()
    zone = (when.strftime("%Z") or when.strftime("%z")) if when.tzinfo else ""
    shown = f"{when.strftime('%Y-%m-%d %H:%M')} {zone}".strip()
    return f'<time datetime="{esc(when.isoformat(timespec="seconds"))}">{esc(shown)}</time>'


def settings_html(settings: Settings) -> str:
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


def counts_html(counts: dict[Kind, int]) -> str:
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


def legend(boilerplate: bool = False, *, cards: bool = False, manual: bool = False) -> str:
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


def typed_changes(passage: Passage, a: Article, b: Article) -> list[tuple[Change, str]]:
    """The passage's typed changes, each with the line that describes it."""
    return [(c, describe(c, a.text, b.text)) for c in changes_of(passage, a.text, b.text)]


def change_badges(changes: list[tuple[Change, str]]) -> str:
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


def passage_classes(p: Passage) -> str:
    """The passage's CSS classes: its kind, and ``manual`` when linked by hand."""
    return f"{p.kind.value} manual" if p.manual else p.kind.value


def badge_text(p: Passage, n: int) -> str:  # "E3", or "E3✎" when linked by hand
    return f"{p.kind.wording.letter}{n}{MANUAL_MARK if p.manual else ''}"


def _card(a: Article, b: Article, alignment: PairAlignment, index: int, prefix: str) -> str:
    """One passage as a card: the A side and the B side next to each other."""
    p = alignment.passages[index]
    key = f"{prefix}{index + 1}"
    typed = typed_changes(p, a, b)
    sides = []
    shown = passage_diff(p, a, b)
    for side, art, start, end in (("a", a, p.a_start, p.a_end), ("b", b, p.b_start, p.b_end)):
        body = render_text(art.text, start, end, (), change_marks(art.text, shown, side, typed))
        sides.append(
            f'<div><div class="side-label">{side.upper()} · {bdi(label_of(art))}</div>'
            f'<div class="passage {passage_classes(p)} prose" id="p{side}-{key}" data-pair="{key}" '
            f'tabindex="0">'
            f"{body}</div></div>"
        )
    return (
        f'<article class="card {passage_classes(p)}"><div class="card-head">'
        f'<span class="badge">{badge_text(p, index + 1)}</span><b>Passage {index + 1}</b> · '
        f"{p.kind.value}{' · ' + MANUAL_WORDS if p.manual else ''} · {similarity(p.score, p.kind)} similar · "
        f"{change_badges(typed)}</div>"
        f'<div class="pair-sides">{"".join(sides)}</div></article>'
    )


def passage_cards(a: Article, b: Article, alignment: PairAlignment, prefix: str = "") -> str:
    if not alignment.passages:
        return NO_PASSAGES
    cards = "\n".join(_card(a, b, alignment, i, prefix) for i in range(len(alignment.passages)))
    return f'<div class="cards">\n{cards}\n</div>'
