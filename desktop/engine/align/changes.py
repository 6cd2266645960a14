"""Typed changes: what a passage's word changes are about, not only where they are.

A passage's word diff is cut into *hunks*, maximal runs of non-equal pieces between two
shared words. In each hunk the rules below claim words for a type, in this order, each
word for one type at most; what no rule claims is wording (or, inside quotation marks on
both sides, a quotation altered). Every rule compares a hunk's words with the *whole* other
side of the passage, so a number, name or hedge that only moved is not a change.

- **number**: a number, amount or date whose value the other side does not give anywhere
  ("12,000" vs "1,200", "Friday" vs "August 23", "2024" dropped). Values are compared, so
  "3 billion euros" and "three billion euros" agree (:mod:`.quantities`).
- **attribution**: a verb of saying whose lemma the other side lacks ("said" vs "claimed";
  "said" vs "says" is one verb), or the speaker next to a verb of saying replaced on both
  sides ("Zuckerberg noted" vs "Meta said"). Forms that are also nouns ("claim", "note")
  count only next to a speaker, a quotation mark or "that".
- **name**: capitalised names on both sides of the hunk that the other side does not
  carry ("Facebook" vs "Meta"). Sentence-initial words count only when the texts also
  capitalise them mid-sentence; titles ("CEO"), months and weekdays are not names. A
  name only added or only dropped is wording.
- **hedge**: hedges (could, reportedly, it's not a stretch to assume; "about" before a
  number) and assertions (there's no doubt, clearly) that the other side lacks, when they
  change how certain the hunk is ("could" vs nothing, "could" vs "clearly"; not "may" vs
  "might").
- **negation**: the two sides of the passage hold a different number of negations (not,
  never, no, n't, without, ...; "not only" is none) and so does the hunk.
- **quote**: the remaining words of a hunk that lies inside quotation marks on both
  sides. Any typed change there is flagged ``quoted`` as well.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ..model import (
    Cancelled,
    Change,
    ChangeType,
    CorpusAlignment,
    Op,
    PairAlignment,
    Passage,
    Progress,
    Span,
    never_cancelled,
    no_progress,
)
from .cues import PRONOUNS, TITLES, Cue, CueKind
from .quantities import same
from .quotemarks import inside_quote
from .sides import CERTAINTY, Side, proper_words
from .text import STOPWORDS, excerpt, trimmed_span

ORDER = tuple(ChangeType)
"""The order types are listed in: views, legends and filters."""

_WORD_CHAR = re.compile(r"\w")
_SIGNS = frozenset("$€£¥")
_SPELLING = 0.8  # two names this alike (difflib ratio) are one name spelt two ways


@dataclass(frozen=True, slots=True)
class _Hunk:
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def hunks(diff: Sequence) -> list[_Hunk]:
    """The maximal runs of non-equal pieces of a word diff, as one span per side."""
    out: list[_Hunk] = []
    run: list = []
    for op in [*diff, None]:
        if op is not None and op.op != Op.EQUAL:
            run.append(op)
            continue
        if run:
            out.append(_Hunk(run[0].a_start, run[-1].a_end, run[0].b_start, run[-1].b_end))
            run = []
    return out


# --------------------------------------------------------------------------- the rules


@dataclass(slots=True)
class _Atom:
    type: ChangeType
    a: set[int]
    b: set[int]


def _numbers(a: Side, b: Side, ra: range, rb: range) -> tuple[set[int], set[int]]:
    def unmatched(side: Side, other: Side, rng: range) -> set[int]:
        out: set[int] = set()
        for m in side.mentions:
            inside = range(max(m.first, rng.start), min(m.last + 1, rng.stop))
            if inside and not any(same(m, o) for o in other.mentions):
                out.update(inside)
        return out

    return unmatched(a, b, ra), unmatched(b, a, rb)


def _cues_in(side: Side, rng: range, kinds: Iterable[CueKind], taken: set[int]) -> list[Cue]:
    wanted = set(kinds)
    return [
        c
        for c in side.cues
        if c.kind in wanted
        and c.first < rng.stop
        and c.last >= rng.start
        and rng
        and taken.isdisjoint(c.indices)
    ]


def _attribution(a: Side, b: Side, ra: range, rb: range, ta: set[int], tb: set[int]) -> tuple[set, set]:
    verbs_a = [c for c in _cues_in(a, ra, [CueKind.SAYING], ta) if c.lemma not in b.saying]
    verbs_b = [c for c in _cues_in(b, rb, [CueKind.SAYING], tb) if c.lemma not in a.saying]

    def speakers(side: Side, rng: range, taken: set[int]) -> set[int]:
        near = side.speaker_words()
        return {k for k in rng if k in near and k not in taken and not _quoted_word(side, k)}

    sa, sb = speakers(a, ra, ta), speakers(b, rb, tb)
    replaced = _speaker_replaced(a, sa, b, sb) and _speaker_replaced(b, sb, a, sa)
    if not (verbs_a or verbs_b or replaced):
        return set(), set()
    words_a = {k for c in verbs_a for k in c.indices if k in ra} | sa
    words_b = {k for c in verbs_b for k in c.indices if k in rb} | sb
    return words_a, words_b


def _speaker_replaced(side: Side, mine: set[int], other: Side, theirs: set[int]) -> bool:
    """Whether this side names a speaker the other does not: a name or noun the other side
    lacks (in any spelling) where the other names one too, or a different pronoun ("he"
    vs "she"). A name against a pronoun ("Mr Howard said" vs "he said") is the same speaker."""
    named = {side.bases[k] for k in mine if side.bases[k] not in PRONOUNS and side.bases[k] not in TITLES}
    pronouns = {side.bases[k] for k in mine if side.bases[k] in PRONOUNS}
    other_named = any(other.bases[k] not in PRONOUNS and other.bases[k] not in TITLES for k in theirs)
    other_pronouns = {other.bases[k] for k in theirs if other.bases[k] in PRONOUNS}
    if other_named and any(not _spellings(other).carry(n) for n in named):
        return True
    return bool(pronouns and other_pronouns and pronouns != other_pronouns)


def _quoted_word(side: Side, k: int) -> bool:
    w = side.words[k]
    return inside_quote(side.text, w.start, w.end)


def _names(a: Side, b: Side, ra: range, rb: range, ta: set[int], tb: set[int]) -> tuple[set, set]:
    carry_a, carry_b = _spellings(a).carry, _spellings(b).carry
    na = {k for k in ra if k in a.names and k not in ta and not carry_b(a.bases[k])}
    nb = {k for k in rb if k in b.names and k not in tb and not carry_a(b.bases[k])}
    if _acronym_of(a, na, b, nb) or _acronym_of(b, nb, a, na):
        return set(), set()
    return (na, nb) if na and nb else (set(), set())


def _acronym_of(long: Side, long_names: set[int], short: Side, short_names: set[int]) -> bool:
    """One name, shortened: "Supreme Court" and "SC", "Bank of England" and "BoE",
    "Communications Workers" and "CWA" (whose last word was kept)."""
    if not long_names:
        return False
    run = range(min(long_names), max(long_names) + 1)
    with_small = "".join(long.norms[k][0] for k in run)
    initials = "".join(long.norms[k][0] for k in run if k in long_names)
    if len(initials) < 2:
        return False
    for k in short_names:
        acronym = short.norms[k].replace(".", "")
        if acronym in (initials, with_small) or (
            acronym.startswith(initials) and len(acronym) == len(initials) + 1
        ):
            return True
    return False


class _Spellings:
    """One side's words, indexed once for all the names its passage's hunks ask about.

    :meth:`carry` says whether the side has a name in some spelling: the same word, a
    shortening ("St" for "Street", "NXTP" for "NXTP.O"), dots or not ("U.N", "UN") or a
    near spelling ("Mursi", "Morsi").
    """

    def __init__(self, bases: list[str]) -> None:
        self.exact = frozenset(bases)
        self.dotless = frozenset(b.replace(".", "") for b in bases)
        self.ordered = sorted(self.dotless)
        self.known: dict[str, bool] = {}
        # The words of five letters or more by length: made when a name first needs them
        # (most names are found, or ruled out, before).
        self._long: dict[int, list[tuple[str, int]]] | None = None  # with its letter mask
        self._counts: dict[str, Counter[str]] = {}

    def carry(self, name: str) -> bool:
        found = self.known.get(name)
        if found is None:
            found = self.known[name] = self._carry(name)
        return found

    def _carry(self, name: str) -> bool:
        if name in self.exact:
            return True
        name = name.replace(".", "")
        if name in self.dotless:
            return True
        if name[:1].isalpha():  # a shortening, either way
            if any(name[:k] in self.dotless for k in range(2, len(name))):
                return True
            if len(name) >= 2:
                k = bisect.bisect_right(self.ordered, name)
                if k < len(self.ordered) and self.ordered[k].startswith(name):
                    return True
        if len(name) < 5:
            return False
        size, mask = len(name), _letter_mask(name)
        letters: Counter[str] | None = None
        for length, others in self._by_length().items():
            total = size + length
            if 2 * min(size, length) < _SPELLING * total:
                continue  # :func:`_alike`'s first bound rules out every word of this length
            for other, theirs in others:
                # Letters one word has and the other lacks are not in common: a bound on
                # :func:`_alike`'s letter count, from the masks alone (most words fail it).
                common = min(size - (mask & ~theirs).bit_count(), length - (theirs & ~mask).bit_count())
                if 2 * common < _SPELLING * total - _MARGIN:
                    continue
                letters = letters or Counter(name)
                if _alike(name, other, letters, self._letters(other)):
                    return True
        return False

    def _by_length(self) -> dict[int, list[tuple[str, int]]]:
        found = self._long
        if found is None:
            # Built whole before it is kept: a span's words (and this index) are shared by
            # the threads that read one passage's changes.
            found = {}
            for o in self.ordered:
                if len(o) >= 5:
                    found.setdefault(len(o), []).append((o, _letter_mask(o)))
            self._long = found
        return found

    def _letters(self, word: str) -> Counter[str]:
        found = self._counts.get(word)
        if found is None:
            found = self._counts[word] = Counter(word)
        return found


_MARGIN = 1e-9  # below the bound by more than any rounding


def _letter_mask(word: str) -> int:
    """A bit for each letter of ``word`` (letters may share a bit: the mask then tells
    fewer letters apart, and a bound made from it stays a bound)."""
    mask = 0
    for ch in word:
        mask |= 1 << (ord(ch) & 63)
    return mask


def _spellings(side: Side) -> _Spellings:
    found = side.memo.get("spellings")
    if found is None:
        found = side.memo["spellings"] = _Spellings(side.bases)
    return found  # type: ignore[return-value]


def _alike(one: str, two: str, letters_one: Counter[str], letters_two: Counter[str]) -> bool:
    """difflib's ratio of the two (with their letter counts) reaches ``_SPELLING``; its
    cheap upper bounds (the shorter length, then the letters in common: difflib's
    ``quick_ratio``, from the counts) rule most pairs out first."""
    length = len(one) + len(two)
    if not length:
        return True  # two empty strings: difflib's ratio is 1
    if 2 * min(len(one), len(two)) < _SPELLING * length:
        return False
    common = sum(min(n, letters_two[ch]) for ch, n in letters_one.items())
    return 2.0 * common / length >= _SPELLING and difflib.SequenceMatcher(None, one, two).ratio() >= _SPELLING


def _hedges(a: Side, b: Side, ra: range, rb: range, ta: set[int], tb: set[int]) -> tuple[set, set]:
    def shifted(side: Side, other: Side, rng: range, taken: set[int]) -> list[Cue]:
        out = []
        for c in _cues_in(side, rng, CERTAINTY, taken):
            if c.lemma in other.hedging:
                continue
            number = side.number_after.get(c.last)
            if c.kind is CueKind.APPROXIMATOR and not (
                number and any(same(number, m) for m in other.mentions)
            ):
                continue  # "about 100 miles" dropped whole is a number change, not a hedge
            out.append(c)
        return out

    ca, cb = shifted(a, b, ra, ta), shifted(b, a, rb, tb)

    def level(cues: list[Cue]) -> int:
        return sum(1 if c.kind is CueKind.BOOSTER else -1 for c in cues)

    if level(ca) == level(cb):
        return set(), set()
    return {k for c in ca for k in c.indices if k in ra}, {k for c in cb for k in c.indices if k in rb}


def _negations(a: Side, b: Side, ra: range, rb: range, ta: set[int], tb: set[int]) -> tuple[set, set]:
    if a.negations == b.negations:
        return set(), set()  # a negation that only moved
    ca = _cues_in(a, ra, [CueKind.NEGATION], ta)
    cb = _cues_in(b, rb, [CueKind.NEGATION], tb)
    if len(ca) == len(cb):
        return set(), set()
    return {k for c in ca for k in c.indices if k in ra}, {k for c in cb for k in c.indices if k in rb}


# The most words of a hunk (on either side) a rule may leave to others: past it the hunk
# is a rewrite that happens to hold a hedge or a name, not a change of one.
_MAX_REST = {ChangeType.ATTRIBUTION: 4, ChangeType.NAME: 2, ChangeType.HEDGE: 2, ChangeType.NEGATION: 2}

_RULES = (
    (ChangeType.ATTRIBUTION, _attribution),
    (ChangeType.NAME, _names),
    (ChangeType.HEDGE, _hedges),
    (ChangeType.NEGATION, _negations),
)


# --------------------------------------------------------------------------- spans


def _word_spans(side: Side, indices: set[int], lo: int, hi: int, signs: bool = False) -> tuple[Span, ...]:
    """Runs of consecutive words as spans; with ``signs``, a currency sign or "%" touching
    the run (inside ``lo:hi``) joins it."""
    out: list[list[int]] = []
    for k in sorted(indices):
        start, end = side.words[k].start, side.words[k].end
        if out and k - 1 in indices:
            out[-1][1] = end
        else:
            out.append([start, end])
    if signs:
        for span in out:
            if span[0] - 1 >= lo and side.text[span[0] - 1] in _SIGNS:
                span[0] -= 1
            if span[1] < hi and side.text[span[1]] == "%":
                span[1] += 1
    return tuple((s, e) for s, e in out)


def _function_words(side: Side, left: set[int]) -> set[int] | None:
    """``left`` if every one of those words is a function word, else None."""
    return left if all(side.bases[k] in STOPWORDS for k in left) else None


def _rest(text: str, lo: int, hi: int, taken: Sequence[Span], words_only: bool) -> tuple[Span, ...]:
    """``lo:hi`` minus the ``taken`` spans, as trimmed pieces that hold something."""
    pieces = [(lo, hi)]
    for cs, ce in taken:
        # An empty piece only ever splits into empty ones: dropped at once, or the pieces
        # would double with every span taken.
        pieces = [p for s, e in pieces for p in ((s, min(e, cs)), (max(s, ce), e)) if p[0] < p[1]]
    out = []
    for s, e in pieces:
        s, e = trimmed_span(text, s, e)
        if s < e and (not words_only or _WORD_CHAR.search(text, s, e)):
            out.append((s, e))
    return tuple(out)


def typed_changes(
    passage: Passage, text_a: str, text_b: str, evidence: frozenset[str] | None = None
) -> tuple[Change, ...]:
    """The typed changes of ``passage`` (sides in ``text_a`` and ``text_b``), in order.

    ``evidence``: the :func:`.sides.proper_words` of both texts, when known (a prepared
    article holds its own). Pure and deterministic; :func:`changes_of` reuses the result
    stored on a passage.
    """
    if evidence is None:
        evidence = proper_words(text_a) | proper_words(text_b)
    a = Side(text_a, passage.a_start, passage.a_end, evidence)
    b = Side(text_b, passage.b_start, passage.b_end, evidence)
    out: list[Change] = []
    for h in hunks(passage.diff):
        ra, rb = a.indices(h.a_start, h.a_end), b.indices(h.b_start, h.b_end)
        quoted = inside_quote(text_a, h.a_start, h.a_end) and inside_quote(text_b, h.b_start, h.b_end)
        atoms: list[_Atom] = []
        na, nb = _numbers(a, b, ra, rb)
        if na or nb:
            atoms.append(_Atom(ChangeType.NUMBER, na, nb))
        taken_a, taken_b = set(na), set(nb)
        for kind, rule in _RULES:
            wa, wb = rule(a, b, ra, rb, taken_a, taken_b)
            rest = max(len(set(ra) - taken_a - wa), len(set(rb) - taken_b - wb))
            if (wa or wb) and rest <= _MAX_REST[kind]:
                atoms.append(_Atom(kind, wa, wb))
                taken_a |= wa
                taken_b |= wb
        spans_of: list[tuple[ChangeType, tuple[Span, ...], tuple[Span, ...]]] = []
        for atom in atoms:
            signs = atom.type is ChangeType.NUMBER
            spans_of.append(
                (
                    atom.type,
                    _word_spans(a, atom.a, h.a_start, h.a_end, signs),
                    _word_spans(b, atom.b, h.b_start, h.b_end, signs),
                )
            )
        if len(spans_of) == 1:
            # Function words left beside a lone typed change belong to it ("in" of "in 2024",
            # "can" of "can" -> "can't").
            kind, sa, sb = spans_of[0]
            extra_a = _function_words(a, set(ra) - taken_a)
            extra_b = _function_words(b, set(rb) - taken_b)
            if extra_a is not None and extra_b is not None and (extra_a or extra_b):
                spans_of[0] = (
                    kind,
                    _word_spans(a, atoms[0].a | extra_a, h.a_start, h.a_end, kind is ChangeType.NUMBER),
                    _word_spans(b, atoms[0].b | extra_b, h.b_start, h.b_end, kind is ChangeType.NUMBER),
                )
        used_a = [s for _, sa, _ in spans_of for s in sa]
        used_b = [s for _, _, sb in spans_of for s in sb]
        rest_a = _rest(text_a, h.a_start, h.a_end, used_a, bool(atoms))
        rest_b = _rest(text_b, h.b_start, h.b_end, used_b, bool(atoms))
        if rest_a or rest_b:  # (a hunk of white space only is no change to read)
            worded = any(_WORD_CHAR.search(text_a, s, e) for s, e in rest_a) or any(
                _WORD_CHAR.search(text_b, s, e) for s, e in rest_b
            )
            spans_of.append((ChangeType.QUOTE if quoted and worded else ChangeType.WORDING, rest_a, rest_b))
        spans_of.sort(key=lambda t: ORDER.index(t[0]))
        for kind, sa, sb in spans_of:
            at_a = sa[0][0] if sa else h.a_start
            at_b = sb[0][0] if sb else h.b_start
            out.append(Change(kind, sa, sb, at_a, at_b, quoted))
    return tuple(out)


# --------------------------------------------------------------------------- reuse


def changes_of(passage: Passage, text_a: str, text_b: str) -> tuple[Change, ...]:
    """The passage's typed changes: the stored ones, or computed now if it has none yet."""
    if passage.changes is not None:
        return passage.changes
    return typed_changes(passage, text_a, text_b)


