"""Scoring functions: PAN's character-level measures, classification scores, ROC AUC.

Pure Python on purpose, so the benchmarks need nothing beyond the project's own
dependencies.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]


# --- intervals ------------------------------------------------------------------------


def union(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping cover of ``spans`` (empty spans dropped)."""
    out: list[Span] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def covered(span: Span, cover: Sequence[Span]) -> int:
    """Characters of ``span`` inside the (unioned) ``cover``."""
    s, e = span
    return sum(max(0, min(e, ce) - max(s, cs)) for cs, ce in cover)


def overlaps(a: Span, b: Span) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def widen(span: Span, by: int) -> Span:
    return (max(0, span[0] - by), span[1] + by)


# --- PAN text alignment measures (Potthast et al. 2010) ------------------------------------


@dataclass(frozen=True, slots=True)
class Detection:
    """A predicted or gold reuse case: a span in the suspicious and in the source text."""

    this: Span
    src: Span

    def length(self) -> int:
        return (self.this[1] - self.this[0]) + (self.src[1] - self.src[0])


@dataclass(frozen=True, slots=True)
class PanScores:
    precision: float
    recall: float
    granularity: float
    micro_precision: float
    micro_recall: float

    @property
    def plagdet(self) -> float:
        return plagdet(self.precision, self.recall, self.granularity)

    @property
    def micro_plagdet(self) -> float:
        return plagdet(self.micro_precision, self.micro_recall, self.granularity)


def plagdet(precision: float, recall: float, granularity: float) -> float:
    """F1 discounted by granularity: F1 / log2(1 + granularity)."""
    if precision + recall == 0:
        return 0.0
    f1 = 2 * precision * recall / (precision + recall)
    return f1 / math.log2(1 + granularity)


def pan_scores(
    pairs: Sequence[tuple[Sequence[Detection], Sequence[Detection]]], tolerance: int = 0
) -> PanScores:
    """Macro and micro precision/recall and granularity over (gold cases, detections) per pair.

    A detection detects a case when they overlap in both documents. With ``tolerance``
    T > 0 offsets may be off by up to T characters: a detected character counts as
    correct when it lies within T of a gold span, a gold character as found when it
    lies within T of a detection, and overlap is tested with the gold spans widened by T.
    """
    rec_sum = prec_sum = 0.0
    n_cases = n_dets = 0
    detected_cases = 0
    gran_sum = 0
    # micro: characters summed over everything
    gold_chars = gold_found = det_chars = det_correct = 0
    for gold, dets in pairs:
        n_cases += len(gold)
        n_dets += len(dets)
        wide_gold = [Detection(widen(g.this, tolerance), widen(g.src, tolerance)) for g in gold]
        wide_dets = [Detection(widen(d.this, tolerance), widen(d.src, tolerance)) for d in dets]
        for g, wg in zip(gold, wide_gold, strict=True):
            hits = [k for k, d in enumerate(dets) if overlaps(wg.this, d.this) and overlaps(wg.src, d.src)]
            if hits:
                detected_cases += 1
                gran_sum += len(hits)
            cover_t = union(wide_dets[k].this for k in hits)
            cover_s = union(wide_dets[k].src for k in hits)
            found = covered(g.this, cover_t) + covered(g.src, cover_s)
            rec_sum += found / max(1, g.length())
            gold_found += found
            gold_chars += g.length()
        for d in dets:
            hits = [
                k for k, wg in enumerate(wide_gold) if overlaps(wg.this, d.this) and overlaps(wg.src, d.src)
            ]
            cover_t = union(wide_gold[k].this for k in hits)
            cover_s = union(wide_gold[k].src for k in hits)
            correct = covered(d.this, cover_t) + covered(d.src, cover_s)
            prec_sum += correct / max(1, d.length())
            det_correct += correct
            det_chars += d.length()
    recall = rec_sum / n_cases if n_cases else 1.0
    precision = prec_sum / n_dets if n_dets else (1.0 if not n_cases else 0.0)
    granularity = gran_sum / detected_cases if detected_cases else 1.0
    return PanScores(
        precision,
        recall,
        granularity,
        det_correct / det_chars if det_chars else 0.0,
        gold_found / gold_chars if gold_chars else 1.0,
    )


