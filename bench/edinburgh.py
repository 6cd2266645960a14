"""Edinburgh++ news pairs: do the word diff's EQUAL pieces match the gold word alignment?

Only identical tokens are compared (a diff can only ever link those): the gold set is
the sure links whose two tokens are the same word (case folded). A diff is monotone, so
gold links that cross each other (a phrase moved in the sentence) cannot all be shown;
the best any diff can do is the longest non-crossing subset, printed as the oracle.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

from desktop.engine.align.worddiff import word_diff
from desktop.engine.model import Op, Settings

from . import evaldata
from .metrics import longest_monotone
from .report import pct, section, table

Links = set[tuple[int, int]]


def _offsets(toks: Sequence[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for t in toks:
        out.append((pos, pos + len(t)))
        pos += len(t) + 1
    return out


def engine_links(item: evaldata.WordAlignment) -> Links:
    """Token pairs inside the EQUAL pieces of the engine's word diff of the two sentences."""
    a, b = " ".join(item.source), " ".join(item.target)
    off_a, off_b = _offsets(item.source), _offsets(item.target)
    out: Links = set()
    for op in word_diff(a, 0, len(a), b, 0, len(b), Settings()):
        if op.op != Op.EQUAL:
            continue
        ia = [k for k, (s, e) in enumerate(off_a) if s >= op.a_start and e <= op.a_end]
        ib = [k for k, (s, e) in enumerate(off_b) if s >= op.b_start and e <= op.b_end]
        for i, j in zip(ia, ib, strict=False):
            if _same(item.source[i], item.target[j]):
                out.add((i, j))
    return out


def difflib_links(item: evaldata.WordAlignment) -> Links:
    sm = difflib.SequenceMatcher(
        None, [t.lower() for t in item.source], [t.lower() for t in item.target], autojunk=False
    )
    return {(a + k, b + k) for a, b, n in sm.get_matching_blocks() for k in range(n)}


def _same(x: str, y: str) -> bool:
    return x.lower() == y.lower()


def _identical(item: evaldata.WordAlignment, links: frozenset[tuple[int, int]]) -> Links:
    return {(i, j) for i, j in links if _same(item.source[i], item.target[j])}


def _is_word(item: evaldata.WordAlignment, link: tuple[int, int]) -> bool:
    return any(ch.isalnum() for ch in item.source[link[0]])


def run(quick: bool = False, embeddings: bool = False) -> None:
    # The word diff compares words only: sentence embeddings play no part, so a run with
    # ``--embeddings`` prints the same table.
    section("Edinburgh++ news pairs (test split): word diff vs gold alignment of identical words")
    if evaldata.available("edinburgh_pp") is None:
        print(f"SKIP: {evaldata.eval_dir() / 'edinburgh_pp'} not found")
        return
    items = evaldata.edinburgh("test")
    if quick:
        items = items[:25]
    systems: dict[str, Callable[[evaldata.WordAlignment], Links]] = {
        "engine word_diff": engine_links,
        "difflib on tokens": difflib_links,
    }
    predicted = {name: [f(it) for it in items] for name, f in systems.items()}
    rows = []
    crossing_note = ""
    for scope, keep in (("all tokens", lambda it, link: True), ("words only", _is_word)):
        sure = [{x for x in _identical(it, it.sure) if keep(it, x)} for it in items]
        poss = [{x for x in _identical(it, it.possible) if keep(it, x)} for it in items]
        n_gold = sum(len(s) for s in sure)
        oracle = sum(longest_monotone(s) for s in sure)
        for name, preds in predicted.items():
            pred = [{x for x in p if keep(it, x)} for p, it in zip(preds, items, strict=True)]
            n_pred = sum(len(p) for p in pred)
            hit = sum(len(p & s) for p, s in zip(pred, sure, strict=True))
            hit_poss = sum(len(p & s) for p, s in zip(pred, poss, strict=True))
            prec, rec = hit / max(1, n_pred), hit / max(1, n_gold)
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            rows.append([scope, name, pct(prec), pct(hit_poss / max(1, n_pred)), pct(rec), pct(f1), n_pred])
        rows.append(
            [
                scope,
                "oracle (best any diff can do)",
                "100.0",
                "100.0",
                pct(oracle / max(1, n_gold)),
                "",
                oracle,
            ]
        )
        crossing_note += (
            f"{scope}: {n_gold} gold identical links, {n_gold - oracle}"
            f" ({pct((n_gold - oracle) / max(1, n_gold))}%)"
            " cross others (moves a diff cannot show)\n"
        )
    table(
        f"Edinburgh++ test, news-* pairs ({len(items)} pairs)",
        ["tokens", "system", "prec", "prec (sure+poss)", "rec", "F1", "links"],
        rows,
        note="percentages; gold = sure links between identical tokens (case folded).\n" + crossing_note,
    )
