"""Output files are written whole or not at all, with the modes a plain write would give."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.engine.export.output import write_atomic


def test_write_atomic_replaces_whole_file_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_atomic(target, "<p>first</p>")
    assert target.read_text(encoding="utf-8") == "<p>first</p>"
    write_atomic(str(target), "<p>second é</p>")
    assert target.read_text(encoding="utf-8") == "<p>second é</p>"
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "half \ud800 written")
    assert target.read_text(encoding="utf-8") == "<p>second é</p>"
    assert os.listdir(tmp_path) == ["report.html"], "no temporary file is left behind"


def test_write_atomic_gives_new_files_the_umask_mode_and_keeps_existing_modes(tmp_path: Path) -> None:
    code = (
        "import os, sys\n"
        "os.umask(0o027)\n"
        "def forbidden(mask): raise AssertionError('setting the umask races other threads')\n"
        "os.umask = forbidden\n"
        "from desktop.engine.export.output import write_atomic\n"
        "write_atomic(sys.argv[1], 'new')\n"
    )
    new = tmp_path / "new.json"
    subprocess.run([sys.executable, "-c", code, str(new)], check=True, timeout=60)
    assert new.stat().st_mode & 0o777 == 0o640
    kept = tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o604)
    write_atomic(kept, "replaced")
    assert kept.stat().st_mode & 0o777 == 0o604
    assert kept.read_text(encoding="utf-8") == "replaced"