def merge_detections(dets: Sequence[Detection], gap: int) -> list[Detection]:
    """Join detections that follow each other in both documents with gaps up to ``gap`` chars.

    The usual "extension" step of PAN systems; applied alike to every system compared.
    """
    out: list[Detection] = []
    for d in sorted(dets, key=lambda x: (x.this[0], x.src[0])):
        if out:
            q = out[-1]
            gt = d.this[0] - q.this[1]
            gs = d.src[0] - q.src[1]
            if -gap <= gt <= gap and -gap <= gs <= gap:
                out[-1] = Detection(
                    (min(q.this[0], d.this[0]), max(q.this[1], d.this[1])),
                    (min(q.src[0], d.src[0]), max(q.src[1], d.src[1])),
                )
                continue
        out.append(d)
    return out


# --- classification ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Binary:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def accuracy(self) -> float:
        n = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / n if n else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def binary(predicted: Sequence[bool], gold: Sequence[bool]) -> Binary:
    tp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(predicted, gold, strict=True) if not p and g)
    return Binary(tp, fp, fn, len(gold) - tp - fp - fn)


def best_threshold(scores: Sequence[float], gold: Sequence[bool], by: str = "accuracy") -> float:
    """The score threshold (predict positive when score >= t) maximising ``by`` on this data."""
    candidates = sorted(set(scores))
    if not candidates:
        return 0.5
    order = sorted(range(len(scores)), key=lambda k: scores[k])
    n_pos = sum(gold)
    best_t, best_v = candidates[0], -1.0
    # Sweep from the lowest threshold up: everything at or above t is positive.
    tp, fp = n_pos, len(gold) - n_pos
    k = 0
    for t in candidates:
        while k < len(order) and scores[order[k]] < t:
            if gold[order[k]]:
                tp -= 1
            else:
                fp -= 1
            k += 1
        fn = n_pos - tp
        tn = len(gold) - n_pos - fp
        v = Binary(tp, fp, fn, tn).f1 if by == "f1" else (tp + tn) / len(gold)
        if v > best_v:
            best_t, best_v = t, v
    return best_t


def roc_auc(scores: Sequence[float], gold: Sequence[bool]) -> float:
    """Area under the ROC curve (Mann-Whitney U with ties counted half)."""
    pos = sorted(s for s, g in zip(scores, gold, strict=True) if g)
    neg = sorted(s for s, g in zip(scores, gold, strict=True) if not g)
    if not pos or not neg:
        return float("nan")
    total = 0.0
    for s in pos:
        below = bisect.bisect_left(neg, s)
        ties = bisect.bisect_right(neg, s) - below
        total += below + 0.5 * ties
    return total / (len(pos) * len(neg))


# --- sequences -------------------------------------------------------------------------------


def longest_monotone(pairs: Iterable[tuple[int, int]]) -> int:
    """Size of the largest subset of links increasing on both sides (what a diff can show)."""
    # Sort by i ascending, j descending so links sharing an i never chain together.
    seq = [j for _, j in sorted(pairs, key=lambda p: (p[0], -p[1]))]
    tails: list[int] = []
    for j in seq:
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
        else:
            tails[k] = j
    return len(tails)


def loglog_slope(sizes: Sequence[float], values: Sequence[float]) -> float:
    """Least-squares slope of log(value) against log(size): the growth exponent."""
    pts = [(math.log(s), math.log(v)) for s, v in zip(sizes, values, strict=True) if s > 0 and v > 0]
    if len(pts) < 2:
        return float("nan")
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    num = sum((x - mx) * (y - my) for x, y in pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return num / den if den else float("nan")
