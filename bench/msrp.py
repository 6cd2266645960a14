"""MSRP: the engine's link decision as a paraphrase classifier.

Each sentence pair becomes two one-sentence articles aligned with ``align_pair`` (word
weights come from each article alone: rarity in general English). Linked (any passage)
= paraphrase. Knobs are tuned on train only; the
test figures use the value chosen there.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.engine.align.candidates import score
from desktop.engine.align.embeddings import Encoder
from desktop.engine.align.pair import align_pair
from desktop.engine.align.prepared import prepare
from desktop.engine.align.similarity import link_threshold
from desktop.engine.model import Article, Kind, Settings

from . import baselines, encoding, evaldata
from .metrics import Binary, best_threshold, binary, roc_auc
from .report import clip, pct, section, table

SENSITIVITIES = (0.0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0)
QUICK_SIZE = 300

PUBLISHED = (
    ("published: all positive", "66.5", "79.9"),
    ("published: lexical overlap methods", "70-76", "80-84"),
    ("published: supervised feature-rich", "~80", "~86"),
    ("published: large pretrained transformers", "88-90", "91-92"),
)


@dataclass(frozen=True, slots=True)
class Decision:
    linked: bool
    score: float  # best passage score, 0 when nothing is linked
    kind: Kind | None
    match: float  # the engine's sentence similarity (two-way weighted coverage)


def _articles(pairs: Sequence[evaldata.SentencePair], tag: str) -> list[tuple[Article, Article]]:
    return [
        (Article(f"{tag}{k}a", "", "msrp", p.s1), Article(f"{tag}{k}b", "", "msrp", p.s2))
        for k, p in enumerate(pairs)
    ]


def _match(a: Article, b: Article) -> float:
    pa, pb = prepare(a), prepare(b)
    if not pa.stems or not pb.stems:
        return 0.0
    return score(pa, pb, 0, 0).score


def decide(
    arts: Sequence[tuple[Article, Article]], settings: Settings, encoder: Encoder | None = None
) -> list[Decision]:
    out = []
    for a, b in arts:
        result = align_pair(a, b, settings, encoder=encoder)
        best = max(result.passages, key=lambda p: p.score, default=None)
        m = _match(a, b)
        out.append(Decision(best is not None, best.score if best else 0.0, best.kind if best else None, m))
    return out


def _row(name: str, knob: str, pred: Sequence[bool], scores: Sequence[float] | None, gold: Sequence[bool]):
    b = binary(pred, gold)
    auc = roc_auc(scores, gold) if scores is not None else float("nan")
    return [name, knob, pct(b.accuracy), pct(b.f1), pct(b.precision), pct(b.recall), pct(auc)]


def run(quick: bool = False, embeddings: bool = False) -> dict[str, Binary]:
    section("MSRP paraphrase identification (tune on train, report on test)")
    if evaldata.available("msrp") is None:
        print(f"SKIP: {evaldata.eval_dir() / 'msrp'} not found")
        return {}
    train, test = evaldata.msrp("train"), evaldata.msrp("test")
    if quick:
        rng = random.Random(7)
        train, test = rng.sample(train, QUICK_SIZE), rng.sample(test, QUICK_SIZE)
    y_train = [p.label > 0.5 for p in train]
    y_test = [p.label > 0.5 for p in test]
    arts_train, arts_test = _articles(train, "tr"), _articles(test, "te")

    # Engine knob: sensitivity, chosen on train by accuracy.
    enc = encoding.encoder(embeddings)
    sweep = SENSITIVITIES if not quick else (0.25, 0.5, 0.75)
    train_acc = {}
    train_dec: dict[float, list[Decision]] = {}
    for s in sweep:
        train_dec[s] = decide(arts_train, encoding.settings(embeddings, sensitivity=s), enc)
        train_acc[s] = binary([d.linked for d in train_dec[s]], y_train).accuracy
    best_s = max(sweep, key=lambda s: (train_acc[s], -abs(s - 0.5)))
    default = encoding.settings(embeddings)
    test_default = decide(arts_test, default, enc)
    test_tuned = (
        test_default
        if best_s == default.sensitivity
        else decide(arts_test, encoding.settings(embeddings, sensitivity=best_s), enc)
    )

    # The engine's similarity alone, thresholded on train.
    t_match = best_threshold([d.match for d in train_dec[sweep[len(sweep) // 2]]], y_train)

    # Baselines, thresholds tuned on train.
    tfidf_train = baselines.TfIdf.build(t for p in train for t in (p.s1, p.s2))
    tfidf_test = baselines.TfIdf.build(t for p in test for t in (p.s1, p.s2))
    cos_train = [tfidf_train.cosine(p.s1, p.s2) for p in train]
    cos_test = [tfidf_test.cosine(p.s1, p.s2) for p in test]
    t_cos = best_threshold(cos_train, y_train)
    dice_train = [baselines.dice(p.s1, p.s2) for p in train]
    dice_test = [baselines.dice(p.s1, p.s2) for p in test]
    t_dice = best_threshold(dice_train, y_train)

    rows = [
        _row("all positive (computed)", "-", [True] * len(test), None, y_test),
        _row("word Dice overlap", f"t={t_dice:.3f}", [x >= t_dice for x in dice_test], dice_test, y_test),
        _row("tf-idf cosine", f"t={t_cos:.3f}", [x >= t_cos for x in cos_test], cos_test, y_test),
        _row(
            "engine, default (linked = yes)",
            f"sens={default.sensitivity} (t={link_threshold(default.sensitivity):.2f})",
            [d.linked for d in test_default],
            [d.score for d in test_default],
            y_test,
        ),
        _row(
            "engine, sensitivity tuned",
            f"sens={best_s} (t={link_threshold(best_s):.2f})",
            [d.linked for d in test_tuned],
            [d.score for d in test_tuned],
            y_test,
        ),
        _row(
            "engine match score only",
            f"t={t_match:.3f}",
            [d.match >= t_match for d in test_default],
            [d.match for d in test_default],
            y_test,
        ),
    ]
    rows += [[name, "-", acc, f1, "", "", ""] for name, acc, f1 in PUBLISHED]
    table(
        f"MSRP test ({len(test)} pairs; knobs chosen on {len(train)} train pairs)",
        ["system", "chosen on train", "acc", "F1", "prec", "rec", "AUC"],
        rows,
        note="""
