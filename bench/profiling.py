"""cProfile one speed case and print where the time goes (``speed.py --profile KIND:SIZE``)."""

from __future__ import annotations

import cProfile
import io
import pstats
import random

from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.pair import align_pair
from desktop.engine.align.worddiff import word_diff
from desktop.engine.model import Settings

from . import synthetic
from .speedcases import pool_for


def profile(kind: str, size: int, top: int = 25) -> None:
    rng = random.Random(size)
    if kind == "pair":
        a, b = synthetic.sharing_pair(pool_for(3 * size), rng, size, f"p{size}")
        run = lambda: align_pair(a, b, Settings())  # noqa: E731
    elif kind == "corpus":
        articles = synthetic.corpus(pool_for(size * 800), rng, size)
        run = lambda: align_corpus(articles, Settings())  # noqa: E731
    elif kind == "diff":
        pool = pool_for(2 * size)
        text = ""
        while len(text.split()) < size:
            text += " " + pool.take(rng)
        other = synthetic.edit(text, rng, 0.5, 0.9)
        run = lambda: word_diff(text, 0, len(text), other, 0, len(other), Settings())  # noqa: E731
    else:
        raise SystemExit(f"unknown case {kind!r}: pair, corpus or diff")
    prof = cProfile.Profile()
    prof.enable()
    run()
    prof.disable()
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out).strip_dirs().sort_stats(key)
        stats.print_stats(top)
        print(f"==== {kind} {size}: top {top} by {key} ====")
        print(out.getvalue().split("\n", 4)[-1] if key == "tottime" else out.getvalue())
