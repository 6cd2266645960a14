"""Articles reduced to what the aligner compares: sentences, content stems with their
weights, clause starts and normalised words.

Everything here depends on one article alone, so a pair of articles aligns the same
whichever other articles are loaded, and each article is prepared once however many
others it meets.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import threading
import zlib
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

from ..model import Article, Cancelled, never_cancelled
from .cues import norm
from .rarity import info
from .segment import Sentence, sentences
from .sides import proper_words
from .similarity import PREFIX_MATCH, Bag, bag
from .text import TOKEN_RE, WORD_RE, is_content, stem

NAME_FACTOR = 0.5  # names say what a sentence is about, not how it is worded
NAME_SHARE = 0.8  # a stem capitalised in this share of its sentences is a name
# A stem in more than TOPIC_SHARE of an article's sentences is one of its topic words
# ("Meta", "AI" in a story about Meta's AI): it says little about which sentence is
# which, so its weight falls with the power TOPIC_POWER of how much it exceeds that.
TOPIC_SHARE = 0.12
TOPIC_POWER = 0.7
TOPIC_MIN_SENTENCES = 8  # shorter texts have too few sentences to tell a topic word
CLAUSE_MIN_STEMS = 5  # shorter pieces of a sentence match by chance too easily
MAX_CLAUSES = 8
ANCHOR_WORDS = 8  # a run of this many identical words links text on its own

_CLAUSE_OPENERS = frozenset('“"‘(')
_CLAUSE_BREAKS = frozenset(',;:—–(“"‘)”')


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article reduced to what the aligner compares.

    ``weights`` holds every content stem's weight in this article: its rarity in general
    English (:mod:`.rarity`), lowered for the article's topic words and for names.
    """

    article: Article
    sentences: tuple[Sentence, ...]  # those outside boilerplate
    stems: tuple[tuple[str, ...], ...]  # content stems per sentence, in order
    capitals: tuple[frozenset[str], ...]  # stems written with a capital inside each sentence
    clauses: tuple[tuple[tuple[int, int], ...], ...]  # per sentence: (stem index, char) starts
    words: tuple[tuple[str, int, int], ...]  # normalised words with offsets, boilerplate out
    weights: Mapping[str, float]
    names: frozenset[str]
    postings: Mapping[str, tuple[int, ...]]  # content stem -> sentences holding it
    anchors: Mapping[tuple[str, ...], tuple[int, ...]]  # ANCHOR_WORDS-word runs -> starts
    totals: tuple[float, ...]  # summed weight of each sentence's content stems
    # PREFIX_MATCH-letter prefix -> sentences holding a stem of at least that length with it
    prefixes: Mapping[str, tuple[int, ...]]
    # the anchor runs under their checksums (:func:`run_key`; two may share one): two
    # articles whose checksums are disjoint share no run
    anchor_keys: Mapping[int, tuple[tuple[str, ...], ...]]
    # each sentence's distinct stems, for the corpus candidate search
    occurrences: StemOccurrences
    # words the article capitalises mid-sentence and never writes in lower case
    # (:func:`.sides.proper_words`): the typed changes' evidence of names, found once
    proper_words: frozenset[str]
    # what the aligner derives from this article alone, remembered in this process
    # (sentence bags, clause windows); never compared, and not pickled
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> list[object]:
        return [{} if f.name == "memo" else getattr(self, f.name) for f in fields(self)]

    def __setstate__(self, state: list[object]) -> None:
        for f, value in zip(fields(self), state, strict=True):
            object.__setattr__(self, f.name, value)

    def weight(self, s: str) -> float:
        return self.weights.get(s, 0.0)

    def bag(self, k: int) -> Bag:
        """The :class:`~.similarity.Bag` of sentence ``k``'s content stems."""
        found = self.memo.get(k)
        if found is None:
            found = self.memo[k] = bag(self.stems[k], self.weights)
        return found  # type: ignore[return-value]

    def joined_bag(self, first: int, last: int) -> Bag:
        """The bag of sentences ``first..last`` (inclusive) read as one."""
        key = (first, last)
        found = self.memo.get(key)
        if found is None:
            stems = tuple(s for k in range(first, last + 1) for s in self.stems[k])
            found = self.memo[key] = bag(stems, self.weights)
        return found  # type: ignore[return-value]

    def word_norms(self) -> list[str]:
        """The normalised form of each of ``words``, as one list (remembered: every pair
        of articles sharing a run of words reads it)."""
        found = self.memo.get("word norms")
        if found is None:
            found = self.memo["word norms"] = [w for w, _, _ in self.words]
        return found  # type: ignore[return-value]

    def runs_shared_with(self, other: Prepared) -> Iterator[tuple[str, ...]]:
        """The anchor runs this article and ``other`` both hold, found through the checksums
        both hold (integers, quick to compare), each confirmed on the run itself."""
        runs = other.anchors
        for key in self.anchor_keys.keys() & other.anchor_keys.keys():
            yield from (run for run in self.anchor_keys[key] if run in runs)

    def total(self, k: int) -> float:
        """Summed weight of sentence ``k``'s content stems."""
        return self.totals[k]

    def grams(self, n: int) -> Mapping[tuple[str, ...], Sequence[int]]:
        """Runs of ``n`` normalised words -> the word indexes where they start."""
        if n == ANCHOR_WORDS:
            return self.anchors
        return _grams(self.words, n)

    def words_inside(self, spans: Sequence[tuple[int, int]]) -> int:
        """How many of ``words`` lie wholly inside one of ``spans`` (the true ones of
        :meth:`word_flags`, counted by bisection)."""
        words = self.words
        count = 0
        for start, end in union(spans):
            first = bisect.bisect_left(words, start, key=_start)
            past = bisect.bisect_right(words, end, key=_end)
            count += max(0, past - first)
        return count

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


