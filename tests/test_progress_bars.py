"""Progress bars as the CLI draws them on stderr: totals known in advance (documents of files, bytes of standard
input redirected from a file, bytes of event files and archives), the final counts, nothing on stdout, nothing
with --quiet. `REALPOLITIK_PROGRESS=1` draws the bars on a stderr that is no terminal; the tests read the last
frame drawn of each bar (its final state), never a timing."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.filesize import pick_unit_and_suffix

from realpolitik.cli import main

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BAR = "━"

#: Sentences written for these tests (not from any corpus).
SENTENCES = [
    "Chile and Peru signed a trade agreement in Lima on Monday.",
    "Ghana accused Togo of moving troops to their shared border.",
    "Kenya hosted talks with Ethiopia about the new dam.",
    "Norway pledged emergency aid to Sudan after the floods.",
    "Vietnam protested against Chinese patrols near the islands.",
]


def frames(stderr: str) -> list[str]:
    """The lines a bar drew, escape codes removed (each redraw is a frame)."""
    return [f.strip() for f in re.split(r"[\r\n]", ANSI.sub("", stderr)) if f.strip()]


def last_frame(stderr: str, label: str) -> str:
    drawn = [f for f in frames(stderr) if f.startswith(label) and BAR in f]
    assert drawn, f"no {label!r} bar in {stderr!r}"
    return drawn[-1]


def size_text(completed: int, total: int) -> str:
    """How the bar writes bytes ("5,510/5,510 bytes", "1.2/1.2 MB"): rich's DownloadColumn."""
    unit, suffix = pick_unit_and_suffix(total, ["bytes", "kB", "MB", "GB", "TB"], 1000)
    precision = 0 if unit == 1 else 1
    return f"{completed / unit:,.{precision}f}/{total / unit:,.{precision}f} {suffix}"


@pytest.fixture()
def drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REALPOLITIK_PROGRESS", "1")


def invoke(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_import_counts_the_bytes_of_plain_files_and_archives(drawn: None, shared_dir: Path, tmp_path: Path) -> None:
    export = shared_dir / "data" / "gdelt" / "gdelt2_export_12rows.export.CSV"
    zipped = tmp_path / "a.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(export, export.name)
    gz = tmp_path / "b.export.CSV.gz"
    gz.write_bytes(gzip.compress(export.read_bytes()))
    files = [export, zipped, gz]
    code, out, err = invoke("import", "gdelt", *map(str, files), "--db", str(tmp_path / "s.duckdb"), "--json")
    assert code == 0, err
    report = json.loads(out)  # stdout is the JSON alone: the bar is on stderr
    total = sum(f.stat().st_size for f in files)  # compressed sizes for the archives
    assert total < 3 * export.stat().st_size
    final = last_frame(err, "importing GDELT events")
    assert size_text(total, total) in final
    assert f"{report['rows']:,} rows" in final and report["rows"] == 36


def test_import_of_mentions_counts_rows_and_bytes(drawn: None, shared_dir: Path, tmp_path: Path) -> None:
    sample = shared_dir / "data" / "gdelt" / "gdelt2_mentions_sample_gdeltPyR.csv"
    code, out, err = invoke("import", "gdelt-mentions", str(sample), "--db", str(tmp_path / "m.duckdb"), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["rows"] > 0 and report["parsed"] > 0
    size = sample.stat().st_size
    final = last_frame(err, "importing GDELT mentions")
    assert size_text(size, size) in final and f"{report['rows']:,} rows" in final


def test_quiet_draws_no_bar(drawn: None, shared_dir: Path, tmp_path: Path) -> None:
    export = shared_dir / "data" / "gdelt" / "gdelt2_export_12rows.export.CSV"
    code, _, err = invoke("import", "gdelt", str(export), "--db", str(tmp_path / "q.duckdb"), "--quiet")
    assert code == 0 and BAR not in err and "importing" not in err


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    lines = [json.dumps({"id": f"s{i}", "text": t, "date": "2024-03-01"}) for i, t in enumerate(SENTENCES[:4])]
    (d / "news.jsonl").write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    (d / "one.txt").write_text(SENTENCES[4], encoding="utf-8")
    return d


def test_ingest_counts_the_documents_of_the_inputs(drawn: None, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    code, _, err = invoke("ingest", str(corpus), "--db", str(tmp_path / "i.duckdb"), "--workers", "1")
    assert code == 0, err
    assert re.search(r"\b5/5\b", last_frame(err, "ingesting"))
    # again: every document is already stored, and the bar still counts each one
    code, _, err = invoke("ingest", str(corpus), "--db", str(tmp_path / "i.duckdb"), "--workers", "1")
    assert "0 documents stored, 5 already present" in err
    assert re.search(r"\b5/5\b", last_frame(err, "ingesting"))


def test_extract_bar_stays_off_stdout(drawn: None, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    code, out, err = invoke("extract", str(corpus), "--workers", "1")
    assert code == 0, err
    assert BAR not in out and all(json.loads(line)["doc_id"] for line in out.splitlines())
    assert re.search(r"\b5/5\b", last_frame(err, "extracting"))


def test_a_stream_of_unknown_size_counts_documents_without_a_total(drawn: None, tmp_path: Path) -> None:
    code, _, err = invoke("ingest", "-", "--db", str(tmp_path / "p.duckdb"), input="\n".join(SENTENCES[:3]) + "\n")
    assert code == 0, err
    assert re.search(r"\b3/\?", last_frame(err, "ingesting"))


def test_standard_input_from_a_file_counts_its_bytes(tmp_path: Path) -> None:
    """`realpolitik ingest - < file`: the size is known (fstat), so the bar counts bytes against it."""
    data = tmp_path / "lines.txt"
    data.write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    env = {**os.environ, "REALPOLITIK_PROGRESS": "1"}
    cmd = [sys.executable, "-m", "realpolitik", "ingest", "-", "--db", str(tmp_path / "f.duckdb"), "--workers", "1"]
    with data.open("rb") as stdin:
        done = subprocess.run(cmd, stdin=stdin, capture_output=True, env=env, check=False, timeout=600)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 0, err
    size = data.stat().st_size
    final = last_frame(err, "ingesting")
    assert size_text(size, size) in final and "5 lines" in final
    assert "5 documents stored" in err


def test_ingest_tells_each_document_as_it_is_coded(tmp_path: Path) -> None:
    """The bar moves as each document is coded, not when the batch of 64 it is written with is stored."""
    from realpolitik.ingest import ingest
    from realpolitik.model import Document
    from realpolitik.store.db import Store

    docs = [Document(f"d{i}", t, "2024-03-01") for i, t in enumerate(SENTENCES)]
    with Store(tmp_path / "t.duckdb") as store:
        stored_when_told: list[int] = []
        told: list[str] = []

        def progress(doc: Document) -> None:
            told.append(doc.doc_id)
            stored_when_told.append(store.count("documents"))

        report = ingest(store, docs, progress=progress, workers=1)
    assert report.stored == 5 and told == [d.doc_id for d in docs]
    assert stored_when_told == [0, 0, 0, 0, 0]  # all five are told before their batch is written


def test_demo_draws_its_steps_and_documents(drawn: None, tmp_path: Path) -> None:
    from realpolitik.demo import STEPS

    code, out, err = invoke("demo", "--db", str(tmp_path / "demo.duckdb"))
    assert code == 0, err
    assert "Actors found" in out and "The analyst's questions" in out and BAR not in out
    assert re.search(rf"\b{STEPS}/{STEPS}\b", last_frame(err, "demo"))
    assert re.search(r"\b1/1\b", last_frame(err, "documents"))
