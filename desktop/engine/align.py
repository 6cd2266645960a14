"""Passage alignment between articles.

The method, in the spirit of passim and TextPAIR but sentence-aware:

1. Split each article into sentences (boilerplate left out) and reduce each sentence to
   its content stems.
2. Find candidate sentence pairs across articles through an inverted index, so that
   sentences with nothing rare in common are never compared.
3. Score candidates by weighted two-way coverage (:mod:`.similarity`); also try joining a
   sentence's neighbour on either side, so a sentence split in two still matches.
4. Pick links greedily by score, each sentence used once, wherever they sit (reordered
   paragraphs are normal in news).
5. Add verbatim runs of words shared inside otherwise different sentences (a quote that
   two outlets frame differently).
6. Diff the words of each link, trim one-sided tails, classify, and merge links that are
   adjacent on both sides into maximal passages.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import (
    Article,
    Cancelled,
    Kind,
    Op,
    PairAlignment,
    Passage,
    Progress,
    Settings,
    never_cancelled,
    no_progress,
)
from .segment import Sentence, sentences
from .similarity import MIN_SHARED, Idf, Match, enough_evidence, link_threshold, match
from .text import WORD_RE, is_content, stem, tokens, typographic, word_count
from .worddiff import diff_stats, word_diff

VERBATIM_MIN = 1.0  # verbatim: no word differs (case, punctuation, typography may)
EDITED_MIN = 0.78  # ... edited; below it the passage is a paraphrase
ANCHOR_WORDS = 8  # a run of this many identical words links two sentences by itself
TRIM_WORDS = 3  # one-sided runs this long at a passage's ends are cut off
CANDIDATE_SHARE = 0.5  # sentence pairs scoring half the link threshold are worth a closer look
CHEAP_BOUND = 1.0  # ... and only if their identical stems alone reach that much
MAX_POSTINGS = 400  # stems in more sentences than this do not seed candidates


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
    usable = [s for s in sentences(text) if _boilerplate_share(s.start, s.end, chrome) < 0.5]
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
        if _boilerplate_share(m.start(), m.end(), chrome) == 0
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


def _boilerplate_share(start: int, end: int, chrome: Sequence[tuple[int, int]]) -> float:
    if not chrome or end <= start:
        return 0.0
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in chrome)
    return covered / (end - start)


@dataclass(frozen=True, slots=True)
class Link:
    """Sentences ``a0..a1`` of A matched with ``b0..b1`` of B (inclusive), and the spans.

    A span may be a run of clauses inside its sentence when only that part is shared.
    """

    a0: int
    a1: int
    b0: int
    b1: int
    match: Match
    a_span: tuple[int, int]
    b_span: tuple[int, int]


def build_idf(prepared: Sequence[Prepared]) -> Idf:
    return Idf.build(row for p in prepared for row in zip(p.stems, p.capitals, p.initials, strict=True))


def candidate_pairs(pa: Prepared, pb: Prepared, idf: Idf, floor: float) -> dict[tuple[int, int], Match]:
    """Sentence pairs of A and B whose match score reaches ``floor``.

    Postings accumulate the weight of identical stems per sentence pair; pairs whose
    identical stems cannot come near ``floor`` are never scored in full.
    """
    weight = idf.weight
    postings = pb.postings()
    totals_b = idf.sentence_totals(pb.stems)
    totals_a = idf.sentence_totals(pa.stems)
    out: dict[tuple[int, int], Match] = {}
    for i, stems in enumerate(pa.stems):
        count: dict[int, int] = defaultdict(int)
        mass: dict[int, float] = defaultdict(float)
        for s in set(stems):
            hits = postings.get(s)
            if hits and len(hits) <= MAX_POSTINGS:
                w = weight(s)
                for j in hits:
                    count[j] += 1
                    mass[j] += w
        total_a = totals_a[i]
        for j, common in count.items():
            if common < MIN_SHARED:
                continue
            # Cheap bound from identical stems only; prefix matches rarely add much.
            ca, cb = mass[j] / total_a, mass[j] / totals_b[j]
            if 2 * ca * cb / (ca + cb) < floor * CHEAP_BOUND:
                continue
            m = match(stems, pb.stems[j], idf)
            if m.score >= floor:
                out[(i, j)] = m
    return out


def _joined(p: Prepared, first: int, last: int) -> tuple[str, ...]:
    return tuple(s for k in range(first, last + 1) for s in p.stems[k])


def _adjacent(p: Prepared, k: int, other: int) -> bool:
    """Sentences ``k`` and ``other`` of one article follow each other in one paragraph."""
    if not 0 <= other < len(p.sentences):
        return False
    return abs(k - other) == 1 and p.sentences[k].paragraph == p.sentences[other].paragraph


def _sentence_span(p: Prepared, first: int, last: int) -> tuple[int, int]:
    return (p.sentences[first].start, p.sentences[last].end)


def _clause_windows(p: Prepared, k: int) -> list[tuple[tuple[str, ...], tuple[int, int]]]:
    """Every run of whole clauses of sentence ``k`` shorter than the sentence."""
    cuts = p.clauses[k]
    if len(cuts) < 2:
        return []
    stems = p.stems[k]
    end = p.sentences[k].end
    text = p.article.text
    out = []
    for x in range(len(cuts)):
        for y in range(x + 1, len(cuts) + 1):
            if x == 0 and y == len(cuts):
                continue
            lo = cuts[x][0]
            hi = cuts[y][0] if y < len(cuts) else len(stems)
            if hi - lo < CLAUSE_MIN_STEMS:
                continue
            c_end = cuts[y][1] if y < len(cuts) else end
            out.append((stems[lo:hi], _strip(text, cuts[x][1], c_end, " \n\t,;:—–")))
    return out


def _best_link(pa: Prepared, pb: Prepared, i: int, j: int, m: Match, idf: Idf) -> Link:
    """The link of sentences ``i`` and ``j``, narrowed to clauses when that fits better."""
    best = Link(i, i, j, j, m, _sentence_span(pa, i, i), _sentence_span(pb, j, j))
    if m.cover_a < 0.75:
        for stems, span in _clause_windows(pa, i):
            mm = match(stems, pb.stems[j], idf)
            if mm.score > best.match.score + 0.03:
                best = Link(i, i, j, j, mm, span, best.b_span)
    if m.cover_b < 0.75:
        for stems, span in _clause_windows(pb, j):
            mm = match(pa.stems[i], stems, idf)
            if mm.score > best.match.score + 0.03:
                best = Link(i, i, j, j, mm, _sentence_span(pa, i, i), span)
    return best


def sentence_links(
    pa: Prepared,
    pb: Prepared,
    idf: Idf,
    threshold: float,
    hints: Sequence[tuple[int, int]] | None = None,
) -> list[Link]:
    """Chosen sentence links, one-to-one except for split or merged sentences.

    ``hints`` are candidate sentence pairs found beforehand (by the all-pairs index);
    without them the candidates are looked up here.
    """
    floor = threshold * CANDIDATE_SHARE
    if hints is None:
        cands = candidate_pairs(pa, pb, idf, floor)
    else:
        cands = {}
        for i, j in hints:
            m = match(pa.stems[i], pb.stems[j], idf)
            if m.score >= floor:
                cands[(i, j)] = m
    options: list[Link] = []
    for (i, j), m in cands.items():
        options.append(_best_link(pa, pb, i, j, m, idf))
        # One sentence of A may be two of B, or the reverse.
        for j2 in (j - 1, j + 1):
            if _adjacent(pb, j, j2):
                lo, hi = min(j, j2), max(j, j2)
                mm = match(pa.stems[i], _joined(pb, lo, hi), idf)
                if mm.score > m.score + 0.05:
                    options.append(
                        Link(i, i, lo, hi, mm, _sentence_span(pa, i, i), _sentence_span(pb, lo, hi))
                    )
        for i2 in (i - 1, i + 1):
            if _adjacent(pa, i, i2):
                lo, hi = min(i, i2), max(i, i2)
                mm = match(_joined(pa, lo, hi), pb.stems[j], idf)
                if mm.score > m.score + 0.05:
                    options.append(
                        Link(lo, hi, j, j, mm, _sentence_span(pa, lo, hi), _sentence_span(pb, j, j))
                    )
    options = [o for o in options if o.match.score >= threshold and enough_evidence(o.match)]
    options.sort(key=lambda o: (-o.match.score, o.a0, o.b0))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen: list[Link] = []
    for o in options:
        span_a = range(o.a0, o.a1 + 1)
        span_b = range(o.b0, o.b1 + 1)
        if any(k in used_a for k in span_a) or any(k in used_b for k in span_b):
            continue
        used_a.update(span_a)
        used_b.update(span_b)
        chosen.append(o)
    chosen.sort(key=lambda o: (o.a0, o.b0))
    return chosen


def verbatim_runs(pa: Prepared, pb: Prepared, min_words: int) -> list[tuple[int, int, int, int]]:
    """Maximal runs of identical words (as word index ranges) of at least ``min_words``."""
    n = min_words
    grams_a, grams_b = pa.grams(n), pb.grams(n)
    if len(grams_a) > len(grams_b):
        shared = [g for g in grams_b if g in grams_a]
    else:
        shared = [g for g in grams_a if g in grams_b]
    if not shared:
        return []
    starts = sorted((i, j) for g in shared for i in grams_a[g] for j in grams_b[g])
    wa = [w for w, _, _ in pa.words]
    wb = [w for w, _, _ in pb.words]
    runs: list[tuple[int, int, int, int]] = []
    covered: set[tuple[int, int]] = set()  # cells of runs already extended
    for i, j in starts:  # in A's order, so the first cell met on a diagonal starts its run
        if (i, j) in covered:
            continue
        k = n
        while i + k < len(wa) and j + k < len(wb) and wa[i + k] == wb[j + k]:
            k += 1
        covered.update((i + d, j + d) for d in range(k))
        runs.append((i, i + k, j, j + k))
    # Keep maximal runs only; a repeated phrase may give several, keep the longest first.
    runs.sort(key=lambda r: -(r[1] - r[0]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for r in runs:
        if any(k in used_a for k in range(r[0], r[1])) or any(k in used_b for k in range(r[2], r[3])):
            continue
        used_a.update(range(r[0], r[1]))
        used_b.update(range(r[2], r[3]))
        out.append(r)
    return out


@dataclass(slots=True)
class _Draft:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    match_score: float


def classify(similarity: float) -> Kind:
    if similarity >= VERBATIM_MIN:
        return Kind.VERBATIM
    if similarity >= EDITED_MIN:
        return Kind.EDITED
    return Kind.PARAPHRASE


def _finish(draft: _Draft, a: Article, b: Article, settings: Settings) -> Passage | None:
    """Diff a draft, trim one-sided ends, classify it."""
    draft = _Draft(
        *_strip(a.text, draft.a_start, draft.a_end, _LEAD, _TAIL),
        *_strip(b.text, draft.b_start, draft.b_end, _LEAD, _TAIL),
        draft.match_score,
    )
    ops = word_diff(a.text, draft.a_start, draft.a_end, b.text, draft.b_start, draft.b_end, settings)
    trimmed = _trim(ops, a.text, b.text)
    if trimmed is not None:
        draft = _Draft(*trimmed, draft.match_score)
        ops = word_diff(a.text, draft.a_start, draft.a_end, b.text, draft.b_start, draft.b_end, settings)
    stats = diff_stats(ops, a.text, b.text)
    if stats.equal == 0 and draft.match_score == 0:
        return None
    words_a = stats.equal + stats.deleted
    words_b = stats.equal + stats.inserted
    if max(words_a, words_b) < settings.min_words:
        return None
    kind = classify(stats.similarity)
    score = round(max(stats.similarity, draft.match_score), 4)
    return Passage(draft.a_start, draft.a_end, draft.b_start, draft.b_end, kind, score, ops)


def _trim(ops: tuple, text_a: str, text_b: str) -> tuple[int, int, int, int] | None:
    """New spans without one-sided runs at either end, or None when nothing is cut."""
    equal = [k for k, op in enumerate(ops) if op.op == Op.EQUAL and word_count(text_a, op.a_start, op.a_end)]
    if not equal:
        return None
    first, last = equal[0], equal[-1]

    def one_sided(chunk: Sequence) -> bool:
        wa = sum(word_count(text_a, o.a_start, o.a_end) for o in chunk if o.op == Op.DELETE)
        wb = sum(word_count(text_b, o.b_start, o.b_end) for o in chunk if o.op == Op.INSERT)
        return max(wa, wb) >= TRIM_WORDS and min(wa, wb) == 0

    cut_head = one_sided(ops[:first])
    cut_tail = one_sided(ops[last + 1 :])
    if not (cut_head or cut_tail):
        return None
    head = ops[first] if cut_head else ops[0]
    tail = ops[last] if cut_tail else ops[-1]
    a0, b0 = head.a_start, head.b_start
    a1, b1 = tail.a_end, tail.b_end
    a0, a1 = _strip(text_a, a0, a1)
    b0, b1 = _strip(text_b, b0, b1)
    return (a0, a1, b0, b1)


_SPACE = " \n\t\r\u00a0"
# A passage never starts with a dateline dash, a list or quote marker, nor ends on a comma.
_LEAD = _SPACE + "-–—>*#•·|,;:"
_TAIL = _SPACE + "-–—,;:("


def _strip(text: str, start: int, end: int, chars: str = _SPACE, tail: str | None = None) -> tuple[int, int]:
    """Move ``start`` past ``chars`` and ``end`` back past ``tail`` (default: ``chars``)."""
    tail = chars if tail is None else tail
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in tail:
        end -= 1
    return start, end


def _gap_is_empty(text: str, start: int, end: int, chrome: Sequence[tuple[int, int]]) -> bool:
    """Only white space, punctuation, boilerplate or a few function words ("and", "but")
    lie between two spans: they read as one passage."""
    if end <= start:
        return True
    words = [
        m for m in WORD_RE.finditer(text, start, end) if _boilerplate_share(m.start(), m.end(), chrome) == 0
    ]
    return len(words) <= 2 and not any(is_content(m.group()) for m in words)


def _same_gap(gap_a: str, gap_b: str) -> bool:
    """The text between two passages is the same on both sides (a fragment too short to
    link on its own, such as "On our visit,"): the passages are one."""
    words_a = [typographic(w).lower() for w in WORD_RE.findall(gap_a)]
    return 0 < len(words_a) <= 40 and words_a == [typographic(w).lower() for w in WORD_RE.findall(gap_b)]


def _merge_group(kind_a: Kind, kind_b: Kind) -> bool:
    close = {Kind.VERBATIM, Kind.EDITED}
    return kind_a == kind_b or (kind_a in close and kind_b in close)


def align_prepared(
    pa: Prepared,
    pb: Prepared,
    idf: Idf,
    settings: Settings,
    cancelled=never_cancelled,
    *,
    hints: Sequence[tuple[int, int]] | None = None,
) -> PairAlignment:
    """Align two prepared articles with a given weighting (and, optionally, candidate
    sentence pairs found beforehand)."""
    a, b = pa.article, pb.article
    threshold = link_threshold(settings.sensitivity)
    drafts: list[_Draft] = []
    for link in sentence_links(pa, pb, idf, threshold, hints):
        drafts.append(_Draft(*link.a_span, *link.b_span, link.match.score))
    if cancelled():
        raise Cancelled
    # Verbatim runs that no sentence link covers: quotes framed differently by each outlet.
    for i0, i1, j0, j1 in verbatim_runs(pa, pb, max(ANCHOR_WORDS, settings.min_words)):
        if not _worded(a.text, pa.words[i0:i1]):
            continue
        sa, ea = pa.words[i0][1], pa.words[i1 - 1][2]
        sb, eb = pb.words[j0][1], pb.words[j1 - 1][2]
        if any(
            _overlaps(sa, ea, d.a_start, d.a_end) or _overlaps(sb, eb, d.b_start, d.b_end) for d in drafts
        ):
            continue
        drafts.append(_Draft(sa, _close_quote(a.text, ea), sb, _close_quote(b.text, eb), 0.0))

    passages = [p for d in drafts if (p := _finish(d, a, b, settings)) is not None]
    passages = _merge_adjacent(passages, a, b, settings)
    passages.sort(key=lambda p: (p.a_start, p.b_start))
    if not passages:
        return PairAlignment(a.id, b.id, ())
    return PairAlignment(
        a.id,
        b.id,
        tuple(passages),
        _shared_share(pa, [p.a_span for p in passages]),
        _shared_share(pb, [p.b_span for p in passages]),
    )


def _worded(text: str, run: Sequence[tuple[str, int, int]]) -> bool:
    """A run that is more than a string of names ("CEO Mark Zuckerberg and ...")."""
    lower = sum(1 for _, s, _ in run if text[s].islower())
    return lower * 2 >= len(run)


def _close_quote(text: str, end: int) -> int:
    """Extend a run's end over a closing punctuation mark that belongs to it."""
    while end < len(text) and text[end] in '.,;:!?”’")':
        end += 1
    return end


