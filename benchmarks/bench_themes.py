"""Speed and memory of the theme engine on 100,000 comments, as ratios to plain TF-IDF.

Usage::

    python benchmarks/bench_themes.py [--n 100000] [--data PATH] [--repeats 2]

The comments are made at run time from the FFT v6 file (see ``analysis.evaluate``): each is one
to three sentences drawn from random real comments with a fixed seed, so the corpus has the
repetition and the vocabulary of real feedback without copying it into the project.

Every measurement runs in a fresh subprocess so that peak memory (``ru_maxrss``) belongs to
that measurement alone. The machine is shared, so the script reports ratios measured in the
same run (the best of ``--repeats`` runs of each), never lone absolute times:

* ``themes`` = ``ThemeModel(taxonomy="iapt", k="auto").fit(texts)``, what
  ``python -m analysis themes`` runs, against ``TfidfVectorizer().fit_transform(texts)``;
* assigning one new comment with ``model.assign([text])`` against one
  ``TfidfVectorizer.transform([text])`` call of a fitted plain vectoriser.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def make_corpus(n: int, data: str | None = None, seed: int = 0) -> list[str]:
    """``n`` comments recombined from the sentences of real FFT comments (fixed seed)."""
    from analysis.evaluate import data_path

    with data_path(data).open(encoding="utf-8", newline="") as handle:
        texts = [row["FFT answer"].strip() for row in csv.DictReader(handle)]
    sentences = [s for t in texts if t for s in _SENTENCE.split(t) if s.strip()]
    rng = random.Random(seed)
    return [" ".join(rng.choices(sentences, k=rng.choice((1, 1, 2, 3)))) for _ in range(n)]


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(kind: str, n: int, data: str | None, sentiment: bool = True) -> dict[str, object]:
    """One measurement, run inside a subprocess; returns figures as a dict."""
    texts = make_corpus(n, data)
    before = _peak_mb()
    if kind == "tfidf":
        from sklearn.feature_extraction.text import TfidfVectorizer

        start, cpu = time.perf_counter(), time.process_time()
        TfidfVectorizer().fit_transform(texts)
        return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                "peak_mb": _peak_mb(), "corpus_mb": before}

    from analysis.themes import ThemeModel

    stages: list[tuple[str, float]] = []
    start, cpu = time.perf_counter(), time.process_time()
    model = ThemeModel(taxonomy="iapt", k="auto", random_state=0, sentiment=sentiment)
    model.fit(texts, progress=lambda f, m: stages.append((m, time.process_time() - cpu)))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    out: dict[str, object] = {
        "seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb(), "corpus_mb": before,
        "k": model.k_,
        "stages": [(m, round(b - a, 3)) for (m, a), (_, b) in itertools.pairwise(stages)],
    }
    # One new comment at a time, as the web app assigns a fresh response.
    from sklearn.feature_extraction.text import TfidfVectorizer

    plain = TfidfVectorizer().fit(texts[:20000])
    probe = make_corpus(200, data, seed=99)
    model.assign(probe[:5])
    ours, base = [], []
    for text in probe:
        t0 = time.perf_counter()
        model.assign([text])
        t1 = time.perf_counter()
        plain.transform([text])
        t2 = time.perf_counter()
        ours.append(t1 - t0)
        base.append(t2 - t1)
    ours.sort()
    base.sort()
    out["assign_median_ms"] = ours[len(ours) // 2] * 1000
    out["assign_p95_ms"] = ours[int(len(ours) * 0.95)] * 1000
    out["transform_median_ms"] = base[len(base) // 2] * 1000
    return out


def run_worker(kind: str, n: int, data: str | None) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--worker", kind, "--n", str(n)]
    if kind == "cli":
        cmd = [sys.executable, __file__, "--worker", "themes", "--no-sentiment", "--n", str(n)]
    if data:
        cmd += ["--data", data]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--data")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--worker", choices=("tfidf", "themes"), help=argparse.SUPPRESS)
    parser.add_argument("--no-sentiment", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.n, args.data, not args.no_sentiment)))
        return 0

    tfidf, themes, cli = [], [], []
    for _ in range(args.repeats):
        # Interleaved, so that a burst of load from other users hits every side.
        tfidf.append(run_worker("tfidf", args.n, args.data))
        themes.append(run_worker("themes", args.n, args.data))
        cli.append(run_worker("cli", args.n, args.data))
    best_t = min(tfidf, key=lambda r: r["cpu"])
    best = min(themes, key=lambda r: r["cpu"])
    print(f"corpus: {args.n:,} comments recombined from FFT v6 sentences (seed 0)")
    print(f"runs: best of {args.repeats}, each in a fresh subprocess")
    print(f"themes fit / TfidfVectorizer().fit_transform, CPU time: "
          f"{best['cpu'] / best_t['cpu']:.2f}x; wall-clock: "
          f"{min(r['seconds'] for r in themes) / min(r['seconds'] for r in tfidf):.2f}x "
          f"(wall-clock suffers most from other users' load)")
    best_cli = min(cli, key=lambda r: r["cpu"])
    print(f"as the command line runs it (sentiment=False, not in its output), CPU time: "
          f"{best_cli['cpu'] / best_t['cpu']:.2f}x")
    print(f"emergent themes found (k auto): {best['k']}")
    print(f"peak RSS: themes {best['peak_mb']:.0f} MB (command line {best_cli['peak_mb']:.0f} MB),"
          f" plain TF-IDF {best_t['peak_mb']:.0f} MB "
          f"(corpus and imports before fitting: {best['corpus_mb']:.0f} MB)")
    total = sum(s for _, s in best["stages"]) or 1.0
    print("themes stages with sentiment, CPU time (multiple of plain TF-IDF, share of fit):")
    for message, seconds in best["stages"]:
        print(f"  {message:55s} {seconds / best_t['cpu']:5.2f}x  {seconds / total:5.1%}")
    print(f"assign one comment: median {best['assign_median_ms']:.2f} ms, "
          f"p95 {best['assign_p95_ms']:.2f} ms; "
          f"{best['assign_median_ms'] / best['transform_median_ms']:.1f}x one "
          f"TfidfVectorizer.transform call ({best['transform_median_ms']:.3f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
