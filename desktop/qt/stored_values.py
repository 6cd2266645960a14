"""Values read back from QSettings, checked.

An INI file gives strings back, and a damaged file must never stop the window from
opening, so every value is parsed here and falls back to a default when garbled.
"""

from __future__ import annotations


def stored_int(value: object, default: int) -> int:
    """A whole number read back from QSettings (INI files give strings); ``default`` if garbled."""
    if isinstance(value, str | int | float):
        try:
            return int(value)
        except (ValueError, OverflowError):
            pass
    return default


def stored_float(value: object, default: float) -> float:
    """A number read back from QSettings (INI files give strings); ``default`` if garbled."""
    if isinstance(value, str | int | float):
        try:
            return float(value)
        except ValueError:
            pass
    return default


def stored_bool(value: object, default: bool) -> bool:
    """A yes/no value read back from QSettings (INI files give strings); ``default`` if garbled."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return {"true": True, "false": False, "1": True, "0": False}.get(value.strip().lower(), default)
    if isinstance(value, int):
        return bool(value)
    return default
