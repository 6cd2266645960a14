"""One side of a passage as the change rules see it: its words and their norms, and the
numbers, names, cue phrases and speakers found in them (:mod:`.changes` compares two).
"""

from __future__ import annotations

import bisect
import functools

from ..model import Span
from .cues import (
    DETERMINERS,
    PRONOUNS,
    SAYING_LEMMA,
    SPEAKER_NOUNS,
    STRONG_SAYING,
    TITLES,
    Cue,
    CueKind,
    base,
    find_cues,
    is_demonym,
    norm,
)
from .quantities import MONTHS, WEEKDAYS, Mention, mentions
from .segment import blocks
from .text import STOPWORDS, Token, word_spans_within, words_within

_SENTENCE_END = frozenset(".!?:;")
_OPENERS = frozenset("\"'“‘„«([")
SPEAKER_WINDOW = 3  # words between a verb of saying and who says it
_TITLE_CASE = 0.6  # a paragraph with this share of capitalised words is a headline


class Side:
    """One side of a passage: its words, their norms, and what the rules find in them."""

    def __init__(self, text: str, start: int, end: int, evidence: frozenset[str]) -> None:
        self.text = text
        words = _words_of(text, start, end)  # shared by every side of this span: never changed
        self.words = words.words
        self.starts = words.starts
        self.ends = words.ends
        self.norms = words.norms
        self.bases = words.bases
        self.mentions = words.mentions
        self.memo = words.memo
        self.names = {*words.names, *(k for k, key in words.names_with_evidence if key in evidence)}
        self.name_bases = {self.bases[k] for k in self.names}
        starts = {m.first for m in self.mentions}
        self.number_after = words.number_after
        self.cues = [
            c
            for c in words.cues
            if c.kind is not CueKind.APPROXIMATOR or c.last + 1 in starts
            if c.kind is not CueKind.SAYING or self._speech(c)
            if c.kind is not CueKind.NEGATION or not self._not_negation(c)
        ]
        self.saying = {c.lemma for c in self.cues if c.kind is CueKind.SAYING}
        self.hedging = {c.lemma for c in self.cues if c.kind in CERTAINTY}
        self.negations = sum(1 for c in self.cues if c.kind is CueKind.NEGATION)
        self._speaker_words: frozenset[int] | None = None

    def indices(self, start: int, end: int) -> range:
        """Indices of the words inside ``start:end``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_right(self.ends, end)
        return range(first, max(first, last))

    def _not_negation(self, cue: Cue) -> bool:
        """A negation word that negates nothing said: "No. 2" (number), "do-not-call", "no-frills"."""
        first, last = self.words[cue.first], self.words[cue.last]
        if self.text[first.start - 1 : first.start] == "-" or self.text[last.end : last.end + 1] == "-":
            return True
        return (
            self.norms[cue.first] == "no"
            and self.text[first.end : first.end + 1] == "."
            and cue.first + 1 in {m.first for m in self.mentions}
        )

    def speaker(self, k: int) -> bool:
        """Whether word ``k`` can say something: a name, a pronoun, "the company"; or any
        capitalised word right before a verb of saying ("Zuckerberg noted")."""
        if k in self.names or self.norms[k] in PRONOUNS or self.bases[k] in SPEAKER_NOUNS:
            return True
        word = self.words[k].text
        return (
            word[0].isupper()
            and self.bases[k] not in STOPWORDS
            and k + 1 < len(self.words)
            and (self.norms[k + 1],) in SAYING_LEMMA
        )

    def _speech(self, cue: Cue) -> bool:
        """Whether a verb-of-saying form is used as one (not in "a claim", "the declared goal").

        It is when it is one that only ever is ("said"), or when someone stands before it
        (not in the possessive) or right after it ("said Ek"), or "that" or a quotation mark
        follows it; never right after an article or a possessive.
        """
        if any(self.capitalised_mid(k) for k in cue.indices):
            return False  # "Khan Said", "United States", "(ex-poh-SAY)"
        phrase = tuple(self.norms[cue.first : cue.last + 1])
        if phrase in STRONG_SAYING:
            return True
        if cue.first and (self.norms[cue.first - 1] in DETERMINERS or self.possessive(cue.first - 1)):
            return False
        if any(not self.possessive(k) for k in self.speakers_of(cue)):
            return True
        if cue.last + 1 < len(self.words) and self.norms[cue.last + 1] == "that":
            return True
        around = self.text[max(0, self.words[cue.first].start - 3) : self.words[cue.last].end + 3]
        return any(mark in around for mark in '"“”„«»')

    def possessive(self, k: int) -> bool:
        """A word that owns the next one: "Meta's", "the States'"."""
        w = self.words[k]
        return self.norms[k].endswith("'s") or self.text[w.end : w.end + 1] in ("'", "’")

    def capitalised_mid(self, k: int) -> bool:
        """A capital that is not a sentence's first letter or a headline's: no verb has it."""
        w = self.words[k]
        if not w.text[0].isupper() or _in_headline(self.text, w.start):
            return False
        return w.text.isupper() or not _sentence_initial(self.text, w.start)

    def speaker_words(self) -> frozenset[int]:
        """Every word that :meth:`speakers_of` gives for some verb of saying of this side
        (asked by every hunk of a passage: found once)."""
        if self._speaker_words is None:
            self._speaker_words = frozenset(
                k for c in self.cues if c.kind is CueKind.SAYING for k in self.speakers_of(c)
            )
        return self._speaker_words

    def speakers_of(self, cue: Cue) -> list[int]:
        """Who says it: speaker words up to three before the verb (and a name run ending
        right before it, "Meta CEO Mark Zuckerberg said"), or a name run right after it
        ("said Rep. Howard Berman", "said he")."""
        out = [k for k in range(max(0, cue.first - SPEAKER_WINDOW), cue.first) if self.speaker(k)]
        k = cue.first - SPEAKER_WINDOW - 1
        while k >= 0 and k + 1 in out and (k in self.names or self.bases[k] in TITLES):
            out.insert(0, k)
            k -= 1
        k = cue.last + 1
        if k < len(self.words) and self.norms[k] in PRONOUNS:
            return [*out, k]
        while k < len(self.words) and (k in self.names or self.bases[k] in TITLES):
            out.append(k)
            k += 1
        return out


CERTAINTY = frozenset([CueKind.HEDGE, CueKind.BOOSTER, CueKind.APPROXIMATOR])


class _SpanWords:
    """What a side's rules need of ``text[start:end]`` that no evidence of names changes:
    worked out once per span, since a passage's side is often the side of others too (one
    paragraph that several outlets reuse). Read only."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.words: list[Token] = words_within(text, start, end)
        self.starts = [w.start for w in self.words]
        self.ends = [w.end for w in self.words]
        self.norms = [norm(w.text) for w in self.words]
        self.bases = [base(n) for n in self.norms]
        self.mentions: list[Mention] = mentions(self.words, text)
        self.in_mention = {k for m in self.mentions for k in m.indices}
        # Names: capitalised words in no mention that are no function word, title, month,
        # weekday or demonym. An acronym ("EU") or one capitalised mid-sentence in running
        # prose is one; one at the start of a sentence or in a headline is one when the
        # evidence (:func:`proper_words`) knows its base.
        self.names: list[int] = []
        self.names_with_evidence: list[tuple[int, str]] = []
        for k, w in enumerate(self.words):
            word, key = w.text, self.bases[k]
            if not word[0].isupper() or k in self.in_mention or any(ch.isdigit() for ch in word):
                continue
            if key in STOPWORDS or key in TITLES or key in MONTHS or key in WEEKDAYS or key == "i":
                continue
            if is_demonym(key):
                continue
            if (len(word) > 1 and word.isupper()) or not (
                _in_headline(text, w.start) or _sentence_initial(text, w.start)
            ):
                self.names.append(k)
            else:
                self.names_with_evidence.append((k, key))
        # Cues in no mention; which of them count depends on the names (:class:`Side`).
        self.cues = [c for c in find_cues(self.norms) if not self.in_mention & set(c.indices)]
        self.number_after = {c.last: m for c in self.cues for m in self.mentions if m.first == c.last + 1}
        self.memo: dict[str, object] = {}  # what the change rules derive from these words alone


