"""Loading articles: files of every type and encoding, titles, outlets and ids, pasted text,
every kind of bad input, folders, and input files left untouched."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.engine.load import articles
from desktop.engine.load.articles import (
    MAX_BYTES,
    SUPPORTED_SUFFIXES,
    ArticleError,
    article_from_text,
    load_article,
    load_articles,
)
from desktop.engine.load.markdown import markdown_to_text
from tests.engine.load.samples import CURLY, DECODING, PAGE, PARAGRAPHS, PNG

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.mark.parametrize(
    ("data", "expected", "encodings"), [c[1:] for c in DECODING], ids=[c[0] for c in DECODING]
)
def test_load_article_decodes_file(tmp_path: Path, data: bytes, expected: str, encodings: set[str]) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    article = load_article(path)
    assert article.text == expected
    assert article.encoding in encodings
    assert "\ufeff" not in article.text
    if article.encoding not in ("utf-8", "utf-8-sig"):
        assert f"decoded as {article.encoding}" in article.notes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("One\r\nTwo\r\n", "One\nTwo\n"),
        ("One\rTwo\r", "One\nTwo\n"),
        ("One\r\n\r\nTwo\rThree\n", "One\n\nTwo\nThree\n"),
    ],
    ids=["crlf", "cr", "mixed"],
)
def test_line_endings_are_normalised_and_nothing_else(tmp_path: Path, raw: str, expected: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(raw.encode("cp1252"))
    article = load_article(path)
    assert article.text == expected
    assert any("line endings" in note for note in article.notes)


def test_typography_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(CURLY.encode("utf-8"))
    article = load_article(path)
    for char in "“”’–—\u00a0":
        assert char in article.text
    assert article.notes == ()


# --------------------------------------------------------------------------- titles, outlets, ids

TITLES = [
    # (file name, content, expected title, expected outlet)
    ("bbc-news.txt", "Rates rise again\n\nThe bank raised rates.", "Rates rise again", "bbc-news"),
    ("001_dc3f0d53317f598b.txt", "Headline\nBody text.", "Headline", ""),  # a number names no outlet
    ("the_daily_planet.txt", "  Headline  \nBody text.", "Headline", "the daily planet"),
    ("notes.md", "Intro line here\n\n# The Real Title #\n\nBody text.", "The Real Title", "notes"),
    ("plain.markdown", "No heading at all\n\nBody text.", "No heading at all", "plain"),
    (
        "syndicated.txt",
        "This post was originally published on this site\nMarkets rally on rate hopes\nBody text.",
        "Markets rally on rate hopes",
        "syndicated",
    ),
    (
        "trailer.txt",
        "Meta and Spotify unite\nBody text.\nThe post Meta and Spotify unite appeared first on Android News.",
        "Meta and Spotify unite",
        "Android News",
    ),
    ("sourced.txt", "Big announcement\nBody text.\n\nSource: Meta", "Big announcement", "sourced"),
]


@pytest.mark.parametrize(("name", "content", "title", "outlet"), TITLES, ids=[t[0] for t in TITLES])
def test_title_and_outlet(tmp_path: Path, name: str, content: str, title: str, outlet: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    article = load_article(path)
    assert article.title == title
    assert article.outlet == outlet
    if name.endswith((".md", ".markdown")):
        assert article.text == markdown_to_text(content)  # what a reader of the Markdown sees
    else:
        assert article.text == content
    assert article.id == Path(name).stem
    assert article.path == str(path.resolve())


def test_long_first_line_is_trimmed_for_the_title(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    sentence = "word " * 100
    path.write_text(sentence + "\nBody.", encoding="utf-8")
    article = load_article(path)
    assert article.title == " ".join(["word"] * 20) + "…", "a paragraph's first 20 words"


def test_a_first_paragraph_gives_its_first_sentence_as_the_title(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    lede = "The U.S. central bank held rates on Wednesday. Markets barely moved, and analysts said so."
    path.write_text(lede + "\nSecond paragraph.", encoding="utf-8")
    assert load_article(path).title == "The U.S. central bank held rates on Wednesday."
    long = " ".join(f"w{k}" for k in range(30)) + ". Next sentence."
    path.write_text(long + "\nBody.", encoding="utf-8")
    assert load_article(path).title == " ".join(f"w{k}" for k in range(20)) + "…"


def test_a_feed_trailer_names_the_headline_the_text_lacks(tmp_path: Path) -> None:
    body = "It does not matter the industry, there is always a battle between two camps. More follows."
    trailer = "The post Meta wants the EU to embrace open models appeared first on Example News."
    path = tmp_path / "t.txt"
    path.write_text(f"{body}\nA second paragraph.\n{trailer}\n", encoding="utf-8")
    article = load_article(path)
    assert (article.title, article.outlet) == ("Meta wants the EU to embrace open models", "Example News")
    # A first line that reads as a headline stays the title.
    path.write_text(f"Rates held again\n{body}\n{trailer}\n", encoding="utf-8")
    assert load_article(path).title == "Rates held again"


def test_given_id_is_used(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Headline\nBody.", encoding="utf-8")
    assert load_article(path, article_id="a1").id == "a1"


def test_boilerplate_is_marked_not_removed(tmp_path: Path) -> None:
    content = "Headline\nBody text of the story.\n\nLeave a comment\n"
    path = tmp_path / "story.txt"
    path.write_text(content, encoding="utf-8")
    article = load_article(path)
    assert article.text == content
    assert [article.text[s:e] for s, e in article.boilerplate] == ["Leave a comment"]


# --------------------------------------------------------------------------- pasted text


def test_article_from_text_defaults() -> None:
    text = "Headline here\r\nBody text.\r\nThe post Headline here appeared first on Example News."
    article = article_from_text(text)
    assert article.text == text.replace("\r\n", "\n")
    assert article.title == "Headline here"
    assert article.outlet == "Example News"
    assert article.id.startswith("pasted-")
    assert article.path is None
    assert len(article.boilerplate) == 1


def test_article_from_text_overrides(tmp_path: Path) -> None:
    article = article_from_text(
        "\ufeffHeadline\nBody.", title="T", outlet="O", article_id="x", path=str(tmp_path / "a.txt")
    )
    assert (article.title, article.outlet, article.id, article.text) == ("T", "O", "x", "Headline\nBody.")
    assert article.path == str(tmp_path / "a.txt")


def test_article_from_text_without_outlet_has_empty_outlet() -> None:
    assert article_from_text("Headline\nBody.").outlet == ""


def test_pasted_ids_are_stable_and_distinct() -> None:
    assert article_from_text("One\nBody.").id == article_from_text("One\nBody.").id
    assert article_from_text("One\nBody.").id != article_from_text("Two\nBody.").id


@pytest.mark.parametrize("text", ["", "   \n\t \r\n"], ids=["empty", "white space"])
def test_article_from_text_empty(text: str) -> None:
    with pytest.raises(ArticleError) as info:
        article_from_text(text)
    assert str(info.value).startswith("pasted text: empty")
    assert info.value.path is None


def test_unknown_suffix_with_html_content_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.php"
    path.write_text(PAGE, encoding="utf-8")
    article = load_article(path)
    assert "SECRET_SCRIPT" not in article.text
    assert PARAGRAPHS[0] in article.text


def test_unknown_suffix_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "story.log"
    path.write_text("Headline\nBody text.", encoding="utf-8")
    article = load_article(path)
    assert article.text == "Headline\nBody text."
    assert any("plain text" in note for note in article.notes)


# --------------------------------------------------------------------------- bad input


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "missing.txt"


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.txt"
    path.mkdir()
    return path


def _sparse(name: str, size: int) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        with open(path, "wb") as handle:
            handle.truncate(size)  # sparse: no need to write megabytes
        return path

    return make


def _fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


LIMIT = "the limit is 5 MB"
EMPTY_PAGE = b"<html><head><title>x</title></head><body></body></html>"
MENU_PAGE = (
    b'<html><head><title>Home | Site</title></head><body><nav><a href="/">Home</a>'
    b' <a href="/x">News</a></nav><footer>&copy; 2024 Site</footer></body></html>'
)
PROMPTS_PAGE = (
    b"<html><head><title>404 Not Found</title></head><body><p>Subscribe to our newsletter</p>"
    b"<p>Previous</p><p>Next</p><p>Leave a comment</p><script>var x=1;</script></body></html>"
)

BAD_INPUTS = [
    # (case id, make the file, expected file name in the message, expected reason)
    ("empty", _write("empty.txt", b""), "empty.txt", "empty file"),
    ("white space", _write("blank.txt", b"  \r\n\t\n  "), "blank.txt", "empty file (only white space)"),
    ("bom only", _write("bom.txt", b"\xef\xbb\xbf"), "bom.txt", "empty file"),
    ("png renamed", _write("report.txt", PNG), "report.txt", "not a text file (binary data: PNG image)"),
    ("png suffix", _write("report.png", PNG), "report.png", "not a text file (binary data: PNG image)"),
    ("pdf", _write("paper.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "paper.md", "not a text file"),
    ("nul bytes", _write("data.txt", b"abc\x00def\x00" * 50), "data.txt", "not a text file (binary data)"),
    ("control chars", _write("ctl.txt", bytes(range(1, 9)) * 40), "ctl.txt", "not a text file (binary data)"),
    ("undecodable", _write("odd.txt", bytes(range(0x80, 0x100)) * 4), "odd.txt", "cannot decode text"),
    ("bad utf-16", _write("half.txt", b"\xff\xfe\x00\xd8a\x00"), "half.txt", "cannot decode text"),
    ("too large", _sparse("big.txt", MAX_BYTES + 1), "big.txt", f"file too large (5,242,881 bytes; {LIMIT})"),
    ("far too large", _sparse("big.md", 12 * 1024 * 1024 + 9), "big.md", f"file too large (12 MB; {LIMIT})"),
    ("missing", _missing, "missing.txt", "file not found"),
    ("directory", _folder, "folder.txt", "is a folder, not a file"),
    ("fifo", _fifo, "pipe.txt", "not a regular file"),
    ("empty page", _write("blank.html", EMPTY_PAGE), "blank.html", "no article text found in the page"),
    ("menu only", _write("menu.html", MENU_PAGE), "menu.html", "no article text found in the page"),
    ("prompts only", _write("gone.htm", PROMPTS_PAGE), "gone.htm", "no article text found in the page"),
]  # fmt: skip


def test_a_short_page_in_chinese_is_an_article(tmp_path: Path) -> None:
    # Six characters without a space between them are six words, as everywhere else.
    page = "<html><head><title>新闻</title></head><body><p>欧盟的新规则</p></body></html>"
    path = tmp_path / "short.html"
    path.write_bytes(page.encode("utf-8"))
    assert "欧盟的新规则" in load_article(path).text


@pytest.mark.parametrize(
    ("make", "name", "reason"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_gives_one_clear_error(
    tmp_path: Path, make: Callable[[Path], Path], name: str, reason: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    err = info.value
    assert str(err).startswith(f"{path}: {reason}"), "the message names the file as given"
    assert path.name == name
    assert "\n" not in str(err)
    assert err.reason.startswith(reason)
    assert err.path == str(path.absolute())


# Run by the root user (as CI is), the loader would read any file: the child process
# imports the loader, then gives up root for "nobody" before it opens the file.
_AS_NOBODY = """
import os, sys
from desktop.engine.load.articles import ArticleError, load_article
os.setgroups([])
os.setgid(65534)
os.setuid(65534)
try:
    load_article("secret.txt")
