"""The command line contract: columns, ids, one-line errors and exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENTLESS, TOPICS, make_comments

from analysis.cli import main

ROOT = Path(__file__).resolve().parents[2]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture
def comments_csv(tmp_path: Path) -> Path:
    import random

    rng = random.Random(1)
    texts = [t for topic in TOPICS for t in make_comments(topic, rng)[:10]] + CONTENTLESS[:4]
    texts.append("The car park was always full, but the phone line was always engaged.")
    rows = [{"ref": f"R{i:03d}", "comment": t, "other": "x"} for i, t in enumerate(texts)]
    return write_csv(tmp_path / "in.csv", rows)


def test_themes_columns_and_ids(comments_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    code = main(["themes", "--input", str(comments_csv), "--text-column", "comment",
                 "--id-column", "ref", "--taxonomy", "none", "--k", "4", "--output", str(out),
                 "--quiet"])
    assert code == 0
    header, rows = read_csv(out)
    assert header == ["id", "theme", "themes", "label", "score"]
    _, inputs = read_csv(comments_csv)
    assert [r["id"] for r in rows] == [r["ref"] for r in inputs]
    for row, source in zip(rows, inputs, strict=True):
        assert row["themes"].split(";")[0] == row["theme"] or row["theme"] == "unassigned"
        if source["comment"] in CONTENTLESS:
            assert (row["theme"], row["themes"], row["label"]) == ("unassigned", "", "Unassigned")
            assert float(row["score"]) == 0
        else:
            assert row["theme"].startswith("emergent-")
            assert row["label"] and 0 < float(row["score"]) <= 1
    assert len(rows[-1]["themes"].split(";")) >= 2


def test_themes_ids_default_to_row_numbers(comments_csv: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    assert main(["themes", "--input", str(comments_csv), "--text-column", "comment",
                 "--output", str(out)]) == 0
    _, rows = read_csv(out)
    assert [r["id"] for r in rows] == [str(i) for i in range(len(rows))]
    # Progress goes to stderr, one line per stage.
    assert "clustering" in capsys.readouterr().err


def test_themes_saves_model(comments_csv: Path, tmp_path: Path) -> None:
    from analysis.themes import ThemeModel

    model_path = tmp_path / "model.joblib"
    assert main(["themes", "--input", str(comments_csv), "--text-column", "comment",
                 "--output", str(tmp_path / "o.csv"), "--model", str(model_path),
                 "--quiet"]) == 0
    assert ThemeModel.load(model_path).themes_


def test_risk_columns(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [{"c": "The wait was long."},
                                          {"c": "I want to end my life tonight."}])
    out = tmp_path / "out.csv"
    assert main(["risk", "--input", str(src), "--text-column", "c", "--output", str(out)]) == 0
    header, rows = read_csv(out)
    assert header == ["id", "flag", "level", "reasons"]
    assert [r["id"] for r in rows] == ["0", "1"]
    assert rows[0]["flag"] == "0" and rows[0]["level"] == "none"
    assert rows[1]["flag"] == "1" and rows[1]["level"] in {"urgent", "review"}
    assert rows[1]["reasons"]


def test_redact_columns(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [{"id": "a", "c": "Email me at jo.bloggs@example.com"},
                                          {"id": "b", "c": "Nothing personal here."}])
    out = tmp_path / "out.csv"
    assert main(["redact", "--input", str(src), "--text-column", "c", "--id-column", "id",
                 "--output", str(out)]) == 0
    header, rows = read_csv(out)
    assert header == ["id", "redacted", "found"]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert "jo.bloggs@example.com" not in rows[0]["redacted"]
    assert json.loads(rows[0]["found"])
    assert json.loads(rows[1]["found"]) == []


@pytest.mark.parametrize("command", ["themes", "risk", "redact"])
@pytest.mark.parametrize("problem", ["missing file", "missing column", "not utf-8", "empty",
                                     "missing id column"])
def test_bad_input_one_line_nonzero(command: str, problem: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.csv"
    column, id_args = "c", []
    if problem == "missing column":
        write_csv(path, [{"other": "x"}])
    elif problem == "not utf-8":
        path.write_bytes("c\ncaf\xe9 au lait\n".encode("latin-1"))
    elif problem == "empty":
        path.write_bytes(b"")
    elif problem == "missing id column":
        write_csv(path, [{"c": "x"}])
        id_args = ["--id-column", "nope"]
    code = main([command, "--input", str(path), "--text-column", column, *id_args,
                 "--output", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("error: ")
    assert "Traceback" not in err


def test_embeddings_missing_says_how_to_install(
    comments_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from analysis import themes
    from analysis.embeddings import EmbeddingsUnavailable

    def unavailable() -> None:
        raise EmbeddingsUnavailable()

    monkeypatch.setattr(themes, "_load_embedder", unavailable)
    code = main(["themes", "--input", str(comments_csv), "--text-column", "comment",
                 "--backend", "embeddings", "--output", str(tmp_path / "o.csv"), "--quiet"])
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert "pip install" in err and "embeddings" in err


def test_python_dash_m_end_to_end(comments_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    ok = subprocess.run(
        [sys.executable, "-m", "analysis", "themes", "--input", str(comments_csv),
         "--text-column", "comment", "--output", str(out), "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert read_csv(out)[0] == ["id", "theme", "themes", "label", "score"]
    bad = subprocess.run(
        [sys.executable, "-m", "analysis", "risk", "--input", str(tmp_path / "absent.csv"),
         "--text-column", "c", "--output", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert bad.returncode != 0
    assert bad.stderr.strip().count("\n") == 0 and "Traceback" not in bad.stderr


@pytest.mark.slow
def test_evaluate_runs_on_shared_data(capsys: pytest.CaptureFixture[str]) -> None:
    from analysis.evaluate import data_path

    if not data_path().is_file():
        pytest.skip("FFT v6 data not available")
    assert main(["evaluate", "--no-ablation", "--no-embeddings"]) == 0
    out = capsys.readouterr().out
    assert "baseline TF-IDF + KMeans" in out and "Sentiment" in out
