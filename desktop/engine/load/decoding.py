"""File bytes to text: byte order marks, binary refusal, legacy-encoding detection.

Saved articles arrive as UTF-8 (now and then with a few damaged bytes), UTF-16 with or
without a byte order mark, old Windows code pages, or not as text at all. :func:`decode`
turns them into a ``str`` faithfully or raises one specific
:class:`~desktop.engine.errors.ArticleError` (without a path; the loader adds it). Apart
from :func:`normalise_newlines` and the U+FFFD that stands for each damaged UTF-8 sequence,
nothing here changes the text.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

from desktop.engine.errors import ArticleError

__all__ = [
    "Decoded",
    "binary_kind",
    "decode",
    "decode_bytes",
    "decode_html",
    "decode_page",
    "decoding_notes",
    "is_warning",
    "normalise_newlines",
    "replaced_note",
]


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding it was read as, and how many bytes were not valid in it
    (each run of them is one U+FFFD in ``text``; only ever for UTF-8)."""

    text: str
    encoding: str
    replaced: int = 0


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
_CHAOS_TOLERANCE = 0.1

_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding name)`` of :func:`decode`."""
    decoded = decode(data)
    return decoded.text, decoded.encoding


def decode(data: bytes) -> Decoded:
    """Decode file bytes to text.

    Byte order marks (UTF-8, UTF-16, UTF-32) are honoured and stripped; then UTF-16
    without a mark, told by its zero bytes; then UTF-8, which also takes a file that is
    UTF-8 but for a few damaged bytes (each run of them becomes U+FFFD, counted in
    ``replaced``); only a file that as a whole is not UTF-8 goes to charset-normalizer's
    guess among legacy encodings (cp1252, latin-1, cp1251, ...). Line endings are *not*
    touched here. Raises :class:`ArticleError` (without a path) for binary data, a NUL
    anywhere in the text, or bytes that fit no encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig":  # says it is UTF-8: a few damaged bytes are replaced
                text, damaged = _replacing_utf8(data[len(bom) :])
                return _no_nul(Decoded(text, encoding, damaged))
            return _no_nul(Decoded(_strict_decode(data[len(bom) :], encoding), encoding))
    wide = _unmarked_utf16(data)
    if wide is not None:
        return _no_nul(wide)
    binary = binary_kind(data)
    if binary is not None:
        raise ArticleError(f"not a text file (binary data: {binary})" if binary else _BINARY)
    at = data.find(b"\x00")  # past the sniffed start: in a one-byte encoding a NUL is a NUL
    if at >= 0:
        raise ArticleError(f"not a text file (binary data: a NUL byte at byte {at:,})")
    return _utf8_or_legacy(data)


def _strict_decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ArticleError(f"cannot decode text (invalid {encoding} at byte {err.start})") from None


def _no_nul(decoded: Decoded) -> Decoded:
    """Refuse text with a NUL character anywhere: it is binary data, not an article (the
    start of the file is sniffed before decoding; this catches one further in)."""
    at = decoded.text.find("\x00")
    if at >= 0:
        raise ArticleError(f"not a text file (binary data: a NUL character at character {at:,})")
    return decoded


# For data without a byte order mark to be taken for UTF-16: the share of code units with
# a zero high byte (text in Latin, Greek or Cyrillic script has one in every ASCII letter,
# digit, space and mark; in Cyrillic only spaces and marks) and the share that are white
# space (about one in six in prose; binary data with a regular pattern of zeros has none).
# Text in one-byte encodings has no zero bytes at all.
_UTF16_ZERO_SHARE = 0.1
_UTF16_SPACE_SHARE = 0.05


