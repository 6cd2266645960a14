"""What a reader is shown as changed between two texts: one decision, for every view.

A word diff (:class:`~desktop.engine.model.DiffOp` pieces) says which tokens differ. The
compare pane, the families view and the HTML exports do not each decide from it what
to mark; they render what this module decides, so they mark the same characters:

- **Whole words.** A word joined by hyphens ("state-of-the-art") is marked as a whole or
  not at all. The diff compares tokens, a hyphenated word is several of them, and a
  "the" shared with the other side would otherwise split an inserted
  "state-of-the-art" into "state-of-", "the", "-art": :func:`whole_words` turns the
  shared tokens inside such a word into a change on both sides.
- **No white space.** A changed piece is marked without the white space at its ends;
  a piece of white space only is not marked (:func:`marked_spans`).
- **Punctuation counts.** A comma or a closing quotation mark that differs is marked
  like a word: the settings decide whether punctuation and typography are compared
  (then the diff holds them as changes) or not (then it holds them as equal).
- **Family versions** show their diff from the central version as their
  :attr:`~desktop.engine.model.FamilyMember.marking` says (:func:`member_diff`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .align.text import WORD_RE, tokens, trimmed_span
from .model import Article, DiffOp, FamilyMember, Marking, Op, Passage, Span

# Words joined by hyphens (hyphen-minus, hyphen, non-breaking hyphen) with no space.
COMPOUND_RE = re.compile(rf"(?:{WORD_RE.pattern})(?:[-\u2010\u2011](?:{WORD_RE.pattern}))+")


def passage_diff(passage: Passage, a: Article, b: Article) -> tuple[DiffOp, ...]:
    """The pieces of ``passage``'s diff as every view shows them (see :func:`whole_words`)."""
    return whole_words(passage.diff, a.text, b.text)


def member_diff(member: FamilyMember, central_text: str, text: str) -> tuple[DiffOp, ...]:
    """The pieces of a family version's diff from the central version (side A) to show.

    Whole words, then filtered as the version's marking says: everything, only its own
    words (no struck-through central ones), or nothing (show it as published).
    """
    if member.marking is Marking.NONE or not member.diff:
        return ()
    ops = whole_words(member.diff, central_text, text)
    if member.marking is Marking.OWN_WORDS:
        return tuple(op for op in ops if op.op is not Op.DELETE)
    return ops


def marked_spans(ops: Iterable[DiffOp], text: str, side: str) -> list[Span]:
    """The spans of ``text`` to mark on ``side``: deleted pieces on "a", inserted on "b".

    Each without white space at its ends; pieces of white space only are left out.
    ``ops`` should come from :func:`whole_words` (or :func:`passage_diff`).
    """
    wanted = Op.DELETE if side == "a" else Op.INSERT
    out = []
    for op in ops:
        if op.op is wanted:
            piece = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
            start, end = trimmed_span(text, *piece)
            if start < end:
                out.append((start, end))
    return out


def whole_words(ops: Sequence[DiffOp], text_a: str, text_b: str) -> tuple[DiffOp, ...]:
    """``ops`` with no hyphenated word split between a shared and a changed part.

    Wherever a word joined by hyphens is partly equal and partly changed on either side,
    its equal tokens become a change on both sides (their counterparts on the other side
    too), and the changes between two shared pieces are joined into one deletion and
    one insertion. The result is still an edit script: the equal and delete pieces tile
    the A span, the equal and insert pieces the B span. Idempotent.
    """
    result = tuple(ops)
    while True:  # a unit turned into a change may split a word on the other side: again
        split_a = _split_compounds(result, text_a, "a")
        split_b = _split_compounds(result, text_b, "b")
        if not split_a and not split_b:
            return result
        pieces: list[DiffOp] = []
        for op in result:
            if op.op is Op.EQUAL and (
                _meets(split_a, op.a_start, op.a_end) or _meets(split_b, op.b_start, op.b_end)
            ):
                pieces.extend(_cut_equal(op, text_a, text_b, split_a, split_b))
            else:
                pieces.append(op)
        joined = _joined(pieces)
        if joined == result:
            return result  # nothing could be cut (see _cut_equal)
        result = joined


