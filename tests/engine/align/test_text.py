"""Tokens, stems and the span and excerpt helpers every view uses."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from desktop.engine.align import text
from desktop.engine.align.text import excerpt


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


def test_excerpt_cuts_at_a_word_boundary() -> None:
    cut = excerpt("word " * 40, limit=80)
    assert cut.endswith("…") and len(cut) <= 80
    assert cut[:-1].split(" ")[-1] == "word"
    assert excerpt("  short\n\n text  ") == "short text"
