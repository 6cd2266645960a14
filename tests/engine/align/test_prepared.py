"""Articles prepared for alignment: sentences, stems, weights, words and the cache."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.engine.align import prepared as prep
from desktop.engine.align.prepared import (
    ANCHOR_WORDS,
    NAME_FACTOR,
    NAME_SHARE,
    TOPIC_MIN_SENTENCES,
    TOPIC_POWER,
    TOPIC_SHARE,
    boilerplate_share,
    prepare,
    run_key,
    union,
)
from desktop.engine.align.rarity import info
from desktop.engine.model import Article
from tests.engine.align.samples import art


def article(text: str, article_id: str = "a", boilerplate: tuple[tuple[int, int], ...] = ()) -> Article:
    return Article(article_id, "", "", text, boilerplate=boilerplate)


def refrain(n: int) -> str:
    """``n`` sentences, each holding the (lower-case, rare) word "xylophone" once."""
    others = ["loud", "quiet", "early", "late", "bright", "dark", "warm", "cold", "fast", "slow", "odd"]
    return " ".join(f"The xylophone sounded {others[k % len(others)]} in hall number {k}." for k in range(n))


def test_weights_are_the_articles_own() -> None:
    # A word in most sentences of an article is one of its topic words: it weighs less
    # than a word as rare in English that the article uses once.
    lines = [f"Reuters said Meta found item {k} ready for the market." for k in range(9)]
    p = prepare(art("\n".join([*lines, "The regulator may withhold approval."]), "x"))
    assert p.weight("meta") < info("meta")  # a name in every sentence
    assert p.weight("withhold") == pytest.approx(info("withhold"))
    assert p.weight("market") < info("market")  # in every sentence, lower case too
    assert "meta" in p.names and "market" not in p.names


def test_weights_do_not_depend_on_other_articles() -> None:
    text = "The regulator said the merger would reduce competition in the broadband market."
    alone = prepare(art(text, "a"))
    prepare(art("Completely different words about gardening and roses in spring.", "b"))
    again = prepare(art(text, "c"))
    assert dict(alone.weights) == dict(again.weights)


def test_topic_words_are_damped_only_in_articles_long_enough_to_tell() -> None:
    short = prepare(article(refrain(TOPIC_MIN_SENTENCES - 1)))
    assert len(short.sentences) == TOPIC_MIN_SENTENCES - 1
    assert short.weight("xylophon") == pytest.approx(info("xylophone"))
    n = TOPIC_MIN_SENTENCES
    long = prepare(article(refrain(n)))
    assert len(long.sentences) == n
    # In all n sentences: the weight falls with the power of how far it exceeds the share.
    expected = info("xylophone") * (TOPIC_SHARE * n / n) ** TOPIC_POWER
    assert long.weight("xylophon") == pytest.approx(expected)
    assert long.weight("xylophon") < short.weight("xylophon")


def test_a_word_within_the_topic_share_keeps_its_weight() -> None:
    n = 10  # one sentence in ten is under the topic share, two in ten are over it
    assert 1 / n <= TOPIC_SHARE < 2 / n
    lines = [f"The hall number {k} was full." for k in range(n)]
    lines[3] = "The withholding of tickets angered fans."
    once = prepare(article(" ".join(lines)))
    lines[6] = "Officials denied withholding anything at all."
    twice = prepare(article(" ".join(lines)))
    base = min(info("withholding"), info("withhold"))
    assert once.weight("withhold") == pytest.approx(base)
    assert twice.weight("withhold") < once.weight("withhold")


def test_names_weigh_half() -> None:
    p = prepare(article("Critics said Zuckerberg erred. Then Zuckerberg left. The plan failed."))
    assert "zuckerberg" in p.names
    assert p.weight("zuckerberg") == pytest.approx(NAME_FACTOR * info("zuckerberg"))
    assert "plan" not in p.names and p.weight("plan") == pytest.approx(info("plan"))


@pytest.mark.parametrize(("capitalised", "is_name"), [(4, True), (3, False)])
def test_a_name_is_capitalised_in_most_of_its_sentences(capitalised: int, is_name: bool) -> None:
    total = 5
    assert (capitalised >= NAME_SHARE * total) is is_name
    lines = [
        f"Shares of {'Apple' if k < capitalised else 'apple'} rose in trading number {k}."
        for k in range(total)
    ]
    p = prepare(article(" ".join(lines)))
    assert ("appl" in p.names) is is_name


def test_boilerplate_sentences_and_words_are_left_out() -> None:
    chrome = "Subscribe to our newsletter for daily updates."
    text = f"{chrome} The regulator approved the merger on Tuesday."
    p = prepare(article(text, boilerplate=((0, len(chrome)),)))
    assert [text[s.start : s.end] for s in p.sentences] == ["The regulator approved the merger on Tuesday."]
    assert "subscrib" not in p.weights and "newslett" not in p.weights
    assert all(start >= len(chrome) for _, start, _ in p.words)


def test_stems_postings_and_totals_agree() -> None:
    p = prepare(article("The merger was approved. Critics fear the merger. Prices rise."))
    for s, where in p.postings.items():
        assert all(s in p.stems[k] for k in where)
        assert [k for k, st in enumerate(p.stems) if s in st] == list(where)
    for k in range(len(p.stems)):
        assert p.total(k) == pytest.approx(sum(p.weight(s) for s in p.stems[k]))
    assert p.weight("absent") == 0.0


def test_grams_index_every_run_of_words() -> None:
    text = "one two three one two three four"
    p = prepare(article(text))
    words = [w for w, _, _ in p.words]
    assert p.grams(3)[("one", "two", "three")] == (0, 3)
    assert p.grams(2)[("three", "four")] == (5,)
    long = " ".join(f"w{k}" for k in range(ANCHOR_WORDS + 2))
    q = prepare(article(long))
    assert len(q.grams(ANCHOR_WORDS)) == 3 and q.grams(ANCHOR_WORDS) is q.anchors
    assert sum(len(v) for v in p.grams(3).values()) == len(words) - 2


def test_word_flags_mark_words_wholly_inside_the_spans() -> None:
    text = "alpha beta gamma delta"
    p = prepare(article(text))
    assert p.word_flags([(0, 10)]) == [True, True, False, False]
    assert p.word_flags([(0, 8)]) == [True, False, False, False]  # "beta" only partly inside
    assert p.word_flags([(11, 16), (6, 10)]) == [False, True, True, False]
    assert p.word_flags([]) == [False] * 4


WORDS_TEXT = "alpha beta, gamma delta -- epsilon zeta. Eta theta iota kappa."


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(WORDS_TEXT)), st.integers(0, 20)), max_size=6))
def test_words_inside_counts_what_word_flags_marks(cuts: list[tuple[int, int]]) -> None:
    p = prepare(article(WORDS_TEXT))
    spans = [(s, min(len(WORDS_TEXT), s + n)) for s, n in cuts]
    assert p.words_inside(spans) == sum(p.word_flags(spans))


def test_run_keys_are_the_same_in_every_process() -> None:
    run = ("the", "commission", "said", "on", "thursday", "that", "it", "would")
    code = f"from desktop.engine.align.prepared import run_key; print(run_key({run!r}))"
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert seen == {str(run_key(run))}


def test_anchor_keys_checksum_every_anchor_run() -> None:
    long = " ".join(f"w{k}" for k in range(ANCHOR_WORDS + 3))
    p = prepare(article(long))
    assert len(p.anchors) == len(p.anchor_keys) == 4
    assert all(run_key(g) == key for key, runs in p.anchor_keys.items() for g in runs)
    assert sorted(g for runs in p.anchor_keys.values() for g in runs) == sorted(p.anchors)


def test_union_and_boilerplate_share() -> None:
    assert union([(5, 8), (0, 3), (2, 4), (8, 9)]) == [(0, 4), (5, 9)]
    assert union([]) == []
    assert boilerplate_share(0, 10, ((0, 5),)) == 0.5
    assert boilerplate_share(0, 10, ((0, 5), (8, 20))) == 0.7
    assert boilerplate_share(0, 10, ()) == 0.0 and boilerplate_share(5, 5, ((0, 10),)) == 0.0


def test_clause_starts_follow_the_punctuation() -> None:
    text = "The plan, critics said, would hurt small firms."
    p = prepare(article(text))
    (cuts,) = p.clauses
    assert cuts[0] == (0, 0)
    assert [text[c:].split()[0] for _, c in cuts[1:]] == ["critics", "would"]
    stems = p.stems[0]
    # Each clause starts at its first content stem ("would" is none).
    assert [stems[k] for k, _ in cuts] == ["plan", "critic", "hurt"]


def test_the_same_text_under_another_id_is_prepared_once() -> None:
    text = "A unique sentence about the cache of prepared xylophone articles."
    first = prepare(article(text, "first"))
    second = prepare(article(text, "second"))
    assert second.article.id == "second" and first.article.id == "first"
    assert second.weights is first.weights and second.sentences is first.sentences


def test_the_cache_is_bounded_and_drops_the_least_recently_used() -> None:
    cache = prep._Lru(3)
    values = {k: prepare(article(f"Sentence number {k} here.", f"id{k}")) for k in "abcd"}
    for k in "abc":
        cache.put(k, values[k])
    assert cache.get("a") is values["a"]  # "a" is now the most recent
    cache.put("d", values["d"])
    assert cache.get("b") is None
    assert [cache.get(k) is not None for k in "acd"] == [True, True, True]
    cache.clear()
    assert cache.get("a") is None


def test_the_cache_stays_bounded_and_consistent_under_threads() -> None:
    limit = 16
    cache = prep._Lru(limit)
    value = prepare(article("A value held by the cache."))
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def hammer(t: int) -> None:
        try:
            start.wait()
            for k in range(2000):
                key = f"{(t * 7 + k) % 40}"
                cache.put(key, value)
                found = cache.get(f"{k % 40}")
                assert found is None or found is value
                assert len(cache._items) <= limit
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=hammer, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(cache._items) <= limit


def test_prepare_from_many_threads_gives_what_one_thread_gives() -> None:
    texts = [refrain(3 + k % 5) + f" Closing line {k}." for k in range(24)]
    prep._CACHE.clear()
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda t: prepare(article(t, "x")), texts * 3))
    prep._CACHE.clear()
    alone = [prep._prepare(article(t, "x")) for t in texts]
    for k, p in enumerate(threaded):
        assert p == alone[k % len(texts)]


def test_what_is_remembered_of_an_article_stays_in_its_process() -> None:
    import pickle

    from desktop.engine.align.similarity import bag

    p = prep._prepare(article("Meta said the EU rules were unclear, and that it would wait. Spotify agreed."))
    first = p.bag(0)
    assert p.bag(0) is first and first == bag(p.stems[0], p.weights)
    assert p.joined_bag(0, 1).seq == p.stems[0] + p.stems[1]
    back = pickle.loads(pickle.dumps(p))
    assert back.memo == {} and p.memo  # the bags are not sent to other processes
    assert back == p  # ... and never compared
    assert back.bag(0) == first
