"""One speed case, run inside its own process so peak memory belongs to that case alone.

``python bench/speed.py --worker pair 1000 5`` builds the inputs (seeded), times the
engine and the baseline, and prints one JSON line: wall times, peak RSS and the
tracemalloc peak of one extra run.
"""

from __future__ import annotations

import difflib
import gc
import json
import math
import random
import resource
import statistics
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from itertools import combinations

import diff_match_patch

from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.pair import align_pair
from desktop.engine.align.worddiff import DIFF_TIMEOUT, word_diff
from desktop.engine.model import Article, Settings

from . import baselines, synthetic

WEB_FILLER = 16_000  # PAN web sentences added as filler when a corpus needs the volume


def pool_for(words_needed: int) -> synthetic.Pool:
    """News sentences from the gold data (plus web filler for huge corpora), else the seeds."""
    extra = WEB_FILLER if words_needed > 150_000 else 0
    pool = synthetic.news_pool("all", extra_web=extra)
    return (pool or synthetic.seed_pool()).fresh(11)


def _rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _renamed(articles: list[Article], k: int) -> list[Article]:
    # New ids defeat the engine's per-article cache: every repeat does the full work.
    return [replace(a, id=f"{a.id}~{k}") for a in articles]


def _time(run: Callable[[int], object], repeats: int) -> list[float]:
    out = []
    for k in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        run(k)
        out.append(time.perf_counter() - t0)
    return out


