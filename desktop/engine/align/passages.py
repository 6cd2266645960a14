"""From sentence links to passages: word diff, trimmed ends, kind, and merging links
that are adjacent on both sides into maximal passages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Article, Kind, Op, Passage, Settings
from .prepared import Prepared, boilerplate_share
from .text import WORD_RE, is_content, typographic, word_count
from .worddiff import diff_stats, word_diff

VERBATIM_MIN = 1.0  # verbatim: no word differs (case, punctuation, typography may)
EDITED_MIN = 0.78  # ... edited; below it the passage is a paraphrase
TRIM_WORDS = 3  # one-sided runs this long at a passage's ends are cut off


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
    words_a = [typographic(w).lower() for w in WORD_RE.findall(gap_a)]
    return 0 < len(words_a) <= 40 and words_a == [typographic(w).lower() for w in WORD_RE.findall(gap_b)]


def _merge_group(kind_a: Kind, kind_b: Kind) -> bool:
    close = {Kind.VERBATIM, Kind.EDITED}
    return kind_a == kind_b or (kind_a in close and kind_b in close)


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
            _merge_group(q.kind, p.kind)
            and p.b_start >= q.b_end
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
            merged = finish_draft(Draft(q.a_start, p.a_end, q.b_start, p.b_end, 0.0), a, b, settings)
            if merged is not None:
                wq = q.a_end - q.a_start
                wp = p.a_end - p.a_start
                score = round(max(merged.score, (q.score * wq + p.score * wp) / max(1, wq + wp)), 4)
                kind = merged.kind if q.kind != Kind.PARAPHRASE else Kind.PARAPHRASE
                out[-1] = Passage(
                    merged.a_start, merged.a_end, merged.b_start, merged.b_end, kind, score, merged.diff
                )
                continue
        out.append(p)
    return out


def shared_share(p: Prepared, spans: list[tuple[int, int]]) -> float:
    """Share of the article's (non-boilerplate) words that fall inside ``spans``."""
    total = len(p.words)
    return round(p.words_inside(spans) / total, 4) if total else 0.0
