"""Time from launch to a painted window showing the sample articles aligned.

A fresh ``python -c`` process builds the real ``MainWindow`` the way ``desktop.app``
does (offscreen platform, settings in a throw-away file so no user state is read or
written), opens the samples, waits for ``alignment_finished`` and then for the window's
next paint, and prints one line. The parent measures from just before it starts the
process to that line, so interpreter start-up and imports are included.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60.0

SCRIPT = r"""
import os, sys, time
t_start = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from desktop.paths import seed_files
from desktop.qt.main_window import MainWindow
t_imported = time.perf_counter()

app = QApplication([sys.argv[0]])
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
state = {"aligned": None, "painted": None, "articles": 0}


class PaintWatch(QObject):
    def eventFilter(self, obj, event):
        if (
            state["aligned"] is not None
            and state["painted"] is None
            and event.type() == QEvent.Type.Paint
            and hasattr(obj, "window")
            and obj.window() is window
        ):
            state["painted"] = time.perf_counter()
            QTimer.singleShot(0, finish)
        return False


def on_aligned(_generation, corpus):
    state["aligned"] = time.perf_counter()
    state["articles"] = len(corpus.articles)


def finish():
    print(
        "PAINTED imports=%.3f aligned=%.3f painted=%.3f articles=%d"
        % (t_imported - t_start, state["aligned"] - t_start, state["painted"] - t_start, state["articles"]),
        flush=True,
    )
    window.close()
    app.quit()


watch = PaintWatch()
app.installEventFilter(watch)
window.session.alignment_finished.connect(on_aligned)
window.show()
paths = [str(p) for p in seed_files()]
QTimer.singleShot(0, lambda: window.open_paths(paths))
QTimer.singleShot(int(float(sys.argv[2]) * 1000), lambda: (print("TIMEOUT", flush=True), app.exit(3)))
sys.exit(app.exec())
"""


def available() -> str | None:
    """None when the window can be launched, else why not."""
    try:
        if importlib.util.find_spec("PySide6") is None:
            return "PySide6 is not installed"
        if importlib.util.find_spec("desktop.qt.main_window") is None:
            return "desktop.qt.main_window is not there yet"
    except ModuleNotFoundError as err:
        return str(err)
    return None


def launch_once() -> tuple[float, str]:
    """Seconds from process start to the painted line, and that line (or an error)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    with tempfile.TemporaryDirectory() as tmp:
        ini = str(Path(tmp) / "settings.ini")
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, ini, str(TIMEOUT)],
            cwd=tmp,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        line = ""
        for raw in proc.stdout:
            if raw.startswith(("PAINTED", "TIMEOUT")):
                line = raw.strip()
                break
        elapsed = time.perf_counter() - t0
        try:
            _, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    if not line.startswith("PAINTED"):
        tail = (err or "").strip().splitlines()[-3:]
        return float("nan"), (line or "no output") + (": " + " | ".join(tail) if tail else "")
    return elapsed, line


def measure(repeats: int) -> dict:
    """Median launch-to-paint time over ``repeats`` launches, or a reason it could not run."""
    why = available()
    if why:
        return {"skip": why}
    times, last = [], ""
    for _ in range(repeats):
        elapsed, line = launch_once()
        if elapsed != elapsed:  # NaN: it failed
            return {"skip": f"window did not paint aligned samples: {line}"}
        times.append(elapsed)
        last = line
    return {"times": times, "median": statistics.median(times), "info": last.removeprefix("PAINTED ")}
