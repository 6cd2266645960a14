"""HTML exports rendered by a real browser: complete, inert, offline and interactive.

Each test launches headless Chromium once and reads the DOM it ends with (``--dump-dom``
runs the page's scripts first). Interaction is driven by a small script appended to a
copy of the export, with its hash added to the page's Content-Security-Policy.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.pair import align_pair
from desktop.engine.align.segment import blocks
from desktop.engine.align.worddiff import word_diff
from desktop.engine.export.html_report import (
    LINK_HELP_CARDS,
    LINK_HELP_COLUMNS,
    render_corpus_html,
    render_pair_html,
)
from desktop.engine.export.output import write_atomic
from desktop.engine.load.articles import load_article, load_articles
from desktop.engine.marking import passage_diff
from desktop.engine.model import Article, Kind, Op, PairAlignment, Passage, Settings

if TYPE_CHECKING:
    from conftest import Browser

pytestmark = pytest.mark.browser

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')


def with_script(doc: str, js: str) -> str:
    """``doc`` with ``js`` run at the end of the body, allowed by the page's policy."""
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    assert "script-src " in doc
    doc = doc.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
    return doc.replace("</body>", f"<script>{js}</script>\n</body>", 1)


def without_policy(doc: str) -> str:
    """``doc`` without its Content-Security-Policy, so that escaping alone is what is tested."""
    stripped, count = CSP_META.subn("", doc)
    assert count == 1
    return stripped


def save(tmp_path: Path, name: str, doc: str) -> Path:
    path = tmp_path / name
    write_atomic(path, doc)
    return path


def marks_expected(text: str, alignment: PairAlignment, op: Op, side: str) -> int:
    """How many ``<del>``/``<ins>`` elements a side should show: one per changed run per paragraph."""
    paragraphs = list(blocks(text))
    count = 0
    for p in alignment.passages:
        for d in p.diff:
            if d.op != op:
                continue
            start, end = (d.a_start, d.a_end) if side == "a" else (d.b_start, d.b_end)
            for ps, pe in paragraphs:
                piece = text[max(start, ps) : min(end, pe)]
                count += bool(piece.strip())
    return count


def test_seed_pair_shows_every_passage_and_change(
    browser: Browser, seed_paths: list[Path], tmp_path: Path
) -> None:
    a, b = load_article(seed_paths[1]), load_article(seed_paths[2])
    alignment = align_pair(a, b, Settings())
    assert alignment.passages
    dom = browser.dump_dom(save(tmp_path, "pair.html", render_pair_html(a, b, alignment, Settings())))

    assert "js" in dom.get("class", "").split(), "the page's own script ran under its policy"
    n = len(alignment.passages)
    assert len(dom.xpath("//*[starts-with(@id, 'pa-')]")) == n
    assert len(dom.xpath("//*[starts-with(@id, 'pb-')]")) == n
    assert len(dom.xpath("//table[contains(@class, 'passages')]/tbody/tr")) == n
    col_a, col_b = (dom.xpath(f"//section[contains(@class, 'column-{side}')]")[0] for side in "ab")
    # At least one mark per changed run per paragraph (a typed change inside a run is a
    # mark of its own), and together they hold exactly the changed text.
    assert len(col_a.xpath(".//del")) >= marks_expected(a.text, alignment, Op.DELETE, "a") > 0
    assert len(col_b.xpath(".//ins")) >= marks_expected(b.text, alignment, Op.INSERT, "b") > 0
    for col, text, op, side, tag in (
        (col_a, a.text, Op.DELETE, "a", "del"),
        (col_b, b.text, Op.INSERT, "b", "ins"),
    ):
        shown = "".join("".join(x.text_content() for x in col.iter(tag)).split())
        spans = [
            (d.a_start, d.a_end) if side == "a" else (d.b_start, d.b_end)
            for p in alignment.passages
            for d in passage_diff(p, a, b)  # the engine's one marking decision
            if d.op == op
        ]
        assert shown == "".join("".join(text[s:e] for s, e in sorted(spans)).split())
    assert not col_a.xpath(".//ins") and not col_b.xpath(".//del")
    ids = set(dom.xpath("//@id"))
    assert all(href[1:] in ids for href in dom.xpath("//a/@href"))


