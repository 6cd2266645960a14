"""The quote check across articles (quoted text in one article: test_quotemarks)."""

from __future__ import annotations

import pytest

from desktop.engine.align.pair import align_pair
from desktop.engine.align.quotes import project, quote_check
from desktop.engine.align.worddiff import word_diff
from desktop.engine.model import Article, CorpusAlignment, Kind, Passage, QuoteUse, Settings

from .samples import art


def test_project_carries_offsets_through_the_diff() -> None:
    a, b = "one two three four", "one deux three four"
    p = Passage(0, len(a), 0, len(b), Kind.EDITED, 0.8, word_diff(a, 0, len(a), b, 0, len(b)))
    s, e = project(p, a.index("three"), len(a))
    assert b[s:e] == "three four"
    s, e = project(p, a.index("two"), a.index("two") + 3)
    assert b[s:e] == "deux"


# --------------------------------------------------------------------------- across articles

QUOTE = "A simplified regulatory structure would not only accelerate the growth of open-source AI."


def check(*texts: str, link: bool = True, settings: Settings | None = None) -> CorpusAlignment:
    arts = [art(t, f"n{k}") for k, t in enumerate(texts)]
    pairs = []
    if link:
        for i in range(len(arts)):
            for j in range(i + 1, len(arts)):
                pair = align_pair(arts[i], arts[j], settings or Settings(min_words=3))
                if pair.passages:
                    pairs.append(pair)
    return CorpusAlignment(tuple(arts), Settings(), tuple(pairs))


def uses(corpus: CorpusAlignment) -> list[dict[str, QuoteUse]]:
    return [{v.article: v.use for v in q.versions} for q in quote_check(corpus)]


@pytest.mark.parametrize("link", [True, False])
def test_verbatim_altered_and_paraphrased_versions(link: bool) -> None:
    corpus = check(
        f'Ek spoke on Monday. "{QUOTE}" Ek said.',
        f"The CEO was clear. “{QUOTE}” he said.",
        f"“{QUOTE.replace('structure', 'framework').replace('the growth', 'growth')}” Ek wrote.",
        link=link,
    )
    (statement, *_) = quote_check(corpus)
    found = {v.article: v.use for v in statement.versions}
    assert found == {"n0": QuoteUse.VERBATIM, "n1": QuoteUse.VERBATIM, "n2": QuoteUse.ALTERED}
    assert statement.altered and statement.reference_version.article in ("n0", "n1")
    altered = next(v for v in statement.versions if v.use is QuoteUse.ALTERED)
    ref = statement.reference_version.text
    changed = {
        (ref[o.a_start : o.a_end], altered.text[o.b_start : o.b_end]) for o in altered.diff if o.op != "equal"
    }
    assert ("structure", "") in changed and ("", "framework") in changed


def test_paraphrase_without_quotation_marks() -> None:
    corpus = check(
        f'Ek spoke on Monday. "{QUOTE}" Ek said.',
        "Ek spoke too. He said a simplified regulatory structure would not only accelerate the growth of "
        "open-source AI.",
    )
    (statement,) = quote_check(corpus)
    assert {v.article: v.use for v in statement.versions} == {
        "n0": QuoteUse.VERBATIM,
        "n1": QuoteUse.PARAPHRASED,
    }


# A passage of five sentences reworded; the third of A is a quote, the third of B is not.
NEWS = [
    "The regulator published its draft rules for chatbots on Tuesday after months of talks.",
    "Officials in Brussels said the rules would apply to every large model sold in the bloc.",
    "",
    "The draft now goes to national governments, which have until March to respond.",
    "Several capitals have already asked for longer transition periods for small firms.",
]
NEWS_B = [
    "On Tuesday, after months of talks, the regulator published its draft rules for chatbots.",
    NEWS[1],
    "",
    NEWS[3],
    "Longer transition periods for small firms have already been requested by several capitals.",
]


SAID = '"A simplified regulatory structure would accelerate the growth of open-source AI," Ek said.'


def _story(lines: list[str], third: str) -> str:
    return " ".join([*lines[:2], third, *lines[3:]])


