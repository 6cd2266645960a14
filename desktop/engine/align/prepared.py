"""Articles reduced to what the aligner compares: sentences, content stems, clause
starts and normalised words, with indexes built once per article and kept."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Article
from .segment import Sentence, sentences
from .similarity import Idf
from .text import WORD_RE, is_content, stem, tokens, typographic


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article reduced to what the aligner compares."""

    article: Article
    sentences: tuple[Sentence, ...]  # those outside boilerplate
    stems: tuple[tuple[str, ...], ...]  # content stems per sentence
    capitals: tuple[frozenset[str], ...]  # stems written with a capital inside each sentence
    initials: tuple[str, ...]  # the stem of a capitalised first word ("" if none)
    clauses: tuple[tuple[tuple[int, int], ...], ...]  # per sentence: (stem index, char) starts
    words: tuple[tuple[str, int, int], ...]  # normalised words with offsets, boilerplate out
    # Indexes derived from the fields above, built on first use and kept: in an all-pairs
    # run each article meets hundreds of others.
    derived: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    def postings(self) -> dict[str, list[int]]:
        """Content stem -> indexes of the sentences that contain it."""
        found = self.derived.get("postings")
        if found is None:
            index: dict[str, list[int]] = defaultdict(list)
            for k, stems in enumerate(self.stems):
                for s in set(stems):
                    index[s].append(k)
            found = self.derived["postings"] = dict(index)
        return found  # type: ignore[return-value]

    def word_flags(self, spans: Sequence[tuple[int, int]]) -> list[bool]:
        """For each of ``words``, whether it lies wholly inside one of ``spans``."""
        covered = union(spans)
        flags = []
        k = 0
        for _, s, e in self.words:
            while k < len(covered) and covered[k][1] <= s:
                k += 1
            flags.append(k < len(covered) and covered[k][0] <= s and e <= covered[k][1])
        return flags

    def grams(self, n: int) -> dict[tuple[str, ...], list[int]]:
        """Runs of ``n`` normalised words -> the word indexes where they start."""
        found = self.derived.get(("grams", n))
        if found is None:
            words = [w for w, _, _ in self.words]
            index: dict[tuple[str, ...], list[int]] = defaultdict(list)
            for j in range(len(words) - n + 1):
                index[tuple(words[j : j + n])].append(j)
            found = self.derived[("grams", n)] = dict(index)
        return found  # type: ignore[return-value]


_CACHE: dict[str, Prepared] = {}


_CACHE_LIMIT = 2048


_CLAUSE_OPENERS = frozenset('“"‘(')


_CLAUSE_BREAKS = frozenset(',;:—–(“"‘)”')


MAX_CLAUSES = 8


CLAUSE_MIN_STEMS = 5  # shorter pieces of a sentence match by chance too easily


def prepare(article: Article) -> Prepared:
    """Sentences, stems and words of ``article``; cached by content."""
    key = hashlib.blake2b(
        repr((article.id, article.text, article.boilerplate)).encode("utf-8", "surrogatepass"),
        digest_size=16,
    ).hexdigest()
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    text = article.text
    chrome = article.boilerplate
    usable = [s for s in sentences(text) if boilerplate_share(s.start, s.end, chrome) < 0.5]
    stems: list[tuple[str, ...]] = []
    capitals: list[frozenset[str]] = []
    initials: list[str] = []
    clauses: list[tuple[tuple[int, int], ...]] = []
    for sent in usable:
        st, caps, cuts = _analyse_sentence(text, sent.start, sent.end)
        stems.append(st)
        capitals.append(caps)
        clauses.append(cuts)
        first = WORD_RE.search(text, sent.start, sent.end)
        initials.append(stem(first.group()) if first and first.group()[0].isupper() else "")
    words = tuple(
        (typographic(m.group()).lower(), m.start(), m.end())
        for m in WORD_RE.finditer(text)
        if boilerplate_share(m.start(), m.end(), chrome) == 0
    )
    prepared = Prepared(
        article, tuple(usable), tuple(stems), tuple(capitals), tuple(initials), tuple(clauses), words
    )
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[key] = prepared
    return prepared


def _analyse_sentence(
    text: str, start: int, end: int
) -> tuple[tuple[str, ...], frozenset[str], tuple[tuple[int, int], ...]]:
    """Content stems, capitalised stems and clause starts of one sentence."""
    stems: list[str] = []
    caps: set[str] = set()
    cuts: list[tuple[int, int]] = [(0, start)]
    prev_punct: tuple[str, int] | None = None
    first = True
    for tok in tokens(text, start, end):
        if tok.is_space:
            continue
        if not tok.is_word:
            if tok.text in _CLAUSE_BREAKS:
                prev_punct = (tok.text, tok.start)
            continue
        if prev_punct is not None and not first and stems:
            mark, where = prev_punct
            cut = (len(stems), where if mark in _CLAUSE_OPENERS else tok.start)
            if cuts[-1][0] != cut[0] and len(cuts) < MAX_CLAUSES:
                cuts.append(cut)
        prev_punct = None
        if is_content(tok.text):
            st = stem(tok.text)
            stems.append(st)
            if not first and (tok.text[0].isupper() or any(c.isupper() for c in tok.text[1:])):
                caps.add(st)
        first = False
    return tuple(stems), frozenset(caps), tuple(cuts)


def boilerplate_share(start: int, end: int, chrome: Sequence[tuple[int, int]]) -> float:
    if not chrome or end <= start:
        return 0.0
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in chrome)
    return covered / (end - start)


def build_idf(prepared: Sequence[Prepared]) -> Idf:
    return Idf.build(row for p in prepared for row in zip(p.stems, p.capitals, p.initials, strict=True))


def union(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
