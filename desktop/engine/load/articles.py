"""Load articles from files or pasted text into :class:`~desktop.engine.model.Article`.

Users drop whatever they saved from the web: plain text, Markdown, saved HTML pages,
files in old Windows encodings, the odd PNG renamed to ``.txt``. Loading must either
produce a faithful article or one clear, specific :class:`ArticleError` -- never a
traceback and never silently mangled text. Input files are only ever opened for
reading.

The stored text is the decoded file with line endings normalised to ``\\n`` and
nothing else changed (curly quotes, dashes and non-breaking spaces stay), because
every span the engine reports is an offset into it. Site chrome is not removed but
marked in ``Article.boilerplate`` (see :mod:`desktop.engine.load.boilerplate`).

Bytes-to-text decoding lives in :mod:`desktop.engine.load.decoding` and main-text extraction
from saved web pages in :mod:`desktop.engine.load.htmlpage`; this module picks the reader by
file type and assembles the :class:`~desktop.engine.model.Article`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.engine.align.segment import sentences
from desktop.engine.align.text import WORD_RE, word_count
from desktop.engine.errors import ArticleError
from desktop.engine.load.boilerplate import (
    HEADLINE_MAX_WORDS,
    appeared_first_on,
    find_boilerplate,
    posted_title,
    split_lines,
)
from desktop.engine.load.decoding import (
    decode,
    decode_bytes,
    decode_page,
    decoding_notes,
    is_warning,
    normalise_newlines,
    replaced_note,
)
from desktop.engine.load.htmlpage import Page, read_page
from desktop.engine.load.markdown import read_markdown
from desktop.engine.load.outlets import derive_outlet
from desktop.engine.model import Article, readable

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ArticleError",
    "Page",
    "article_from_text",
    "decode_bytes",
    "find_boilerplate",
    "is_warning",
    "load_article",
    "load_articles",
    "normalise_newlines",
    "read_page",
    "unique_id",
]

MAX_BYTES: int = 5 * 1024 * 1024
"""Largest file we load. News articles are a few kilobytes; bigger files are refused."""

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
"""Suffixes picked up when a folder is loaded (other files can still be loaded one by one)."""

TITLE_MAX_CHARS = 200
BODY_TITLE_WORDS = 20
"""A title taken from the body's first paragraph keeps its first sentence, cut to this many
words when it is longer than a headline may be (``HEADLINE_MAX_WORDS``)."""

_MARKDOWN_SUFFIXES = (".md", ".markdown")
_HTML_SUFFIXES = (".html", ".htm")


# --------------------------------------------------------------------------- titles & outlets


def _clean_title(line: str) -> str:
    """Collapse white space and trim to about :data:`TITLE_MAX_CHARS`, at a word boundary."""
    title = " ".join(line.split())
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] or title[:TITLE_MAX_CHARS]
    return cut.rstrip(",;:-–— ") + "…"


def _title_from_text(text: str, boilerplate: tuple[tuple[int, int], ...]) -> str | None:
    """A title for text that names none: its first line when that reads as a headline;
    else the headline a "The post TITLE appeared first on SITE." trailer names; else the
    first sentence of the first line, cut to :data:`BODY_TITLE_WORDS` words if longer than
    a headline (a whole paragraph is no title)."""
    first = _first_content_line(text, boilerplate)
    if first is None or _reads_as_headline(first):
        return first
    posted = _from_trailer(text, posted_title)
    if posted:
        return posted
    head = first[:_SENTENCE_CHARS]  # the first sentence is near the start: no need to split it all
    found = sentences(head)
    sentence = head[found[0].start : found[0].end] if found else head
    ends = [m.end() for m in WORD_RE.finditer(sentence)]
    if len(ends) <= HEADLINE_MAX_WORDS:
        return sentence
    return sentence[: ends[BODY_TITLE_WORDS - 1]].rstrip(",;:-–— ") + "…"


_SENTENCE_CHARS = 600  # 20 words and more: a title never needs what follows
_FULL_STOPS = (".", "。", "．")


def _reads_as_headline(line: str) -> bool:
    """Short and not ending with a full stop; words counted as the aligner counts them (in
    Chinese or Japanese, each character is one)."""
    return word_count(line) <= HEADLINE_MAX_WORDS and not line.rstrip().endswith(_FULL_STOPS)


def _first_content_line(text: str, boilerplate: tuple[tuple[int, int], ...]) -> str | None:
    """The first line with a letter or digit that is not chrome (falling back to any such line)."""
    chrome = {start for start, _ in boilerplate}
    # A line of only marks ("…", "***") names nothing.
    lines = [line for line in split_lines(text) if any(ch.isalnum() for ch in line.text)]
    for line in lines:
        if line.start not in chrome:
            return line.text
    return lines[0].text if lines else None


def _trailer_outlet(text: str) -> str | None:
    """The site named in a "The post ... appeared first on X." trailer near the end."""
    return _from_trailer(text, appeared_first_on)


def _from_trailer(text: str, read: Callable[[str], str | None]) -> str | None:
    """What ``read`` finds in the last of the text's five last lines that holds something."""
    lines = [line.text for line in split_lines(text) if not line.blank]
    return next((found for line in reversed(lines[-5:]) if (found := read(line))), None)


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
    replaced: int = 0  # damaged UTF-8 bytes, each run now U+FFFD
    source_map: tuple[tuple[int, int, int], ...] = ()  # for text read out of markup


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
    found_title = title or parsed.title or _title_from_text(text, boilerplate) or ""
    found_outlet = outlet or parsed.outlet or _trailer_outlet(text) or derive_outlet(text, found_title, path)
    return Article(
        id=article_id,
        title=_clean_title(found_title),
        outlet=(found_outlet or "").strip(),
        text=text,
        path=path,
        boilerplate=boilerplate,
        encoding=parsed.encoding,
        notes=parsed.notes,
        source_map=parsed.source_map,
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
        article_id = readable(Path(abs_path).stem) if abs_path else _pasted_id(text)
    parsed = _Parsed(text=text, notes=tuple(notes))
    return _assemble(parsed, article_id=article_id, path=abs_path, title=title, outlet=outlet)


# --------------------------------------------------------------------------- formats


def _parse_plain(data: bytes) -> _Parsed:
    decoded = decode(data)
    notes = decoding_notes(decoded.encoding, decoded.text, decoded.replaced)
    return _Parsed(
        text=decoded.text, encoding=decoded.encoding, notes=tuple(notes), replaced=decoded.replaced
    )


def _parse_markdown(data: bytes) -> _Parsed:
    decoded = decode(data)
    raw, encoding = decoded.text, decoded.encoding
    reading = read_markdown(normalise_newlines(raw))
    notes = (
        *decoding_notes(encoding, raw, decoded.replaced),
        "Markdown markup removed; the text is what a reader sees",
    )
    title = reading.heading.strip() if reading.heading else None
    return _Parsed(
        text=reading.text,
        encoding=encoding,
        title=title or None,
        notes=notes,
        replaced=decoded.replaced,
        source_map=reading.source,
    )


PAGE_MIN_WORDS = 5  # a saved page with fewer words outside its site text holds no article


def _words_outside(text: str, spans: tuple[tuple[int, int], ...]) -> int:
    """Words of ``text`` outside the ``spans`` (its site text, which never overlap),
    counted as everywhere else (each Han or kana character is a word)."""
    return word_count(text) - sum(word_count(text, start, end) for start, end in spans)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<head" in head)


def _parse_unknown(data: bytes, suffix: str) -> _Parsed:
    """A file with an unfamiliar suffix: read it as text (or HTML) if it decodes."""
    decoded = decode(data)
    if _looks_like_html(decoded.text):
        return _parse_html(data)
    kind = f"{suffix} file" if suffix else "file without a suffix"
    notes = (
        f"read the {kind} as plain text",
        *decoding_notes(decoded.encoding, decoded.text, decoded.replaced),
    )
    return _Parsed(text=decoded.text, encoding=decoded.encoding, notes=notes, replaced=decoded.replaced)


def _parse_html(data: bytes) -> _Parsed:
    """Main text of a saved web page, with title and site name from its metadata."""
    decoded = decode_page(data)
    page = read_page(decoded.text)
    if _words_outside(page.text, find_boilerplate(page.text)) < PAGE_MIN_WORDS:
        # Nothing but a menu, a footer or prompts ("Home News", "Previous / Next"): an
        # error page or a page saved before its article loaded.
        raise ArticleError("no article text found in the page")
    notes = [replaced_note(decoded.replaced)] if decoded.replaced else []
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        notes.append(f"decoded as {decoded.encoding}")
    return _Parsed(
        text=page.text,
        encoding=decoded.encoding,
        title=page.title,
        outlet=page.site_name,
        notes=(*notes, *page.notes),
        replaced=decoded.replaced,
    )


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
        raise ArticleError(
            f"file too large ({_size_label(size)}; the limit is {_size_label(MAX_BYTES)})", path
        )
    if size == 0:
        raise ArticleError("empty file", path)


def _size_label(size: int) -> str:
    """A size like "12.3 MB", or exact bytes when rounding would hide that it is over the limit."""
    megabytes = round(size / (1024 * 1024), 1)
    if megabytes * 1024 * 1024 == size or megabytes * 1024 * 1024 > MAX_BYTES:
        return f"{megabytes:g} MB"
    return f"{size:,} bytes"


def _parse_file(data: bytes, suffix: str) -> _Parsed:
    if suffix in _HTML_SUFFIXES:
        return _parse_html(data)
    if suffix in _MARKDOWN_SUFFIXES:
        return _parse_markdown(data)
    if suffix == ".txt":
        return _parse_plain(data)
    return _parse_unknown(data, suffix)


def load_article(
    path: str | os.PathLike[str], *, article_id: str | None = None, given: str | None = None
) -> Article:
    """Load one file (``.txt``, ``.md``, ``.html``/``.htm``, or anything that decodes as text).

    The id defaults to the file stem. Raises :class:`ArticleError` -- and nothing else --
    for missing, unreadable, empty, binary, oversized or undecodable files; its message
    names the file as ``given`` (default: ``path`` as passed).
    """
    shown = os.fspath(path) if given is None else given
    abs_path = os.path.abspath(os.fspath(path))
    try:
        data = _read_bytes(abs_path)
        suffix = Path(abs_path).suffix.lower()
        parsed = _parse_file(data, suffix)
        article_id = article_id or readable(Path(abs_path).stem)
        article = _assemble(parsed, article_id=article_id, path=abs_path, empty="empty file")
        return replace(article, sha256=hashlib.sha256(data).hexdigest())
    except ArticleError as err:
        raise ArticleError(err.reason, err.path or abs_path, given=shown) from None
    except (ValueError, LookupError, RecursionError, MemoryError) as err:  # defensive: parsers on odd input
        raise ArticleError(f"cannot read file ({err.__class__.__name__})", abs_path, given=shown) from None


# --------------------------------------------------------------------------- many files


def _folder_files(folder: str) -> list[str]:
    """Supported, non-hidden files directly inside ``folder``, sorted by name, as paths
    that start with ``folder`` as it was written."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as err:
        raise ArticleError(_os_reason(err), os.path.abspath(folder), given=folder) from None
    files = []
    folders = []
    for name in names:
        full = os.path.join(folder, name)
        if name.startswith("."):
            continue
        if os.path.isdir(full):
            folders.append(name)
        elif name.lower().endswith(SUPPORTED_SUFFIXES) and os.path.isfile(full):
            files.append(full)
    if not files:
        reason = "no .txt, .md or .html files in this folder"
        if folders:  # articles kept one folder down are a common layout: say why none are read
            many = len(folders) > 1
            reason += (
                f" (its {len(folders)} subfolders are not searched)"
                if many
                else " (its subfolder is not searched)"
            )
        raise ArticleError(reason, os.path.abspath(folder), given=folder)
    return files


def _expand(paths: Iterable[str | os.PathLike[str]], errors: list[ArticleError]) -> dict[str, str]:
    """Absolute file path -> the path as given, folders expanded one level, duplicates
    dropped (first wins)."""
    out: dict[str, str] = {}
    for item in paths:
        given = os.fspath(item)
        if os.path.isdir(given):
            try:
                for file in _folder_files(given):
                    out.setdefault(os.path.abspath(file), file)
            except ArticleError as err:
                errors.append(err)
        else:
            out.setdefault(os.path.abspath(given), given)
    return out


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... if already taken."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate


def load_articles(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    on_warning: Callable[[str], None] | None = None,
) -> tuple[list[Article], list[ArticleError]]:
    """Load every file it can; collect an :class:`ArticleError` for each one it cannot.

    Folders are expanded to their supported files (sorted, not recursive). Each article
    gets an id unique within the result, derived from its file stem. ``on_warning`` is
    called with ``"FILE: warning: ..."`` (the file as given) for each loaded article whose
    text is not quite what the file holds (damaged UTF-8 bytes replaced); the same note is
    in the article's ``notes``.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    errors: list[ArticleError] = []
    articles: list[Article] = []
    taken: set[str] = set()
    for path, given in _expand(paths, errors).items():
        try:
            article = load_article(path, given=given)
        except ArticleError as err:
            errors.append(err)
            continue
        if on_warning is not None:
            for note in filter(is_warning, article.notes):
                on_warning(f"{readable(given)}: {note}")
        articles.append(_with_id(article, unique_id(article.id, taken)))
    return articles, errors


def _with_id(article: Article, article_id: str) -> Article:
    return article if article.id == article_id else replace(article, id=article_id)
