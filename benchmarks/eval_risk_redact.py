"""Evaluate risk flagging and identifier redaction on the hand-written evaluation sets.

Run from the repository root::

    .venv/bin/python benchmarks/eval_risk_redact.py [--learnt] [--calibrate]
    .venv/bin/python benchmarks/eval_risk_redact.py --sealed tests/data/risk_holdout21.csv

``--sealed FILE`` scores one slice and prints aggregates only (flag, urgent and review
precision and recall, level accuracy, and the misses counted by kind), never a row: the way a
sealed slice is scored the first time, before anyone reads it.

Risk is scored twice: the hand-written rules alone (``assess_rules``) and what the app runs,
the rules plus the learnt reader (``assess_risk``, see ``analysis/risk_learnt.py``). The learnt
reader is trained on every slice in ``analysis/data/risk_training.csv``, so on those slices
its figures are training figures; the slices in ``tests/data/`` are never trained on, and of
them ``UNTUNED`` were not read to write rules either: the honest estimate for both. With
the shared NHS FFT data present, the share of those real comments each flags is reported too
(almost none of them are about risk). ``--calibrate`` prints the scores at which the learnt
reader would add flags to a given share of the real comments, for each of its two thresholds
(``analysis.risk_learnt.THRESHOLD`` and ``STRICT_THRESHOLD``).

``--learnt`` adds an experiment: logistic regressions on TF-IDF n-grams and (with the optional
``embeddings`` extra) on sentence embeddings, trained on the tuned risk slices and scored on the
untouched one, to see whether a learnt flagger generalises better than the rules.

The sets are ``analysis/data/risk_training.csv`` plus ``tests/data/risk_eval.csv``
(``text,level,split``) and
``tests/data/redact_eval.csv`` (``text,expected,split``). ``split`` says when a row was written:
``dev`` before the code, then ``holdout1`` ... ``holdout8``, each written after the previous
round of changes and scored before the next, then used to improve the rules
(``RULE_SLICES``). ``holdout9`` and ``holdout10`` were held out for a while and now, with
``train11`` (written by someone who had read nothing of the detector) and ``answers11`` (short
"nothing to improve" answers), only train the learnt reader; ``train12a`` and ``train12b``
(two more such writers) train the reader and were read to write the rules' third round, and
``train13a`` and ``train13b`` (two more) the fourth, ``train14a`` and ``train14b`` (two more)
the fifth; ``train13c`` and ``train14c`` hold ordinary and warm comments in the style the
reader mistook for risk (``train14c`` with some risk said in the same tone); ``train15`` (one
more writer: disclosures with no risk word) only trains the reader, and ``train16c`` (one more)
holds ordinary personal feedback in the style the reader mistook for risk. ``holdout11`` to
``holdout17`` (``UNTUNED``, the last six in ``tests/data/risk_holdout12.csv`` to
``risk_holdout17.csv``), written by seven more such writers, are never trained on: the
honest estimate. ``holdout18`` to ``holdout20`` are never trained on either, but their misses
were read to write rules (rounds 7 and 8); ``holdout21`` was scored once and not read.
``situations17`` (one more writer, 597 rows: disclosures told through preparations, being found
and endurance running out, with no word of risk, and their look-alikes) was written as training
rows but is kept as an evaluation slice, unread (BENCHMARKS.md, round 7). Metrics are printed
per split, for all the other slices together, and overall.

Redaction is scored by aligning the output with the expected text word by word
(``difflib``), with each placeholder as one token. An expected placeholder counts as found only
if the same placeholder sits in an aligned stretch of the output, so a placeholder in the
wrong place, of the wrong kind or missing is a miss, and an extra one is a false positive.

Speed is reported as a ratio against a baseline measured in the same run over the same texts
(``str.lower()`` plus one precompiled regular-expression search), so the figure does not depend
on the machine.
"""

from __future__ import annotations

import csv
import difflib
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.redact import KINDS, redact  # noqa: E402
from analysis.risk import LEVELS, assess_risk, assess_rules  # noqa: E402
from analysis.risk_learnt import TRAINING_CSV  # noqa: E402

