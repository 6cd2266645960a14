"""Immutable result types shared by the engine, the window, the CLI and the exports.

Every span is a pair of Python string indices into the owning article's ``text``,
so ``article.text[start:end]`` is exactly the highlighted piece.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

Span = tuple[int, int]


class Kind(enum.StrEnum):
    """How a shared passage was reused (what each means: :data:`KIND_WORDING`)."""

    VERBATIM = "verbatim"
    EDITED = "edited"
    PARAPHRASE = "paraphrase"

    def __str__(self) -> str:
        return self.value

    @property
    def wording(self) -> KindWording:
        """How this kind is named to readers."""
        return KIND_WORDING[self]


@dataclass(frozen=True, slots=True)
class KindWording:
    """The words for one kind (or change type), shared by the window and the exports so
    they agree."""

    label: str  # "Paraphrase": table cells, legends, tooltips
    letter: str  # "P": passage badges and the families overview
    counted: str  # "paraphrased": after a count, as in "3 paraphrased"
    meaning: str  # one line for a legend


KIND_WORDING: dict[Kind, KindWording] = {
    Kind.VERBATIM: KindWording(
        "Verbatim", "V", "verbatim", "same words; only case, punctuation or typography differ"
    ),
    Kind.EDITED: KindWording(
        "Edited", "E", "edited", "the same sentence with words changed, added or removed"
    ),
    Kind.PARAPHRASE: KindWording("Paraphrase", "P", "paraphrased", "the same content, reworded"),
}


class Op(enum.StrEnum):
    """One piece of a word-level edit script."""

    EQUAL = "equal"
    DELETE = "delete"  # only in side A
    INSERT = "insert"  # only in side B

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Article:
    """A loaded article. ``boilerplate`` marks site chrome that is never aligned."""

    id: str
    title: str
    outlet: str
    text: str
    path: str | None = None
    boilerplate: tuple[Span, ...] = ()
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()  # what loading noticed (decoding fallbacks, extraction)
    # Text read out of markup (Markdown): runs (text_start, file_start, length), each a
    # piece of ``text`` copied from the file's decoded text (line endings as "\n"). Empty
    # when the text is the file's, or when no map is known (a saved page).
    source_map: tuple[tuple[int, int, int], ...] = ()
    # The SHA-256 of the bytes the article was read from (None for pasted text): what a
    # workspace checks the file against later, without reading it again.
    sha256: str | None = None

    def with_outlet(self, outlet: str) -> Article:
        return replace(self, outlet=outlet)

    @property
    def path_text(self) -> str | None:
        """``path`` as text that can be written as UTF-8 (see :func:`readable`)."""
        return readable(self.path) if self.path is not None else None


def readable(name: str) -> str:
    """A file name as text: bytes the file system could not decode (kept by Python as
    lone surrogates) become U+FFFD, so ids, labels and paths can be written as UTF-8."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True, slots=True)
class DiffOp:
    """A run of tokens: equal on both sides, only in A (delete) or only in B (insert).

    For ``DELETE`` the B range is empty and sits where the text would go in B;
    likewise the A range of an ``INSERT``.
    """

    op: Op
    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def swapped(self) -> DiffOp:
        op = {Op.DELETE: Op.INSERT, Op.INSERT: Op.DELETE}.get(self.op, self.op)
        return DiffOp(op, self.b_start, self.b_end, self.a_start, self.a_end)

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled by constructor arguments: a slotted dataclass's own state functions walk
        # its fields in Python, and a corpus's results cross processes by the million.
        return (DiffOp, (self.op, self.a_start, self.a_end, self.b_start, self.b_end))


class ChangeType(enum.StrEnum):
    """What a change in a passage's wording is about (what each means: :data:`CHANGE_WORDING`).

    Listed in the order views show them; :data:`WORDING` is everything no rule claims.
    """

    QUOTE = "quote"
    NUMBER = "number"
    NAME = "name"
    ATTRIBUTION = "attribution"
    HEDGE = "hedge"
    NEGATION = "negation"
    WORDING = "wording"

    def __str__(self) -> str:
        return self.value

    @property
    def wording(self) -> KindWording:
        """How this type is named to readers."""
        return CHANGE_WORDING[self]


