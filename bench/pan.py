"""PAN 2013 text alignment, "no obfuscation": character-level plagdet of the engine.

Each suspicious/source pair is aligned with ``align_pair`` at default settings, every
passage being one detection. Offsets in this copy of the corpus drift by a few characters
(non-ASCII characters were lost), so the table shows three views: exact offsets on all
pairs, a tolerance of ``TOLERANCE`` characters on all pairs, and exact offsets on the pairs
whose every case has an offset-check similarity of at least ``CLEAN_SIMILARITY``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial

from desktop.engine.align.pair import align_pair
from desktop.engine.model import Article

from . import baselines, encoding, evaldata
from .metrics import Detection, PanScores, covered, merge_detections, pan_scores, union, widen
from .report import clip, section, table

TOLERANCE = 20  # characters; the README of this copy speaks of a few to about 20
CLEAN_SIMILARITY = 0.95  # offset_check similarity above which a case's offsets are trusted
MERGE_GAP = 250  # characters; the extension step applied alike to every merged system
NGRAM = 8
FIRST = 100  # the first pairs of the pairs file, a subset other tools' figures are quoted on

Detector = Callable[[evaldata.PanPair], list[Detection]]


def _engine(pair: evaldata.PanPair, embeddings: bool = False) -> list[Detection]:
    a = Article(pair.susp_name, pair.susp_name, "susp", pair.susp)
    b = Article(pair.src_name, pair.src_name, "src", pair.src)
    result = align_pair(a, b, encoding.settings(embeddings), encoder=encoding.encoder(embeddings))
    return [Detection(p.a_span, p.b_span) for p in result.passages]


def _runs_to_detections(pair: evaldata.PanPair, finder: Callable) -> list[Detection]:
    wa = baselines.word_spans(pair.susp)
    wb = baselines.word_spans(pair.src)
    runs = finder([w for w, _, _ in wa], [w for w, _, _ in wb])
    return [Detection((wa[i0][1], wa[i1 - 1][2]), (wb[j0][1], wb[j1 - 1][2])) for i0, i1, j0, j1 in runs]


def _ngram(pair: evaldata.PanPair) -> list[Detection]:
    return _runs_to_detections(pair, lambda x, y: baselines.ngram_runs(x, y, NGRAM))


def _difflib(pair: evaldata.PanPair) -> list[Detection]:
    return _runs_to_detections(pair, lambda x, y: baselines.difflib_runs(x, y, NGRAM))


def _gold(pair: evaldata.PanPair) -> list[Detection]:
    return [Detection((c.this_start, c.this_end), (c.src_start, c.src_end)) for c in pair.cases]


def run(quick: bool = False, embeddings: bool = False) -> dict[str, PanScores]:
    """Print the PAN table; return the engine's scores per view (for the README)."""
    section("PAN 2013 text alignment, no-obfuscation subset")
    if evaldata.available("pan13_no_obfuscation") is None:
        print(f"SKIP: {evaldata.eval_dir() / 'pan13_no_obfuscation'} not found")
        return {}
    pairs = evaldata.pan_pairs()
    if quick:
        pairs = pairs[:12]
    systems: dict[str, Detector] = {
        "engine": partial(_engine, embeddings=embeddings),
        f"word {NGRAM}-gram runs": _ngram,
        "difflib blocks": _difflib,
    }
    raw: dict[str, list[list[Detection]]] = {}
    seconds: dict[str, float] = {}
    for name, detect in systems.items():
        t0 = time.perf_counter()
        raw[name] = [detect(p) for p in pairs]
        seconds[name] = time.perf_counter() - t0
    rows_by_system: dict[str, list[list[Detection]]] = {}
    for name in systems:
        rows_by_system[name] = raw[name]
        rows_by_system[f"{name} + merge"] = [merge_detections(d, MERGE_GAP) for d in raw[name]]
    gold = [_gold(p) for p in pairs]
    clean = [k for k, p in enumerate(pairs) if all(c.similarity >= CLEAN_SIMILARITY for c in p.cases)]
    views: list[tuple[str, Sequence[int], int]] = [
        ("all, exact", range(len(pairs)), 0),
        (f"all, tol {TOLERANCE}", range(len(pairs)), TOLERANCE),
        ("clean, exact", clean, 0),
        (f"first {min(FIRST, len(pairs))}, exact", range(min(FIRST, len(pairs))), 0),
    ]
    rows = []
    engine_scores: dict[str, PanScores] = {}
    for view, keep, tol in views:
        for name, dets in rows_by_system.items():
            s = pan_scores([(gold[k], dets[k]) for k in keep], tol)
            if name == "engine":
                engine_scores[view] = s
            base = name.removesuffix(" + merge")
            rows.append(
                [
                    view,
                    name,
                    s.plagdet,
                    s.precision,
                    s.recall,
                    s.granularity,
                    s.micro_plagdet,
                    f"{seconds[base]:.1f}",
                ]
            )
    n_cases = sum(len(p.cases) for p in pairs)
    n_clean = sum(len(pairs[k].cases) for k in clean)
    table(
        f"PAN-13 no obfuscation: {len(pairs)} pairs, {n_cases} cases"
        f" ({len(clean)} clean pairs, {n_clean} cases)",
        ["view", "system", "plagdet", "prec", "rec", "gran", "micro plagdet", "time s"],
        rows,
        note=f"""
macro precision/recall as in PAN's perfmeasures; plagdet = F1 / log2(1 + granularity).
tol {TOLERANCE}: characters within {TOLERANCE} of the other side's span count; clean: pairs whose cases
all have offset-check similarity >= {CLEAN_SIMILARITY}; first {FIRST}: the first {FIRST} pairs of the pairs
file. "+ merge": detections following each other in both documents with gaps <= {MERGE_GAP} chars joined
(PAN's usual extension step).
engine = align_pair(susp, src) at default settings, {"with" if embeddings else "without"} sentence embeddings,
each passage a detection. Published: best PAN systems reach >= 0.9 plagdet on no-obfuscation.""",
    )
    if not quick:
        _failures(pairs, gold, raw["engine"])
    return engine_scores


