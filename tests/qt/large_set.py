"""A large set of small articles for the window's responsiveness tests.

Each article has two paragraphs of its own and one it shares with the three other
articles of its story (four articles a story), some words apart: many articles, many
pairs sharing passages and families, yet quick to align (about ten seconds for 160).
"""

from __future__ import annotations

import random

from desktop.engine.load.articles import article_from_text
from desktop.engine.model import Article
from desktop.paths import seed_files


def _vocabulary() -> list[str]:
    """The sample articles' words: a vocabulary wide enough that unrelated paragraphs
    share no run of words (a small one makes every pair look alike)."""
    words = {
        w.strip(".,;:\"'()").lower()
        for path in seed_files()
        for w in path.read_text(encoding="utf-8").split()
    }
    return sorted(w for w in words if w.isalpha())


_WORDS = _vocabulary()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _edited(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split(" ")
    for _ in range(2):
        words[rng.randrange(1, len(words) - 1)] = rng.choice(_WORDS)
    return " ".join(words)


def large_set(n: int, seed: int = 11) -> list[Article]:
    """``n`` articles, ids ``s000``..., in stories of four sharing one paragraph."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        story = random.Random(seed * 1000 + k // 4)
        shared = " ".join(_sentence(story, 15) for _ in range(3))
        own = [" ".join(_sentence(rng, 15) for _ in range(2)) for _ in range(2)]
        text = "\n\n".join([own[0], _edited(shared, rng) if k % 2 else shared, own[1]])
        out.append(
            article_from_text(
                text,
                title=f"Story {k // 4} version {k % 4}",
                outlet=f"Outlet {k % 17}",
                article_id=f"s{k:03d}",
            )
        )
    return out
