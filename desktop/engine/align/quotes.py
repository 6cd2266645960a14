"""The quote check: every quoted statement across a set of articles, and how each outlet
carries it.

Quoted statements come from :mod:`.quotemarks` (straight or typographic marks, a quote
split by "he said" joined into one statement). Two statements of different articles are
versions of one when a shared passage links them (the quoted words of one, carried
through the passage's word diff, land inside a quote of the other), or when their
content words overlap on their own (so a quote the aligner did not link is still found).
A passage that links a quote to text *without* quotation marks makes that text a
paraphrase of it, when that text matches the quote as two sentences must to be linked.
Versions are compared with one reference version, the one most others quote word for
word (then the longest): quoting less or more of the statement is not altering it,
changing words inside the common part is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import (
    Article,
    CorpusAlignment,
    DiffOp,
    Op,
    Passage,
    Progress,
    QuotedStatement,
    QuoteUse,
    QuoteVersion,
    Settings,
    Span,
    no_progress,
)
from .candidates import names_of
from .prepared import Prepared, prepare, span_stems
from .quotemarks import MIN_STATEMENT_WORDS, Statement, inside_quote, statements
from .similarity import bag, enough_evidence, link_threshold, match_bags
from .text import collapse_space, excerpt, is_content, stem, trimmed_span, word_count, words
from .worddiff import diff_stats, word_diff

LABEL_CHARS = 88
MIN_SHARED_STEMS = 4  # content stems two quotes must share to be linked without a passage
MIN_SHARED_SHARE = 0.6  # ... and the share of the shorter quote's content stems they make up
MIN_LINKED_WORDS = 3  # words of a quote a passage must carry to link it
# quote_check's progress: where finding the statements, reading the pairs' passages and
# comparing the statements with each other end; comparing each one's versions is the rest.
_STATEMENTS_FOUND, _PAIRS_READ, _STATEMENTS_COMPARED = 0.1, 0.4, 0.6
_REPORT_EVERY = 64  # pairs, or statements, between two progress reports


@dataclass(slots=True)
class _Node:
    article: int
    statement: Statement
    stems: frozenset[str]


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w.text) for w in words(text) if is_content(w.text))


def _outside_boilerplate(article: Article, st: Statement) -> bool:
    return not any(s <= st.start < e for s, e in article.boilerplate)


def project(passage: Passage, start: int, end: int) -> Span:
    """Where ``start:end`` of side A of ``passage`` lands on side B, through its word diff.

    Offsets inside equal pieces keep their place; those inside words only in A go to the
    words that replace them in B, or to where they would be.
    """

    ops = passage.diff

    def point(x: int, *, closing: bool) -> int:
        for k, op in enumerate(ops):
            inside = op.a_start < x <= op.a_end if closing else op.a_start <= x < op.a_end
            if not inside:
                continue
            if op.op == Op.EQUAL:
                return min(op.b_start + (x - op.a_start), op.b_end)
            # Words replaced by others: the others' span.
            nxt = ops[k + 1] if k + 1 < len(ops) and ops[k + 1].op == Op.INSERT else op
            return nxt.b_end if closing else nxt.b_start
        return passage.b_end if closing else passage.b_start

    s = max(start, passage.a_start)
    e = min(end, passage.a_end)
    if s >= e:
        return (passage.b_start, passage.b_start)
    return point(s, closing=False), point(e, closing=True)


def _whole_words(text: str, start: int, end: int) -> Span:
    """``start:end`` widened to whole words and trimmed of white space."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return trimmed_span(text, start, end)


def _overlap(st: Statement, start: int, end: int) -> Span | None:
    s, e = max(st.start, start), min(st.end, end)
    return (s, e) if s < e else None


