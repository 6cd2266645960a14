"""One label per article, used by every view and export."""

from __future__ import annotations

from desktop.engine.labels import article_label, numbered_labels
from desktop.engine.load.articles import article_from_text


def test_label_is_the_outlet_then_the_title_then_the_id() -> None:
    assert article_label(article_from_text("Headline\nBody.", outlet="  Le Monde ")) == "Le Monde"
    assert article_label(article_from_text("Headline\nBody.")) == "Headline"
    bare = article_from_text("   \nBody.", title=" ", article_id="x1")
    assert article_label(bare) == "x1"


def test_numbered_labels_follow_the_place_in_the_set() -> None:
    named = article_from_text("One\nBody one.", outlet="Le Monde")
    first = article_from_text("Two\nBody two.")
    second = article_from_text("Three\nBody three.")
    labelled = numbered_labels([named, first, second])
    assert [a.outlet for a in labelled] == ["Le Monde", "Article 2", "Article 3"]
    more = numbered_labels([article_from_text("Four\nBody four.")], already=labelled)
    assert [a.outlet for a in more] == ["Article 4"]


def test_numbered_labels_never_repeat_a_label_in_use() -> None:
    taken = article_from_text("One\nBody one.", outlet="Article 2")
    labelled = numbered_labels([article_from_text("Two\nBody two.")], already=[taken])
    assert [a.outlet for a in labelled] == ["Article 3"]


def test_a_second_article_of_one_outlet_gets_a_number() -> None:
    first = article_from_text("One\nBody one.", outlet="Reuters")
    second = article_from_text("Two\nBody two.", outlet="reuters ")
    other = article_from_text("Three\nBody three.", outlet="AP")
    labelled = numbered_labels([first, second, other])
    assert [a.outlet for a in labelled] == ["Reuters", "reuters (2)", "AP"]
    third = numbered_labels([article_from_text("Four\nBody four.", outlet="Reuters")], already=labelled)
    assert [a.outlet for a in third] == ["Reuters (3)"]
    assert labelled[0] is first  # a label in use never changes


def test_a_numbered_label_never_takes_an_outlet_that_joins_with_it() -> None:
    unnamed = article_from_text("One\nBody one.")
    named = article_from_text("Two\nBody two.", outlet="Article 1")
    assert [a.outlet for a in numbered_labels([unnamed, named])] == ["Article 2", "Article 1"]


def test_a_numbered_outlet_never_takes_an_outlet_that_joins_with_it() -> None:
    one, two = (article_from_text(f"{t}\nBody.", outlet="Reuters") for t in ("One", "Two"))
    third = article_from_text("Three\nBody three.", outlet="Reuters  (2)")
    assert [a.outlet for a in numbered_labels([one, two, third])] == ["Reuters", "Reuters (3)", "Reuters (2)"]
