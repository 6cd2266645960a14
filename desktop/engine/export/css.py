"""The fixed parts of an HTML export: style sheet, script and page shell.

Kept apart from :mod:`.html_report` so the renderer reads as structure only. Nothing here
ever sees article text except through ``body``, which the renderer has already escaped.

The page carries a Content-Security-Policy that allows only its own inline script (by
hash) and inline styles, and loads nothing: even if an escaping bug let markup through,
the browser would run no script from an article and fetch nothing from the network.
"""

from __future__ import annotations

import base64
import hashlib
import html

_LIGHT = """
  --bg: #ffffff; --fg: #1d1f23; --muted: #5b6270; --rule: #d8dbe0; --panel: #f4f5f7;
  --accent: #1f5fd1;
  --verbatim: #dde8ff; --verbatim-edge: #3f6fd8;
  --edited: #fff0bf; --edited-edge: #a87c00;
  --paraphrase: #f0e4ff; --paraphrase-edge: #7d4fcb;
  --del-bg: #ffd6d3; --del-fg: #85160c;
  --ins-bg: #c9f2d3; --ins-fg: #0b5222;
  --heat: #e8590c;
  --chg-quote: #b0166e; --chg-number: #0a5fc2; --chg-name: #8a5a00;
  --chg-attribution: #6b3fc0; --chg-hedge: #c24d00; --chg-negation: #c0142c;
"""

_DARK = """
  --bg: #16181c; --fg: #e4e6ea; --muted: #a2a9b5; --rule: #363a43; --panel: #1f2228;
  --accent: #82a8ff;
  --verbatim: #1e3357; --verbatim-edge: #84a6f5;
  --edited: #45370d; --edited-edge: #e3b62e;
  --paraphrase: #382a55; --paraphrase-edge: #b995f5;
  --del-bg: #5c201c; --del-fg: #ffcdc8;
  --ins-bg: #16472a; --ins-fg: #c2f1cf;
  --heat: #c2410c;
  --chg-quote: #ff7ac4; --chg-number: #7fb6ff; --chg-name: #e8b650;
  --chg-attribution: #c3a2ff; --chg-hedge: #ffa05c; --chg-negation: #ff7b8a;
"""

