"""The JSON export: the documented schema, every pair, families and stats, and the file text."""

from __future__ import annotations

import json

from desktop.engine.align.worddiff import word_diff
from desktop.engine.export.json_report import (
    INDENT_MAX,
    SCHEMA_VERSION,
    alignment_json,
    families_json,
    json_text,
    let_go,
)
from desktop.engine.model import (
    Article,
    ArticleStats,
    CorpusAlignment,
    Family,
    FamilyMember,
    Kind,
    PairAlignment,
    Passage,
    Settings,
)

QUOTE_A = "The agency will review the merger before the end of the year."
QUOTE_B = "The agency will review the deal before the end of the year."


def corpus() -> CorpusAlignment:
    a = Article(
        "a", "Title a", "Outlet a", f"Intro.\n{QUOTE_A}", path="/news/caf\udce9.txt", boilerplate=((0, 6),)
    )
    b = Article("b", "Title b", "Outlet b", f"{QUOTE_B}\nMore from B.")
    c = Article("c", "Title c", "", "Nothing in common here.")
    sa, sb = a.text.index(QUOTE_A), 0
    ea, eb = sa + len(QUOTE_A), len(QUOTE_B)
    diff = word_diff(a.text, sa, ea, b.text, sb, eb)
    passage = Passage(sa, ea, sb, eb, Kind.EDITED, 0.9, diff)
    pair = PairAlignment("a", "b", (passage,), shared_a=0.8, shared_b=0.55555)
    members = (
        FamilyMember("a", sa, ea, Kind.VERBATIM, 1.0),
        FamilyMember("b", sb, eb, Kind.EDITED, 0.9, diff),
    )
    family = Family("F1", QUOTE_A, members, central=0)
    stats = (ArticleStats("a", 12, 0.8, 0.2, 1), ArticleStats("b", 13, 0.5, 0.5, 1))
    return CorpusAlignment((a, b, c), Settings(min_words=3), (pair,), (family,), stats)


def test_alignment_lists_every_pair_with_the_documented_fields() -> None:
    data = alignment_json(corpus())
    assert data["version"] == SCHEMA_VERSION == "1.3"
    assert data["settings"] == {
        "sensitivity": 0.5,
        "min_words": 3,
        "ignore_case": True,
        "ignore_punctuation": False,
        "ignore_typography": True,
        "use_embeddings": False,
    }
    assert [a["id"] for a in data["articles"]] == ["a", "b", "c"]
    first = data["articles"][0]
    assert first == {
        "id": "a",
        "path": "/news/caf\ufffd.txt",  # an undecodable file name byte, written as U+FFFD
        "title": "Title a",
        "outlet": "Outlet a",
        "text": f"Intro.\n{QUOTE_A}",
        "boilerplate": [[0, 6]],
        "encoding": "utf-8",
        "notes": [],
    }
    assert data["articles"][1]["path"] is None
    # Every pair of articles, in article order, those sharing nothing with no passages.
    assert [(p["a"], p["b"]) for p in data["pairs"]] == [("a", "b"), ("a", "c"), ("b", "c")]
    assert [len(p["passages"]) for p in data["pairs"]] == [1, 0, 0]
    ab = data["pairs"][0]
    assert (ab["shared_a"], ab["shared_b"], ab["score"]) == (0.8, 0.55555, 0.6778)
    (passage,) = ab["passages"]
    assert passage["kind"] == "edited" and passage["score"] == 0.9
    text_a, text_b = data["articles"][0]["text"], data["articles"][1]["text"]
    assert text_a[passage["a_start"] : passage["a_end"]] == QUOTE_A
    assert text_b[passage["b_start"] : passage["b_end"]] == QUOTE_B
    changes = [(op, text_a[s:e], text_b[t:u]) for op, s, e, t, u in passage["diff"] if op != "equal"]
    assert changes == [("delete", "merger", ""), ("insert", "", "deal")]
    (typed,) = passage["changes"]
    assert typed == {
        "type": "wording",
        "a_spans": [[text_a.index("merger"), text_a.index("merger") + 6]],
        "b_spans": [[text_b.index("deal"), text_b.index("deal") + 4]],
        "a_at": text_a.index("merger"),
        "b_at": text_b.index("deal"),
        "quoted": False,
    }


def test_stored_typed_changes_are_written_as_stored() -> None:
    from desktop.engine.align.changes import corpus_with_changes

    c = corpus()
    assert alignment_json(corpus_with_changes(c)) == alignment_json(c)


def test_quotes_list_each_statement_with_every_version() -> None:
    from desktop.engine.export.json_report import quotes_json

    a = Article("a", "", "A", '"The agency will review the merger before the end of the year," she said.')
    b = Article("b", "", "B", "“The agency will review the deal before the end of the year,” she said.")
    data = quotes_json(CorpusAlignment((a, b), Settings(), ()))
    assert data["version"] == "1.3" and [x["id"] for x in data["articles"]] == ["a", "b"]
    (quote,) = data["quotes"]
    assert quote["id"] == "Q1" and quote["altered"] is True
    uses = {v["article"]: v["use"] for v in quote["versions"]}
    assert sorted(uses.values()) == ["altered", "verbatim"]
    for v in quote["versions"]:
        assert set(v) == {"article", "use", "spans", "text", "score", "core", "reference_core", "diff"}
        text = (a if v["article"] == "a" else b).text
        assert " ".join(text[s:e] for s, e in v["spans"]) == v["text"]


