"""Palette-aware colours and text formats for marking shared passages.

Every colour is derived from the widget's :class:`QPalette`, so the marks stay readable
in light and dark themes: tints are blends of the palette's base colour with a hue
(Okabe-Ito hues, chosen to stay distinguishable with colour-vision deficiencies), and
strong backgrounds are pulled towards the base colour until the palette's text colour
keeps a contrast ratio of at least 4.5:1 on them.

Colour is never the only cue: word changes are also struck through or underlined,
boilerplate is italic, unique text has a dotted underline and the passage kinds differ
in their gutter pattern (see :data:`KIND_PEN_STYLES`).

The formats carry custom properties (``*_PROPERTY``) that say what they mark, so code
and tests can read back what an extra selection means without comparing colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextFormat

from desktop.engine.model import Kind, Op

_USER = int(QTextFormat.Property.UserProperty)
PASSAGE_PROPERTY = _USER + 1
"""int: index of the passage a format belongs to (in ``alignment.passages``)."""
WORD_PROPERTY = _USER + 2
"""str: ``"delete"`` (words only in A) or ``"insert"`` (words only in B)."""
BOILERPLATE_PROPERTY = _USER + 3
"""bool: site chrome, dimmed."""
UNIQUE_PROPERTY = _USER + 4
"""bool: text found in no other article."""
SELECTED_PROPERTY = _USER + 5
"""bool: part of the selected passage."""

KIND_PEN_STYLES: dict[Kind, Qt.PenStyle] = {
    # The non-colour cue for a passage's kind, used by the gutter bars and the bands.
    Kind.VERBATIM: Qt.PenStyle.SolidLine,
    Kind.EDITED: Qt.PenStyle.DashLine,
    Kind.PARAPHRASE: Qt.PenStyle.DotLine,
}

# (hue on light palettes, hue on dark palettes)
_KIND_HUES: dict[Kind, tuple[str, str]] = {
    Kind.VERBATIM: ("#0072B2", "#56B4E9"),  # blue
    Kind.EDITED: ("#D08C00", "#F0B43C"),  # orange
    Kind.PARAPHRASE: ("#B8558F", "#DE8FC0"),  # reddish purple
}
_DELETE_HUES = ("#E0455A", "#FF6B7A")  # words only in A
_INSERT_HUES = ("#1FA35B", "#4CD38A")  # words only in B
_UNIQUE_HUES = ("#008F68", "#3FD0A8")

MIN_CONTRAST = 4.5  # WCAG AA for normal text


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark theme (judged by its window colour)."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` blended towards ``b`` by ``t`` (0 = a, 1 = b), opaque."""
    t = min(max(t, 0.0), 1.0)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1..21)."""
    la, lb = _luminance(a), _luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def readable_background(background: QColor, text: QColor, base: QColor) -> QColor:
    """``background`` pulled towards ``base`` until ``text`` on it reaches :data:`MIN_CONTRAST`."""
    color = background
    for step in range(1, 11):
        if contrast(color, text) >= MIN_CONTRAST:
            return color
        color = mix(background, base, step / 10)
    return base


def kind_colors(palette: QPalette) -> dict[Kind, QColor]:
    """The strong hue of each passage kind for ``palette`` (gutter bars, band outlines)."""
    pick = 1 if is_dark(palette) else 0
    return {kind: QColor(hues[pick]) for kind, hues in _KIND_HUES.items()}


@dataclass(frozen=True)
class HighlightColors:
    """Every colour the compare view paints with, for one palette."""

    dark: bool
    base: QColor
    text: QColor
    kind: dict[Kind, QColor]  # strong hues
    passage: dict[Kind, QColor]  # faint tint behind shared text
    selected: dict[Kind, QColor]  # stronger tint behind the selected passage
    delete: QColor  # behind words only in A
    insert: QColor  # behind words only in B
    boilerplate: QColor  # foreground of site chrome
    unique: QColor  # dotted underline of unique text

    def band_fill(self, kind: Kind, selected: bool) -> QColor:
        """Translucent fill of a connector band."""
        color = QColor(self.kind[kind])
        color.setAlphaF((0.55 if selected else 0.3) if self.dark else (0.45 if selected else 0.26))
        return color


def highlight_colors(palette: QPalette) -> HighlightColors:
    """The colour set for ``palette``."""
    dark = is_dark(palette)
    pick = 1 if dark else 0
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    kinds = kind_colors(palette)
    faint, strong, word = (0.26, 0.48, 0.5) if dark else (0.16, 0.36, 0.45)

    def tint(hue: QColor, amount: float) -> QColor:
        return readable_background(mix(base, hue, amount), text, base)

    return HighlightColors(
        dark=dark,
        base=base,
        text=text,
        kind=kinds,
        passage={k: tint(c, faint) for k, c in kinds.items()},
        selected={k: tint(c, strong) for k, c in kinds.items()},
        delete=tint(QColor(_DELETE_HUES[pick]), word),
        insert=tint(QColor(_INSERT_HUES[pick]), word),
        boilerplate=mix(text, base, 0.45),
        unique=QColor(_UNIQUE_HUES[pick]),
    )


# --------------------------------------------------------------------------- formats


def passage_format(colors: HighlightColors, kind: Kind, index: int, selected: bool) -> QTextCharFormat:
    """Background tint of a shared passage; stronger when it is the selected one."""
    fmt = QTextCharFormat()
    fmt.setBackground(colors.selected[kind] if selected else colors.passage[kind])
    fmt.setProperty(PASSAGE_PROPERTY, index)
    if selected:
        fmt.setProperty(SELECTED_PROPERTY, True)
    return fmt


def word_format(colors: HighlightColors, op: Op) -> QTextCharFormat:
    """Words only on one side: strong background, struck through (A) or underlined (B)."""
    fmt = QTextCharFormat()
    if op is Op.DELETE:
        fmt.setBackground(colors.delete)
        fmt.setFontStrikeOut(True)
    else:
        fmt.setBackground(colors.insert)
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(colors.text)
    fmt.setProperty(WORD_PROPERTY, op.value)
    return fmt


def boilerplate_format(colors: HighlightColors) -> QTextCharFormat:
    """Site chrome: dimmed and italic."""
    fmt = QTextCharFormat()
    fmt.setForeground(colors.boilerplate)
    fmt.setFontItalic(True)
    fmt.setProperty(BOILERPLATE_PROPERTY, True)
    return fmt


def unique_format(colors: HighlightColors) -> QTextCharFormat:
    """Text no other article carries: a dotted underline, distinct from any passage mark."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(colors.unique)
    fmt.setProperty(UNIQUE_PROPERTY, True)
    return fmt