CHANGE_WORDING: dict[ChangeType, KindWording] = {
    ChangeType.QUOTE: KindWording(
        "Quotation altered", "Q", "quotations altered", "words inside quotation marks differ on the two sides"
    ),
    ChangeType.NUMBER: KindWording(
        "Number or date", "#", "numbers changed", "a number, amount or date changed, added or dropped"
    ),
    ChangeType.NAME: KindWording(
        "Name", "N", "names changed", "a person, organisation or place replaced by another"
    ),
    ChangeType.ATTRIBUTION: KindWording(
        "Attribution", "A", "attributions changed", "the speaker or the verb of saying changed"
    ),
    ChangeType.HEDGE: KindWording(
        "Hedge or certainty",
        "H",
        "hedges shifted",
        "a hedge (could, reportedly) or an assertion (no doubt) on one side only",
    ),
    ChangeType.NEGATION: KindWording("Negation", "¬", "negations changed", "a negation added or dropped"),
    ChangeType.WORDING: KindWording("Wording", "W", "other wording", "other words changed, added or removed"),
}


@dataclass(frozen=True, slots=True)
class Change:
    """One typed change of a passage: the changed pieces it covers on each side.

    Spans are absolute offsets into each article's text, inside the passage and inside
    the non-equal pieces of its word diff; a side where nothing is (say a dropped "not")
    has no spans, and ``a_at``/``b_at`` say where the change sits on each side (the start
    of its first span, or where the missing words would go). ``quoted``: the change lies
    inside quotation marks on both sides, whatever its type.
    """

    type: ChangeType
    a_spans: tuple[Span, ...]
    b_spans: tuple[Span, ...]
    a_at: int
    b_at: int
    quoted: bool = False

    def swapped(self) -> Change:
        return Change(self.type, self.b_spans, self.a_spans, self.b_at, self.a_at, self.quoted)

    def __reduce__(self) -> tuple[object, ...]:
        return (Change, (self.type, self.a_spans, self.b_spans, self.a_at, self.b_at, self.quoted))


class Source(enum.StrEnum):
    """Who linked a passage: the aligner, or the user by hand (a manual correction)."""

    ALIGNER = "aligner"
    MANUAL = "manual"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Passage:
    """A shared passage: a span of A, its counterpart in B, and how they differ."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: Kind
    score: float  # similarity of the two sides, 0..1
    diff: tuple[DiffOp, ...] = ()
    # The typed changes of ``diff`` (``desktop.engine.align.changes``), filled once after
    # alignment; None until then.
    changes: tuple[Change, ...] | None = None
    # MANUAL for a passage the user linked (``desktop.engine.align.corrections``).
    source: Source = Source.ALIGNER

    @property
    def manual(self) -> bool:
        return self.source is Source.MANUAL

    @property
    def a_span(self) -> Span:
        return (self.a_start, self.a_end)

    @property
    def b_span(self) -> Span:
        return (self.b_start, self.b_end)

    def swapped(self) -> Passage:
        return Passage(
            self.b_start,
            self.b_end,
            self.a_start,
            self.a_end,
            self.kind,
            self.score,
            tuple(op.swapped() for op in self.diff),
            None if self.changes is None else tuple(c.swapped() for c in self.changes),
            self.source,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (
            Passage,
            (
                self.a_start,
                self.a_end,
                self.b_start,
                self.b_end,
                self.kind,
                self.score,
                self.diff,
                self.changes,
                self.source,
            ),
        )


@dataclass(frozen=True, slots=True)
class PairAlignment:
    """All passages that article ``a`` shares with article ``b``, in A's order."""

    a: str
    b: str
    passages: tuple[Passage, ...]
    shared_a: float = 0.0  # share of A's words (outside boilerplate) inside passages
    shared_b: float = 0.0

    @property
    def score(self) -> float:
        """Overall overlap of the pair: the mean of both shared shares."""
        return (self.shared_a + self.shared_b) / 2

    def counts(self) -> dict[Kind, int]:
        out = {kind: 0 for kind in Kind}
        for passage in self.passages:
            out[passage.kind] += 1
        return out

    def swapped(self) -> PairAlignment:
        passages = sorted((p.swapped() for p in self.passages), key=lambda p: (p.a_start, p.b_start))
        return PairAlignment(self.b, self.a, tuple(passages), self.shared_b, self.shared_a)


@dataclass(frozen=True, slots=True)
class Settings:
    """What the user can tune. Every alignment records the settings it ran with."""

    sensitivity: float = 0.5  # 0 = only close rewording counts as paraphrase, 1 = loose
    min_words: int = 5  # passages with fewer words (on both sides) are dropped
    ignore_case: bool = True
    ignore_punctuation: bool = False
    ignore_typography: bool = True  # curly vs straight quotes, dash variants, white space
    # Sentence embeddings (the optional extra), asked for: off by default, since on news
    # about one story they link same-topic sentences that say different things.
    use_embeddings: bool = False

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class Marking(enum.StrEnum):
    """Which of a family version's differences from the central version are shown."""

    ALL = "all"  # its own words and the central words it lacks (verbatim, edited)
    OWN_WORDS = "own words"  # only its own words: struck-through central ones would drown it
    NONE = "none"  # none: the central version itself, or a loose paraphrase, as published


