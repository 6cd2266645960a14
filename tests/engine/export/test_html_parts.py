"""The pieces both HTML reports share: figures, settings, legend and passage cards."""

from __future__ import annotations

from dataclasses import replace

import lxml.html

from desktop.engine.export.html_parts import (
    LINK_HELP_CARDS,
    LINK_HELP_COLUMNS,
    MANUAL_MARK,
    NO_PASSAGES,
    badge_text,
    change_badges,
    counts_html,
    legend,
    passage_cards,
    prose_words,
    settings_html,
)
from desktop.engine.figures import percent
from desktop.engine.model import Kind, PairAlignment, Settings, Source
from tests.engine.export.samples import HOSTILE, art, flat, pair_of, passage


def fragment(markup: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(markup, create_parent="div")


def test_figures() -> None:
    assert [percent(x) for x in (0.0, 0.004, 0.5, 0.996, 1.0)] == ["0%", "<1%", "50%", ">99%", "100%"]
    a = art("a", "Subscribe now please\nThe storm closed three schools.", boilerplate=((0, 20),))
    assert prose_words(a) == 5  # the three words of site text are left out
    one = flat(fragment(counts_html({Kind.VERBATIM: 1, Kind.EDITED: 0, Kind.PARAPHRASE: 0})).text_content())
    assert one == "1 shared passage (1 verbatim, 0 edited, 0 paraphrase)"
    many = flat(fragment(counts_html({Kind.VERBATIM: 2, Kind.EDITED: 3, Kind.PARAPHRASE: 0})).text_content())
    assert many == "5 shared passages (2 verbatim, 3 edited, 0 paraphrase)"


def test_settings_are_listed_by_name() -> None:
    text = flat(fragment(settings_html(Settings(min_words=7, ignore_case=False))).text_content())
    assert "Shortest passage 7 words" in text and "Case compared" in text and "Punctuation compared" in text


def test_the_legend_shows_only_what_the_page_uses() -> None:
    plain = flat(fragment(legend()).text_content())
    assert "site text" not in plain and "linked by hand" not in plain and flat(LINK_HELP_COLUMNS) in plain
    full = flat(fragment(legend(True, cards=True, manual=True)).text_content())
    assert "site text, not compared" in full and "linked by hand" in full and flat(LINK_HELP_CARDS) in full


def test_cards_show_each_passage_with_both_sides_escaped() -> None:
    a = art("a", f"Intro. {HOSTILE[0]} said the mayor on Monday.", outlet=HOSTILE[1])
    b = art("b", f"Other intro. {HOSTILE[0]} said the mayor on Tuesday.")
    p = passage(a, b, f"{HOSTILE[0]} said the mayor on Monday.", f"{HOSTILE[0]} said the mayor on Tuesday.")
    manual = replace(p, source=Source.MANUAL)
    assert passage_cards(a, b, PairAlignment("a", "b", ())) == NO_PASSAGES
    tree = fragment(passage_cards(a, b, pair_of(a, b, manual), prefix="3-4-"))
    (card,) = tree.xpath("//article[contains(@class, 'card')]")
    assert "manual" in card.get("class").split()
    assert {x.get("id") for x in card.xpath(".//*[@data-pair]")} == {"pa-3-4-1", "pb-3-4-1"}
    assert HOSTILE[0] in card.text_content() and HOSTILE[1] in card.text_content()
    assert tree.xpath("//script") == [] and tree.xpath("//img") == []
    assert [x.text_content() for x in card.iter("del")] == ["Monday"]
    assert [x.text_content() for x in card.iter("ins")] == ["Tuesday"]
    assert badge_text(manual, 1) == f"E1{MANUAL_MARK}" and badge_text(p, 2) == "E2"
    assert flat(fragment(change_badges([])).text_content()) == "none"
