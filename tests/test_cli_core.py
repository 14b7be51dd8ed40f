"""The CLI end to end on the seed article: extract, ingest, events, export, demo, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from realpolitik.cli import main


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_extract_prints_contract_records_that_the_scorer_accepts(
    seed_path: Path, shared_dir: Path, tmp_path: Path
) -> None:
    code, out, _ = run("extract", str(seed_path), "--date", "2024-11-14", "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all(r["doc_id"] == "russia-algeria-2024-11-14" for r in records)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(out, encoding="utf-8")
    score = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "eval" / "score.py"),
            "triples",
            str(shared_dir / "eval" / "seed-gold.jsonl"),
            str(pred),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    f1 = float(score.stdout.strip().splitlines()[-1].split()[-1])
    assert f1 >= 0.40, score.stdout


def test_extract_reads_stdin_lines_as_numbered_documents() -> None:
    code, out, _ = run(
        "extract", "-", "--date", "2024-03-01", input="Russia helped Mali.\nAlgeria criticized France.\n"
    )
    assert code == 0
    docs = {json.loads(line)["doc_id"] for line in out.splitlines()}
    assert docs == {"0", "1"}


def test_table_format_is_readable(seed_path: Path) -> None:
    code, out, _ = run("extract", str(seed_path), "--date", "2024-11-14", "--format", "table")
    assert code == 0
    assert "evidence" in out and "DZA" in out


def test_ingest_twice_keeps_the_event_count_and_events_query_reads_back(seed_path: Path, db_file: Path) -> None:
    assert run("ingest", str(seed_path), "--date", "2024-11-14", "--db", str(db_file), "--quiet")[0] == 0
    code, out, _ = run("events", "--db", str(db_file), "--format", "jsonl")
    first = [json.loads(line) for line in out.splitlines()]
    assert run("ingest", str(seed_path), "--date", "2024-11-14", "--db", str(db_file), "--quiet")[0] == 0
    _, out2, _ = run("events", "--db", str(db_file), "--format", "jsonl")
    assert len(out2.splitlines()) == len(first) > 0
    assert all(r["evidence"]["text"] for r in first)
    code, out, _ = run("events", "--db", str(db_file), "--actor", "NATO", "--format", "jsonl")
    assert code == 0
    assert all(
        "NATO" in (r["source"]["code"], r["target"]["code"])
        for r in map(json.loads, out.splitlines())
        if r["source"] and r["target"]
    )


def test_export_writes_parquet(seed_path: Path, db_file: Path, tmp_path: Path) -> None:
    run("ingest", str(seed_path), "--date", "2024-11-14", "--db", str(db_file), "--quiet")
    code, _out, _ = run("export", "--db", str(db_file), "--parquet", str(tmp_path / "pq"))
    assert code == 0
    assert (tmp_path / "pq" / "events.parquet").exists()


def test_demo_prints_actors_and_dyads_with_evidence(tmp_path: Path) -> None:
    code, out, _ = run("demo", "--db", str(tmp_path / "demo.duckdb"))
    assert code == 0
    assert "Actors found" in out and "Events by dyad" in out
    assert "“" in out  # evidence sentences are quoted
    # the four questions, answered from the article's events and reference data
    questions = out[out.index("The analyst's questions") :]
    assert "No formal alliance" in questions
    assert "cross-pressure" in questions
    assert "new partner" in questions


def test_errors_are_one_line_and_name_the_file(tmp_path: Path, db_file: Path) -> None:
    code, _, err = run("extract", str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt" in err and err.count("\n") == 1
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"id": "x", "text": "Chad closed its border with Sudan."}\n{nope}\n', encoding="utf-8")
    code, _, err = run("ingest", str(bad), "--db", str(db_file), "--quiet")
    assert code == 2 and "b.jsonl:2" in err
    code, out, _ = run("events", "--db", str(db_file), "--format", "jsonl")
    assert {json.loads(line)["doc_id"] for line in out.splitlines()} <= {"x"}
    code, _, err = run("extract", str(tmp_path / "b.jsonl"), "--date", "14/11/2024")
    assert code == 2 and "--date" in err