DATA = ROOT / "tests" / "data"
RISK_CSV = DATA / "risk_eval.csv"
#: Evaluation slices by six more independent writers, never trained on and never read
#: before they were scored (``holdout17``'s false flags were read after its one scoring).
#: ``holdout18`` to ``holdout20`` were each scored once, then their misses were read and
#: written into rules (rounds 7 and 8), so they are not among the untuned slices.
#: ``holdout21`` was scored once, on round 8's final code, and has not been read.
#: ``holdout22``, in ``risk_holdout22.csv``, is sealed for the next round.
HOLDOUT12_CSV = DATA / "risk_holdout12.csv"
HOLDOUT13_CSV = DATA / "risk_holdout13.csv"
HOLDOUT14_CSV = DATA / "risk_holdout14.csv"
HOLDOUT15_CSV = DATA / "risk_holdout15.csv"
HOLDOUT16_CSV = DATA / "risk_holdout16.csv"
HOLDOUT17_CSV = DATA / "risk_holdout17.csv"
HOLDOUT18_CSV = DATA / "risk_holdout18.csv"
HOLDOUT19_CSV = DATA / "risk_holdout19.csv"
HOLDOUT20_CSV = DATA / "risk_holdout20.csv"
HOLDOUT21_CSV = DATA / "risk_holdout21.csv"
SITUATIONS17_CSV = DATA / "risk_situations17.csv"
#: Warm, personal feedback in the words the learnt reader mistook for risk ("I feel like myself
#: again"), with some risk said in the same tone, by an independent writer: not trained on, it
#: measures how often the reader is fooled by style. Its rows were read (not sealed).
STYLE_CSV = DATA / "risk_style.csv"
#: Every risk row: the slices the rules (and the learnt reader) were built from, then the
#: evaluation slices.
RISK_CSVS = (TRAINING_CSV, RISK_CSV, HOLDOUT12_CSV, HOLDOUT13_CSV, HOLDOUT14_CSV, HOLDOUT15_CSV,
             HOLDOUT16_CSV, HOLDOUT17_CSV, HOLDOUT18_CSV, HOLDOUT19_CSV, HOLDOUT20_CSV,
             HOLDOUT21_CSV, SITUATIONS17_CSV, STYLE_CSV)
REDACT_CSV = DATA / "redact_eval.csv"
SPLITS = ("dev", "holdout1", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6",
          "holdout7", "holdout8", "holdout9", "holdout10", "train11", "answers11", "train12a",
          "train12b", "train13a", "train13b", "train13c", "train14a", "train14b", "train14c",
          "train15", "train16c",
          "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16",
          "holdout17", "holdout18", "holdout19", "holdout20", "holdout21", "situations17",
          "style12")
#: Slices written after the last change to the rules and never tuned on: the honest estimate
#: of how the rules do on phrasings they were not written for. Every other slice was scored
#: once when it was written and the rules were then changed to handle what it missed.
UNTUNED = ("holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16",
           "holdout17")
#: The slices in ``tests/data/`` with their own names: never trained on.
NEVER_TRAINED = (*UNTUNED, "holdout18", "holdout19", "holdout20", "holdout21", "situations17",
                 "style12")
#: The slices the rules were developed against (the rest of the training rows, written later,
#: only train the learnt reader).
RULE_SLICES = SPLITS[: SPLITS.index("holdout8") + 1]
#: The redaction set's own untouched slice.
REDACT_UNTUNED = ("holdout6",)

_TOKEN = re.compile(r"\[(?:" + "|".join(re.escape(k) for k in KINDS) + r")\]|\w+|[^\w\s]")
_BASELINE = re.compile(r"\b(?:wait|help|session)\w*")


def load(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- Risk ----------------------------------------------------------------------------------


@dataclass
class RiskScore:
    n: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, truth: str, predicted: str) -> None:
        self.n += 1
        self.confusion[truth, predicted] += 1

    def flag(self) -> tuple[float, float]:
        """Precision and recall of "flagged at any level" against "should be flagged"."""
        tp = sum(c for (t, p), c in self.confusion.items() if t != "none" and p != "none")
        fp = sum(c for (t, p), c in self.confusion.items() if t == "none" and p != "none")
        fn = sum(c for (t, p), c in self.confusion.items() if t != "none" and p == "none")
        return _ratio(tp, tp + fp), _ratio(tp, tp + fn)

    def level(self, level: str) -> tuple[float, float]:
        tp = self.confusion[level, level]
        predicted = sum(c for (_, p), c in self.confusion.items() if p == level)
        actual = sum(c for (t, _), c in self.confusion.items() if t == level)
        return _ratio(tp, predicted), _ratio(tp, actual)

    def accuracy(self) -> float:
        return _ratio(sum(self.confusion[lv, lv] for lv in LEVELS), self.n)


