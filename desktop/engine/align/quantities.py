"""Numbers, amounts and dates in a run of words, each with a value to compare.

"3 billion euros", "three billion euros" and "€3bn" are one amount (3e9, euro); "12,000"
and "1,200" are not; "Friday" and "August 23" are different dates. Spelled-out numbers
are read with text2num (Allo-Media's parser, which handles "two hundred and five" and
"twenty-one"); digits, scale words, currencies, percentages and dates with the rules here.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from text_to_num import text2num

from .cues import MONTHS, WEEKDAYS
from .text import Token

SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "tn": 1e12,
    "dozen": 12.0,
}
_SUFFIX_SCALES = {"bn": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "k": 1e3, "tn": 1e12, "tr": 1e12}
NUMBER_WORDS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
    ]
)
CURRENCY_SIGNS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
CURRENCY_WORDS = {
    "dollar": "usd",
    "dollars": "usd",
    "usd": "usd",
    "euro": "eur",
    "euros": "eur",
    "eur": "eur",
    "pound": "gbp",
    "pounds": "gbp",
    "sterling": "gbp",
    "gbp": "gbp",
    "yen": "jpy",
    "yuan": "cny",
    "francs": "chf",
}
PERCENT_WORDS = ("percent", "pct")
RELATIVE_DAYS = frozenset(["today", "yesterday", "tomorrow", "tonight"])
_RELATIVE_HEADS = frozenset(["last", "next", "this"])
_RELATIVE_UNITS = frozenset(["week", "month", "year", "weekend", "morning", "afternoon", "evening", "night"])
# Words before a lone "one" that make it a pronoun: "no one", "the one", "each one".
_ONE_PRONOUN_BEFORE = frozenset(
    ["no", "the", "any", "every", "each", "this", "that", "which", "someone", "anyone"]
)
_ONE_PRONOUN_AFTER = frozenset(["of", "another", "'s"])

_DIGITS = re.compile(r"(\d[\d,]*(?:\.\d+)?)([a-z]*)$")
_ORDINAL = frozenset(["st", "nd", "rd", "th"])
_CLOCK = {"am": "am", "pm": "pm", "a.m": "am", "p.m": "pm"}


@dataclass(frozen=True, slots=True)
class Mention:
    """A number, amount or date over word indices ``first..last`` (inclusive).

    ``key``: ("num", value, unit or "") for numbers and amounts, ("date", ...) for dates,
    ("vague", word) for "hundreds of"; two mentions say the same when :func:`same` says so.
    """

    first: int
    last: int
    key: tuple[object, ...]

    @property
    def indices(self) -> range:
        return range(self.first, self.last + 1)


def same(one: Mention, other: Mention) -> bool:
    """Whether two mentions give the same number, amount or date.

    Numbers compare by value; a unit counts only when both sides name one ("$3 billion"
    and "3 billion" agree, "3 billion euros" and "3 billion dollars" do not).
    """
    a, b = one.key, other.key
    if a[0] == "num" and b[0] == "num":
        va, vb = float(a[1]), float(b[1])  # type: ignore[arg-type]
        # Tight enough that whole numbers one apart differ up to 10**13, loose enough for
        # the rounding of "1.2 million" = 1.2 * 10**6.
        if not math.isclose(va, vb, rel_tol=1e-14, abs_tol=1e-12):
            return False
        return not (a[2] and b[2] and a[2] != b[2])
    return a == b


def _lower(word: Token) -> str:
    return word.text.lower().replace("’", "'")


@functools.lru_cache(maxsize=4096)
def _spelled_value(words: tuple[str, ...]) -> float | None:
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def _digits(word: str) -> tuple[float, str] | None:
    """A digit token's value and any suffix it carries ("3bn", "23rd", "1990s", "5m")."""
    match = _DIGITS.match(word)
    if not match:
        return None
    number, suffix = match.groups()
    if "," in number and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number):
        return None
    value = float(number.replace(",", ""))
    if suffix in _SUFFIX_SCALES:
        return value * _SUFFIX_SCALES[suffix], ""
    if suffix in _ORDINAL or suffix in _CLOCK or suffix == "s" or not suffix:
        return value, suffix
    return None  # "4o", "5g": a product code, not a number


