"""The application's entry point and the sample articles it opens."""

from __future__ import annotations


def test_the_samples_are_found_and_the_entry_point_runs() -> None:
    import subprocess
    import sys

    from desktop.paths import seed_files

    assert len(seed_files()) == 5
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("syndiff ")


CLOSE_AFTER_MS = 2000
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"  # the platform's, not ours
DRIVER = f"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([sys.argv[0]])
from desktop.app import main


def close():
    for window in QApplication.topLevelWidgets():
        if window.objectName() == "mainWindow":
            print("busy" if window.session.is_busy() else "idle", time.monotonic(), flush=True)
            window.close()


QTimer.singleShot({CLOSE_AFTER_MS}, close)
sys.exit(main(sys.argv[1:]))
"""


def _long_article(path, size: int) -> None:
    """About ``size`` characters of sentences made of the samples' words (seconds to align)."""
    import random

    from desktop.paths import seed_files

    words = [w for p in seed_files() for w in p.read_text("utf-8").split()]
    rng = random.Random(12)
    sentences, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).rstrip(".") + "."
        sentences.append(sentence + ("\n\n" if rng.random() < 0.2 else " "))
        length += len(sentences[-1])
    path.write_text("A long synthetic report\n\n" + "".join(sentences), "utf-8")


def test_closing_two_seconds_into_a_long_alignment_exits_at_once_and_silently(tmp_path) -> None:
    import os
    import subprocess
    import sys
    import time

    from desktop.paths import seed_files

    long = tmp_path / "long.txt"
    _long_article(long, 900_000)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    files = [str(p) for p in seed_files()] + [str(long)]
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER, *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        state, closed_at = child.stdout.readline().split()
        child.wait(timeout=30)
        exited_at = time.monotonic()
    finally:
        child.kill()
    assert child.stderr is not None
    stderr = [line for line in child.stderr.read().splitlines() if line != OFFSCREEN_NOISE]
    assert state == "busy", "the window was closed while aligning"
    assert exited_at - float(closed_at) < 2.0
    assert child.returncode == 0
    assert stderr == []
