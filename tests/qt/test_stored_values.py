"""Values read back from QSettings fall back to their defaults when garbled."""

from __future__ import annotations

from desktop.qt.stored_values import stored_bool


def test_stored_bool_falls_back_on_garbled_values() -> None:
    assert stored_bool("true", False) is True
    assert stored_bool(" 0 ", True) is False
    assert stored_bool("maybe", True) is True
    assert stored_bool(None, False) is False