@dataclass(frozen=True, slots=True)
class FamilyMember:
    """One outlet's version of a family's passage, compared with the central version.

    The comparison is made once, when the family is built, so that every view and export
    shows the same marks without diffing again.
    """

    article: str
    start: int
    end: int
    kind: Kind  # relative to the family's central version (central itself: verbatim)
    score: float  # similarity to the central version, 1.0 for the central member
    diff: tuple[DiffOp, ...] = ()  # central version as side A, this one as side B; () if central
    marking: Marking = Marking.NONE

    @property
    def marked_diff(self) -> tuple[DiffOp, ...]:
        """The pieces of ``diff`` to show, as :attr:`marking` decides.

        Unless empty (show the text as published), the pieces tile ``start:end``.
        """
        if self.marking is Marking.ALL:
            return self.diff
        if self.marking is Marking.OWN_WORDS:
            return tuple(op for op in self.diff if op.op is not Op.DELETE)
        return ()


@dataclass(frozen=True, slots=True)
class Family:
    """The same quote or claim as it appears across several articles."""

    id: str
    label: str
    members: tuple[FamilyMember, ...]
    central: int = 0  # index into members of the version the others are compared with

    @property
    def central_member(self) -> FamilyMember:
        return self.members[self.central]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.article for m in self.members))


class QuoteUse(enum.StrEnum):
    """How an outlet carries a quoted statement, compared with its reference version."""

    VERBATIM = "verbatim"  # in quotation marks, the reference version's words
    ALTERED = "altered"  # in quotation marks, with words changed, added or dropped
    PARAPHRASED = "paraphrased"  # the same words or claim without quotation marks

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class QuoteVersion:
    """One outlet's version of a quoted statement.

    ``text`` is the version as one line: its quoted segments (a quote split by "he said"
    has two) joined by a space, white space collapsed. ``diff`` compares the reference
    version's ``text`` (side A) with this ``text`` (side B), offsets into those two strings,
    over the part both carry (``ref_core`` and ``core``): quoting less or more of a
    statement is not altering it. Empty for the reference itself.
    """

    article: str
    use: QuoteUse
    spans: tuple[Span, ...]  # the quoted segments, or the paraphrasing passage, in the article
    text: str
    score: float  # share of words kept from the reference version over the common part, 0..1
    core: Span
    ref_core: Span
    diff: tuple[DiffOp, ...] = ()

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True, slots=True)
class QuotedStatement:
    """A statement quoted in at least one article, with every outlet's version of it."""

    id: str
    label: str
    versions: tuple[QuoteVersion, ...]
    reference: int = 0  # index into versions of the version the others are compared with

    @property
    def reference_version(self) -> QuoteVersion:
        return self.versions[self.reference]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.article for v in self.versions))

    @property
    def altered(self) -> bool:
        """Some outlet quotes it with different words."""
        return any(v.use is QuoteUse.ALTERED for v in self.versions)

    def by_use(self, use: QuoteUse) -> tuple[QuoteVersion, ...]:
        return tuple(v for v in self.versions if v.use is use)


@dataclass(frozen=True, slots=True)
class ArticleStats:
    """How much of one article the rest of the set also carries."""

    article: str
    words: int
    shared: float  # share of its words found in at least one other article
    unique: float  # share found in no other article (1 - shared, boilerplate excluded)
    families: int
    unique_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class CorpusAlignment:
    """All-pairs result for a set of articles."""

    articles: tuple[Article, ...]
    settings: Settings
    pairs: tuple[PairAlignment, ...]
    families: tuple[Family, ...] = ()
    stats: tuple[ArticleStats, ...] = ()
    candidates_checked: int = 0  # pairs that reached full alignment
    _index: dict[tuple[str, str], PairAlignment] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for pair in self.pairs:
            self._index[(pair.a, pair.b)] = pair

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def pair(self, a: str, b: str) -> PairAlignment:
        """The alignment of ``a`` with ``b`` (oriented so that ``a`` is side A)."""
        if (a, b) in self._index:
            return self._index[(a, b)]
        if (b, a) in self._index:
            return self._index[(b, a)].swapped()
        return PairAlignment(a, b, ())

    def stats_for(self, article_id: str) -> ArticleStats | None:
        return next((s for s in self.stats if s.article == article_id), None)


Progress = Callable[[float], None]
"""Called with the fraction done, 0..1."""


class Cancelled(Exception):
    """Raised inside a job when its ``cancelled`` callback answers True."""


def no_progress(_fraction: float) -> None:
    """The default progress callback."""


def never_cancelled() -> bool:
    return False