def _traced(run: Callable[[int], object]) -> float:
    gc.collect()
    tracemalloc.start()
    run(10_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def pair_case(size: int, repeats: int, trace: bool) -> dict:
    pool = pool_for(3 * size)
    rng = random.Random(size)
    a, b = synthetic.sharing_pair(pool, rng, size, f"p{size}")
    warm_a, warm_b = synthetic.sharing_pair(pool, rng, 300, "warm")
    align_pair(warm_a, warm_b)  # imports, regex compilation, segmenter start-up
    before = _rss_mb()
    settings = Settings()

    def engine(k: int) -> object:
        x, y = _renamed([a, b], k)
        return align_pair(x, y, settings)

    times = _time(engine, repeats)
    result = engine(repeats + 1)
    peak = _rss_mb()
    wa, wb = baselines.words(a.text), baselines.words(b.text)
    base = _time(lambda _k: difflib.SequenceMatcher(None, wa, wb).get_matching_blocks(), max(1, repeats // 2))
    return {
        "times": times,
        "baseline": base,
        "baseline_name": "difflib SequenceMatcher on word lists",
        "rss_before": before,
        "rss_peak": peak,
        "trace_peak": _traced(engine) if trace else None,
        "info": f"{len(wa)}+{len(wb)} words, {len(result.passages)} passages, pool: {pool.origin}",
    }


def _shingle_all_pairs(articles: list[Article], n: int = 8) -> int:
    """Baseline: index word n-grams of every article, extract runs for pairs sharing one."""
    words = [baselines.words(a.text) for a in articles]
    owners: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for k, ws in enumerate(words):
        for i in range(len(ws) - n + 1):
            owners[tuple(ws[i : i + n])].add(k)
    pairs = {p for o in owners.values() if 1 < len(o) <= 50 for p in combinations(sorted(o), 2)}
    return sum(len(baselines.ngram_runs(words[i], words[j], n)) for i, j in pairs)


def corpus_case(size: int, repeats: int, trace: bool) -> dict:
    pool = pool_for(size * 800)
    rng = random.Random(size)
    articles = synthetic.corpus(pool, rng, size)
    align_corpus(synthetic.corpus(pool, rng, 4))  # warm-up
    before = _rss_mb()
    settings = Settings()
    checked: list[tuple[int, int]] = []

    def engine(k: int) -> object:
        result = align_corpus(_renamed(articles, k), settings)
        checked.append((result.candidates_checked, len(result.pairs)))
        return result

    times = _time(engine, repeats)
    peak = _rss_mb()
    base = _time(lambda _k: _shingle_all_pairs(articles), 1)
    # What comparing every pair with a plain diff would cost, from a sample of pairs.
    words = [baselines.words(a.text) for a in articles]
    sample = [tuple(rng.sample(range(size), 2)) for _ in range(30)]
    t0 = time.perf_counter()
    for i, j in sample:
        difflib.SequenceMatcher(None, words[i], words[j]).get_matching_blocks()
    naive = (time.perf_counter() - t0) / len(sample) * size * (size - 1) / 2
    total_words = sum(len(w) for w in words)
    return {
        "times": times,
        "baseline": base,
        "baseline_name": "word 8-gram index + runs, all pairs",
        "rss_before": before,
        "rss_peak": peak,
        "trace_peak": _traced(engine) if trace else None,
        "info": f"{total_words} words; {checked[-1][0]} of {size * (size - 1) // 2} pairs aligned,"
        f" {checked[-1][1]} share passages;"
        f" difflib on every pair would take ~{naive:.1f} s; pool: {pool.origin}",
    }


def _dmp_chars(text_a: str, text_b: str) -> object:
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    diffs = dmp.diff_main(text_a, text_b, False)
    dmp.diff_cleanupSemantic(diffs)
    return diffs


def diff_case(size: int, repeats: int, trace: bool) -> dict:
    pool = pool_for(2 * size)
    rng = random.Random(size)
    sents: list[str] = []
    while sum(len(s.split()) for s in sents) < size:
        sents.append(pool.take(rng))
    text_a = " ".join(sents)
    text_b = " ".join(synthetic.edit(s, rng) if rng.random() < 0.5 else s for s in sents)
    settings = Settings()
    word_diff(text_a, 0, 40, text_b, 0, 40, settings)
    before = _rss_mb()

    def engine(_k: int) -> object:
        return word_diff(text_a, 0, len(text_a), text_b, 0, len(text_b), settings)

    times = _time(engine, repeats)
    ops = engine(0)
    peak = _rss_mb()
    base = _time(lambda _k: _dmp_chars(text_a, text_b), repeats)
    return {
        "times": times,
        "baseline": base,
        "baseline_name": "diff-match-patch character mode",
        "rss_before": before,
        "rss_peak": peak,
        "trace_peak": _traced(engine) if trace else None,
        "info": f"{len(text_a.split())}/{len(text_b.split())} words, {len(ops)} diff pieces",
    }


CLI_MODES = {  # name -> syndiff-cli options: where the work runs
    "cli-w1": ["--workers", "1"],
    "cli-w2": ["--workers", "2"],
    "cli-dask": ["--dask", "local", "--workers", "2"],
}


def cli_case(mode: str, size: int, repeats: int) -> dict:
    """``syndiff-cli align FOLDER --json OUT`` end to end (start-up, loading, alignment,
    typed changes, JSON), on the corpus of :func:`corpus_case` written out as files."""
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    pool = pool_for(size * 800)
    articles = synthetic.corpus(pool, random.Random(size), size)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for k, a in enumerate(articles):
            (folder / f"{k:05d}.txt").write_text(a.text, encoding="utf-8")
        out = Path(tmp) / "out.json"
        cmd = [
            sys.executable,
            "-m",
            "desktop.cli",
            "align",
            str(folder),
            "--json",
            str(out),
            *CLI_MODES[mode],
        ]
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, env=env, capture_output=True)
            times.append(time.perf_counter() - t0)
        size_mb = out.stat().st_size / 2**20
    # The largest resident size of any one process the runs started (workers included).
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "times": times,
        "baseline": [math.nan],
        "baseline_name": "-",
        "rss_before": 0.0,
        "rss_peak": peak,
        "trace_peak": None,
        "info": f"syndiff-cli align {' '.join(CLI_MODES[mode])}: {size} articles,"
        f" JSON {size_mb:.1f} MB; peak RSS = largest single process",
    }


CASES = {"pair": pair_case, "corpus": corpus_case, "diff": diff_case}


def worker(kind: str, size: int, repeats: int, trace: bool) -> None:
    result = cli_case(kind, size, repeats) if kind in CLI_MODES else CASES[kind](size, repeats, trace)
    result["median"] = statistics.median(result["times"])
    result["baseline_median"] = statistics.median(result["baseline"])
    print(json.dumps(result))