HOSTILE_TITLE = "<script>document.title='pwned'</script>"
HOSTILE_IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
HOSTILE_BEACON = '"><img src="http://example.com/beacon.png">'
HOSTILE_STYLE = "</style><style>body{background:url(https://example.com/bg.png)}</style>"
HOSTILE_REST = "<!-- a closed comment, so later payloads stay live --> &amp; </p></span>"


def test_hostile_article_is_shown_as_text_and_does_nothing(browser: Browser, tmp_path: Path) -> None:
    shared = f"The minister said {HOSTILE_IMG} and {HOSTILE_BEACON} in a statement on Friday."
    text_a = f"{HOSTILE_TITLE}\n{shared}\n{HOSTILE_STYLE}"
    text_b = f"Intro {HOSTILE_REST}\n{shared.replace('Friday', 'Monday')}"
    a = Article("a", HOSTILE_TITLE, HOSTILE_BEACON, text_a)
    b = Article("b", HOSTILE_STYLE, HOSTILE_REST, text_b)
    sa, sb = text_a.index("The minister"), text_b.index("The minister")
    ea, eb = text_a.index("\n", sa), len(text_b)
    diff = word_diff(text_a, sa, ea, text_b, sb, eb, Settings())
    alignment = PairAlignment("a", "b", (Passage(sa, ea, sb, eb, Kind.EDITED, 0.9, diff),), 0.5, 0.5)
    doc = without_policy(render_pair_html(a, b, alignment, Settings()))
    netlog = tmp_path / "net.json"
    dom = browser.dump_dom(save(tmp_path, "hostile.html", doc), netlog=netlog)

    assert dom.findtext(".//title") == f"Syndiff: {HOSTILE_TITLE} — {HOSTILE_STYLE}"
    assert dom.body.get("data-pwned") is None
    assert dom.xpath("//img") == []
    assert len(dom.xpath("//script")) == 1 and len(dom.xpath("//style")) == 1
    text = dom.body.text_content()
    for piece in (HOSTILE_TITLE, HOSTILE_IMG, HOSTILE_BEACON, HOSTILE_STYLE, HOSTILE_REST):
        assert piece in text
    assert browser.page_requests(netlog) == []


def test_request_check_sees_a_page_request(browser: Browser, tmp_path: Path) -> None:
    """The net-log check above would notice a request if a page made one."""
    netlog = tmp_path / "net.json"
    page = save(tmp_path, "control.html", '<!DOCTYPE html><img src="http://example.com/beacon.png">')
    browser.dump_dom(page, netlog=netlog)
    assert browser.page_requests(netlog) == ["http://example.com/beacon.png"]


INTERACTION = """
(function () {
  function linked() {
    return Array.prototype.map.call(document.querySelectorAll(".linked"), function (el) {
      return el.id || "(piece)";
    }).sort().join(" ");
  }
  // A headless page may not have system focus yet, and then focus() moves the active
  // element without firing focus events: fire them by hand so the run does not depend on it.
  function focus(el) { el.focus(); el.dispatchEvent(new FocusEvent("focusin", { bubbles: true })); }
  function blur(el) { el.blur(); el.dispatchEvent(new FocusEvent("focusout", { bubbles: true })); }
  var log = [];
  var first = document.getElementById("pa-1");
  focus(first);
  log.push("focus:" + linked());
  first.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  log.push("enter:" + document.activeElement.id + ":" + linked());
  blur(document.activeElement);
  log.push("blur:" + linked());
  document.getElementById("pb-2").dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
  log.push("hover:" + linked());
  document.querySelector("h1").dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
  log.push("away:" + linked());
  document.body.setAttribute("data-log", log.join("|"));
})();
"""


