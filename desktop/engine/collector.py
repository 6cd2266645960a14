"""Pausing Python's automatic garbage collection while a large alignment runs.

An alignment allocates millions of objects that live on (prepared articles, passages,
their diffs), so the collector keeps running full collections that find nothing to free:
on 500 articles they cost about a tenth of the run, and each one holds the interpreter
lock for 50-120 ms (a window's GUI thread waits). The engine's results hold no reference
cycles: reference counting frees them.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_PAUSED = {"jobs": 0, "was_enabled": False}
_PAUSED_LOCK = threading.Lock()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection inside; pauses may overlap (threads, nesting).

    When the last pause ends, every object moves to the oldest generation (frozen and
    thawed at once) before the collector resumes: its next young collections would
    otherwise walk every object the alignment made, one stall each. A collector that was
    off before the first pause stays off.

    The pause is process-wide: while any pause lasts, other threads' garbage waits too;
    reference counting still frees all but cycles, which the first collection after the
    pause finds.
    """
    with _PAUSED_LOCK:
        if _PAUSED["jobs"] == 0:
            _PAUSED["was_enabled"] = gc.isenabled()
            gc.disable()
        _PAUSED["jobs"] += 1
    try:
        yield
    finally:
        with _PAUSED_LOCK:
            _PAUSED["jobs"] -= 1
            if _PAUSED["jobs"] == 0 and _PAUSED["was_enabled"]:
                gc.freeze()
                gc.unfreeze()
                gc.enable()