def _unmarked_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a byte order mark (some Windows tools save it so), or None.

    Told by zero bytes: many in the high halves of code units, none in the low ones, and
    spaces between words. The text must then decode strictly and hold no control
    characters but white space.
    """
    head = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(data) % 2 or len(head) < 4:
        return None
    units = len(head) // 2
    for low, high, encoding in ((head[0::2], head[1::2], "utf-16-le"), (head[1::2], head[0::2], "utf-16-be")):
        zeros = high.count(0)
        if zeros < _UTF16_ZERO_SHARE * units or low.count(0):
            continue
        spaces = sum(1 for lo, hi in zip(low, high, strict=True) if not hi and lo in b" \t\n\r")
        if spaces < _UTF16_SPACE_SHARE * units:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            return None
        if any(ord(ch) < 0x20 and ch not in "\t\n\r\f\v" for ch in text[: _SNIFF_BYTES // 2]):
            return None
        return Decoded(text, encoding)
    return None


_COUNTED = threading.local()


def _count_and_replace(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: U+FFFD for each damaged run, counting its bytes."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    _COUNTED.bytes += err.end - err.start
    return "\ufffd", err.end


codecs.register_error("syndiff-count-replace", _count_and_replace)


def _replacing_utf8(data: bytes) -> tuple[str, int]:
    """``data`` as UTF-8 with each damaged run replaced by U+FFFD, and the damaged bytes."""
    _COUNTED.bytes = 0
    text = data.decode("utf-8", "syndiff-count-replace")
    return text, _COUNTED.bytes


def _utf8_or_legacy(data: bytes) -> Decoded:
    """UTF-8, with damaged bytes replaced, when most of the non-ASCII text is valid UTF-8;
    otherwise the most plausible legacy encoding."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text, damaged = _replacing_utf8(data)
    runs = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # less any U+FFFD written in the file
    valid = len(text) - len(text.encode("ascii", "ignore")) - runs  # valid non-ASCII characters
    # A legacy file has no valid multi-byte sequences, or a chance few (Ã© in latin-1);
    # a damaged UTF-8 file has more of them than damaged runs.
    if valid > runs:
        return Decoded(text, "utf-8", damaged)
    return Decoded(*_detect_legacy(data))


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
    """Decode non-UTF-8 bytes with the most plausible legacy encoding.

    charset-normalizer's own pick often lands on a Central European code page for short
    Western text ("naďve" for "naïve"). So among candidates nearly as clean as the best
    (chaos within :data:`_CHAOS_TOLERANCE`) we take the most coherent, and on a tie prefer
    cp1252 / latin-1, as browsers do.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise ArticleError("cannot decode text (unknown encoding)")
    least_chaos = min(m.chaos for m in matches)
    near = [m for m in matches if m.chaos <= least_chaos + _CHAOS_TOLERANCE]
    most_coherent = max(m.coherence for m in near)
    tied = [m for m in near if m.coherence >= most_coherent - 0.01]
    for name in _PREFERRED_LEGACY:
        for match in tied:
            # Encodings that decode these bytes identically are grouped into one match.
            if name in (match.encoding, *match.could_be_from_charset):
                return str(match), _encoding_label(name)
    return str(tied[0]), _encoding_label(tied[0].encoding)


def _encoding_label(name: str) -> str:
    """A readable encoding name: ``latin_1`` -> ``latin-1``, ``iso8859_15`` -> ``iso-8859-15``."""
    label = name.lower().replace("_", "-")
    return re.sub(r"^iso-?8859-", "iso-8859-", label)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``: the only change made to loaded text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


WARNING = "warning: "
"""How an article note starts when the text is not quite what the file holds."""


def is_warning(note: str) -> bool:
    return note.startswith(WARNING)


def replaced_note(replaced: int) -> str:
    """The warning note for damaged UTF-8 bytes."""
    noun = "byte that is" if replaced == 1 else "bytes that are"
    return f"{WARNING}{replaced:,} {noun} not valid UTF-8 replaced by \ufffd (U+FFFD)"


def decoding_notes(encoding: str, raw: str, replaced: int = 0) -> list[str]:
    """Human notes about how the text was decoded (nothing for plain UTF-8)."""
    notes: list[str] = []
    if replaced:
        notes.append(replaced_note(replaced))
    if encoding == "utf-8-sig":
        notes.append("removed the UTF-8 byte order mark")
    elif encoding != "utf-8":
        notes.append(f"decoded as {encoding}")
    if "\r" in raw:
        notes.append("normalised line endings to \\n")
    return notes


_NOT_PAGE_CODECS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})


def decode_html(data: bytes) -> tuple[str, str]:
    """``(text, encoding name)`` of :func:`decode_page`."""
    decoded = decode_page(data)
    return decoded.text, decoded.encoding


def decode_page(data: bytes) -> Decoded:
    """Decode a page, trusting its ``<meta charset>`` over guessing when it is not UTF-8."""
    has_bom = any(data.startswith(bom) for bom, _ in _BOMS)
    if not has_bom and binary_kind(data) is None:
        if b"\x00" in data:
            return decode(data)  # refused there, with the NUL's place
        try:
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
        declared = _declared_charset(data[:4096])
        if declared:
            try:
                info = codecs.lookup(declared)
                # Only real text encodings: a page may declare "idna" or "unicode_escape".
                # A page that says UTF-8 but has damaged bytes is left to decode(), which
                # replaces them and says how many.
                if (
                    getattr(info, "_is_text_encoding", True)
                    and info.name not in _NOT_PAGE_CODECS
                    and info.name != "utf-8"
                ):
                    return Decoded(data.decode(declared), _encoding_label(info.name))
            except (LookupError, UnicodeError):
                pass
    return decode(data)  # byte order marks, binary refusal, detection


def _declared_charset(head: bytes) -> str | None:
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", head, re.IGNORECASE)
    return match.group(1).decode("ascii") if match else None
