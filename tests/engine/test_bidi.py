"""Bidi isolation of article-derived text: balanced controls, isolates, stripped titles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.engine.bidi import BIDI_CONTROLS, balanced, isolate, strip_bidi_controls

RLO, PDF, FSI, PDI, RLI = "\u202e", "\u202c", "\u2068", "\u2069", "\u2067"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reuters", "Reuters"),
        (f"Reu{RLO}ters", f"Reu{RLO}ters{PDF}"),
        (f"a{PDI}b", "ab"),  # a pop that would close the isolate around it
        (f"a{PDF}b", "ab"),
        (f"{RLI}x{RLO}y", f"{RLI}x{RLO}y{PDF}{PDI}"),
        (f"{RLI}x{RLO}y{PDI}z", f"{RLI}x{RLO}y{PDI}z"),  # the PDI closes the override too
        (f"{RLO}x{PDF}{PDF}", f"{RLO}x{PDF}"),
    ],
)
def test_balanced(text: str, expected: str) -> None:
    assert balanced(text) == expected


def test_isolate_and_strip() -> None:
    assert isolate(f"Reuters{RLO}") == f"{FSI}Reuters{RLO}{PDF}{PDI}"
    assert isolate("") == "" and isolate("Reuters — AP") == "Reuters — AP"  # nothing to isolate
    assert isolate("الجزيرة 24") == f"{FSI}الجزيرة 24{PDI}"  # right-to-left letters
    assert strip_bidi_controls(f"{RLO}Reuters\u200f{PDI}") == "Reuters"


def _closes_everything(text: str) -> bool:
    """Whether every pop closes something and nothing is left open (UBA rules X6a, X7)."""
    stack: list[str] = []
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            stack.append("i")
        elif ch in "\u202a\u202b\u202d\u202e":
            stack.append("e")
        elif ch == PDI:
            if "i" not in stack:
                return False
            while stack.pop() != "i":
                pass
        elif ch == PDF and (not stack or stack.pop() != "e"):
            return False
    return not stack


@given(st.text(alphabet=st.sampled_from(sorted(BIDI_CONTROLS) + ["a", "ب"]), max_size=30))
def test_balanced_text_closes_everything_it_opens(text: str) -> None:
    result = balanced(text)
    assert _closes_everything(result)
    assert strip_bidi_controls(result) == strip_bidi_controls(text)
