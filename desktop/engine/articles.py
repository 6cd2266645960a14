"""Load articles from files or pasted text into :class:`~desktop.engine.model.Article`.

Users drop whatever they saved from the web: plain text, Markdown, saved HTML pages,
files in old Windows encodings, the odd PNG renamed to ``.txt``. Loading must either
produce a faithful article or one clear, specific :class:`ArticleError` -- never a
traceback and never silently mangled text. Input files are only ever opened for
reading.

The stored text is the decoded file with line endings normalised to ``\\n`` and
nothing else changed (curly quotes, dashes and non-breaking spaces stay), because
every span the engine reports is an offset into it. Site chrome is not removed but
marked in ``Article.boilerplate`` (see :mod:`desktop.engine.boilerplate`).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.engine.boilerplate import appeared_first_on, find_boilerplate, split_lines
from desktop.engine.model import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ArticleError",
    "article_from_text",
    "decode_bytes",
    "find_boilerplate",
    "load_article",
    "load_articles",
]

MAX_BYTES: int = 5 * 1024 * 1024
"""Largest file we load. News articles are a few kilobytes; bigger files are refused."""

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
"""Suffixes picked up when a folder is loaded (other files can still be loaded one by one)."""

TITLE_MAX_CHARS = 200

_MARKDOWN_SUFFIXES = (".md", ".markdown")
_HTML_SUFFIXES = (".html", ".htm")
_PASTED = "pasted text"
_BINARY = "not a text file (binary data)"
_SNIFF_BYTES = 8192

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "program"),
    (b"MZ\x90\x00", "Windows program"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"{\\rtf", "RTF document"),
)

# Tie-break among equally plausible legacy encodings: Western European first, as browsers do.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")

_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


class ArticleError(Exception):
    """Why a file or pasted text could not be loaded.

    ``str(err)`` is one line naming the file and the reason, e.g.
    ``"report.png: not a text file (binary data: PNG image)"``.
    """

    def __init__(self, reason: str, path: str | os.PathLike[str] | None = None) -> None:
        self.reason = reason
        self.path = os.fspath(path) if path is not None else None
        super().__init__(f"{self.label}: {reason}")

    @property
    def label(self) -> str:
        """The file name shown to the user ("pasted text" when there is no file)."""
        if self.path is None:
            return _PASTED
        return os.path.basename(self.path.rstrip("/\\")) or self.path

    def __reduce__(self) -> tuple[type[ArticleError], tuple[str, str | None]]:
        # Keeps the error picklable for worker processes despite the custom __init__.
        return (type(self), (self.reason, self.path))


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes to text; returns ``(text, encoding name)``.

    Byte order marks (UTF-8, UTF-16, UTF-32) are honoured and stripped; then strict
    UTF-8; then charset-normalizer's guess for legacy encodings (cp1252, latin-1,
    cp1251, ...). Line endings are *not* touched here. Raises :class:`ArticleError`
    (without a path) for binary data or bytes that fit no encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict_decode(data[len(bom) :], encoding), encoding
    binary = binary_kind(data)
    if binary is not None:
        raise ArticleError(f"not a text file (binary data: {binary})" if binary else _BINARY)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect_legacy(data)


def _strict_decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ArticleError(f"cannot decode text (invalid {encoding} at byte {err.start})") from None


def binary_kind(data: bytes) -> str | None:
    """``None`` for text; otherwise what the binary data looks like ("" when unknown).

    Checks magic numbers, NUL bytes and the share of control characters. Only the start
    of the data is inspected. Call this on data *without* a UTF-16/32 byte order mark.
    """
    head = data[:_SNIFF_BYTES]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return "MP4 or QuickTime media"
    if head.startswith(b"RIFF") and head[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        return "RIFF media"
    if b"\x00" in head:
        return ""
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return "" if head and controls / len(head) > 0.05 else None


def _detect_legacy(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes with the most plausible legacy encoding."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise ArticleError("cannot decode text (unknown encoding)")
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01]
    for preferred in _PREFERRED_LEGACY:
        for match in tied:
            if match.encoding == preferred:
                return str(match), _encoding_label(preferred)
    return str(best), _encoding_label(best.encoding)


def _encoding_label(name: str) -> str:
    """A readable encoding name: ``latin_1`` -> ``latin-1``, ``iso8859_15`` -> ``iso-8859-15``."""
    label = name.lower().replace("_", "-")
    return re.sub(r"^iso-?8859-", "iso-8859-", label)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``: the only change made to loaded text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decoding_notes(encoding: str, raw: str) -> list[str]:
    """Human notes about how the text was decoded (nothing for plain UTF-8)."""
    notes: list[str] = []
    if encoding == "utf-8-sig":
        notes.append("removed the UTF-8 byte order mark")
    elif encoding != "utf-8":
        notes.append(f"decoded as {encoding}")
    if "\r" in raw:
        notes.append("normalised line endings to \\n")
    return notes


# --------------------------------------------------------------------------- titles & outlets


def _clean_title(line: str) -> str:
    """Collapse white space and trim to about :data:`TITLE_MAX_CHARS`, at a word boundary."""
    title = " ".join(line.split())
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] or title[:TITLE_MAX_CHARS]
    return cut.rstrip(",;:-–— ") + "…"


def _first_heading(text: str) -> str | None:
    """The first Markdown ATX heading ("# Title"), without the hashes."""
    for line in split_lines(text):
        match = re.match(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", line.text)
        if match:
            return match.group(1)
    return None


def _first_content_line(text: str, boilerplate: tuple[tuple[int, int], ...]) -> str | None:
    """The first non-empty line that is not chrome (falling back to any non-empty line)."""
    chrome = {start for start, _ in boilerplate}
    lines = [line for line in split_lines(text) if not line.blank]
    for line in lines:
        if line.start not in chrome:
            return line.text
    return lines[0].text if lines else None


def _trailer_outlet(text: str) -> str | None:
    """The site named in a "The post ... appeared first on X." trailer near the end."""
    lines = [line.text for line in split_lines(text) if not line.blank]
    for line in reversed(lines[-5:]):
        site = appeared_first_on(line)
        if site:
            return site
    return None


def label_from_filename(path: str) -> str:
    """A readable outlet label from a file name.

    A trailing hash-like part is dropped and underscores become spaces:
    ``001_dc3f0d53317f598b.txt`` -> ``001``, ``bbc-news.html`` -> ``bbc-news``.
    """
    stem = Path(path).stem
    label = re.sub(r"[_\-. ]+[0-9a-fA-F]{8,}$", "", stem)
    label = " ".join(label.replace("_", " ").split())
    return label or stem


def _pasted_id(text: str) -> str:
    return "pasted-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


# --------------------------------------------------------------------------- building


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What a format reader found before the article is assembled."""

    text: str
    encoding: str = "utf-8"
    title: str | None = None
    outlet: str | None = None
    notes: tuple[str, ...] = ()


