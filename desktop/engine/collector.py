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

_PAUSED = {"jobs": 0, "was_enabled": False, "keep_frozen": False}
_PAUSED_LOCK = threading.Lock()


@contextlib.contextmanager
def collector_paused(*, keep_frozen: bool = False) -> Iterator[None]:
    """No automatic garbage collection inside; pauses may overlap (threads, nesting).

    When the last pause ends, every object moves to the oldest generation (frozen and
    thawed at once) before the collector resumes: its next young collections would
    otherwise walk every object the alignment made, one stall each. A collector that was
    off before the first pause stays off.

    ``keep_frozen`` (for a process that owns its collector, as the window does): the
    objects alive when the last pause ends stay frozen instead, so no collection ever
    walks them again. Thawed, they would wait for the next full collection, which the
    collector starts soon after (it counts them as new in the oldest generation) and
    which walks every one of them at once: 0.6 s over some 800,000 objects after a
    500-article run in the window. Frozen objects are still freed by reference counting;
    what is lost is the collection of reference cycles among them: those made by any
    thread during the pause, and frozen objects that later become cyclic garbage. An
    alignment makes none; in the window, after six alignments of 100 articles, each
    followed by a visit to every tab, thawing and collecting found 317 cyclic objects, the
    ones the imports leave. The frozen count does not grow from run to run (objects freed
    leave it).

    Overlapping pauses keep the objects frozen if any of them asked to. A pause without
    ``keep_frozen`` that is the only one thaws, when it ends, everything frozen before,
    the window's earlier runs included (the window runs the engine only inside its job's
    pause).

    The pause is process-wide: while any pause lasts, other threads' garbage waits too;
    reference counting still frees all but cycles, which the first collection after the
    pause finds.
    """
    with _PAUSED_LOCK:
        if _PAUSED["jobs"] == 0:
            _PAUSED["was_enabled"] = gc.isenabled()
            _PAUSED["keep_frozen"] = False
            gc.disable()
        _PAUSED["jobs"] += 1
        _PAUSED["keep_frozen"] |= keep_frozen
    try:
        yield
    finally:
        with _PAUSED_LOCK:
            _PAUSED["jobs"] -= 1
            if _PAUSED["jobs"] == 0 and _PAUSED["was_enabled"]:
                gc.freeze()
                if not _PAUSED["keep_frozen"]:
                    gc.unfreeze()
                gc.enable()
