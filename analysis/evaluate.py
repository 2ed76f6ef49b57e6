"""Measure the theme engine against real human-labelled NHS feedback.

The data is the NHS FFT v6 labelled file (see its README): it is read at run time from
``../shared/data/nhs-fft-v6/fft_v6_labelled.csv`` relative to the repository (override with
``--data`` or the ``YOUSAID_FFT_DATA`` environment variable) and never copied into the project.

What is measured
----------------
Discovery agreement
    Adjusted mutual information (AMI) between the themes found and the labellers' categories, on
    the *single-label usable rows*: non-empty text, exactly one category, and that category is
    neither "Labelling not possible" nor "Not assigned" (4,160 rows, 42 categories). Each row
    counts with its primary theme; rows the engine leaves ``unassigned`` count as one more
    cluster of their own (so setting comments aside is neither free nor hidden), and coverage
    (the share of rows given a theme) is reported beside it.
Held-out half
    Settings were chosen on half A of a fixed split (rows ordered by a seeded permutation of
    ``Comment ID``); every figure is also given on half B and on all rows, so a setting that only
    fits A shows up.
Sentiment agreement
    The labellers' 1-5 ``Comment sentiment`` collapsed to negative (4-5), neutral (3), positive
    (1-2), against ``sentiment_label(sentiment_score(text))``: accuracy and macro-F1.
Taxonomy precision and recall
    On ``tests/data/taxonomy_eval.csv`` (self-written, labelled by theme key): each comment
    counts as predicted for every theme the model gives it.
"""

from __future__ import annotations

import csv
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import (
    accuracy_score,
    adjusted_mutual_info_score,
    f1_score,
    precision_recall_fscore_support,
)
from sklearn.preprocessing import normalize

from analysis.themes import UNASSIGNED, ThemeModel

__all__ = [
    "DEFAULT_DATA",
    "FFTData",
    "discovery_scores",
    "load_fft",
    "main",
    "run",
]

_REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = _REPO.parent / "shared" / "data" / "nhs-fft-v6" / "fft_v6_labelled.csv"
TAXONOMY_EVAL = _REPO / "tests" / "data" / "taxonomy_eval.csv"
_NOT_LABELS = {"Labelling not possible", "Not assigned"}
_FIRST_LABEL_COLUMN = 11  # columns before this are metadata (see the data README)


@dataclass
class FFTData:
    """The evaluation rows of the FFT file.

    Attributes
    ----------
    texts, labels : list of str
        Single-label usable rows: comment and its one category.
    half : numpy.ndarray of bool
        True for rows in half A (settings were chosen there), False for half B.
    sentiment_texts, sentiment_classes : list of str
        All rows with text and a ``Comment sentiment``, the class collapsed to
        ``negative``/``neutral``/``positive``.
    sentiment_questions : list of str
        The question each of those rows answers, as the file words it.
    """

    texts: list[str]
    labels: list[str]
    half: np.ndarray
    sentiment_texts: list[str]
    sentiment_classes: list[str]
    sentiment_questions: list[str]


