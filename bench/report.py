"""Plain-text tables for the benchmark output (also pasted as-is into bench/README.md)."""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence


def fmt(value: object, digits: int = 3) -> str:
    """Numbers with a fixed number of decimals, NaN as a dash, the rest as text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "-" if math.isnan(value) else f"{value:.{digits}f}"
    return str(value)


def pct(value: float) -> str:
    return "-" if math.isnan(value) else f"{100 * value:.1f}"


def table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]], note: str = "") -> None:
    """Print a titled table with aligned columns (first column left, the rest right)."""
    cells = [[fmt(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for k, c in enumerate(row):
            widths[k] = max(widths[k], len(c))

    def line(row: Sequence[str]) -> str:
        parts = [row[0].ljust(widths[0])] + [c.rjust(widths[k + 1]) for k, c in enumerate(row[1:])]
        return "  ".join(parts).rstrip()

    print()
    print(f"== {title} ==")
    print(line(list(headers)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))
    if note:
        for part in note.strip().splitlines():
            print(f"   {part}")
    sys.stdout.flush()


def section(title: str) -> None:
    print()
    print("#" * 4, title)
    sys.stdout.flush()


def clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."