def score_risk(rows: Iterable[dict[str, str]], learnt: bool = True) -> RiskScore:
    """Score ``assess_risk`` (rules and learnt reader), or the rules alone with ``learnt=False``."""
    assess = assess_risk if learnt else assess_rules
    score = RiskScore()
    for row in rows:
        score.add(row["level"], assess(row["text"]).level)
    return score


def load_risk_rows() -> list[dict[str, str]]:
    return [row for path in RISK_CSVS for row in load(path)]


def real_fft_comments() -> list[str]:
    """The shared NHS FFT comments (not labelled for risk), or [] when the file is absent."""
    from analysis.evaluate import data_path

    try:
        with open(data_path(), newline="", encoding="utf-8") as handle:
            return [t for row in csv.DictReader(handle)
                    if (t := (row.get("FFT answer") or "").strip())]
    except OSError:
        return []


# --- Redaction -----------------------------------------------------------------------------


@dataclass
class RedactScore:
    n: int = 0
    exact: int = 0
    negatives: int = 0
    negatives_damaged: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, text: str, expected: str, output: str) -> None:
        self.n += 1
        self.exact += output == expected
        if expected == text:
            self.negatives += 1
            self.negatives_damaged += output != text
        want = _TOKEN.findall(expected)
        got = _TOKEN.findall(output)
        matched_want: set[int] = set()
        matched_got: set[int] = set()
        blocks = difflib.SequenceMatcher(None, want, got, autojunk=False).get_matching_blocks()
        for a, b, size in blocks:
            matched_want.update(range(a, a + size))
            matched_got.update(range(b, b + size))
        for i, token in enumerate(want):
            if _is_placeholder(token):
                kind = token[1:-1]
                (self.tp if i in matched_want else self.fn)[kind] += 1
        for j, token in enumerate(got):
            if _is_placeholder(token) and j not in matched_got:
                self.fp[token[1:-1]] += 1

    def kind(self, kind: str) -> tuple[float, float, int]:
        tp, fp, fn = self.tp[kind], self.fp[kind], self.fn[kind]
        return _ratio(tp, tp + fp), _ratio(tp, tp + fn), tp + fn


def _is_placeholder(token: str) -> bool:
    return token.startswith("[") and token[1:-1] in KINDS


def score_redact(rows: Iterable[dict[str, str]]) -> RedactScore:
    score = RedactScore()
    for row in rows:
        score.add(row["text"], row["expected"], redact(row["text"]).text)
    return score


# --- Speed ---------------------------------------------------------------------------------


def _baseline(text: str) -> object:
    return _BASELINE.search(text.lower())


def speed(texts: list[str], repeats: int = 7) -> dict[str, float]:
    """Seconds per text for the baseline, assess_rules, assess_risk and redact.

    The three are timed in turn within each round and the best round of each is kept, so a
    busy machine slows them alike and the ratios stay meaningful.
    """
    funcs: dict[str, Callable[[str], object]] = {
        "baseline": _baseline,
        "assess_rules": assess_rules,
        "assess_risk": assess_risk,
        "redact": redact,
    }
    for text in texts[:50]:  # warm caches (phonenumbers loads its metadata lazily)
        assess_risk(text)
        redact(text)
    best = dict.fromkeys(funcs, float("inf"))
    for _ in range(repeats):
        for name, func in funcs.items():
            start = time.perf_counter()
            for text in texts:
                func(text)
            best[name] = min(best[name], (time.perf_counter() - start) / len(texts))
    return best


def _typical_comments(rows: list[dict[str, str]]) -> list[str]:
    """About 40-word comments: consecutive non-risk eval texts joined in fours."""
    texts = [r["text"] for r in rows if r.get("level", "none") == "none"]
    return [" ".join(texts[i: i + 4]) for i in range(0, len(texts) - 3, 4)]


# --- Report --------------------------------------------------------------------------------


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def _by_split(
    rows: list[dict[str, str]], untuned: tuple[str, ...] = UNTUNED
) -> list[tuple[str, list[dict[str, str]]]]:
    groups = [(s, [r for r in rows if r.get("split") == s]) for s in SPLITS]
    tuned = [r for r in rows if r.get("split") not in untuned]
    return [(s, g) for s, g in groups if g] + [("tuned (all but " + ", ".join(untuned) + ")",
                                                tuned), ("all", rows)]


