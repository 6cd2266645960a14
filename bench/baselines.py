"""Simple, well-known methods the engine is compared against in the same run.

* tf-idf cosine between sentences (the classic lexical paraphrase baseline);
* word Dice overlap;
* exact word n-gram matching merged into runs (what passim and TextPAIR start from);
* difflib's ``SequenceMatcher`` matching blocks over word lists (what a plain diff sees).
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

WORD = re.compile(r"\w+")

# A short stop list so the lexical baselines are not dominated by function words.
STOP = frozenset(
    "a an and are as at be been by for from has have he her his in is it its of on or that the "  # noqa: SIM905
    "their they this to was were will with said says would which who".split()
)


def words(text: str) -> list[str]:
    return [m.group().lower() for m in WORD.finditer(text)]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words with their character offsets."""
    return [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text)]


def content(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP]


@dataclass(frozen=True, slots=True)
class TfIdf:
    """Document frequencies over a set of sentences; vectors are tf * idf, cosine compared."""

    df: dict[str, int]
    n: int

    @classmethod
    def build(cls, texts: Iterable[str]) -> TfIdf:
        df: Counter[str] = Counter()
        n = 0
        for t in texts:
            n += 1
            df.update(set(content(t)))
        return cls(dict(df), n)

    def vector(self, text: str) -> dict[str, float]:
        tf = Counter(content(text))
        return {w: c * math.log((self.n + 1) / (self.df.get(w, 0) + 1)) for w, c in tf.items()}

    def cosine(self, a: str, b: str) -> float:
        return cosine(self.vector(a), self.vector(b))


def cosine(va: dict[str, float], vb: dict[str, float]) -> float:
    if not va or not vb:
        return 0.0
    if len(va) > len(vb):
        va, vb = vb, va
    dot = sum(w * vb.get(k, 0.0) for k, w in va.items())
    na = math.sqrt(sum(w * w for w in va.values()))
    nb = math.sqrt(sum(w * w for w in vb.values()))
    return dot / (na * nb) if na and nb else 0.0


def dice(a: str, b: str) -> float:
    """Dice coefficient of the two bags of lower-cased words."""
    ca, cb = Counter(words(a)), Counter(words(b))
    total = sum(ca.values()) + sum(cb.values())
    return 2 * sum((ca & cb).values()) / total if total else 1.0


def ratio(a: str, b: str) -> float:
    """difflib's similarity of the two word lists."""
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


Run = tuple[int, int, int, int]  # word index ranges [i0, i1) in A and [j0, j1) in B


def ngram_runs(wa: Sequence[str], wb: Sequence[str], n: int = 8) -> list[Run]:
    """Maximal runs of identical words seeded by shared word ``n``-grams."""
    grams: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(wb) - n + 1):
        grams[tuple(wb[j : j + n])].append(j)
    runs: list[Run] = []
    extended: dict[int, int] = {}  # diagonal (i - j) -> last A index already covered
    for i in range(len(wa) - n + 1):
        for j in grams.get(tuple(wa[i : i + n]), ()):
            if extended.get(i - j, -1) >= i:
                continue
            k = n
            while i + k < len(wa) and j + k < len(wb) and wa[i + k] == wb[j + k]:
                k += 1
            extended[i - j] = i + k - 1
            runs.append((i, i + k, j, j + k))
    return runs


def difflib_runs(wa: Sequence[str], wb: Sequence[str], min_len: int = 8) -> list[Run]:
    """Matching blocks of ``SequenceMatcher`` at least ``min_len`` words long."""
    sm = difflib.SequenceMatcher(None, list(wa), list(wb), autojunk=True)
    return [(a, a + size, b, b + size) for a, b, size in sm.get_matching_blocks() if size >= min_len]


def tfidf_scores(sents_a: Sequence[str], sents_b: Sequence[str], tfidf: TfIdf, floor: float = 0.0) -> list:
    """Every sentence pair with cosine >= ``floor``, best first: (cosine, i, j)."""
    va = [tfidf.vector(s) for s in sents_a]
    vb = [tfidf.vector(s) for s in sents_b]
    scored = []
    for i, x in enumerate(va):
        for j, y in enumerate(vb):
            c = cosine(x, y)
            if c >= floor and c > 0:
                scored.append((c, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    return scored


def greedy_links(scored: Sequence[tuple[float, int, int]], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs from :func:`tfidf_scores` over ``threshold``, one-to-one, best first; in A's order."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for c, i, j in scored:
        if c < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((i, j, c))
    return sorted(out)
