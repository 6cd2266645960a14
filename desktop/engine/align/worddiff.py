"""Word-level edit scripts between the two sides of a passage, with diff-match-patch.

Tokens (words, white space runs, single punctuation marks) are mapped to one private
character each, as in the library's "line or word diffs" recipe, so the character diff
is a token diff and no change is ever shown inside a word.

The diff itself runs in the library's C++ build (``fast-diff-match-patch``) when it is
installed, and in its Python original otherwise: the same algorithm with the same
tie-breaks, so both give the same edit script (tested), the C++ one about ten times
faster.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from dataclasses import dataclass

import diff_match_patch

try:
    import fast_diff_match_patch as _fast
except ImportError:  # no wheel for this platform: the Python original does the same work
    _fast = None

from ..model import DiffOp, Op, Settings
from .text import TOKEN_RE, is_punctuation, normal_form, typographic, word_count

# 0 disables the time limit: the result must not depend on how fast the machine is.
# Passages are sentence-sized, so the exact algorithm stays fast.
DIFF_TIMEOUT = 0.0

_FIRST_CODE = 0xE000  # private use area, then beyond the BMP when it runs out


@dataclass(frozen=True, slots=True)
class DiffStats:
    """Word counts of an edit script, used to classify a passage."""

    equal: int
    deleted: int
    inserted: int

    @property
    def similarity(self) -> float:
        """Share of words kept, 0..1 (Dice over words)."""
        total = 2 * self.equal + self.deleted + self.inserted
        return 2 * self.equal / total if total else 1.0


def token_key(token: str, settings: Settings) -> str:
    """What a token is compared as under the user's settings.

    Always in :func:`normal_form` (NFC, soft hyphens and zero-width characters dropped),
    even with strict typography: the two spellings are the same text on screen.
    """
    return _key(settings.ignore_typography, settings.ignore_case, settings.ignore_punctuation, token)


@functools.lru_cache(maxsize=1 << 16)  # words recur in every passage of an article
def _key(ignore_typography: bool, ignore_case: bool, ignore_punctuation: bool, token: str) -> str:
    folded = normal_form(token)
    if not folded or folded.isspace():  # white space, or only invisible characters
        return " " if ignore_typography or not folded else folded
    key = typographic(folded) if ignore_typography else folded
    if ignore_case:
        key = key.lower()
    if ignore_punctuation and all(ch.isspace() or is_punctuation(ch) for ch in key):
        return " "
    return key


@functools.lru_cache(
    maxsize=4096
)  # a passage's side is often the side of others (one paragraph, many outlets)
def _pieces(text: str, start: int, end: int, flags: tuple[bool, bool, bool]) -> tuple[list[int], list[str]]:
    """The tokens of ``text[start:end]`` as the diff compares them: each one's end offset
    and key, runs of ignorable tokens (white space, and punctuation if ignored) joined
    into one. Lists rather than :class:`.text.Token` objects, built by C loops where it
    can: a passage has a few hundred tokens and a corpus tens of thousands of passages.
    Remembered, so read only."""
    found = list(TOKEN_RE.finditer(text, start, end))
    keys = list(map(functools.partial(_key, *flags), map(_GROUP, found)))
    gaps = list(map(_GAP_KEY, keys))
    if not any(map(operator.and_, gaps, gaps[1:])):  # no two ignorable tokens in a row
        return list(map(_END, found)), keys
    ends: list[int] = []
    joined: list[str] = []
    last_gap = False
    run_start = start  # where the last piece starts
    for m, key, gap in zip(found, keys, gaps, strict=True):
        if gap and last_gap:
            key = _key(*flags, text[run_start : m.end()])
            ends[-1] = m.end()
            joined[-1] = key
            last_gap = key == " "
        else:
            run_start = m.start()
            ends.append(m.end())
            joined.append(key)
            last_gap = gap
    return ends, joined


def forget_pieces() -> None:
    """Drop the remembered pieces of spans (:func:`_pieces`): at the end of a run."""
    _pieces.cache_clear()


_GROUP = re.Match.group
_END = re.Match.end
_GAP_KEY = " ".__eq__


def _codes(keys_a: list[str], keys_b: list[str]) -> dict[str, str]:
    """One private character per distinct key, in the order the keys first appear."""
    return {
        key: chr(_FIRST_CODE + n if _FIRST_CODE + n < 0xF900 else 0x10000 + n)
        for n, key in enumerate(dict.fromkeys(itertools.chain(keys_a, keys_b)))
    }


def word_diff(
    text_a: str,
    a_start: int,
    a_end: int,
    text_b: str,
    b_start: int,
    b_end: int,
    settings: Settings | None = None,
) -> tuple[DiffOp, ...]:
    """The edit script turning ``text_a[a_start:a_end]`` into ``text_b[b_start:b_end]``.

    Offsets in the result are absolute in each text. The equal and delete pieces tile the
    A span exactly; the equal and insert pieces tile the B span.
    """
    settings = settings or Settings()
    flags = (settings.ignore_typography, settings.ignore_case, settings.ignore_punctuation)
    ends_a, keys_a = _pieces(text_a, a_start, a_end, flags)
    ends_b, keys_b = _pieces(text_b, b_start, b_end, flags)
    table = _codes(keys_a, keys_b)
    enc_a = "".join(map(table.__getitem__, keys_a))
    enc_b = "".join(map(table.__getitem__, keys_b))

    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    diffs = token_diff(enc_a, enc_b, dmp)
    _absorb_gaps(dmp, diffs, {code for key, code in table.items() if _is_gap(key)})

    ops: list[DiffOp] = []
    ia = ib = 0  # token cursors
    pos_a, pos_b = a_start, b_start
    for op, chunk in diffs:
        n = len(chunk)
        if op == dmp.DIFF_EQUAL:
            end_a = ends_a[ia + n - 1]
            end_b = ends_b[ib + n - 1]
            _append(ops, DiffOp(Op.EQUAL, pos_a, end_a, pos_b, end_b))
            ia, ib, pos_a, pos_b = ia + n, ib + n, end_a, end_b
        elif op == dmp.DIFF_DELETE:
            end_a = ends_a[ia + n - 1]
            _append(ops, DiffOp(Op.DELETE, pos_a, end_a, pos_b, pos_b))
            ia, pos_a = ia + n, end_a
        else:
            end_b = ends_b[ib + n - 1]
            _append(ops, DiffOp(Op.INSERT, pos_a, pos_a, pos_b, end_b))
            ib, pos_b = ib + n, end_b
    return tuple(ops)


_DMP = diff_match_patch.diff_match_patch
_FAST_OPS = {"=": _DMP.DIFF_EQUAL, "-": _DMP.DIFF_DELETE, "+": _DMP.DIFF_INSERT}


def token_diff(
    enc_a: str, enc_b: str, dmp: diff_match_patch.diff_match_patch, *, accelerated: bool = True
) -> list[tuple[int, str]]:
    """diff-match-patch's ``diff_main`` of two encoded token strings, with no time limit
    and no clean-up beyond its own merge: from the C++ build when installed (and
    ``accelerated``), else from ``dmp``."""
    if _fast is not None and accelerated:
        found = _fast.diff(
            enc_a, enc_b, timelimit=DIFF_TIMEOUT, checklines=False, cleanup="No", counts_only=False
        )
        return [(_FAST_OPS[op], chunk) for op, chunk in found]
    return [(op, chunk) for op, chunk in dmp.diff_main(enc_a, enc_b, False)]


def accelerated() -> bool:
    """Whether the C++ build of diff-match-patch is in use."""
    return _fast is not None


@functools.lru_cache(maxsize=1 << 16)
def _is_gap(key: str) -> bool:
    """A token key made of white space or punctuation only."""
    return all(ch.isspace() or is_punctuation(ch) for ch in key)


def _absorb_gaps(dmp: diff_match_patch.diff_match_patch, diffs: list, gaps: set[str]) -> None:
    """Fold a run of only spaces and punctuation that sits between two changes into them.

    Without this, "like to" -> "love to" reads as three pieces around a lone space. Unlike
    diff-match-patch's semantic clean-up, shared *words* are never folded away: a reader
    must see every word two versions have in common, however short the run.
    """
    out = []
    for k, (op, chunk) in enumerate(diffs):
        between_changes = 0 < k < len(diffs) - 1 and diffs[k - 1][0] != op and diffs[k + 1][0] != op
        if op == dmp.DIFF_EQUAL and between_changes and all(ch in gaps for ch in chunk):
            out += [(dmp.DIFF_DELETE, chunk), (dmp.DIFF_INSERT, chunk)]
        else:
            out.append((op, chunk))
    if len(out) != len(diffs):
        dmp.diff_cleanupMerge(out)
        diffs[:] = out


def _append(ops: list[DiffOp], op: DiffOp) -> None:
    """Add ``op``, joining it to the previous one when both are of the same kind."""
    if ops and ops[-1].op == op.op:
        prev = ops[-1]
        ops[-1] = DiffOp(op.op, prev.a_start, op.a_end, prev.b_start, op.b_end)
    else:
        ops.append(op)


def diff_stats(ops: tuple[DiffOp, ...], text_a: str, text_b: str) -> DiffStats:
    """Count the words in each kind of piece."""
    equal = deleted = inserted = 0
    for op in ops:
        if op.op == Op.EQUAL:
            equal += word_count(text_a, op.a_start, op.a_end)
        elif op.op == Op.DELETE:
            deleted += word_count(text_a, op.a_start, op.a_end)
        else:
            inserted += word_count(text_b, op.b_start, op.b_end)
    return DiffStats(equal, deleted, inserted)
