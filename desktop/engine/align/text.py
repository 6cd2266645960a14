"""Tokens, normalisation and content words, shared by the diff and the aligner; and the
span and excerpt helpers that the exports and the window use to show pieces of text."""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import snowballstemmer

# A word keeps inner apostrophes, dots of abbreviations and digit groups ("isn't", "U.S",
# "12,000"); everything
# else that is not white space is a token of its own, so a diff never splits a word.
_WORD = r"\w+(?:(?:['’.]|(?<=\d),(?=\d{3}))\w+)*"  # also "12,000" and "3.5"
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


def typographic(text: str) -> str:
    """Fold curly quotes, dash variants and special spaces to their plain forms."""
    return text.translate(_TYPOGRAPHY)


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter2 stem of a lower-cased word with any possessive ending removed."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    with _STEMMER_LOCK:
        return str(_STEMMER.stemWord(word))


def is_content(word: str) -> bool:
    """True for words that say something: not a function word, not a single letter."""
    lower = word.lower().replace("’", "'")
    if _is_number(lower):
        return True
    base = lower.split("'", 1)[0]
    return len(base) > 1 and base not in STOPWORDS


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