def with_changes(
    pair: PairAlignment, text_a: str, text_b: str, evidence: frozenset[str] | None = None
) -> PairAlignment:
    """``pair`` with every passage's :attr:`~desktop.engine.model.Passage.changes` filled
    (``evidence`` as for :func:`typed_changes`)."""
    passages = tuple(
        p if p.changes is not None else replace(p, changes=typed_changes(p, text_a, text_b, evidence))
        for p in pair.passages
    )
    return replace(pair, passages=passages)


def corpus_with_changes(
    corpus: CorpusAlignment,
    *,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = never_cancelled,
) -> CorpusAlignment:
    """``corpus`` with the typed changes of every passage of every pair computed once.

    The window, the command line and the exports call this after alignment, so that every
    view only reads ``passage.changes`` (a swapped pair swaps them too). It goes pair by
    pair: ``progress`` hears the share done (by passages), and ``cancelled`` is asked
    between pairs (:class:`~desktop.engine.model.Cancelled` is raised when it says so).
    """
    texts = {a.id: a.text for a in corpus.articles}
    weights = [1 + len(p.passages) for p in corpus.pairs]
    total = sum(weights) or 1
    done = 0
    pairs = []
    for pair, weight in zip(corpus.pairs, weights, strict=True):
        if cancelled():
            raise Cancelled
        pairs.append(with_changes(pair, texts[pair.a], texts[pair.b]))
        done += weight
        progress(done / total)
    return CorpusAlignment(
        corpus.articles,
        corpus.settings,
        tuple(pairs),
        corpus.families,
        corpus.stats,
        corpus.candidates_checked,
    )


