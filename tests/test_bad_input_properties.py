"""Property tests over the whole bad-input surface: whatever bytes arrive, the loaders, the
command line and the exports give an article or one clear error (never a traceback),
never modify an input file, and write complete, valid output."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.engine.align.pair import align_pair
from desktop.engine.errors import ArticleError
from desktop.engine.export.html_report import render_pair_html
from desktop.engine.export.json_report import alignment_json, json_text
from desktop.engine.load.articles import article_from_text, load_article, load_articles
from desktop.engine.model import CorpusAlignment, Settings
from tests.engine.export.test_html_report import check_document

# Pieces of text that have broken something somewhere: bidi controls, invisible and
# combining characters, CJK, markup of every format read, NUL and other controls, and
# characters that need escaping in HTML and JSON.
PIECES = [
    "The regulators met in Brussels on Tuesday to discuss the rules. ",
    "Les éditeurs français s'inquiètent déjà. ",
    "cafe\u0301 ",
    "Regie\u00adrung ",
    "\u200b",
    "\u202eReuters ",
    "\u2067x\u2069",
    "\u202c",
    "欧洲的人工智能监管规则过于复杂。",
    "規制は複雑すぎて、発展を妨げている。",
    "# Heading\n",
    "> quote ",
    "[link](https://ex.com/a_(b)) ",
    "**bold** ",
    "&amp; ",
    "\\* ",
    "<b>tag</b> ",
    "<script>x</script>",
    "</p>",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\x00",
    "\x1b[1m",
    "\ufeff",
    "\ufffd",
    '"quoted" ',
    "“curly” — ",
    "\u2028",
]
ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "cp1251",
]
SUFFIXES = [".txt", ".md", ".html", ".htm", ".log", ""]

texts = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    """Text in some encoding, perhaps damaged, or arbitrary bytes."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=300))
    data = draw(texts).encode(draw(st.sampled_from(ENCODINGS)), "replace")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    return data


def _digests(folder: Path) -> dict[str, tuple[str, int, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(folder.iterdir())
    }


_FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FAST
@given(data=file_bytes(), suffix=st.sampled_from(SUFFIXES))
def test_the_loader_gives_an_article_or_one_clear_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    folder = tmp_path / hashlib.sha1(data + suffix.encode()).hexdigest()[:12]
    folder.mkdir(exist_ok=True)
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    before = _digests(folder)
    try:
        article = load_article(path)
    except ArticleError as err:
        assert "\n" not in str(err) and str(err).startswith(f"{path}: ")
    else:
        assert article.text.strip() and "\x00" not in article.text and "\r" not in article.text
        for start, end in article.boilerplate:
            assert 0 <= start < end <= len(article.text)
        for start, _file_start, length in article.source_map:
            assert 0 <= start <= start + length <= len(article.text)
        json.loads(json_text({"article": article.text, "title": article.title, "outlet": article.outlet}))
    loaded, errors = load_articles([folder])  # a folder skips odd suffixes: one error then
    assert len(loaded) + len(errors) == 1
    assert _digests(folder) == before, "the input file is never modified"


@settings(max_examples=40, deadline=None)
@given(text_a=texts, text_b=texts, title=texts, outlet=texts)
def test_the_exports_render_any_article_text_completely(
    text_a: str, text_b: str, title: str, outlet: str
) -> None:
    try:
        a = article_from_text(
            text_a + " The shared sentence about the rules in Brussels.", title=title, outlet=outlet
        )
        b = article_from_text(text_b + " The shared sentence about the rules in Brussels.", outlet="B")
    except ArticleError:
        return
    a = a if a.id != b.id else article_from_text(a.text + " A", title=title, outlet=outlet)
    alignment = align_pair(a, b, Settings())
    for changes_only in (False, True):
        check_document(render_pair_html(a, b, alignment, Settings(), changes_only=changes_only))
    doc = json.loads(json_text(alignment_json(CorpusAlignment((a, b), Settings(), (alignment,)))))
    assert [x["text"] for x in doc["articles"]] == [a.text, b.text]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=file_bytes(), second=file_bytes(), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_the_command_line_exits_0_or_2_and_never_touches_its_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first: bytes, second: bytes, suffix: str
) -> None:
    folder = tmp_path / hashlib.sha1(first + second + suffix.encode()).hexdigest()[:12]
    folder.mkdir(exist_ok=True)
    (folder / f"a{suffix}").write_bytes(first)
    (folder / f"b{suffix}").write_bytes(second)
    before = _digests(folder)
    out = tmp_path / f"{folder.name}.json"
    html = tmp_path / f"{folder.name}.html"
    files = [str(folder / f"a{suffix}"), str(folder / f"b{suffix}")]
    code = main(["align", *files, "--json", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code == 0:
        assert json.loads(out.read_text(encoding="utf-8"))["version"]
        assert all(line.split(": ", 2)[-1].startswith("warning: ") for line in err.splitlines())
        assert main(["export", *files, "--html", str(html)]) == 0
        check_document(html.read_text(encoding="utf-8"))
    else:
        assert code == 2 and err.startswith("syndiff-cli: ") and not out.exists()
    capsys.readouterr()
    assert _digests(folder) == before, "input files are never modified"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".part")], "no temporary file is left"
