"""Word lists and phrase matching for typing changes: hedges and assertions, negation,
verbs of saying, titles.

Everything works on *norms*: word tokens lower-cased with typography folded ("it’s" and
"it's" are one norm), so lists are written once in plain ASCII.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from .text import typographic


@functools.lru_cache(maxsize=200_000)  # every word of every passage side, and of every article
def norm(word: str) -> str:
    """A word as the lists spell it: typography folded, lower case."""
    return typographic(word).lower()


def base(word_norm: str) -> str:
    """A norm without a possessive ending ("meta's" and "metas'" -> "meta", "metas")."""
    if word_norm.endswith("'s"):
        return word_norm[:-2]
    return word_norm.rstrip("'")


class CueKind(enum.Enum):
    HEDGE = "hedge"  # could, reportedly, it's not a stretch to assume: less than an assertion
    BOOSTER = "booster"  # there's no doubt, clearly: more than an assertion
    APPROXIMATOR = "approximator"  # about, roughly: a hedge only before a number
    NEGATION = "negation"
    SAYING = "saying"  # a verb of saying, or "according to"


def _phrases(*items: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(item.split()) for item in items)


HEDGES = _phrases(
    "could",
    "may",
    "might",
    "possibly",
    "perhaps",
    "maybe",
    "probably",
    "likely",
    "unlikely",
    "reportedly",
    "allegedly",
    "apparently",
    "seemingly",
    "supposedly",
    "purportedly",
    "presumably",
    "arguably",
    "potentially",
    "conceivably",
    "rumored",
    "rumoured",
    "suspected",
    "it's not a stretch to assume",
    "it is not a stretch to assume",
    "it's not a stretch",
    "it is not a stretch",
    "appears to",
    "appear to",
    "appeared to",
    "seems to",
    "seem to",
    "seemed to",
    "is believed to",
    "are believed to",
    "was believed to",
    "is thought to",
    "are thought to",
    "is said to",
    "are said to",
    "is expected to",
    "are expected to",
    "it is possible",
    "it's possible",
    "in theory",
)
BOOSTERS = _phrases(
    "certainly",
    "clearly",
    "definitely",
    "undoubtedly",
    "surely",
    "obviously",
    "undeniably",
    "unquestionably",
    "indisputably",
    "doubtless",
    "there's no doubt",
    "there is no doubt",
    "no doubt",
    "without doubt",
    "without a doubt",
    "beyond doubt",
    "of course",
    "in fact",
    "indeed",
)
# Before a number only, and only when the other side gives the same number.
APPROXIMATORS = _phrases(
    "about",
    "around",
    "roughly",
    "approximately",
    "nearly",
    "almost",
    "some",
    "an estimated",
    "estimated",
    "near",
    "close to",
    "as many as",
    "up to",
    "more than",
    "over",
    "less than",
    "fewer than",
    "under",
    "at least",
    "just over",
    "just under",
)
NEGATIONS = _phrases(
    "not",
    "no",
    "never",
    "none",
    "nobody",
    "nothing",
    "neither",
    "cannot",
    "without",
    "nowhere",
    # Negations in other words, counted so that "not released" vs "withheld", "not on the
    # facts" vs "rather than the facts" or "not guilty" vs "acquitted" keep their count
    # ("prevents ... from", see find_cues, too).
    "rather than",
    "instead of",
    "decided against",
    "declined to",
    "declines to",
    "declined comment",
    "yet to",
    "unable",
    "failed",
    "fail",
    "fails",
    "failing",
    "refused",
    "refuse",
    "refuses",
    "refusing",
    "withheld",
    "withhold",
    "withholds",
    "withholding",
    "rejected",
    "rejects",
    "rejecting",
    "acquitted",
    "absent",
    "lack",
    "lacks",
    "lacked",
    "lacking",
)
# Phrases that contain a negation word but negate nothing; matched first so they hide it.
NOT_NEGATIONS = _phrases("not only", "not just", "no longer than", "nothing but", "no matter")
# "could not" is past inability, no hedge: its "could" is skipped, its "not" still negates.
_NOT_HEDGES = frozenset([("could", "not")])
# Contractions written without their apostrophe, as some copy has them ("dont", "cant").
_BARE_CONTRACTIONS = frozenset(
    [
        "dont",
        "cant",
        "doesnt",
        "didnt",
        "isnt",
        "wasnt",
        "arent",
        "werent",
        "couldnt",
        "wouldnt",
        "shouldnt",
        "havent",
        "hasnt",
        "hadnt",
        "aint",
    ]
)
DETERMINERS = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "these", "those"]
)
# Participles that hedge as adjectives ("an alleged attempt") and report as verbs ("she
# alleged that").
_HEDGING_PARTICIPLES = frozenset(["alleged", "reported", "purported"])

# Verbs of saying, each form with its lemma, so "said" vs "says" is one verb in two tenses
# and "said" vs "claimed" two verbs. Forms that are also common nouns or adjectives
# ("claim", "note", "added") count only in a speech context (see ``changes``).
_SAYING_FORMS = {
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "state": "states stated stating",
    "claim": "claim claims claimed claiming",
    "assert": "assert asserts asserted asserting",
    "note": "note notes noted noting",
    "add": "adds added adding",
    "argue": "argue argues argued arguing",
    "explain": "explain explains explained explaining",
    "insist": "insist insists insisted insisting",
    "contend": "contend contends contended contending",
    "suggest": "suggest suggests suggested suggesting",
    "warn": "warn warns warned warning",
    "write": "write writes wrote writing written",
    "announce": "announce announces announced announcing",
    "declare": "declare declares declared declaring",
    "acknowledge": "acknowledge acknowledges acknowledged acknowledging",
    "admit": "admit admits admitted admitting",
    "emphasize": "emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising",
    "stress": "stresses stressed stressing",
    "maintain": "maintain maintains maintained maintaining",
    "allege": "allege alleges alleged alleging",
    "remark": "remark remarks remarked remarking",
    "comment": "commented commenting",
    "observe": "observe observes observed observing",
    "reveal": "reveal reveals revealed revealing",
    "confirm": "confirm confirms confirmed confirming",
    "deny": "deny denies denied denying",
    "report": "reported reporting",
    "tweet": "tweeted tweeting",
    "complain": "complain complains complained complaining",
    "urge": "urge urges urged urging",
    "point out": "point_out points_out pointed_out pointing_out",
    "read": "reads",
    "according to": "according_to",
    "recall": "recalled recalling",
    "predict": "predicted predicting",
    "caution": "cautioned cautioning",
    "highlight": "highlighted highlighting",
}
SAYING_LEMMA: dict[tuple[str, ...], str] = {
    tuple(form.split("_")): lemma for lemma, forms in _SAYING_FORMS.items() for form in forms.split()
}
SAYING = tuple(SAYING_LEMMA)
# Forms that are verbs of saying wherever they stand.
STRONG_SAYING = frozenset(
    [
        ("say",),
        ("says",),
        ("said",),
        ("told",),
        ("according", "to"),
        ("stated",),
        ("asserted",),
        ("remarked",),
    ]
)

PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who"])
# Words that name who speaks without being a name: "the company said".
SPEAKER_NOUNS = frozenset(
    [
        "company",
        "companies",
        "firm",
        "statement",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "spokespeople",
        "post",
        "blog",
        "letter",
        "report",
        "ceo",
        "ceos",
        "executive",
        "executives",
        "official",
        "officials",
        "source",
        "sources",
        "minister",
        "government",
        "police",
        "analyst",
        "analysts",
        "group",
        "chief",
        "founder",
        "president",
        "leader",
        "leaders",
        "duo",
        "pair",
        "both",
        "regulator",
        "regulators",
        "lawmakers",
        "authorities",
        "commission",
        "spokes",
        "representative",
        "representatives",
    ]
)
# Capitalised words that are not names of anyone: titles and honorifics.
TITLES = frozenset(
    [
        "ceo",
        "ceos",
        "cto",
        "cfo",
        "coo",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "president",
        "vice",
        "prime",
        "minister",
        "chief",
        "executive",
        "founder",
        "chairman",
        "chairwoman",
        "chair",
        "senator",
        "governor",
        "secretary",
        "general",
        "director",
        "rep",
        "sen",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
    ]
)
# Nationality adjectives are not names of anyone: "French photographer", "the American women".
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ani", "eli", "iot")
DEMONYMS = frozenset(
    [
        "american",
        "african",
        "mexican",
        "cuban",
        "korean",
        "european",
        "french",
        "dutch",
        "swiss",
        "greek",
        "thai",
        "iraqi",
        "israeli",
        "saudi",
        "afghan",
        "pakistani",
        "kuwaiti",
        "yemeni",
        "omani",
        "qatari",
        "bangladeshi",
        "nepali",
        "somali",
    ]
)
MONTHS = {
    name: k
    for k, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ],
        start=1,
    )
    for name in names.split()
}
WEEKDAYS = {
    name: k
    for k, names in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], start=1
    )
    for name in names.split()
}


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue phrase found at word indices ``first..last`` (inclusive) of a word list."""

    kind: CueKind
    first: int
    last: int
    lemma: str  # what two sides are compared by: the phrase, or a verb's lemma

    @property
    def indices(self) -> range:
        return range(self.first, self.last + 1)


