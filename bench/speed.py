"""Speed and memory of the engine and the window, against targets and baselines.

    python bench/speed.py                     # full run (a few minutes)
    python bench/speed.py --quick             # small cases only, for the CI smoke test
    python bench/speed.py --profile pair:20000   # cProfile one case, top functions
    python bench/speed.py --profile corpus:500
    python bench/speed.py --no-cli            # without the end-to-end command-line cases
    python bench/speed.py --large             # with the 2,000-article corpus (long)

Each case runs in its own process (peak RSS is the case's own), on seeded inputs built
from news sentences in the gold data (or the sample articles when that is absent).
Times are medians of the repeats; every repeat uses new article ids so the engine's
per-article cache never answers for it ("warm" = same process, fresh articles).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FULL = {
    "pair": [(1000, 9), (5000, 5), (20000, 3)],
    "corpus": [(10, 5), (100, 3), (500, 1)],
    "diff": [(50, 21), (300, 9), (2000, 3)],
}
QUICK = {"pair": [(1000, 3)], "corpus": [(10, 2)], "diff": [(50, 5), (300, 3)]}
# End to end on the command line, 500 articles: one process, two, a two-worker Dask LocalCluster.
CLI = {"cli-w1": [(500, 1)], "cli-w2": [(500, 1)], "cli-dask": [(500, 1)]}
UNITS = {"pair": "words per article", "corpus": "articles of ~800 words", "diff": "words per side"}
GROWTH_FROM = {"corpus": 100}  # the range for the corpus exponent: 100 articles up
NO_TRACE = {("corpus", 500), ("corpus", 2000)}  # tracemalloc would multiply these cases' run time

# (case, what, limit, unit): what is "time" (median seconds) or "rss" (peak MB)
TARGETS = [
    (("pair", 1000), "time", 0.020, "s"),
    (("pair", 20000), "time", 1.0, "s"),
    (("corpus", 500), "time", 12.0, "s"),
    (("corpus", 500), "rss", 1024.0, "MB"),
    (("corpus", 2000), "time", 90.0, "s"),
    (("cli-w2", 500), "time", 12.0, "s"),  # the target: end to end on 2 cores
    (("cli-w2", 500), "rss", 1024.0, "MB"),
    (("window", 0), "time", 2.0, "s"),
]


def _run_worker(kind: str, size: int, repeats: int, trace: bool) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, str(size), str(repeats)]
    if trace:
        cmd.append("--trace")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(lines[-1])


def _fmt_s(x: float | None) -> str:
    if x is None or x != x:
        return "-"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def _verdict(value: float | None, limit: float, unit: str) -> str:
    if value is None or value != value:
        return "SKIP"
    shown = _fmt_s(value) if unit == "s" else f"{value:.0f} MB"
    limit_s = _fmt_s(limit) if unit == "s" else f"{limit:.0f} MB"
    if value <= limit:
        return f"PASS {shown} vs {limit_s} ({limit / value:.1f}x headroom)"
    return f"MISS {shown} vs {limit_s} ({(value / limit - 1) * 100:.0f}% over)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small cases only (smoke test)")
    parser.add_argument("--no-window", action="store_true", help="skip the launch-to-paint case")
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end command-line cases")
    parser.add_argument("--large", action="store_true", help="add the 2,000-article corpus (long)")
    parser.add_argument("--profile", metavar="KIND:SIZE", help="profile one case with cProfile")
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "SIZE", "REPEATS"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    if args.worker:
        from bench.speedcases import worker

        worker(args.worker[0], int(args.worker[1]), int(args.worker[2]), args.trace)
        return 0
    if args.profile:
        from bench.profiling import profile

        kind, size = args.profile.split(":")
        profile(kind, int(size))
        return 0

    from bench import evaldata, windowcase
    from bench.metrics import loglog_slope
    from bench.report import table

    plan = {k: list(v) for k, v in (QUICK if args.quick else FULL).items()}
    if args.large and not args.quick:
        plan["corpus"].append((2000, 1))
    if not (args.quick or args.no_cli):
        plan.update(CLI)
    data = "news sentences from " + str(evaldata.eval_dir())
    if evaldata.available("msrp") is None:
        data = "the sample articles in seeds/ with variations (no gold data found)"
    print(f"Syndiff speed ({'quick' if args.quick else 'full'} run); inputs built from {data}")
    results: dict[tuple[str, int], dict] = {}
    rows = []
    for kind, sizes in plan.items():
        for size, repeats in sizes:
            r = _run_worker(kind, size, repeats, (kind, size) not in NO_TRACE)
            results[(kind, size)] = r
            if "error" in r:
                rows.append([f"{kind} {size}", "error", "", "", "", "", "", "", r["error"][:80]])
                continue
            ratio = r["median"] / r["baseline_median"] if r["baseline_median"] else math.nan
            if kind in CLI:  # the command-line cases compare with the one-process run
                one = results.get(("cli-w1", size), {})
                ratio = r["median"] / one["median"] if "median" in one else math.nan
                r["baseline_name"] = "syndiff-cli --workers 1"
                r["baseline_median"] = one.get("median", math.nan)
            trace = f"{r['trace_peak']:.1f}" if r.get("trace_peak") is not None else "-"
            rows.append(
                [
                    f"{kind} {size}",
                    _fmt_s(r["median"]),
                    _fmt_s(r["times"][0]),
                    len(r["times"]),
                    f"{r['rss_peak']:.0f}",
                    trace,
                    r["baseline_name"],
                    _fmt_s(r["baseline_median"]),
                    f"{ratio:.2f}",
                ]
            )
    window: dict = {"skip": "--no-window"} if args.no_window else windowcase.measure(1 if args.quick else 3)
    results[("window", 0)] = window
    if "skip" in window:
        rows.append(["window launch->paint", "skipped", "", "", "", "", window["skip"][:90], "", ""])
    else:
        rows.append(
            [
                "window launch->paint",
                _fmt_s(window["median"]),
                _fmt_s(window["times"][0]),
                len(window["times"]),
            ]
            + ["", "", "-", "", ""]
        )
    table(
        "Speed and memory (median wall time; each case in its own process)",
        ["case", "median", "first", "runs", "peak RSS MB", "traced MB", "baseline", "baseline", "ratio"],
        rows,
        note="""
