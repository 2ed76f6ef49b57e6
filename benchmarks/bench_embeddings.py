"""Benchmark the optional embeddings backend (``analysis.embeddings.SentenceEmbedder``).

Two measurements on the shared NHS FFT v6 file (read in place, never copied):

1. Speed and memory. ``--n`` comments (default 100,000) are made from the FFT comments with a
   fixed seed: each is a random comment, half of them followed by the first sentence of another,
   so few are exact repeats. A plain ``TfidfVectorizer().fit_transform`` and
   ``SentenceEmbedder().transform`` run over the same texts, each in its own child process so
   that each peak resident memory (``ru_maxrss``) is its own. The report gives the encode time
   as a ratio to TF-IDF, measured in the same run on the same machine. ``--plain N`` also
   times the first N texts both ways: ``SentenceEmbedder`` and the model's own
   ``encode(texts, batch_size=64)`` over every text (what the backend did before it
   deduplicated, batched by tokens and chose its threads), alternating, in one process.
2. Quality. Adjusted mutual information (AMI) between KMeans (k = 42) clusters and the
   labellers' categories on the single-label usable rows (rows with text whose only label is
   one of the framework's categories, i.e. not "Labelling not possible" or "Not assigned"),
   for TF-IDF and for the embeddings, over five KMeans seeds.

Run::

    .venv/bin/python benchmarks/bench_embeddings.py [--n 100000] [--plain 3000] [--skip-speed]
        [--skip-ami] [--pooling idf|mean]

``--pooling`` chooses the embedder's pooling for the speed run: ``mean`` (the model's own, the
default and the theme engine's) or ``idf`` (the fit learns token weights, then each text's
token vectors are averaged with them). The AMI part reports both.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "nhs-fft-v6" / "fft_v6_labelled.csv"
EXCLUDED_LABELS = {"Labelling not possible", "Not assigned"}
FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.DOTALL)


def read_rows(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        columns = list(reader.fieldnames or [])
    labels = columns[columns.index("Comment sentiment") + 1 :]
    return rows, labels


def speed_texts(path: Path, n: int, seed: int) -> list[str]:
    rows, _ = read_rows(path)
    pool = [r["FFT answer"].strip() for r in rows if r["FFT answer"].strip()]
    rng = np.random.default_rng(seed)
    first = rng.integers(len(pool), size=n)
    second = rng.integers(len(pool), size=n)
    extend = rng.random(n) < 0.5
    texts = []
    for a, b, more in zip(first, second, extend, strict=True):
        text = pool[a]
        if more:
            match = FIRST_SENTENCE.match(pool[b])
            text = f"{text} {match.group(1) if match else pool[b]}"
        texts.append(text)
    return texts


def single_label_rows(path: Path) -> tuple[list[str], list[str]]:
    rows, labels = read_rows(path)
    texts, gold = [], []
    for row in rows:
        text = row["FFT answer"].strip()
        assigned = [c for c in labels if row[c].strip() == "1"]
        if text and len(assigned) == 1 and assigned[0] not in EXCLUDED_LABELS:
            texts.append(text)
            gold.append(assigned[0])
    return texts, gold


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker(kind: str, path: Path, n: int, seed: int, pooling: str = "mean") -> None:
    """Child process: time one vectoriser over the texts and report JSON on stdout."""
    texts = speed_texts(path, n, seed)
    # CPU time (user + system) counts only the vectorising; on a shared machine it is steadier
    # than wall time. Importing torch and loading the model are timed separately.
    result: dict[str, float | int | str] = {"kind": kind, "n": len(texts)}
    if kind == "tfidf":
        from sklearn.feature_extraction.text import TfidfVectorizer

        result["rss_before_mib"] = rss_mib()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result["cpu_before"] = usage.ru_utime + usage.ru_stime
        start = time.perf_counter()
        matrix = TfidfVectorizer().fit_transform(texts)
        result["seconds"] = time.perf_counter() - start
        result["shape"] = str(matrix.shape)
    else:
        import torch

        from analysis.embeddings import SentenceEmbedder, _load_model

        result["torch_threads"] = torch.get_num_threads()
        result["distinct"] = len(set(texts))
        result["rss_before_mib"] = rss_mib()
        embedder = SentenceEmbedder(pooling=pooling)
        start = time.perf_counter()
        _load_model(embedder.model_name, embedder.device)
        result["load_seconds"] = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result["cpu_before"] = usage.ru_utime + usage.ru_stime
        start = time.perf_counter()
        vectors = embedder.fit_transform(texts)
        result["seconds"] = time.perf_counter() - start
        result["shape"] = str(vectors.shape)
        result["threads_used"] = embedder.threads_used_
        result["load_average"] = os.getloadavg()[0]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["peak_rss_mib"] = usage.ru_maxrss / 1024
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime - result.pop("cpu_before")
    print(json.dumps(result))


def plain_worker(path: Path, n: int, seed: int, rounds: int = 2) -> None:
    """Child process: the backend against the model's plain ``encode``, alternating."""
    from analysis.embeddings import SentenceEmbedder, _load_model

    texts = speed_texts(path, n, seed)
    model = _load_model("all-MiniLM-L6-v2", "cpu")
    model.encode(texts[:64], batch_size=64)  # warm up
    results: dict[str, list[list[float]]] = {"backend": [], "plain": []}
    for _ in range(rounds):
        for name in ("plain", "backend"):
            usage = resource.getrusage(resource.RUSAGE_SELF)
            cpu = usage.ru_utime + usage.ru_stime
            start = time.perf_counter()
            if name == "plain":
                model.encode(texts, batch_size=64, show_progress_bar=False,
                             convert_to_numpy=True, normalize_embeddings=True)
            else:
                SentenceEmbedder().transform(texts)
            wall = time.perf_counter() - start
            usage = resource.getrusage(resource.RUSAGE_SELF)
            results[name].append([wall, usage.ru_utime + usage.ru_stime - cpu,
                                  os.getloadavg()[0]])
    print(json.dumps({"n": len(texts), "distinct": len(set(texts)), **results}))


