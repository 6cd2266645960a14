"""A small set where many pairs share passages of every kind: the samples and five
articles mixing their paragraphs (shared by the tests of the runners, Parquet and the CLI)."""

from __future__ import annotations

import random
from pathlib import Path

from desktop.engine.load.articles import load_article
from desktop.engine.model import Article


def mixed_corpus(seed_paths: list[Path], folder: Path) -> list[Path]:
    """The five samples and five articles mixing their paragraphs, some words edited: a
    small set where many pairs share passages of every kind."""
    paragraphs = []
    for path in seed_paths:
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 12]
    rng = random.Random(7)
    out = list(seed_paths)
    for k in range(5):
        mine = rng.sample(paragraphs, 6)
        edited = []
        for para in mine:
            words = para.split(" ")
            if rng.random() < 0.5:
                words[rng.randrange(len(words))] = "reportedly"
            edited.append(" ".join(words))
        path = folder / f"mix{k}.txt"
        path.write_text(f"Mixed story {k}\n\n" + "\n\n".join(edited) + "\n", encoding="utf-8")
        out.append(path)
    return out


def load_all(paths: list[Path]) -> list[Article]:
    return [load_article(p) for p in paths]
