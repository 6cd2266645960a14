"""How long the window's GUI thread goes without running its event loop, while a set opens,
aligns and is shown.

The real ``MainWindow`` (offscreen, settings in a throw-away file) opens N synthetic
articles written to a temporary folder (:func:`bench.synthetic.corpus`, as the speed
benchmark's corpus case builds them). A timer on the GUI thread ticks every 10 ms and
records the gaps between its ticks; the table gives the largest and the 99th-percentile
gap per phase, next to the same timer's gaps in the idle window just before (the
baseline: what the machine itself adds). The project's rule: no gap over about 50 ms.
It also prints how the progress bar moved (its value every few seconds, and the longest
time without a progress report).

    python bench/gui_gaps.py               # 500 articles: a few minutes on 2 shared cores
    python bench/gui_gaps.py --articles 100 --shots /tmp/shots   # and a PNG of each tab
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TICK_MS = 10
IDLE_S = 2.0
AFTER_S = 3.0
RULE_MS = 50


def write_corpus(n: int, folder: Path) -> None:
    from bench import speedcases, synthetic

    pool = speedcases.pool_for(n * 800)
    for k, article in enumerate(synthetic.corpus(pool, random.Random(n), n)):
        (folder / f"{k:04d}.txt").write_text(article.text, encoding="utf-8")


def run(n: int, shots: Path | None = None) -> int:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.qt.main_tabs import TAB_COMPARE, TAB_FAMILIES, TAB_MATRIX, TAB_QUOTES
    from desktop.qt.main_window import MainWindow

    scratch = Path(tempfile.mkdtemp(prefix="syndiff-gaps-"))
    folder = scratch / "articles"
    folder.mkdir()
    write_corpus(n, folder)
    app = QApplication([sys.argv[0]])
    window = MainWindow(QSettings(str(scratch / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1500, 950)
    window.show()
    session = window.session
    t0 = time.perf_counter()
    state: dict = {
        "last": t0,
        "phase": "idle (baseline)",
        "entered": [],
        "gaps": [],
        "progress": [],
        "done": None,
    }

    def tick() -> None:
        # A gap counts for the phase in force when it began, or for the first one entered
        # during it (opening the files is one call: its phase begins and ends in one gap).
        now = time.perf_counter()
        phase = state["entered"][0] if state["entered"] else state["ticked"]
        state["gaps"].append((phase, now - state["last"]))
        state["last"], state["entered"], state["ticked"] = now, [], state["phase"]

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()

    state["ticked"] = state["phase"]

    def set_phase(name: str) -> None:
        state["phase"] = name
        state["entered"].append(name)

    session.alignment_started.connect(lambda _g: set_phase("aligning"))
    session.alignment_progressed.connect(lambda f: state["progress"].append((time.perf_counter() - t0, f)))

    def on_finished(_generation: int, _corpus: object) -> None:
        set_phase("result shown")
        state["done"] = time.perf_counter() - t0
        QTimer.singleShot(int(AFTER_S * 1000), show_tabs)

    session.alignment_finished.connect(on_finished)

    def open_folder() -> None:
        set_phase("opening files")
        window.open_paths([str(folder)])
        set_phase("aligning")

    tabs = [TAB_MATRIX, TAB_FAMILIES, TAB_QUOTES, TAB_COMPARE]

    names = {TAB_MATRIX: "matrix", TAB_FAMILIES: "families", TAB_QUOTES: "quotes", TAB_COMPARE: "compare"}

    def show_tabs() -> None:
        set_phase("tabs switched")
        shown = window.tabs.currentIndex()
        if shots is not None and state.get("switched"):
            window.grab().save(str(shots / f"{names[shown]}.png"))
            # The screenshot's own time is not the window's.
            state["last"] = time.perf_counter()
        state["switched"] = True
        if tabs:
            window.tabs.setCurrentIndex(tabs.pop(0))
            QTimer.singleShot(500, show_tabs)
        else:
            report(n, state)
            window.close()
            app.quit()

    QTimer.singleShot(int(IDLE_S * 1000), open_folder)
    return app.exec()


def report(n: int, state: dict) -> None:
    phases: dict[str, list[float]] = {}
    for phase, gap in state["gaps"]:
        phases.setdefault(phase, []).append(gap)
    print(f"== GUI-thread gaps, {n} articles (timer every {TICK_MS} ms; rule: none over ~{RULE_MS} ms) ==")
    print(f"{'phase':<16} {'ticks':>6} {'largest':>9} {'p99':>8} {'>50 ms':>7}  baseline  ratio")
    base = max(phases.get("idle (baseline)", [0.0]))
    for phase, gaps in phases.items():
        ordered = sorted(gaps)
        p99 = ordered[int(0.99 * (len(ordered) - 1))]
        largest = ordered[-1]
        over = sum(g > RULE_MS / 1000 for g in gaps)
        print(
            f"{phase:<16} {len(gaps):>6} {largest * 1000:>6.0f} ms {p99 * 1000:>5.0f} ms {over:>7}"
            f"  {base * 1000:>5.0f} ms {largest / base if base else 0:>6.1f}"
        )
    progress = state["progress"]
    print(f"\n== Progress: {len(progress)} reports ==")
    if progress:
        waits = [b[0] - a[0] for a, b in zip(progress, progress[1:], strict=False)]
        print(f"longest time without a report: {max(waits, default=0.0):.2f} s")
        step = max(2.0, (progress[-1][0] - progress[0][0]) / 20)
        shown, last = [], -step
        for t, f in progress:
            if t - last >= step or f >= 1.0:
                shown.append(f"{t:.0f}s {f:.0%}")
                last = t
        print("value over time: " + ", ".join(shown))
    if state["done"] is not None:
        print(f"result arrived {state['done']:.1f} s after the window opened")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--shots", type=Path, help="save a screenshot of each tab in this folder")
    args = parser.parse_args(argv)
    if args.shots is not None:
        args.shots.mkdir(parents=True, exist_ok=True)
    return run(args.articles, args.shots)


if __name__ == "__main__":
    sys.exit(main())