def types_of(changes: Iterable[Change]) -> frozenset[ChangeType]:
    """The types a passage's changes have, :data:`~ChangeType.QUOTE` included whenever one
    of them lies inside quotation marks (what a "quotation changes" filter wants)."""
    out: set[ChangeType] = set()
    for change in changes:
        out.add(change.type)
        if change.quoted:
            out.add(ChangeType.QUOTE)
    return frozenset(out)


def counts(changes: Iterable[Change]) -> dict[ChangeType, int]:
    """How many changes of each type, every type listed, in :data:`ORDER`."""
    out = dict.fromkeys(ORDER, 0)
    for change in changes:
        out[change.type] += 1
    return out


def typed_steps(
    pair: PairAlignment, types: Iterable[ChangeType] | None = None
) -> tuple[tuple[int, int], ...]:
    """(passage index, change index) of every change of ``types`` (default: every type
    but wording) in ``pair``, in reading order of side A: what "next typed change" walks.

    The passages must carry their changes (:func:`with_changes`).
    """
    wanted = frozenset(types) if types is not None else frozenset(ORDER) - {ChangeType.WORDING}
    steps = []
    for i, passage in enumerate(pair.passages):
        for j, change in enumerate(passage.changes or ()):
            if change.type in wanted or (change.quoted and ChangeType.QUOTE in wanted):
                steps.append((change.a_at, change.b_at, i, j))
    return tuple((i, j) for _, _, i, j in sorted(steps))


def _side_text(text: str, spans: Sequence[Span], limit: int) -> str:
    return excerpt(" … ".join(text[s:e] for s, e in spans), limit=limit)


def describe(change: Change, text_a: str, text_b: str, limit: int = 60) -> str:
    """One line for a tooltip or a title: the type and the words on each side.

    "Number or date: “12,000” → “1,200”", "Negation: “not” only in B".
    """
    a = _side_text(text_a, change.a_spans, limit)
    b = _side_text(text_b, change.b_spans, limit)
    label = change.type.wording.label
    if a and b:
        what = f"“{a}” → “{b}”"
    elif a:
        what = f"“{a}” only in A"
    else:
        what = f"“{b}” only in B"
    quoted = " (inside quotation marks)" if change.quoted and change.type is not ChangeType.QUOTE else ""
    return f"{label}: {what}{quoted}"
