"""The engine and the command line never load Qt."""

from __future__ import annotations

import subprocess
import sys


def test_engine_imports_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, desktop.engine as e, desktop.cli\n"
        "mods = [m.name for m in pkgutil.walk_packages(e.__path__, 'desktop.engine.')]\n"
        "for m in mods: importlib.import_module(m)\n"
        "assert len(mods) > 20, mods\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
