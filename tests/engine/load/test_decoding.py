"""Bytes to text: byte order marks, strict UTF-8, legacy encodings, binary refusal."""

from __future__ import annotations

import pytest

from desktop.engine.errors import ArticleError
from desktop.engine.load.decoding import (
    binary_kind,
    decode_bytes,
    decode_html,
    decoding_notes,
    normalise_newlines,
)
from tests.engine.load.samples import DECODING, PNG


@pytest.mark.parametrize(
    ("data", "expected", "encodings"), [c[1:] for c in DECODING], ids=[c[0] for c in DECODING]
)
def test_decode_bytes(data: bytes, expected: str, encodings: set[str]) -> None:
    text, encoding = decode_bytes(data)
    assert text == expected
    assert encoding in encodings


def test_decode_bytes_refuses_binary() -> None:
    with pytest.raises(ArticleError, match="not a text file"):
        decode_bytes(PNG)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PNG, "PNG image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"PK\x03\x04rest", "ZIP archive or Office document"),
        (b"\x00\x00\x00\x18ftypmp42", "MP4 or QuickTime media"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "RIFF media"),
        (b"RIFFsizeTEXT and more", None),  # RIFF only with a media type
        (b"text with a \x00 inside", ""),
        (bytes(range(1, 9)) * 10, ""),  # mostly control characters
        (b"plain text\twith tabs\r\nand \x1b[1mescapes\x1b[0m", None),
        ("UTF-8 café".encode(), None),
        (b"", None),
    ],
)
def test_binary_kind(data: bytes, kind: str | None) -> None:
    assert binary_kind(data) == kind


def test_only_the_start_of_the_data_is_sniffed() -> None:
    assert binary_kind(b"a" * 10_000 + b"\x00") is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff\xfe\x00\x00" + "wide".encode("utf-32-le"), ("wide", "utf-32-le")),
        (b"\x00\x00\xfe\xff" + "wide".encode("utf-32-be"), ("wide", "utf-32-be")),
        (b"", ("", "utf-8")),
        (b"\xef\xbb\xbf", ("", "utf-8-sig")),
    ],
    ids=["utf-32-le", "utf-32-be", "empty", "bom only"],
)
def test_byte_order_marks_are_honoured_and_dropped(data: bytes, expected: tuple[str, str]) -> None:
    assert decode_bytes(data) == expected


def test_text_after_a_byte_order_mark_must_decode_strictly() -> None:
    with pytest.raises(ArticleError) as info:
        decode_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")
    assert info.value.reason == "cannot decode text (invalid utf-16-le at byte 4)"
    assert info.value.path is None  # the loader adds the file


def test_line_endings_are_left_to_normalise_newlines() -> None:
    text, _ = decode_bytes(b"one\r\ntwo\rthree\n")
    assert text == "one\r\ntwo\rthree\n"
    assert normalise_newlines(text) == "one\ntwo\nthree\n"
    assert normalise_newlines("\r\r\n") == "\n\n"


@pytest.mark.parametrize(
    ("encoding", "raw", "notes"),
    [
        ("utf-8", "plain\n", []),
        ("utf-8-sig", "plain\n", ["removed the UTF-8 byte order mark"]),
        ("cp1252", "plain\n", ["decoded as cp1252"]),
        ("utf-16-le", "one\r\ntwo", ["decoded as utf-16-le", "normalised line endings to \\n"]),
    ],
)
def test_decoding_notes(encoding: str, raw: str, notes: list[str]) -> None:
    assert decoding_notes(encoding, raw) == notes


def _page(charset: str, body: str) -> str:
    return f'<html><head><meta charset="{charset}"><title>t</title></head><body><p>{body}</p></body></html>'


def test_a_page_declaring_a_legacy_charset_is_decoded_with_it() -> None:
    page = _page("iso-8859-15", "Prix : 5 € déjà")
    text, encoding = decode_html(page.encode("iso-8859-15"))
    assert text == page and encoding == "iso-8859-15"
    # The declaration is what decides, not a guess (which would name the bytes latin-1).
    page = _page("latin-1", "Café, déjà vu")
    assert decode_html(page.encode("latin-1")) == (page, "iso-8859-1")


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    page = _page("windows-1252", "naïve café")
    assert decode_html(page.encode("utf-8")) == (page, "utf-8")


@pytest.mark.parametrize("charset", ["idna", "no-such-codec", "rot13"])
def test_a_declared_charset_that_is_no_page_encoding_falls_back_to_detection(charset: str) -> None:
    data = _page(charset, "Café au lait, déjà vu, and the crème brûlée were on the menu.").encode("cp1252")
    assert decode_html(data) == decode_bytes(data)


def test_a_page_with_a_byte_order_mark_is_decoded_by_it() -> None:
    page = _page("windows-1252", "naïve")
    assert decode_html(b"\xff\xfe" + page.encode("utf-16-le")) == (page, "utf-16-le")
