"""Themes people can trust, name and act on: seeded themes, discovery, stable identity, corrections.

:class:`ThemeModel` turns free-text comments into themes in five steps:

1. Each comment is split into sentences and contrastive clauses ("..., but ..."); comments that
   say nothing ("n/a", "Nothing", "ok") are set aside as ``unassigned``.
2. Units are embedded: sublinear TF-IDF over stemmed, domain-normalised words and bigrams, reduced
   by LSA (truncated SVD) and L2-normalised; or sentence embeddings (``backend="embeddings"``).
3. Units close enough to a seeded theme (the taxonomy, plus themes people confirmed by moving
   comments) take that theme.
4. The rest are clustered with spherical k-means into emergent themes; k is chosen by silhouette
   when ``k="auto"``. A refit starts from the previous model's themes and matches new clusters to
   old keys with a Hungarian match on shared members, so keys (and links to actions) survive.
5. Each comment gets every theme its units took, the heaviest first (the primary).

Every identical unit is embedded once: real feedback repeats itself ("Very helpful staff"), and
that is where most of the speed comes from.
"""

from __future__ import annotations

import gc
import re
import threading
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.manifold import SpectralEmbedding
from sklearn.utils import check_random_state
from threadpoolctl import threadpool_limits

from analysis.text import (
    FILLER_WORDS,
    GENERIC_WORDS,
    Analyzer,
    Tokenizer,
    is_contentless,
    is_critical,
    split_units,
)

__all__ = [
    "MODEL_FORMAT",
    "UNASSIGNED",
    "Assignment",
    "Corrections",
    "ThemeInfo",
    "ThemeModel",
]

#: Saved models record this; :meth:`ThemeModel.load` refuses other formats.
MODEL_FORMAT = 1
#: The key given to comments that say nothing or fit no theme.
UNASSIGNED = "unassigned"
_EMERGENT = re.compile(r"^emergent-(\d+)$")
_LETTER = re.compile(r"[A-Za-z]")
# Cosine similarity above which a clause counts as a rewording of a single seed or example.
_NEAR_DUPLICATE = 0.8
# Rows used to fit LSA on large inputs (see ``_fit_svd``): the default backend's, and the
# embeddings backend's for its LSA part (left as it was measured there).
_SVD_ROWS = 7_000
_SVD_ROWS_EMBEDDINGS = 10_000
# Rows used to find k-means centres on large inputs: the embeddings backend's (see
# ``_cluster_graph``), and the default backend's (see ``_cluster_vectors``).
_KMEANS_ROWS = 10_000
_KMEANS_ROWS_DEFAULT = 5_000
# Values of k tried by ``k="auto"`` (geometrically spaced up to ``max_k``); fewer miss the right
# k on small inputs.
_K_CANDIDATES = 10
# ``k="auto"`` tries the grid from the largest k down and stops after this many values in a row
# score below the best so far (on LSA vectors the silhouette rises to the cap, and large k cost
# the most, so the small ones are seldom worth trying).
_K_PATIENCE = 2
# Rows per block when comparing units with every seed.
_BLOCK = 4096
# k-means iterations: later ones move a handful of comments between similar themes.
_MAX_ITER = 100
#: Clustering in a spectral embedding of the nearest-neighbour graph (``graph_dims``): its
#: dimensions when "auto" picks it, each unit's neighbours, and the fewest topical units it is
#: worth it for (below that, plain k-means).
_GRAPH_DIMS = 20
_GRAPH_NEIGHBOURS = 10
_GRAPH_MIN_ROWS = 50

_GENERAL_NAMES = (
    ("General praise", "Praise or thanks for the service as a whole, with no particular topic."),
    ("General criticism", "Criticism of the service as a whole, with no particular topic."),
)

ProgressCallback = Callable[[float, str], None]


@dataclass(frozen=True)
class Assignment:
    """The themes of one comment.

    Attributes
    ----------
    primary : str
        The main theme's key, or ``"unassigned"``.
    themes : tuple of str
        Every theme of the comment, primary first; empty when unassigned.
    scores : dict of str to float
        Similarity (0..1) of the comment's best-matching clause to each of its themes.
    sentiment : float
        Sentiment of the comment, -1 (negative) to 1 (positive).
    """

    primary: str
    themes: tuple[str, ...]
    scores: dict[str, float]
    sentiment: float


@dataclass
class ThemeInfo:
    """What a theme is and how much feedback it holds.

    Attributes
    ----------
    key : str
        Stable identifier: a taxonomy key or ``emergent-<n>``.
    name, description : str
        Readable name and description (suggested for emergent themes; people can rename).
    origin : str
        ``"taxonomy"``, ``"emergent"`` or ``"confirmed"`` (people gave it examples).
    top_terms : list of str
        Terms that set the theme apart (class-based TF-IDF over its clauses).
    representative : list of int
        Indices into the fit texts of the comments closest to the theme's centre.
    size : int
        Number of fit comments that carry the theme (primary or not).
    sentiment : float
        Mean sentiment of the clauses in the theme, -1..1.
    """

    key: str
    name: str
    description: str
    origin: str
    top_terms: list[str]
    representative: list[int]
    size: int
    sentiment: float


