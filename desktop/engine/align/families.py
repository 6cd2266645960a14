"""Passage families: the same quote or claim as each outlet carries it.

Pairwise passages are edges between spans of articles. Overlapping spans of one article
become one node. Nodes are then grouped by average linkage: two groups join only when
the links between them, averaged over every cross pair of members, are strong enough.
A chain of weak links (A~B, B~C, C~D with A, D unrelated) therefore stops growing, where
plain connected components would merge everything along the path.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import (
    Article,
    Cancelled,
    DiffOp,
    Family,
    FamilyMember,
    Kind,
    Marking,
    Op,
    PairAlignment,
    Progress,
    Settings,
    Source,
    Span,
    never_cancelled,
    no_progress,
)
from .candidates import text_first
from .passages import classify
from .text import excerpt
from .worddiff import diff_stats, word_diff

JOIN_MIN = 0.3  # average link strength needed to join two groups
LABEL_CHARS = 88  # a family's label: the start of its central version, ellipsis included
MARK_MIN_KEPT = 0.4
"""Share of a family version's text equal to the central one below which it is shown unmarked."""
_OVERLAP = 0.5  # spans of one article overlapping this much (of the shorter) are one node
_REPORT_EVERY = 64  # groups between two progress reports (and cancel checks)
MEMBERS_KEPT = 16384
"""Member comparisons remembered (:func:`compare_member`): corrections rebuild every family
of a set, and most members are the ones compared when the set was aligned."""


@dataclass(slots=True)
class _Node:
    article: str
    start: int
    end: int