def mentions(words: Sequence[Token], text: str) -> list[Mention]:
    """Every number, amount and date in ``words`` (word tokens of ``text``, in order).

    ``text`` is needed for the signs and marks between words ("$", "%", "-", ":").
    """
    out: list[Mention] = []
    k = 0
    n = len(words)
    lowers = [_lower(w) for w in words]
    while k < n:
        low = lowers[k]
        if not (low[:1].isdecimal() or low in _NUMBER_HEADS or low.rstrip(".") in _DATE_HEADS):
            k += 1  # starts no date (:func:`_date`) and no number (:func:`_number`)
            continue
        found = _date(words, lowers, k) or _number(words, lowers, text, k)
        if found is None:
            k += 1
            continue
        out.append(found)
        k = found.last + 1
    return out


# The words a mention may start with, besides digits: a date's (compared without a
# trailing period) and a spelt number's ("a" of "a million", "millions" of).
_DATE_HEADS = frozenset([*RELATIVE_DAYS, *_RELATIVE_HEADS, *WEEKDAYS, *MONTHS])
_NUMBER_HEADS = frozenset(["a", "an", *NUMBER_WORDS, *(s + "s" for s in SCALES)])


def _between(text: str, words: Sequence[Token], k: int) -> str:
    """The text between word ``k`` and word ``k + 1``, stripped."""
    return text[words[k].end : words[k + 1].start].strip()


def _number(words: Sequence[Token], lowers: list[str], text: str, k: int) -> Mention | None:
    first = k
    unit = ""
    before = text[words[k - 1].end if k else max(0, words[k].start - 3) : words[k].start].strip()
    if before[-1:] in CURRENCY_SIGNS:
        unit = CURRENCY_SIGNS[before[-1]]
    value: float | None
    digits = _digits(lowers[k])
    if digits is not None:
        value, suffix = digits
        if suffix in _ORDINAL:
            return Mention(first, k, ("num", value, "ordinal"))
        if suffix in _CLOCK:
            return Mention(first, k, ("time", value, _CLOCK[suffix]))
        if k + 1 < len(words) and lowers[k + 1] in _CLOCK and not _between(text, words, k):
            return Mention(first, k + 1, ("time", value, _CLOCK[lowers[k + 1]]))
        if suffix == "s" and 1000 <= value <= 2100:
            return Mention(first, k, ("date", "decade", int(value)))
        last = k
        # "10:30" is a time of day.
        if k + 1 < len(words) and _between(text, words, k) == ":" and lowers[k + 1].isdigit():
            return Mention(first, k + 1, ("time", lowers[k], lowers[k + 1]))
        while last + 1 < len(words) and lowers[last + 1] in SCALES and _between(text, words, last) == "":
            value *= SCALES[lowers[last + 1]]
            last += 1
    else:
        run = _spelled_run(words, lowers, text, k)
        if run is None:
            return None
        last, value, vague = run
        if vague:
            return Mention(first, last, ("vague", lowers[last]))
        if value is None:
            return None
    last, unit = _unit(words, lowers, text, last, unit)
    return Mention(first, last, ("num", value, unit))