def _split_compounds(ops: Sequence[DiffOp], text: str, side: str) -> list[Span]:
    """Hyphenated words of ``side`` that an equal piece and a changed piece both reach into."""
    changed = Op.DELETE if side == "a" else Op.INSERT
    ranges = [
        (op.op is Op.EQUAL, *((op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)))
        for op in ops
        if op.op in (Op.EQUAL, changed)
    ]
    ranges = [(equal, s, e) for equal, s, e in ranges if s < e]
    if not ranges or all(equal for equal, *_ in ranges) or not any(equal for equal, *_ in ranges):
        return []
    start, end = min(s for _, s, _ in ranges), max(e for *_, e in ranges)
    out = []
    for match in COMPOUND_RE.finditer(text, start, end):
        cs, ce = match.span()
        kinds = {equal for equal, s, e in ranges if s < ce and cs < e}
        if kinds == {True, False}:
            out.append((cs, ce))
    return out


def _meets(spans: Sequence[Span], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _units(text: str, start: int, end: int) -> list[tuple[bool, int, int]]:
    """``text[start:end]`` as words and runs of what lies between them: (is word, start, end).

    The tokens of an equal piece match one for one on both sides, words with words, so
    these units do too, even where the settings fold runs of spaces and punctuation.
    """
    units: list[tuple[bool, int, int]] = []
    for token in tokens(text, start, end):
        word = token.is_word
        if not word and units and not units[-1][0]:
            units[-1] = (False, units[-1][1], token.end)
        else:
            units.append((word, token.start, token.end))
    return units


def _cut_equal(
    op: DiffOp, text_a: str, text_b: str, split_a: Sequence[Span], split_b: Sequence[Span]
) -> list[DiffOp]:
    """An equal piece cut into its shared parts and the parts inside a split word (changed)."""
    units_a, units_b = _units(text_a, op.a_start, op.a_end), _units(text_b, op.b_start, op.b_end)
    if [w for w, *_ in units_a] != [w for w, *_ in units_b]:
        return [op]  # not token for token (cannot happen for a diff of these texts): leave it
    out: list[DiffOp] = []
    for (_, sa, ea), (_, sb, eb) in zip(units_a, units_b, strict=True):
        changed = _meets(split_a, sa, ea) or _meets(split_b, sb, eb)
        kind = Op.DELETE if changed else Op.EQUAL  # a changed unit: delete here, insert below
        if out and out[-1].op is kind and kind is Op.EQUAL:
            out[-1] = DiffOp(Op.EQUAL, out[-1].a_start, ea, out[-1].b_start, eb)
        elif changed:
            out += [DiffOp(Op.DELETE, sa, ea, sb, sb), DiffOp(Op.INSERT, ea, ea, sb, eb)]
        else:
            out.append(DiffOp(Op.EQUAL, sa, ea, sb, eb))
    return out


def _joined(pieces: Sequence[DiffOp]) -> tuple[DiffOp, ...]:
    """Adjacent equal pieces merged; each run of changes one deletion, then one insertion."""
    out: list[DiffOp] = []
    run: list[DiffOp] = []

    def flush() -> None:
        if not run:
            return
        a0, a1 = run[0].a_start, run[-1].a_end
        b0, b1 = run[0].b_start, run[-1].b_end
        if a0 < a1:
            out.append(DiffOp(Op.DELETE, a0, a1, b0, b0))
        if b0 < b1:
            out.append(DiffOp(Op.INSERT, a1, a1, b0, b1))
        run.clear()

    for op in pieces:
        if op.op is Op.EQUAL:
            flush()
            if out and out[-1].op is Op.EQUAL:
                out[-1] = DiffOp(Op.EQUAL, out[-1].a_start, op.a_end, out[-1].b_start, op.b_end)
            else:
                out.append(op)
        else:
            run.append(op)
    flush()
    return tuple(out)
