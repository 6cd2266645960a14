"""Seeded, reproducible pseudo-articles built from real news sentences.

The sentences come from the public gold data (MSRP, STS news; PAN source documents only
as extra filler volume for very large corpora) or, when that is absent, from the sample
articles in ``seeds/`` with word-level variations. Nothing is copied into the project:
articles are built in memory on every run.

* :func:`planted_pair`: two articles of 25-40 sentences sharing planted verbatim, edited
  and paraphrased passages at known offsets, in shuffled order (quality benchmark).
* :func:`sharing_pair`: two articles of N words sharing ~30% of their sentences, some
  edited (speed benchmark).
* :func:`corpus`: N articles of ~800 words, most unrelated, some in story clusters.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.engine.model import Article

from . import baselines, evaldata

EDIT_WORDS = tuple(
    "also now reportedly nearly new still officially late early again only just about "  # noqa: SIM905
    "recently widely largely formally sharply".split()
)
MIN_WORDS = 8  # shorter strings (headlines) are poor sentences for a pseudo-article


def _distinct(items: Sequence[str]) -> list[str]:
    """``items`` without repeats, in first-seen order (a set's order varies between runs)."""
    return list(dict.fromkeys(items))


def _terminate(s: str) -> str:
    """Close a sentence with a full stop when it has none, so it segments as one."""
    s = " ".join(s.split())
    return s if s[-1:] in ".!?\"'”’)" else s + "."


@dataclass
class Pool:
    """Sentences to build articles from; :meth:`fresh` gives a copy with nothing used."""

    fillers: list[str]  # unrelated sentences
    paraphrases: list[tuple[str, str]]  # gold paraphrase pairs with little word overlap
    close: list[tuple[str, str]]  # related pairs with high word overlap: edited versions
    origin: str
    used: set[str] = field(default_factory=set)
    order: list[int] = field(default_factory=list)  # the order :meth:`take` walks the fillers in
    index: dict[str, list[int]] = field(default_factory=dict)  # content word -> fillers, shared
    _cursor: int = 0
    _vocab: list[str] = field(default_factory=list)

    def fresh(self, seed: int) -> Pool:
        """A copy with nothing used, walking the fillers in an order fixed by ``seed``."""
        order = list(range(len(self.fillers)))
        random.Random(seed).shuffle(order)
        return Pool(self.fillers, self.paraphrases, self.close, self.origin, set(), order, self.index)

    def take(self, rng: random.Random) -> str:
        """The next unused filler; once all are used, a word-level variation of one."""
        if not self.order:
            self.order = list(range(len(self.fillers)))
        while self._cursor < len(self.order):
            s = self.fillers[self.order[self._cursor]]
            self._cursor += 1
            if s not in self.used:
                self.used.add(s)
                return s
        if not self._vocab:
            self._vocab = sorted({w for s in self.fillers for w in s.split() if w.isalpha() and len(w) > 3})
        return vary(rng.choice(self.fillers), rng, self._vocab, 0.6)

    def take_topical(self, rng: random.Random, like: Sequence[str]) -> str:
        """An unused filler sharing a content word with ``like`` (else any filler)."""
        if not self.index:
            for k, s in enumerate(self.fillers):
                for w in _distinct(baselines.content(s)):
                    self.index.setdefault(w, []).append(k)
        # In text order, never set order: set order of strings changes with PYTHONHASHSEED,
        # and the seeded rng must see the same list on every run.
        words = [
            w for s in like for w in _distinct(baselines.content(s)) if 2 <= len(self.index.get(w, ())) <= 300
        ]
        for _ in range(8):
            if not words:
                break
            s = self.fillers[rng.choice(self.index[rng.choice(words)])]
            if s not in self.used:
                self.used.add(s)
                return s
        return self.take(rng)

    def pick(self, pairs: Sequence[tuple[str, str]], rng: random.Random) -> tuple[str, str]:
        """A pair not used yet in this copy (pairs are few, so they may repeat across copies)."""
        for _ in range(20):
            a, b = pairs[rng.randrange(len(pairs))]
            if a not in self.used and b not in self.used:
                break
        self.used.update((a, b))
        return a, b


def news_pool(split: str = "all", extra_web: int = 0) -> Pool | None:
    """A pool from MSRP and STS news (``train``, ``test`` or ``all``), None without the data.

    ``extra_web`` adds up to that many PAN source-document sentences as filler volume.
    """
    if evaldata.available("msrp") is None:
        return None
    msrp_splits = ("train", "test") if split == "all" else (split,)
    sts_splits = {"train": ("train",), "test": ("dev", "test"), "all": ("train", "dev", "test")}[split]
    pairs = [(p.s1, p.s2, p.label >= 0.5) for s in msrp_splits for p in evaldata.msrp(s)]
    if evaldata.available("sts_benchmark") is not None:
        pairs += [(p.s1, p.s2, p.label >= 4.0) for p in evaldata.sts_news(sts_splits)]
    pairs = [
        (_terminate(a), _terminate(b), y)
        for a, b, y in pairs
        if min(len(a.split()), len(b.split())) >= MIN_WORDS
    ]
    paraphrases, close, fillers = [], [], []
    seen: set[str] = set()
    for a, b, positive in pairs:
        d = baselines.dice(a, b)
        if 0.8 <= d <= 0.94:
            close.append((a, b))
        elif positive and d < 0.6:
            paraphrases.append((a, b))
        # One side per pair as filler, so a filler's own paraphrase is never in the pool.
        if a not in seen:
            seen.add(a)
            fillers.append(a)
    origin = f"MSRP + STS news ({split})"
    if extra_web:
        fillers += [s for s in evaldata.pan_source_sentences(extra_web) if s not in seen][:extra_web]
        origin += f" + {extra_web} PAN web sentences"
    # Planted pairs must not also turn up as filler.
    planted = {s for pair in paraphrases + close for s in pair}
    fillers = [s for s in fillers if s not in planted]
    return Pool(fillers, paraphrases, close, origin)


def seed_pool() -> Pool:
    """A pool from the sample articles, for when the gold data is absent."""
    root = Path(__file__).resolve().parents[1] / "seeds"
    sents: list[str] = []
    for path in sorted(root.glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
        sents += [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= MIN_WORDS]
    sents = sorted(set(sents))
    vocab = sorted({w for s in sents for w in s.split() if w.isalpha() and len(w) > 3})
    rng = random.Random(1)
    # Heavy variations stand in for unrelated sentences; light edits and shuffles for rewordings.
    fillers = [vary(s, rng, vocab, 0.6) for _ in range(40) for s in sents]
    paraphrases = [(s, vary(s, rng, vocab, 0.35)) for s in sents]
    close = [(s, edit(s, rng)) for s in sents]
    return Pool(fillers, paraphrases, close, "seeds/ with variations")


def vary(sentence: str, rng: random.Random, vocab: Sequence[str], rate: float) -> str:
    """Replace about ``rate`` of the longer words with random vocabulary."""
    out = [
        rng.choice(vocab) if w.isalpha() and len(w) > 3 and rng.random() < rate else w
        for w in sentence.split()
    ]
    return " ".join(out)


def edit(sentence: str, rng: random.Random, low: float = 0.8, high: float = 0.94) -> str:
    """A few words changed, inserted or deleted, until word Dice falls to ``high`` or below."""
    words = sentence.split()
    for _ in range(8):
        if baselines.dice(sentence, " ".join(words)) <= high or len(words) < 4:
            break
        k = rng.randrange(1, len(words) - 1)
        op = rng.random()
        if any(ch.isdigit() for ch in words[k]):
            words[k] = re.sub(r"\d", lambda _m: str(rng.randrange(10)), words[k])
        elif op < 0.35:
            del words[k]
        elif op < 0.7:
            words.insert(k, rng.choice(EDIT_WORDS))
        else:
            words[k] = (
                rng.choice(EDIT_WORDS) + words[k][-1] if words[k][-1] in ",;" else rng.choice(EDIT_WORDS)
            )
    out = " ".join(words)
    return out if baselines.dice(sentence, out) >= low else sentence.replace(" ", " also ", 1)


def curly(sentence: str) -> str:
    """The same words with typographic quotes: a verbatim copy as another CMS prints it."""
    s = re.sub(r'"(\w)', "“\\1", sentence)
    return s.replace('"', "”").replace("'", "’")


@dataclass(frozen=True, slots=True)
class Planted:
    kind: str  # verbatim, edited, paraphrase
    a: tuple[int, int]
    b: tuple[int, int]


def _layout(blocks: Sequence[list[str]], rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """Join blocks of sentences into paragraphs; return the text and each block's span."""
    text = ""
    spans = []
    for k, block in enumerate(blocks):
        if k and text:
            text += "\n\n" if rng.random() < 0.4 else " "
        start = len(text)
        text += " ".join(block)
        spans.append((start, len(text)))
    return text, spans


def _far(s: str, others: Sequence[str]) -> bool:
    """True when ``s`` shares no 5-word run and few content words with any of ``others``."""
    ws = baselines.words(s)
    grams = {tuple(ws[k : k + 5]) for k in range(len(ws) - 4)}
    cs = set(baselines.content(s))
    for o in others:
        wo = baselines.words(o)
        if any(tuple(wo[k : k + 5]) in grams for k in range(len(wo) - 4)):
            return False
        co = set(baselines.content(o))
        if cs and co and len(cs & co) / min(len(cs), len(co)) >= 0.5:
            return False
    return True


def planted_pair(pool: Pool, rng: random.Random, tag: str) -> tuple[Article, Article, list[Planted]]:
    """Two articles with planted passages; fillers are topical but checked to be unrelated."""
    units: list[tuple[str, list[str], list[str]]] = []
    if rng.random() >= 0.1:  # one pair in ten shares nothing
        for _ in range(rng.choice((0, 1, 2))):
            run = [pool.take(rng) for _ in range(rng.choice((1, 1, 2, 3)))]
            units.append(("verbatim", run, [curly(s) if rng.random() < 0.3 else s for s in run]))
        for _ in range(rng.choice((1, 1, 2, 3))):
            if rng.random() < 0.6 or not pool.close:
                run = [pool.take(rng) for _ in range(rng.choice((1, 1, 2)))]
                units.append(("edited", run, [edit(s, rng) for s in run]))
            else:
                a, b = pool.pick(pool.close, rng)
                units.append(("edited", [a], [b]))
        for _ in range(rng.choice((0, 1, 2))):
            a, b = pool.pick(pool.paraphrases, rng)
            units.append(("paraphrase", [a], [b]))
    planted_text = [s for _, x, y in units for s in x + y]
    n_a, n_b = rng.randint(25, 40), rng.randint(25, 40)
    fill_a: list[str] = []
    fill_b: list[str] = []
    for side, n, other in ((fill_a, n_a, [s for _, _, y in units for s in y]), (fill_b, n_b, None)):
        want = n - sum(len(u[1]) for u in units)
        tries = 0
        while len(side) < want and tries < want * 20:
            tries += 1
            s = pool.take_topical(rng, planted_text) if rng.random() < 0.6 else pool.take(rng)
            against = other if other is not None else fill_a + [s2 for _, x, _ in units for s2 in x]
            if _far(s, against):
                side.append(s)
    order_a = [("unit", k) for k in range(len(units))] + [("fill", k) for k in range(len(fill_a))]
    order_b = [("unit", k) for k in range(len(units))] + [("fill", k) for k in range(len(fill_b))]
    rng.shuffle(order_a)
    rng.shuffle(order_b)
    text_a, spans_a = _layout([units[k][1] if t == "unit" else [fill_a[k]] for t, k in order_a], rng)
    text_b, spans_b = _layout([units[k][2] if t == "unit" else [fill_b[k]] for t, k in order_b], rng)
    where_a = {k: spans_a[n] for n, (t, k) in enumerate(order_a) if t == "unit"}
    where_b = {k: spans_b[n] for n, (t, k) in enumerate(order_b) if t == "unit"}
    planted = [Planted(units[k][0], where_a[k], where_b[k]) for k in range(len(units))]
    return (
        Article(f"{tag}-a", f"{tag} A", "synthetic A", text_a),
        Article(f"{tag}-b", f"{tag} B", "synthetic B", text_b),
        planted,
    )


def _fill(pool: Pool, rng: random.Random, words: int) -> list[str]:
    out: list[str] = []
    n = 0
    while n < words:
        s = pool.take(rng)
        out.append(s)
        n += len(s.split())
    return out


def sharing_pair(pool: Pool, rng: random.Random, words: int, tag: str = "p") -> tuple[Article, Article]:
    """Two articles of about ``words`` words sharing ~30% of their sentences.

    Of the shared sentences about half are verbatim, 40% edited and 10% paraphrased; B
    keeps most of A's order with some blocks moved, as rewritten news does.
    """
    sents_a = _fill(pool, rng, words)
    shared = sorted(rng.sample(range(len(sents_a)), k=max(1, int(0.3 * len(sents_a)))))
    version: dict[int, str] = {}
    for k in shared:
        r = rng.random()
        if r < 0.5:
            version[k] = sents_a[k]
        elif r < 0.9 or not pool.paraphrases:
            version[k] = edit(sents_a[k], rng)
        else:
            a, b = pool.pick(pool.paraphrases, rng)
            sents_a[k], version[k] = a, b
    b_seq = [version[k] for k in shared]
    for _ in range(max(1, len(b_seq) // 10)):  # move a few shared sentences elsewhere
        x = b_seq.pop(rng.randrange(len(b_seq)))
        b_seq.insert(rng.randrange(len(b_seq) + 1), x)
    own_b = _fill(pool, rng, words - sum(len(s.split()) for s in b_seq))
    slots = sorted(rng.sample(range(len(b_seq) + len(own_b)), k=len(b_seq)))
    merged: list[str] = []
    it_shared, it_own = iter(b_seq), iter(own_b)
    slot_set = set(slots)
    for n in range(len(b_seq) + len(own_b)):
        merged.append(next(it_shared) if n in slot_set else next(it_own))
    text_a, _ = _layout([[s] for s in sents_a], rng)
    text_b, _ = _layout([[s] for s in merged], rng)
    return (Article(f"{tag}-a", "A", "outlet A", text_a), Article(f"{tag}-b", "B", "outlet B", text_b))


def corpus(pool: Pool, rng: random.Random, n: int, words: int = 800, clustered: float = 0.3) -> list[Article]:
    """``n`` articles of about ``words`` words; a ``clustered`` share in story clusters of 2-5
    articles that take verbatim, edited or paraphrased versions of a shared core."""
    articles: list[Article] = []
    k = 0
    while k < n:
        if rng.random() < clustered and n - k >= 2:
            size = min(n - k, rng.randint(2, 5))
            core = _fill(pool, rng, words // 2)
            for _ in range(size):
                mine = [s if rng.random() < 0.5 else edit(s, rng) for s in core if rng.random() < 0.6]
                if pool.paraphrases and rng.random() < 0.5:
                    mine.append(pool.pick(pool.paraphrases, rng)[rng.randrange(2)])
                mine += _fill(pool, rng, words - sum(len(s.split()) for s in mine))
                rng.shuffle(mine)
                text, _ = _layout([[s] for s in mine], rng)
                articles.append(
                    Article(f"a{len(articles)}", f"story {k}", f"outlet {len(articles) % 7}", text)
                )
            k += size
        else:
            text, _ = _layout([[s] for s in _fill(pool, rng, words)], rng)
            articles.append(Article(f"a{len(articles)}", f"article {k}", f"outlet {len(articles) % 7}", text))
            k += 1
    return articles
