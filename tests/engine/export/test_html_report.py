"""HTML exports: structure, completeness, escaping and self-containment, without a browser.

The checks every document must pass are in :mod:`tests.engine.export.samples`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.engine.align.families import compare_member, marking_for
from desktop.engine.align.pair import align_pair
from desktop.engine.align.quotes import quote_check
from desktop.engine.align.worddiff import word_diff
from desktop.engine.export.corpus_report import MATRIX_CAPTION
from desktop.engine.export.html_report import (
    LINK_HELP_CARDS,
    LINK_HELP_COLUMNS,
    html_document,
    render_corpus_html,
    render_pair_html,
)
from desktop.engine.export.quotes_html import render_quotes_html
from desktop.engine.load.articles import load_article
from desktop.engine.marking import marked_spans, member_diff, passage_diff
from desktop.engine.model import (
    Article,
    ArticleStats,
    ChangeType,
    CorpusAlignment,
    Family,
    FamilyMember,
    Kind,
    Marking,
    Op,
    PairAlignment,
    Passage,
    Settings,
)
from tests.engine.export.samples import (
    HOSTILE,
    WHEN,
    art,
    check_document,
    flat,
    pair_of,
    passage,
    text_without_badges,
    tree_of,
)

A_TEXT = (
    "Only A opens with this line.\n"
    "The minister said the new tax would start in May and hit small firms hardest.\n"
    "Critics called the plan unfair to families.\n"
    "A closing remark that nobody else makes."
)
B_TEXT = (
    "B starts somewhere else entirely.\n"
    "Critics called the plan unfair to families.\n"
    "The minister said the new levy would begin in May and hit small firms hardest.\n"
    "B has its own ending."
)


@pytest.fixture
def small() -> tuple[Article, Article, PairAlignment]:
    a, b = art("a", A_TEXT), art("b", B_TEXT)
    minister_a = "The minister said the new tax would start in May and hit small firms hardest."
    minister_b = "The minister said the new levy would begin in May and hit small firms hardest."
    critics = "Critics called the plan unfair to families."
    pair = pair_of(
        a, b, passage(a, b, minister_a, minister_b), passage(a, b, critics, critics, Kind.VERBATIM, 1.0)
    )
    return a, b, pair


def changed_text(a: Article, b: Article, alignment: PairAlignment, side: str) -> str:
    """What the engine marks as changed on one side, as it should appear in del/ins marks."""
    text = a.text if side == "a" else b.text
    spans = sorted(
        span for p in alignment.passages for span in marked_spans(passage_diff(p, a, b), text, side)
    )
    return flat(" ".join(text[s:e] for s, e in spans))


# --------------------------------------------------------------------------- pair, full view


def test_seed_pair_marks_every_passage_and_change(seed_paths: list[Path]) -> None:
    a, b = load_article(seed_paths[1]), load_article(seed_paths[2])
    alignment = align_pair(a, b, Settings())
    assert alignment.passages, "the two seed articles share passages"
    doc = render_pair_html(a, b, alignment, Settings(), generated=WHEN)
    check_document(doc)
    tree = tree_of(doc)
    col_a, col_b = (tree.xpath(f"//section[contains(@class,'column-{side}')]")[0] for side in "ab")
    for n, p in enumerate(alignment.passages, start=1):
        for side, text, (s, e) in (("a", a.text, p.a_span), ("b", b.text, p.b_span)):
            head = tree.get_element_by_id(f"p{side}-{n}")
            assert head.get("class").split()[:2] == ["passage", p.kind.value]
            assert head.get("data-pair") == str(n) and head.get("tabindex") == "0"
            pieces = (col_a if side == "a" else col_b).xpath(f".//*[@data-pair='{n}']")
            assert flat(" ".join(text_without_badges(x) for x in pieces)) == flat(text[s:e])
    # Every changed word is marked, on its own side only (a mark may be cut in pieces,
    # so white space between them is not compared).
    deleted = "".join(" ".join(x.text_content() for x in col_a.iter("del")).split())
    inserted = "".join(" ".join(x.text_content() for x in col_b.iter("ins")).split())
    assert deleted == "".join(changed_text(a, b, alignment, "a").split())
    assert inserted == "".join(changed_text(a, b, alignment, "b").split())
    assert not list(col_a.iter("ins")) and not list(col_b.iter("del"))
    # Nothing of either article is lost or reordered.
    assert text_without_badges(col_a.xpath(".//div[@class='prose']")[0]) == flat(a.text)
    assert text_without_badges(col_b.xpath(".//div[@class='prose']")[0]) == flat(b.text)
    # The table lists every passage and links both sides.
    rows = tree.xpath("//table[contains(@class,'passages')]/tbody/tr")
    assert len(rows) == len(alignment.passages)
    assert {h for row in rows for h in row.xpath(".//a/@href")} == {
        f"#p{s}-{n}" for n in range(1, len(rows) + 1) for s in "ab"
    }


def test_a_hyphenated_word_is_never_split_in_the_report(seed_paths: list[Path]) -> None:
    """The samples' "its state-of-the-art" shares a "the" with the other version: it is
    still marked as one inserted piece, in the full view and in the cards alike."""
    a, b = load_article(seed_paths[0]), load_article(seed_paths[1])
    alignment = align_pair(a, b, Settings())
    for changes_only in (False, True):
        tree = tree_of(
            render_pair_html(a, b, alignment, Settings(), changes_only=changes_only, generated=WHEN)
        )
        inserted = [flat(x.text_content()) for x in tree.iter("ins")]
        assert any("state-of-the-art" in x for x in inserted), inserted
        assert not {"state-of-", "-art", "the"} & set(inserted)


def test_header_shows_articles_settings_and_summary(small: tuple[Article, Article, PairAlignment]) -> None:
    a, b, pair = small
    options = Settings(sensitivity=0.7, min_words=8, ignore_case=False, ignore_punctuation=True)
    doc = render_pair_html(a, b, pair, options, generated=WHEN)
    header = flat(" ".join(tree_of(doc).xpath("//header")[0].itertext()))
    for expected in ("Title a", "Title b", "Outlet a", "Outlet b", "2024-05-06 07:08 UTC", "Sensitivity 0.7",
                     "Shortest passage 8 words", "Case compared", "Punctuation ignored", "50% shared",
                     "40% shared", "2 shared passages (1 verbatim, 1 edited, 0 paraphrase)"):  # fmt: skip
        assert expected in header
    assert '<time datetime="2024-05-06T07:08:00+00:00">' in doc
    assert "<title>Syndiff: Title a — Title b</title>" in doc


def test_each_side_names_its_file_and_not_its_folders(small: tuple[Article, Article, PairAlignment]) -> None:
    a, b, pair = small
    a = replace(a, path="/home/me/private/<b>one.txt")  # a file name is text, never markup
    doc = render_pair_html(a, b, pair, Settings(), generated=WHEN)
    cards = [flat(" ".join(card.itertext())) for card in tree_of(doc).xpath('//div[@class="side-card"]')]
    assert cards[0].endswith("shared with the other · <b>one.txt")
    assert "private" not in doc and "<b>one" not in doc
    assert "·" not in cards[1].split("shared with the other")[1], "pasted text has no file to name"


def test_a_passage_across_a_paragraph_break_is_split_but_one_passage() -> None:
    a = art("a", "Intro.\nThe river rose fast overnight.\nResidents left their homes at dawn. Then more.")
    b = art("b", "Elsewhere. The river rose quickly overnight and residents left their homes at dawn.")
    p = passage(
        a, b, "The river rose fast overnight.\nResidents left their homes at dawn.",
        "The river rose quickly overnight and residents left their homes at dawn.",
    )  # fmt: skip
    doc = render_pair_html(a, b, pair_of(a, b, p), Settings())
    check_document(doc)
    tree = tree_of(doc)
    pieces = tree.xpath("//section[contains(@class,'column-a')]//*[@data-pair='1']")
    assert [x.get("id") for x in pieces] == ["pa-1", None]
    assert "cont" in pieces[1].get("class")
    assert [x.getparent().tag for x in pieces] == ["p", "p"]
    assert flat(" ".join(text_without_badges(x) for x in pieces)) == flat(a.text[p.a_start : p.a_end])


def test_boilerplate_is_dimmed_and_explained() -> None:
    text = "Subscribe to our newsletter\nThe storm closed three schools on Monday morning."
    a = art("a", text, boilerplate=((0, 27),))
    b = art("b", "The storm closed three schools on Monday.")
    p = passage(
        a, b, "The storm closed three schools on Monday morning.", "The storm closed three schools on Monday."
    )
    doc = render_pair_html(a, b, pair_of(a, b, p), Settings())
    check_document(doc)
    tree = tree_of(doc)
    dimmed = tree.xpath("//section[contains(@class,'column-a')]//*[contains(@class,'boilerplate')]")
    assert [x.text_content() for x in dimmed] == ["Subscribe to our newsletter"]
    assert "site text, not compared" in tree.xpath("//section[@class='legend']")[0].text_content()


def test_a_passage_inside_boilerplate_is_still_marked_and_linked() -> None:
    text = "Read more: the storm closed three schools on Monday morning, officials said. Share this."
    a = art("a", text, boilerplate=((0, len(text)),))
    b = art("b", "The storm closed three schools on Monday.")
    p = passage(
        a, b, "the storm closed three schools on Monday morning", "The storm closed three schools on Monday"
    )
    doc = render_pair_html(a, b, pair_of(a, b, p), Settings())
    check_document(doc)  # the table's links to pa-1 resolve
    tree = tree_of(doc)
    column = tree.xpath("//section[contains(@class,'column-a')]")[0]
    assert (
        text_without_badges(tree.get_element_by_id("pa-1"))
        == "the storm closed three schools on Monday morning"
    )
    dimmed = [x.text_content() for x in column.xpath(".//*[contains(@class,'boilerplate')]")]
    assert dimmed == ["Read more: ", ", officials said. Share this."]


def test_no_passages_still_gives_a_complete_page() -> None:
    a, b = art("a", "Apples are red.\nPears are green."), art("b", "Trains run late.")
    doc = render_pair_html(a, b, PairAlignment("a", "b", ()), Settings())
    check_document(doc)
    tree = tree_of(doc)
    assert not tree.xpath("//*[@data-pair]")
    assert "share no passages" in tree.text_content()
    assert len(tree.xpath("//section[contains(@class,'column-a')]//p")) == 2


# --------------------------------------------------------------------------- changes only


def test_changes_only_lists_passages_with_both_sides(small: tuple[Article, Article, PairAlignment]) -> None:
    a, b, pair = small
    doc = render_pair_html(a, b, pair, Settings(), changes_only=True)
    check_document(doc)
    tree = tree_of(doc)
    assert not tree.xpath("//section[contains(@class,'column')]")
    cards = tree.xpath("//article[contains(@class,'card')]")
    assert len(cards) == len(pair.passages)
    for n, (card, p) in enumerate(zip(cards, pair.passages, strict=True), start=1):
        side_a, side_b = card.get_element_by_id(f"pa-{n}"), card.get_element_by_id(f"pb-{n}")
        assert flat(side_a.text_content()) == flat(a.text[p.a_start : p.a_end])
        assert flat(side_b.text_content()) == flat(b.text[p.b_start : p.b_end])
    text = tree.text_content()
    assert "Only A opens" not in text and "B has its own ending" not in text
    first = cards[0]
    assert [x.text_content() for x in first.iter("del")] == ["tax", "start"]
    assert [x.text_content() for x in first.iter("ins")] == ["levy", "begin"]


# --------------------------------------------------------------------------- safety


def hostile_articles() -> tuple[Article, Article, PairAlignment]:
    shared = "Officials said " + " and ".join(HOSTILE) + " in a statement."
    a = art("a", f"{HOSTILE[0]} opens A.\n{shared}\nA ends {HOSTILE[1]}", title=HOSTILE[0], outlet=HOSTILE[1])
    b = art("b", f"{HOSTILE[2]} opens B.\n{shared} Later.\n{HOSTILE[4]}", title=HOSTILE[2], outlet=HOSTILE[3])
    return a, b, pair_of(a, b, passage(a, b, shared, shared + " Later.", Kind.EDITED, 0.9))


@pytest.mark.parametrize("changes_only", [False, True])
def test_hostile_text_is_shown_literally_and_never_becomes_markup(changes_only: bool) -> None:
    a, b, pair = hostile_articles()
    doc = render_pair_html(a, b, pair, Settings(), changes_only=changes_only)
    toks = check_document(doc)  # one script (ours), one style (ours), no img, no on* attributes, no comments
    assert "".join(toks.raw["title"]) == f"Syndiff: {HOSTILE[0]} — {HOSTILE[2]}"
    text = tree_of(doc).text_content()
    for piece in HOSTILE:
        assert piece in text
    assert "\u2028" not in doc.split("<script>")[1]


def test_invalid_characters_are_replaced() -> None:
    a = art("a", "Bell \x07 and null \x00 and lone \ud800 surrogate.", title="T\x0b")
    doc = render_pair_html(a, art("b", "Other text."), PairAlignment("a", "b", ()), Settings())
    check_document(doc)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]", doc)
    doc.encode("utf-8")  # writable as UTF-8


# --------------------------------------------------------------------------- corpus


def version(central: Article, span: tuple[int, int], other: Article, quote: str, kind: Kind, score: float):
    """``quote`` in ``other`` as a family member of the given kind, compared with the central one."""
    start = other.text.index(quote)
    end = start + len(quote)
    ops = word_diff(central.text, *span, other.text, start, end, Settings())
    return FamilyMember(other.id, start, end, kind, score, ops, marking_for(ops, kind, start, end))


def corpus_fixture() -> CorpusAlignment:
    quote = "The agency will review the merger before the end of the year, a spokesperson said."
    a = art("a", f"Markets fell sharply.\n{quote}\nOnly A says this.")
    b = art(
        "b", "Intro for B.\nThe agency will review the deal before the end of the year, a spokesperson said."
    )
    c = art("c", "C reports: the agency is expected to look at the merger by year end, a spokesperson said.")
    d = art("d", "Unrelated weather report for the weekend.")
    b_quote = "The agency will review the deal before the end of the year, a spokesperson said."
    c_quote = "the agency is expected to look at the merger by year end, a spokesperson said."
    ab = pair_of(a, b, passage(a, b, quote, b_quote), shared=(0.6, 0.7))
    ac = pair_of(a, c, passage(a, c, quote, c_quote, Kind.PARAPHRASE, 0.6), shared=(0.55, 0.8))
    central = (a.text.index(quote), a.text.index(quote) + len(quote))
    members = (
        version(a, central, b, b_quote, Kind.EDITED, 0.85),
        FamilyMember("a", *central, Kind.VERBATIM, 1.0),
        version(a, central, c, c_quote, Kind.PARAPHRASE, 0.6),
    )
    family = Family("f1", quote, members, central=1)
    stats = tuple(ArticleStats(x.id, 10, 0.5, 0.5, 1 if x.id != "d" else 0) for x in (a, b, c, d))
    return CorpusAlignment((a, b, c, d), Settings(), (ab, ac), (family,), stats)


def test_corpus_report_matrix_pairs_and_families() -> None:
    corpus = corpus_fixture()
    doc = render_corpus_html(corpus, generated=WHEN)
    check_document(doc)
    tree = tree_of(doc)
    rows = tree.xpath("//table[@class='matrix']/tbody/tr")
    assert len(rows) == 4 and all(len(r.xpath("td")) == 4 for r in rows)
    ids = [x.id for x in corpus.articles]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.xpath("td")):
            if i == j:
                assert cell.text_content() == "—"
                continue
            pair = corpus.pair(ids[i], ids[j])
            assert cell.text_content() == f"{pair.shared_a * 100:.0f}%"
            links = cell.xpath("a/@href")
            assert links == ([f"#pair-{min(i, j) + 1}-{max(i, j) + 1}"] if pair.passages else [])
    sections = tree.xpath("//section[@class='pair']")
    assert [s.get("id") for s in sections] == ["pair-1-2", "pair-1-3"]
    assert all(len(s.xpath(".//article[contains(@class,'card')]")) == 1 for s in sections)
    # Families: the overview table and the family itself, central version first.
    fam = tree.get_element_by_id("family-1")
    members = fam.xpath(".//li[contains(@class,'member')]")
    assert len(members) == 3
    assert "central" in members[0].get("class") and "central version" in members[0].text_content()
    assert [m.xpath(".//span[@class='key']")[0].text for m in members] == ["1", "2", "3"]
    central_text = corpus.article("a").text
    c = corpus.families[0].central_member
    others = (corpus.families[0].members[0], corpus.families[0].members[2])  # in article order
    for li, m in zip(members[1:], others, strict=True):
        other = corpus.article(m.article).text
        assert m.diff == word_diff(central_text, c.start, c.end, other, m.start, m.end, corpus.settings)
        ops = member_diff(m, central_text, other)
        assert ops, "the fixture's paraphrase is close enough to be marked"
        ins = flat(" ".join(other[o.b_start : o.b_end] for o in ops if o.op == Op.INSERT))
        dels = flat(" ".join(central_text[o.a_start : o.a_end] for o in ops if o.op == Op.DELETE))
        assert flat(" ".join(x.text_content() for x in li.iter("ins"))) == ins
        shown_dels = flat(" ".join(x.text_content() for x in li.iter("del")))
        assert shown_dels == dels
        assert m.kind != Kind.PARAPHRASE or dels == "", "a paraphrase shows no struck-through words"
        if m.kind == Kind.PARAPHRASE:  # the version reads exactly as published
            quote = li.xpath(".//div[contains(@class,'quote')]")[0]
            assert flat(quote.text_content()) == flat(other[m.start : m.end])
    presence = tree.xpath("//table[@class='presence']/tbody/tr/td[@class='mark']")
    assert [x.text_content() for x in presence] == ["●", "E", "P", ""]


def _help_text(tree: lxml.html.HtmlElement) -> str:
    return flat(tree.xpath("//section[@class='legend']/p[contains(@class,'js-only')]")[0].text_content())


def test_keyboard_help_fits_the_view(small: tuple[Article, Article, PairAlignment]) -> None:
    # Two columns: Enter jumps to the counterpart column. Cards: both sides are together,
    # so there is no column to jump to; Enter moves between the card's two sides.
    a, b, pair = small
    full = tree_of(render_pair_html(a, b, pair, Settings()))
    assert _help_text(full) == flat(LINK_HELP_COLUMNS)
    for doc in (
        render_pair_html(a, b, pair, Settings(), changes_only=True),
        render_corpus_html(corpus_fixture()),
    ):
        text = _help_text(tree_of(doc))
        assert text == flat(LINK_HELP_CARDS)
        assert "jump" not in text and "column" not in text


def test_matrix_caption_says_the_share_is_inside_shared_passages() -> None:
    corpus = corpus_fixture()
    tree = tree_of(render_corpus_html(corpus))
    caption = flat(tree.xpath("//table[@class='matrix']/caption")[0].text_content())
    assert caption == flat(MATRIX_CAPTION)
    assert "row article's words" in caption and "inside passages it shares with the column article" in caption
    assert "also appear" not in caption
    first_row = tree.xpath("//table[@class='matrix']/tbody/tr")[0]
    tip = first_row.xpath("td")[1].get("title")
    assert tip == "60% of Outlet a's words are in passages shared with Outlet b"


def test_family_versions_mark_only_what_is_worth_marking() -> None:
    central = "The agency will review the merger before the end of the year, a spokesperson said."
    close = "The agency will look at the merger before the end of the year, a spokesperson said."
    loose = "Regulators plan a probe into the tie-up within months, according to officials."
    a, b, c = art("a", central), art("b", close), art("c", loose)
    members = (
        FamilyMember("a", 0, len(central), Kind.VERBATIM, 1.0),
        version(a, (0, len(central)), b, close, Kind.PARAPHRASE, 0.8),  # close, yet called a paraphrase
        compare_member(central, (0, len(central)), "c", loose, (0, len(loose)), Settings()),
    )
    assert members[2].kind is Kind.PARAPHRASE
    assert [m.marking for m in members] == [Marking.NONE, Marking.OWN_WORDS, Marking.NONE]
    corpus = CorpusAlignment((a, b, c), Settings(), (), (Family("f", central, members),))
    tree = tree_of(render_corpus_html(corpus))
    li = tree.get_element_by_id("family-1").xpath(".//li[contains(@class,'member')]")
    # The close paraphrase: its shared words plain, its own words underlined, nothing struck.
    assert [x.text_content() for x in li[1].iter("ins")] == ["look at"]
    assert list(li[1].iter("del")) == []
    assert flat(li[1].text_content()).endswith(flat(close))
    # The loose paraphrase shares too little to mark: shown as published.
    assert list(li[2].iter("ins")) == [] and list(li[2].iter("del")) == []
    assert flat(li[2].text_content()).endswith(flat(loose))


def test_corpus_report_escapes_names_passages_and_families() -> None:
    a, b, pair = hostile_articles()
    p = pair.passages[0]
    members = (
        FamilyMember("a", p.a_start, p.a_end, Kind.VERBATIM, 1.0),
        FamilyMember("b", p.b_start, p.b_end, Kind.EDITED, 0.9),
    )
    corpus = CorpusAlignment((a, b), Settings(), (pair,), (Family("f", HOSTILE[4] + HOSTILE[2], members),))
    doc = render_corpus_html(corpus)
    check_document(doc)
    tree = tree_of(doc)
    names = tree.xpath("//table[@class='articles']")[0].text_content()
    assert all(piece in names for piece in HOSTILE[:4])  # titles and outlets
    for where in ("//section[@class='pair']", "//section[@class='family']"):
        text = flat(tree.xpath(where)[0].text_content())  # families show white space as plain spaces
        assert all(flat(piece) in text for piece in HOSTILE)


# --------------------------------------------------------------------------- invariants

WORDS = ["the", "cat", "sat", "<b>", "&amp;", '"q"', "it's", "—", "mat", "dog", "été", "1.5", "</p>", "<!--"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    a_parts=st.lists(sentence, min_size=1, max_size=6),
    b_parts=st.lists(sentence, min_size=1, max_size=6),
    seps=st.lists(st.sampled_from([" ", "\n", "\n\n", " \n "]), min_size=6, max_size=6),
    picks=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=4),
    chrome=st.lists(st.tuples(st.integers(0, 300), st.integers(1, 60)), max_size=3),
)
def test_any_pair_renders_complete_and_well_nested(
    a_parts: list[str],
    b_parts: list[str],
    seps: list[str],
    picks: list[tuple[int, int]],
    chrome: list[tuple[int, int]],
) -> None:
    def join(parts: list[str]) -> tuple[str, list[tuple[int, int]]]:
        text, spans = "", []
        for k, part in enumerate(parts):
            if k:
                text += seps[k]
            spans.append((len(text), len(text) + len(part)))
            text += part
        return text, spans

    text_a, spans_a = join(a_parts)
    text_b, spans_b = join(b_parts)
    # Boilerplate anywhere, even across a passage (the aligner keeps partly-boilerplate sentences).
    boilerplate: list[tuple[int, int]] = []
    for start, length in sorted(chrome):
        start = max(min(start, len(text_a) - 1), boilerplate[-1][1] if boilerplate else 0)
        if start < min(start + length, len(text_a)):
            boilerplate.append((start, min(start + length, len(text_a))))
    a, b = art("a", text_a, boilerplate=tuple(boilerplate)), art("b", text_b)
    used_a: set[int] = set()
    used_b: set[int] = set()
    passages = []
    for i, j in picks:  # each sentence used once per side, as the aligner guarantees
        i, j = i % len(spans_a), j % len(spans_b)
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        (sa, ea), (sb, eb) = spans_a[i], spans_b[j]
        # Sometimes two sentences form one passage, crossing a paragraph break.
        if i + 1 < len(spans_a) and i + 1 not in used_a and j % 2:
            used_a.add(i + 1)
            ea = spans_a[i + 1][1]
        diff = word_diff(text_a, sa, ea, text_b, sb, eb, Settings())
        passages.append(Passage(sa, ea, sb, eb, Kind.EDITED, 0.5, diff))
    assert passages, "the first pick always makes a passage, so marks are rendered"
    alignment = PairAlignment("a", "b", tuple(sorted(passages, key=lambda p: p.a_start)))
    for changes_only in (False, True):
        doc = render_pair_html(a, b, alignment, Settings(), changes_only=changes_only)
        check_document(doc)
    tree = tree_of(render_pair_html(a, b, alignment, Settings()))
    for side, text in (("a", text_a), ("b", text_b)):
        prose = tree.xpath(f"//section[contains(@class,'column-{side}')]//div[@class='prose']")[0]
        assert text_without_badges(prose) == flat(text)
        assert len(tree.xpath(f"//*[starts-with(@id,'p{side}-')]")) == len(passages)


# --------------------------------------------------------------------------- the one export call


def test_html_document_is_the_pair_comparison_or_the_corpus_report() -> None:
    corpus = corpus_fixture()
    a, b = corpus.article("a"), corpus.article("b")
    pair = corpus.pair("a", "b")
    for changes_only in (False, True):
        expected = render_pair_html(a, b, pair, corpus.settings, changes_only=changes_only, generated=WHEN)
        assert html_document(corpus, ("a", "b"), changes_only=changes_only, generated=WHEN) == expected
    swapped = tree_of(html_document(corpus, ("b", "a"), generated=WHEN))
    column_a = swapped.xpath("//section[contains(@class,'column-a')]")[0].text_content()
    assert "Intro for B." in column_a and "Markets fell sharply." not in column_a
    assert html_document(corpus, generated=WHEN) == render_corpus_html(corpus, generated=WHEN)
    with pytest.raises(ValueError, match="pair"):
        html_document(corpus, changes_only=True)


# --------------------------------------------------------------------------- typed changes and quotes


def test_typed_changes_are_marked_with_their_type_title_and_letter() -> None:
    a = art("a", 'Police said 12,000 people came. "We hired 300 staff," Ek said.')
    b = art("b", 'Police claimed 1,200 people came. "We hired 400 staff," Ek said.')
    pair = align_pair(a, b, Settings(min_words=3))
    doc = render_pair_html(a, b, pair, Settings())
    check_document(doc)
    tree = tree_of(doc)
    marked = {
        (el.tag, el.get("class"), el.text_content(), el.get("data-letter"))
        for el in tree.xpath(
            "//section[contains(@class, 'column')]//*[contains(concat(' ', @class, ' '), ' chg ')]"
        )
    }
    assert ("del", "del chg chg-number chg-end", "12,000", "#") in marked
    assert ("ins", "ins chg chg-number chg-end", "1,200", "#") in marked
    assert ("ins", "ins chg chg-attribution chg-end", "claimed", "A") in marked
    (title,) = tree.xpath("//section[@class='column column-a']//del[text()='12,000']/@title")
    assert title == "Number or date: “12,000” → “1,200” (only in A)"
    quoted = tree.xpath("//section[@class='column column-b']//ins[text()='400']/@title")
    assert quoted == ["Number or date: “300” → “400” (inside quotation marks) (only in B)"]
    badges = flat(tree.xpath("//table[@class='passages']//td[@class='changes']")[0].text_content())
    # Both sentences are one reused passage: its row counts both figures.
    assert "#2" in badges and "A1" in badges and "2 Number or date" in badges
    legend = tree.xpath("//ul[@class='change-types']/li")
    assert len(legend) == len(ChangeType) - 1  # every type but wording


# --------------------------------------------------------------------------- bidi isolation

RLO = "\u202e"
ISOLATING = {"passage", "boilerplate", "del", "ins", "badge", "key", "side-label"}


def _isolated(el: lxml.html.HtmlElement) -> bool:
    for node in (el, *el.iterancestors()):
        if node.tag == "bdi" or (node.tag == "p" and "prose" in node.getparent().get("class", "")):
            return True
        if ISOLATING & set(node.get("class", "").split()):
            return True
    return False


@pytest.mark.parametrize("kind", ["pair", "changes only", "corpus", "quotes"])
def test_every_piece_of_article_text_is_bidi_isolated(kind: str) -> None:
    shared = f"The regulators met in Brussels {RLO}on Tuesday to discuss the new rules."
    if kind == "quotes":  # a statement both quote, one of them altered
        shared = f'"The regulators will {RLO}meet in Brussels on Tuesday to discuss the rules," she said.'
        altered = shared.replace("discuss", "debate")
    else:
        altered = shared
    a = art("a", f"Rules {RLO}on AI\n{shared}", title=f"Rules {RLO}on AI", outlet=f"Reuters{RLO}")
    b = art("b", f"AI rules\n{altered}", title="AI rules", outlet=f"{RLO}Associated Press")
    kind_of = Kind.VERBATIM if altered == shared else Kind.EDITED
    pair = pair_of(a, b, passage(a, b, shared, altered, kind_of, 1.0))
    members = (
        FamilyMember("a", pair.passages[0].a_start, pair.passages[0].a_end, kind_of, 1.0),
        FamilyMember("b", pair.passages[0].b_start, pair.passages[0].b_end, kind_of, 1.0),
    )
    if kind == "quotes":
        corpus = CorpusAlignment((a, b), Settings(), (pair,))
        statements = quote_check(corpus)
        assert any(len(q.articles) == 2 for q in statements), "both articles quote the statement"
        doc = render_quotes_html(corpus, statements, generated=WHEN)
    elif kind == "corpus":
        doc = render_corpus_html(
            CorpusAlignment((a, b), Settings(), (pair,), (Family("f", shared, members),)), generated=WHEN
        )
    else:
        doc = render_pair_html(a, b, pair, Settings(), changes_only=kind == "changes only", generated=WHEN)
    check_document(doc)
    tree = tree_of(doc)
    assert RLO not in tree.xpath("//title")[0].text_content()
    seen = 0
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("title", "style", "script"):
            continue
        if RLO in (el.text or ""):
            seen += 1
            assert _isolated(el), lxml.html.tostring(el)
        if RLO in (el.tail or "") and el.getparent() is not None:
            seen += 1
            assert _isolated(el.getparent()), lxml.html.tostring(el.getparent())
        for value in el.attrib.values():
            if RLO in value:
                seen += 1
                assert value.count("\u2068") and value.index("\u2068") < value.index(RLO), value
    assert seen >= 4, "the hostile names and text were found in the page"
    for bdi in tree.iter("bdi"):
        text = bdi.text_content()
        assert text.count(RLO) == text.count("\u202c"), "an override opened in a name is closed in it"
