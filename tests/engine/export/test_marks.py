"""Article text as HTML: escaping, paragraphs, layered marks, change marks and inline versions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.engine.align.worddiff import word_diff
from desktop.engine.export.marks import (
    Mark,
    boilerplate_marks,
    change_marks,
    esc,
    paragraphs,
    render_text,
    unified,
)
from desktop.engine.model import Article, DiffOp, Op


def mark(start: int, end: int, name: str) -> Mark:
    return Mark(start, end, f"<{name}>", f"<{name} again>", f"</{name}>")


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<b> & \"q\" 's'", "&lt;b&gt; &amp; &quot;q&quot; &#x27;s&#x27;"),
        ("bell \x07, null \x00, DEL \x7f", "bell \ufffd, null \ufffd, DEL \ufffd"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("tab\tnew line\ncarriage\r", "tab\tnew line\ncarriage\r"),
    ],
)
def test_esc_escapes_markup_and_replaces_characters_html_cannot_hold(text: str, html: str) -> None:
    assert esc(text) == html


def test_paragraphs_are_the_engines_blocks_clipped_and_trimmed() -> None:
    text = "First line.\n\n  Second line here.  \nThird."
    assert [text[s:e] for s, e in paragraphs(text, 0, len(text))] == [
        "First line.",
        "Second line here.",
        "Third.",
    ]
    start = text.index("line here")
    assert [text[s:e] for s, e in paragraphs(text, start, len(text) - 3)] == ["line here.", "Thi"]
    assert paragraphs(text, 11, 13) == []  # only the blank line between


def test_render_text_wraps_paragraphs_and_escapes_every_piece() -> None:
    assert render_text("a < b.\nc & d", 0, 12, (), ()) == "<p>a &lt; b.</p>\n<p>c &amp; d</p>\n"


def test_a_mark_across_a_paragraph_break_is_closed_and_reopened() -> None:
    text = "One two.\nThree four."
    outer = [mark(4, 14, "o")]  # "two.\nThree"
    inner = [mark(4, 7, "i"), mark(9, 14, "i")]  # "two" and "Three"
    assert render_text(text, 0, len(text), outer, inner) == (
        "<p>One <o><i>two</i>.</o></p>\n<p><o again><i>Three</i></o> four.</p>\n"
    )


def test_an_inner_mark_sticking_out_of_its_outer_one_stays_well_nested() -> None:
    text = "alpha beta gamma"
    html = render_text(text, 0, len(text), [mark(0, 10, "o")], [mark(6, 16, "i")])
    assert html == "<p><o>alpha <i>beta</i></o><i again> gamma</i></p>\n"


def test_only_the_requested_slice_is_rendered() -> None:
    text = "Before. Middle part. After."
    assert render_text(text, 8, 20, [mark(0, 27, "o")], ()) == "<p><o>Middle part.</o></p>\n"


def test_change_marks_hug_the_changed_words_on_their_own_side() -> None:
    a, b = "would like to use it", "would love to  use it"
    ops = word_diff(a, 0, len(a), b, 0, len(b))
    (deleted,) = change_marks(a, ops, "a")
    (inserted,) = change_marks(b, ops, "b")
    assert a[deleted.start : deleted.end] == "like" and deleted.first.startswith('<del class="del"')
    assert b[inserted.start : inserted.end] == "love" and inserted.close == "</ins>"
    # A change of white space only leaves nothing to mark.
    spaced = [DiffOp(Op.DELETE, 2, 4, 0, 0)]
    assert change_marks("ab  cd", spaced, "a") == []


def test_boilerplate_marks_leave_out_what_lies_inside_a_passage() -> None:
    text = "Read more: the storm closed schools. Share this."
    article = Article("a", "t", "o", text, boilerplate=((0, len(text)),))
    passage = (text.index("the storm"), text.index(" Share"))
    pieces = [text[m.start : m.end] for m in boilerplate_marks(article, [passage])]
    assert pieces == ["Read more: ", " Share this."]
    assert [text[m.start : m.end] for m in boilerplate_marks(article)] == [text]


def test_unified_shows_a_version_with_its_changes_inline() -> None:
    central = "The agency will review the merger before the end of the year."
    member = "The agency will look at the deal  before the end of the year."
    ops = word_diff(central, 0, len(central), member, 0, len(member))
    line = unified(central, member, ops)
    assert line == (
        'The agency will <del class="del">review</del> <ins class="ins">look at</ins> the '
        '<del class="del">merger</del> <ins class="ins">deal</ins> before the end of the year.'
    )
    own_words = unified(central, member, ops, deletions=False)
    assert "<del" not in own_words
    assert own_words.replace('<ins class="ins">', "").replace("</ins>", "") == (
        "The agency will look at the deal before the end of the year."
    )


def test_unified_escapes_both_versions() -> None:
    central, member = "say <b>", "say <i>"
    ops = word_diff(central, 0, len(central), member, 0, len(member))
    assert unified(central, member, ops) == 'say &lt;<del class="del">b</del> <ins class="ins">i</ins>&gt;'


@given(st.text(alphabet="ab <&\n", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40))))
def test_any_marks_give_the_text_back_once_escaped_tags_removed(
    text: str, cuts: list[tuple[int, int]]
) -> None:
    spans = sorted({(min(s, e, len(text)), min(max(s, e), len(text))) for s, e in cuts})
    outer: list[Mark] = []
    for s, e in spans:  # non-overlapping outer marks, as the renderers make them
        if s < e and (not outer or s >= outer[-1].end):
            outer.append(mark(s, e, "o"))
    html = render_text(text, 0, len(text), outer, ())
    assert html.count("<p>") == html.count("</p>")
    assert html.count("<o") == html.count("</o>")
    plain = html.replace("<o again>", "").replace("<o>", "").replace("</o>", "")
    plain = plain.replace("<p>", "").replace("</p>\n", "")
    assert "".join(plain.split()) == "".join(esc(text).split())