def _nodes_for(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spans of one article that overlap enough to be the same passage."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out:
            ps, pe = out[-1]
            shorter = min(e - s, pe - ps) or 1
            if min(e, pe) - max(s, ps) >= _OVERLAP * shorter:
                out[-1] = (min(s, ps), max(e, pe))
                continue
        out.append((s, e))
    return out


def build_families(
    articles: Sequence[Article],
    pairs: Sequence[PairAlignment],
    settings: Settings,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = never_cancelled,
) -> tuple[Family, ...]:
    """Group passages linked across articles into families spanning outlets.

    Comparing each member with its family's central version is most of the work (2-3 s
    on 500 articles, half the members being a passage's side already compared):
    ``progress`` hears the share of groups done, and ``cancelled`` is asked between them."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for pair in pairs:
        for p in pair.passages:
            spans[pair.a].append(p.a_span)
            spans[pair.b].append(p.b_span)
    nodes: list[_Node] = []
    index: dict[str, list[tuple[int, int, int]]] = {}
    for aid, sp in spans.items():
        index[aid] = []
        for s, e in _nodes_for(sp):
            index[aid].append((s, e, len(nodes)))
            nodes.append(_Node(aid, s, e))

    found: dict[tuple[str, int, int], int] = {}  # a span is often in several pairs

    def node_of(aid: str, start: int, end: int) -> int:
        key = (aid, start, end)
        k = found.get(key)
        if k is None:
            k = next((k for s, e, k in index[aid] if s <= start and end <= e), None)
            if k is None:
                raise LookupError(key)  # every span was indexed above
            found[key] = k
        return k

    weight: dict[tuple[int, int], float] = {}
    for pair in pairs:
        for p in pair.passages:
            u, v = node_of(pair.a, *p.a_span), node_of(pair.b, *p.b_span)
            key = (min(u, v), max(u, v))
            weight[key] = max(weight.get(key, 0.0), p.score)

    groups = _average_linkage(nodes, weight)
    by_id = {a.id: a for a in articles}
    order = {a.id: k for k, a in enumerate(articles)}
    known = _aligned_diffs(pairs, by_id)
    families = []
    for done, members in enumerate(groups, 1):
        if len({nodes[m].article for m in members}) >= 2:
            families.append(_family(members, nodes, weight, by_id, order, settings, known))
        if done % _REPORT_EVERY == 0:
            if cancelled():
                raise Cancelled
            progress(done / len(groups))
    progress(1.0)
    families.sort(key=lambda f: (-len(f.members), order[f.members[0].article], f.members[0].start))
    return tuple(Family(f"F{k + 1}", f.label, f.members, f.central) for k, f in enumerate(families))


# A word diff by the spans it compares, (article, span) of its A side then of its B side,
# as a passage's diff and whether that passage has the two sides the other way round.
Diffs = dict[tuple[str, Span, str, Span], tuple[tuple[DiffOp, ...], bool]]


def _aligned_diffs(pairs: Sequence[PairAlignment], articles: dict[str, Article]) -> Diffs:
    """The word diffs the aligner made, each in the orientation it made it in.

    A pair is aligned with the shorter text as its A side and mirrored when needed
    (:func:`.candidates.first_of`), so a passage's diff is ``word_diff`` from that side:
    a family member whose spans are a passage's, compared from that side, has it already
    (half the comparisons on 500 articles). Passages the user linked are diffed in their
    pair's order, and are left out."""
    out: Diffs = {}
    for pair in pairs:
        a, b = articles.get(pair.a), articles.get(pair.b)
        if a is None or b is None:
            continue
        a_first = text_first(a.text, b.text)
        for p in pair.passages:
            if p.source is not Source.ALIGNER or not p.diff:
                continue
            if a_first:
                out[(pair.a, p.a_span, pair.b, p.b_span)] = (p.diff, False)
            else:
                out[(pair.b, p.b_span, pair.a, p.a_span)] = (p.diff, True)
    return out


def _average_linkage(nodes: list[_Node], weight: dict[tuple[int, int], float]) -> list[list[int]]:
    group_of = list(range(len(nodes)))
    members: dict[int, list[int]] = {k: [k] for k in range(len(nodes))}
    outlets: dict[int, set[str]] = {k: {n.article} for k, n in enumerate(nodes)}  # per group
    both = {**weight, **{(v, u): w for (u, v), w in weight.items()}}  # either order, same value
    link = both.get
    for (u, v), _w in sorted(weight.items(), key=lambda kv: -kv[1]):
        gu, gv = group_of[u], group_of[v]
        if gu == gv:
            continue
        mu, mv = members[gu], members[gv]
        if not outlets[gu].isdisjoint(outlets[gv]):
            continue  # one version per outlet
        total = sum(link((x, y), 0.0) for x in mu for y in mv)
        if total / (len(mu) * len(mv)) < JOIN_MIN:
            continue
        for m in mv:
            group_of[m] = gu
        mu.extend(mv)
        outlets[gu] |= outlets.pop(gv)
        del members[gv]
    return list(members.values())


def _family(
    members: list[int],
    nodes: list[_Node],
    weight: dict[tuple[int, int], float],
    articles: dict[str, Article],
    order: dict[str, int],
    settings: Settings,
    known: Diffs,
) -> Family:
    def strength(m: int) -> float:
        return sum(weight.get((min(m, x), max(m, x)), 0.0) for x in members if x != m)

    ordered = sorted(members, key=lambda m: (order[nodes[m].article], nodes[m].start))
    central = max(ordered, key=strength)
    c = nodes[central]
    ctext = articles[c.article].text
    out: list[FamilyMember] = []
    for m in ordered:
        n = nodes[m]
        if m == central:
            out.append(FamilyMember(n.article, n.start, n.end, Kind.VERBATIM, 1.0))
            continue
        direct = weight.get((min(m, central), max(m, central)), 0.0)
        text = articles[n.article].text
        aligned = known.get((c.article, (c.start, c.end), n.article, (n.start, n.end)))
        if aligned is None:
            member = compare_member(
                ctext, (c.start, c.end), n.article, text, (n.start, n.end), settings, direct
            )
        else:
            ops, mirrored = aligned
            if mirrored:
                ops = tuple(op.swapped() for op in ops)
            member = _member(ops, ctext, n.article, text, (n.start, n.end), direct)
        out.append(member)
    label = excerpt(ctext, c.start, c.end, LABEL_CHARS)
    return Family("", label, tuple(out), ordered.index(central))


@functools.lru_cache(maxsize=MEMBERS_KEPT)
def compare_member(
    central_text: str,
    central_span: Span,
    article: str,
    text: str,
    span: Span,
    settings: Settings,
    link: float = 0.0,
) -> FamilyMember:
    """``text[span]`` (in ``article``) as a version of the central ``central_text[central_span]``.

    The word diff from the central version, the kind it gives, the score (the diff's
    similarity, or ``link``, the score of a passage linking the two, if higher) and what
    of the diff is worth marking (:func:`marking_for`). Results are remembered (the
    arguments are immutable, the result too): a member compared once is not diffed again
    when a correction rebuilds the families.
    """
    return _member(
        word_diff(central_text, *central_span, text, *span, settings), central_text, article, text, span, link
    )


def _member(
    ops: tuple[DiffOp, ...], central_text: str, article: str, text: str, span: Span, link: float
) -> FamilyMember:
    """:func:`compare_member` given the word diff ``ops`` from the central version."""
    similarity = diff_stats(ops, central_text, text).similarity
    kind = classify(similarity)
    score = round(max(similarity, link), 4)
    return FamilyMember(article, *span, kind, score, ops, marking_for(ops, kind, *span))


def marking_for(ops: Sequence[DiffOp], kind: Kind, start: int, end: int) -> Marking:
    """What to mark in a family version (``start:end``) given its diff from the central one.

    A loose paraphrase, whose text is less than :data:`MARK_MIN_KEPT` equal to the central
    version, gets nothing (marking nearly every word says nothing its "paraphrase" label
    does not); any other paraphrase only its own words (the struck-through central words
    would drown the version itself); verbatim and edited versions every change.
    """
    if kind != Kind.PARAPHRASE:
        return Marking.ALL
    kept = sum(op.b_end - op.b_start for op in ops if op.op == Op.EQUAL)
    if kept < MARK_MIN_KEPT * max(1, end - start):
        return Marking.NONE
    return Marking.OWN_WORDS