CSS = (
    """
:root {
  color-scheme: light dark;"""
    + _LIGHT
    + """}
@media (prefers-color-scheme: dark) { :root {"""
    + _DARK
    + """} }
* { box-sizing: border-box; }
/* Article text is bidi-isolated: a right-to-left override in one outlet's name, title or
   passage cannot reorder the headings, badges and text around it. */
bdi, .prose p, .passage, .boilerplate, .del, .ins, .badge, .key, .side-label { unicode-bidi: isolate; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 1480px; padding: 1.5rem 2rem 4rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
}
h1 { font-size: 1.45rem; line-height: 1.25; margin: 0 0 0.4rem; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 0.6rem; }
h3 { font-size: 1.02rem; margin: 1.6rem 0 0.5rem; }
a { color: var(--accent); }
.muted, .meta { color: var(--muted); }
.meta { margin: 0.2rem 0; font-size: 0.9rem; }
.file { overflow-wrap: anywhere; }
.kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.75rem; font-weight: 650;
  color: var(--muted); margin: 0 0 0.3rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 2rem; margin: 1rem 0; }
.side-card { border-left: 4px solid var(--rule); padding: 0.1rem 0 0.1rem 0.8rem; }
.side-card .title { font-weight: 650; font-size: 1.05rem; overflow-wrap: anywhere; }
.key { display: inline-block; min-width: 1.6em; padding: 0 0.35em; margin-right: 0.35em; border-radius: 0.3em;
  background: var(--fg); color: var(--bg); font: 700 0.8em/1.5 system-ui, sans-serif; text-align: center; }
.summary { display: flex; flex-wrap: wrap; gap: 0.6rem 2rem; align-items: baseline; margin: 0.8rem 0; }
.stat b { font-size: 1.25rem; }
.bar { display: inline-block; width: 7rem; height: 0.55rem; border-radius: 0.3rem; background: var(--panel);
  border: 1px solid var(--rule); vertical-align: middle; overflow: hidden; margin-left: 0.4rem; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.legend, .settings { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px;
  padding: 0.6rem 0.9rem; margin: 0.8rem 0; font-size: 0.9rem; }
.legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.35rem 1.6rem; }
.legend p { margin: 0.5rem 0 0; }
.settings dl { display: flex; flex-wrap: wrap; gap: 0.2rem 1.4rem; margin: 0; }
.settings dt { display: inline; color: var(--muted); }
.settings dd { display: inline; margin: 0; font-weight: 600; }
.settings div { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.5rem; text-align: left;
  vertical-align: top; }
th { font-weight: 650; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.excerpt { font-family: Georgia, "Iowan Old Style", "Times New Roman", serif; overflow-wrap: anywhere; }
td.excerpt a { color: inherit; text-decoration: none; }
td.excerpt a:hover, td.excerpt a:focus { text-decoration: underline; }
.prose { font: 1.05rem/1.62 Georgia, "Iowan Old Style", "Times New Roman", serif; overflow-wrap: break-word; }
.prose p { margin: 0 0 0.85em; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2.5rem; }
.column-head { position: sticky; top: 0; z-index: 1; background: var(--bg);
  border-bottom: 2px solid var(--rule);
  padding: 0.5rem 0; margin: 0 0 0.9rem; font: 650 0.95rem/1.35 system-ui, sans-serif;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.passage { --k: var(--verbatim); --k-edge: var(--verbatim-edge);
  background: var(--k); border-radius: 3px; padding: 0.08em 0.1em;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.passage.edited { --k: var(--edited); --k-edge: var(--edited-edge); }
.passage.paraphrase { --k: var(--paraphrase); --k-edge: var(--paraphrase-edge); }
.passage.manual { border-bottom: 2px dashed var(--k-edge); }
.passage:focus { outline: none; }
.passage:hover, .passage:focus-visible, .passage.linked {
  outline: 2px solid var(--accent); outline-offset: 1px; }
.passage.linked { box-shadow: 0 0 0 4px color-mix(in srgb, var(--accent) 25%, transparent); }
.badge { display: inline-block; font: 700 0.62rem/1.25 system-ui, sans-serif; letter-spacing: 0.02em;
  vertical-align: 0.45em; padding: 0.05rem 0.3rem; margin-right: 0.25rem; border-radius: 0.6rem;
  background: var(--k-edge, var(--muted)); color: var(--bg); text-decoration: none; }
a.badge:hover, a.badge:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
del, .del { text-decoration: line-through; text-decoration-thickness: 0.09em; background: var(--del-bg);
  color: var(--del-fg); border-radius: 2px; }
ins, .ins { text-decoration: underline; text-decoration-thickness: 0.1em; text-underline-offset: 0.16em;
  background: var(--ins-bg); color: var(--ins-fg); border-radius: 2px; }
.boilerplate { color: var(--muted); opacity: 0.75; font-style: italic; }
.chg, .chg-badge { --c: var(--muted); }
.chg-quote { --c: var(--chg-quote); }
.chg-number { --c: var(--chg-number); }
.chg-name { --c: var(--chg-name); }
.chg-attribution { --c: var(--chg-attribution); }
.chg-hedge { --c: var(--chg-hedge); }
.chg-negation { --c: var(--chg-negation); }
.chg { outline: 2px solid var(--c); outline-offset: 0; }
.chg-end::after { content: attr(data-letter); display: inline-block; margin-left: 0.15em;
  font: 700 0.62em/1 system-ui, sans-serif; vertical-align: 0.55em; color: var(--c); }
.chg-badge { display: inline-block; font: 700 0.72rem/1.3 system-ui, sans-serif; padding: 0 0.35rem;
  margin: 0 0.2rem 0.1rem 0; border: 1.5px solid var(--c); border-radius: 0.6rem; color: var(--c);
  white-space: nowrap; }
td.changes { white-space: nowrap; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.legend-head { margin: 0.6rem 0 0.3rem; }
.flag { font: 650 0.75rem/1.4 system-ui, sans-serif; color: var(--del-fg); background: var(--del-bg);
  border-radius: 0.6rem; padding: 0 0.45rem; vertical-align: 0.1em; }
.use-verbatim, .member.use-verbatim { --k-edge: var(--verbatim-edge); }
.use-altered, .member.use-altered { --k-edge: var(--del-fg); }
.use-paraphrased, .member.use-paraphrased { --k-edge: var(--paraphrase-edge); }
.use-swatch { display: inline-block; min-width: 1.5em; text-align: center; font-weight: 700;
  border-left: 4px solid var(--k-edge); }
.article-keys { list-style: none; padding: 0; margin: 0.6rem 0; display: flex; flex-wrap: wrap;
  gap: 0.3rem 1.5rem; font-size: 0.9rem; }
details.alone summary { cursor: pointer; color: var(--muted); margin: 1.2rem 0 0.4rem; }
.alone-list { font-size: 0.9rem; padding-left: 1.2rem; }
.legend .swatch { padding: 0 0.3em; }
.cards { display: flex; flex-direction: column; gap: 1rem; }
.card { border: 1px solid var(--rule); border-left: 5px solid var(--k-edge); border-radius: 6px;
  padding: 0.6rem 0.9rem;
  --k: var(--verbatim); --k-edge: var(--verbatim-edge); }
.card.edited { --k: var(--edited); --k-edge: var(--edited-edge); }
.card.paraphrase { --k: var(--paraphrase); --k-edge: var(--paraphrase-edge); }
.card-head { font-size: 0.85rem; color: var(--muted); margin-bottom: 0.4rem; }
.card-head b { color: var(--fg); }
.card-head .badge { vertical-align: 0.1em; }
.card .pair-sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.4rem; }
.card .passage { display: block; background: none; padding: 0.2rem 0.4rem; margin: -0.2rem -0.4rem; }
.card .passage p:last-child { margin-bottom: 0; }
.side-label { font: 650 0.75rem/1.4 system-ui, sans-serif; color: var(--muted); text-transform: uppercase;
  letter-spacing: 0.05em; margin-bottom: 0.2rem; overflow-wrap: anywhere; }
.empty { padding: 1rem; border: 1px dashed var(--rule); border-radius: 6px; color: var(--muted); }
.matrix-wrap { overflow-x: auto; }
table.matrix { width: auto; }
.matrix th.row { max-width: 22rem; color: var(--fg); font-weight: 500; }
.matrix td { text-align: center; min-width: 4.2rem; font-variant-numeric: tabular-nums; font-weight: 600;
  background: color-mix(in srgb, var(--heat) calc(var(--v, 0) * 100%), var(--bg));
  border: 1px solid var(--bg); }
.matrix td a { color: inherit; display: block; text-decoration: none; }
.matrix td a:hover, .matrix td a:focus { text-decoration: underline; }
.matrix td.self { background: var(--panel); color: var(--muted); font-weight: 400; }
.matrix td.zero { color: var(--muted); font-weight: 400; }
.family { border-top: 1px solid var(--rule); padding-top: 0.4rem; }
.members { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.6rem; }
.member { border-left: 4px solid var(--k-edge); padding: 0.1rem 0 0.1rem 0.8rem;
  --k-edge: var(--verbatim-edge); }
.member.edited { --k-edge: var(--edited-edge); }
.member.paraphrase { --k-edge: var(--paraphrase-edge); }
.member.central { border-left-width: 6px; --k-edge: var(--fg); }
.member .who { font-size: 0.85rem; color: var(--muted); }
.member .who b { color: var(--fg); }
.member .quote { margin: 0.15rem 0 0; white-space: pre-line; }
.presence td.mark { text-align: center; }
.presence td.where { font-size: 0.85rem; font-variant-numeric: tabular-nums; }
/* A large set's report says what it summarises and where the rest is. */
.note { margin: 0.7rem 0; }
.summarised { border-left: 4px solid var(--accent); background: var(--panel); padding: 0.5rem 0.8rem;
  border-radius: 0 6px 6px 0; }
.contents { margin: 0.6rem 0; font-size: 0.95rem; }
code { font: 0.88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; white-space: nowrap; }
caption { text-align: left; caption-side: top; padding: 0 0 0.4rem; }
.js-only { display: none; }
html.js .js-only { display: revert; }
@media screen and (max-width: 820px) {
  body { padding: 1rem; }
  .columns, .sides, .card .pair-sides { grid-template-columns: minmax(0, 1fr); }
  .column-head { position: static; }
}
@media print {
  :root {"""
    + _LIGHT
    + """}
  @page { margin: 14mm 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html, body { background: #fff; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  .prose { font-size: 10pt; line-height: 1.5; }
  .column-head { position: static; white-space: normal; }
  .columns { gap: 1.2rem; }
  .js-only, .no-print { display: none !important; }
  .passage:hover, .passage:focus-visible, .passage.linked { outline: none; box-shadow: none; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, .column-head, .card-head, .side-label { break-after: avoid; }
  .card, .member, tr, .side-card, .prose p:has(.passage) { break-inside: avoid; }
  .prose p { orphans: 3; widows: 3; }
  .matrix-wrap { overflow: visible; }
}
"""
)

