"""Precision of typed changes on a hand-checked sample.

    python bench/changes.py            # the precision table from the stored judgements
    python bench/changes.py --list     # the sample itself, to read and judge
    python bench/changes.py --quick    # small subsets (smoke test); judgements mostly absent

The sample is drawn from the typed changes of the sample articles in ``seeds/`` (every
pair, aligned at default settings without embeddings) and of close sentence pairs from
public news sets read in place from ``../shared/eval`` (MSRP test, STS Benchmark news,
iSTS headlines test): each pair with a word Dice of at least 0.5 becomes one passage over
both sentences, with the engine's word diff. Per type, every seeds change is taken (up to
a cap) and then public ones in the order of a hash of their ids, so every run draws the same
sample. The judgements are ours, one line per change in ``changes_labels.tsv`` (id, a
fingerprint of the change's type and words, verdict, note); a judgement whose fingerprint no
longer matches (the engine now types that change differently) is reported as stale and not
counted.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = Path(__file__).with_name("changes_labels.tsv")
PER_TYPE = 20  # changes drawn per type
SEEDS_CAP = 8  # of which at most this many from the sample articles
MIN_DICE = 0.5  # public pairs at least this close become passages
QUICK_PAIRS = 150


@dataclass(frozen=True, slots=True)
class Drawn:
    """One change of the sample, with the texts needed to show and fingerprint it."""

    id: str
    source: str
    type: str
    a_words: str
    b_words: str
    a_context: str
    b_context: str

    @property
    def fingerprint(self) -> str:
        raw = f"{self.type}|{self.a_words}|{self.b_words}".encode()
        return hashlib.sha1(raw).hexdigest()[:10]

    @property
    def order(self) -> str:
        return hashlib.sha1(self.id.encode()).hexdigest()


def _marked(text: str, start: int, end: int, spans: tuple[tuple[int, int], ...]) -> str:
    """``text[start:end]`` on one line with the change's spans in ⟦ ⟧."""
    out, pos = [], start
    for s, e in spans:
        out += [text[pos:s], "⟦", text[s:e], "⟧"]
        pos = e
    out.append(text[pos:end])
    return " ".join("".join(out).split())


def _drawn(source: str, ident: str, passage, text_a: str, text_b: str) -> Iterator[Drawn]:
    from desktop.engine.align.changes import changes_of

    for k, change in enumerate(changes_of(passage, text_a, text_b)):
        yield Drawn(
            f"{ident}#{k}",
            source,
            change.type.value,
            " … ".join(text_a[s:e] for s, e in change.a_spans),
            " … ".join(text_b[s:e] for s, e in change.b_spans),
            _marked(text_a, passage.a_start, passage.a_end, change.a_spans),
            _marked(text_b, passage.b_start, passage.b_end, change.b_spans),
        )


def seeds_changes() -> list[Drawn]:
    from desktop.engine.align.changes import corpus_with_changes
    from desktop.engine.align.corpus import align_corpus
    from desktop.engine.load.articles import load_articles
    from desktop.engine.model import Settings

    articles, _ = load_articles(sorted(str(p) for p in (ROOT / "seeds").glob("*.txt")))
    corpus = corpus_with_changes(align_corpus(articles, Settings(use_embeddings=False)))
    out = []
    for pair in corpus.pairs:
        ta, tb = corpus.article(pair.a).text, corpus.article(pair.b).text
        for n, passage in enumerate(pair.passages):
            ident = f"seeds:{pair.a[:3]}-{pair.b[:3]}:{n}"
            out.extend(_drawn("seeds", ident, passage, ta, tb))
    return out


