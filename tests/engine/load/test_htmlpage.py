"""Saved web pages: main text, metadata, charsets and odd markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.engine.load import htmlpage
from desktop.engine.load.articles import load_article
from desktop.engine.load.htmlpage import read_page
from tests.engine.load.samples import NOT_TEXT, PAGE, PARAGRAPHS


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_page_main_text_and_metadata(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"planet{suffix}"
    path.write_text(PAGE, encoding="utf-8")
    article = load_article(path)
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    for junk in NOT_TEXT:
        assert junk not in article.text
    assert "<p>" not in article.text
    assert article.title == "Rates rise again"
    assert article.outlet == "The Daily Planet"
    assert any("trafilatura" in note for note in article.notes)


def test_html_legacy_charset_is_honoured(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Tuesday", "Tuesday at the café")
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    article = load_article(path)
    assert "café" in article.text
    assert "“We will do what it takes,”" in article.text
    assert article.encoding == "cp1252"


def test_html_fallback_dump_drops_scripts_and_navigation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htmlpage, "_trafilatura_extract", lambda markup: None)
    page = read_page(PAGE)
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    for junk in NOT_TEXT:
        assert junk not in page.text
    assert "ASIDE_LINK" not in page.text
    assert page.site_name == "The Daily Planet"
    assert page.title == "Rates rise again"


def test_html_without_metadata_uses_title_element(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="og:site_name" content="The Daily Planet">', "").replace(
        '<meta property="og:title" content="Rates rise again">', ""
    )
    path = tmp_path / "no-meta.html"
    path.write_text(page, encoding="utf-8")
    article = load_article(path)
    assert article.title.startswith("Rates rise again")


def test_saved_page_without_site_name_takes_its_canonical_host(tmp_path: Path) -> None:
    page = (
        '<html><head><title>Port strike ends</title><link rel="canonical" '
        'href="https://www.harbourgazette.example/news/port-strike"></head><body><article>'
        "<p>The strike at the port ended on Monday after three weeks of talks between unions.</p>"
        "<p>Ships that had waited offshore began to unload their cargo in the afternoon.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "index.html"
    path.write_text(page, encoding="utf-8")
    article = load_article(path)
    assert article.outlet == "harbourgazette.example"
    assert "\n\n" in article.text  # paragraphs stay apart


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="canonical" href="http://[broken/news">',  # urlsplit raises on this
        '<meta charset="idna">',  # a codec that is no page encoding
    ],
)
def test_odd_page_metadata_does_not_refuse_the_page(tmp_path: Path, head: str) -> None:
    page = (
        f"<html><head>{head}<title>Port strike ends</title></head><body><article>"
        "<p>The strike at the port ended on Monday after three weeks of talks between unions.</p>"
        "<p>Ships that had waited offshore began to unload their cargo in the afternoon.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("latin-1") + "é".encode("latin-1"))
    article = load_article(path)
    assert "strike at the port" in article.text