def _failures(
    pairs: Sequence[evaldata.PanPair], gold: list[list[Detection]], dets: list[list[Detection]]
) -> None:
    """Where the engine loses recall or precision, with examples."""
    missed: list[tuple[float, int, Detection]] = []
    per_case: list[int] = []
    for k, (g_list, d_list) in enumerate(zip(gold, dets, strict=True)):
        for g in g_list:
            wg = Detection(widen(g.this, TOLERANCE), widen(g.src, TOLERANCE))
            hits = [d for d in d_list if min(d.this[1], wg.this[1]) > max(d.this[0], wg.this[0])]
            per_case.append(len(hits))
            found = covered(g.this, union(widen(d.this, TOLERANCE) for d in hits))
            missed.append((found / max(1, g.this[1] - g.this[0]), k, g))
    spurious = []
    for k, (g_list, d_list) in enumerate(zip(gold, dets, strict=True)):
        for d in d_list:
            if not any(
                min(d.this[1], g.this[1] + TOLERANCE) > max(d.this[0], g.this[0] - TOLERANCE) for g in g_list
            ):
                spurious.append((k, d))
    low = sorted((m for m in missed if m[0] < 0.5), key=lambda m: (m[0], m[1]))
    detected = [n for n in per_case if n]
    print()
    print(f"engine: {len(low)} of {len(missed)} cases less than half found (susp side, tol {TOLERANCE});")
    print(
        f"        passages per detected case: mean {sum(detected) / max(1, len(detected)):.2f},"
        f" max {max(detected, default=0)}; {len(spurious)} passages outside every case"
    )
    for share, k, g in low[:3]:
        text = pairs[k].susp[g.this[0] : g.this[1]]
        print(f"  missed ({share:.0%} found) {pairs[k].susp_name} {g.this}: {clip(text, 90)}")
    for k, d in spurious[:3]:
        a = pairs[k].susp[d.this[0] : d.this[1]]
        b = pairs[k].src[d.src[0] : d.src[1]]
        print(f"  spurious {pairs[k].susp_name} {d.this}: {clip(a, 60)}  <->  {clip(b, 60)}")