def data_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The FFT file: ``path``, else ``$YOUSAID_FFT_DATA``, else the shared default."""
    return Path(path or os.environ.get("YOUSAID_FFT_DATA") or DEFAULT_DATA)


def load_fft(path: str | os.PathLike[str] | None = None) -> FFTData:
    """Read the FFT file and select the evaluation rows (see the module docstring)."""
    with data_path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    col = {name: i for i, name in enumerate(header)}
    label_names = header[_FIRST_LABEL_COLUMN:]
    text_i, id_i, senti_i = col["FFT answer"], col["Comment ID"], col["Comment sentiment"]
    question_i = col.get("FFT question")
    texts, labels, ids = [], [], []
    sentiment_texts, sentiment_classes, sentiment_questions = [], [], []
    for row in rows:
        text = row[text_i].strip()
        if not text:
            continue
        if row[senti_i].strip() in {"1", "2", "3", "4", "5"}:
            value = int(row[senti_i])
            sentiment_texts.append(text)
            sentiment_classes.append(
                "positive" if value <= 2 else "neutral" if value == 3 else "negative"
            )
            sentiment_questions.append(
                " ".join(row[question_i].split()) if question_i is not None else "")
        on = [name for name, v in zip(label_names, row[_FIRST_LABEL_COLUMN:], strict=False)
              if v.strip() == "1"]
        if len(on) == 1 and on[0] not in _NOT_LABELS:
            texts.append(text)
            labels.append(on[0])
            ids.append(row[id_i])
    # A fixed, seeded split by comment id: independent of file order and of the labels.
    order = np.random.default_rng(20240601).permutation(len(ids))
    half = np.zeros(len(ids), dtype=bool)
    half[order[: len(ids) // 2]] = True
    return FFTData(texts, labels, half, sentiment_texts, sentiment_classes, sentiment_questions)


def discovery_scores(primary: Sequence[str], labels: Sequence[str],
                     half: np.ndarray) -> dict[str, float]:
    """AMI on all rows, half A and half B (unassigned as its own cluster), plus coverage."""
    primary = np.asarray(primary, dtype=object)
    labels = np.asarray(labels, dtype=object)
    assigned = primary != UNASSIGNED
    out = {
        "ami": adjusted_mutual_info_score(labels, primary),
        "ami_a": adjusted_mutual_info_score(labels[half], primary[half]),
        "ami_b": adjusted_mutual_info_score(labels[~half], primary[~half]),
        "coverage": float(assigned.mean()),
        "ami_assigned_only": adjusted_mutual_info_score(labels[assigned], primary[assigned])
        if assigned.any() else float("nan"),
        "clusters": float(len(set(primary) - {UNASSIGNED})),
    }
    return out


def tfidf_kmeans_baseline(texts: Sequence[str], k: int, lsa: int | None = None,
                          seed: int = 0) -> list[str]:
    """The README's baseline: plain TF-IDF (optionally LSA) and k-means."""
    X = TfidfVectorizer().fit_transform(texts)
    if lsa:
        X = normalize(TruncatedSVD(lsa, random_state=seed).fit_transform(X))
    labels = KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(X)
    return [str(x) for x in labels]


# Ablation: each row changes one thing from the default pipeline (taxonomy "none", k = 42).
ABLATION: tuple[tuple[str, dict[str, Any]], ...] = (
    ("default pipeline", {}),
    ("- contentless set aside (kept as text)", {"contentless": False}),
    ("- clause units (whole comments)", {"units": "comment"}),
    ("- stemming", {"stem": False}),
    ("- general praise/criticism as one theme per polarity", {"general": False}),
    ("+ sentiment coordinate (weight 0.5)", {"sentiment_weight": 0.5}),
    ("+ sentiment coordinate (weight 1.0)", {"sentiment_weight": 1.0}),
    ("LSA 50 dims", {"n_components": 50}),
    ("LSA 200 dims", {"n_components": 200}),
)

# The embeddings backend's own steps, each turned off in turn (k = 42).
EMBEDDINGS_ABLATION: tuple[tuple[str, dict[str, Any]], ...] = (
    ("embeddings: - LSA part beside the sentence vector", {"lsa_weight": 0.0}),
    ("embeddings: - spectral graph clustering", {"graph_dims": 0}),
    ("embeddings: sentence vectors + k-means only", {"lsa_weight": 0.0, "graph_dims": 0}),
    ("embeddings: + IDF pooling of the token vectors", {"pooling": "idf"}),
)


