"""From sentence links to passage drafts: links near each other form one passage.

Reused text is a run: a paragraph taken over and reworded sentence by sentence, a wire
story with a line cut or added. Links lying within ``GAP`` sentences of each other on
both sides, going forward on both, join one passage, when what lies between them is
nothing, an addition on one side, or text on both sides that still shares some words.
A gap is also near, however many sentences it has, when they hold at most ``GAP_WORDS``
content words in all: reference marks or captions added on one side split nothing (on
both sides, the two gaps must still share some words, as any gap must). Links that
cross join only within ``CROSS_GAP`` sentence of each other on both sides, or such a
gap of short lines (reworded sentences shuffled inside a passage); when a moved
sentence is taken over nearly word for word, the links stay separate passages, since
one word diff would show it deleted and inserted, unless the passage would then
enclose it and most of its span is linked on each side.

Groups whose spans overlap on a side join, since passages never overlap; but a lone
link that lands inside a group's span on one side while lying far from it on the other,
and that chance explains (see below), is a stray and is dropped rather than stretching
the passage over everything between.

A summary condenses a long stretch into a few sentences: groups that sit together on
one side but spread, in much the same order, over a stretch several times longer on the
other side join into one passage (the PAN recipe's "summary" case). A summary whose
condensed parts are short (a sentence or three each) may take them from far apart in
the source (a person summarising a long article takes a line from each stretch of it);
when at most half of its links are (nearly) word for word, also in any order. Parts any
longer must lie nearer each other in the source, and shuffled parts mostly taken over
word for word are reuse moved around: they keep their own passages unless they come in order.

A lone link in long texts must rest on more matched weight than chance gives: the more
sentence pairs two texts offer, the more of them share a few words by coincidence.
Two texts on one subject also share their topic words all through: a short sentence of
one then meets several of the other about as well ("The rates of an immediate annuity
differ from fixed annuity rates" against each sentence on annuity rates), and the best
of them is chance, not reuse. A reworded sentence taken over matches its source clearly
better than any other sentence, so a lone link shorter than ``RIVAL_WORDS`` words on a
side whose sentences match another sentence (not a neighbour of the counterpart) at
``RIVAL_SHARE`` of the two whole sentences' score is left out, and a longer one at
``RIVAL_SHARE_LONG``, unless the two are the same sentence lightly edited.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .links import GAP, Link, content_words, near, reach, same_wording
from .passages import Draft
from .prepared import Prepared, boilerplate_share
from .similarity import match
from .text import word_count

CROSS_GAP = 1  # crossing links join only this close
MOVED_SCORE = 0.85  # a crossing link this close to verbatim keeps its own passage
GAP_RELATED = 0.15  # what lies between two links on both sides shares at least this score
SUMMARY_GAP = 20  # sentences a summary's source may skip between two condensed sentences
SUMMARY_RATIO = 2.5  # ... the source stretch being at least this many times longer
SUMMARY_DENSITY = 0.5  # links per sentence of the condensed side, at least
SUMMARY_ORDER = 0.6  # share of link pairs in the same order on both sides, at least
SUMMARY_PART = 3  # a summary's condensed parts no longer than this, each, ...
SUMMARY_FAR = 60  # ... may lie this many sentences apart in the source, ...
SUMMARY_LOOSE = 0.8  # ... and in any order when at most half its links score this (nearly copied)
CHANCE_MASS = 1.2  # a lone link's matched weight must reach this times log(sentence pairs)
DENSITY = 0.5  # a group whose span is mostly linked on each side is one passage
LONE_SURE = 0.9  # ... unless it scores at least this (the same sentence)
RIVAL_SHARE = 0.8  # a lone link whose sentence matches another this well, relative to it, ...
RIVAL_WORDS = 20  # ... and shorter than this on a side, is doubtful; ...
RIVAL_SHARE_LONG = 0.9  # ... a longer one, when its rival matches this well

Box = tuple[int, int, int, int]  # first and last sentence on A, then on B


def _dist(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(a0, b0) - min(a1, b1) - 1


def _box(group: Sequence[Link]) -> Box:
    return (
        min(o.a0 for o in group),
        max(o.a1 for o in group),
        min(o.b0 for o in group),
        max(o.b1 for o in group),
    )


def _between(p: Prepared, one: tuple[int, int], two: tuple[int, int]) -> tuple[int, int]:
    """Sentences strictly between two sentence ranges of one article (first, last)."""
    lo, hi = (one, two) if one[0] <= two[0] else (two, one)
    return lo[1] + 1, hi[0] - 1


def bridgeable(pa: Prepared, pb: Prepared, x: Link, y: Link) -> bool:
    """Whether what lies between two near links may sit inside one passage: nothing;
    text on both sides that still shares some words (a sentence reworded beyond a
    link, not two different sentences); or text added on one side only. Never
    boilerplate."""
    ga = _between(pa, (x.a0, x.a1), (y.a0, y.a1))
    gb = _between(pb, (x.b0, x.b1), (y.b0, y.b1))
    for p, spans in ((pa, (x.a_span, y.a_span)), (pb, (x.b_span, y.b_span))):
        lo, hi = sorted(spans)
        if hi[0] > lo[1] and boilerplate_share(lo[1], hi[0], p.article.boilerplate) > 0:
            return False
    gap_a, gap_b = ga[1] >= ga[0], gb[1] >= gb[0]
    if not gap_a and not gap_b:
        return True
    if gap_a and gap_b:
        stems_a = tuple(s for k in range(ga[0], ga[1] + 1) for s in pa.stems[k])
        stems_b = tuple(s for k in range(gb[0], gb[1] + 1) for s in pb.stems[k])
        return match(stems_a, stems_b, pa.weights, pb.weights).score >= GAP_RELATED
    return True


@dataclass(frozen=True, slots=True)
class Group:
    """The links of one passage; ``summary`` when it condenses a longer stretch."""

    links: tuple[Link, ...]
    summary: bool = False


def groups(pa: Prepared, pb: Prepared, links: Sequence[Link]) -> list[Group]:
    """Links joined into passages (see the module's description), in A's order."""
    parent = list(range(len(links)))
    words = (content_words(pa), content_words(pb)) if len(links) > 1 else None

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    widest = max(GAP, CROSS_GAP)
    reaches = [
        (reach(o.a0, o.a1, widest, words and words[0]), reach(o.b0, o.b1, widest, words and words[1]))
        for o in links
    ]
    for x in range(len(links)):
        (lo_a, hi_a), (lo_b, hi_b) = reaches[x]
        for y in range(x + 1, len(links)):
            p, q = links[x], links[y]
            if q.a0 > hi_a or q.a1 < lo_a or q.b0 > hi_b or q.b1 < lo_b:
                continue  # not near on one side: no need to ask
            forward = (p.a0 - q.a0) * (p.b0 - q.b0) > 0
            if near(p, q, GAP if forward else CROSS_GAP, words) and bridgeable(pa, pb, p, q):
                parent[find(x)] = find(y)
    chance = _chance(pa, pb)
    dropped: set[int] = set()
    joined = True
    while joined:  # groups whose boxes overlap on a side are one passage
        joined = False
        members: dict[int, list[int]] = defaultdict(list)
        for k in range(len(links)):
            if k not in dropped:
                members[find(k)].append(k)
        boxes = {r: _box([links[k] for k in ks]) for r, ks in members.items()}
        roots = sorted(boxes)
        for x, rx in enumerate(roots):
            for ry in roots[x + 1 :]:
                one, two = boxes[rx], boxes[ry]
                da = _dist(one[0], one[1], two[0], two[1])
                db = _dist(one[2], one[3], two[2], two[3])
                if da >= 0 and db >= 0:
                    continue
                stray = _stray(members[rx], members[ry], links, chance) if max(da, db) > GAP else None
                if stray is not None:
                    dropped.add(stray)
                else:
                    parent[find(rx)] = find(ry)
                joined = True  # boxes and members change: look again from the start
                break
            if joined:
                break
    out: dict[int, list[Link]] = defaultdict(list)
    for k, o in enumerate(links):
        if k not in dropped:
            out[find(k)].append(o)
    return _summaries([Group(tuple(g)) for g in sorted(out.values(), key=lambda g: _box(g))])


def _chance(pa: Prepared, pb: Prepared) -> float:
    """The matched weight a lone link needs in texts this long (see the module's description)."""
    return CHANCE_MASS * math.log(max(1, len(pa.sentences) * len(pb.sentences)))


def _by_chance(lone: Link, chance: float) -> bool:
    """A lone link that chance explains: little matched weight, not the same sentence."""
    return lone.match.mass < chance and lone.score < LONE_SURE and not lone.semantic


def _stray(one: list[int], two: list[int], links: Sequence[Link], chance: float) -> int | None:
    """Of two groups, one inside the other's span on one side but far from it on the
    other, the lone link that chance explains (which would not stand as a passage on its
    own either), or None when neither is one: they join."""
    for lone, other in ((one, two), (two, one)):
        if len(lone) == 1 and len(other) > 1 and _by_chance(links[lone[0]], chance):
            return lone[0]
    return None


def _concordance(group: Sequence[Link]) -> float:
    """Share of link pairs that come in the same order on both sides."""
    agree = total = 0
    for x in range(len(group)):
        for y in range(x + 1, len(group)):
            da = group[x].a0 - group[y].a0
            db = group[x].b0 - group[y].b0
            if da and db:
                total += 1
                agree += (da > 0) == (db > 0)
    return agree / total if total else 0.0


def _summaries(found: list[Group]) -> list[Group]:
    """Runs of groups that follow each other closely on one side (the summary) while
    their counterparts spread, in much the same order, over a stretch several times
    longer on the other side (the source) join into one group. When every group of the
    run is short on the condensed side (:func:`_short`), the source may skip up to
    ``SUMMARY_FAR`` sentences between two of them; when they are also mostly reworded
    (:func:`_parts`), the order does not matter. A run of links
    that are all (nearly) the same sentence is copied text spread out, never a summary: each
    keeps its own passage."""
    for side in (0, 1):
        x0, x1, y0, y1 = (0, 1, 2, 3) if side == 0 else (2, 3, 0, 1)
        found.sort(key=lambda g: _box(g.links)[x0])
        out: list[list[Group]] = []
        for group in found:
            box = _box(group.links)
            if out:
                run_box = _box([o for g in out[-1] for o in g.links])
                reach = SUMMARY_FAR if _short(out[-1] + [group], x0, x1) else SUMMARY_GAP
                if (
                    _dist(run_box[x0], run_box[x1], box[x0], box[x1]) <= GAP
                    and _dist(run_box[y0], run_box[y1], box[y0], box[y1]) <= reach
                ):
                    out[-1].append(group)
                    continue
            out.append([group])
        found = []
        for run in out:
            links = tuple(o for g in run for o in g.links)
            box = _box(links)
            extent_x = box[x1] - box[x0] + 1
            extent_y = box[y1] - box[y0] + 1
            if (
                len(run) > 1
                and len(links) >= 3
                and extent_y >= SUMMARY_RATIO * extent_x
                and len(links) >= SUMMARY_DENSITY * extent_x
                and (_parts(run, x0, x1) or _concordance(links) >= SUMMARY_ORDER)
                and not all(o.score >= SUMMARY_LOOSE for o in links)
            ):
                found.append(Group(links, summary=True))
            else:
                found.extend(run)
    return sorted(found, key=lambda g: _box(g.links))


def _short(run: Sequence[Group], x0: int, x1: int) -> bool:
    """Every group of the run spans at most ``SUMMARY_PART`` sentences on the condensed side."""
    for g in run:
        box = _box(g.links)
        if box[x1] - box[x0] >= SUMMARY_PART:
            return False
    return True


def _parts(run: Sequence[Group], x0: int, x1: int) -> bool:
    """Every group of the run is short on the condensed side and at most half of its links
    are nearly the same sentence: a summary quotes its source now and then, but shuffled
    sentences mostly copied or lightly edited are reuse moved around (news shuffles the
    paragraphs it takes over)."""
    links = [o for g in run for o in g.links]
    return _short(run, x0, x1) and 2 * sum(o.score >= SUMMARY_LOOSE for o in links) <= len(links)


def passage_groups(pa: Prepared, pb: Prepared, links: Sequence[Link]) -> list[Group]:
    """The links of each passage; lone links that chance explains, or that a rival
    match makes doubtful, are left out."""
    chance = _chance(pa, pb)
    return [
        g
        for g in groups(pa, pb, links)
        if len(g.links) > 1 or not (_by_chance(g.links[0], chance) or _rivalled(pa, pb, g.links[0]))
    ]


def _rivalled(pa: Prepared, pb: Prepared, lone: Link) -> bool:
    """A short reworded sentence standing alone while one of its sentences matches
    another sentence nearly as well (see the module's description)."""
    if lone.rival < RIVAL_SHARE or lone.semantic:
        return False
    words = min(word_count(pa.article.text, *lone.a_span), word_count(pb.article.text, *lone.b_span))
    return (words < RIVAL_WORDS or lone.rival >= RIVAL_SHARE_LONG) and not same_wording(pa, pb, lone)


def draft(group: Sequence[Link]) -> Draft:
    """From the group's first link's start to its last link's end, on each side; its
    score is its links' scores weighted by their length (as when two passages join), so
    one identical sentence does not give a long reworded passage a score of 1."""
    scores = [max(o.score, o.semantic) for o in group]
    if len(group) > 1:
        weights = [(o.a_span[1] - o.a_span[0]) + (o.b_span[1] - o.b_span[0]) for o in group]
        score = sum(w * x for w, x in zip(weights, scores, strict=True)) / max(1, sum(weights))
    else:
        score = scores[0]
    return Draft(
        min(o.a_span[0] for o in group),
        max(o.a_span[1] for o in group),
        min(o.b_span[0] for o in group),
        max(o.b_span[1] for o in group),
        score,
    )


def dense(group: Sequence[Link]) -> bool:
    """Most sentences inside the group's span are linked, on each side."""
    a0, a1, b0, b1 = _box(group)
    linked_a = sum(o.a1 - o.a0 + 1 for o in group)
    linked_b = sum(o.b1 - o.b0 + 1 for o in group)
    return min(linked_a / (a1 - a0 + 1), linked_b / (b1 - b0 + 1)) >= DENSITY


def split_moved(group: Sequence[Link]) -> list[list[Link]]:
    """The group as passages: links that come in another order on each side than a
    neighbour and are (nearly) the same sentence are text taken over and moved, which
    a passage of their own shows better than one diff showing them deleted and
    inserted. Reworded text shuffled inside a passage (and a summary's condensed
    sentences) stays one passage. When the rest would enclose a moved link (passages
    never overlap), the group stays one passage if it is dense (a paragraph taken over
    with its sentences reordered), else every link is its own passage."""
    moved = {
        k
        for k, p in enumerate(group)
        for q in group
        if (p.a0 - q.a0) * (p.b0 - q.b0) < 0 and p.score >= MOVED_SCORE
    }
    if not moved:
        return [list(group)]
    rest = [o for k, o in enumerate(group) if k not in moved]
    alone = [[o] for k, o in enumerate(group) if k in moved]
    if rest:
        box = _box(rest)
        if any(
            _dist(box[0], box[1], o.a0, o.a1) < 0 or _dist(box[2], box[3], o.b0, o.b1) < 0 for (o,) in alone
        ):
            return [list(group)] if dense(group) else [[o] for o in group]
        return [rest, *alone]
    return alone
