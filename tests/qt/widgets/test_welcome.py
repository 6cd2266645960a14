"""The welcome page: what it says for each number of open articles, and about the samples."""

from __future__ import annotations

from pathlib import Path

from desktop.paths import seed_files
from desktop.qt.widgets.welcome import WelcomePage, samples_description


def test_the_heading_counts_the_open_articles(qtbot) -> None:
    page = WelcomePage()
    qtbot.addWidget(page)
    page.set_article_count(1)
    assert page.heading.text() == "One article is open"
    page.set_article_count(3)
    assert page.heading.text() == "3 articles are open"
    assert "one more" not in page.text.text()


def test_the_samples_are_described_by_count_and_folder_only(qtbot, tmp_path: Path) -> None:
    files = [tmp_path / "seeds" / f"{n}.txt" for n in range(3)]
    assert samples_description(files) == "3 sample articles from seeds/"
    assert samples_description(files[:1]) == "1 sample article from seeds/"
    page = WelcomePage()
    qtbot.addWidget(page)
    assert page.samples_button.toolTip() == samples_description(seed_files())
    assert str(len(seed_files())) in page.samples_button.toolTip()
