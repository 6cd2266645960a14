"""The engine settings and sentence encoder the quality sections align with.

Lexical by default: ``Settings(use_embeddings=False)`` and no encoder, so installing the
optional embeddings extra does not change what a plain ``quality.py`` run measures.
``quality.py --embeddings`` turns the setting on and hands the engine the installed model.

``align_pair`` starts a fresh vector cache on every call, and the bench aligns the same
sentences many times (each sensitivity of a sweep, a source document in several pairs),
so the model is wrapped in one cache per process: the vectors are the model's own, only
repeated encoding is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.engine.align.embeddings import EncodedCache, Encoder, embedding_status, load_encoder
from desktop.engine.model import Settings

if TYPE_CHECKING:
    import numpy as np

_shared: dict[str, Encoder] = {}


class _CachedEncoder:
    def __init__(self, model: Encoder) -> None:
        self._cache = EncodedCache(model, limit=200_000)

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        return self._cache.vectors(sentences)


def settings(embeddings: bool, **changes: object) -> Settings:
    """Default engine settings (with ``changes``), sentence embeddings on or off."""
    return Settings(use_embeddings=embeddings, **changes)  # type: ignore[arg-type]


def encoder(embeddings: bool) -> Encoder | None:
    """None for a lexical run; else the installed model behind this process's cache.

    Raises RuntimeError when embeddings are asked for but the extra cannot be loaded, so a
    run never reports lexical figures as embedding ones.
    """
    if not embeddings:
        return None
    if "model" not in _shared:
        model = load_encoder()
        if model is None:
            raise RuntimeError(embedding_status())
        _shared["model"] = _CachedEncoder(model)
    return _shared["model"]
