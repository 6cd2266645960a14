"""syndiff-cli's outputs that are not new regular files: standard output, FIFOs, devices,
symbolic links, read-only files, folders, an empty name, and a SIGTERM mid-write."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.cli import main

posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


def _align(seed_paths: list[Path], out: str) -> int:
    return main(["align", *map(str, seed_paths[:2]), "--json", out])


@posix
def test_fifo_is_written_through_not_replaced(seed_paths: list[Path], tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        assert _align(seed_paths, str(fifo)) == 0
    finally:
        reader.join(timeout=30)
        if reader.is_alive() and stat.S_ISFIFO(os.lstat(fifo).st_mode):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # release a reader still waiting
            reader.join(timeout=30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO is still a FIFO"
    assert json.loads(got[0].decode("utf-8"))["version"]
    assert sorted(os.listdir(tmp_path)) == ["out.fifo"]


@posix
def test_character_device_is_written_through_not_replaced(seed_paths: list[Path], tmp_path: Path) -> None:
    if os.geteuid() == 0:
        device = tmp_path / "null"  # a private /dev/null: the real one is never put at risk
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:
        device = Path(os.devnull)
    assert _align(seed_paths, str(device)) == 0
    assert stat.S_ISCHR(os.lstat(device).st_mode), "the device is still a device"
    if device.parent == tmp_path:
        assert sorted(os.listdir(tmp_path)) == ["null"]


@posix
def test_symlink_is_followed_and_kept(seed_paths: list[Path], tmp_path: Path) -> None:
    real = tmp_path / "reports" / "real.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert _align(seed_paths, str(link)) == 0
    assert link.is_symlink() and os.readlink(link) == str(real), "the link is not replaced"
    assert json.loads(real.read_text(encoding="utf-8"))["version"]
    assert os.listdir(real.parent) == ["real.json"], "no temporary file beside the target"


@posix
def test_dangling_symlink_creates_its_target(seed_paths: list[Path], tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    assert _align(seed_paths, str(link)) == 0
    assert link.is_symlink()
    assert json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))["version"]


@posix
def test_read_only_output_is_refused(seed_paths: list[Path], tmp_path: Path, capsys) -> None:
    out = tmp_path / "locked.json"
    out.write_text("keep me", encoding="utf-8")
    out.chmod(0o444)
    assert _align(seed_paths, str(out)) == 2
    err = capsys.readouterr().err
    assert (
        err == f"syndiff-cli: {out}: the file is read-only; choose another output file or make it writable\n"
    )
    assert out.read_text(encoding="utf-8") == "keep me"
    assert out.stat().st_mode & 0o777 == 0o444


def test_folder_output_is_refused(seed_paths: list[Path], tmp_path: Path, capsys) -> None:
    assert _align(seed_paths, str(tmp_path)) == 2
    assert capsys.readouterr().err == f"syndiff-cli: {tmp_path}: is a folder; name a file to write\n"


def test_empty_output_name_is_refused(seed_paths: list[Path], capsys) -> None:
    assert _align(seed_paths, "") == 2
    assert capsys.readouterr().err == (
        "syndiff-cli: the output file name is empty; name a file, or - for standard output\n"
    )


def test_missing_output_folder_is_named(seed_paths: list[Path], tmp_path: Path, capsys) -> None:
    out = tmp_path / "no-such-folder" / "out.json"
    assert _align(seed_paths, str(out)) == 2
    assert capsys.readouterr().err == f"syndiff-cli: {out}: cannot write (No such file or directory)\n"


# The child sends itself SIGTERM while the report is being written (from inside fsync, the
# last step before the rename), as a system shutting down would.
_TERM_MID_WRITE = """
import os, signal, sys
real_fsync = os.fsync
def fsync(fd):
    os.kill(os.getpid(), signal.SIGTERM)
    real_fsync(fd)
os.fsync = fsync
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_the_write_leaves_no_part_file(seed_paths: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    repo = str(Path(__file__).resolve().parents[1])
    result = subprocess.run(
        [sys.executable, "-c", _TERM_MID_WRITE, "align", *map(str, seed_paths[:2]), "--json", str(out)],
        env={**os.environ, "PYTHONPATH": repo},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 128 + 15, result.stderr
    assert result.stderr == "syndiff-cli: stopped by SIGTERM\n"
    assert os.listdir(tmp_path) == [], "neither the output nor a hidden .part file is left"