def report_risk(rows: list[dict[str, str]]) -> None:
    print("## Risk flagging (analysis/data/risk_training.csv + tests/data/risk_eval.csv"
          " + tests/data/risk_holdout12.csv to risk_holdout21.csv, risk_situations17.csv and"
          " risk_style.csv)")
    print("(rules = assess_rules; app = assess_risk, the rules plus the learnt reader, which "
          "was trained on every slice but " + ", ".join(NEVER_TRAINED) + "; untuned: "
          + ", ".join(UNTUNED) + ")")
    for name, group in _by_split(rows):
        score = score_risk(group)
        rules = score_risk(group, learnt=False)
        risky = sum(r["level"] != "none" for r in group)
        p, r = score.flag()
        rp, rr = rules.flag()
        print(f"\n[{name}] {score.n} rows, {risky} should be flagged; "
              f"level accuracy {score.accuracy():.3f}")
        print(f"  flag, rules alone precision {rp:.3f}  recall {rr:.3f}")
        print(f"  flag (any level)  precision {p:.3f}  recall {r:.3f}")
        for level in LEVELS:
            lp, lr = score.level(level)
            print(f"  {level:<7}          precision {lp:.3f}  recall {lr:.3f}")
        print("  confusion (rows = truth, columns = predicted):")
        print("           " + "".join(f"{lv:>8}" for lv in LEVELS))
        for truth in LEVELS:
            cells = "".join(f"{score.confusion[truth, p]:>8}" for p in LEVELS)
            print(f"  {truth:<8} {cells}")


def report_redact(rows: list[dict[str, str]]) -> None:
    print("\n## Redaction (tests/data/redact_eval.csv)")
    for name, group in _by_split(rows, REDACT_UNTUNED):
        score = score_redact(group)
        print(f"\n[{name}] {score.n} rows; exact match {score.exact / score.n:.3f}; "
              f"hard negatives damaged {score.negatives_damaged}/{score.negatives} "
              f"({_ratio(score.negatives_damaged, score.negatives):.3f})")
        for kind in KINDS:
            p, r, support = score.kind(kind)
            print(f"  {kind:<14} precision {p:.3f}  recall {r:.3f}  (n={support})")


def report_speed(risk_rows: list[dict[str, str]], redact_rows: list[dict[str, str]]) -> None:
    print("\n## Speed (ratio to str.lower() + one precompiled regex over the same texts)")
    sets = {
        "eval texts": [r["text"] for r in risk_rows] + [r["text"] for r in redact_rows],
        "~40-word comments": _typical_comments(risk_rows),
    }
    for name, texts in sets.items():
        words = sum(len(t.split()) for t in texts) / len(texts)
        times = speed(texts)
        base = times["baseline"]
        print(f"  {name} ({len(texts)} texts, {words:.0f} words on average): "
              f"assess_rules {times['assess_rules'] / base:.0f}x baseline, "
              f"assess_risk (with the learnt reader) {times['assess_risk'] / base:.0f}x, "
              f"redact {times['redact'] / base:.0f}x baseline "
              f"(baseline {base * 1e6:.2f} us/text on this machine)")


# --- Experiment: would a trained model generalise better than the rules? -----------------


