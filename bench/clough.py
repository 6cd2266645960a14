"""Clough & Stevenson: short answers written from a source, copied to rewritten heavily.

Each of 95 answers (five tasks, 19 writers) was written from the task's source text by
cutting and pasting (``cut``), with light or heavy revision (``light``, ``heavy``), or
from the writer's own knowledge without the source (``non``, 38 answers). Every answer is
aligned with its task's source, as two articles a user would open: loaded from the files
as they are (mixed encodings and line ends), at the default settings. For each category:
how many answers share any passage with the source, and the share of each answer's words
inside passages. ``heavy`` is the loose paraphrase of a whole text; ``non`` answers are
on the same subject as the source, so what they are found to share is a false alarm.

The baseline in the same run: shared word 8-grams (runs of eight identical words), the
measure of verbatim reuse tools.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from desktop.engine.align.pair import align_pair
from desktop.engine.load.articles import load_article
from desktop.engine.model import Article

from . import baselines, encoding, evaldata
from .metrics import binary, roc_auc
from .report import pct, section, table

CATEGORIES = ("cut", "light", "heavy", "non")
NGRAM = 8
QUICK_PER_CATEGORY = 4


@dataclass(frozen=True, slots=True)
class Answer:
    name: str
    task: str
    category: str
    article: Article
    source: Article


def answers(root: Path) -> list[Answer]:
    """Every answer of ``file_list.csv`` with its task's source, loaded as the app loads files."""
    folder = root / "corpus-20090418"
    sources = {t: load_article(folder / f"orig_task{t}.txt") for t in "abcde"}
    out = []
    with (root / "file_list.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            task, category = row["Task"].strip(), row["Category"].strip()
            article = load_article(folder / row["File"].strip())
            out.append(Answer(row["File"].strip(), task, category, article, sources[task]))
    return out


def _engine_share(answer: Answer, embeddings: bool) -> tuple[bool, float]:
    found = align_pair(
        answer.article, answer.source, encoding.settings(embeddings), encoder=encoding.encoder(embeddings)
    )
    return bool(found.passages), found.shared_a


def _ngram_share(answer: Answer) -> tuple[bool, float]:
    wa = baselines.words(answer.article.text)
    wb = baselines.words(answer.source.text)
    runs = baselines.ngram_runs(wa, wb, NGRAM)
    inside = set()
    for i0, i1, _, _ in runs:
        inside.update(range(i0, i1))
    return bool(runs), len(inside) / max(1, len(wa))


def run(quick: bool = False, embeddings: bool = False) -> None:
    section("Clough & Stevenson short answers: each answer against its source (cut / light / heavy / non)")
    root = evaldata.available("clough_stevenson")
    if root is None:
        print(f"SKIP: {evaldata.eval_dir() / 'clough_stevenson'} not found")
        return
    items = answers(root)
    if quick:
        seen: dict[str, int] = defaultdict(int)
        kept = []
        for it in items:
            if seen[it.category] < QUICK_PER_CATEGORY:
                seen[it.category] += 1
                kept.append(it)
        items = kept
    systems = {
        "engine" + (" + embeddings" if embeddings else ""): lambda it: _engine_share(it, embeddings),
        f"word {NGRAM}-gram runs": _ngram_share,
    }
    found = {name: [f(it) for it in items] for name, f in systems.items()}
    rows = []
    for name, results in found.items():
        for category in CATEGORIES:
            picked = [r for r, it in zip(results, items, strict=True) if it.category == category]
            if not picked:
                continue
            hit = sum(1 for any_, _ in picked if any_)
            share = sum(s for _, s in picked) / len(picked)
            rows.append([name, category, len(picked), f"{hit}/{len(picked)}", pct(share)])
    table(
        "Answers sharing a passage with their source, and the mean share of their words in passages",
        ["system", "category", "answers", "share any passage", "mean share of words"],
        rows,
        note="non: written without the source, on its subject; anything found there is a false alarm.",
    )
    rows = []
    gold = [it.category != "non" for it in items]
    for name, results in found.items():
        counts = binary([any_ for any_, _ in results], gold)
        auc = roc_auc([share for _, share in results], gold)
        alarms = f"{counts.fp}/{counts.fp + counts.tn}"
        rows.append([name, pct(counts.precision), pct(counts.recall), pct(counts.f1), alarms, auc])
    table(
        "Reuse detected (any passage) against written without the source",
        ["system", "precision", "recall", "F1", "false alarms (non)", "AUC of the share"],
        rows,
        note="AUC: how well the share of words found shared ranks reused answers above the rest.",
    )
