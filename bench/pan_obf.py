"""PAN 2013 text alignment, obfuscated reuse (training sample): plagdet per obfuscation type.

550 pairs of the PAN-13 *training* corpus (``pan13_obfuscation_train``): random, translation
and summary obfuscation, and pairs without reuse. These are tuning data, so the figures
are training figures, not held-out results. Each system's detections are scored with
PAN's character measures per subset; "pairs hit" counts pairs where some detection
overlaps a case in both documents (the fair view of summaries, whose gold source span is
the whole source document); "alarms" counts negative pairs with any detection.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence

from desktop.engine.align.pair import align_pair
from desktop.engine.model import Article

from . import baselines, encoding, evaldata
from .metrics import Detection, PanScores, merge_detections, overlaps, pan_scores
from .report import section, table

NGRAM = 8
MERGE_GAP = 250  # characters, as in the no-obfuscation section
QUICK_PER_SUBSET = 4


def _articles(pair: evaldata.PanPair) -> tuple[Article, Article]:
    return Article(pair.susp_name, pair.susp_name, "susp", pair.susp), Article(
        pair.src_name, pair.src_name, "src", pair.src
    )


def _lexical(pair: evaldata.PanPair) -> list[Detection]:
    a, b = _articles(pair)
    found = align_pair(a, b, encoding.settings(False), encoder=None)
    return [Detection(p.a_span, p.b_span) for p in found.passages]


def _embedded(pair: evaldata.PanPair) -> list[Detection]:
    a, b = _articles(pair)
    found = align_pair(a, b, encoding.settings(True), encoder=encoding.encoder(True))
    return [Detection(p.a_span, p.b_span) for p in found.passages]


def _runs(pair: evaldata.PanPair, finder: Callable) -> list[Detection]:
    wa, wb = baselines.word_spans(pair.susp), baselines.word_spans(pair.src)
    runs = finder([w for w, _, _ in wa], [w for w, _, _ in wb])
    found = [Detection((wa[i0][1], wa[i1 - 1][2]), (wb[j0][1], wb[j1 - 1][2])) for i0, i1, j0, j1 in runs]
    return merge_detections(found, MERGE_GAP)


def _ngram(pair: evaldata.PanPair) -> list[Detection]:
    return _runs(pair, lambda x, y: baselines.ngram_runs(x, y, NGRAM))


def _difflib(pair: evaldata.PanPair) -> list[Detection]:
    return _runs(pair, lambda x, y: baselines.difflib_runs(x, y, NGRAM))


def _gold(pair: evaldata.PanPair) -> list[Detection]:
    return [Detection((c.this_start, c.this_end), (c.src_start, c.src_end)) for c in pair.cases]


def _hit(gold: Sequence[Detection], dets: Sequence[Detection]) -> bool:
    return any(overlaps(g.this, d.this) and overlaps(g.src, d.src) for g in gold for d in dets)


def _detect(job: tuple[str, evaldata.PanPair]) -> list[Detection]:
    name, pair = job
    return SYSTEMS[name](pair)


SYSTEMS: dict[str, Callable[[evaldata.PanPair], list[Detection]]] = {
    "engine": _lexical,
    "engine + embeddings": _embedded,
    f"word {NGRAM}-gram runs + merge": _ngram,
    "difflib blocks + merge": _difflib,
}


def run(quick: bool = False, embeddings: bool = False) -> dict[str, dict[str, PanScores]]:
    """Print the table; return the engine's scores per subset and system."""
    section("PAN 2013 text alignment, obfuscated reuse (training sample)")
    if evaldata.available("pan13_obfuscation_train") is None:
        print(f"SKIP: {evaldata.eval_dir() / 'pan13_obfuscation_train'} not found")
        return {}
    pairs = evaldata.pan_obfuscation_pairs()
    subsets = sorted({p.subset for p in pairs})
    if quick:
        pairs = [p for s in subsets for p in [q for q in pairs if q.subset == s][:QUICK_PER_SUBSET]]
    names = [n for n in SYSTEMS if n != "engine + embeddings" or embeddings]
    dets: dict[str, list[list[Detection]]] = {}
    seconds: dict[str, float] = {}
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        for name in names:
            t0 = time.perf_counter()
            dets[name] = pool.map(_detect, [(name, p.pair) for p in pairs], chunksize=4)
            seconds[name] = time.perf_counter() - t0
    rows = []
    scores: dict[str, dict[str, PanScores]] = {}
    for subset in [*subsets, "all"]:
        keep = [k for k, p in enumerate(pairs) if subset in ("all", p.subset)]
        positive = [k for k in keep if pairs[k].pair.cases]
        negative = [k for k in keep if not pairs[k].pair.cases]
        for name in names:
            hit = sum(_hit(_gold(pairs[k].pair), dets[name][k]) for k in positive)
            alarms = sum(bool(dets[name][k]) for k in negative)
            if positive or subset == "all":
                s = pan_scores([(_gold(pairs[k].pair), dets[name][k]) for k in keep])
                scores.setdefault(subset, {})[name] = s
                cells = [s.plagdet, s.precision, s.recall, s.granularity, f"{hit}/{len(positive)}"]
            else:
                cells = ["", "", "", "", ""]
            rows.append(
                [
                    subset,
                    name,
                    *cells,
                    f"{alarms}/{len(negative)}" if negative else "",
                    f"{seconds[name]:.0f}",
                ]
            )
    if not embeddings:
        print("(lexical run: quality.py --embeddings adds the engine + embeddings rows)")
    table(
        f"PAN-13 obfuscated training sample: {len(pairs)} pairs,"
        f" {sum(len(p.pair.cases) for p in pairs)} cases",
        ["subset", "system", "plagdet", "prec", "rec", "gran", "pairs hit", "alarms", "time s"],
        rows,
        note="""
macro precision/recall over characters as in PAN's perfmeasures; plagdet = F1 / log2(1 + granularity);
exact offsets. pairs hit: positive pairs where a detection overlaps a case in both documents. alarms:
pairs without reuse (01, and the 50 negatives of 05) with any detection. In 05 the gold source span is
the whole source document, so character recall is low by construction. Training data: used for tuning.
"all" pools every pair, negatives included. Baselines get PAN's merge step (gaps <= 250 chars).""",
    )
    return scores
