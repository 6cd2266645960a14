"""Tokens, normalisation and content words, shared by the diff and the aligner; and the
span and excerpt helpers that the exports and the window use to show pieces of text."""

from __future__ import annotations

import bisect
import functools
import re
import threading
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

import snowballstemmer


def _mark_ranges() -> tuple[str, str]:
    """Character class bodies for every combining mark (general category M*), inside the
    Basic Multilingual Plane and beyond it: an accent written as its own code point (NFD
    "é" is "e" + U+0301) or a vowel sign in an Indic script belongs to the word it sits
    on, not a punctuation token of its own. Two classes, because the regular expression
    engine tests a class within the BMP by table lookup but one beyond it range by range."""
    out: list[tuple[int, int]] = []
    start = None
    for cp in range(0x20000):  # no marks above this but the variation selectors below
        mark = unicodedata.category(chr(cp)).startswith("M")
        if mark and start is None:
            start = cp
        elif not mark and start is not None:
            out.append((start, cp - 1))
            start = None
    out.append((0xE0100, 0xE01EF))

    def body(spans: list[tuple[int, int]]) -> str:
        return "".join(f"{chr(a)}-{chr(b)}" for a, b in spans)

    return body([r for r in out if r[1] <= 0xFFFF]), body([r for r in out if r[1] > 0xFFFF])


# Invisible characters that may sit inside a word and are not compared: the soft hyphen
# (a hyphenation hint), zero-width space, non-joiner and joiner, word joiner, and U+FEFF
# as a zero-width no-break space.
IGNORABLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_IGNORED = str.maketrans(dict.fromkeys(map(ord, IGNORABLE)))

# Scripts written without spaces between words, where each character counts as a word:
# Han ideographs (with the iteration mark 々), Hiragana and Katakana (with the prolonged
# sound mark), full and half width. Hangul is written with spaces and stays as it is.
_CJK_BMP = (
    "\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
)
CJK = _CJK_BMP + "\U00020000-\U0002fa1f\U00030000-\U0003134f"
_HIRAGANA = re.compile("[\u3040-\u309f]")

_MARKS, _ASTRAL_MARKS = _mark_ranges()
# May continue a word, never start one. The beyond-BMP class is only tried on such a
# character (a cheap range test first): tried on every letter it would double the time.
_INSIDE = f"(?:[{_MARKS}{IGNORABLE}]|(?=[\U00010000-\U0010ffff])[{_ASTRAL_MARKS}])"
# A word character of a script written with spaces. The rare ideographs beyond the BMP
# are left to it (each is then a word of its own, or joined to letters next to it): in
# this class they would be tested range by range on every letter.
_LETTER = f"[^\\W{_CJK_BMP}]"
_PART = f"{_LETTER}+(?:{_INSIDE}+{_LETTER}*)*"  # runs of letters first: the common case, fast
# A word keeps inner apostrophes, dots of abbreviations and digit groups ("isn't", "U.S",
# "12,000", "3.5"), its combining marks and invisible hyphenation hints ("Regie\u00adrung");
# a CJK character, with its marks, is a word of its own. Everything else that is not white
# space is a token of its own, so a diff never splits a word.
_WORD = f"{_PART}(?:(?:['’.]|(?<=\\d),(?=\\d{{3}})){_PART})*|[{_CJK_BMP}]{_INSIDE}*"
TOKEN_RE = re.compile(_WORD + r"|\s+|[^\w\s]")
WORD_RE = re.compile(_WORD)
SPACE_RE = re.compile(r"\s+")

_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "…": "...",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
    }
)

# Function words carry no content for the aligner: two sentences that share only these
# are not related. A compact list in the spirit of the SMART and NLTK lists.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "aren",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "couldn",
        "did",
        "didn",
        "do",
        "does",
        "doesn",
        "doing",
        "don",
        "down",
        "during",
        "each",
        "even",
        "ever",
        "every",
        "few",
        "for",
        "from",
        "further",
        "get",
        "gets",
        "got",
        "had",
        "hadn",
        "has",
        "hasn",
        "have",
        "haven",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "isn",
        "it",
        "its",
        "itself",
        "just",
        "let",
        "like",
        "ll",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "mustn",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "others",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "rather",
        "re",
        "s",
        "same",
        "says",
        "said",
        "say",
        "shall",
        "shan",
        "she",
        "should",
        "shouldn",
        "since",
        "so",
        "some",
        "still",
        "such",
        "t",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "thus",
        "to",
        "too",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "ve",
        "very",
        "via",
        "was",
        "wasn",
        "we",
        "were",
        "weren",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "won",
        "would",
        "wouldn",
        "yet",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
    ]
)

_STEMMER = snowballstemmer.stemmer("english")
# The stemmer keeps state between calls: alignment runs in a worker thread while the
# window may prepare articles too, so calls are serialised.
_STEMMER_LOCK = threading.Lock()


