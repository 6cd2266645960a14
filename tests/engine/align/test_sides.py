"""One side of a passage: its names, cue phrases, figures and speakers."""

from __future__ import annotations

from desktop.engine.align.cues import CueKind
from desktop.engine.align.sides import Side, forget_span_words, proper_words

# Long enough, and mostly lower case, so that no test sentence reads as a headline.
TAIL = "the rules that were passed last year are unclear to many people"


def side(text: str, evidence: frozenset[str] = frozenset()) -> Side:
    return Side(text, 0, len(text), evidence)


def names(text: str, evidence: frozenset[str] = frozenset()) -> list[str]:
    s = side(text, evidence)
    return [s.words[k].text for k in sorted(s.names)]


def kinds(text: str) -> list[CueKind]:
    return [c.kind for c in side(text).cues]


def test_a_capital_mid_sentence_is_a_name() -> None:
    assert names(f"Regulators say {TAIL}, including Facebook and Google.") == ["Facebook", "Google"]


def test_a_capital_at_a_sentence_start_is_a_name_only_with_evidence() -> None:
    text = f"Facebook said {TAIL}."
    assert names(text) == []
    assert names(text, frozenset({"facebook"})) == ["Facebook"]


def test_acronyms_are_names_even_at_a_sentence_start() -> None:
    assert names(f"EU officials said {TAIL}, and NATO agreed.") == ["EU", "NATO"]


def test_titles_months_weekdays_and_nationalities_are_not_names() -> None:
    text = f"Officials said on Monday in March that {TAIL}, American and French ministers and Dr Smith agree."
    assert names(text) == ["Smith"]


def test_figures_are_not_names() -> None:
    s = side(f"Officials said {TAIL} in August 2024.")
    ws = [w.text for w in s.words]
    assert [ws[m.first : m.last + 1] for m in s.mentions] == [["last", "year"], ["August", "2024"]]
    assert not s.names


def test_capitals_in_a_headline_say_nothing() -> None:
    text = f"Meta, Spotify Issue Statement On European Rules\nThe firms said {TAIL}."
    assert names(text) == []


def test_an_approximator_counts_only_before_a_number() -> None:
    assert kinds(f"The firm cut about 300 jobs as {TAIL}.") == [CueKind.APPROXIMATOR]
    assert kinds(f"The firm talked about the plan as {TAIL}.") == []
    s = side(f"The firm cut about 300 jobs as {TAIL}.")
    (cue,) = s.cues
    assert s.number_after[cue.last].key[1] == 300.0
    assert s.hedging == {"about"}


def test_a_verb_of_saying_counts_only_as_speech() -> None:
    assert kinds(f"She claimed that {TAIL}.") == [CueKind.SAYING]
    assert kinds(f"The claim was that {TAIL}.") == []  # a noun after an article
    assert kinds(f"The firm's declared goal is clear and {TAIL}.") == []
    assert side(f"She claimed that {TAIL}.").saying == {"claim"}


def test_negation_words_that_negate_nothing() -> None:
    assert side(f"World No. 2 Hewitt won because {TAIL}.").negations == 0
    assert side(f"A do-not-call list exists because {TAIL}.").negations == 0
    assert side(f"They did not win because {TAIL}.").negations == 1


def test_speakers_of_a_verb_of_saying() -> None:
    s = side(f"Meta CEO Mark Zuckerberg said {TAIL}.")
    (cue,) = [c for c in s.cues if c.kind is CueKind.SAYING]
    assert [s.words[k].text for k in s.speakers_of(cue)] == ["CEO", "Mark", "Zuckerberg"]
    s = side(f"The rules are unclear, said Ek, as {TAIL}.")
    (cue,) = [c for c in s.cues if c.kind is CueKind.SAYING]
    assert [s.words[k].text for k in s.speakers_of(cue)] == ["Ek"]
    s = side(f"The rules are unclear, said he, as {TAIL}.")
    (cue,) = [c for c in s.cues if c.kind is CueKind.SAYING]
    assert [s.words[k].text for k in s.speakers_of(cue)] == ["he"]


def test_a_name_after_an_abbreviated_title_speaks() -> None:
    s = side(f"{TAIL.capitalize()}, said Rep. Howard Berman.")
    (cue,) = [c for c in s.cues if c.kind is CueKind.SAYING]
    assert [s.words[k].text for k in s.speakers_of(cue)] == ["Rep", "Howard", "Berman"]


def test_possessives() -> None:
    s = side(f"Meta's plan and the States' goal show {TAIL}.")
    texts = [w.text for w in s.words]
    assert s.possessive(texts.index("Meta's"))
    assert s.possessive(texts.index("States"))
    assert not s.possessive(texts.index("plan"))


def test_indices_are_the_words_inside_a_span() -> None:
    text = "abc The rules, it said."
    s = Side(text, 4, len(text), frozenset())
    assert [w.text for w in s.words] == ["The", "rules", "it", "said"]
    start = text.index("rules")
    assert list(s.indices(start, start + 5)) == [1]
    assert list(s.indices(start, len(text))) == [1, 2, 3]
    assert list(s.indices(start + 1, start + 3)) == []  # no whole word inside


def test_proper_words_are_capitalised_mid_sentence_and_never_lower_case() -> None:
    text = f"Many users of Facebook left because {TAIL}. Facebook was fined by the regulator."
    assert "facebook" in proper_words(text)
    lower = f"Many users left the facebook page because {TAIL}. Many of the users of Facebook left."
    assert "facebook" not in proper_words(lower)


def test_sides_of_one_span_share_its_words_but_not_its_names() -> None:
    text = f"Facebook said {TAIL}."
    plain, named = side(text), side(text, frozenset({"facebook"}))
    assert plain.words is named.words and plain.memo is named.memo, "read once, not per side"
    assert (plain.names, named.names) == (set(), {0})
    assert side(text).names == set(), "the evidence of one side is not kept for the next"
    forget_span_words()
    assert side(text).words is not plain.words, "forgotten at the end of a run"