@pytest.mark.parametrize(
    "instead",
    [
        "Ek, who runs a music streaming service, spoke at a technology conference in Paris.",
        "Ek said the structure of the talks had been simplified over the summer.",
        "The growth of the bloc's technology sector slowed sharply last year, figures show.",
    ],
)
def test_text_a_passage_puts_where_a_quote_was_is_no_paraphrase_of_it(instead: str) -> None:
    # The quote's words land on B's third sentence through the passage's word diff, but
    # that sentence says something else (it shares a word or two with the quote at most).
    corpus = check(_story(NEWS, SAID), _story(NEWS_B, instead), settings=Settings())
    assert [p.b_span for p in corpus.pairs[0].passages] == [(0, len(corpus.articles[1].text))]
    (statement,) = quote_check(corpus)
    assert {v.article: v.use for v in statement.versions} == {"n0": QuoteUse.VERBATIM}


def test_a_paraphrase_of_a_quote_is_the_sentence_that_rewords_it() -> None:
    reworded = "Ek argued that simpler regulation would speed up the growth of open-source AI."
    unrelated = "Shares of several European telecom operators fell sharply in early trading."
    corpus = check(_story(NEWS, SAID), _story(NEWS_B, f"{reworded} {unrelated}"), settings=Settings())
    (statement,) = quote_check(corpus)
    (version,) = [v for v in statement.versions if v.article == "n1"]
    assert version.use is QuoteUse.PARAPHRASED
    assert version.text == reworded  # not the words around it that the passage holds too
    ((start, end),) = version.spans
    assert corpus.articles[1].text[start:end] == reworded


def test_quoting_part_of_a_statement_is_not_altering_it() -> None:
    longer = f"{QUOTE[:-1]} and it would also support developers across Europe."
    corpus = check(
        f'"{longer}" Ek said.', "“would not only accelerate the growth of open-source AI” he said."
    )
    (statement,) = quote_check(corpus)
    assert not statement.altered
    assert statement.reference_version.text.startswith("A simplified")


def test_unrelated_quotes_stay_apart() -> None:
    corpus = check(
        '"The weather in the mountains will turn cold next week," she said.',
        '"Our quarterly results beat every analyst forecast this spring," he said.',
    )
    assert [len(q.versions) for q in quote_check(corpus)] == [1, 1]


def test_quotes_in_boilerplate_are_left_out() -> None:
    text = '"Share this story with your friends on social media today" Subscribe now.\nBody text.'
    article = Article("a", "", "", text, boilerplate=((0, text.index("\n")),))
    assert quote_check(CorpusAlignment((article,), Settings(), ())) == ()


def test_seeds_statement_quoted_differently_by_two_outlets(seed_paths) -> None:
    from desktop.engine.align.corpus import align_corpus
    from desktop.engine.load.articles import load_articles

    articles, _ = load_articles([str(p) for p in seed_paths])
    corpus = align_corpus(articles, Settings(use_embeddings=False))
    (statement,) = [q for q in quote_check(corpus) if "simplified regulatory" in q.label]
    quoting = {v.article for v in statement.versions if v.use != "paraphrased"}
    assert statement.altered and quoting == {"000_910161cb7de8ba55", "002_5fdadf6e0c9376cb"}
    # The aligner links these two sentences today; word overlap alone must find them too.
    unlinked = CorpusAlignment(corpus.articles, corpus.settings, ())
    (again,) = [q for q in quote_check(unlinked) if "simplified regulatory" in q.label]
    assert again.altered and set(again.articles) == quoting


def test_the_quote_check_reports_its_progress_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.engine.align.quotes as quotes

    monkeypatch.setattr(quotes, "_REPORT_EVERY", 1)
    edited = QUOTE.replace("structure", "framework")
    corpus = check(f'"{QUOTE}" Ek said.', f"“{QUOTE}” he said.", f"“{edited}” Ek wrote.", f"He said {edited}")
    seen: list[float] = []
    found = quote_check(corpus, progress=seen.append)
    assert found == quote_check(corpus)
    assert len(corpus.pairs) >= 3 and len(set(seen)) >= 3 + 3 + 1, "each pair, statement and group"
    assert seen == sorted(seen) and seen[0] > 0 and seen[-1] == 1.0
