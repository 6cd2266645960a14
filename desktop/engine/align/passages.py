"""From sentence links to passages: word diff, trimmed ends, kind, merging passages
that are adjacent on both sides into maximal passages, and joining passages a few
sentences apart whose joined span they mostly cover."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Article, Kind, Op, Passage, Settings
from .prepared import Prepared, boilerplate_share
from .text import WORD_RE, is_content, typographic, word_count
from .worddiff import diff_stats, word_diff

VERBATIM_MIN = 1.0  # verbatim: no word differs (case, punctuation, typography may)
EDITED_MIN = 0.78  # ... edited; below it the passage is a paraphrase
TRIM_WORDS = 3  # one-sided runs this long at a passage's ends are cut off
JOIN_GAP = 4  # sentences between two passages that may still join ...
JOIN_DENSITY = 0.5  # ... when the two cover more than this share of the joined span, on each side


@dataclass(slots=True)
class Draft:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    match_score: float


def classify(similarity: float) -> Kind:
    if similarity >= VERBATIM_MIN:
        return Kind.VERBATIM
    if similarity >= EDITED_MIN:
        return Kind.EDITED
    return Kind.PARAPHRASE


def finish_draft(
    draft: Draft, a: Article, b: Article, settings: Settings, *, trim: bool = True
) -> Passage | None:
    """Diff a draft, trim one-sided ends (unless ``trim`` is false: a passage of several
    links already ends where its links do), classify it."""
    draft = Draft(
        *strip_span(a.text, draft.a_start, draft.a_end, _LEAD, _TAIL),
        *strip_span(b.text, draft.b_start, draft.b_end, _LEAD, _TAIL),
        draft.match_score,
    )
    ops = word_diff(a.text, draft.a_start, draft.a_end, b.text, draft.b_start, draft.b_end, settings)
    trimmed = _trim(ops, a.text, b.text) if trim else None
    if trimmed is not None:
        draft = Draft(*trimmed, draft.match_score)
        ops = word_diff(a.text, draft.a_start, draft.a_end, b.text, draft.b_start, draft.b_end, settings)
    stats = diff_stats(ops, a.text, b.text)
    if stats.equal == 0 and draft.match_score == 0:
        return None
    words_a = stats.equal + stats.deleted
    words_b = stats.equal + stats.inserted
    if max(words_a, words_b) < settings.min_words:
        return None
    kind = classify(stats.similarity)
    score = round(max(stats.similarity, draft.match_score), 4)
    return Passage(draft.a_start, draft.a_end, draft.b_start, draft.b_end, kind, score, ops)


def _trim(ops: tuple, text_a: str, text_b: str) -> tuple[int, int, int, int] | None:
    """New spans without one-sided runs at either end, or None when nothing is cut."""
    equal = [k for k, op in enumerate(ops) if op.op == Op.EQUAL and word_count(text_a, op.a_start, op.a_end)]
    if not equal:
        return None
    first, last = equal[0], equal[-1]

    def one_sided(chunk: Sequence) -> bool:
        wa = sum(word_count(text_a, o.a_start, o.a_end) for o in chunk if o.op == Op.DELETE)
        wb = sum(word_count(text_b, o.b_start, o.b_end) for o in chunk if o.op == Op.INSERT)
        return max(wa, wb) >= TRIM_WORDS and min(wa, wb) == 0

    cut_head = one_sided(ops[:first])
    cut_tail = one_sided(ops[last + 1 :])
    if not (cut_head or cut_tail):
        return None
    head = ops[first] if cut_head else ops[0]
    tail = ops[last] if cut_tail else ops[-1]
    a0, b0 = head.a_start, head.b_start
    a1, b1 = tail.a_end, tail.b_end
    a0, a1 = strip_span(text_a, a0, a1)
    b0, b1 = strip_span(text_b, b0, b1)
    return (a0, a1, b0, b1)


_SPACE = " \n\t\r\u00a0"
_LOOSENESS = (Kind.VERBATIM, Kind.EDITED, Kind.PARAPHRASE)


# A passage never starts with a dateline dash, a list or quote marker, nor ends on a comma.
_LEAD = _SPACE + "-–—>*#•·|,;:"


_TAIL = _SPACE + "-–—,;:("


def strip_span(
    text: str, start: int, end: int, chars: str = _SPACE, tail: str | None = None
) -> tuple[int, int]:
    """Move ``start`` past ``chars`` and ``end`` back past ``tail`` (default: ``chars``)."""
    tail = chars if tail is None else tail
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in tail:
        end -= 1
    return start, end


def _gap_is_empty(text: str, start: int, end: int) -> bool:
    """Only white space, punctuation or a few function words ("and", "but") lie between
    two spans: they read as one passage."""
    if end <= start:
        return True
    words = list(WORD_RE.finditer(text, start, end))
    return len(words) <= 2 and not any(is_content(m.group()) for m in words)


def _same_gap(gap_a: str, gap_b: str) -> bool:
    """The text between two passages is the same on both sides (a fragment too short to
    link on its own, such as "On our visit,"): the passages are one."""
    found_a = [m.group() for m in itertools.islice(WORD_RE.finditer(gap_a), _GAP_WORDS + 1)]
    if not 0 < len(found_a) <= _GAP_WORDS:
        return False  # (a long gap is never read through)
    found_b = [m.group() for m in itertools.islice(WORD_RE.finditer(gap_b), _GAP_WORDS + 1)]
    return len(found_b) == len(found_a) and [typographic(w).lower() for w in found_a] == [
        typographic(w).lower() for w in found_b
    ]


_GAP_WORDS = 40  # the longest fragment read as the same on both sides


def is_worded(text: str, run: Sequence[tuple[str, int, int]]) -> bool:
    """A run that is more than a string of names ("CEO Mark Zuckerberg and ...")."""
    lower = sum(1 for _, s, _ in run if text[s].islower())
    return lower * 2 >= len(run)


def close_quote(text: str, end: int) -> int:
    """Extend a run's end over a closing punctuation mark that belongs to it."""
    while end < len(text) and text[end] in '.,;:!?”’")':
        end += 1
    return end