def run(path: str | os.PathLike[str] | None = None, ablation: bool = True,
        embeddings: bool = True, echo: Callable[[str], None] = print,
        seeds: Sequence[int] = (0, 1, 2)) -> dict[str, Any]:
    """Run every measurement and print a report; return the figures.

    Each pipeline runs once per seed in ``seeds`` (k-means and SVD starts differ), and the
    report gives the mean AMI and, in brackets, its spread (max - min): differences smaller
    than the spread are noise. The embeddings backend's ablation runs with the first seed only,
    because embedding is slow on a CPU.
    """
    data = load_fft(path)
    labels, half = data.labels, data.half
    n_labels = len(set(labels))
    echo(f"FFT v6: {len(labels):,} single-label usable rows, {n_labels} labels "
         f"(half A {int(half.sum()):,}, half B {int((~half).sum()):,})")
    echo("AMI counts unassigned rows as one more cluster; AMI* = assigned rows only; "
         "cover = share given a theme.")
    echo(f"Mean over seeds {list(seeds)} (spread max-min in brackets).")
    echo("")
    echo(f"{'pipeline':50s} {'k':>4s} {'AMI':>6s} {'(spread)':>8s} {'A':>6s} {'B':>6s} "
         f"{'AMI*':>6s} {'cover':>6s} {'secs':>5s}")
    results: dict[str, Any] = {}

    def line(name: str, fit: Callable[[int], tuple[list[str], float]],
             run_seeds: Sequence[int] = seeds) -> None:
        scores, ks, secs = [], [], []
        for seed in run_seeds:
            start = time.perf_counter()
            primary, k = fit(seed)
            secs.append(time.perf_counter() - start)
            scores.append(discovery_scores(primary, labels, half))
            ks.append(k)
        mean = {key: float(np.mean([s[key] for s in scores])) for key in scores[0]}
        spread = max(s["ami"] for s in scores) - min(s["ami"] for s in scores)
        results[name] = {**mean, "ami_spread": spread, "k": float(np.mean(ks)),
                         "seconds": float(np.mean(secs))}
        echo(f"{name:50s} {np.mean(ks):4.0f} {mean['ami']:6.3f} {f'({spread:.3f})':>8s} "
             f"{mean['ami_a']:6.3f} {mean['ami_b']:6.3f} {mean['ami_assigned_only']:6.3f} "
             f"{mean['coverage']:6.1%} {np.mean(secs):5.1f}")

    def ours(**params: Any) -> Callable[[int], tuple[list[str], float]]:
        def fit(seed: int) -> tuple[list[str], float]:
            model = ThemeModel(**{"random_state": seed, **params}).fit(data.texts)
            return [a.primary for a in model.assignments_], model.k_
        return fit

    for name, lsa in (("baseline TF-IDF + KMeans", None),
                      ("baseline TF-IDF + LSA(100) + KMeans", 100)):
        line(name, lambda seed, lsa=lsa: (
            tfidf_kmeans_baseline(data.texts, n_labels, lsa=lsa, seed=seed), n_labels))

    for taxonomy in ("none", "iapt"):
        for k in ("auto", n_labels):
            line(f"default, taxonomy={taxonomy}, k={k}", ours(taxonomy=taxonomy, k=k))

    if ablation:
        echo("")
        echo(f"Ablation (taxonomy=none, k={n_labels}; each row changes one thing):")
        for name, params in ABLATION:
            line(name, ours(taxonomy="none", k=n_labels, **params))

    if embeddings:
        echo("")
        try:
            for k in ("auto", n_labels):
                line(f"embeddings, taxonomy=none, k={k}",
                     ours(taxonomy="none", k=k, backend="embeddings"))
            if ablation:
                echo("")
                echo(f"Embeddings ablation (taxonomy=none, k={n_labels}; first seed only):")
                for name, params in EMBEDDINGS_ABLATION:
                    line(name, ours(taxonomy="none", k=n_labels, backend="embeddings", **params),
                         run_seeds=seeds[:1])
        except ImportError as exc:
            echo(f"embeddings backend: not measured ({str(exc).splitlines()[0]})")

    echo("")
    results["sentiment"] = sentiment_agreement(data, echo)
    if TAXONOMY_EVAL.exists():
        echo("")
        results["taxonomy"] = taxonomy_agreement(TAXONOMY_EVAL, echo)
    return results


def sentiment_agreement(data: FFTData, echo: Callable[[str], None] = print) -> dict[str, float]:
    """Accuracy and macro-F1 of the sentiment module against the labellers' 3 classes, each
    comment read with the question it answers."""
    from analysis.sentiment import sentiment_label, sentiment_scores

    predicted = [sentiment_label(float(s))
                 for s in sentiment_scores(data.sentiment_texts, data.sentiment_questions)]
    truth = data.sentiment_classes
    out = {
        "n": float(len(truth)),
        "accuracy": accuracy_score(truth, predicted),
        "macro_f1": f1_score(truth, predicted, average="macro"),
    }
    echo(f"Sentiment vs labellers (n={len(truth):,}, 3 classes): accuracy {out['accuracy']:.3f}, "
         f"macro-F1 {out['macro_f1']:.3f}")
    return out


