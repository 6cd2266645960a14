"""How shares and similarities are written to readers, in the window and the exports.

A whole percent rounds: 0.996 of an article shared would read "100%" and an edited
passage whose words all match (a change of case or punctuation) would read "100%
similar" beside a verbatim one. Here "100%" and "0%" are kept for what is whole or
nothing; everything just short of either says so.
"""

from __future__ import annotations

from desktop.engine.model import Kind


def percent(share: float) -> str:
    """``share`` (0 to 1) as a whole percent: "<1%" for a small non-zero share, ">99%"
    for one just short of all."""
    whole = f"{share * 100:.0f}"
    if whole == "0" and share > 0:
        return "<1%"
    if whole == "100" and share < 1:
        return ">99%"
    return whole + "%"


def similarity(score: float, kind: Kind) -> str:
    """A passage's similarity as a percent: "100%" only for a verbatim passage."""
    text = percent(score)
    return ">99%" if text == "100%" and kind is not Kind.VERBATIM else text
