"""Evaluate ``analysis.sentiment`` against human sentiment labels on real FFT comments.

Reads the shared NHS Friends and Family Test file (never copied into the repository), keeps rows
with a comment and a labeller's ``Comment sentiment`` (1 very positive ... 5 very negative),
collapses it to three classes (1-2 positive, 3 neutral/mixed, 4-5 negative) and splits the rows
into two fixed halves by a salted hash of ``Comment ID``:

- ``tune``: the half the domain lexicon, rules and thresholds were adjusted on;
- ``test``: the half held out, reported for an honest estimate.

It reports accuracy and macro-F1 for plain VADER (default thresholds +-0.05), for the module's
lexicon and rules alone (``lexicon_score``) and for ``analysis.sentiment`` (the learnt model over
them, trained only on the project's own written examples) on each half. ``--tune`` also prints
the threshold grid search (on the tune half only) that chose the thresholds in
``analysis.sentiment``. ``--in-domain`` measures what real labels would give, for comparison
only (nothing from it is shipped: the file's rows are not the project's to train on): the same
kind of model trained on the tune half's real labels, scored on the test half, and the
shipped model at thresholds chosen on the tune half for accuracy instead of macro-F1.

Run::

    .venv/bin/python benchmarks/eval_sentiment.py [--data PATH] [--tune] [--errors N]
        [--in-domain]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import sentiment  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "nhs-fft-v6" / "fft_v6_labelled.csv"
SPLIT_SALT = "yousaid-sentiment-split-v1"
LABELS = ("positive", "neutral", "negative")


def load_rows(path: Path) -> list[tuple[str, str, str, str]]:
    """Return ``(comment_id, text, gold_label, question)`` for rows with text and a sentiment
    label: the question the comment answers, as the file words it ("What could we do
    better?", "FFT Why?")."""
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            text = (row["FFT answer"] or "").strip()
            label = (row["Comment sentiment"] or "").strip()
            if not text or not label:
                continue
            value = int(float(label))
            gold = "positive" if value <= 2 else "neutral" if value == 3 else "negative"
            question = " ".join((row.get("FFT question") or "").split())
            rows.append((row["Comment ID"], text, gold, question))
    return rows


def split_of(comment_id: str) -> str:
    digest = hashlib.sha256(f"{SPLIT_SALT}:{comment_id}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "test"


def vader_compound(texts: list[str]) -> np.ndarray:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return np.array([analyzer.polarity_scores(t)["compound"] for t in texts])


def to_labels(scores: np.ndarray, low: float, high: float) -> np.ndarray:
    return np.where(scores >= high, "positive", np.where(scores <= low, "negative", "neutral"))


def report(name: str, gold: np.ndarray, pred: np.ndarray) -> str:
    acc = accuracy_score(gold, pred)
    macro = f1_score(gold, pred, labels=list(LABELS), average="macro", zero_division=0)
    per_class = f1_score(gold, pred, labels=list(LABELS), average=None, zero_division=0)
    per = " ".join(f"{lab[:3]}={f:.3f}" for lab, f in zip(LABELS, per_class, strict=True))
    return f"{name:<36} accuracy={acc:.3f} macro-F1={macro:.3f} (F1 {per})"


def tune_thresholds(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    """Grid-search (low, high) on the tune half to maximise macro-F1; return the best."""
    best = (-1.0, 0.0, 0.0)
    grid = np.round(np.arange(-0.6, 0.61, 0.05), 2)
    for low in grid:
        for high in grid[grid > low]:
            pred = to_labels(scores, low, high)
            macro = f1_score(gold, pred, labels=list(LABELS), average="macro", zero_division=0)
            if macro > best[0] + 1e-9:
                best = (macro, float(low), float(high))
    return best


def in_domain(texts: list[str], gold: np.ndarray, questions: list[str], halves: np.ndarray,
              ours: np.ndarray) -> None:
    """What real, in-domain labels would give (see the module docstring): never shipped."""
    tune, test = halves == "tune", halves == "test"
    kinds = [sentiment.question_kind(q) for q in questions]
    real = ([texts[i] for i in np.flatnonzero(tune)], list(gold[tune]),
            [kinds[i] for i in np.flatnonzero(tune)])
    written = sentiment.training_set()
    test_texts = [texts[i] for i in np.flatnonzero(test)]
    test_kinds = [kinds[i] for i in np.flatnonzero(test)]
    print("\nin-domain comparison (not shipped): the shipped model's kind, trained on real labels")
    for name, examples in (
        ("tune half's real labels", real),
        ("written examples + tune half",
         tuple([*w, *r] for w, r in zip(written, real, strict=True))),
    ):
        trained = sentiment._Model(examples)
        proba = trained.probabilities(test_texts, test_kinds)
        predicted = trained.regression.classes_[proba.argmax(axis=1)]
        print(report(f"  {name}, most likely class", gold[test], predicted))
    grid = np.round(np.arange(-0.9, 0.91, 0.05), 2)
    _, low, high = max(
        (accuracy_score(gold[tune], to_labels(ours[tune], lo, hi)), float(lo), float(hi))
        for lo in grid for hi in grid if hi > lo
    )
    print(report(f"  shipped model, thresholds {low:+.2f} / {high:+.2f} for accuracy",
                 gold[test], to_labels(ours[test], low, high)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--tune", action="store_true", help="print the threshold grid search")
    parser.add_argument("--errors", type=int, default=0, help="print N tune-half errors")
    parser.add_argument("--in-domain", action="store_true",
                        help="compare with a model trained on the tune half's real labels")
    args = parser.parse_args(argv)

    rows = load_rows(args.data)
    ids = np.array([r[0] for r in rows])
    texts = [r[1] for r in rows]
    gold = np.array([r[2] for r in rows])
    questions = [r[3] for r in rows]
    kinds = [sentiment.question_kind(q) or "none" for q in questions]
    print("question kinds:", {k: kinds.count(k) for k in sorted(set(kinds))})
    halves = np.array([split_of(i) for i in ids])
    counts = {lab: int((gold == lab).sum()) for lab in LABELS}
    print(f"rows with text and a sentiment label: {len(rows)}  classes: {counts}")
    print(f"tune half: {(halves == 'tune').sum()}  test half: {(halves == 'test').sum()}")
    majority = max(counts, key=counts.get)

    plain = vader_compound(texts)
    lexicon = sentiment.lexicon_scores(texts)
    lexicon_labels = to_labels(lexicon, sentiment.LEXICON_NEGATIVE, sentiment.LEXICON_POSITIVE)
    sentiment.model()  # trained on first use: not part of the scoring time
    start = time.perf_counter()
    ours = sentiment.sentiment_scores(texts, questions)
    elapsed = time.perf_counter() - start
    ours_labels = np.array([sentiment.sentiment_label(s) for s in ours])
    print(f"analysis.sentiment scored {len(texts)} comments in {elapsed:.2f}s")
    text_only = sentiment.sentiment_scores(texts)
    text_only_labels = np.array([sentiment.sentiment_label(s) for s in text_only])

    for half in ("tune", "test"):
        mask = halves == half
        print(f"\n[{half} half, n={mask.sum()}]")
        print(report("majority class", gold[mask], np.full(mask.sum(), majority)))
        print(report("plain VADER (+-0.05)", gold[mask], to_labels(plain[mask], -0.05, 0.05)))
        print(report("lexicon and rules alone", gold[mask], lexicon_labels[mask]))
        print(report("analysis.sentiment, text only", gold[mask], text_only_labels[mask]))
        print(report("analysis.sentiment, with question", gold[mask], ours_labels[mask]))

    test = halves == "test"
    print("\nconfusion matrix, analysis.sentiment with question, test half (rows gold, cols "
          "predicted):")
    print("           " + " ".join(f"{lab:>9}" for lab in LABELS))
    matrix = confusion_matrix(gold[test], ours_labels[test], labels=list(LABELS))
    for lab, line in zip(LABELS, matrix, strict=True):
        print(f"{lab:>10} " + " ".join(f"{v:>9}" for v in line))

    if args.tune:
        tune = halves == "tune"
        for name, scores in (("plain VADER", plain), ("lexicon and rules alone", lexicon),
                             ("analysis.sentiment, text only", text_only),
                             ("analysis.sentiment, with question", ours)):
            macro, low, high = tune_thresholds(scores[tune], gold[tune])
            held = to_labels(scores[test], low, high)
            print(
                f"\nthreshold search on tune half, {name}: low={low:+.2f} high={high:+.2f} "
                f"tune macro-F1={macro:.3f}"
            )
            print(report("  those thresholds on the test half", gold[test], held))

    if args.in_domain:
        in_domain(texts, gold, questions, halves, ours)

    if args.errors:
        tune = np.flatnonzero((halves == "tune") & (gold != ours_labels))
        rng = np.random.default_rng(0)
        for i in rng.choice(tune, size=min(args.errors, tune.size), replace=False):
            print(f"\n gold={gold[i]} pred={ours_labels[i]} score={ours[i]:+.2f}")
            print(f" {texts[i][:300]!r}")


if __name__ == "__main__":
    main()
