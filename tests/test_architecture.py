"""The architecture rules, checked with every test run rather than left to convention.

``lint-imports`` checks the import contracts in ``pyproject.toml`` (the engine never
imports Qt; the Qt layer's modules are layered, window over commands over panels over
the session over the widgets; the session holds no widgets; alignment never imports
loading or the exports, the exports never import loading); ``mypy`` type-checks the
whole ``desktop`` package. A scan of the Qt layer's imports finds no cycle, between any
two of its modules, and the session and its jobs import no Qt GUI module. Every engine
module has a test file of its own at the mirroring path.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Iterator
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


QT = ROOT / "desktop" / "qt"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, as written (``from a import b`` yields ``a`` and ``a.b``).

    Imports under ``if TYPE_CHECKING:`` count too: they tie modules together for readers
    and for the type checker as much as any other.
    """
    package = _module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else _module_name(path)
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _qt_import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in QT.rglob("*.py")}
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_in_the_qt_layer() -> None:
    graph = _qt_import_graph()
    assert "desktop.qt.main_window" in graph and "desktop.qt.widgets.compare" in graph
    assert graph["desktop.qt.main_window"] >= {"desktop.qt.session", "desktop.qt.actions"}
    assert _cycles(graph) == []


@pytest.mark.parametrize("module", ["session.py", "workers.py"])
def test_the_session_and_its_jobs_import_no_qt_gui_module(module: str) -> None:
    imported = set(_imports(QT / module))
    assert not {m for m in imported if m.startswith(("PySide6.QtWidgets", "PySide6.QtGui"))}


def test_every_engine_module_has_a_test_file_of_its_own() -> None:
    """The engine's test tree mirrors its source tree: ``tests/engine/align/test_x.py``
    tests ``desktop/engine/align/x.py``."""
    engine = ROOT / "desktop" / "engine"
    missing = [
        str(path.relative_to(ROOT))
        for path in sorted(engine.rglob("*.py"))
        if path.name != "__init__.py"
        and not (ROOT / "tests" / "engine" / path.parent.relative_to(engine) / f"test_{path.name}").exists()
    ]
    assert missing == []
