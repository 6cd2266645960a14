"""Synthetic news-reuse pairs: are the planted passages found, and with the right kind?

Article pairs are built by :func:`bench.synthetic.planted_pair` from real news sentences:
MSRP train + STS train for tuning the baseline's threshold and the engine's sensitivity,
MSRP test + STS dev/test for the reported figures. A planted passage counts as found
when a predicted passage overlaps it in A and its counterpart in B; a predicted passage
is correct when it finds some planted passage.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.engine.align.embeddings import Encoder
from desktop.engine.align.pair import align_pair
from desktop.engine.align.passages import EDITED_MIN, VERBATIM_MIN
from desktop.engine.model import Article, Settings

from . import baselines, encoding, synthetic
from .metrics import overlaps
from .report import clip, pct, section, table

KINDS = ("verbatim", "edited", "paraphrase")
SENSITIVITIES = (0.25, 0.5, 0.75)
THRESHOLDS = tuple(round(0.2 + 0.02 * k, 2) for k in range(36))  # 0.20 .. 0.90
_SENT = re.compile(r"\S.*?(?:[.!?][\"'”’)]*(?=\s)|$)", re.S)


@dataclass(frozen=True, slots=True)
class Pred:
    a: tuple[int, int]
    b: tuple[int, int]
    kind: str


Case = tuple[Article, Article, list[synthetic.Planted]]


def build(pool: synthetic.Pool, n: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    return [synthetic.planted_pair(pool.fresh(seed * 1000 + k), rng, f"s{seed}-{k}") for k in range(n)]


def engine_preds(case: Case, settings: Settings, encoder: Encoder | None = None) -> list[Pred]:
    a, b, _ = case
    found = align_pair(a, b, settings, encoder=encoder)
    return [Pred(p.a_span, p.b_span, p.kind.value) for p in found.passages]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The baseline's own sentence split: end punctuation followed by white space."""
    return [(m.start(), m.end()) for m in _SENT.finditer(text)]


def _kind(a: str, b: str) -> str:
    # The engine's own cut-offs (read, not copied, so they follow its tuning) on difflib's
    # similarity of the lower-cased word lists, so the kinds are comparable.
    r = baselines.ratio(a, b)
    return "verbatim" if r >= VERBATIM_MIN else "edited" if r >= EDITED_MIN else "paraphrase"


class TfIdfBaseline:
    """Sentence pairs over a tf-idf cosine threshold, adjacent links merged into runs.

    Cosines are computed once per article pair, so sweeping the threshold is cheap.
    """

    def __init__(self, cases: Sequence[Case]) -> None:
        self.spans = [(sentence_spans(a.text), sentence_spans(b.text)) for a, b, _ in cases]
        texts = [[c[i].text[s:e] for s, e in self.spans[k][i]] for k, c in enumerate(cases) for i in (0, 1)]
        tfidf = baselines.TfIdf.build(t for side in texts for t in side)
        self.cases = cases
        self.scored = [
            baselines.tfidf_scores(texts[2 * k], texts[2 * k + 1], tfidf, 0.1) for k in range(len(cases))
        ]

    def preds(self, threshold: float) -> list[list[Pred]]:
        return [self._one(k, threshold) for k in range(len(self.cases))]

    def _one(self, k: int, threshold: float) -> list[Pred]:
        a, b, _ = self.cases[k]
        sa, sb = self.spans[k]
        runs: list[list[tuple[int, int]]] = []
        for i, j, _c in baselines.greedy_links(self.scored[k], threshold):
            if runs and runs[-1][-1] == (i - 1, j - 1):
                runs[-1].append((i, j))
            else:
                runs.append([(i, j)])
        out = []
        for run in runs:
            (i0, j0), (i1, j1) = run[0], run[-1]
            span_a, span_b = (sa[i0][0], sa[i1][1]), (sb[j0][0], sb[j1][1])
            out.append(Pred(span_a, span_b, _kind(a.text[slice(*span_a)], b.text[slice(*span_b)])))
        return out


@dataclass
class Tally:
    planted: Counter
    found: Counter
    predicted: Counter
    correct: Counter
    kind_ok: int = 0
    confusion: Counter | None = None
    misses: list | None = None
    false: list | None = None
    wrong_kind: list | None = None

    @property
    def precision(self) -> float:
        n = sum(self.predicted.values())
        return sum(self.correct.values()) / n if n else 0.0

    @property
    def recall(self) -> float:
        n = sum(self.planted.values())
        return sum(self.found.values()) / n if n else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(cases: Sequence[Case], preds: Sequence[list[Pred]]) -> Tally:
    t = Tally(Counter(), Counter(), Counter(), Counter(), 0, Counter(), [], [], [])
    for case, ps in zip(cases, preds, strict=True):
        _, _, planted = case
        for g in planted:
            t.planted[g.kind] += 1
            hits = [p for p in ps if overlaps(p.a, g.a) and overlaps(p.b, g.b)]
            if not hits:
                t.misses.append((case, g))
                continue
            t.found[g.kind] += 1
            best = max(hits, key=lambda p: min(p.a[1], g.a[1]) - max(p.a[0], g.a[0]))
            t.confusion[(g.kind, best.kind)] += 1
            t.kind_ok += best.kind == g.kind
            if best.kind != g.kind:
                t.wrong_kind.append((case, g, best))
        for p in ps:
            t.predicted[p.kind] += 1
            if any(overlaps(p.a, g.a) and overlaps(p.b, g.b) for g in planted):
                t.correct[p.kind] += 1
            else:
                t.false.append((case, p))
    return t


