"""The collector's pause: overlapping pauses, and a collector that was off stays off."""

from __future__ import annotations

import gc

from desktop.engine.collector import collector_paused


def test_overlapping_pauses_restore_the_collector_when_the_last_one_ends() -> None:
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "one pause still lasts"
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_resumes_when_the_work_fails() -> None:
    try:
        with collector_paused():
            raise ValueError("bad input")
    except ValueError:
        pass
    assert gc.isenabled()
