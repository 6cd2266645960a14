"""Tokens, stems and the span and excerpt helpers every view uses."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.engine.align import text
from desktop.engine.align.text import (
    collapse_space,
    excerpt,
    is_content,
    is_punctuation,
    stem,
    tokens,
    trimmed_span,
    typographic,
    word_count,
    words,
    words_within,
)


def test_stemming_is_safe_across_threads() -> None:
    words = [
        f"{w}{suffix}"
        for w in ("regulat", "generous", "runn", "nation")
        for suffix in ("ing", "ions", "ly", "al")
    ]
    words = [f"{w}x{k}" for k in range(300) for w in words]  # fresh words: no cache hits
    expected = {w: text._STEMMER.stemWord(w.lower()) for w in words}
    text.stem.cache_clear()
    with ThreadPoolExecutor(6) as pool:
        got = dict(zip(words, pool.map(text.stem, words), strict=True))
    assert got == expected


# The C build of the Snowball stemmers (PyStemmer), which snowballstemmer uses when it is
# installed, must stem exactly as the pure-Python build: both are generated from the same
# Snowball source, and a stem is part of every comparison key.
STEM_WORDS = [
    "regulations", "regulatory", "generously", "running", "nationalities", "withheld",
    "withholding", "naïve", "état", "co-founder", "don't", "u.s", "3.5", "eu", "zuckerberg",
    "multimodal", "multimodel", "spotify's", "ceo", "llama", "skies", "dying", "news",
]  # fmt: skip


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéïü'-", min_size=1, max_size=14), max_size=30))
def test_the_fast_stemmer_stems_as_the_pure_python_one(more: list[str]) -> None:
    c_build = pytest.importorskip("Stemmer").Stemmer("english")
    from snowballstemmer.english_stemmer import EnglishStemmer

    pure = EnglishStemmer()
    for word in STEM_WORDS + more:
        assert c_build.stemWord(word) == pure.stemWord(word), word


def test_the_stemmer_in_use_is_the_fast_one_when_installed() -> None:
    stemmer = pytest.importorskip("Stemmer")
    assert isinstance(text._STEMMER, stemmer.Stemmer)


def test_excerpt_cuts_at_a_word_boundary() -> None:
    cut = excerpt("word " * 40, limit=80)
    assert cut.endswith("…") and len(cut) <= 80
    assert cut[:-1].split(" ")[-1] == "word"
    assert excerpt("  short\n\n text  ") == "short text"


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("isn't it?", ["isn't", " ", "it", "?"]),
        ("The U.S. grew 3.5%", ["The", " ", "U.S", ".", " ", "grew", " ", "3.5", "%"]),
        ("12,000 people, 3 of them", ["12,000", " ", "people", ",", " ", "3", " ", "of", " ", "them"]),
        ("open-source  AI", ["open", "-", "source", "  ", "AI"]),
        ("“Café” — naïve", ["“", "Café", "”", " ", "—", " ", "naïve"]),
        ("Meta’s", ["Meta’s"]),
    ],
)
def test_tokens_keep_words_whole(text: str, pieces: list[str]) -> None:
    assert [t.text for t in tokens(text)] == pieces
    assert [t.text for t in words(text)] == [p for p in pieces if p[0].isalnum()]
    assert word_count(text) == len(words(text))


@given(st.text(max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_tokens_tile_the_span_they_cover(text: str, start: int, end: int) -> None:
    start, end = sorted((min(start, len(text)), min(end, len(text))))
    toks = list(tokens(text, start, end))
    covered = "".join(t.text for t in toks)
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert covered == text[start:end]  # every character in exactly one token, none lost


# Words that a span's ends can cut: digit groups, inner apostrophes and dots, marks, CJK.
_PIECES = st.sampled_from(list("ab1,.'’ -\n\u0301\u00ad中だ") + ["12,000", "U.S", "isn't", "\U00020000"])
_WORDY = st.lists(_PIECES, max_size=30).map("".join)


@given(_WORDY, st.integers(0, 60), st.integers(0, 60))
def test_the_words_cut_from_the_whole_text_are_the_spans_own(text: str, start: int, end: int) -> None:
    start, end = sorted((min(start, len(text)), min(end, len(text))))
    assert words_within(text, start, end) == words(text, start, end)


def test_offsets_are_absolute() -> None:
    text = "skip this. Count these three words"
    start = text.index("Count")
    assert [(w.text, w.start) for w in words(text, start)] == [
        ("Count", start),
        ("these", start + 6),
        ("three", start + 12),
        ("words", start + 18),
    ]
    assert word_count(text, start, start + 11) == 2


def test_typographic_folds_quotes_dashes_and_special_spaces() -> None:
    assert typographic("“It’s” – a—b…\u00a0x\u202fy\u200bz") == '"It\'s" - a-b... x yz'


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Regulations", "regul"),
        ("regulation", "regul"),
        ("reading", "read"),
        ("Europe's", "europ"),
        ("Europe’s", "europ"),
        ("outlets'", "outlet"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("word", "content"),
    [
        ("regulation", True),
        ("Zuckerberg", True),
        ("the", False),
        ("would", False),
        ("isn't", False),  # "is" is a function word
        ("a", False),
        ("x", False),
        ("12", True),
        ("3.5", True),
        ("7", False),  # a single digit is as empty as a single letter
    ],
)
def test_is_content(word: str, content: bool) -> None:
    assert is_content(word) is content


@pytest.mark.parametrize(
    ("token", "expected"), [(",", True), ("—", True), ("$", True), ("a", False), ("..", False)]
)
def test_is_punctuation(token: str, expected: bool) -> None:
    assert is_punctuation(token) is expected


def test_trimmed_span_and_collapse_space() -> None:
    text = "  \n two words \t "
    s, e = trimmed_span(text, 0, len(text))
    assert text[s:e] == "two words"
    assert trimmed_span(text, 0, 3) == (3, 3)  # white space only: empty
    assert collapse_space(" one\n\ntwo \t three ") == "one two three"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("a" * 10, 10, "a" * 10),  # fits exactly: never cut
        ("one two three four five six", 18, "one two three…"),  # cut at a word boundary
        ("one two three, four five six", 18, "one two three…"),  # no comma before the ellipsis
        ("alpha beta. gamma", 12, "alpha beta…"),  # ... nor a full stop
        ("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…"),  # no boundary near: cut in the word
        ("ab cdefghijklmnopqrstuvwxyz", 10, "ab cdefgh…"),  # a boundary too early is not used
    ],
)
def test_excerpt(text: str, limit: int, expected: str) -> None:
    cut = excerpt(text, limit=limit)
    assert cut == expected
    assert len(cut) <= limit


def test_excerpt_of_a_span_on_one_line() -> None:
    text = "Before.\nThe quote\nruns over\ntwo lines. After."
    start, end = text.index("The"), text.index(" After")
    assert excerpt(text, start, end) == "The quote runs over two lines."
    assert excerpt(text, start, end, 21) == "The quote runs over…"