def _assemble(
    parsed: _Parsed,
    *,
    article_id: str,
    path: str | None,
    title: str | None = None,
    outlet: str | None = None,
    empty: str = "empty",
) -> Article:
    """Normalise line endings, mark chrome and fill in title and outlet.

    ``empty`` is the reason given when there is no text ("empty" or "empty file").
    """
    text = normalise_newlines(parsed.text)
    if not text.strip():
        raise ArticleError(f"{empty} (only white space)" if text else empty, path)
    boilerplate = find_boilerplate(text)
    found_title = title or parsed.title or _first_content_line(text, boilerplate) or ""
    found_outlet = outlet or parsed.outlet or _trailer_outlet(text)
    if not found_outlet and path is not None:
        found_outlet = label_from_filename(path)
    return Article(
        id=article_id,
        title=_clean_title(found_title),
        outlet=(found_outlet or "").strip(),
        text=text,
        path=path,
        boilerplate=boilerplate,
        encoding=parsed.encoding,
        notes=parsed.notes,
    )


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    article_id: str | None = None,
    path: str | None = None,
) -> Article:
    """An article from pasted text.

    Only line endings are normalised (and a leading byte order mark dropped). Title and
    outlet default to what the text reveals (first line, "appeared first on" trailer);
    the outlet is ``""`` when nothing names one. Raises :class:`ArticleError` when empty.
    """
    abs_path = os.path.abspath(path) if path else None
    notes: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
        notes.append("removed the byte order mark")
    if "\r" in text:
        notes.append("normalised line endings to \\n")
    if article_id is None:
        article_id = Path(abs_path).stem if abs_path else _pasted_id(text)
    parsed = _Parsed(text=text, notes=tuple(notes))
    return _assemble(parsed, article_id=article_id, path=abs_path, title=title, outlet=outlet)


# --------------------------------------------------------------------------- formats


def _parse_plain(data: bytes) -> _Parsed:
    text, encoding = decode_bytes(data)
    return _Parsed(text=text, encoding=encoding, notes=tuple(_decoding_notes(encoding, text)))


def _parse_markdown(data: bytes) -> _Parsed:
    text, encoding = decode_bytes(data)
    heading = _first_heading(normalise_newlines(text))
    return _Parsed(text=text, encoding=encoding, title=heading, notes=tuple(_decoding_notes(encoding, text)))


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<head" in head)