@functools.lru_cache(maxsize=4096)
def _words_of(text: str, start: int, end: int) -> _SpanWords:
    return _SpanWords(text, start, end)


def forget_span_words() -> None:
    """Drop the remembered words of spans, and what the change rules derived from them
    (tens of megabytes after a large corpus): at the end of a run."""
    _words_of.cache_clear()


@functools.lru_cache(maxsize=4096)  # as proper_words: a corpus's articles take turns
def _headlines(text: str) -> tuple[Span, ...]:
    """Paragraphs in title case ("Meta, Spotify Issue Statement"), where a capital says nothing."""
    out = []
    for start, end in blocks(text):
        long = [text[s] for s, e in word_spans_within(text, start, end) if e - s > 3]  # first letters
        if long and sum(first.isupper() for first in long) >= _TITLE_CASE * len(long):
            out.append((start, end))
    return tuple(out)


def _in_headline(text: str, pos: int) -> bool:
    spans = _headlines(text)
    k = bisect.bisect_right(spans, (pos, len(text) + 1)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence (or a line); the period of an
    abbreviated title ("said Rep. Howard Berman") ends none."""
    k = start - 1
    while k >= 0 and (text[k].isspace() or text[k] in _OPENERS):
        if text[k] == "\n":
            return True
        k -= 1
    if k < 0:
        return True
    if text[k] == ".":
        j = k
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        if 0 < k - j <= _ABBREVIATION and text[j:k].lower() in TITLES:
            return False
    return text[k] in _SENTENCE_END


_ABBREVIATION = 4  # the longest abbreviated title read as one ("Prof.", "Gov.")


@functools.lru_cache(maxsize=4096)  # every article of a large corpus meets many others
def proper_words(text: str) -> frozenset[str]:
    """Words ``text`` capitalises mid-sentence in running prose and never writes in lower
    case: evidence that the same word at the start of a sentence is a name too."""
    capital: set[str] = set()
    lower: set[str] = set()
    headlines = set(_headlines(text))
    for start, end in blocks(text):
        headline = (start, end) in headlines
        for s, e in word_spans_within(text, start, end):
            first = text[s]
            if first.islower():
                lower.add(base(norm(text[s:e])))
            elif not headline and first.isupper() and not _sentence_initial(text, s):
                capital.add(base(norm(text[s:e])))
    return frozenset(capital - lower)