_TABLE: tuple[tuple[CueKind, tuple[tuple[str, ...], ...]], ...] = (
    (CueKind.HEDGE, HEDGES),
    (CueKind.BOOSTER, BOOSTERS),
    (CueKind.SAYING, SAYING),
    (CueKind.APPROXIMATOR, APPROXIMATORS),
    (CueKind.NEGATION, NEGATIONS),
)
_LONGEST = max(len(p) for _, phrases in _TABLE for p in phrases)
_BY_PHRASE: dict[tuple[str, ...], CueKind] = {}
for _kind, _phrases_of_kind in reversed(_TABLE):  # earlier kinds win a phrase listed twice
    for _phrase in _phrases_of_kind:
        _BY_PHRASE[_phrase] = _kind
_BLOCKERS = frozenset(NOT_NEGATIONS)
_PREVENT = frozenset(["prevent", "prevents", "prevented", "preventing"])
PREVENT_REACH = 4  # words after "prevents" where its "from" may come
# The words a listed phrase (or a blocker, or a non-hedge) may start with: no other word
# starts a phrase, so most words are passed over without trying any.
_FIRST_WORDS = frozenset(p[0] for p in (*_BY_PHRASE, *_BLOCKERS, *_NOT_HEDGES))


def is_demonym(word_norm: str) -> bool:
    return word_norm in DEMONYMS or (len(word_norm) > 5 and word_norm.endswith(DEMONYM_ENDINGS))