@pytest.mark.parametrize("changes_only", [False, True], ids=["columns", "cards"])
def test_counterpart_lights_up_on_focus_and_hover(
    browser: Browser, tmp_path: Path, changes_only: bool
) -> None:
    """Both views do what their keyboard help says: Enter moves to the other side."""
    text_a = "Opening of A.\nThe council approved the budget on Tuesday night.\nRoads will be repaired first."
    text_b = (
        "Roads will be repaired first, officials said.\nB opens later.\n"
        "The council passed the budget on Tuesday."
    )
    a, b = Article("a", "A", "Outlet A", text_a), Article("b", "B", "Outlet B", text_b)
    passages = []
    for part_a, part_b in (
        ("The council approved the budget on Tuesday night.", "The council passed the budget on Tuesday."),
        ("Roads will be repaired first.", "Roads will be repaired first, officials said."),
    ):
        sa, sb = text_a.index(part_a), text_b.index(part_b)
        ea, eb = sa + len(part_a), sb + len(part_b)
        diff = word_diff(text_a, sa, ea, text_b, sb, eb, Settings())
        passages.append(Passage(sa, ea, sb, eb, Kind.EDITED, 0.8, diff))
    alignment = PairAlignment("a", "b", tuple(passages), 0.6, 0.6)
    doc = with_script(render_pair_html(a, b, alignment, Settings(), changes_only=changes_only), INTERACTION)
    dom = browser.dump_dom(save(tmp_path, "interact.html", doc))

    help_text = " ".join(dom.xpath("//section[@class='legend']/p")[0].text_content().split())
    assert help_text == (LINK_HELP_CARDS if changes_only else LINK_HELP_COLUMNS)

    assert dom.body.get("data-log", "").split("|") == [
        "focus:pa-1 pb-1",
        "enter:pb-1:pa-1 pb-1",  # Enter moves focus to the counterpart
        "blur:",
        "hover:pa-2 pb-2",
        "away:",
    ]


def test_corpus_report_in_browser(browser: Browser, seed_paths: list[Path], tmp_path: Path) -> None:
    articles, errors = load_articles(seed_paths)
    assert not errors
    corpus = align_corpus(articles, Settings())
    dom = browser.dump_dom(save(tmp_path, "corpus.html", render_corpus_html(corpus)))

    n = len(articles)
    rows = dom.xpath("//table[@class='matrix']/tbody/tr")
    assert len(rows) == n and all(len(row.xpath("td")) == n for row in rows)
    with_passages = [
        (i, j)
        for i in range(n)
        for j in range(i + 1, n)
        if corpus.pair(articles[i].id, articles[j].id).passages
    ]
    assert len(dom.xpath("//section[@class='pair']")) == len(with_passages)
    assert len(dom.xpath("//a[starts-with(@href, '#pair-')]")) == 2 * len(with_passages)  # both triangles
    families = dom.xpath("//section[@class='family']")
    assert len(families) == len(corpus.families) > 0
    for section, family in zip(families, corpus.families, strict=True):
        assert len(section.xpath(".//li[contains(@class, 'member')]")) == len(family.members)
    ids = set(dom.xpath("//@id"))
    assert all(href[1:] in ids for href in dom.xpath("//a/@href"))


# Reports, for each of the page's own words listed, whether Chromium lays out its letters
# left to right: a leaked right-to-left override would draw "and" as "dna".
_LETTER_ORDER = """
const out = {};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  for (const word of WORDS) {
    const at = node.textContent.indexOf(word);
    if (at < 0 || out[word] === false) continue;
    const rects = [...word].map((_, k) => {
      const range = document.createRange();
      range.setStart(node, at + k);
      range.setEnd(node, at + k + 1);
      return range.getBoundingClientRect();
    });
    if (rects.some((r) => r.width === 0)) continue;  // not displayed
    const xs = rects.map((r) => r.left);
    out[word] = xs.every((x, k) => k === 0 || x > xs[k - 1]);
  }
}
document.body.setAttribute('data-order', JSON.stringify(out));
"""


def test_a_right_to_left_override_in_an_outlet_stays_inside_it(browser: Browser, tmp_path: Path) -> None:
    shared = "The regulators met in Brussels on Tuesday to discuss the new rules for AI."
    a = Article("a", "Rules \u202eon AI", "Reuters\u202e", f"Rules on AI\n{shared}")
    b = Article("b", "AI rules", "Associated Press", f"AI rules\n{shared}")
    sa, sb = a.text.index("The"), b.text.index("The")
    diff = word_diff(a.text, sa, len(a.text), b.text, sb, len(b.text), Settings())
    passage = Passage(sa, len(a.text), sb, len(b.text), Kind.VERBATIM, 1.0, diff)
    alignment = PairAlignment("a", "b", (passage,), 0.5, 0.5)
    words = ["and", "Associated", "Passages", "Article", "shared"]
    js = f"const WORDS = {words!r};\n{_LETTER_ORDER}"
    doc = with_script(render_pair_html(a, b, alignment, Settings()), js)
    dom = browser.dump_dom(save(tmp_path, "bidi.html", doc))
    order = json.loads(dom.xpath("//body/@data-order")[0])
    assert order == dict.fromkeys(words, True), "text after the outlet name is drawn left to right"
    assert "\u202e" not in dom.xpath("//title")[0].text_content()
