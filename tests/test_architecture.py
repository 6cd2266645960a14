"""The architecture rules, checked with every test run rather than left to convention.

``lint-imports`` checks the import contracts in ``pyproject.toml`` (the engine never
imports Qt, widgets never import the window or the session, alignment never imports
loading or the exports, the exports never import loading); ``mypy`` type-checks the
whole ``desktop`` package.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _script(name: str) -> str:
    """A console script installed beside this interpreter (the test extra's tools)."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; install the test extra: pip install -e '.[test]'")
    return found


def test_import_contracts_are_kept() -> None:
    result = _run([_script("lint-imports"), "--no-cache"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken" in result.stdout, result.stdout


def test_mypy_finds_no_errors_in_the_desktop_package() -> None:
    result = _run([sys.executable, "-m", "mypy"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found"), result.stdout