percentages. engine AUC ranks by best passage score (0 when nothing is linked); the match-score row
ranks by the engine's sentence similarity (weighted two-way coverage) without its guards.
train accuracy per sensitivity: """
        + ", ".join(f"{s}: {pct(a)}" for s, a in train_acc.items()),
    )
    _kinds(test_default, y_test)
    if not quick:
        _examples(test, test_default, y_test)
    return {"default": binary([d.linked for d in test_default], y_test)}


def _kinds(decisions: Sequence[Decision], gold: Sequence[bool]) -> None:
    """Which kind the engine gives linked pairs, by gold label."""
    rows = []
    for label in (True, False):
        c = Counter(
            d.kind.value if d.kind else "not linked"
            for d, g in zip(decisions, gold, strict=True)
            if g == label
        )
        n = sum(c.values())
        rows.append(
            ["paraphrase (gold 1)" if label else "not paraphrase (gold 0)", n]
            + [pct(c[k] / n) if n else "-" for k in ("verbatim", "edited", "paraphrase", "not linked")]
        )
    table(
        "MSRP test: engine kinds by gold label (default settings, % of row)",
        ["gold", "pairs", "verbatim", "edited", "paraphrase", "not linked"],
        rows,
        note="Gold negatives often differ only in a detail; linking them as 'edited' is wanted by design.",
    )


def _examples(
    pairs: Sequence[evaldata.SentencePair], decisions: Sequence[Decision], gold: Sequence[bool]
) -> None:
    fps = [(d, p) for d, p, g in zip(decisions, pairs, gold, strict=True) if d.linked and not g]
    fns = [(d, p) for d, p, g in zip(decisions, pairs, gold, strict=True) if not d.linked and g]
    fps.sort(key=lambda x: -x[0].score)
    fns.sort(key=lambda x: -x[0].match)
    print()
    print(f"false positives: {len(fps)} (kinds {dict(Counter(d.kind.value for d, _ in fps if d.kind))})")
    for d, p in fps[:3] + [x for x in fps if x[0].kind == Kind.PARAPHRASE][:3]:
        print(f"  FP {d.kind} score {d.score:.2f} match {d.match:.2f}: {clip(p.s1, 80)} || {clip(p.s2, 80)}")
    print(f"false negatives: {len(fns)}; highest match scores:")
    for d, p in fns[:3]:
        print(f"  FN match {d.match:.2f}: {clip(p.s1, 80)} || {clip(p.s2, 80)}")
