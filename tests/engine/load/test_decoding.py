"""Bytes to text: byte order marks, strict UTF-8, legacy encodings, binary refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.engine.errors import ArticleError
from desktop.engine.load.decoding import (
    binary_kind,
    decode,
    decode_bytes,
    decode_html,
    decode_page,
    decoding_notes,
    normalise_newlines,
)
from tests.engine.load.samples import CURLY, DECODING, PNG


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


# --------------------------------------------------------------------------- damaged UTF-8


def _damaged(text: str, bad: bytes, every: int) -> bytes:
    """``text`` as UTF-8 with ``bad`` put after every ``every``-th space."""
    out, spaces = bytearray(), 0
    for ch in text:
        out += ch.encode("utf-8")
        if ch == " ":
            spaces += 1
            if spaces % every == 0:
                out += bad
    return bytes(out)


SAMPLE = (Path(__file__).resolve().parents[3] / "seeds" / "000_910161cb7de8ba55.txt").read_text(
    encoding="utf-8"
)


def test_a_few_bad_bytes_in_utf8_are_replaced_not_a_legacy_guess() -> None:
    data = _damaged(SAMPLE, b"\x92", 90)  # a stray cp1252 apostrophe now and then
    assert 4 <= data.count(b"\x92") <= 8
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == data.count(b"\x92")
    assert "Europe’s" in decoded.text and "Europe‚Äôs" not in decoded.text
    assert decoded.text.replace("\ufffd", "") == SAMPLE
    assert decoding_notes(decoded.encoding, decoded.text, decoded.replaced) == [
        f"warning: {decoded.replaced} bytes that are not valid UTF-8 replaced by \ufffd (U+FFFD)"
    ]


def test_a_run_of_bad_bytes_is_one_replacement_counted_by_bytes() -> None:
    decoded = decode("Zürich – Genève ".encode() + b"\xff\xfe\xfd" + " café".encode())
    assert decoded.text == "Zürich – Genève \ufffd\ufffd\ufffd café"
    assert decoded.replaced == 3
    assert decoded.encoding == "utf-8"


def test_damaged_bytes_after_a_utf8_byte_order_mark_are_replaced() -> None:
    decoded = decode(b"\xef\xbb\xbf" + "Zürich ".encode() + b"\x92" + " Genève".encode())
    assert (decoded.text, decoded.encoding, decoded.replaced) == ("Zürich \ufffd Genève", "utf-8-sig", 1)


def test_a_replacement_character_in_the_file_is_not_counted() -> None:
    decoded = decode("an � already there, “quoted” ".encode() + b"\x92")
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 1)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Caf\u00e9 cr\u00e8me, “na\u00efve” d\u00e9j\u00e0 vu \u2013 tr\u00e8s bien.", "cp1252"),
        ("A menu of caf\u00e9s, cr\u00eapes and cr\u00e8me br\u00fbl\u00e9e, \u00c3\u00a9 a typo.", "cp1252"),
    ],
    ids=["no valid utf-8", "one accidental utf-8 pair"],
)
def test_a_file_that_is_not_utf8_as_a_whole_is_still_detected(text: str, encoding: str) -> None:
    decoded = decode(text.encode(encoding))
    assert (decoded.text, decoded.replaced) == (text, 0)
    assert decoded.encoding != "utf-8"


def test_a_page_declaring_utf8_with_bad_bytes_is_replaced_and_counted() -> None:
    page = _page("utf-8", "naïve café").encode("utf-8").replace(b"caf", b"c\xe0f")
    decoded = decode_page(page)
    assert decoded.encoding == "utf-8" and decoded.replaced == 1


# --------------------------------------------------------------------------- UTF-16 without a BOM, NULs


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text", [CURLY, "Москва – столица России. Москва — крупнейший город страны."], ids=["latin", "cyrillic"]
)
def test_utf16_without_a_byte_order_mark_is_detected(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_zeros_in_a_regular_pattern_are_not_taken_for_utf16() -> None:
    with pytest.raises(ArticleError, match="binary data"):
        decode(b"abc\x00def\x00" * 50)


@pytest.mark.parametrize(
    "data",
    [
        b"Headline\n" + b"Body text. " * 1000 + b"\x00 and more text.",
        "Headline\nBody text.\x00".encode("utf-16-le"),
        b"\xff\xfe" + "Headline\nBody.\x00 tail".encode("utf-16-le"),
        b"\xef\xbb\xbf" + b"Body text. " * 1000 + b"\x00",
        b"Body text, caf\xe9. " * 1000 + b"\x00",  # cp1252
    ],
    ids=["utf-8 after 8 KiB", "utf-16 no bom", "utf-16 bom", "utf-8 bom", "legacy"],
)
def test_a_nul_anywhere_is_refused(data: bytes) -> None:
    with pytest.raises(ArticleError, match=r"^pasted text: not a text file \(binary data"):
        decode(data)


def test_a_nul_in_a_page_is_refused() -> None:
    page = _page("utf-8", "x" * 9000 + "\x00").encode("utf-8")
    with pytest.raises(ArticleError, match="NUL"):
        decode_page(page)
