"""Text in any normalisation form and in scripts written without spaces, end to end
through ``align_pair``: NFC and NFD, soft hyphens and zero-width characters, Chinese and
Japanese. Offsets always refer to each article's own text."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.engine.align.pair import align_pair
from desktop.engine.align.segment import sentences
from desktop.engine.align.text import is_content, normal_form, stem, tokens, word_count, words
from desktop.engine.align.worddiff import word_diff
from desktop.engine.load.articles import article_from_text
from desktop.engine.model import Kind, Op, Settings

FR_A = (
    "Le règlement européen\nLa Commission européenne a présenté mercredi un règlement très contesté "
    "sur l'intelligence artificielle générative. Les éditeurs français s'inquiètent déjà."
)
FR_B = (
    "Autre titre\nLa Commission européenne a présenté mercredi un règlement très contesté sur "
    "l'intelligence artificielle générative. Les syndicats protestent."
)
SHARED = FR_B.split("\n")[1].split(" Les")[0]


def _soft(text: str) -> str:
    """``text`` with soft hyphens and zero-width characters where a typesetter puts them."""
    return (
        text.replace("Commission", "Com\u00admis\u00adsion")
        .replace("artificielle", "arti\u00adfi\u00adcielle")
        .replace("règlement", "règle\u200bment")
        .replace("mercredi", "\ufeffmercredi\u200d")
    )


VARIANTS = {
    "nfc": FR_B,
    "nfd": unicodedata.normalize("NFD", FR_B),
    "soft hyphens and zero-width": _soft(FR_B),
    "nfd with soft hyphens": unicodedata.normalize("NFD", _soft(FR_B)),
}


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict typography"])
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_same_visible_text_is_verbatim_whatever_its_code_points(variant: str, strict: bool) -> None:
    text_b = VARIANTS[variant]
    a, b = article_from_text(FR_A, article_id="a"), article_from_text(text_b, article_id="b")
    assert b.text == text_b, "the article keeps its own code points"
    result = align_pair(a, b, Settings(ignore_typography=not strict))
    assert [p.kind for p in result.passages] == [Kind.VERBATIM]
    p = result.passages[0]
    assert p.score == 1.0
    assert normal_form(b.text[p.b_start : p.b_end]) == normal_form(SHARED), "offsets are into b's own text"
    assert all(op.op is Op.EQUAL for op in p.diff)


def test_normal_form() -> None:
    assert normal_form("cafe\u0301") == "café"
    assert normal_form("Regie\u00adrung\u200b") == "Regierung"
    assert normal_form("plain ascii") == "plain ascii"


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("cafe\u0301 cre\u0300me", ["cafe\u0301", " ", "cre\u0300me"]),  # NFD accents stay in the word
        ("Regie\u00adrung", ["Regie\u00adrung"]),
        ("नमस्ते दुनिया", ["नमस्ते", " ", "दुनिया"]),  # Devanagari vowel signs are marks
        ("欧盟规则。", ["欧", "盟", "规", "则", "。"]),
        ("規制を、AIは", ["規", "制", "を", "、", "AI", "は"]),
        ("ガ\u3099", ["ガ\u3099"]),  # a combining sound mark stays with its kana
        ("서울 시장", ["서울", " ", "시장"]),  # Hangul is written with spaces
    ],
)
def test_words_across_scripts(text: str, pieces: list[str]) -> None:
    assert [t.text for t in tokens(text)] == pieces
    assert "".join(pieces) == text


def test_stems_and_content_compare_under_nfc() -> None:
    assert stem("re\u0300glements") == stem("règlements")
    assert is_content("e\u0301diteurs") and is_content("Com\u00admission")


@pytest.mark.parametrize(
    ("char", "content"),
    [("欧", True), ("盟", True), ("的", False), ("是", False), ("の", False), ("を", False), ("ヨ", True)],
)
def test_cjk_characters_are_words_and_most_are_content(char: str, content: bool) -> None:
    assert word_count(char) == 1
    assert is_content(char) is content


ZH_A = "欧盟新规\n欧洲的人工智能监管规则过于复杂，正在阻碍开源技术的发展。两家公司呼吁简化法规。"
ZH_B = "科技新闻\n欧洲的人工智能监管规则过于复杂，正在阻碍开源技术的发展。分析人士表示不同意。"
ZH_EDITED = "科技新闻\n欧洲的人工智能监管规定过于繁琐，正在阻碍开源技术的发展。分析人士表示不同意。"
JA_A = (
    "規制の話\nヨーロッパの人工知能規制は複雑すぎて、オープンソース技術の発展を妨げている。"
    "両社は規制の簡素化を求めた。"
)
JA_B = (
    "別の記事\nヨーロッパの人工知能規制は複雑すぎて、オープンソース技術の発展を妨げている。専門家は反対した。"
)
JA_EDITED = (
    "別の記事\nヨーロッパのAI規制は複雑すぎて、オープンソース技術の成長を妨げている。専門家は反対した。"
)


@pytest.mark.parametrize(
    ("text_a", "text_b", "kind"),
    [
        (ZH_A, ZH_B, Kind.VERBATIM),
        (ZH_A, ZH_EDITED, Kind.EDITED),
        (JA_A, JA_B, Kind.VERBATIM),
        (JA_A, JA_EDITED, Kind.EDITED),
    ],
    ids=["chinese identical", "chinese edited", "japanese identical", "japanese edited"],
)
def test_cjk_sentences_align_at_the_defaults(text_a: str, text_b: str, kind: Kind) -> None:
    a, b = article_from_text(text_a, article_id="a"), article_from_text(text_b, article_id="b")
    result = align_pair(a, b, Settings())
    assert [p.kind for p in result.passages] == [kind]
    p = result.passages[0]
    first = text_a.split("\n")[1]
    assert a.text[p.a_start : p.a_end] == first[: first.index("。") + 1]
    assert b.text[p.b_start : p.b_end].endswith("发展。") or b.text[p.b_start : p.b_end].endswith("いる。")
    pieces_b = "".join(b.text[op.b_start : op.b_end] for op in p.diff if op.op is not Op.DELETE)
    assert pieces_b == b.text[p.b_start : p.b_end]
    if kind is Kind.EDITED:
        changed = [b.text[op.b_start : op.b_end] for op in p.diff if op.op is Op.INSERT]
        assert changed and all(len(piece) <= 3 for piece in changed), (
            "changes are shown character by character"
        )


def test_cjk_sentences_end_at_full_width_marks() -> None:
    text = "欧盟的人工智能法规正在阻碍创新。两位科技领袖表示，“欧洲的监管环境过于复杂！”这是真的吗？"
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "欧盟的人工智能法规正在阻碍创新。",
        "两位科技领袖表示，“欧洲的监管环境过于复杂！”",
        "这是真的吗？",
    ]


def test_a_diff_of_cjk_text_never_joins_characters_into_one_change() -> None:
    a, b = "监管规则过于复杂", "监管规定过于繁琐"
    ops = word_diff(a, 0, len(a), b, 0, len(b))
    assert [(op.op, b[op.b_start : op.b_end]) for op in ops if op.op is not Op.DELETE] == [
        (Op.EQUAL, "监管规"),
        (Op.INSERT, "定"),
        (Op.EQUAL, "过于"),
        (Op.INSERT, "繁琐"),
    ]
    assert [w.text for w in words(a)] == list(a)