def _row(name: str, knob: str, t: Tally) -> list[object]:
    per_kind = []
    for k in KINDS:
        rec = t.found[k] / t.planted[k] if t.planted[k] else float("nan")
        prec = t.correct[k] / t.predicted[k] if t.predicted[k] else float("nan")
        per_kind += [pct(rec), pct(prec)]
    found = sum(t.found.values())
    return [
        name,
        knob,
        pct(t.precision),
        pct(t.recall),
        pct(t.f1),
        *per_kind,
        pct(t.kind_ok / found if found else 0),
    ]


def run(quick: bool = False, embeddings: bool = False) -> Tally | None:
    section("Synthetic news-reuse pairs (planted passages in real news sentences)")
    train_pool, test_pool = synthetic.news_pool("train"), synthetic.news_pool("test")
    if train_pool is None or test_pool is None:
        print("SKIP: MSRP not found; the synthetic corpus is built from its sentences")
        return None
    n = 6 if quick else 150
    train, test = build(train_pool, n, 1), build(test_pool, n, 2)

    base_train, base_test = TfIdfBaseline(train), TfIdfBaseline(test)
    thresholds = THRESHOLDS if not quick else THRESHOLDS[::6]
    t_cos = max(thresholds, key=lambda t: score(train, base_train.preds(t)).f1)
    sens = SENSITIVITIES if not quick else (0.5,)
    enc = encoding.encoder(embeddings)

    def engine(cases: Sequence[Case], sensitivity: float) -> Tally:
        settings = encoding.settings(embeddings, sensitivity=sensitivity)
        return score(cases, [engine_preds(c, settings, enc) for c in cases])

    best_s = max(sens, key=lambda s: (engine(train, s).f1, s == 0.5))

    default = engine(test, 0.5)
    rows = [_row("engine, default", "sens=0.5", default)]
    if best_s != 0.5:
        rows.append(
            _row(
                "engine, sensitivity tuned",
                f"sens={best_s}",
                engine(test, best_s),
            )
        )
    base = score(test, base_test.preds(t_cos))
    rows.append(_row("tf-idf cosine sentences", f"t={t_cos:.2f}", base))
    planted = Counter(g.kind for _, _, gs in test for g in gs)
    table(
        f"Synthetic test pairs: {len(test)} article pairs, planted "
        + ", ".join(f"{planted[k]} {k}" for k in KINDS)
        + f" (knobs chosen by F1 on {len(train)} train pairs)",
        [
            "system",
            "chosen on train",
            "prec",
            "rec",
            "F1",
            "verb R",
            "verb P",
            "edit R",
            "edit P",
            "para R",
            "para P",
            "kind acc",
        ],
        rows,
        note=f"""
percentages. per-kind R = share of planted passages of that kind found; per-kind P = share of predicted
passages of that (predicted) kind that find a planted passage; kind acc = found passages whose best
overlapping prediction has the planted kind. Sentences: {test_pool.origin}.
baseline kinds use the engine's cut-offs ({VERBATIM_MIN:g} / {EDITED_MIN:g}) on difflib's word similarity.""",
    )
    conf = default.confusion
    table(
        "Synthetic test pairs: engine kind confusion (rows planted, columns predicted)",
        ["planted", *KINDS],
        [[g, *[conf[(g, p)] for p in KINDS]] for g in KINDS],
    )
    if not quick:
        _examples(default)
    return default


def _examples(t: Tally) -> None:
    print()
    by_kind = Counter(g.kind for _, g in t.misses)
    print(f"engine misses: {dict(by_kind)}; false passages: {len(t.false)}")
    shown: Counter = Counter()
    for (a, b, _), g in t.misses:
        if shown[g.kind] < 2:
            shown[g.kind] += 1
            print(f"  missed {g.kind}: {clip(a.text[slice(*g.a)], 75)} || {clip(b.text[slice(*g.b)], 75)}")
    for (a, b, _), g, p in t.wrong_kind[:6]:
        print(f"  {g.kind} as {p.kind}: {clip(a.text[slice(*g.a)], 75)} || {clip(b.text[slice(*g.b)], 75)}")
    for (a, b, _), p in t.false[:4]:
        print(f"  false {p.kind}: {clip(a.text[slice(*p.a)], 75)} || {clip(b.text[slice(*p.b)], 75)}")