def _spelled_run(
    words: Sequence[Token], lowers: list[str], text: str, k: int
) -> tuple[int, float | None, bool] | None:
    """A run of number words from ``k``: (last index, value, vague?), or None."""
    head = lowers[k]
    starts_with_article = head in ("a", "an")
    if starts_with_article:
        if k + 1 >= len(words) or lowers[k + 1] not in SCALES or _between(text, words, k):
            return None
    elif head not in NUMBER_WORDS:
        if head.endswith("s") and head[:-1] in SCALES:  # "hundreds", "millions" of
            return k, None, True
        return None
    last = k
    run = [] if starts_with_article else [head]
    while last + 1 < len(words):
        gap = _between(text, words, last)
        nxt = lowers[last + 1]
        if gap in ("", "-") and (nxt in NUMBER_WORDS or nxt in SCALES):
            run.append(nxt)
            last += 1
        elif nxt == "and" and gap == "" and last + 2 < len(words) and lowers[last + 2] in NUMBER_WORDS:
            last += 1  # "two hundred and five": text2num reads it without the "and"
        else:
            break
    if run == ["one"] and _pronoun_one(lowers, k):
        return None
    # text2num knows hundred to trillion; "dozen" and "bn" are applied here.
    factor = 1.0
    while run and run[-1] in SCALES and run[-1] not in NUMBER_WORDS:
        factor *= SCALES[run.pop()]
    value = _spelled_value(tuple(run)) if run else 1.0
    return last, None if value is None else value * factor, False


def _pronoun_one(lowers: list[str], k: int) -> bool:
    """A lone "one" that is a pronoun ("one of them", "no one"), not a number."""
    before = lowers[k - 1] if k else ""
    after = lowers[k + 1] if k + 1 < len(lowers) else ""
    return before in _ONE_PRONOUN_BEFORE or after in _ONE_PRONOUN_AFTER or not after


def _unit(words: Sequence[Token], lowers: list[str], text: str, last: int, unit: str) -> tuple[int, str]:
    """Extend a number over a following unit: "%", "percent", "per cent", "euros"."""
    after = text[words[last].end : words[last + 1].start if last + 1 < len(words) else words[last].end + 2]
    if after.strip().startswith("%"):
        return last, "%"
    if last + 1 < len(words) and not after.strip():
        nxt = lowers[last + 1]
        if nxt in PERCENT_WORDS:
            return last + 1, "%"
        if nxt == "per" and last + 2 < len(words) and lowers[last + 2] == "cent":
            return last + 2, "%"
        if nxt in CURRENCY_WORDS and not unit:
            return last + 1, CURRENCY_WORDS[nxt]
    return last, unit


def _day(word: str) -> int | None:
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    if match and 1 <= int(match.group(1)) <= 31:
        return int(match.group(1))
    return None


def _year(word: str) -> int | None:
    return int(word) if re.fullmatch(r"(1[89]|20)\d\d", word) else None


def _date(words: Sequence[Token], lowers: list[str], k: int) -> Mention | None:
    """A date from word ``k``: "Friday", "August 23, 2024", "23 August", "last week"."""
    n = len(words)
    word = lowers[k].rstrip(".")
    if word in RELATIVE_DAYS:
        return Mention(k, k, ("date", word))
    if word in _RELATIVE_HEADS and k + 1 < n:
        unit = lowers[k + 1]
        if unit in _RELATIVE_UNITS or unit in WEEKDAYS:
            return Mention(k, k + 1, ("date", word, unit))
    weekday = WEEKDAYS.get(word)
    last = k
    if weekday is not None:
        if not words[k].text[0].isupper():
            return None
        month_at = k + 1 if k + 1 < n and lowers[k + 1].rstrip(".") in MONTHS else None
        if month_at is None:
            return Mention(k, k, ("date", weekday, None, None, None))
        k = month_at
        word = lowers[k].rstrip(".")
    month = MONTHS.get(word)
    day = year = None
    if month is None:
        day = _day(word)
        if day is None or k + 1 >= n or lowers[k + 1].rstrip(".") not in MONTHS:
            return None
        if weekday is None and not words[k + 1].text[0].isupper():
            return None
        month = MONTHS[lowers[k + 1].rstrip(".")]
        last = k + 1
    else:
        if not words[k].text[0].isupper():
            return None
        last = k
        if last + 1 < n and _day(lowers[last + 1]) is not None:
            day = _day(lowers[last + 1])
            last += 1
    if last + 1 < n and _year(lowers[last + 1]) is not None:
        year = _year(lowers[last + 1])
        last += 1
    if word == "may" and day is None and year is None:
        return None  # "May" alone is more often the verb
    start = k if weekday is None else k - 1
    return Mention(start, last, ("date", weekday, month, day, year))