def _overlaps(s1: int, e1: int, s2: int, e2: int) -> bool:
    return min(e1, e2) > max(s1, s2)


def _merge_adjacent(passages: list[Passage], a: Article, b: Article, settings: Settings) -> list[Passage]:
    """Join passages that follow each other in A and in B into one maximal passage."""
    if len(passages) < 2:
        return passages
    passages = sorted(passages, key=lambda p: (p.a_start, p.b_start))
    out = [passages[0]]
    for p in passages[1:]:
        q = out[-1]
        if (
            _merge_group(q.kind, p.kind)
            and p.b_start >= q.b_end
            and p.a_start >= q.a_end
            and (
                (
                    _same_gap(a.text[q.a_end : p.a_start], b.text[q.b_end : p.b_start])
                    and not any(q.b_end < r.b_end and r.b_start < p.b_start for r in passages)
                )
                or (
                    _gap_is_empty(a.text, q.a_end, p.a_start, a.boilerplate)
                    and _gap_is_empty(b.text, q.b_end, p.b_start, b.boilerplate)
                )
            )
        ):
            merged = _finish(_Draft(q.a_start, p.a_end, q.b_start, p.b_end, 0.0), a, b, settings)
            if merged is not None:
                wq = q.a_end - q.a_start
                wp = p.a_end - p.a_start
                score = round(max(merged.score, (q.score * wq + p.score * wp) / max(1, wq + wp)), 4)
                kind = merged.kind if q.kind != Kind.PARAPHRASE else Kind.PARAPHRASE
                out[-1] = Passage(
                    merged.a_start, merged.a_end, merged.b_start, merged.b_end, kind, score, merged.diff
                )
                continue
        out.append(p)
    return out


def _shared_share(p: Prepared, spans: list[tuple[int, int]]) -> float:
    """Share of the article's (non-boilerplate) words that fall inside ``spans``."""
    if not p.words:
        return 0.0
    spans = sorted(spans)
    inside = 0
    k = 0
    for _, s, e in p.words:
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        if k < len(spans) and spans[k][0] <= s and e <= spans[k][1]:
            inside += 1
    return round(inside / len(p.words), 4)


def align_pair(
    a: Article,
    b: Article,
    settings: Settings | None = None,
    *,
    idf: Idf | None = None,
    progress: Progress = no_progress,
    cancelled=never_cancelled,
) -> PairAlignment:
    """Every passage that ``a`` and ``b`` share, in A's order.

    ``idf`` lets a caller weigh words over a larger set of articles; by default the
    weights come from the two articles themselves.
    """
    settings = settings or Settings()
    pa, pb = prepare(a), prepare(b)
    progress(0.3)
    if cancelled():
        raise Cancelled
    result = align_prepared(pa, pb, idf or build_idf([pa, pb]), settings, cancelled)
    progress(1.0)
    return result