def report_learnt_experiment(rows: list[dict[str, str]]) -> None:
    """Two learnt flaggers trained on the tuned slices only, scored on the untouched one.

    Neither is part of ``assess_risk``; they measure whether learning from the labelled rows
    generalises to new phrasings better than the rules written from them. ``tf-idf`` is a
    logistic regression on character 2-5-grams and word 1-2-grams (scikit-learn only, fast);
    ``embeddings`` one on all-MiniLM-L6-v2 sentence vectors (needs the ``embeddings`` extra,
    milliseconds per comment). Each threshold is chosen without looking at the untouched
    slice: leave-one-slice-out over the tuned slices (train on the others, score the one left
    out), then the highest threshold whose out-of-fold recall is at least 0.98.
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    from analysis.embeddings import EmbeddingsUnavailable, SentenceEmbedder

    print("\n## Experiment: learnt flaggers trained on the tuned slices (not used by the app)")
    texts = np.array([r["text"] for r in rows], dtype=object)
    truth = np.array([r["level"] != "none" for r in rows])
    split = np.array([r.get("split", "") for r in rows])
    tuned = ~np.isin(split, UNTUNED)
    rules = np.array([assess_rules(t).flag for t in texts])

    def tfidf() -> object:
        return make_pipeline(
            make_union(
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                min_df=2),
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            ),
            LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced"),
        )

    def on_vectors() -> object:
        return LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")

    real_comments = real_fft_comments()
    if not real_comments:
        print("  (the real FFT file is not here: no real-data flag rate)")
    real_rule_flags = sum(assess_rules(t).flag for t in real_comments)

    inputs: dict[str, tuple[object, object]] = {"tf-idf": (texts, tfidf)}
    try:
        embedder = SentenceEmbedder()
        vectors = np.asarray(embedder.fit_transform(list(texts)))
        inputs["embeddings"] = (vectors, on_vectors)
    except EmbeddingsUnavailable as exc:
        print(f"  embeddings skipped: {exc}")

    for name, (features, make) in inputs.items():
        out_of_fold = np.zeros(len(rows))
        for held in sorted(set(split[tuned])):
            test = split == held
            fitted = make().fit(features[tuned & ~test], truth[tuned & ~test])
            out_of_fold[test] = fitted.predict_proba(features[test])[:, 1]
        threshold = max(
            t for t in np.arange(0.01, 1.0, 0.01)
            if (out_of_fold[tuned] >= t)[truth[tuned]].mean() >= 0.98
        )
        oof = out_of_fold[tuned] >= threshold
        print(f"  {name}: threshold {threshold:.2f} (leave-one-slice-out over the tuned slices: "
              f"precision {_ratio((oof & truth[tuned]).sum(), oof.sum()):.3f}, recall "
              f"{oof[truth[tuned]].mean():.3f})")
        fitted = make().fit(features[tuned], truth[tuned])
        if real_comments:
            # What it would put in front of a lead on real feedback: the real NHS FFT comments
            # are not labelled for risk, but almost none of them are about risk at all.
            real = (np.array(real_comments, dtype=object) if name == "tf-idf"
                    else np.asarray(embedder.transform(real_comments)))
            share = fitted.predict_proba(real)[:, 1]
            print(f"  {name} on {len(real_comments):,} real NHS FFT comments: flags "
                  f"{(share >= threshold).mean():.1%} at its threshold "
                  f"(rules: {real_rule_flags / len(real_comments):.2%})")
        for held in UNTUNED:
            test = split == held
            learnt = fitted.predict_proba(features[test])[:, 1] >= threshold
            for label, flagged in (("rules", rules[test]), (name, learnt),
                                   (f"rules or {name}", rules[test] | learnt)):
                tp = (flagged & truth[test]).sum()
                print(f"    [{held}] {label:<22} precision {_ratio(tp, flagged.sum()):.3f}  "
                      f"recall {_ratio(tp, truth[test].sum()):.3f}")


def report_real_flag_rates() -> None:
    comments = real_fft_comments()
    if not comments:
        print("\n(the shared NHS FFT file is not here: no real-comment flag rates)")
        return
    rules = sum(assess_rules(t).flag for t in comments)
    app = sum(assess_risk(t).flag for t in comments)
    print(f"\n## On {len(comments):,} real NHS FFT comments (not labelled for risk)")
    print(f"  rules alone flag {rules} ({rules / len(comments):.2%}); rules + learnt reader "
          f"flag {app} ({app / len(comments):.2%})")


def report_calibration() -> None:
    import numpy as np

    from analysis.risk import _learnt_reads, _rules_in_context
    from analysis.risk_learnt import (
        FLAG_SHARE,
        STRICT_SHARE,
        STRICT_THRESHOLD,
        THRESHOLD,
        URGENT_SHARE,
        URGENT_THRESHOLD,
        read_comment,
        urgency_scores,
    )

    everything = real_fft_comments()
    if not everything:
        print("\n(calibration needs the shared NHS FFT file)")
        return
    # The comments the learnt reader reads (the rules did not flag them and they say
    # something), each read whole and sentence by sentence: its best score among pieces held
    # to the ordinary threshold and among those held to the strict one (see
    # analysis.risk_learnt.read_comment).
    ordinary, strict, urgency = [], [], []
    for text in everything:
        found, phrase_seen, plain = _rules_in_context(text)
        if plain:
            # A plain review from the rules, which the urgency model may raise too.
            urgency.append(float(urgency_scores([text])[0]))
        if _learnt_reads(text, found):
            best, best_strict, _ = read_comment(text, phrase_seen)
            ordinary.append(best)
            strict.append(best_strict)
            if not phrase_seen and (best >= THRESHOLD or best_strict >= STRICT_THRESHOLD):
                # A learnt flag the urgency model may call urgent (analysis.risk.assess_risk).
                urgency.append(float(urgency_scores([text])[0]))
    n = len(everything)
    print(f"\n## Calibration: the learnt reader reads {len(ordinary):,} of {n:,} real comments")
    added = 0
    for name, current, target, scores in (
            ("THRESHOLD", THRESHOLD, FLAG_SHARE, np.sort(ordinary)[::-1]),
            ("STRICT_THRESHOLD", STRICT_THRESHOLD, STRICT_SHARE, np.sort(strict)[::-1])):
        for share in sorted({target / 2, target, target * 1.5}):
            rule = f"  ({name} should be this)" if share == target else ""
            print(f"  {name}: score adding flags to {share:.2%} of all real comments: "
                  f"{scores[int(share * n) - 1]:.3f}{rule}")
        count = int((scores >= current).sum())
        print(f"  {name} now {current}: its pieces reach it in {count} comments "
              f"({count / n:.2%})")
    added = sum(a >= THRESHOLD or b >= STRICT_THRESHOLD
                for a, b in zip(ordinary, strict, strict=True))
    print(f"  together the reader adds flags to {added} ({added / n:.2%})")
    scores = np.sort(urgency)[::-1]
    for share in (URGENT_SHARE / 2, URGENT_SHARE, URGENT_SHARE * 2):
        rule = "  (URGENT_THRESHOLD should be this)" if share == URGENT_SHARE else ""
        print(f"  URGENT_THRESHOLD: score making flags urgent in {share:.2%} of all real "
              f"comments: {scores[max(int(share * n), 1) - 1]:.3f}{rule}")
    count = int((scores >= URGENT_THRESHOLD).sum())
    print(f"  URGENT_THRESHOLD now {URGENT_THRESHOLD}: {count} of {len(scores)} learnt flags and "
          f"plain reviews from the rules reach it ({count / n:.2%})")


def report_sealed(path: Path) -> None:
    """Aggregates only for one slice: nothing printed may quote or point at a row."""
    from analysis import risk, risk_learnt

    rows = load(path)
    print(f"## {path.name}: {len(rows)} rows, "
          + ", ".join(f"{n} {lv}" for lv, n in sorted(Counter(r['level'] for r in rows).items())))
    for name, learnt in (("rules alone", False), ("rules + learnt reader", True)):
        score = score_risk(rows, learnt=learnt)
        pairs = [score.flag(), score.level("urgent"), score.level("review")]
        flag, urgent, review = (f"{p:.3f} / {r:.3f}" for p, r in pairs)
        print(f"  {name:22s} flag P/R {flag}; urgent P/R {urgent}; review P/R {review}; "
              f"level accuracy {score.accuracy():.3f}")
    kinds: Counter[str] = Counter()
    for row in rows:
        if row["level"] != "none" and not assess_risk(row["text"]).flag:
            if risk._rules(row["text"])[1]:
                kinds["rules saw a phrase and judged it harmless"] += 1
            elif not risk_learnt.may_speak(row["text"]):
                kinds["no word of risk, below the strict threshold"] += 1
            else:
                kinds["a word of risk, below the ordinary threshold"] += 1
    print("  misses by kind: " + (", ".join(f"{n} {k}" for k, n in kinds.items()) or "none"))


def main() -> None:
    if "--sealed" in sys.argv[1:]:
        report_sealed(Path(sys.argv[sys.argv.index("--sealed") + 1]))
        return
    risk_rows = load_risk_rows()
    redact_rows = load(REDACT_CSV)
    report_risk(risk_rows)
    report_real_flag_rates()
    if "--calibrate" in sys.argv[1:]:
        report_calibration()
    report_redact(redact_rows)
    report_speed(risk_rows, redact_rows)
    if "--learnt" in sys.argv[1:]:
        report_learnt_experiment(risk_rows)


if __name__ == "__main__":
    main()
