"""Article text as HTML: escaped, split into paragraphs, with passages and changes marked.

The text is rendered by walking sorted, non-overlapping marks: passages and boilerplate
(the outer layer) and word changes (the inner layer, always inside a passage). A mark
that crosses a paragraph break is closed and reopened, so the markup is always well
nested. Every piece of text goes through :func:`esc`: article text is untrusted.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..align.segment import blocks
from ..align.text import SPACE_RE, trimmed_span
from ..bidi import balanced
from ..marking import marked_spans
from ..model import Article, Change, ChangeType, DiffOp, Op

# Characters that are not allowed in an HTML document (C0 controls other than tab, line
# feed and carriage return; DEL; lone surrogates, which cannot be written as UTF-8).
INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def esc(text: str) -> str:
    """``text`` as HTML text or attribute value: escaped, with invalid characters replaced."""
    return html.escape(INVALID.sub("\ufffd", text), quote=True)


def bdi(text: str) -> str:
    """Article-derived text as HTML, bidi-isolated: right-to-left letters or controls in an
    outlet name, title or excerpt cannot reorder the text around it (see :mod:`..bidi`)."""
    return f"<bdi>{esc(balanced(text))}</bdi>"


def bdi_markup(markup: str) -> str:
    """Already escaped and marked HTML of article text, bidi-isolated as :func:`bdi` isolates
    plain text (markup holds no bidi controls, so balancing it touches only the text's)."""
    return f"<bdi>{balanced(markup)}</bdi>"


# --------------------------------------------------------------------------- marking text


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of text wrapped in an element. ``again`` opens it after a paragraph break."""

    start: int
    end: int
    first: str
    again: str
    close: str


def change_marks(
    text: str, ops: Sequence[DiffOp], side: str, typed: Sequence[tuple[Change, str]] = ()
) -> list[Mark]:
    """``<del>`` for words only in A (side "a"), ``<ins>`` for words only in B (side "b").

    ``ops`` as every view shows them (:func:`desktop.engine.marking.passage_diff`): what
    is marked is :func:`~desktop.engine.marking.marked_spans`' decision.

    ``typed``: the passage's typed changes, each with its one-line description. A piece of
    a change that is not wording gets its type as a class (``chg chg-number``), the
    description as its title, and its last piece on this side ``chg-end`` (where the
    style sheet puts the type's letter, so the type does not depend on colour).
    """
    tag, label = ("del", "only in A") if side == "a" else ("ins", "only in B")
    cuts: list[tuple[int, int, Change, str, bool]] = []
    for change, title in typed:
        if change.type is ChangeType.WORDING:
            continue
        own = change.a_spans if side == "a" else change.b_spans
        cuts.extend((s, e, change, title, k == len(own) - 1) for k, (s, e) in enumerate(own))
    cuts.sort(key=lambda cut: cut[0])
    plain = f'<{tag} class="{tag}" title="{label}">'
    marks: list[Mark] = []

    def add(start: int, end: int, opening: str) -> None:
        start, end = trimmed_span(text, start, end)
        if start < end:
            marks.append(Mark(start, end, opening, opening, f"</{tag}>"))

    for start, end in marked_spans(ops, text, side):
        pos = start
        for s, e, change, title, last in cuts:
            s, e = max(s, start), min(e, end)
            if s >= e:
                continue
            add(pos, s, plain)
            kind = change.type
            end_class = " chg-end" if last else ""  # a span never crosses a changed piece
            add(
                s,
                e,
                f'<{tag} class="{tag} chg chg-{kind.value}{end_class}" title="{esc(title)} ({label})" '
                f'data-letter="{esc(kind.wording.letter)}">',
            )
            pos = e
        add(pos, end, plain)
    return marks


def boilerplate_marks(article: Article, passages: Sequence[tuple[int, int]] = ()) -> list[Mark]:
    """Dimmed spans for the article's boilerplate, minus any part inside a passage.

    The aligner keeps a sentence that is partly boilerplate, so the two can overlap; the
    passage wins, which keeps the outer marks disjoint.
    """
    opening = '<span class="boilerplate" title="site text, left out of the comparison">'
    marks = []
    for start, end in sorted(article.boilerplate):
        for s, e in _subtract(start, end, passages):
            marks.append(Mark(s, e, opening, opening, "</span>"))
    return marks


def _subtract(start: int, end: int, cuts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``start:end`` with every span in ``cuts`` taken out; empty pieces dropped."""
    pieces = [(start, end)]
    for cs, ce in cuts:
        pieces = [piece for s, e in pieces for piece in ((s, min(e, cs)), (max(s, ce), e))]
        pieces = [(s, e) for s, e in pieces if s < e]
    return pieces


def render_text(text: str, start: int, end: int, outer: Sequence[Mark], inner: Sequence[Mark]) -> str:
    """``text[start:end]`` as ``<p>`` paragraphs with the marks applied.

    Each mark list is non-overlapping within itself; an inner mark lies inside an outer
    one (or there are no outer marks). Should an inner mark stick out, it is closed and
    reopened around the outer boundary, so the markup stays well nested regardless.
    """
    layers = (sorted(outer, key=lambda m: m.start), sorted(inner, key=lambda m: m.start))
    ends = tuple([m.end for m in layer] for layer in layers)
    seen: set[tuple[int, int]] = set()  # (layer, index) of marks whose first piece is out
    out: list[str] = []
    for ps, pe in paragraphs(text, start, end):
        hits: list[list[int]] = [[], []]
        points = {ps, pe}
        for k, layer in enumerate(layers):
            for idx in range(bisect.bisect_right(ends[k], ps), len(layer)):
                if layer[idx].start >= pe:
                    break
                hits[k].append(idx)
                points.update(x for x in (layer[idx].start, layer[idx].end) if ps < x < pe)
        cuts = sorted(points)
        current: list[int | None] = [None, None]  # index of the open mark in each layer
        out.append("<p>")
        for x, y in zip(cuts, cuts[1:], strict=False):
            want = [_covering(layers[k], hits[k], x) for k in (0, 1)]
            for k in (1, 0):  # close inner first, then outer, whichever changes
                shut = current[k]
                if shut is not None and (want[k] != shut or (k == 1 and want[0] != current[0])):
                    out.append(layers[k][shut].close)
                    current[k] = None
            for k in (0, 1):  # then open outer first, then inner
                wanted = want[k]
                if wanted is not None and current[k] is None:
                    mark = layers[k][wanted]
                    out.append(mark.again if (k, wanted) in seen else mark.first)
                    seen.add((k, wanted))
                    current[k] = wanted
            out.append(esc(text[x:y]))
        for k in (1, 0):
            shut = current[k]
            if shut is not None:
                out.append(layers[k][shut].close)
        out.append("</p>\n")
    return "".join(out)


@functools.lru_cache(maxsize=64)
def _blocks(text: str) -> tuple[tuple[int, int], ...]:
    """Paragraph spans of a whole text, cached: a report renders many slices of one text."""
    return tuple(blocks(text))


def _covering(layer: Sequence[Mark], candidates: list[int], x: int) -> int | None:
    return next((i for i in candidates if layer[i].start <= x < layer[i].end), None)


def paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraph spans of the whole text, clipped to ``start:end``; blank ones dropped.

    Paragraphs are the engine's blocks (one per line, or per blank-line-separated block in
    hard-wrapped text), so a report shows the same paragraphs the aligner saw.
    """
    out = []
    for s, e in _blocks(text):
        s, e = max(s, start), min(e, end)
        s, e = trimmed_span(text, s, e)
        if s < e:
            out.append((s, e))
    return out


def unified(central: str, member: str, ops: Sequence[DiffOp], *, deletions: bool = True) -> str:
    """One line of the member's text with its differences from the central version inline.

    Words only in the central version are shown struck through (``<del>``) where they
    would have been, words only in the member underlined (``<ins>``), so each outlet's
    version reads as itself while every change stays visible. Without ``deletions`` only
    the member's own words are shown (for paraphrases, where nearly every word differs
    and the struck-through central text would drown the version itself).
    """
    out = []
    last = None
    for op in ops:
        if op.op == Op.EQUAL:
            out.append(esc(SPACE_RE.sub(" ", member[op.b_start : op.b_end])))
            last = None
            continue
        if op.op == Op.DELETE and not deletions:
            continue  # equal and insert pieces tile the member's span: its text stays whole
        text, s, e = (central, op.a_start, op.a_end) if op.op == Op.DELETE else (member, op.b_start, op.b_end)
        ts, te = trimmed_span(text, s, e)
        tag = "del" if op.op == Op.DELETE else "ins"
        lead = " " if text[s:ts] or (last == "del" and tag == "ins") else ""
        word = f'<{tag} class="{tag}">{esc(SPACE_RE.sub(" ", text[ts:te]))}</{tag}>' if ts < te else ""
        out.append(lead + word + (" " if text[te:e] else ""))
        last = tag if word else last
    return "".join(out)
