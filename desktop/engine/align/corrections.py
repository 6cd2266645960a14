"""The user's corrections of an alignment: passages linked or unlinked by hand.

The aligner is good, not perfect: it misses a passage an editor rewrote beyond its
reach, or links two sentences that only look alike. A :class:`Correction` records what
the user did, and :func:`apply_corrections` replays the corrections over any alignment
of the same articles, so they survive a re-alignment with other settings and the
window, the command line and the exports all show the same corrected result.

A correction is stored by *text anchors*: the span it covered on each side together
with the text of that span. When the text moved (the article was reloaded from a file
that changed) the anchor is looked up again by its text, nearest to where it was; a
correction whose text is gone no longer applies (:func:`stale_corrections`).

Corrections are replayed in the order they were made:

- **link** (A span, B span): a passage between exactly those spans, marked
  :attr:`~desktop.engine.model.Source.MANUAL`. Any passage it overlaps on either side
  goes (in a pair, a piece of text belongs to one passage).
- **unlink** (A span, B span): every passage that overlaps the A span *and* the B span
  goes, whatever its exact ends under the settings in force.

Adjusting a passage's ends is an unlink of the old spans followed by a link of the new.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..model import (
    Article,
    ArticleStats,
    CorpusAlignment,
    Family,
    PairAlignment,
    Passage,
    Settings,
    Source,
    Span,
)
from .families import build_families
from .passages import classify, strip_span
from .text import WORD_RE
from .worddiff import diff_stats, word_diff


class Action(enum.StrEnum):
    LINK = "link"
    UNLINK = "unlink"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Anchor:
    """A span of an article's text and the text it covered when the correction was made."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Anchor:
        return cls(start, end, text[start:end])

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    def locate(self, text: str) -> Span | None:
        """Where the anchored text is in ``text``: its old place if unchanged, else the
        occurrence nearest to it; None when the text is nowhere."""
        if not self.text:
            return None
        if text[self.start : self.end] == self.text:
            return self.span
        best: int | None = None
        at = text.find(self.text)
        while at >= 0:
            if best is None or abs(at - self.start) < abs(best - self.start):
                best = at
            at = text.find(self.text, at + 1)
        return None if best is None else (best, best + len(self.text))


@dataclass(frozen=True, slots=True)
class Correction:
    """One thing the user did to the alignment of articles ``a`` and ``b``."""

    action: Action
    a: str
    b: str
    a_anchor: Anchor
    b_anchor: Anchor

    def swapped(self) -> Correction:
        return Correction(self.action, self.b, self.a, self.b_anchor, self.a_anchor)

    def oriented(self, a: str, b: str) -> Correction | None:
        """This correction with ``a`` as side A, or None when it is about another pair."""
        if (self.a, self.b) == (a, b):
            return self
        if (self.b, self.a) == (a, b):
            return self.swapped()
        return None

    def involves(self, article_id: str) -> bool:
        return article_id in (self.a, self.b)


def link(a: Article, b: Article, a_span: Span, b_span: Span) -> Correction:
    """Link ``a_span`` of ``a`` with ``b_span`` of ``b`` (white space at the ends left out).

    Raises ValueError when either span holds no word.
    """
    return _correction(Action.LINK, a, b, a_span, b_span)


def unlink(a: Article, b: Article, passage: Passage) -> Correction:
    """Undo the link ``passage`` makes between ``a`` and ``b`` (``passage`` in A's terms)."""
    return _correction(Action.UNLINK, a, b, passage.a_span, passage.b_span)


def adjust(a: Article, b: Article, passage: Passage, a_span: Span, b_span: Span) -> tuple[Correction, ...]:
    """Move the ends of ``passage`` to ``a_span`` and ``b_span``: unlink it, link the new spans."""
    return (unlink(a, b, passage), link(a, b, a_span, b_span))


def _correction(action: Action, a: Article, b: Article, a_span: Span, b_span: Span) -> Correction:
    if a.id == b.id:
        raise ValueError("a passage links two different articles")
    anchors = []
    for article, (start, end) in ((a, a_span), (b, b_span)):
        start, end = max(0, start), min(len(article.text), end)
        start, end = strip_span(article.text, start, end)
        if not WORD_RE.search(article.text, start, end):
            raise ValueError(f"the selection in {article.id} holds no word")
        anchors.append(Anchor.of(article.text, start, end))
    return Correction(action, a.id, b.id, anchors[0], anchors[1])


# --------------------------------------------------------------------------- applying


def manual_passage(a: Article, b: Article, a_span: Span, b_span: Span, settings: Settings) -> Passage:
    """The passage the user linked: exactly their spans, diffed and classified as any other."""
    ops = word_diff(a.text, a_span[0], a_span[1], b.text, b_span[0], b_span[1], settings)
    similarity = diff_stats(ops, a.text, b.text).similarity
    return Passage(
        a_span[0],
        a_span[1],
        b_span[0],
        b_span[1],
        classify(similarity),
        round(similarity, 4),
        ops,
        source=Source.MANUAL,
    )


def _overlaps(one: Span, two: Span) -> bool:
    return min(one[1], two[1]) > max(one[0], two[0])