def taxonomy_agreement(path: Path, echo: Callable[[str], None] = print,
                       halves: bool = True) -> dict[str, Any]:
    """Per-theme precision and recall of the taxonomy on a ``text,themes`` file.

    The model is fitted on the file's texts with ``taxonomy="iapt"`` (fitting learns only the
    vector space and emergent clusters, never the file's labels). With ``halves``, figures are
    given for the even rows (the taxonomy's seeds and matching constants were tuned on those of
    ``taxonomy_eval.csv``), the odd rows (held out) and all rows; without, for all rows (for
    ``taxonomy_holdout.csv``, written after the tuning and never tuned on).
    """
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = [r["text"] for r in rows]
    truth = [{k for k in r["themes"].split(";") if k} for r in rows]
    model = ThemeModel(taxonomy="iapt", random_state=0).fit(texts)
    keys = [k for k, info in model.themes_.items() if info.origin == "taxonomy"]
    predicted = [set(a.themes) for a in model.assignments_]
    y_true = np.array([[k in t for k in keys] for t in truth])
    y_pred = np.array([[k in p for k in keys] for p in predicted])
    parts = ({"even": slice(0, None, 2), "odd": slice(1, None, 2)} if halves else {})
    parts["all"] = slice(None)
    scores = {part: precision_recall_fscore_support(y_true[rows_], y_pred[rows_],
                                                    zero_division=0)
              for part, rows_ in parts.items()}
    note = "even rows tuned the seeds and matching, odd rows held out" if halves else "held out"
    echo(f"Taxonomy on {path.name} (n={len(rows)}; {note}):")
    head = "".join(f" {part + ' P':>6s} {'R':>4s} " for part in parts)
    echo(f"  {'theme':28s}{head}{'F1':>4s} support")
    out: dict[str, Any] = {}
    for i, key in enumerate(keys):
        p, r, f, support = scores["all"]
        cells = "".join(f" {scores[part][0][i]:6.2f} {scores[part][1][i]:4.2f} "
                        for part in parts)
        echo(f"  {key:28s}{cells}{f[i]:4.2f} {int(support[i])}")
        out[key] = {"precision": p[i], "recall": r[i], "f1": f[i]}
        for part in set(parts) - {"all"}:
            out[key][f"precision_{part}"] = scores[part][0][i]
            out[key][f"recall_{part}"] = scores[part][1][i]
    for part, rows_ in parts.items():
        micro = f1_score(y_true[rows_], y_pred[rows_], average="micro", zero_division=0)
        macro = f1_score(y_true[rows_], y_pred[rows_], average="macro", zero_division=0)
        precision = precision_recall_fscore_support(y_true[rows_], y_pred[rows_],
                                                    average="micro", zero_division=0)
        none = ~y_true[rows_].any(axis=1)
        stray = float(y_pred[rows_][none].any(axis=1).mean()) if none.any() else 0.0
        echo(f"  {part:4s} micro-F1 {micro:.3f} (P {precision[0]:.3f}, R {precision[1]:.3f}), "
             f"macro-F1 {macro:.3f}; rows of no theme given one: {stray:.0%}")
        suffix = "" if part == "all" else f"_{part}"
        out[f"micro_f1{suffix}"], out[f"macro_f1{suffix}"] = micro, macro
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``python -m analysis evaluate``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m analysis evaluate")
    parser.add_argument("--data", help="FFT v6 CSV (default: $YOUSAID_FFT_DATA or ../shared)")
    parser.add_argument("--no-ablation", action="store_true")
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--seeds", type=int, default=3, help="runs per pipeline (default 3)")
    args = parser.parse_args(argv)
    path = data_path(args.data)
    if not path.is_file():
        print(f"error: data file not found: {path}", file=sys.stderr)
        return 2
    run(path, ablation=not args.no_ablation, embeddings=not args.no_embeddings,
        seeds=tuple(range(max(1, args.seeds))))
    return 0