def test_alignment_of_the_computed_pairs_only() -> None:
    data = alignment_json(corpus(), all_pairs=False)
    assert [(p["a"], p["b"]) for p in data["pairs"]] == [("a", "b")]


def test_a_pair_is_written_the_way_round_the_articles_come() -> None:
    c = corpus()
    swapped = CorpusAlignment(c.articles, c.settings, (c.pairs[0].swapped(),), c.families, c.stats)
    ab = alignment_json(swapped)["pairs"][0]
    assert (ab["a"], ab["b"], ab["shared_a"]) == ("a", "b", 0.8)
    assert ab == alignment_json(c)["pairs"][0]


def test_families_with_members_relative_to_the_central_one_and_stats() -> None:
    data = families_json(corpus())
    assert data["version"] == "1.3" and data["settings"]["min_words"] == 3
    assert [a["id"] for a in data["articles"]] == ["a", "b", "c"]
    (family,) = data["families"]
    assert family["id"] == "F1" and family["label"] == QUOTE_A and family["central"] == 0
    assert family["members"] == [
        {"article": "a", "start": 7, "end": 7 + len(QUOTE_A), "kind": "verbatim", "score": 1.0},
        {"article": "b", "start": 0, "end": len(QUOTE_B), "kind": "edited", "score": 0.9},
    ]
    assert data["stats"] == [
        {"article": "a", "words": 12, "shared": 0.8, "unique": 0.2, "families": 1},
        {"article": "b", "words": 13, "shared": 0.5, "unique": 0.5, "families": 1},
    ]


def test_json_text_is_readable_utf8_with_a_final_newline() -> None:
    data = {"version": "1.0", "text": "“Café” — naïve", "n": [1, 2]}
    text = json_text(data)
    # No \u escapes, one-space indents, a final newline.
    assert text == '{\n "version": "1.0",\n "text": "“Café” — naïve",\n "n": [\n  1,\n  2\n ]\n}\n'
    assert json.loads(text) == data
    text.encode("utf-8")


def test_a_large_result_is_written_compact_and_reads_back_the_same() -> None:
    def doc(pairs: int) -> dict:
        passage = {"a_start": 0, "text": "“Café”"}
        pair = {"a": "x", "b": "y", "passages": [passage]}
        return {"version": "1.3", "pairs": [pair] * pairs}

    small, large = doc(INDENT_MAX // 2), doc(INDENT_MAX // 2 + 1)  # each pair counts with its passage
    assert json_text(small).startswith('{\n "version"')
    text = json_text(large)
    assert "\n" not in text[:-1] and text.endswith("}\n") and '"text":"“Café”"' in text
    assert json.loads(text) == large
    # Made an item at a time, it is what one call of the encoder writes.
    large["settings"] = {"min_words": 5, "tags": ["a", None, 1.5, True]}
    large["empty"] = []
    assert json_text(large) == json.dumps(large, ensure_ascii=False, separators=(",", ":")) + "\n"
    large[7] = [1]  # a key that is not text: as json.dumps writes it, "7"
    assert json_text(large) == json.dumps(large, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_a_large_quote_check_is_written_compact() -> None:
    def doc(quotes: int) -> dict:
        return {"version": "1.3", "quotes": [{"id": f"Q{k}", "label": "“Café”"} for k in range(quotes)]}

    assert json_text(doc(INDENT_MAX)).startswith('{\n "version"')
    assert "\n" not in json_text(doc(INDENT_MAX + 1))[:-1]


def test_an_article_read_out_of_markdown_carries_its_source_map() -> None:
    md = Article("m", "T", "O", "Read the report.", source_map=((0, 2, 5), (5, 8, 10)))
    plain = Article("p", "T", "O", "Plain text.")
    corpus = CorpusAlignment((md, plain), Settings(), (PairAlignment("m", "p", ()),))
    articles = json.loads(json_text(alignment_json(corpus)))["articles"]
    assert articles[0]["source_map"] == [[0, 2, 5], [5, 8, 10]]
    assert "source_map" not in articles[1], "only text read out of markup has a map"


def test_let_go_empties_the_lists_and_keeps_the_rest() -> None:
    data = {"version": "1.3", "articles": [{"id": "a"}], "pairs": [{"a": "a"}, {"b": "b"}]}
    text = json_text(data)
    let_go(data)
    assert data == {"version": "1.3", "articles": [], "pairs": []}
    assert json.loads(text)["pairs"] == [{"a": "a"}, {"b": "b"}], "the text made before is whole"
