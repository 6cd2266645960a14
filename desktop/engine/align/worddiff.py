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
from dataclasses import dataclass

import diff_match_patch

try:
    import fast_diff_match_patch as _fast
except ImportError:  # no wheel for this platform: the Python original does the same work
    _fast = None

from ..model import DiffOp, Op, Settings
from .text import Token, is_punctuation, normal_form, tokens, typographic, word_count

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
    return _key(token, settings.ignore_typography, settings.ignore_case, settings.ignore_punctuation)


@functools.lru_cache(maxsize=1 << 16)  # words recur in every passage of an article
def _key(token: str, ignore_typography: bool, ignore_case: bool, ignore_punctuation: bool) -> str:
    folded = normal_form(token)
    if not folded or folded.isspace():  # white space, or only invisible characters
        return " " if ignore_typography or not folded else folded
    key = typographic(folded) if ignore_typography else folded
    if ignore_case:
        key = key.lower()
    if ignore_punctuation and all(ch.isspace() or is_punctuation(ch) for ch in key):
        return " "
    return key


def _encode(toks: list[Token], settings: Settings, table: dict[str, str]) -> str:
    chars = []
    for tok in toks:
        key = token_key(tok.text, settings)
        code = table.get(key)
        if code is None:
            n = len(table)
            code = chr(_FIRST_CODE + n if _FIRST_CODE + n < 0xF900 else 0x10000 + n)
            table[key] = code
        chars.append(code)
    return "".join(chars)


def _merge_gaps(toks: list[Token], settings: Settings) -> list[Token]:
    """Join runs of ignorable tokens (white space, and punctuation if ignored) into one."""
    out: list[Token] = []
    last_gap = False
    for tok in toks:
        gap = token_key(tok.text, settings) == " "
        if gap and last_gap:
            prev = out[-1]
            out[-1] = Token(prev.text + tok.text, prev.start, tok.end)
            last_gap = token_key(out[-1].text, settings) == " "
        else:
            out.append(tok)
            last_gap = gap
    return out


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
    toks_a = _merge_gaps(list(tokens(text_a, a_start, a_end)), settings)
    toks_b = _merge_gaps(list(tokens(text_b, b_start, b_end)), settings)
    table: dict[str, str] = {}
    enc_a = _encode(toks_a, settings, table)
    enc_b = _encode(toks_b, settings, table)

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
            end_a = toks_a[ia + n - 1].end
            end_b = toks_b[ib + n - 1].end
            _append(ops, DiffOp(Op.EQUAL, pos_a, end_a, pos_b, end_b))
            ia, ib, pos_a, pos_b = ia + n, ib + n, end_a, end_b
        elif op == dmp.DIFF_DELETE:
            end_a = toks_a[ia + n - 1].end
            _append(ops, DiffOp(Op.DELETE, pos_a, end_a, pos_b, pos_b))
            ia, pos_a = ia + n, end_a
        else:
            end_b = toks_b[ib + n - 1].end
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