def _parse_unknown(data: bytes, suffix: str) -> _Parsed:
    """A file with an unfamiliar suffix: read it as text (or HTML) if it decodes."""
    text, encoding = decode_bytes(data)
    if _looks_like_html(text):
        return _parse_html(data)
    kind = f"{suffix} file" if suffix else "file without a suffix"
    notes = (f"read the {kind} as plain text", *_decoding_notes(encoding, text))
    return _Parsed(text=text, encoding=encoding, notes=notes)


def _parse_html(data: bytes) -> _Parsed:
    """Main text of a saved web page, with title and site name from its metadata."""
    markup, encoding = _decode_html(data)
    page = read_page(markup)
    if not page.text.strip():
        raise ArticleError("no article text found in the page")
    notes = [f"decoded as {encoding}"] if encoding not in ("utf-8", "utf-8-sig") else []
    return _Parsed(
        text=page.text,
        encoding=encoding,
        title=page.title,
        outlet=page.site_name,
        notes=(*notes, *page.notes),
    )


def _decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page, trusting a ``<meta charset>`` over guessing when it is not UTF-8."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_bytes(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data[:4096])
    if declared and binary_kind(data) is None:
        try:
            return data.decode(declared), _encoding_label(codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def _declared_charset(head: bytes) -> str | None:
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", head, re.IGNORECASE)
    return match.group(1).decode("ascii") if match else None


# --------------------------------------------------------------------------- HTML pages


@dataclass(frozen=True, slots=True)
class Page:
    """What :func:`read_page` found in a web page."""

    text: str
    title: str | None = None
    site_name: str | None = None
    notes: tuple[str, ...] = ()


# Elements whose text is never article text, for the plain fallback dump.
_DROP_TAGS = (
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
    "form", "iframe", "svg", "button", "select", "menu", "dialog",
)  # fmt: skip
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "blockquote", "pre", "section", "article", "main", "figure", "figcaption", "dd", "dt", "hr",
)  # fmt: skip


def read_page(markup: str) -> Page:
    """Main text, title and site name of an HTML page.

    Uses trafilatura (comments and tables left out); when it finds nothing, falls back
    to all visible text with scripts, styles and navigation dropped.
    """
    tree = _parse_markup(markup)
    extracted = _trafilatura_extract(markup)
    site_name = _meta(tree, "og:site_name") or (extracted.sitename if extracted else None)
    if extracted is not None and extracted.text and extracted.text.strip():
        text = extracted.text
        notes: tuple[str, ...] = ("extracted the main text of the page with trafilatura",)
    else:
        text = _text_dump(tree) if tree is not None else ""
        notes = ("no main article found in the page; used all of its visible text",)
    title = _meta(tree, "og:title") or (extracted.title if extracted else None) or _html_title(tree)
    return Page(text=text, title=_strip_site_suffix(title, site_name), site_name=site_name, notes=notes)


def _trafilatura_extract(markup: str) -> _Extracted | None:
    """Trafilatura's main-text extraction, or None when it finds nothing or fails."""
    import trafilatura  # slow to import; only needed for HTML

    try:
        document = trafilatura.bare_extraction(
            markup,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
            with_metadata=True,
        )
    except Exception:  # a third-party parser on arbitrary pages: any failure means "use the fallback"
        return None
    if document is None:
        return None
    get = document.get if isinstance(document, dict) else lambda key: getattr(document, key, None)
    return _Extracted(text=get("text") or "", title=get("title"), sitename=get("sitename"))


@dataclass(frozen=True, slots=True)
class _Extracted:
    text: str
    title: str | None
    sitename: str | None


def _parse_markup(markup: str) -> HtmlElement | None:
    """An lxml tree of the page, or None if lxml cannot make one."""
    import lxml.html

    cleaned = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)  # lxml refuses str input with an encoding declaration
    try:
        return lxml.html.document_fromstring(cleaned)
    except (ValueError, lxml.etree.ParserError):
        return None


def _meta(tree: HtmlElement | None, name: str) -> str | None:
    """Content of ``<meta property=name>`` or ``<meta name=name>``."""
    if tree is None:
        return None
    for element in tree.iter("meta"):
        if name in (element.get("property"), element.get("name")):
            content = " ".join((element.get("content") or "").split())
            if content:
                return content
    return None


def _html_title(tree: HtmlElement | None) -> str | None:
    """``<title>``, else the first ``<h1>``/``<h2>``."""
    if tree is None:
        return None
    for tag in ("title", "h1", "h2"):
        for element in tree.iter(tag):
            text = " ".join(element.text_content().split())
            if text:
                return text
    return None