def overlaps(s1: int, e1: int, s2: int, e2: int) -> bool:
    return min(e1, e2) > max(s1, s2)


def merge_adjacent(passages: list[Passage], a: Article, b: Article, settings: Settings) -> list[Passage]:
    """Join passages that follow each other in A and in B into one maximal passage.

    Never across boilerplate: a passage holds none."""
    if len(passages) < 2:
        return passages
    passages = sorted(passages, key=lambda p: (p.a_start, p.b_start))
    out = [passages[0]]
    for p in passages[1:]:
        q = out[-1]
        if (
            p.b_start >= q.b_end
            and p.a_start >= q.a_end
            and boilerplate_share(q.a_end, p.a_start, a.boilerplate) == 0
            and boilerplate_share(q.b_end, p.b_start, b.boilerplate) == 0
            and (
                (
                    _same_gap(a.text[q.a_end : p.a_start], b.text[q.b_end : p.b_start])
                    and not any(q.b_end < r.b_end and r.b_start < p.b_start for r in passages)
                )
                or (_gap_is_empty(a.text, q.a_end, p.a_start) and _gap_is_empty(b.text, q.b_end, p.b_start))
            )
        ):
            merged = _joined(q, p, a, b, settings)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(p)
    return out


def _joined(q: Passage, p: Passage, a: Article, b: Article, settings: Settings) -> Passage | None:
    """One passage from the start of ``q`` to the end of ``p`` on each side."""
    merged = finish_draft(Draft(q.a_start, p.a_end, q.b_start, p.b_end, 0.0), a, b, settings)
    if merged is None:
        return None
    wq = q.a_end - q.a_start
    wp = p.a_end - p.a_start
    score = round(max(merged.score, (q.score * wq + p.score * wp) / max(1, wq + wp)), 4)
    # A paraphrase in either part makes the whole one, whichever comes first (as in
    # join_close); copied and edited parts take the kind of the joined diff.
    kind = Kind.PARAPHRASE if Kind.PARAPHRASE in (q.kind, p.kind) else merged.kind
    return Passage(merged.a_start, merged.a_end, merged.b_start, merged.b_end, kind, score, merged.diff)


def _sentence_range(edges: tuple[list[int], list[int]], span: tuple[int, int]) -> tuple[int, int]:
    """First and last sentence (given by their starts and ends) that ``span`` overlaps
    (last < first: none)."""
    starts, ends = edges
    return bisect.bisect_right(ends, span[0]), bisect.bisect_left(starts, span[1]) - 1


def _edges(p: Prepared) -> tuple[list[int], list[int]]:
    return [s.start for s in p.sentences], [s.end for s in p.sentences]


def join_close(passages: list[Passage], pa: Prepared, pb: Prepared, settings: Settings) -> list[Passage]:
    """Join passages that follow each other on both sides a few sentences apart, with no
    other passage between, when most sentences of the joined span are inside them on
    each side: one reused paragraph with a sentence or two replaced is one passage,
    whether its sentences were copied or reworded. Never across boilerplate."""
    if len(passages) < 2:
        return passages
    a, b = pa.article, pb.article
    edges_a, edges_b = _edges(pa), _edges(pb)
    out = sorted(passages, key=lambda p: (p.a_start, p.b_start))
    k = 0
    while k < len(out) - 1:
        q, p = out[k], out[k + 1]
        if (
            p.a_start >= q.a_end
            and p.b_start >= q.b_end
            and not any(q.b_end <= r.b_start and r.b_end <= p.b_start for r in out)
            and boilerplate_share(q.a_end, p.a_start, a.boilerplate) == 0
            and boilerplate_share(q.b_end, p.b_start, b.boilerplate) == 0
            and _close(_sentence_range(edges_a, q.a_span), _sentence_range(edges_a, p.a_span))
            and _close(_sentence_range(edges_b, q.b_span), _sentence_range(edges_b, p.b_span))
            and (merged := _joined(q, p, a, b, settings)) is not None
        ):
            # The kind is that of the parts (the looser of the two), not of the whole
            # span: the sentences between are added text, not a rewording.
            kind = max(q.kind, p.kind, key=_LOOSENESS.index)
            out[k : k + 2] = [replace(merged, kind=kind)]
            continue
        k += 1
    return out


def _close(one: tuple[int, int], two: tuple[int, int]) -> bool:
    """Two sentence ranges (in order) at most JOIN_GAP sentences apart, covering
    more than JOIN_DENSITY of the range from the first's start to the second's end."""
    if one[1] < one[0] or two[1] < two[0]:
        return False
    gap = two[0] - one[1] - 1
    inside = (one[1] - one[0] + 1) + (two[1] - two[0] + 1)
    return gap <= JOIN_GAP and inside > JOIN_DENSITY * (two[1] - one[0] + 1)


def shared_share(p: Prepared, spans: list[tuple[int, int]]) -> float:
    """Share of the article's (non-boilerplate) words that fall inside ``spans``."""
    total = len(p.words)
    return round(p.words_inside(spans) / total, 4) if total else 0.0