def bench_plain(args: argparse.Namespace) -> None:
    command = [sys.executable, __file__, "--worker", "plain", "--data", str(args.data),
               "--n", str(args.plain), "--seed", str(args.seed)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    r = json.loads(output.strip().splitlines()[-1])
    print(f"before/after: first {r['n']} texts ({r['distinct']} distinct), alternating runs")
    for name, label in (("plain", "model.encode(batch_size=64)"),
                        ("backend", "SentenceEmbedder.transform")):
        for wall, cpu, load in r[name]:
            print(f"  {label:<27} {r['n'] / wall:6.0f} texts/s  wall {wall:7.2f} s  "
                  f"CPU {cpu:7.2f} s ({1000 * cpu / r['n']:.2f} ms per text)  load {load:.1f}")


def run_worker(kind: str, args: argparse.Namespace) -> dict:
    command = [
        sys.executable,
        __file__,
        "--worker",
        kind,
        "--data",
        str(args.data),
        "--n",
        str(args.n),
        "--seed",
        str(args.seed),
        "--pooling",
        args.pooling,
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def bench_speed(args: argparse.Namespace) -> None:
    texts = speed_texts(args.data, args.n, args.seed)
    words = np.array([len(t.split()) for t in texts])
    print(
        f"speed: {len(texts)} texts (seed {args.seed}), {len(set(texts))} distinct, "
        f"words per text mean {words.mean():.1f} median {np.median(words):.0f} max {words.max()}"
    )
    tfidf = run_worker("tfidf", args)
    embed = run_worker("embed", args)
    for name, r in (("TF-IDF fit_transform", tfidf),
                    (f"SentenceEmbedder({args.pooling})", embed)):
        print(
            f"  {name:<27} wall {r['seconds']:8.2f} s  CPU {r['cpu_seconds']:8.2f} s  "
            f"peak RSS {r['peak_rss_mib']:6.0f} MiB (before the work {r['rss_before_mib']:.0f})"
        )
    print(
        f"  embeddings: model load {embed['load_seconds']:.2f} s wall, torch threads "
        f"{embed['threads_used']} of {embed['torch_threads']} (load average "
        f"{embed['load_average']:.1f} at the end), {embed['distinct']} distinct texts encoded, "
        f"{embed['n'] / embed['seconds']:.0f} texts/s "
        f"(TF-IDF {tfidf['n'] / tfidf['seconds']:.0f} texts/s)"
    )
    print(
        f"  ratio embeddings / TF-IDF: wall {embed['seconds'] / tfidf['seconds']:.0f} x, "
        f"CPU {embed['cpu_seconds'] / tfidf['cpu_seconds']:.0f} x"
    )


def bench_ami(args: argparse.Namespace) -> None:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_mutual_info_score

    from analysis.embeddings import SentenceEmbedder

    texts, gold = single_label_rows(args.data)
    print(f"\nAMI: {len(texts)} single-label usable rows, {len(set(gold))} labels, k = 42")
    start = time.perf_counter()
    vectors = SentenceEmbedder().fit_transform(texts)
    encode = time.perf_counter() - start
    idf_vectors = SentenceEmbedder(pooling="idf").fit_transform(texts)
    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    for name, features in (("TF-IDF + KMeans", tfidf), ("all-MiniLM-L6-v2 + KMeans", vectors),
                           ("same, IDF pooling + KMeans", idf_vectors)):
        scores = []
        for seed in range(5):
            clusters = KMeans(n_clusters=42, n_init=10, random_state=seed).fit_predict(features)
            scores.append(adjusted_mutual_info_score(gold, clusters))
        print(
            f"  {name:<27} AMI mean {np.mean(scores):.3f} (sd {np.std(scores):.3f}, "
            f"seeds 0-4: {' '.join(f'{s:.3f}' for s in scores)})"
        )
    print(f"  (encoding the {len(texts)} rows took {encode:.1f} s)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--plain", type=int, default=0,
                        help="also time this many texts against the model's plain encode")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-ami", action="store_true")
    parser.add_argument("--pooling", choices=["mean", "idf"], default="mean",
                        help="the embedder's pooling for the speed run (engine default: mean)")
    parser.add_argument("--worker", choices=["tfidf", "embed", "plain"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "plain":
        plain_worker(args.data, args.n, args.seed)
        return
    if args.worker:
        worker(args.worker, args.data, args.n, args.seed, args.pooling)
        return
    if args.plain:
        bench_plain(args)
    if not args.skip_speed:
        bench_speed(args)
    if not args.skip_ami:
        bench_ami(args)


if __name__ == "__main__":
    main()