@dataclass
class Corrections:
    """What people changed, for :meth:`ThemeModel.fit` to honour.

    Attributes
    ----------
    examples : list of (str, str)
        ``(text, theme_key)`` pairs: comments moved to a theme. A key that is not in the
        taxonomy becomes a ``"confirmed"`` theme seeded by its examples; ``"unassigned"`` teaches
        the model that such text belongs to no theme.
    names, descriptions : dict of str to str
        Names and descriptions people gave, by key.
    merges : list of (tuple of str, str)
        ``(sources, into)``: the source keys were merged into ``into``.
    not_themes : list of str
        Keys people marked "not a theme"; never reused.
    """

    examples: list[tuple[str, str]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    merges: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    not_themes: list[str] = field(default_factory=list)

    def combined(self, other: Corrections | None) -> Corrections:
        """Return these corrections followed by ``other`` (later ones win)."""
        if other is None:
            return replace(
                self,
                examples=list(self.examples),
                names=dict(self.names),
                descriptions=dict(self.descriptions),
                merges=list(self.merges),
                not_themes=list(self.not_themes),
            )
        return Corrections(
            examples=[*self.examples, *other.examples],
            names={**self.names, **other.names},
            descriptions={**self.descriptions, **other.descriptions},
            merges=[*self.merges, *other.merges],
            not_themes=list(dict.fromkeys([*self.not_themes, *other.not_themes])),
        )


def _sentiment_scores(texts: Sequence[str]) -> np.ndarray:
    """Sentiment of each text (-1..1), from :mod:`analysis.sentiment` when it is available."""
    try:
        from analysis.sentiment import sentiment_scores
    except ImportError:  # pragma: no cover - only before the sentiment module exists
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        return np.array([analyzer.polarity_scores(t)["compound"] for t in texts], dtype=float)
    return np.asarray(sentiment_scores(list(texts)), dtype=float)


def _load_embedder() -> Any:
    """Return the ``SentenceEmbedder`` class; it raises ``EmbeddingsUnavailable`` when used
    without the optional extra (an ImportError whose message says how to install it)."""
    from analysis.embeddings import SentenceEmbedder

    return SentenceEmbedder


class ThemeModel(BaseEstimator):
    """Seeded and emergent themes of free-text feedback, with stable keys.

    Parameters
    ----------
    taxonomy : str, default="iapt"
        Built-in taxonomy of seeded themes: ``"iapt"`` (NHS Talking Therapies) or ``"none"``.
    k : int or "auto", default="auto"
        Number of emergent themes; ``"auto"`` chooses it by silhouette.
    backend : {"default", "embeddings"}, default="default"
        ``"default"``: TF-IDF + LSA. ``"embeddings"``: sentence embeddings (optional extra).
    random_state : int, RandomState or None, default=0
        Seed for SVD and k-means; the same seed and texts give the same themes.
    n_components : int, default=100
        LSA dimensions.
    seed_threshold : float, default=0.35
        Cosine similarity a unit needs to the centre of a theme made from people's examples
        (comments moved into a theme) to take it. Taxonomy themes use their own rule, the
        ``MATCH_*`` constants in :mod:`analysis.taxonomy` (nearest seeds, with margins over
        the runner-up and over other NHS topics).
    units : {"clause", "comment"}, default="clause"
        ``"clause"``: a whole comment decides its primary theme and each of its sentences and
        contrastive clauses can add another. ``"comment"``: whole comments only.
    sentiment_weight : float, default=0.0
        Weight of a sentiment coordinate appended to each vector before clustering; positive
        values pull praise and complaints about the same topic apart.
    max_k : int, default=60
        Largest k tried when ``k="auto"``.
    stem : bool, default=True
        Stem words (Snowball) before TF-IDF.
    contentless : bool, default=True
        Set aside comments and clauses that say nothing ("n/a", "Nothing") as unassigned.
    general : bool, default=True
        Gather clauses of general praise or criticism with no topic ("Excellent service") into
        one theme per polarity instead of clustering them by wording.
    sentiment : bool, default=True
        Score sentiment per comment and theme (:mod:`analysis.sentiment`). False skips it
        (every sentiment is 0.0): the command line does, as its output has no sentiment and
        scoring costs more than the rest of the fit on large inputs.
    lsa_weight : float, default=0.5
        Embeddings backend only: weight of the TF-IDF + LSA vector set beside each sentence
        embedding (both L2-normalised first; 0 = embeddings alone). The sentence model knows
        general English; the LSA part knows the words of this feedback.
    graph_dims : int or "auto", default="auto"
        Cluster topical comments in a spectral embedding of their nearest-neighbour graph with
        this many dimensions (0 = k-means on the vectors themselves). ``"auto"``: 20 for the
        embeddings backend, 0 for the default one (see BENCHMARKS.md for both measurements).
    pooling : {"mean", "idf"}, default="mean"
        Embeddings backend only: how the sentence model's token vectors become a comment's
        vector (:class:`analysis.embeddings.SentenceEmbedder`). ``"mean"`` is the model's own
        average. ``"idf"`` weighs each word piece by its inverse document frequency in the
        fitted comments, so that what a comment is about outweighs the words most comments
        share: measured, it groups the FFT comments slightly better (AMI +0.004 to +0.010)
        but matches the taxonomy's seeded themes worse (micro-F1 0.706 to 0.687), so it is
        not the default (BENCHMARKS.md, "Embeddings backend").
    """

    def __init__(
        self,
        taxonomy: str = "iapt",
        k: int | str = "auto",
        backend: str = "default",
        random_state: int | np.random.RandomState | None = 0,
        n_components: int = 100,
        seed_threshold: float = 0.35,
        units: str = "clause",
        sentiment_weight: float = 0.0,
        max_k: int = 60,
        stem: bool = True,
        contentless: bool = True,
        general: bool = True,
        sentiment: bool = True,
        lsa_weight: float = 0.5,
        graph_dims: int | str = "auto",
        pooling: str = "mean",
    ) -> None:
        self.taxonomy = taxonomy
        self.k = k
        self.backend = backend
        self.random_state = random_state
        self.n_components = n_components
        self.seed_threshold = seed_threshold
        self.units = units
        self.sentiment_weight = sentiment_weight
        self.max_k = max_k
        self.stem = stem
        self.contentless = contentless
        self.general = general
        self.sentiment = sentiment
        self.lsa_weight = lsa_weight
        self.graph_dims = graph_dims
        self.pooling = pooling

    # ------------------------------------------------------------------ fitting
    def fit(
        self,
        texts: Sequence[str],
        ids: Sequence[str] | None = None,
        previous: ThemeModel | None = None,
        corrections: Corrections | None = None,
        progress: ProgressCallback | None = None,
    ) -> ThemeModel:
        """Learn themes from ``texts``.

        Parameters
        ----------
        texts : sequence of str
            The comments.
        ids : sequence of str, optional
            Identifiers kept alongside the texts (``ids_``).
        previous : ThemeModel, optional
            An earlier fit: its emergent themes keep their keys when a new cluster matches them,
            and its corrections are honoured again.
        corrections : Corrections, optional
            Moves, names, merges and "not a theme" marks to honour (added to ``previous``'s).
        progress : callable, optional
            Called as ``progress(fraction, message)`` as the fit advances.

        Returns
        -------
        ThemeModel
            ``self``.
        """
        # One BLAS/OpenMP thread: the fit is many small products, and on a shared machine
        # extra threads spin rather than help (on 2 busy cores: half the CPU time, and less
        # wall-clock time too; see BENCHMARKS.md). The embeddings backend keeps torch's own.
        limit = threadpool_limits(limits=1) if self.backend == "default" else nullcontext()
        # The cyclic collector pauses for the default backend's fit, seconds long; an
        # embeddings fit can take minutes, too long to hold it off in a web app's process.
        paused = _gc_paused() if self.backend == "default" else nullcontext()
        with limit, paused:
            return self._fit(texts, ids, previous, corrections, progress)

    def _fit(
        self,
        texts: Sequence[str],
        ids: Sequence[str] | None,
        previous: ThemeModel | None,
        corrections: Corrections | None,
        progress: ProgressCallback | None,
    ) -> ThemeModel:
        report = progress or (lambda fraction, message: None)
        self._check_params()
        texts = ["" if t is None else str(t) for t in texts]
        if ids is not None and len(ids) != len(texts):
            raise ValueError("ids and texts must have the same length")
        self.texts_ = texts
        self.ids_ = list(map(str, ids if ids is not None else range(len(texts))))
        base = previous.corrections_ if previous is not None else Corrections()
        self.corrections_ = base.combined(corrections)
        rng = check_random_state(self.random_state)

        report(0.0, "splitting comments")
        # Identical comments get identical themes: every step below works on distinct ones.
        distinct, text_index = self._index(texts)
        repeats = np.bincount(text_index, minlength=len(distinct)).astype(float)
        owner_array, unit_texts, is_whole = self._units(distinct)
        unique_texts, unit_index = self._index(unit_texts)
        del unit_texts  # its repeats are copies: free them before the numeric steps
        # Clustering sees whole comments only, each distinct text weighted by its repeats.
        counts = np.bincount(unit_index[is_whole], weights=repeats[owner_array[is_whole]],
                             minlength=len(unique_texts)).astype(float)

        seed_keys, seed_texts, origins = self._seeds()
        report(0.1, f"embedding {len(unique_texts):,} distinct comments and clauses")
        # Sentiment is needed for whole comments only (clauses inherit nothing from it), unless
        # it is a coordinate of every vector.
        unit_sentiment = np.zeros(len(unique_texts))
        everything = (_sentiment_scores(unique_texts + seed_texts) if self.sentiment_weight
                      else None)
        joined = len(unique_texts) if self.units == "clause" else 0
        all_vectors, X = self._fit_space(unique_texts + seed_texts, rng, everything, joined)
        vectors = all_vectors[: len(unique_texts)]
        seed_vectors = all_vectors[len(unique_texts):]
        self._set_seed_bank(seed_keys, seed_vectors)
        self.origins_ = origins
        report(0.35, "scoring sentiment")
        if everything is not None:
            unit_sentiment = everything[: len(unique_texts)]
        elif self.sentiment:
            whole_units = np.flatnonzero(counts > 0)
            unit_sentiment[whole_units] = _sentiment_scores([unique_texts[u]
                                                             for u in whole_units])

        report(0.5, "matching seeded themes")
        seeded = self._score_seeded(vectors)
        residual = np.flatnonzero(np.array([k is None for k in seeded[0]], dtype=bool)
                                  & (counts > 0))
        self._topic_columns = None
        X = X[: len(unique_texts)]
        groups = self._groups(unique_texts, X)
        self._emergent_keys: list[str] = []
        self._emergent_group = np.zeros(0, dtype=np.int64)
        self._emergent_centroids = np.zeros((0, vectors.shape[1]), dtype=np.float32)
        self.next_emergent_ = previous.next_emergent_ if previous is not None else 1

        if residual.size:
            report(0.6, f"clustering {residual.size:,} distinct comments")
            self._cluster(vectors, counts, groups, unit_sentiment, unique_texts, residual,
                          previous, rng)

        report(0.85, "assigning comments")
        unit_keys, unit_scores = self._label_units(vectors, groups, seeded)
        by_text = self._aggregate(
            distinct, owner_array, unit_index, is_whole, unit_keys, unit_scores, unit_sentiment
        )
        # Assignments are immutable, so repeats of a comment share one.
        self.assignments_ = [by_text[j] for j in text_index.tolist()]
        first = np.zeros(len(distinct), dtype=np.int64)
        first[text_index[::-1]] = np.arange(len(texts) - 1, -1, -1)
        self._describe(unique_texts, unit_index, first[owner_array].tolist(), unit_keys,
                       unit_scores, X, by_text, repeats)
        self.k_ = len(set(self._emergent_keys) - {UNASSIGNED})
        self.version_ = MODEL_FORMAT
        report(1.0, "done")
        return self

    def _check_params(self) -> None:
        if self.backend not in {"default", "embeddings"}:
            raise ValueError(f"backend must be 'default' or 'embeddings', not {self.backend!r}")
        if self.sentiment_weight and not self.sentiment:
            raise ValueError("sentiment_weight needs sentiment=True")
        if self.units not in {"clause", "comment"}:
            raise ValueError(f"units must be 'clause' or 'comment', not {self.units!r}")
        if not (self.k == "auto" or (isinstance(self.k, int | np.integer) and self.k >= 1)):
            raise ValueError(f"k must be a positive integer or 'auto', not {self.k!r}")
        if not (self.graph_dims == "auto"
                or (isinstance(self.graph_dims, int | np.integer) and self.graph_dims >= 0)):
            raise ValueError(
                f"graph_dims must be a non-negative integer or 'auto', not {self.graph_dims!r}")
        if self.lsa_weight < 0:
            raise ValueError(f"lsa_weight must be at least 0, not {self.lsa_weight!r}")
        if self.pooling not in {"idf", "mean"}:
            raise ValueError(f"pooling must be 'idf' or 'mean', not {self.pooling!r}")

    def _units(self, texts: Sequence[str]) -> tuple[np.ndarray, list[str], np.ndarray]:
        """Split comments into units.

        Every comment with content gets one *whole* unit (its text without contentless
        pieces), which decides its primary theme; a comment of several clauses also gets one
        unit per clause, which can add further themes. Clustering whole comments measured
        better than clustering clauses (see BENCHMARKS.md), while clauses find the second
        theme in "The wait was awful but my therapist was lovely".

        With ``units="clause"`` a unit is a sentence or clause as
        :class:`~analysis.text.Analyzer` cuts it, or (a whole comment of several) its pieces
        joined by newlines; a piece never holds a newline, so ``unit.split("\\n")`` gives the
        pieces back.

        Returns
        -------
        owners : ndarray of int
            The comment of each unit.
        unit_texts : list of str
            The units, each whole unit first, then its clauses.
        whole : ndarray of bool
            True for whole-comment units, False for clauses.
        """
        if self.units == "comment":
            owners: list[int] = []
            unit_texts: list[str] = []
            for i, text in enumerate(texts):
                full = text.strip()
                if not full or (self.contentless and is_contentless(text)):
                    continue
                owners.append(i)
                unit_texts.append(full)
            return (np.asarray(owners, dtype=np.int64), unit_texts,
                    np.ones(len(unit_texts), dtype=bool))
        cut = Analyzer.pieces_of(texts)
        # Real feedback repeats its sentences ("Very helpful staff."): test each piece once.
        distinct = set(chain.from_iterable(cut))
        if self.contentless:
            drop = {piece for piece in distinct if is_contentless(piece)}
        else:
            drop = {piece for piece in distinct if not _LETTER.search(piece)}
        if drop:
            cut = [pieces if drop.isdisjoint(pieces) else
                   [piece for piece in pieces if piece not in drop] for pieces in cut]
        # A comment of one piece is one unit; of several, a whole unit and one per piece.
        lengths = np.fromiter(map(len, cut), dtype=np.int64, count=len(cut))
        sizes = np.where(lengths > 1, lengths + 1, lengths)
        owners_array = np.repeat(np.arange(len(cut), dtype=np.int64), sizes)
        whole_array = np.zeros(len(owners_array), dtype=bool)
        whole_array[(np.cumsum(sizes) - sizes)[sizes > 0]] = True
        unit_texts = list(chain.from_iterable(
            pieces if len(pieces) < 2 else ["\n".join(pieces), *pieces] for pieces in cut))
        return owners_array, unit_texts, whole_array

    @staticmethod
    def _index(unit_texts: list[str]) -> tuple[list[str], np.ndarray]:
        """Distinct unit texts and the position of each unit among them."""
        distinct = list(dict.fromkeys(unit_texts))
        position = {u: i for i, u in enumerate(distinct)}
        positions = np.fromiter(map(position.__getitem__, unit_texts), dtype=np.int64,
                                count=len(unit_texts))
        return distinct, positions

    def _seeds(self) -> tuple[list[str], list[str], dict[str, str]]:
        """Seed texts and their keys: the taxonomy, then people's examples."""
        from analysis.taxonomy import get_taxonomy

        keys: list[str] = []
        seed_texts: list[str] = []
        origins: dict[str, str] = {}
        self.definitions_ = {}
        for theme in get_taxonomy(self.taxonomy):
            self.definitions_[theme.key] = (theme.name, theme.description)
            origins[theme.key] = "taxonomy"
            for seed in theme.seeds:
                keys.append(theme.key)
                seed_texts.append(seed)
        # Seeds before this position are the taxonomy's; people's examples follow (and
        # ``_add_examples`` appends more). ``_score_seeded`` treats the two differently.
        self._taxonomy_seeds = len(seed_texts)
        # OTHER_TOPICS in this fit's space, embedded on first use (see ``_other_topic_score``).
        self._other_vectors: np.ndarray | None = None
        for text, key in self.corrections_.examples:
            if key != UNASSIGNED and key not in origins:
                origins[key] = "confirmed"
            for piece in split_units(text) or [text]:
                keys.append(key)
                seed_texts.append(piece)
        return keys, seed_texts, origins

    def _fit_space(self, texts: list[str], rng: np.random.RandomState,
                   sentiment: np.ndarray | None, joined: int = 0) -> tuple[np.ndarray, Any]:
        """Fit the vector space (TF-IDF + LSA, or the embedder) on units and seeds.

        Returns the vectors of ``texts`` and their TF-IDF matrix, so that nothing is tokenised
        twice. The first ``joined`` texts are already cut (see ``_fit_tfidf``).
        """
        # The TF-IDF vocabulary is needed by both backends: it names themes.
        X = self._fit_tfidf(texts, joined)
        self.svd_ = None
        self.embedder_ = None
        if self.backend == "embeddings":
            self.embedder_ = _load_embedder()(pooling=self.pooling)
            topical = _topic_words(texts)
            # Fits the token weights of IDF pooling on what the model will read; fails now,
            # with the install hint, rather than halfway through the fit.
            self.embedder_.fit(topical)
            V = np.asarray(self.embedder_.transform(topical), dtype=np.float32)
            if self.lsa_weight:
                lsa = self._fit_svd(X, rng)
                if self.svd_ is not None:  # too few words for LSA: embeddings alone
                    V = np.hstack([_l2(V), self.lsa_weight * _l2(lsa)])
            return self._finish(V, texts, sentiment), X
        return self._finish(self._fit_svd(X, rng), texts, sentiment, owned=True), X

    def _fit_svd(self, X: Any, rng: np.random.RandomState) -> np.ndarray:
        """Fit ``svd_`` (LSA) on the TF-IDF matrix ``X`` and return its rows' LSA vectors."""
        n_components = min(self.n_components, X.shape[1] - 1, max(X.shape[0] - 1, 1))
        if n_components >= 2:
            self.svd_ = TruncatedSVD(
                n_components=n_components, random_state=rng.randint(np.iinfo(np.int32).max)
            )
            # The topic directions are stable long before every row has been seen: past
            # _SVD_ROWS rows a seeded sample fits them at a fraction of the cost.
            default = self.backend == "default"
            limit = _SVD_ROWS if default else _SVD_ROWS_EMBEDDINGS
            sampled = X.shape[0] > limit
            rows = rng.choice(X.shape[0], limit, replace=False) if sampled else slice(None)
            sample = X[rows]
            # Terms absent from the sample get zero weights anyway: leave them out of the SVD.
            # Of a sample (default backend), so are terms in only one of its rows: that row
            # alone would set their weights, and they are a third of the columns the SVD works
            # through on large inputs (unsampled, every term is in two rows or more anyway).
            seen = np.bincount(sample.indices, minlength=X.shape[1])
            least = 2 if sampled and default and (seen >= 2).sum() > n_components else 1
            present = np.flatnonzero(seen >= least)
            if present.size < X.shape[1]:
                self.svd_.fit(sample[:, present])
                components = np.zeros((self.svd_.components_.shape[0], X.shape[1]))
                components[:, present] = self.svd_.components_
                self.svd_.components_ = components
                self.svd_.n_features_in_ = X.shape[1]
            else:
                self.svd_.fit(sample)
            self._svd_basis = np.ascontiguousarray(self.svd_.components_.T, dtype=np.float32)
            return np.asarray(X @ self._svd_basis)
        return X.toarray()

    def _fit_tfidf(self, texts: list[str], joined: int = 0) -> Any:
        """Fit ``vectorizer_`` and return the TF-IDF matrix of ``texts``.

        The result is what ``TfidfVectorizer(analyzer=Analyzer(), sublinear_tf=True,
        min_df=2, max_df=0.5).fit_transform(texts)`` gives, computed faster: a text's features
        are the sum of its pieces' (see :class:`~analysis.text.Analyzer`), so each distinct
        sentence or clause is tokenised once and the texts' counts are one sparse product of a
        texts-by-pieces incidence matrix with the pieces' counts. ``vectorizer_`` then holds
        the same vocabulary and idf, and its ``transform`` gives the same rows for new text.

        The first ``joined`` texts are units as ``_units`` makes them: their pieces joined by
        newlines, so that one ``split`` of them all cuts them (``Analyzer.pieces`` would give
        the same pieces). The others are cut by ``Analyzer.pieces``.
        """
        analyzer = Analyzer(stem=self.stem)
        min_df, max_df = (2 if len(texts) > 50 else 1), 0.5
        head, rest = texts[:joined], Analyzer.pieces_of(texts[joined:])
        flat = "\n".join(head).split("\n") if head else []
        flat.extend(chain.from_iterable(rest))
        distinct_pieces, cols = self._index(flat)
        sizes = [*(text.count("\n") + 1 for text in head), *map(len, rest)]
        rows = np.repeat(np.arange(len(texts)), sizes)
        features = [analyzer.features(piece) for piece in distinct_pieces]
        terms_seen, indices = self._index(list(chain.from_iterable(features)))
        vocabulary = dict.fromkeys(terms_seen)
        indptr = np.concatenate([[0], np.cumsum([len(f) for f in features])]).astype(np.int64)
        counts = sparse.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), indices, indptr),
            shape=(len(distinct_pieces), max(len(vocabulary), 1)))
        incidence = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(texts), len(distinct_pieces)))
        C = (incidence @ counts).tocsr()
        C.sum_duplicates()
        n = len(texts)
        df = np.bincount(C.indices, minlength=C.shape[1])
        keep = (df >= min_df) & (df <= max_df * n)
        if not keep.any():
            # Every word was a stop word or too rare: fall back to a vocabulary of anything.
            min_df, max_df = 1, 1.0
            keep = df >= 1
        terms = np.array(list(vocabulary) or [""], dtype=object)
        order = np.flatnonzero(keep)
        if order.size:
            order = order[np.argsort(terms[order].astype(str), kind="stable")]
        else:
            order = np.array([0])
        C = C[:, order].tocsr()
        # scikit-learn's smooth idf, sublinear tf and l2 rows.
        idf = (np.log((1.0 + n) / (1.0 + df[order])) + 1.0)
        C.data = (np.log(C.data) + 1.0) * idf[C.indices]
        norms = np.sqrt(np.asarray(C.multiply(C).sum(axis=1)).ravel())
        C.data /= np.repeat(np.maximum(norms, 1e-12), np.diff(C.indptr))
        X = C.astype(np.float32)
        self.vectorizer_ = TfidfVectorizer(
            analyzer=analyzer, lowercase=False, sublinear_tf=True, min_df=min_df,
            max_df=max_df, dtype=np.float32,
        )
        self.vectorizer_.vocabulary_ = {str(terms[j]): i for i, j in enumerate(order)}
        self._terms = terms[order]
        self.vectorizer_.idf_ = idf
        return X

    def _embed(self, texts: Sequence[str], sentiment: np.ndarray | None = None,
               with_matrix: bool = False) -> Any:
        """L2-normalised vectors of ``texts`` in the fitted space (and their TF-IDF matrix)."""
        if not texts:
            V = np.zeros((0, self._width()), dtype=np.float32)
            X = sparse.csr_matrix((0, len(self.vectorizer_.vocabulary_)), dtype=np.float32)
            return (V, X) if with_matrix else V
        X = self.vectorizer_.transform(texts)
        if self.embedder_ is not None:
            V = np.asarray(self.embedder_.transform(_topic_words(texts)), dtype=np.float32)
            if self.svd_ is not None:  # the LSA part (lsa_weight)
                V = np.hstack([_l2(V), self.lsa_weight * _l2(np.asarray(X @ self._svd_basis))])
        else:
            # TruncatedSVD.transform is this product; calling it directly skips input checks
            # that cost more than the product for one comment.
            V = (np.asarray(X @ self._svd_basis) if self.svd_ is not None else X.toarray())
        V = self._finish(V, texts, sentiment)
        return (V, X) if with_matrix else V

    def _finish(self, V: np.ndarray, texts: Sequence[str],
                sentiment: np.ndarray | None, owned: bool = False) -> np.ndarray:
        """Append the optional sentiment coordinate and L2-normalise.

        ``owned``: ``V`` is a new array nobody else holds, so it is normalised in place.
        """
        if self.sentiment_weight:
            if sentiment is None:
                sentiment = _sentiment_scores(texts)
            V = np.hstack([_l2(V), self.sentiment_weight * sentiment[:, None]])
            owned = True
        return _l2(V, in_place=owned)

    def _width(self) -> int:
        if self.embedder_ is not None:
            width = int(self.embedder_.transform(["x"]).shape[1])
            if self.svd_ is not None:
                width += self.svd_.n_components
        elif self.svd_ is not None:
            width = self.svd_.n_components
        else:
            width = len(self.vectorizer_.vocabulary_)
        return width + (1 if self.sentiment_weight else 0)

    # ------------------------------------------------------------------ seeded themes
    def _set_seed_bank(self, keys: list[str], vectors: np.ndarray) -> None:
        """Store seed vectors by key, with one normalised centroid per key."""
        self._seed_keys: list[str] = list(dict.fromkeys(keys))
        position = {k: i for i, k in enumerate(self._seed_keys)}
        self._seed_owner = np.array([position[k] for k in keys], dtype=np.int64)
        self._seed_vectors = vectors.astype(np.float32)
        self._refresh_seed_centroids()

    def _refresh_seed_centroids(self) -> None:
        width = self._seed_vectors.shape[1] if self._seed_vectors.size else self._width()
        centroids = np.zeros((len(self._seed_keys), width), dtype=np.float32)
        np.add.at(centroids, self._seed_owner, self._seed_vectors)
        self._seed_centroids = _l2(centroids) if len(centroids) else centroids

    def _add_examples(self, key: str, texts: Sequence[str]) -> None:
        """Teach the seed bank that ``texts`` belong to ``key`` (effective for ``assign`` now)."""
        pieces = [p for t in texts for p in (split_units(t) or [t])]
        if not pieces:
            return
        if key not in self._seed_keys:
            self._seed_keys.append(key)
        vectors = self._embed(pieces)
        owner = self._seed_keys.index(key)
        self._seed_vectors = np.vstack([self._seed_vectors, vectors]).astype(np.float32)
        self._seed_owner = np.concatenate([self._seed_owner, np.full(len(pieces), owner)])
        self._refresh_seed_centroids()

    def _score_seeded(self, V: np.ndarray) -> tuple[list[str | None], np.ndarray]:
        """Best seeded theme per vector, or None, and its score.

        A taxonomy theme scores a unit by the mean similarity of the theme's
        ``MATCH_NEIGHBOURS`` closest seeds (people's examples of that theme included), and
        takes it when the score reaches ``MATCH_THRESHOLD``, beats the runner-up theme by
        ``MATCH_MARGIN`` and the closest ``OTHER_TOPICS`` by ``OTHER_MARGIN``, and the unit's
        similarity to the theme's centroid is at least ``MATCH_FLOOR`` (all in
        :mod:`analysis.taxonomy`). A theme made of people's examples scores a unit by its
        centroid and takes it from ``seed_threshold``. Either takes a unit that is a
        near-duplicate of one of people's examples (a comment someone moved).
        """
        from analysis.taxonomy import (
            MATCH_FLOOR,
            MATCH_MARGIN,
            MATCH_NEIGHBOURS,
            MATCH_THRESHOLD,
            OTHER_MARGIN,
        )

        n = V.shape[0]
        if not self._seed_keys or n == 0:
            return [None] * n, np.zeros(n)
        centre = V @ self._seed_centroids.T
        score = centre.copy()
        # Models saved before nearest-seed matching have no ``_taxonomy_seeds``: every theme is
        # scored by its centroid and every seed counts as an example, as they were fitted.
        n_taxonomy = getattr(self, "_taxonomy_seeds", None)
        first_example = n_taxonomy or 0
        taxonomy = (np.unique(self._seed_owner[:n_taxonomy]) if n_taxonomy
                    else np.zeros(0, dtype=np.int64))
        # Each theme's seed columns: a slice when they are contiguous (they are, as ``_seeds``
        # lists them theme by theme). Fancy-indexing columns gives a column-major copy, which
        # np.partition works through two to three times slower than rows in order.
        columns: list[slice | np.ndarray] = []
        for j in taxonomy.tolist():
            cols = np.flatnonzero(self._seed_owner == j)
            contiguous = cols.size and cols[-1] - cols[0] + 1 == cols.size
            columns.append(slice(int(cols[0]), int(cols[-1]) + 1) if contiguous else cols)
        example_owner = self._seed_owner[first_example:]
        has_examples = example_owner.size > 0
        duplicate = np.zeros(score.shape, dtype=bool)
        # Similarities to every seed, a block of rows at a time (a full matrix of large inputs
        # is slow to write and read back).
        for start in range(0, n, _BLOCK):
            block = V[start:start + _BLOCK] @ self._seed_vectors.T
            rows = slice(start, start + block.shape[0])
            for j, cols in zip(taxonomy.tolist(), columns, strict=True):
                part = block[:, cols] if isinstance(cols, slice) else block.take(cols, axis=1)
                k = min(MATCH_NEIGHBOURS, part.shape[1])
                score[rows, j] = np.partition(part, -k, axis=1)[:, -k:].mean(axis=1)
            if not has_examples:
                continue
            examples = block[:, first_example:]
            hit = np.flatnonzero(examples.max(axis=1) >= _NEAR_DUPLICATE)
            for j in np.unique(example_owner).tolist() if hit.size else ():
                closest = examples[hit][:, example_owner == j].max(axis=1)
                near = hit[closest >= _NEAR_DUPLICATE]
                closest = closest[closest >= _NEAR_DUPLICATE]
                score[start + near, j] = np.maximum(score[start + near, j], closest)
                duplicate[start + near, j] = True
        everywhere = np.arange(n)
        best = score.argmax(axis=1)
        best_score = score[everywhere, best]
        threshold = np.full(len(self._seed_keys), float(self.seed_threshold))
        threshold[taxonomy] = MATCH_THRESHOLD
        taken = best_score >= threshold[best]
        strict = taken & np.isin(best, taxonomy) & ~duplicate[everywhere, best]
        if strict.any():
            rest = np.flatnonzero(strict)
            runner_up = (np.partition(score[rest], -2, axis=1)[:, -2] if score.shape[1] > 1
                         else np.full(rest.size, -np.inf))
            clear = ((best_score[rest] - runner_up >= MATCH_MARGIN)
                     & (centre[rest, best[rest]] >= MATCH_FLOOR)
                     & (best_score[rest] - self._other_topic_score(V[rest]) >= OTHER_MARGIN))
            taken[rest[~clear]] = False
        names = [*self._seed_keys, None]
        best[~taken] = len(self._seed_keys)
        keys = [names[j] for j in best.tolist()]
        return keys, best_score

    def _other_topic_score(self, V: np.ndarray) -> np.ndarray:
        """Per vector, the mean similarity of its closest ``OTHER_TOPICS`` (see ``_seeds``)."""
        from analysis.taxonomy import MATCH_NEIGHBOURS, OTHER_TOPICS

        if getattr(self, "_other_vectors", None) is None:
            self._other_vectors = self._embed(list(OTHER_TOPICS))
        sims = V @ self._other_vectors.T
        if sims.shape[1] == 0:
            return np.full(V.shape[0], -np.inf)
        k = min(MATCH_NEIGHBOURS, sims.shape[1])
        return np.partition(sims, -k, axis=1)[:, -k:].mean(axis=1)

    # ------------------------------------------------------------------ discovery
    def _groups(self, texts: Sequence[str], X: Any) -> np.ndarray:
        """Per unit: -1 topical, 0 general praise, 1 general criticism (see ``general``).

        A unit is general when none of its words, as the vectoriser sees them, is a topic word:
        read off the TF-IDF matrix ``X`` of ``texts`` rather than by tokenising again.
        """
        if not self.general:
            return np.full(len(texts), -1, dtype=np.int64)
        if getattr(self, "_topic_columns", None) is None:
            tokenizer = self._tokenizer()
            general = {t for word in GENERIC_WORDS | FILLER_WORDS for t in tokenizer(word)}
            self._topic_columns = np.array(
                [" " not in term and term not in general
                 for term in self._feature_names()], dtype=bool
            )
        # TF-IDF weights are positive: one sparse product finds the rows with a topic term
        # (selecting the columns of a large CSR matrix costs far more).
        topical = np.asarray(X @ self._topic_columns.astype(np.float32)).ravel() > 0
        return np.array([-1 if topical[i] else int(is_critical(t)) for i, t in enumerate(texts)],
                        dtype=np.int64)

    def _feature_names(self) -> np.ndarray:
        """The vectoriser's terms (kept from the fit, not rebuilt from the vocabulary)."""
        if getattr(self, "_terms", None) is None:
            self._terms = self.vectorizer_.get_feature_names_out()
        return self._terms

    def _tokenizer(self) -> Callable[[str], list[str]]:
        """The word tokenizer of ``vectorizer_``."""
        analyzer = self.vectorizer_.analyzer
        return analyzer.tokenizer if isinstance(analyzer, Analyzer) else self.vectorizer_.tokenizer

    def _cluster(
        self,
        vectors: np.ndarray,
        counts: np.ndarray,
        groups: np.ndarray,
        sentiment: np.ndarray,
        unique_texts: list[str],
        residual: np.ndarray,
        previous: ThemeModel | None,
        rng: np.random.RandomState,
    ) -> None:
        """Cluster residual clauses into emergent themes and give them stable keys.

        Topical clauses are clustered with spherical k-means. General praise and criticism
        ("Excellent service", "Awful") would otherwise scatter over many clusters by adjective,
        so each polarity is one theme of its own.
        """
        V, weights, group = vectors[residual], counts[residual], groups[residual]
        topical = np.flatnonzero(group < 0)
        general = [g for g in (0, 1) if (group == g).any()]
        seeded_keys = set(self._seed_keys)
        old_labels: list[str] | None = None
        init: list[np.ndarray] = []
        by_key: dict[str, list[int]] = defaultdict(list)
        if previous is not None and previous._emergent_keys:
            residual_texts = [unique_texts[i] for i in residual]
            old_vectors, old_X = previous._embed(residual_texts, with_matrix=True)
            old_labels, _ = previous._label_units(
                old_vectors, previous._groups(residual_texts, old_X))
            for i in topical:
                key = old_labels[i]
                if key in previous._emergent_keys and key not in seeded_keys:
                    by_key[key].append(i)
            pairs = zip(previous._emergent_keys, previous._emergent_group, strict=True)
            for key, g in dict.fromkeys(pairs):
                members = by_key.get(key, [])
                if g < 0 and len(members) >= 2:
                    centre = (V[members] * weights[members, None]).sum(axis=0)
                    init.append(centre / (np.linalg.norm(centre) or 1.0))

        labels = np.full(len(residual), -1, dtype=np.int64)
        n_topical = 0
        if topical.size:
            Vt, wt = V[topical], weights[topical]
            if self.k == "auto":
                k = max(self._choose_k(Vt, wt, rng), len(init))
            else:
                k = max(1, int(self.k) - len(general))
                init = init[:k]
            k = max(1, min(k, topical.size))
            dims = self._graph_dims()
            if dims and topical.size >= _GRAPH_MIN_ROWS and k > 1:
                found = self._cluster_graph(Vt, wt, topical, by_key, k, dims, rng)
            else:
                found = self._cluster_vectors(Vt, wt, init, k, rng)
            keep = np.flatnonzero(np.bincount(found, minlength=k) > 0)
            labels[topical] = np.searchsorted(keep, found)
            n_topical = len(keep)
        for offset, g in enumerate(general):
            labels[group == g] = n_topical + offset
        n_clusters = n_topical + len(general)
        # Weighted sums per cluster as one sparse product (each cluster's rows added in order,
        # as np.add.at would, at a fraction of its cost).
        membership = sparse.csr_matrix(
            (np.ones(len(labels)), (labels, np.arange(len(labels)))),
            shape=(n_clusters, len(labels)))
        centroids = np.asarray(membership @ (V * weights[:, None]), dtype=np.float64)
        self._emergent_centroids = _l2(centroids).astype(np.float32)
        self._emergent_group = np.array([-1] * n_topical + general, dtype=np.int64)
        self._emergent_keys = self._match_keys(labels, n_clusters, weights, old_labels, previous)

    def _graph_dims(self) -> int:
        dims = getattr(self, "graph_dims", 0)  # models saved before it existed: 0
        if dims == "auto":
            return _GRAPH_DIMS if self.backend == "embeddings" else 0
        return int(dims)

    def _cluster_vectors(self, Vt: np.ndarray, wt: np.ndarray, init: list[np.ndarray],
                         k: int, rng: np.random.RandomState) -> np.ndarray:
        """Spherical k-means on the vectors; returns each topical unit's cluster."""
        if init:
            centres = self._extend_centres(np.array(init[:k]), Vt, k, rng)
            model = KMeans(n_clusters=k, init=centres.astype(np.float64), n_init=1,
                           max_iter=_MAX_ITER,
                           random_state=rng.randint(2**31 - 1))
        else:
            # Restarts buy little on large inputs, where they cost the most.
            model = KMeans(n_clusters=k, n_init=3 if Vt.shape[0] <= 20_000 else 1,
                           max_iter=_MAX_ITER,
                           random_state=rng.randint(2**31 - 1))
        limit = _KMEANS_ROWS_DEFAULT if self.backend == "default" else _KMEANS_ROWS
        if Vt.shape[0] > limit:
            # Centres from a weighted sample; every unit then joins its nearest centre.
            sample = rng.choice(Vt.shape[0], limit, replace=False, p=wt / wt.sum())
            model.fit(Vt[sample].astype(np.float64))
            return (Vt @ _l2(model.cluster_centers_).T).argmax(axis=1)
        return model.fit(Vt.astype(np.float64), sample_weight=wt).labels_

    def _cluster_graph(self, Vt: np.ndarray, wt: np.ndarray, topical: np.ndarray,
                       by_key: dict[str, list[int]], k: int, dims: int,
                       rng: np.random.RandomState) -> np.ndarray:
        """k-means in a spectral embedding of the units' nearest-neighbour graph.

        Sentence embeddings of short comments lie on curved, uneven sheets where straight-line
        k-means cuts groups apart; the graph's leading eigenvectors straighten them (measured
        in BENCHMARKS.md). Past ``_KMEANS_ROWS`` units, a weighted sample is embedded and every
        unit joins the nearest centre (in the original space) of the sample's clusters. On a
        refit, the previous themes' members start the k-means centres, as in
        :meth:`_cluster_vectors`.
        """
        n = Vt.shape[0]
        sample = (rng.choice(n, _KMEANS_ROWS, replace=False, p=wt / wt.sum())
                  if n > _KMEANS_ROWS else np.arange(n))
        S = Vt[sample].astype(np.float64)
        neighbours = min(_GRAPH_NEIGHBOURS, len(sample) - 1)
        with warnings.catch_warnings():
            # A graph in several pieces is fine: each piece gets its own coordinates.
            warnings.simplefilter("ignore", UserWarning)
            Z = SpectralEmbedding(
                n_components=min(dims, len(sample) - 2), affinity="nearest_neighbors",
                n_neighbors=neighbours, random_state=rng.randint(2**31 - 1),
            ).fit_transform(S)
        Z = _l2(Z).astype(np.float64)
        position = np.full(int(topical.max()) + 1 if topical.size else 0, -1, dtype=np.int64)
        position[topical[sample]] = np.arange(len(sample))
        init = []
        for members in by_key.values():
            at = position[np.asarray(members, dtype=np.int64)]
            at = at[at >= 0]
            if len(at) >= 2:
                centre = Z[at].sum(axis=0)
                init.append(centre / (np.linalg.norm(centre) or 1.0))
        weights = wt[sample] if n <= _KMEANS_ROWS else None  # a weighted sample already
        if init:
            centres = self._extend_centres(np.array(init[:k]), Z, k, rng)
            model = KMeans(n_clusters=k, init=centres, n_init=1, max_iter=_MAX_ITER,
                           random_state=rng.randint(2**31 - 1))
        else:
            model = KMeans(n_clusters=k, n_init=3, max_iter=_MAX_ITER,
                           random_state=rng.randint(2**31 - 1))
        found = model.fit(Z, sample_weight=weights).labels_
        if n <= _KMEANS_ROWS:
            return found
        centres = np.zeros((k, Vt.shape[1]))
        np.add.at(centres, found, S)
        return (Vt @ _l2(centres).T).argmax(axis=1)

    def _choose_k(self, V: np.ndarray, weights: np.ndarray, rng: np.random.RandomState) -> int:
        """Choose k by the best cosine silhouette over a grid, on a weighted sample.

        The sample's distance matrix is computed once and shared by every k on the grid. The
        grid is tried from the largest k down, and the search stops once ``_K_PATIENCE`` values
        in a row score below the best so far: it finds the same k as the whole grid unless the
        silhouette has a second, higher peak further down.

        The embeddings backend uses the rule of thumb k = sqrt(n / 2) instead (n: comments to
        cluster, at most ``max_k``): on sentence embeddings the silhouette has no peak (about
        0.06-0.08 from k = 2 to 60 on the FFT comments), so its maximum is chance, and it
        chose k = 4 there.
        """
        n = V.shape[0]
        if self.backend == "embeddings" and n >= 8:
            return int(np.clip(round(np.sqrt(weights.sum() / 2)), 2, min(self.max_k, n)))
        if n < 8:
            return max(1, n // 2)
        size = min(n, 2000)
        p = weights / weights.sum()
        S = V[rng.choice(n, size=size, replace=False, p=p)] if size < n else V
        # float64: scikit-learn's k-means++ upcasts float32 in small chunks, which is slow.
        S64 = S.astype(np.float64)
        # float32 (the vectors' own precision), and in place: each new 2,000 x 2,000 matrix
        # costs more in page faults than in arithmetic.
        S32 = np.ascontiguousarray(S, dtype=np.float32)
        distance = S32 @ S32.T
        np.subtract(1.0, distance, out=distance)
        np.clip(distance, 0.0, 2.0, out=distance)
        np.fill_diagonal(distance, 0.0)
        upper = min(self.max_k, max(2, S.shape[0] // 10))
        grid = sorted({round(x) for x in np.geomspace(2, upper, num=_K_CANDIDATES)} | {upper})
        best_k, best = grid[0], -np.inf
        seed = rng.randint(2**31 - 1)
        # From the largest k down (ties go to the smaller k): every k gets the same k-means
        # seed, so the order changes nothing but where the search may stop.
        worse = 0
        first = True
        for k in reversed(grid):
            if k < 2 or k >= S.shape[0]:
                continue
            # The largest k gets two k-means starts: with one, about one fit in ten on large
            # inputs landed in a poor local optimum there, a smaller k won, and the fit had 43
            # themes instead of 62 (BENCHMARKS.md, "Themes: speed").
            labels = KMeans(n_clusters=k, n_init=2 if first else 1, max_iter=_MAX_ITER,
                            random_state=seed).fit_predict(S64)
            first = False
            score = _silhouette(distance, labels)
            if score >= best:
                best_k, best, worse = k, score, 0
            else:
                worse += 1
                if worse >= _K_PATIENCE:
                    break
        return best_k

    @staticmethod
    def _extend_centres(
        centres: np.ndarray, V: np.ndarray, k: int, rng: np.random.RandomState
    ) -> np.ndarray:
        """Add centres to reach k, each the point farthest from the ones chosen (deterministic)."""
        chosen = list(centres)
        if len(chosen) >= k:
            return np.array(chosen[:k])
        sample = V[rng.choice(V.shape[0], size=min(V.shape[0], 5000), replace=False)]
        closest = (sample @ np.array(chosen).T).max(axis=1)
        while len(chosen) < k:
            far = int(closest.argmin())
            chosen.append(sample[far])
            closest = np.maximum(closest, sample @ sample[far])
        return np.array(chosen)

    def _match_keys(
        self,
        labels: np.ndarray,
        k: int,
        weights: np.ndarray,
        old_labels: list[str] | None,
        previous: ThemeModel | None,
    ) -> list[str]:
        """Name clusters: previous keys where members overlap enough, else the next new key.

        A cluster that matches a theme people merged away takes the key it was merged into;
        one that matches a theme marked "not a theme" (or comments the previous model left
        unassigned) becomes ``"unassigned"``: its comments get no theme rather than the same
        theme under a new key.
        """
        into = {s: target for sources, target in self.corrections_.merges for s in sources
                if s != target}
        dropped = set(self.corrections_.not_themes)
        retired = dropped | set(into)
        keys: list[str | None] = [None] * k
        if old_labels is not None and previous is not None:
            old_keys = sorted({key for key in old_labels if key not in self._seed_keys}
                              & ({*previous._emergent_keys, UNASSIGNED} | retired))
            if old_keys:
                old_index = {key: j for j, key in enumerate(old_keys)}
                overlap = np.zeros((k, len(old_keys)))
                for label, old, w in zip(labels, old_labels, weights, strict=True):
                    j = old_index.get(old)
                    if j is not None:
                        overlap[label, j] += w
                new_size = np.bincount(labels, weights=weights, minlength=k)
                old_size = overlap.sum(axis=0)
                jaccard = overlap / (new_size[:, None] + old_size[None, :] - overlap + 1e-9)
                rows, cols = linear_sum_assignment(-jaccard)
                for r, c in zip(rows, cols, strict=True):
                    # Below this overlap the "same" theme would be a different one in disguise.
                    if jaccard[r, c] >= 0.2:
                        key = old_keys[c]
                        for _ in range(len(into) + 1):  # follow merge chains a -> b -> c
                            key = into.get(key, key)
                        keys[r] = UNASSIGNED if key in dropped else key
        taken = [_EMERGENT.match(key) for key in [*keys, *self._seed_keys, *retired] if key]
        next_n = max([self.next_emergent_, *[int(m.group(1)) + 1 for m in taken if m]])
        out = []
        for key in keys:
            if key is None:
                key = f"emergent-{next_n}"
                next_n += 1
            out.append(key)
        self.next_emergent_ = next_n
        return out

    # ------------------------------------------------------------------ assignment
    def _label_units(
        self, V: np.ndarray, groups: np.ndarray,
        seeded_scores: tuple[list[str | None], np.ndarray] | None = None,
    ) -> tuple[list[str], np.ndarray]:
        """Theme key and score per unit vector.

        Seeded themes come first; then general praise or criticism by the unit's group; then
        the nearest topical emergent theme. ``seeded_scores`` reuses ``_score_seeded(V)``.
        """
        seeded, seeded_score = seeded_scores or self._score_seeded(V)
        n = V.shape[0]
        groups = np.asarray(groups, dtype=np.int64)
        is_seeded = np.array([key is not None for key in seeded], dtype=bool)
        scores = np.where(is_seeded, np.asarray(seeded_score, dtype=float)[:n], 0.0)
        # Per unit: the emergent theme it takes (a column of the centroids), or -1 for none.
        column = np.full(n, -1, dtype=np.int64)
        if self._emergent_keys and n:
            emergent = V @ self._emergent_centroids.T
            topical = np.flatnonzero(self._emergent_group < 0)
            general = np.zeros(n, dtype=bool)
            for j, g in enumerate(self._emergent_group):
                if g >= 0:
                    column[groups == g] = j
                    general |= groups == g
            if topical.size:
                rest = np.flatnonzero(~general & (np.abs(V).sum(axis=1) > 0))
                column[rest] = topical[emergent[np.ix_(rest, topical)].argmax(axis=1)]
            column[is_seeded] = -1
            taken = np.flatnonzero(column >= 0)
            scores[taken] = emergent[taken, column[taken]]
        merged = {s: into for sources, into in self.corrections_.merges for s in sources}
        names = [merged.get(key, key) for key in [*self._emergent_keys, UNASSIGNED]]
        keys = [merged.get(key, key) if key is not None else names[j]
                for key, j in zip(seeded, column.tolist(), strict=True)]
        return keys, np.maximum(scores, 0.0)

    def _aggregate(
        self,
        texts: Sequence[str],
        owners: np.ndarray,
        unit_index: np.ndarray,
        is_whole: np.ndarray,
        unit_keys: list[str],
        unit_scores: np.ndarray,
        unit_sentiment: np.ndarray,
    ) -> list[Assignment]:
        """Combine unit themes into one :class:`Assignment` per comment.

        The whole-comment unit gives the primary theme and the comment's sentiment; clauses add
        their themes after it, best score first.
        """
        n = len(texts)
        owner = np.asarray(owners, dtype=np.int64)
        sentiment = np.zeros(n)
        has_unit = np.zeros(n, dtype=bool)
        whole_of = np.full(n, -1, dtype=np.int64)
        whole_of[owner[is_whole]] = unit_index[is_whole]
        has_unit[owner[is_whole]] = True
        sentiment[has_unit] = unit_sentiment[whole_of[has_unit]]
        # Contentless comments still have a sentiment ("Nothing to improve" is praise).
        silent = [i for i in np.flatnonzero(~has_unit).tolist() if texts[i].strip()]
        if silent and self.sentiment:
            distinct, where = self._index([texts[i] for i in silent])
            sentiment[silent] = _sentiment_scores(distinct)[where]
        rounded_array = np.round(np.asarray(unit_scores, dtype=float), 4)
        rounded = rounded_array.tolist()
        several = np.bincount(owner, minlength=n) > 1
        feeling = sentiment.tolist()
        whole_list = whole_of.tolist()
        # Comments of several units: every theme their units took, with its best score; the
        # whole comment's theme first, then by score (ties: the theme seen first).
        names = list(dict.fromkeys([UNASSIGNED, *unit_keys]))
        code = np.fromiter(map({k: i for i, k in enumerate(names)}.__getitem__, unit_keys),
                           dtype=np.int64, count=len(unit_keys))
        taken = several[owner] & (code[unit_index] > 0)
        at = np.flatnonzero(taken)
        o, k, score = owner[at], code[unit_index[at]], rounded_array[unit_index[at]]
        if at.size:
            order = np.lexsort((at, -score, k, o))
            o, k, score, at = o[order], k[order], score[order], at[order]
            head = np.flatnonzero(np.r_[True, (o[1:] != o[:-1]) | (k[1:] != k[:-1])])
            o, k, score, at = o[head], k[head], score[head], np.minimum.reduceat(at, head)
            whole_code = np.zeros(n, dtype=np.int64)
            whole_code[has_unit] = code[whole_of[has_unit]]
            lead = k != whole_code[o]
            order = np.lexsort((at, -score, lead, o))
            o, k, score = o[order], k[order], score[order]
        o, k, score = (o.tolist(), k.tolist(), score.tolist()) if at.size else ([], [], [])
        out: list[Assignment | None] = [None] * n
        begin = 0
        for end in [*np.flatnonzero(np.diff(o)).tolist(), len(o) - 1] if o else []:
            keys = tuple(map(names.__getitem__, k[begin:end + 1]))
            i = o[begin]
            out[i] = Assignment(keys[0], keys, dict(zip(keys, score[begin:end + 1], strict=True)),
                                feeling[i])
            begin = end + 1
        # Comments of one unit are most of them: one Assignment per (unit, sentiment).
        single: dict[tuple[int, float], Assignment] = {}
        for i in np.flatnonzero(has_unit & ~several).tolist():
            u = whole_list[i]
            cache_key = (u, feeling[i])
            a = single.get(cache_key)
            if a is None:
                key = unit_keys[u]
                a = single[cache_key] = (
                    Assignment(UNASSIGNED, (), {}, feeling[i]) if key == UNASSIGNED
                    else Assignment(key, (key,), {key: rounded[u]}, feeling[i]))
            out[i] = a
        # The rest say nothing, or took no theme in any unit.
        return [Assignment(UNASSIGNED, (), {}, feeling[i]) if a is None else a
                for i, a in enumerate(out)]

    def assign(self, texts: Sequence[str]) -> list[Assignment]:
        """Assign new comments to the fitted themes without refitting.

        Parameters
        ----------
        texts : sequence of str
            The comments.

        Returns
        -------
        list of Assignment
            One per comment, by the same rule ``fit`` used for its own texts.
        """
        texts = ["" if t is None else str(t) for t in texts]
        owners, unit_texts, whole = self._units(texts)
        unique_texts, unit_index = self._index(unit_texts)
        sentiment = np.zeros(len(unique_texts))
        if self.sentiment_weight:
            sentiment = _sentiment_scores(unique_texts)
        elif unique_texts and self.sentiment:
            whole_units = np.unique(unit_index[np.array(whole, dtype=bool)])
            sentiment[whole_units] = _sentiment_scores([unique_texts[u] for u in whole_units])
        vectors, X = self._embed(unique_texts, sentiment, with_matrix=True)
        keys, scores = self._label_units(vectors, self._groups(unique_texts, X))
        return self._aggregate(texts, owners, unit_index, np.array(whole, dtype=bool), keys,
                               scores, sentiment)

    # ------------------------------------------------------------------ describing
    def _describe(
        self,
        unique_texts: list[str],
        unit_index: np.ndarray,
        owners: list[int],
        unit_keys: list[str],
        unit_scores: np.ndarray,
        X: Any,
        assignments: Sequence[Assignment],
        repeats: np.ndarray,
    ) -> None:
        """Build ``themes_``: terms, suggested names, representatives, sizes, sentiment.

        ``X`` is the TF-IDF matrix of ``unique_texts``; ``owners`` are indices into the fit
        texts; ``assignments`` are those of the distinct comments, each standing for
        ``repeats`` comments. A theme's sentiment is the mean sentiment of the comments that
        carry it.
        """
        all_keys = list(dict.fromkeys(
            [k for k in self._seed_keys if k != UNASSIGNED]
            + [k for k in self._emergent_keys if k not in self._seed_keys and k != UNASSIGNED]
        ))
        merged = {s for sources, into in self.corrections_.merges for s in sources if s != into}
        all_keys = [k for k in all_keys if k not in merged]
        weights = self._class_tfidf(unit_keys, all_keys, X)
        terms = self._top_terms(unique_texts, all_keys, weights)
        # Units by theme, best score first (ties in unit order), and the comments of each unit.
        code = {key: i for i, key in enumerate(all_keys)}
        unit_code = np.fromiter((code.get(k, -1) for k in unit_keys), dtype=np.int64,
                                count=len(unit_keys))
        ranked = np.lexsort((-np.asarray(unit_scores, dtype=float), unit_code))
        bounds = np.searchsorted(unit_code[ranked], np.arange(len(all_keys) + 1))
        by_unit = np.argsort(unit_index, kind="stable")
        owner_of = np.asarray(owners, dtype=np.int64)[by_unit]
        unit_bounds = np.searchsorted(unit_index[by_unit], np.arange(len(unique_texts) + 1))
        size: Counter[str] = Counter()
        feeling: dict[str, float] = defaultdict(float)
        for a, n in zip(assignments, repeats.tolist(), strict=True):
            for key in a.themes:
                size[key] += int(n)
                feeling[key] += n * a.sentiment
        themes: dict[str, ThemeInfo] = {}
        # Suggested names are phrases people wrote; no two themes get the same one.
        taken = {name.lower() for name, _ in self.definitions_.values()}
        taken |= {name.lower() for name in self.corrections_.names.values()}
        vocabulary = self.vectorizer_.vocabulary_
        tokenizer = self._tokenizer()
        stems: dict[str, tuple[str, ...]] = {}
        for key in all_keys:
            representative: list[int] = []
            i = code[key]
            for u in ranked[bounds[i]:bounds[i + 1]].tolist():
                for owner in owner_of[unit_bounds[u]:unit_bounds[u + 1]].tolist():
                    if owner not in representative:
                        representative.append(owner)
                        break
                if len(representative) >= 5:
                    break
            origin = self.origins_.get(key, "emergent")
            top = terms.get(key, [])
            group = self._group_of(key)
            if key in self.definitions_:
                name, description = self.definitions_[key]
            elif group >= 0:
                name, description = _GENERAL_NAMES[group]
            else:
                members = [unique_texts[u] for u in ranked[bounds[i]:bounds[i + 1]][:_NAME_UNITS]]
                row = weights[i] if weights is not None else None
                name = (_phrase_name(members, row, vocabulary, tokenizer, taken, stems)
                        or _suggest_name(top, key))
                taken.add(name.lower())
                description = ("Comments about " + ", ".join(top[:5]) + ".") if top else ""
            name = self.corrections_.names.get(key, name)
            description = self.corrections_.descriptions.get(key, description)
            sentiment = feeling[key] / size[key] if size.get(key) else 0.0
            themes[key] = ThemeInfo(key, name, description, origin, top, representative,
                                    int(size.get(key, 0)), round(sentiment, 4))
        self.themes_ = themes

    @staticmethod
    def _class_tfidf(unit_keys: list[str], keys: list[str], X: Any) -> np.ndarray | None:
        """Class-based TF-IDF, one row per key: terms frequent in a theme, rare across themes.

        ``X`` is the TF-IDF matrix of the units whose keys are ``unit_keys``; None when no
        unit has one of ``keys``.
        """
        if not keys or X.shape[0] == 0:
            return None
        position = {k: i for i, k in enumerate(keys)}
        rows = np.array([position.get(k, -1) for k in unit_keys], dtype=np.int64)
        mask = rows >= 0
        if not mask.any():
            return None
        onehot = sparse.csr_matrix(
            (np.ones(int(mask.sum())), (rows[mask], np.arange(int(mask.sum())))),
            shape=(len(keys), int(mask.sum())),
        )
        mass = np.asarray((onehot @ X[mask]).todense())
        tf = mass / np.maximum(mass.sum(axis=1, keepdims=True), 1e-12)
        idf = np.log1p(mass.sum(axis=1).mean() / np.maximum(mass.sum(axis=0), 1e-12))
        return tf * idf

    def _top_terms(self, unique_texts: list[str], keys: list[str],
                   ctfidf: np.ndarray | None) -> dict[str, list[str]]:
        """The ten terms of each theme with the highest class-based TF-IDF, as words."""
        if ctfidf is None or not unique_texts:
            return {}
        vocab = self._feature_names()
        readable = self._readable_terms(unique_texts, self.stem, self._tokenizer())
        out = {}
        for i, key in enumerate(keys):
            top = np.argsort(-ctfidf[i])[:10]
            out[key] = [readable(vocab[j]) for j in top if ctfidf[i, j] > 0]
        return out

    @staticmethod
    def _readable_terms(sample_texts: list[str], stem: bool,
                        stemmer: Callable[[str], list[str]] | None = None,
                        ) -> Callable[[str], str]:
        """Map stems back to the commonest word that produced them ("appoint" -> "appointment").

        ``stemmer`` is the fitted tokenizer when there is one: its cache already holds the
        stems of these words.
        """
        stemmer = stemmer or Tokenizer(stem=stem)
        plain = Tokenizer(stem=False)
        words: Counter[str] = Counter()
        for text in sample_texts[:5000]:
            words.update(plain(text))
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for word, n in words.items():
            for stemmed in stemmer(word)[:1]:
                counts[stemmed][word] += n

        def readable(term: str) -> str:
            return " ".join(
                counts[stem].most_common(1)[0][0] if counts.get(stem) else stem
                for stem in term.split()
            )

        return readable

    # ------------------------------------------------------------------ people's edits
    def _group_of(self, key: str) -> int:
        if key in self._emergent_keys:
            return int(self._emergent_group[self._emergent_keys.index(key)])
        return -1

    def _check_key(self, key: str) -> None:
        if key not in self.themes_:
            raise KeyError(f"no theme {key!r}")

    def rename(self, key: str, name: str, description: str | None = None) -> ThemeModel:
        """Rename a theme; the name survives refits (``fit(previous=self)``)."""
        self._check_key(key)
        self.themes_[key].name = name
        self.corrections_.names[key] = name
        if description is not None:
            self.themes_[key].description = description
            self.corrections_.descriptions[key] = description
        return self

    def move(self, indices: Sequence[int], key: str) -> ThemeModel:
        """Move fit comments to theme ``key`` (``"unassigned"`` for none); learnt on refit.

        The comments become examples of ``key``: their near-duplicates follow them in
        :meth:`assign` straight away and in the next fit.
        """
        if key != UNASSIGNED and key not in self.themes_:
            raise KeyError(f"no theme {key!r}")
        texts = [self.texts_[i] for i in indices]
        for i in indices:
            a = self.assignments_[i]
            if key == UNASSIGNED:
                self.assignments_[i] = Assignment(UNASSIGNED, (), {}, a.sentiment)
            else:
                rest = tuple(t for t in a.themes if t != key)
                self.assignments_[i] = Assignment(key, (key, *rest), {**a.scores, key: 1.0},
                                                  a.sentiment)
        self.corrections_.examples.extend((t, key) for t in texts)
        self._add_examples(key, texts)
        if key != UNASSIGNED and self.themes_[key].origin == "emergent":
            self.themes_[key].origin = "confirmed"
            self.origins_[key] = "confirmed"
        self._recount()
        return self

    def merge(self, keys: Sequence[str], into: str) -> ThemeModel:
        """Merge themes ``keys`` into ``into`` (one of them or another existing theme)."""
        for key in [*keys, into]:
            self._check_key(key)
        sources = tuple(k for k in keys if k != into)
        examples = [t for k in [into, *sources] for t in self._member_texts(k)]
        for i, a in enumerate(self.assignments_):
            if any(t in sources for t in a.themes):
                themes = tuple(dict.fromkeys(into if t in sources else t for t in a.themes))
                scores = {into if t in sources else t: s for t, s in a.scores.items()}
                self.assignments_[i] = Assignment(themes[0], themes, scores, a.sentiment)
        self.corrections_.merges.append((sources, into))
        self.corrections_.examples.extend((t, into) for t in examples)
        self._add_examples(into, examples)
        if self.themes_[into].origin == "emergent":
            self.themes_[into].origin = self.origins_[into] = "confirmed"
        for key in sources:
            del self.themes_[key]
        self._recount()
        return self

    def split(self, key: str, groups: Sequence[Sequence[int]]) -> list[str]:
        """Split theme ``key``: the first group of fit-comment indices keeps the key.

        Returns
        -------
        list of str
            The key of each group (the first is ``key``, the others new ``emergent-<n>``).
        """
        self._check_key(key)
        out = [key]
        for group in groups[1:]:
            new = f"emergent-{self.next_emergent_}"
            self.next_emergent_ += 1
            self.themes_[new] = ThemeInfo(new, f"{self.themes_[key].name} (split)", "",
                                          "confirmed", [], list(group[:5]), 0,
                                          self.themes_[key].sentiment)
            self.origins_[new] = "confirmed"
            out.append(new)
        for group, new in zip(groups, out, strict=True):
            self.move(list(group), new)
        return out

    def mark_not_theme(self, key: str) -> ThemeModel:
        """Mark theme ``key`` "not a theme": its comments lose it, and refits drop it."""
        self._check_key(key)
        examples = self._member_texts(key)
        for i, a in enumerate(self.assignments_):
            if key in a.themes:
                themes = tuple(t for t in a.themes if t != key)
                scores = {t: s for t, s in a.scores.items() if t != key}
                self.assignments_[i] = Assignment(themes[0] if themes else UNASSIGNED, themes,
                                                  scores, a.sentiment)
        self.corrections_.not_themes.append(key)
        self.corrections_.examples.extend((t, UNASSIGNED) for t in examples)
        self._add_examples(UNASSIGNED, examples)
        while key in self._emergent_keys:
            j = self._emergent_keys.index(key)
            self._emergent_keys.pop(j)
            self._emergent_centroids = np.delete(self._emergent_centroids, j, axis=0)
            self._emergent_group = np.delete(self._emergent_group, j)
        del self.themes_[key]
        self._recount()
        return self

    def _member_texts(self, key: str, limit: int = 50) -> list[str]:
        """Distinct texts of the comments whose primary theme is ``key``, most typical first.

        They become examples when people merge a theme or say it is not one, so that the next
        fit learns the decision for the theme's kind of comment, not only for five of them.
        """
        scored = sorted(
            ((a.scores.get(key, 0.0), i) for i, a in enumerate(self.assignments_)
             if a.primary == key),
            reverse=True,
        )
        return list(dict.fromkeys(self.texts_[i] for _, i in scored))[:limit]

    def _recount(self) -> None:
        size = Counter(key for a in self.assignments_ for key in a.themes)
        for key, info in self.themes_.items():
            info.size = int(size.get(key, 0))

    # ------------------------------------------------------------------ persistence
    def save(self, path: str | Path) -> None:
        """Save the fitted model with joblib (it includes the fit texts)."""
        joblib.dump(self, path, compress=3)

    @classmethod
    def load(cls, path: str | Path) -> ThemeModel:
        """Load a model saved by :meth:`save`; refuse other model formats.

        Only load files you trust: joblib, like pickle, can run code while loading.
        """
        model = joblib.load(path)
        if not isinstance(model, cls):
            raise TypeError(f"{path} does not hold a ThemeModel")
        if getattr(model, "version_", None) != MODEL_FORMAT:
            raise ValueError(
                f"{path} holds model format {getattr(model, 'version_', None)}; "
                f"this version reads format {MODEL_FORMAT}: refit the model"
            )
        return model


_WORD_OR_MARK = re.compile(r"[A-Za-z']+|[^A-Za-z'\s]+")


def _topic_words(texts: Sequence[str]) -> list[str]:
    """What the sentence embedder reads: each text without its general evaluative words.

    "The staff were excellent" and "The food was excellent" are close as sentences, because
    most of what a sentence model encodes about them is the praise; without "excellent" they
    are about staff and food. A text made only of such words ("Excellent service") is kept
    whole. Measured on the FFT rows in BENCHMARKS.md ("Embeddings backend").
    """
    out = []
    for text in texts:
        words = _WORD_OR_MARK.findall(text)
        kept = [w for w in words if w.lower() not in GENERIC_WORDS]
        out.append(" ".join(kept) if len(kept) < len(words) and any(
            _LETTER.search(w) for w in kept) else text)
    return out


_GC_LOCK = threading.Lock()
_GC_STATE = {"pauses": 0, "was_enabled": False}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of a fit.

    A fit builds a few hundred thousand short lists, tuples and dicts (pieces, features,
    assignments) and makes no reference cycles; each full collection then walks every object
    alive, including the hundred thousand or so that importing scikit-learn leaves: about 0.3 s
    of a 3 s fit on 100,000 comments (see BENCHMARKS.md). Memory is still freed by reference
    counting. The pause is process-wide, so concurrent fits share it (counted under a lock) and
    the collector is re-enabled, if it was enabled, when the last one ends.
    """
    with _GC_LOCK:
        if _GC_STATE["pauses"] == 0:
            _GC_STATE["was_enabled"] = gc.isenabled()
            gc.disable()
        _GC_STATE["pauses"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_STATE["pauses"] -= 1
            if _GC_STATE["pauses"] == 0 and _GC_STATE["was_enabled"]:
                gc.enable()


def _l2(V: np.ndarray, in_place: bool = False) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero); numpy only, for per-comment speed.

    ``in_place`` divides ``V`` itself (when it is float32 already) instead of a copy: on large
    inputs a new array of that size costs more in page faults than the division.
    """
    V = np.asarray(V, dtype=np.float32)
    norms = np.sqrt(np.einsum("ij,ij->i", V, V))
    if in_place:
        V /= np.maximum(norms, 1e-12)[:, None]
        return V
    return V / np.maximum(norms, 1e-12)[:, None]


def _silhouette(distance: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette from a precomputed distance matrix (points in singletons score 0)."""
    k = int(labels.max()) + 1
    # In the distance matrix's precision, so that the product does not copy it.
    onehot = np.zeros((len(labels), k), dtype=distance.dtype)
    onehot[np.arange(len(labels)), labels] = 1.0
    sizes = onehot.sum(axis=0, dtype=np.float64)
    if (sizes > 0).sum() < 2:
        return -np.inf
    total = np.asarray(distance @ onehot, dtype=np.float64)
    own = sizes[labels]
    a = total[np.arange(len(labels)), labels] / np.maximum(own - 1, 1)
    mean = total / np.maximum(sizes, 1)
    mean[np.arange(len(labels)), labels] = np.inf
    mean[:, sizes == 0] = np.inf
    b = mean.min(axis=1)
    score = np.where(own > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-12), 0.0)
    return float(score.mean())


def _suggest_name(terms: list[str], key: str) -> str:
    """A readable name from the top terms: a leading phrase, then a distinct second term."""
    if not terms:
        return key.replace("-", " ").capitalize()
    first = next((t for t in terms[:3] if " " in t), terms[0])
    second = next((t for t in terms if not set(t.split()) & set(first.split())), None)
    name = first if second is None else f"{first} / {second}"
    return name[:1].upper() + name[1:]



# Units of a theme read when naming it (the closest to its centre first).
_NAME_UNITS = 100
# Longest suggested name, in words.
_NAME_WORDS = 4
# Stretches of text a phrase may not cross.
_CHUNK = re.compile(r"[.,;:!?()\[\]\"\n]+|\s[-–]\s")
_SURFACE_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&]*(?:-[A-Za-z0-9]+)*")


def _phrase_name(
    texts: Sequence[str],
    weights: np.ndarray | None,
    vocabulary: dict[str, int],
    tokenizer: Callable[[str], list[str]],
    taken: set[str] = frozenset(),  # type: ignore[assignment]
    stems: dict[str, tuple[str, ...]] | None = None,
) -> str | None:
    """The phrase of two to four words that best names a theme, as people wrote it.

    Every run of words inside a sentence or clause of the theme's ``texts`` is a candidate
    when it starts and ends on a topic word (not a stop word) and at least two of the texts
    use it (one, when no run is used twice). Runs are counted by their stems, so "staff
    shortage" and "staff shortages" add up. A candidate scores the mean class-based TF-IDF
    ``weights`` of its terms (so it says what sets the theme apart, and a word that does not
    costs) times the log of the number of texts using it (so it is something many people
    said). The name keeps the commonest spelling and capitalises its first letter: "Phone
    not answered", "Parking at the hospital". None when no phrase qualifies or ``weights`` is
    None; names in ``taken`` (lower case) are skipped. ``stems`` caches each
    word's stems across calls.
    """
    from itertools import pairwise

    if weights is None or len(texts) < 2:
        return None
    # Phrases are counted by their terms, so "staff shortage" and "staff shortages" add up.
    support: Counter[tuple[str, ...]] = Counter()
    spelled: Counter[tuple[tuple[str, ...], str]] = Counter()
    stems = {} if stems is None else stems
    for text in dict.fromkeys(piece for t in texts for piece in _CHUNK.split(t)):
        words = _SURFACE_WORD.findall(text)
        lower = [w.lower() for w in words]
        for w in lower:
            if w not in stems:
                # A number names nothing alone but ends a phrase well ("Step 3").
                stems[w] = tuple(tokenizer(w)) or ((w,) if w.isdigit() else ())
        terms_of = [stems[w] for w in lower]
        seen: set[tuple[str, ...]] = set()
        for i, first in enumerate(lower):
            if not terms_of[i] or first.isdigit():
                continue
            gram = terms_of[i]
            for j in range(i + 1, min(i + _NAME_WORDS, len(lower))):
                gram = gram + terms_of[j]
                if not terms_of[j]:
                    continue
                if gram not in seen:
                    seen.add(gram)
                    support[gram] += 1
                spelled[gram, " ".join(words[i:j + 1])] += 1
    # Phrases several texts use; failing that, the best phrase of a single text.
    for least in (2, 1):
        spelling: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for (gram, text), n in spelled.items():
            if support[gram] >= least:
                spelling[gram][text] += n
        best, best_score = None, 0.0
        for gram in spelling:
            if len(set(gram)) < len(gram):  # not "help to help"
                continue
            terms = set(gram) | {f"{a} {b}" for a, b in pairwise(gram)}
            # Mean weight: a word that adds nothing to what sets the theme apart costs.
            weight = sum(float(weights[vocabulary[t]]) for t in terms if t in vocabulary)
            score = weight / len(terms) * np.log1p(support[gram])
            if score <= best_score:
                continue
            name = _written(spelling[gram])
            if name.lower() not in taken:
                best, best_score = name, score
        if best is not None:
            return best
    return None


def _written(spellings: Counter[str]) -> str:
    """The commonest spelling of a phrase (not shouted in capitals if another exists), with a
    capital first letter."""
    ranked = [s for s, _ in spellings.most_common()]
    text = next((s for s in ranked if not s.isupper()), ranked[0]).replace("’", "'")
    first, _, rest = text.partition(" ")
    if not (first.isupper() and len(first) > 1) and first != "I":
        first = first.lower()
    text = f"{first} {rest}" if rest else first
    return text[:1].upper() + text[1:]