def normal_form(text: str) -> str:
    """``text`` as it is compared: in Unicode NFC (so "é" written as "e" + U+0301 equals
    the single "é"), without soft hyphens and zero-width characters.

    Only for comparison keys: offsets always refer to the article's own text.
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text.translate(_IGNORED))


def typographic(text: str) -> str:
    """Fold curly quotes, dash variants and special spaces to their plain forms, in
    :func:`normal_form`."""
    return normal_form(text).translate(_TYPOGRAPHY)


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter2 stem of a lower-cased word (in :func:`normal_form`) with any possessive
    ending removed. A CJK character is its own stem."""
    word = normal_form(word).lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    with _STEMMER_LOCK:
        return str(_STEMMER.stemWord(word))


def is_content(word: str) -> bool:
    """True for words that say something: not a function word, not a single letter.

    A CJK character is a word of its own (see :data:`WORD_RE`): a Han or Katakana one says
    something unless it is one of the commonest function characters; a Hiragana one is a
    particle or an inflection.
    """
    lower = normal_form(word).lower().replace("’", "'")
    if is_cjk(lower):
        return not _HIRAGANA.match(lower) and lower[0] not in CJK_STOP_CHARS
    if _is_number(lower):
        return True
    base = lower.split("'", 1)[0]
    return len(base) > 1 and base not in STOPWORDS


_CJK_RE = re.compile(f"[{CJK}]")

# The commonest Chinese function characters (particles, pronouns, "is", "and", measure
# words), and the Japanese ones written in kanji; Hiragana is never content.
CJK_STOP_CHARS = frozenset("的了是在和与及或也都就而之其这那此个们着过把被对为以于从向但并所")


def is_cjk(word: str) -> bool:
    """Whether ``word`` is a CJK character (a word of its own; see :data:`WORD_RE`)."""
    return bool(_CJK_RE.match(word))


def _is_number(word: str) -> bool:
    return any(ch.isdigit() for ch in word) and len(word) > 1


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of text with its offsets into the article."""

    text: str
    start: int
    end: int

    @property
    def is_space(self) -> bool:
        return self.text.isspace()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Words, runs of white space and single punctuation marks covering ``text[start:end]``."""
    stop = len(text) if end is None else end
    for match in TOKEN_RE.finditer(text, start, stop):
        yield Token(match.group(), match.start(), match.end())


def words(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Only the word tokens of ``text[start:end]``."""
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text, start, stop)]


@functools.lru_cache(maxsize=4096)  # as the spans that read them: a corpus's articles take turns
def _word_offsets(text: str) -> tuple[array[int], array[int]]:
    """Where each word of ``text`` starts and ends (compact: a long article has thousands;
    loaded texts are far below the 2 GB a 4-byte offset holds)."""
    found = WORD_RE.finditer(text)
    starts, ends = array("i"), array("i")
    for m in found:
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def forget_word_offsets() -> None:
    """Drop the remembered word offsets (:func:`words_within`): at the end of a run."""
    _word_offsets.cache_clear()


def words_within(text: str, start: int, end: int) -> list[Token]:
    """:func:`words` of ``text[start:end]``, cut from the words of the whole ``text``
    (found once per text): for the many spans of one article that the change rules read.

    Both agree whenever neither end cuts a word of the whole text; a span that does is
    read on its own, as :func:`words` reads it (its cut words are words of their own).
    """
    return [Token(text[s:e], s, e) for s, e in word_spans_within(text, start, end)]


def word_spans_within(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The offsets of :func:`words_within`, without making a token of each word (for
    readers that look at a few words of many: a whole article's names)."""
    starts, ends = _word_offsets(text)
    first = bisect.bisect_right(ends, start)  # the first word ending after ``start``
    last = bisect.bisect_left(starts, end)  # past the last word starting before ``end``
    if (first < len(starts) and starts[first] < start) or (last and ends[last - 1] > end):
        return [(m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]  # as :func:`words`
    return list(zip(starts[first:last], ends[first:last], strict=True))


def word_count(text: str, start: int = 0, end: int | None = None) -> int:
    stop = len(text) if end is None else end
    return sum(1 for _ in WORD_RE.finditer(text, start, stop))


def is_punctuation(token: str) -> bool:
    return len(token) == 1 and unicodedata.category(token).startswith(("P", "S"))


# --------------------------------------------------------------------------- showing text


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without white space at its ends (empty, ``start == end``, if all white)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def collapse_space(text: str) -> str:
    """``text`` on one line: each run of white space (newlines too) one space, none at the ends."""
    return SPACE_RE.sub(" ", text).strip()


def excerpt(text: str, start: int = 0, end: int | None = None, limit: int = 80) -> str:
    """``text[start:end]`` on one line, at most ``limit`` characters with the ellipsis.

    A longer text is cut at the last word boundary that keeps it within ``limit`` (in the
    middle of a word only when no boundary lies in the second half), loses trailing
    punctuation and ends in "…".
    """
    flat = collapse_space(text[start:end])
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # do not cut a long word short when a boundary is near
        cut = cut[:space]
    return cut.rstrip(" ,;:.-—–") + "…"