def _start(word: tuple[str, int, int]) -> int:
    return word[1]


def _end(word: tuple[str, int, int]) -> int:
    return word[2]


class _Lru:
    """A bounded, thread-safe cache: alignment runs on worker threads while the window
    may prepare articles too."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._items: OrderedDict[str, Prepared] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Prepared | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, value: Prepared) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._limit:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_CACHE = _Lru(4096)


def prepare(article: Article, cancelled: Callable[[], bool] = never_cancelled) -> Prepared:
    """Sentences, stems, weights and words of ``article``; cached by content.

    ``cancelled`` is asked as the work goes (a very long article takes seconds); when it
    answers True, :class:`~desktop.engine.model.Cancelled` is raised and nothing is cached.
    """
    key = _key(article)
    found = _CACHE.get(key)
    if found is not None:
        if found.article != article:  # same text under another id or title
            found = _with_article(found, article)
        return found
    prepared = _prepare(article, cancelled)
    _CACHE.put(key, prepared)
    return prepared


def remember(prepared: Prepared) -> None:
    """Keep ``prepared`` (made in another process) in this process's cache, as
    :func:`prepare` keeps what it makes here."""
    _CACHE.put(_key(prepared.article), prepared)


def _key(article: Article) -> str:
    return hashlib.blake2b(
        repr((article.text, article.boilerplate)).encode("utf-8", "surrogatepass"), digest_size=16
    ).hexdigest()


def _with_article(p: Prepared, article: Article) -> Prepared:
    return replace(p, article=article)  # the memo holds nothing that depends on the id


CHECK_EVERY = 64  # sentences or words between two questions to ``cancelled``


def _prepare(article: Article, cancelled: Callable[[], bool] = never_cancelled) -> Prepared:
    text = article.text
    chrome = article.boilerplate
    usable = tuple(s for s in sentences(text, cancelled) if boilerplate_share(s.start, s.end, chrome) < 0.5)
    stems: list[tuple[str, ...]] = []
    capitals: list[frozenset[str]] = []
    clauses: list[tuple[tuple[int, int], ...]] = []
    rarity: dict[str, float] = {}
    initial: Counter[str] = Counter()
    for k, sent in enumerate(usable):
        if k % CHECK_EVERY == 0 and cancelled():
            raise Cancelled
        st, caps, cuts, first = _analyse_sentence(text, sent.start, sent.end, rarity)
        stems.append(st)
        capitals.append(caps)
        clauses.append(cuts)
        if first and first in st and first not in caps:
            initial[first] += 1
    if cancelled():
        raise Cancelled
    words = tuple(
        (norm(m.group()), m.start(), m.end())
        for m in WORD_RE.finditer(text)
        if not chrome or boilerplate_share(m.start(), m.end(), chrome) == 0
    )
    if cancelled():
        raise Cancelled
    df: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    index: dict[str, list[int]] = defaultdict(list)
    for k, (st, caps) in enumerate(zip(stems, capitals, strict=True)):
        for s in set(st):
            df[s] += 1
            index[s].append(k)
        capital.update(caps)
    names = frozenset(s for s, c in capital.items() if c + initial[s] >= NAME_SHARE * df[s])
    n = len(usable)
    weights: dict[str, float] = {}
    for s, count in df.items():
        w = rarity[s]
        if n >= TOPIC_MIN_SENTENCES and count / n > TOPIC_SHARE:
            w *= (TOPIC_SHARE * n / count) ** TOPIC_POWER
        if s in names:
            w *= NAME_FACTOR
        weights[s] = w
    postings = {s: tuple(v) for s, v in index.items()}
    prefixes: dict[str, list[int]] = defaultdict(list)
    for s, where in postings.items():
        if len(s) >= PREFIX_MATCH:
            prefixes[s[:PREFIX_MATCH]].extend(where)
    anchors = _grams(words, ANCHOR_WORDS)
    return Prepared(
        article,
        usable,
        tuple(stems),
        tuple(capitals),
        tuple(clauses),
        words,
        weights,
        names,
        postings,
        anchors,
        tuple(sum(weights[s] for s in st) for st in stems),
        {k: tuple(v) for k, v in prefixes.items()},
        _by_key(anchors),
        stem_occurrences(stems, weights),
        proper_words(article.text),
    )


@dataclass(frozen=True, slots=True)
class StemOccurrences:
    """Which distinct stems each sentence holds, as two parallel arrays, for the corpus
    candidate search (:func:`.candidates.corpus_cells`): ``stems[item[k]]`` is a stem of
    sentence ``sentence[k]``, each stem once per sentence, in sentence order; ``weight``
    gives each of ``stems`` its weight in this article."""

    stems: tuple[str, ...]
    weight: Sequence[float]
    sentence: Sequence[int]
    item: Sequence[int]


def stem_occurrences(stems: Sequence[Sequence[str]], weights: Mapping[str, float]) -> StemOccurrences:
    from array import array

    vocab: dict[str, int] = {}
    sentence, item = array("i"), array("i")
    for g, found in enumerate(stems):
        for s in dict.fromkeys(found):
            sentence.append(g)
            item.append(vocab.setdefault(s, len(vocab)))
    return StemOccurrences(tuple(vocab), array("d", (weights[s] for s in vocab)), sentence, item)


def run_key(run: Sequence[str]) -> int:
    """A checksum of a run of words, the same in every process (unlike ``hash``)."""
    return zlib.crc32("\0".join(run).encode("utf-8", "surrogatepass"))


def _by_key(runs: Iterable[tuple[str, ...]]) -> dict[int, tuple[tuple[str, ...], ...]]:
    by_key: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for run in runs:
        by_key[run_key(run)].append(run)
    return {k: tuple(v) for k, v in by_key.items()}


def _grams(words: Sequence[tuple[str, int, int]], n: int) -> dict[tuple[str, ...], tuple[int, ...]]:
    seq = [w for w, _, _ in words]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(seq) - n + 1):
        index[tuple(seq[j : j + n])].append(j)
    return {g: tuple(v) for g, v in index.items()}


def _analyse_sentence(
    text: str, start: int, end: int, rarity: dict[str, float]
) -> tuple[tuple[str, ...], frozenset[str], tuple[tuple[int, int], ...], str]:
    """Content stems, capitalised stems, clause starts and the stem of a capitalised
    first word ("" if none) of one sentence; records each stem's rarity."""
    found: list[str] = []
    caps: set[str] = set()
    cuts: list[tuple[int, int]] = [(0, start)]
    prev_punct: tuple[str, int] | None = None
    first = True
    initial = ""
    for tok in TOKEN_RE.finditer(text, start, end):
        word = tok.group()
        lead = word[0]
        if lead.isspace():  # a run of white space (see :func:`.text.tokens`)
            continue
        if not (lead.isalnum() or lead == "_"):  # a punctuation mark
            if word in _CLAUSE_BREAKS:
                prev_punct = (word, tok.start())
            continue
        if prev_punct is not None and not first and found:
            mark, where = prev_punct
            cut = (len(found), where if mark in _CLAUSE_OPENERS else tok.start())
            if cuts[-1][0] != cut[0] and len(cuts) < MAX_CLAUSES:
                cuts.append(cut)
        prev_punct = None
        facts = _word_facts(word)
        if facts is not None:
            st, value, upper = facts
            found.append(st)
            if value < rarity.get(st, 99.0):  # a stem is as common as its commonest form
                rarity[st] = value
            if first and upper:
                initial = st
            elif upper:
                caps.add(st)
        first = False
    return tuple(found), frozenset(caps), tuple(cuts), initial


def span_stems(text: str, start: int, end: int) -> tuple[str, ...]:
    """The content stems of ``text[start:end]``, found as a sentence's are (any stretch,
    not only a whole sentence)."""
    return _analyse_sentence(text, start, end, {})[0]


@functools.lru_cache(maxsize=200_000)
def _word_facts(word: str) -> tuple[str, float, bool] | None:
    """A content word's stem, information and whether it is written with a capital; None
    for a word that is not content. The same for every occurrence of the word."""
    if not is_content(word):
        return None
    upper = word[0].isupper() or any(c.isupper() for c in word[1:])
    return stem(word), info(word.lower().replace("’", "'")), upper


def boilerplate_share(start: int, end: int, chrome: Sequence[tuple[int, int]]) -> float:
    if not chrome or end <= start:
        return 0.0
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in chrome)
    return covered / (end - start)


def union(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
