"""Site-chrome detection: positives for every pattern family, negatives for ordinary prose."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.engine.load.boilerplate import appeared_first_on, find_boilerplate, is_embed

SEEDS = Path(__file__).resolve().parents[3] / "seeds"

BEFORE = "The council voted on Tuesday to approve the new budget after a long debate."
AFTER = "Officials said the money would go to schools, roads and the city's libraries."


def marked_lines(text: str) -> list[str]:
    return [text[start:end] for start, end in find_boilerplate(text)]


def surrounded(line: str) -> str:
    return f"{BEFORE}\n\n{line}\n\n{AFTER}"


CHROME = {
    "navigation": [
        "Previous",
        "Next",
        "« Previous post",
        "Next Article »",
        "Read more",
        "READ MORE:",
        "Related articles",
        "Related",
        "Share this",
        "Share this article",
        "Share on Facebook",
        "Tweet",
        "Subscribe",
        "Subscribe to our newsletter",
        "Sign up for our newsletter",
        "Advertisement",
        "Story continues below advertisement",
        "Skip to content",
        "Skip to main content",
        "Cookie policy",
        "We use cookies to improve your experience on our site.",
        "Accept all cookies",
        "You may also like",
        "## Related stories",
    ],
    "comments": [
        "No Comments Yet",
        "You can be the first to comment!",
        "Be the first to comment",
        "Leave a comment",
        "Leave a Reply",
        "Leave a Reply Cancel reply",
        "You must be logged in to post a comment.",
        "12 comments",
        "1 Comment",
        "Comments (4)",
        "Your email address will not be published. Required fields are marked *",
    ],
    "syndication": [
        "This post was originally published on this site",
        "This article was originally published on The Conversation.",
        "This story first appeared in Grist.",
        "The post Ten things to know about rates appeared first on Example News.",
        "This article is republished from The Conversation under a Creative Commons license.",
    ],
    "embeds": [
        "Wow, look at this. pic.twitter.com/AbC123xyz",
        "— Jane Reporter (@janereporter) May 26, 2024",
        "— Some Agency (@agency) Sept. 3, 2023",
        "View this post on Instagram",
        "A post shared by Jane Doe (@janedoe)",
        "https://twitter.com/someone/status/1234567890",
    ],
    "copyright": [
        "© 2024 Example Media Group",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "Copyright © Example News",
        "(c) 2023 Example Ltd",
        "All rights reserved.",
    ],
    "credits": [
        "Photo: Jane Doe / Example Agency",
        "Photo by John Smith on Unsplash",
        "Image credit: Getty Images",
        "Image: Meta",
        "Source: Meta",
        "Sources: company filings",
        "Credit: Reuters",
        "(AP Photo/Jane Doe)",
        "Getty Images",
        "The two chief executives at a conference in Paris ● Source: Meta",
        "Protesters outside the parliament building (Photo: Jane Doe)",
    ],
}

POSITIVES = [(family, line) for family, lines in CHROME.items() for line in lines]


@pytest.mark.parametrize(("family", "line"), POSITIVES, ids=[f"{f}:{line[:30]}" for f, line in POSITIVES])
def test_chrome_line_is_marked(family: str, line: str) -> None:
    text = surrounded(line)
    assert marked_lines(text) == [line]


NEGATIVES = [
    "The next wave of technology investment could pass Europe by, the two executives warned.",
    "Next year the company plans to open three new offices in Berlin, Madrid and Warsaw.",
    "Next, the committee will hear from residents who oppose the plan.",
    "The spokesperson declined to comment on the report when reached by phone on Monday.",
    "Leave a comment like that in a public forum and you may hear from the regulator, she said.",
    "No comment was offered by the ministry, which has been criticised before.",
    "Comments made by the minister last week drew sharp criticism from the opposition.",
    "Readers can subscribe to the service for $5 a month starting next week, the company said.",
    "Subscribers will pay more from March, the streaming service confirmed.",
    "Shares of the company fell 4% in early trading after the announcement.",
    "The source of the leak has not been identified, police said on Friday.",
    "Sources familiar with the matter said the talks could resume in June.",
    "The photo, taken in 1969, shows the crew shortly before launch.",
    "Images from the scene showed collapsed buildings and flooded streets.",
    "Copyright law has not kept pace with generative AI, the judge wrote.",
    "The company said it would read more widely before deciding on the policy.",
    "Previously, the regulator had fined the company twice for similar breaches.",
    "Cookies and other tracking tools have been the focus of the privacy regulator for years.",
    "The post office will close at noon on Saturday because of the storm.",
    "Advertising revenue at the company rose 12% in the second quarter, beating forecasts.",
    "Meta and Spotify CEOs want the EU to embrace open-source AI",
    "Tweet by tweet, the argument spread across the platform within hours of the statement.",
    "He said the shares were originally published in a prospectus that was later withdrawn by the bank.",
]


@pytest.mark.parametrize("line", NEGATIVES, ids=[line[:40] for line in NEGATIVES])
def test_ordinary_sentence_is_not_marked(line: str) -> None:
    assert find_boilerplate(surrounded(line)) == ()


def test_long_line_with_chrome_words_is_not_marked() -> None:
    long_line = (
        "All rights reserved, the lawyer repeated, was the phrase printed on every page of the "
        "contract that the company asked its freelance photographers to sign before they could "
        "be paid for any of the work they had already delivered to the newsroom."
    )
    assert find_boilerplate(surrounded(long_line)) == ()


def test_headline_after_previous_and_next_links_is_marked() -> None:
    text = (
        f"{BEFORE}\n\nPrevious\nPrevious\n\nCity Opens New Library Branch Downtown\n\n"
        "Next\nNext\n\nMayor Announces Plan to Plant 10,000 Trees"
    )
    assert marked_lines(text) == [
        "Previous",
        "Previous",
        "City Opens New Library Branch Downtown",
        "Next",
        "Next",
        "Mayor Announces Plan to Plant 10,000 Trees",
    ]


@pytest.mark.parametrize(
    "after",
    [
        " ".join(["The council debated the proposal for several hours before voting"] * 4),
        "The council debated the proposal for several hours before voting.",
    ],
    ids=["long", "sentence"],
)
def test_paragraph_after_next_link_is_not_marked(after: str) -> None:
    text = f"Next\n{after}"
    assert marked_lines(text) == ["Next"]


def test_tweet_text_before_signature_is_marked() -> None:
    tweet = "Big news today: the new bridge opens to traffic on Monday morning, finally!"
    signature = "— City Transport (@citytransport) March 3, 2024"
    text = f"{BEFORE}\n{tweet}\n{signature}\n{AFTER}"
    assert marked_lines(text) == [tweet, signature]


def test_span_covers_the_line_without_its_newline() -> None:
    text = "Body text of the article goes here and continues.\n  Share this  \nMore body text here."
    [(start, end)] = find_boilerplate(text)
    assert text[start:end] == "  Share this  "
    assert text[end] == "\n"


def test_text_is_never_changed() -> None:
    text = surrounded("Leave a comment")
    copy = str(text)
    find_boilerplate(text)
    assert text == copy


@pytest.mark.parametrize(
    ("line", "site"),
    [
        ("The post Meta and Spotify CEOs want X appeared first on Android Headlines.", "Android Headlines"),
        ("The post A appeared first on Example News", "Example News"),
        ("The post office appeared first on the list of closures.", "the list of closures"),
        ("Source: Meta", None),
        ("This post was originally published on this site", None),
    ],
)
def test_appeared_first_on(line: str, site: str | None) -> None:
    assert appeared_first_on(line) == site


PIECES = [*"ab \n\r—@().:#", "Next", "Share this", "pic.twitter.com/x", "(@x) May 1, 2024", "Source: X"]


@given(st.lists(st.sampled_from(PIECES)).map("".join), st.lists(st.sampled_from(PIECES)).map("".join))
def test_spans_are_sorted_disjoint_single_lines(before: str, after: str) -> None:
    text = f"{before}\nShare this\n{after}"  # at least one line of chrome, so spans are checked
    spans = find_boilerplate(text)
    assert spans
    previous_end = -1
    for start, end in spans:
        assert previous_end < start < end <= len(text)
        assert "\n" not in text[start:end]
        assert text[start:end].strip()
        previous_end = end


# --------------------------------------------------------------------------- the seed articles

SEED_CHROME = [
    "Previous",
    "Next",
    "Source: Meta",
    "No Comments Yet",
    "You can be the first to comment!",
    "Leave a comment",
    "You must be logged in to post a comment.",
    "This post was originally published on this site",
    "— Tantacrul (@Tantacrul) May 26, 2024",
]


def seed_texts() -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not present")
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


def test_seed_chrome_lines_are_marked() -> None:
    marked = {line.strip() for text in seed_texts().values() for line in marked_lines(text)}
    for chrome in SEED_CHROME:
        assert chrome in marked
    assert any(line.startswith("The post ") and "appeared first on" in line for line in marked)
    assert any("pic.twitter.com/" in line for line in marked)


def test_seed_paragraphs_are_not_marked() -> None:
    lines = paragraphs = 0
    for name, text in seed_texts().items():
        for line in marked_lines(text):
            assert len(line.split()) < 40 or is_embed(line), (name, line)
            lines += 1
        marked = set(marked_lines(text))
        for paragraph in text.split("\n"):
            if len(paragraph.split()) >= 40 and "pic.twitter.com" not in paragraph:
                assert paragraph not in marked, (name, paragraph[:80])
                paragraphs += 1
    assert lines >= 10 and paragraphs >= 10, "the seeds have chrome lines and long paragraphs to check"


def test_seed_reading_between_the_lines_sentence_is_kept() -> None:
    text = seed_texts()["001_dc3f0d53317f598b.txt"]
    start = text.index("reading between the lines")
    spans = find_boilerplate(text)
    assert spans, "the article has chrome, so the sentence is checked against it"
    for span_start, span_end in spans:
        assert not span_start <= start < span_end