except ArticleError as err:
    print(err)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX permissions")
def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Headline\nBody.", encoding="utf-8")
    path.chmod(0)
    monkeypatch.chdir(tmp_path)
    try:
        if os.geteuid() != 0:
            with pytest.raises(ArticleError, match=r"^secret\.txt: permission denied$"):
                load_article("secret.txt")
            return
        tmp_path.chmod(0o711)  # "nobody" may look up the file in it, not list or read it
        repo = str(Path(__file__).resolve().parents[3])
        env = {**os.environ, "PYTHONPATH": repo}
        result = subprocess.run(
            [sys.executable, "-c", _AS_NOBODY],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout == "secret.txt: permission denied\n"
    finally:
        path.chmod(0o600)


def test_permission_denied_while_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Headline\nBody.", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(articles, "open", refuse, raising=False)
    with pytest.raises(ArticleError, match=r"secret\.txt: permission denied$"):
        load_article(path)


# --------------------------------------------------------------------------- files are never modified


def _digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("crlf.txt", "Headline\r\nBody “quoted”.\r\nLeave a comment\r\n".encode("cp1252")),
        ("bom.md", b"\xef\xbb\xbf# Title\r\n\r\nBody.\r\n"),
        ("page.html", PAGE.encode("utf-8")),
        ("wide.txt", b"\xff\xfe" + "Headline\r\nBody.".encode("utf-16-le")),
    ],
)
def test_file_is_unchanged_after_loading(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = _digest(path)
    load_article(path)
    load_articles([tmp_path])
    assert _digest(path) == before
    assert path.read_bytes() == data


# --------------------------------------------------------------------------- many files


def test_load_articles_partial_success(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "story.txt").write_text("One\nBody.", encoding="utf-8")
    (first / "b-notes.md").write_text("# Two\nBody.", encoding="utf-8")
    (first / "c-page.HTML").write_text(PAGE, encoding="utf-8")
    (first / "d-empty.txt").write_bytes(b"")
    (first / "e-image.txt").write_bytes(PNG)
    (first / "picture.png").write_bytes(PNG)  # not a supported suffix: ignored
    (first / ".hidden.txt").write_text("Hidden\nBody.", encoding="utf-8")  # hidden: ignored
    (first / "sub").mkdir()
    (first / "sub" / "deep.txt").write_text("Deep\nBody.", encoding="utf-8")  # not recursive
    (second / "story.txt").write_text("Three\nBody.", encoding="utf-8")

    monkeypatch.chdir(tmp_path)
    loaded, errors = load_articles(["a", "b/story.txt", "missing.txt", "./a/story.txt"])

    assert [a.title for a in loaded] == ["Two", "Rates rise again", "One", "Three"]
    ids = [a.id for a in loaded]
    assert ids == ["b-notes", "c-page", "story", "story-2"]
    assert len(set(ids)) == len(ids)
    assert sorted(str(e) for e in errors) == [
        os.path.join("a", "d-empty.txt") + ": empty file",
        os.path.join("a", "e-image.txt") + ": not a text file (binary data: PNG image)",
        "missing.txt: file not found",
    ], "errors name each file as given: the folder as written, joined with the file's name"


def test_load_articles_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "readme.pdf").write_bytes(b"%PDF-1.4")
    loaded, errors = load_articles([tmp_path])
    assert loaded == []
    assert [e.reason for e in errors] == ["no .txt, .md or .html files in this folder"]


