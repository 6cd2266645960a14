"""The collector's pause: overlapping pauses, and a collector that was off stays off."""

from __future__ import annotations

import gc
import threading

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


def test_a_pause_that_keeps_frozen_leaves_its_objects_to_no_collection() -> None:
    before = gc.get_freeze_count()
    try:
        with collector_paused(keep_frozen=True):
            made = [[k] for k in range(1_000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(made)
        tracked = {id(o) for o in gc.get_objects()}
        assert id(made) not in tracked and id(made[0]) not in tracked, "a collection would walk them"
    finally:
        gc.unfreeze()


def test_a_pause_that_keeps_frozen_freezes_no_more_than_the_objects_alive() -> None:
    try:
        with collector_paused(keep_frozen=True):
            made = [[k] for k in range(10_000)]
        frozen = gc.get_freeze_count()
        del made  # reference counting still frees frozen objects
        assert gc.get_freeze_count() <= frozen - 10_000
    finally:
        gc.unfreeze()


def test_a_plain_pause_inside_one_that_keeps_frozen_still_freezes() -> None:
    try:
        with collector_paused(keep_frozen=True), collector_paused():
            made = [[k] for k in range(1_000)]
        assert id(made) not in {id(o) for o in gc.get_objects()}
    finally:
        gc.unfreeze()


def test_a_plain_pause_leaves_nothing_frozen() -> None:
    gc.unfreeze()
    with collector_paused():
        made = [[k] for k in range(1_000)]
    assert gc.get_freeze_count() == 0
    assert id(made) in {id(o) for o in gc.get_objects()}


def test_pauses_overlapping_from_two_threads_keep_frozen_if_one_asked() -> None:
    started, release = threading.Event(), threading.Event()

    def job() -> None:
        with collector_paused(keep_frozen=True):
            started.set()
            release.wait(5)

    other = threading.Thread(target=job)
    try:
        with collector_paused():
            other.start()
            assert started.wait(5)
            made = [[k] for k in range(1_000)]
            release.set()
            other.join(5)
            assert not gc.isenabled(), "this thread's pause still lasts"
        assert gc.isenabled()
        assert id(made) not in {id(o) for o in gc.get_objects()}
    finally:
        release.set()
        other.join(5)
        gc.unfreeze()


def test_a_plain_pause_alone_thaws_what_an_earlier_one_kept_frozen() -> None:
    try:
        with collector_paused(keep_frozen=True):
            made = [[k] for k in range(1_000)]
        with collector_paused():
            pass
        assert gc.get_freeze_count() == 0
        assert id(made) in {id(o) for o in gc.get_objects()}
    finally:
        gc.unfreeze()
