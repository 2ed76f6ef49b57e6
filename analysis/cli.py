"""The command line: ``python -m analysis themes|risk|redact|evaluate``.

Each command reads one text column of a UTF-8 CSV file and writes a CSV whose columns are a
contract other tools rely on (see ``--help``). Bad input (a missing file or column, text that is
not UTF-8, an empty file) ends with one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

__all__ = ["InputError", "main", "read_column"]

# Exit codes: 2 = bad input or usage (argparse uses 2 too), 3 = an optional extra is missing.
EXIT_INPUT = 2
EXIT_MISSING_EXTRA = 3


class InputError(Exception):
    """Input the user can fix; its message is printed as the one line on stderr."""


def read_column(path: str, text_column: str, id_column: str | None) -> tuple[list[str], list[str]]:
    """Read the texts (and ids) of a CSV file.

    Parameters
    ----------
    path : str
        A UTF-8 CSV file with a header row (a byte-order mark is accepted).
    text_column : str
        The column holding the comments.
    id_column : str, optional
        The column holding identifiers; without it, ids are 0-based row numbers.

    Returns
    -------
    texts, ids : list of str

    Raises
    ------
    InputError
        When the file is missing, not UTF-8, empty, or lacks a column.
    """
    file = Path(path)
    if not file.is_file():
        raise InputError(f"input file not found: {path}")
    try:
        content = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV"
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    if not content.strip():
        raise InputError(f"{path} is empty")
    try:
        reader = csv.DictReader(content.splitlines())
        header = reader.fieldnames or []
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"{path} is not valid CSV: {exc}") from exc
    for column in (text_column, id_column):
        if column is not None and column not in header:
            raise InputError(
                f"column {column!r} not in {path} (columns: {', '.join(map(str, header))})"
            )
    texts = [row.get(text_column) or "" for row in rows]
    ids = [row.get(id_column) or "" for row in rows] if id_column else [
        str(i) for i in range(len(rows))
    ]
    return texts, ids


@contextmanager
def _writer(path: str, columns: Sequence[str]) -> Iterator[Any]:
    try:
        handle: TextIO = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc
    with handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        yield writer


def _progress(quiet: bool) -> Callable[[float, str], None]:
    """A progress callback that prints one line per stage on stderr, with elapsed time."""
    start = time.perf_counter()

    def report(fraction: float, message: str) -> None:
        if not quiet:
            elapsed = time.perf_counter() - start
            print(f"[{fraction:4.0%} {elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)

    return report


def _k(value: str) -> int | str:
    if value == "auto":
        return value
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--k must be a positive integer or 'auto', not {value!r}"
        ) from None
    if k < 1:
        raise argparse.ArgumentTypeError("--k must be at least 1")
    return k


def cmd_themes(args: argparse.Namespace) -> int:
    """Fit themes and write ``id, theme, themes, label, score``."""
    from analysis.themes import UNASSIGNED, ThemeModel

    texts, ids = read_column(args.input, args.text_column, args.id_column)
    # Sentiment is not in the output; it is scored only when the model is saved for later use.
    model = ThemeModel(taxonomy=args.taxonomy, k=args.k, backend=args.backend,
                       sentiment=bool(args.model))
    model.fit(texts, ids=ids, progress=_progress(args.quiet))
    with _writer(args.output, ("id", "theme", "themes", "label", "score")) as writer:
        for row_id, a in zip(ids, model.assignments_, strict=True):
            label = model.themes_[a.primary].name if a.primary in model.themes_ else "Unassigned"
            score = a.scores.get(a.primary, 0.0) if a.primary != UNASSIGNED else 0.0
            writer.writerow((row_id, a.primary, ";".join(a.themes), label, f"{score:.4f}"))
    if args.model:
        model.save(args.model)
    return 0


def cmd_risk(args: argparse.Namespace) -> int:
    """Flag comments that need a person: ``id, flag, level, reasons``."""
    from analysis.risk import assess_risk

    texts, ids = read_column(args.input, args.text_column, args.id_column)
    with _writer(args.output, ("id", "flag", "level", "reasons")) as writer:
        for row_id, text in zip(ids, texts, strict=True):
            risk = assess_risk(text)
            writer.writerow((row_id, int(risk.flag), risk.level, "; ".join(risk.reasons)))
    return 0


def cmd_redact(args: argparse.Namespace) -> int:
    """Remove identifiers: ``id, redacted, found`` (a JSON list of kinds)."""
    from analysis.redact import redact

    texts, ids = read_column(args.input, args.text_column, args.id_column)
    with _writer(args.output, ("id", "redacted", "found")) as writer:
        for row_id, text in zip(ids, texts, strict=True):
            result = redact(text)
            writer.writerow((row_id, result.text, json.dumps(list(result.found))))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Measure discovery and sentiment against the labelled FFT file."""
    from analysis import evaluate

    argv = [*(["--data", args.data] if args.data else []),
            *(["--no-ablation"] if args.no_ablation else []),
            *(["--no-embeddings"] if args.no_embeddings else []),
            "--seeds", str(args.seeds)]
    return evaluate.main(argv)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m analysis``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Themes, risk flags and redaction for free-text feedback.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def io_command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--input", required=True, help="UTF-8 CSV file with a header row")
        sub.add_argument("--text-column", required=True, help="column holding the comments")
        sub.add_argument("--id-column", help="column of ids (default: 0-based row number)")
        sub.add_argument("--output", required=True, help="CSV file to write")
        return sub

    themes = io_command("themes", "Find themes; writes id, theme, themes, label, score.")
    themes.add_argument("--taxonomy", choices=("iapt", "none"), default="iapt")
    themes.add_argument("--k", type=_k, default="auto", help="emergent themes: N or auto")
    themes.add_argument("--backend", choices=("default", "embeddings"), default="default")
    themes.add_argument("--model", help="also save the fitted model here (joblib)")
    themes.add_argument("--quiet", action="store_true", help="no progress on stderr")
    themes.set_defaults(func=cmd_themes)
    io_command("risk", "Flag comments needing a person; writes id, flag, level, reasons."
               ).set_defaults(func=cmd_risk)
    io_command("redact", "Remove identifiers; writes id, redacted, found."
               ).set_defaults(func=cmd_redact)

    evaluate = commands.add_parser("evaluate", help="Measure against the labelled FFT data.")
    evaluate.add_argument("--data", help="FFT v6 CSV (default: $YOUSAID_FFT_DATA or ../shared)")
    evaluate.add_argument("--no-ablation", action="store_true")
    evaluate.add_argument("--no-embeddings", action="store_true")
    evaluate.add_argument("--seeds", type=int, default=3, help="runs per pipeline (default 3)")
    evaluate.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except ImportError as exc:
        # The optional embeddings extra: its message says how to install it.
        message = str(exc).splitlines()[0] if str(exc) else "a required package is missing"
        print(f"error: {message}", file=sys.stderr)
        return EXIT_MISSING_EXTRA
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
