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
