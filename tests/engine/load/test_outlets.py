"""Outlets found in the text when the format names none: credit lines, titles, file names."""

from __future__ import annotations

import pytest

from desktop.engine.load.outlets import credit_line_site, derive_outlet, file_label, title_site

CREDITS = [
    ("LONDON (Reuters) - The bank raised rates.", "Reuters"),
    ("August 27, 2024 (V SOCIAL MEDIA OF HOLLYWOOD) - Mark Zuckerberg said", "V Social Media of Hollywood"),
    ("Headline\n\nBody.\n\nThis article first appeared on The Conversation.", "The Conversation"),
    ("Headline\n\nBody.\n\nCopyright 2024 The Example Times. All rights reserved.", "The Example Times"),
    ("Body.\n© 2023 Harbour Gazette", "Harbour Gazette"),
    # A long sentence that mentions a publication names no credit for this text.
    (
        "Headline\nIn a joint statement first published in The Economist and then on the Meta and Spotify "
        "websites Friday, the duo took aim at alleged EU obstruction to the development of open source AI.",
        "",
    ),
    ("This post was originally published on this site\nBody.", ""),
    ("Body.\n\nSource: Meta", ""),  # a photo or statement source, not the outlet
]


@pytest.mark.parametrize(("text", "site"), CREDITS)
def test_credit_lines(text: str, site: str) -> None:
    assert credit_line_site(text) == site


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("Rates rise again | The Daily Planet", "The Daily Planet"),
        ("Meta and Spotify unite - The Verge", "The Verge"),
        ("Meta, Spotify Issue Statement Criticizing EU’s AI Regulations", ""),
        ("Zuckerberg says - we need it now.", ""),
        ("Open - Shut", ""),
    ],
)
def test_title_suffixes(title: str, site: str) -> None:
    assert title_site(title) == site


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("001_dc3f0d53317f598b.txt", ""),
        ("dc3f0d53317f598b.txt", ""),
        ("2024-08-27.txt", ""),
        ("index.html", ""),
        ("bbc-news.html", "bbc-news"),
        ("the_daily_planet.txt", "the daily planet"),
    ],
)
def test_file_labels(name: str, label: str) -> None:
    assert file_label(f"/some/folder/{name}") == label


def test_the_text_comes_before_the_title_and_the_file_name() -> None:
    text = "LONDON (Reuters) - Body."
    assert derive_outlet(text, "Headline words here | Other Site", "/x/bbc.txt") == "Reuters"
    assert derive_outlet("Body.", "Headline words here | Other Site", "/x/bbc.txt") == "Other Site"
    assert derive_outlet("Body.", "Headline", "/x/bbc.txt") == "bbc"
    assert derive_outlet("Body.", "Headline", "/x/007.txt") == ""
