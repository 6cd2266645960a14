"""Articles, sentences and a fake sentence encoder that several alignment tests use."""

from __future__ import annotations

from desktop.engine.load.articles import article_from_text
from desktop.engine.model import Article


def art(text: str, name: str) -> Article:
    return article_from_text(text, title=name, outlet=name, article_id=name)


FILLER_A = [
    "The city council approved a new budget for road repairs on Tuesday evening.",
    "Local schools will reopen next week after the winter break ends.",
    "A small bakery on Main Street won a regional award for its sourdough bread.",
]
FILLER_B = [
    "The national team lost its qualifying match after a late penalty.",
    "Rail operators announced strikes for the first weekend of the month.",
    "Museum visitors can now book tickets for the new dinosaur exhibition online.",
]
SHARED = [
    "The regulator said the merger would reduce competition in the broadband market.",
    "Analysts expect prices for home internet to rise by about ten percent next year.",
    "The companies have thirty days to appeal against the decision in court.",
]


class FakeEncoder:
    """Embeddings by table: listed sentences get the given vectors, others their own axis."""

    def __init__(self, table: dict[str, tuple[float, ...]]) -> None:
        self.table = table
        self.seen: list[str] = []

    def encode(self, sentences: list[str]) -> list[tuple[float, ...]]:
        out = []
        for text in sentences:
            self.seen.append(text)
            axis = 10 + len(self.seen)
            out.append(self.table.get(text, tuple(1.0 if k == axis else 0.0 for k in range(200))))
        return out


REWORDED_A = "Competitors claim the practice forced at least four companies to close."
REWORDED_B = "Rivals say the practice drove at least four firms out of business."


def near(axis: int, cosine: float) -> tuple[float, ...]:
    """A unit vector at ``cosine`` from axis 0, in the plane of axes 0 and ``axis``."""
    other = (1 - cosine**2) ** 0.5
    return tuple(cosine if k == 0 else other if k == axis else 0.0 for k in range(200))