def public_changes(quick: bool) -> list[Drawn]:
    sys.path.insert(0, str(ROOT))
    from bench import evaldata
    from desktop.engine.align.passages import classify
    from desktop.engine.align.worddiff import diff_stats, word_diff
    from desktop.engine.model import Passage

    sets = [
        ("msrp", lambda: evaldata.msrp("test")),
        ("sts", evaldata.sts_news),
        ("ists", lambda: evaldata.ists_headlines("test")),
    ]
    out: list[Drawn] = []
    for name, read in sets:
        pairs = read()
        if quick:
            pairs = pairs[:QUICK_PAIRS]
        for row, pair in enumerate(pairs):
            a, b = pair.s1, pair.s2
            ops = word_diff(a, 0, len(a), b, 0, len(b))
            similarity = diff_stats(ops, a, b).similarity
            if similarity < MIN_DICE or similarity == 1.0:
                continue
            passage = Passage(0, len(a), 0, len(b), classify(similarity), round(similarity, 4), ops)
            # STS ids repeat across its source files: the row number makes each one unique.
            out.extend(_drawn(name, f"{name}:{row}:{pair.id}", passage, a, b))
    return out


def draw(quick: bool) -> list[Drawn]:
    """The sample: per type, seeds changes first (capped), then public ones by hash."""
    from desktop.engine.model import ChangeType

    seeds = seeds_changes()
    public = public_changes(quick) if _have_eval() else []
    sample: list[Drawn] = []
    seen: set[tuple[str, str, str]] = set()  # STS news holds MSRP pairs again: draw each once
    for kind in ChangeType:
        mine = [d for d in seeds if d.type == kind.value][:SEEDS_CAP]
        rest = sorted((d for d in public if d.type == kind.value), key=lambda d: d.order)
        drawn = []
        for d in mine + rest:
            key = (d.type, d.a_context.lower(), d.b_context.lower())
            if key not in seen and len(drawn) < PER_TYPE:
                seen.add(key)
                drawn.append(d)
        sample += drawn
    return sample


def _have_eval() -> bool:
    sys.path.insert(0, str(ROOT))
    from bench import evaldata

    return evaldata.eval_dir().is_dir()


def read_labels() -> dict[str, tuple[str, str, str]]:
    """id -> (fingerprint, verdict, note) from the stored judgements."""
    if not LABELS.exists():
        return {}
    with LABELS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {r["id"]: (r["fingerprint"], r["verdict"], r.get("note", "")) for r in rows}


def wilson(ok: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion."""
    if not n:
        return (math.nan, math.nan)
    p = ok / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small subsets (smoke test)")
    parser.add_argument("--list", action="store_true", help="print the sample to judge it")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from bench.report import pct, table

    sample = draw(args.quick)
    labels = read_labels()
    if not _have_eval():
        print("note: no evaluation data; the sample holds the seeds changes only")
    if args.list:
        for d in sample:
            fp, verdict, note = labels.get(d.id, ("", "", ""))
            mark = verdict if fp == d.fingerprint else ("stale" if fp else "")
            print(f"{d.id}\t{d.fingerprint}\t{d.type}\t{mark}\t{note}")
            print(f"   A: {d.a_context}")
            print(f"   B: {d.b_context}")
        return 0
    rows = []
    total_ok = total_n = 0
    from desktop.engine.model import ChangeType

    by_type: dict[str, list[Drawn]] = {t.value: [] for t in ChangeType}
    for d in sample:
        by_type[d.type].append(d)
    for kind, drawn in by_type.items():
        judged = [labels[d.id] for d in drawn if d.id in labels and labels[d.id][0] == d.fingerprint]
        stale = sum(1 for d in drawn if d.id in labels and labels[d.id][0] != d.fingerprint)
        ok = sum(1 for _, verdict, _ in judged if verdict == "ok")
        n = len(judged)
        lo, hi = wilson(ok, n)
        total_ok, total_n = total_ok + ok, total_n + n
        seeds = sum(1 for d in drawn if d.source == "seeds")
        precision = ok / n if n else math.nan
        rows.append([kind, len(drawn), seeds, n, stale, ok, pct(precision), f"{pct(lo)}-{pct(hi)}"])
    rows.append(
        ["all", len(sample), "", total_n, "", total_ok, pct(total_ok / total_n if total_n else math.nan), ""]
    )
    table(
        f"Typed changes: precision on a hand-checked sample ({'quick' if args.quick else 'full'} run)",
        ["type", "drawn", "of which seeds", "judged", "stale", "correct", "precision %", "95% interval"],
        rows,
        note=(
            "judged = judgements in changes_labels.tsv whose fingerprint matches the change;\n"
            "a change is correct when its type is the right one for it (wording: when no other type applies)."
        ),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