def _strip_site_suffix(title: str | None, site_name: str | None) -> str | None:
    """ "Rates rise | The Daily Planet" -> "Rates rise" when the site name is known."""
    if not title or not site_name:
        return title
    match = re.match(rf"^(.+?)\s*[|\-–—:·•]\s*{re.escape(site_name)}\s*$", title, re.IGNORECASE)
    return match.group(1) if match else title


def _text_dump(tree: HtmlElement) -> str:
    """All visible text of the page, one block per line, without scripts, styles or navigation."""
    for element in list(tree.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (re.sub(r"[ \t\f\v]+", " ", line).strip(" \t") for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- files


def _os_reason(err: OSError) -> str:
    """A short reason for an operating-system error."""
    if isinstance(err, FileNotFoundError):
        return "file not found"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot read file ({err.strerror or err.__class__.__name__})"


def _read_bytes(path: str) -> bytes:
    """The file's bytes, after checking that it is a regular file of a sensible size."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise ArticleError(_os_reason(err), path) from None
    except ValueError:  # e.g. an embedded NUL character in the path
        raise ArticleError("invalid file name", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError("is a folder, not a file", path)
    if not stat.S_ISREG(info.st_mode):
        raise ArticleError("not a regular file", path)
    _check_size(info.st_size, path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise ArticleError(_os_reason(err), path) from None
    _check_size(len(data), path)
    return data


def _check_size(size: int, path: str) -> None:
    if size > MAX_BYTES:
        mib = 1024 * 1024
        raise ArticleError(f"file too large ({size / mib:.1f} MB; the limit is {MAX_BYTES // mib} MB)", path)
    if size == 0:
        raise ArticleError("empty file", path)


def _parse_file(data: bytes, suffix: str) -> _Parsed:
    if suffix in _HTML_SUFFIXES:
        return _parse_html(data)
    if suffix in _MARKDOWN_SUFFIXES:
        return _parse_markdown(data)
    if suffix == ".txt":
        return _parse_plain(data)
    return _parse_unknown(data, suffix)


def load_article(path: str | os.PathLike[str], *, article_id: str | None = None) -> Article:
    """Load one file (``.txt``, ``.md``, ``.html``/``.htm``, or anything that decodes as text).

    The id defaults to the file stem. Raises :class:`ArticleError` -- and nothing else --
    for missing, unreadable, empty, binary, oversized or undecodable files.
    """
    abs_path = os.path.abspath(os.fspath(path))
    data = _read_bytes(abs_path)
    suffix = Path(abs_path).suffix.lower()
    try:
        parsed = _parse_file(data, suffix)
        article_id = article_id or Path(abs_path).stem
        return _assemble(parsed, article_id=article_id, path=abs_path, empty="empty file")
    except ArticleError as err:
        if err.path is not None:
            raise
        raise ArticleError(err.reason, abs_path) from None
    except (ValueError, LookupError, RecursionError, MemoryError) as err:  # defensive: parsers on odd input
        raise ArticleError(f"cannot read file ({err.__class__.__name__})", abs_path) from None


# --------------------------------------------------------------------------- many files


def _folder_files(folder: str) -> list[str]:
    """Supported, non-hidden files directly inside ``folder``, sorted by name."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as err:
        raise ArticleError(_os_reason(err), folder) from None
    files = []
    for name in names:
        full = os.path.join(folder, name)
        if name.startswith(".") or not name.lower().endswith(SUPPORTED_SUFFIXES):
            continue
        if os.path.isfile(full):
            files.append(full)
    if not files:
        raise ArticleError("no .txt, .md or .html files in this folder", folder)
    return files


def _expand(paths: Iterable[str | os.PathLike[str]], errors: list[ArticleError]) -> list[str]:
    """Absolute file paths, folders expanded one level, duplicates dropped (first wins)."""
    out: dict[str, None] = {}
    for item in paths:
        path = os.path.abspath(os.fspath(item))
        if os.path.isdir(path):
            try:
                out.update(dict.fromkeys(_folder_files(path)))
            except ArticleError as err:
                errors.append(err)
        else:
            out[path] = None
    return list(out)


def _unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... if already taken."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate


def load_articles(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> tuple[list[Article], list[ArticleError]]:
    """Load every file it can; collect an :class:`ArticleError` for each one it cannot.

    Folders are expanded to their supported files (sorted, not recursive). Each article
    gets an id unique within the result, derived from its file stem.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    errors: list[ArticleError] = []
    articles: list[Article] = []
    taken: set[str] = set()
    for path in _expand(paths, errors):
        try:
            article = load_article(path)
        except ArticleError as err:
            errors.append(err)
            continue
        articles.append(_with_id(article, _unique_id(article.id, taken)))
    return articles, errors


def _with_id(article: Article, article_id: str) -> Article:
    return article if article.id == article_id else replace(article, id=article_id)