def _prevents_from(norms: Sequence[str], k: int) -> bool:
    """ "prevents power from being concentrated": a negation in other words ("power isn't
    concentrated"), unlike "prevents flooding", which "stops flooding" rewords."""
    return norms[k] in _PREVENT and "from" in norms[k + 1 : k + 1 + PREVENT_REACH]


def find_cues(norms: Sequence[str]) -> list[Cue]:
    """Every cue in a list of word norms, longest phrase first, never two on one word.

    A contraction ending in "n't" is a negation of its own ("isn't", "won't"); "nor" is
    not counted (it is "neither"'s second half, or an "or" after a "not").
    """
    out: list[Cue] = []
    k = 0
    n = len(norms)
    while k < n:
        if norms[k] not in _FIRST_WORDS:
            if norms[k].endswith("n't") or norms[k] in _BARE_CONTRACTIONS or _prevents_from(norms, k):
                out.append(Cue(CueKind.NEGATION, k, k, "not"))
            k += 1
            continue
        if tuple(norms[k : k + 2]) in _NOT_HEDGES:
            k += 1
            continue
        found: tuple[CueKind | None, int] | None = None
        for size in range(min(_LONGEST, n - k), 0, -1):
            phrase = tuple(norms[k : k + size])
            if phrase in _BLOCKERS:
                found = (None, size)
                break
            kind = _BY_PHRASE.get(phrase)
            if kind is not None:
                found = (kind, size)
                break
        if found is None:
            if norms[k].endswith("n't") or norms[k] in _BARE_CONTRACTIONS or _prevents_from(norms, k):
                out.append(Cue(CueKind.NEGATION, k, k, "not"))
            k += 1
            continue
        kind, size = found
        if kind is CueKind.SAYING and norms[k] in _HEDGING_PARTICIPLES and k and norms[k - 1] in DETERMINERS:
            kind = CueKind.HEDGE
        if kind is not None:
            phrase = tuple(norms[k : k + size])
            lemma = SAYING_LEMMA[phrase] if kind is CueKind.SAYING else " ".join(phrase)
            if kind is CueKind.NEGATION:
                lemma = "not"
            out.append(Cue(kind, k, k + size - 1, lemma))
        k += size
    return out