def test_a_folder_whose_articles_are_in_subfolders_says_they_are_not_searched(tmp_path: Path) -> None:
    for sub in ("monday", "tuesday"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text("A title\nA body.", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    loaded, errors = load_articles([tmp_path])
    assert loaded == []
    assert [e.reason for e in errors] == [
        "no .txt, .md or .html files in this folder (its 2 subfolders are not searched)"
    ]


def test_load_articles_accepts_a_single_path(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("One\nBody.", encoding="utf-8")
    loaded, errors = load_articles(str(tmp_path))
    assert [a.id for a in loaded] == ["one"] and errors == []


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".markdown", ".html", ".htm")
    assert MAX_BYTES == 5 * 1024 * 1024


def test_seed_files_load() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not present")
    loaded, errors = load_articles([SEEDS])
    assert errors == []
    assert len(loaded) == 5
    by_id = {a.id: a for a in loaded}
    assert (
        by_id["001_dc3f0d53317f598b"].title == "Meta, Spotify Issue Statement Criticizing EU’s AI Regulations"
    )
    assert by_id["002_5fdadf6e0c9376cb"].title.startswith("Meta and Spotify have teamed up")
    assert by_id["003_1224963540441f43"].outlet == "Android Headlines"
    assert by_id["000_910161cb7de8ba55"].outlet != "Meta"  # "Source: Meta" names a source, not the outlet
    for article in loaded:
        assert article.encoding == "utf-8"
        assert len(article.title) <= 201


# --------------------------------------------------------------------------- damaged text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".log"])
def test_damaged_utf8_is_noted_as_a_warning(tmp_path: Path, suffix: str) -> None:
    body = "Europe’s “open” rules, déjà vu. The regulators met again on Tuesday."
    data = (PAGE if suffix == ".html" else "Headline\n\n" + body).encode("utf-8")
    cut = data.index(b"Tuesday")
    path = tmp_path / f"story{suffix}"
    path.write_bytes(data[:cut] + b"\x92" + data[cut:])
    warned: list[str] = []
    loaded, errors = load_articles([path], on_warning=warned.append)
    assert errors == []
    note = "warning: 1 byte that is not valid UTF-8 replaced by \ufffd (U+FFFD)"
    assert note in loaded[0].notes
    assert loaded[0].encoding == "utf-8"
    assert "\ufffdTuesday" in loaded[0].text
    assert warned == [f"{path}: {note}"]


def test_a_markdown_article_maps_its_text_back_to_the_file(tmp_path: Path) -> None:
    source = "# The *EU* rules\r\n\r\nRead [the report](https://ex.com/a_(b)) &amp; weep.\r\n"
    path = tmp_path / "story.md"
    path.write_bytes(source.encode("utf-8"))
    article = load_article(path)
    assert article.text == "The EU rules\n\nRead the report & weep."
    assert article.title == "The EU rules"
    file_text = source.replace("\r\n", "\n")
    assert article.source_map
    for start, file_start, length in article.source_map:
        assert article.text[start : start + length] == file_text[file_start : file_start + length]
    assert load_article(SEEDS / "000_910161cb7de8ba55.txt").source_map == ()


def test_a_title_is_a_sentence_in_any_script_and_never_only_marks(tmp_path: Path) -> None:
    path = tmp_path / "ja.txt"
    first = (
        "日本銀行は水曜日、政策金利を据え置いた。"
        + "市場の反応は限られ、多くの投資家は次の会合を待っている。" * 10
    )
    path.write_text(first + "\n本文。", encoding="utf-8")
    assert load_article(path).title == "日本銀行は水曜日、政策金利を据え置いた。"
    path.write_text("…\n***\nRates held again\nBody.", encoding="utf-8")
    assert load_article(path).title == "Rates held again"


def test_only_a_feed_trailer_of_headline_length_names_the_title(tmp_path: Path) -> None:
    body = "It does not matter the industry, there is always a battle between two camps. More follows."
    path = tmp_path / "t.txt"
    story = "The article that prompted the inquiry appeared first on the BBC website last week."
    path.write_text(f"{body}\n{story}\n", encoding="utf-8")
    assert (
        load_article(path).title
        == "It does not matter the industry, there is always a battle between two camps."
    )
    long = "The post " + " ".join(["word"] * 30) + " appeared first on Example News."
    path.write_text(f"{body}\n{long}\n", encoding="utf-8")
    assert load_article(path).title.startswith("It does not matter")