# Highlights every element that shares the hovered or focused passage's ``data-pair``,
# so a passage's counterpart lights up in the other column; Enter on a passage moves
# focus to its counterpart. The page is complete without it.
SCRIPT = """
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var lit = [];
  function owner(node) {
    return node && node.closest ? node.closest("[data-pair]") : null;
  }
  function clear() {
    lit.forEach(function (el) { el.classList.remove("linked"); });
    lit = [];
  }
  function same(key) {
    return Array.prototype.filter.call(document.querySelectorAll("[data-pair]"), function (el) {
      return el.getAttribute("data-pair") === key;
    });
  }
  function light(el) {
    clear();
    if (!el) { return; }
    lit = same(el.getAttribute("data-pair"));
    lit.forEach(function (other) { other.classList.add("linked"); });
  }
  document.addEventListener("mouseover", function (event) {
    light(owner(event.target) || owner(document.activeElement));
  });
  document.addEventListener("mouseleave", function () { light(owner(document.activeElement)); });
  document.addEventListener("focusin", function (event) { light(owner(event.target)); });
  document.addEventListener("focusout", function () { clear(); });
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key !== "Enter" || !el.classList || !el.classList.contains("passage")) { return; }
    var heads = same(el.getAttribute("data-pair")).filter(function (other) {
      return other !== el && other.hasAttribute("tabindex");
    });
    if (heads.length) {
      event.preventDefault();
      heads[0].focus();
      heads[0].scrollIntoView({ block: "center" });
    }
  });
})();
"""


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


CSP = (
    "default-src 'none'; "
    f"script-src 'sha256-{_sha256(SCRIPT)}'; "
    "style-src 'unsafe-inline'; "
    "img-src 'none'; font-src 'none'; connect-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def page(title: str, body_class: str, body: str) -> str:
    """A complete HTML document around already-escaped ``body`` markup.

    ``title`` is plain text and is escaped here.
    """
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(CSP, quote=True)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="generator" content="Syndiff">\n'
        f"<title>{html.escape(title, quote=True)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n"
        f'<body class="{html.escape(body_class, quote=True)}">\n{body}\n'
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