def quote_check(corpus: CorpusAlignment, progress: Progress = no_progress) -> tuple[QuotedStatement, ...]:
    """Every quoted statement of ``corpus`` with each outlet's version: verbatim, altered
    (with the word diff) or paraphrased, relative to the statement's reference version.
    ``progress`` hears the share done (a second on 500 articles)."""
    arts = corpus.articles
    index = {a.id: k for k, a in enumerate(arts)}
    nodes: list[_Node] = []
    by_article: dict[int, list[int]] = defaultdict(list)
    for k, art in enumerate(arts):
        for st in statements(art.text):
            if _outside_boilerplate(art, st):
                by_article[k].append(len(nodes))
                nodes.append(_Node(k, st, _stems(st.text)))
    parent = list(range(len(nodes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        parent[find(x)] = find(y)

    progress(_STATEMENTS_FOUND)
    kept: dict[int, Prepared] = {}

    def prepared(k: int) -> Prepared:  # cached when this process aligned the articles
        if k not in kept:
            kept[k] = prepare(arts[k])
        return kept[k]

    paraphrases: dict[int, list[tuple[int, Span]]] = defaultdict(list)  # node -> (article, span)
    for done, pair in enumerate(corpus.pairs, 1):
        for one, other, passage in _oriented(pair.passages, index[pair.a], index[pair.b], by_article, nodes):
            text_b = arts[other].text
            for n in by_article[one]:
                part = _overlap(nodes[n].statement, passage.a_start, passage.a_end)
                if part is None or word_count(arts[one].text, *part) < MIN_LINKED_WORDS:
                    continue
                bs, be = _whole_words(text_b, *project(passage, *part))
                if word_count(text_b, bs, be) < MIN_LINKED_WORDS:
                    continue
                hits = [m for m in by_article[other] if _overlap(nodes[m].statement, bs, be)]
                for m in hits:
                    union(n, m)
                if not hits and not inside_quote(text_b, bs, be):
                    reworded = _rewording(prepared(one), part, prepared(other), (bs, be), corpus.settings)
                    if reworded is not None:
                        paraphrases[n].append((other, reworded))
        if done % _REPORT_EVERY == 0 and done < len(corpus.pairs):
            progress(_STATEMENTS_FOUND + (_PAIRS_READ - _STATEMENTS_FOUND) * done / len(corpus.pairs))
    progress(_PAIRS_READ)
    for x in range(len(nodes)):
        for y in range(x + 1, len(nodes)):
            if nodes[x].article != nodes[y].article and _alike(nodes[x].stems, nodes[y].stems):
                union(x, y)
        if x % _REPORT_EVERY == _REPORT_EVERY - 1 and x + 1 < len(nodes):
            # the first statements are compared with the most others
            share = 1 - (1 - (x + 1) / len(nodes)) ** 2
            progress(_PAIRS_READ + (_STATEMENTS_COMPARED - _PAIRS_READ) * share)
    progress(_STATEMENTS_COMPARED)

    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(nodes)):
        groups[find(n)].append(n)
    out = []
    for done, members in enumerate(groups.values(), 1):
        out.append(_statement(members, nodes, paraphrases, corpus))
        if done % _REPORT_EVERY == 0 and done < len(groups):
            progress(_STATEMENTS_COMPARED + (1 - _STATEMENTS_COMPARED) * done / len(groups))
    out.sort(key=lambda q: (-len(q.articles), index[q.reference_version.article], q.reference_version.start))
    progress(1.0)
    return tuple(QuotedStatement(f"Q{k + 1}", q.label, q.versions, q.reference) for k, q in enumerate(out))


def _rewording(pa: Prepared, part: Span, pb: Prepared, landed: Span, settings: Settings) -> Span | None:
    """The stretch of ``landed`` in B that rewords ``part`` of A, or None.

    A long reworded passage maps a quote's words onto its other side only roughly: where
    they land may hold more sentences than the quote, or none that says the same. The
    stretch is the run of those sentences (cut to ``landed``; at most one more than the
    quote holds, as the aligner links a sentence with two at most) that matches the quote
    best, when it matches as two sentences must to be linked on their own: the aligner's
    test (:func:`.similarity.link_threshold` at ``settings``' sensitivity and
    :func:`.similarity.enough_evidence`), with each article's own word weights.
    """
    stems = span_stems(pa.article.text, *part)
    if not stems:
        return None
    quoted = bag(stems, pa.weights)
    names = names_of(pa, pb)
    threshold = link_threshold(settings.sensitivity)
    longest = 1 + sum(1 for s in pa.sentences if s.start < part[1] and s.end > part[0])
    pieces = [
        (start, end, span_stems(pb.article.text, start, end))
        for s in pb.sentences
        if s.start < landed[1] and s.end > landed[0]
        for start, end in [(max(s.start, landed[0]), min(s.end, landed[1]))]
    ]
    best: tuple[float, Span] | None = None
    for x in range(len(pieces)):
        found: tuple[str, ...] = ()
        for y in range(x, min(len(pieces), x + longest)):
            found += pieces[y][2]
            if not found:
                continue
            m = match_bags(quoted, bag(found, pb.weights), pa.weights, pb.weights, names)
            if m.score >= threshold and enough_evidence(m) and (best is None or m.score > best[0]):
                best = (m.score, (pieces[x][0], pieces[y][1]))
    return None if best is None else best[1]


def _oriented(
    passages: Sequence[Passage], a: int, b: int, by_article: Mapping[int, list[int]], nodes: Sequence[_Node]
) -> list[tuple[int, int, Passage]]:
    """Each passage from A's side and from B's side, where that side overlaps a quoted
    statement (only those are read: turning a passage round costs its whole diff)."""

    def quoted(article: int, start: int, end: int) -> bool:
        return any(_overlap(nodes[n].statement, start, end) for n in by_article.get(article, ()))

    return [(a, b, p) for p in passages if quoted(a, p.a_start, p.a_end)] + [
        (b, a, p.swapped()) for p in passages if quoted(b, p.b_start, p.b_end)
    ]


def _alike(one: frozenset[str], two: frozenset[str]) -> bool:
    shared = len(one & two)
    return shared >= MIN_SHARED_STEMS and shared >= MIN_SHARED_SHARE * min(len(one), len(two))


def _statement(
    members: list[int],
    nodes: list[_Node],
    paraphrases: dict[int, list[tuple[int, Span]]],
    corpus: CorpusAlignment,
) -> QuotedStatement:
    arts = corpus.articles
    chosen: dict[int, Statement] = {}  # one quoted version per article: its longest
    for n in sorted(members, key=lambda n: (nodes[n].article, nodes[n].statement.start)):
        node = nodes[n]
        best = chosen.get(node.article)
        if best is None or len(node.statement.text) > len(best.text):
            chosen[node.article] = node.statement
    loose: dict[int, Span] = {}  # articles that carry it without quotation marks
    for n in members:
        for art, span in paraphrases.get(n, []):
            if art in chosen:
                continue
            old = loose.get(art)
            if old is None or span[1] - span[0] > old[1] - old[0]:
                loose[art] = span
    settings = corpus.settings
    quoted = sorted(chosen)
    ref_art = max(
        quoted,
        key=lambda k: (
            sum(_verbatim(chosen[k].text, chosen[j].text, settings) for j in quoted if j != k),
            word_count(chosen[k].text),
            -k,
        ),
    )
    ref = chosen[ref_art]
    versions: list[QuoteVersion] = []
    for k in sorted([*quoted, *loose]):
        if k == ref_art:
            whole = (0, len(ref.text))
            versions.append(
                QuoteVersion(arts[k].id, QuoteUse.VERBATIM, ref.spans, ref.text, 1.0, whole, whole)
            )
            continue
        if k in chosen:
            text, spans = chosen[k].text, chosen[k].spans
        else:
            span = loose[k]
            text, spans = collapse_space(arts[k].text[span[0] : span[1]]), (span,)
        versions.append(_version(arts[k].id, spans, text, ref.text, settings, quoted=k in chosen))
    reference = next(i for i, v in enumerate(versions) if v.article == arts[ref_art].id)
    # The label is the part the other quotes share, not the reference's own lead-in.
    others = [
        v.ref_core for i, v in enumerate(versions) if i != reference and v.use is not QuoteUse.PARAPHRASED
    ]
    start = min((s for s, _ in others), default=0)
    end = max((e for _, e in others), default=len(ref.text))
    return QuotedStatement("", excerpt(ref.text, start, end, LABEL_CHARS), tuple(versions), reference)


def _core(ops: Sequence[DiffOp], text_a: str, text_b: str) -> tuple[Span, Span]:
    """The A and B parts a diff compares once runs only one side has at either end are cut
    off: the part of a statement that both versions quote."""
    equal = [k for k, op in enumerate(ops) if op.op == Op.EQUAL and word_count(text_a, op.a_start, op.a_end)]
    if not equal:
        return (0, len(text_a)), (0, len(text_b))
    lo, hi = equal[0], equal[-1]
    if any(op.op == Op.DELETE for op in ops[:lo]) and any(op.op == Op.INSERT for op in ops[:lo]):
        lo = 0  # words replaced at the start: part of the common statement
    if any(op.op == Op.DELETE for op in ops[hi + 1 :]) and any(op.op == Op.INSERT for op in ops[hi + 1 :]):
        hi = len(ops) - 1
    first, last = ops[lo], ops[hi]
    return (first.a_start, last.a_end), (first.b_start, last.b_end)


def _verbatim(ref: str, text: str, settings: Settings) -> bool:
    ops = word_diff(ref, 0, len(ref), text, 0, len(text), settings)
    (ra, rb), (ca, cb) = _core(ops, ref, text)
    stats = diff_stats(word_diff(ref, ra, rb, text, ca, cb, settings), ref, text)
    return stats.deleted == stats.inserted == 0


def _version(
    article: str, spans: tuple[Span, ...], text: str, ref: str, settings: Settings, *, quoted: bool
) -> QuoteVersion:
    ops = word_diff(ref, 0, len(ref), text, 0, len(text), settings)
    ref_core, core = _core(ops, ref, text)
    ops = word_diff(ref, *ref_core, text, *core, settings)
    stats = diff_stats(ops, ref, text)
    if not quoted:
        use = QuoteUse.PARAPHRASED
    elif stats.deleted or stats.inserted:
        use = QuoteUse.ALTERED
    else:
        use = QuoteUse.VERBATIM
    return QuoteVersion(article, use, spans, text, round(stats.similarity, 4), core, ref_core, ops)


__all__ = ["MIN_STATEMENT_WORDS", "project", "quote_check"]