first = first timed run (stem cache cold); peak RSS = whole process incl. interpreter and inputs;
traced MB = tracemalloc peak of one extra engine run; ratio = engine median / baseline median.""",
    )
    for (kind, size), r in results.items():
        if r.get("info"):
            print(f"   {kind} {size if size else ''}: {r['info']}")

    slopes = []
    for kind, sizes in plan.items():
        if kind not in UNITS:
            continue
        pts = [
            (s, results[(kind, s)]["median"])
            for s, _ in sizes
            if "median" in results[(kind, s)] and s >= GROWTH_FROM.get(kind, 0)
        ]
        if len(pts) >= 2:
            slope = loglog_slope([p[0] for p in pts], [p[1] for p in pts])
            slopes.append([kind, UNITS[kind], f"{pts[0][0]}..{pts[-1][0]}", f"{slope:.2f}"])
    if slopes:
        table(
            "Growth (log-log slope of median time against size)",
            ["case", "size", "range", "exponent"],
            slopes,
        )

    verdicts = []
    for key, what, limit, unit in TARGETS:
        r = results.get(key)
        if r is None:
            continue
        value = r.get("median") if what == "time" else r.get("rss_peak")
        name = "window launch->paint" if key[0] == "window" else f"{key[0]} {key[1]}"
        verdicts.append([name, "peak RSS" if what == "rss" else "time", _verdict(value, limit, unit)])
    table("Targets", ["case", "measure", "verdict"], verdicts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