def correct_pair(
    pair: PairAlignment,
    corrections: Iterable[Correction],
    a: Article,
    b: Article,
    settings: Settings,
) -> PairAlignment:
    """``pair`` (of ``a`` with ``b``, in that orientation) with ``corrections`` replayed.

    Corrections about other pairs are ignored, as are stale ones (their text is gone).
    The shared shares are recomputed when the passages changed.
    """
    passages = list(pair.passages)
    touched = False
    for correction in corrections:
        oriented = correction.oriented(a.id, b.id)
        if oriented is None:
            continue
        sa, sb = oriented.a_anchor.locate(a.text), oriented.b_anchor.locate(b.text)
        if sa is None or sb is None:
            continue
        touched = True
        if oriented.action is Action.UNLINK:
            passages = [p for p in passages if not (_overlaps(p.a_span, sa) and _overlaps(p.b_span, sb))]
        else:
            passages = [p for p in passages if not (_overlaps(p.a_span, sa) or _overlaps(p.b_span, sb))]
            passages.append(manual_passage(a, b, sa, sb, settings))
    if not touched or tuple(passages) == pair.passages:
        return pair
    passages.sort(key=lambda p: (p.a_start, p.b_start))
    return PairAlignment(
        pair.a,
        pair.b,
        tuple(passages),
        shared_words(a, [p.a_span for p in passages]),
        shared_words(b, [p.b_span for p in passages]),
    )


def apply_corrections(corpus: CorpusAlignment, corrections: Sequence[Correction]) -> CorpusAlignment:
    """``corpus`` with the user's corrections replayed on its pairs.

    Pairs, families and the stats of the articles whose passages changed are rebuilt;
    nothing else is recomputed. Returns ``corpus`` itself when no correction changes it.
    """
    if not corrections:
        return corpus
    by_id = {a.id: a for a in corpus.articles}
    order = {a.id: k for k, a in enumerate(corpus.articles)}
    wanted: dict[tuple[str, str], list[Correction]] = {}
    for correction in corrections:
        if correction.a in by_id and correction.b in by_id and correction.a != correction.b:
            a, b = sorted((correction.a, correction.b), key=order.__getitem__)
            wanted.setdefault((a, b), []).append(correction)
    pairs = {(p.a, p.b): p for p in corpus.pairs}
    changed: set[str] = set()
    for (a, b), found in wanted.items():
        stored = pairs.get((a, b))
        flipped = stored is None and (b, a) in pairs
        base = pairs[(b, a)].swapped() if flipped else stored or PairAlignment(a, b, ())
        corrected = correct_pair(base, found, by_id[a], by_id[b], corpus.settings)
        if corrected is base:
            continue
        changed.update((a, b))
        if flipped:
            pairs[(b, a)] = corrected.swapped()
        else:
            pairs[(a, b)] = corrected
    if not changed:
        return corpus
    kept = sorted((p for p in pairs.values() if p.passages), key=lambda p: (order[p.a], order[p.b]))
    families = build_families(corpus.articles, kept, corpus.settings)
    stats = tuple(
        _stats(s, by_id[s.article], kept, families) if s.article in changed else s for s in corpus.stats
    )
    return CorpusAlignment(
        corpus.articles, corpus.settings, tuple(kept), families, stats, corpus.candidates_checked
    )


def stale_corrections(corrections: Iterable[Correction], articles: Sequence[Article]) -> list[Correction]:
    """The corrections that no longer apply: an article is gone or its anchored text is."""
    by_id = {a.id: a for a in articles}
    out = []
    for c in corrections:
        a, b = by_id.get(c.a), by_id.get(c.b)
        if a is None or b is None or c.a_anchor.locate(a.text) is None or c.b_anchor.locate(b.text) is None:
            out.append(c)
    return out


def matching_link(corrections: Sequence[Correction], a: Article, b: Article, passage: Passage) -> int:
    """The index of the link correction that made ``passage`` (of ``a`` with ``b``), or -1."""
    for k in range(len(corrections) - 1, -1, -1):
        c = corrections[k].oriented(a.id, b.id)
        if c is None or c.action is not Action.LINK:
            continue
        if c.a_anchor.locate(a.text) == passage.a_span and c.b_anchor.locate(b.text) == passage.b_span:
            return k
    return -1


# --------------------------------------------------------------------------- shares


def _words(article: Article) -> list[Span]:
    """The article's words outside boilerplate (as the aligner counts them)."""
    chrome = article.boilerplate
    return [
        (m.start(), m.end())
        for m in WORD_RE.finditer(article.text)
        if not any(s < m.end() and m.start() < e for s, e in chrome)
    ]


def _inside(words: Sequence[Span], spans: Iterable[Span]) -> list[bool]:
    covered = sorted(spans)
    merged: list[list[int]] = []
    for s, e in covered:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    flags, k = [], 0
    for s, e in words:
        while k < len(merged) and merged[k][1] <= s:
            k += 1
        flags.append(k < len(merged) and merged[k][0] <= s and e <= merged[k][1])
    return flags


def shared_words(article: Article, spans: Sequence[Span]) -> float:
    """Share of the article's words (outside boilerplate) inside ``spans``."""
    flags = _inside(_words(article), spans)
    return round(sum(flags) / len(flags), 4) if flags else 0.0


def _stats(
    old: ArticleStats, article: Article, pairs: Sequence[PairAlignment], families: Sequence[Family]
) -> ArticleStats:
    spans: list[Span] = []
    for pair in pairs:
        if pair.a == article.id:
            spans.extend(p.a_span for p in pair.passages)
        elif pair.b == article.id:
            spans.extend(p.b_span for p in pair.passages)
    words = _words(article)
    flags = _inside(words, spans)
    unique: list[Span] = []
    for (s, e), inside in zip(words, flags, strict=True):
        if inside:
            continue
        if unique and not any(ch.isalnum() for ch in article.text[unique[-1][1] : s]):
            unique[-1] = (unique[-1][0], e)
        else:
            unique.append((s, e))
    shared = sum(flags) / len(flags) if flags else 0.0
    return replace(
        old,
        shared=round(shared, 4),
        unique=round(1 - shared, 4) if flags else 0.0,
        families=sum(1 for f in families if article.id in f.articles),
        unique_spans=tuple(unique),
    )
