"""Bytes to text: byte order marks, strict UTF-8, legacy encodings, binary refusal."""

from __future__ import annotations

import pytest

from desktop.engine.errors import ArticleError
from desktop.engine.load.decoding import decode_bytes
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
