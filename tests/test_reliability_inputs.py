"""Reliability on bad input: one clear line naming file and line, exit 2, nothing read before it lost.

The inputs are the seed article's paragraphs and the project's real reference files, broken the ways real
inputs break: a number where a date string belongs, an impossible date, bytes that are not UTF-8, a repeated
row, a cut-off download, a mistyped path.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from realpolitik.cli import main
from realpolitik.store.db import Store


def run(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def paragraphs(seed_path: Path) -> list[str]:
    """The shortest real paragraphs of the seed article (long ones would only slow the parse), the dateline
    left out; the first one reports events."""
    paras = [p for p in seed_path.read_text(encoding="utf-8").splitlines() if len(p) > 150]
    return sorted(paras, key=len)[:5]


def stored_documents(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return sorted(store.documents().doc_id)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_numeric_jsonl_date_is_one_line_naming_the_line_and_the_two_documents_before_it_are_stored(
    tmp_path: Path, paragraphs: list[str]
) -> None:
    f = jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "one", "text": paragraphs[0], "date": "2024-11-14"},
            {"id": "two", "text": paragraphs[1], "date": "2024-11"},
            {"id": "three", "text": paragraphs[2], "date": 20241114},
        ],
    )
    db = tmp_path / "s.duckdb"
    code, _, err = run("ingest", "-q", "--db", str(db), str(f))
    assert code == 2
    assert f"{f}:3:" in one_line(err) and "20241114" in err
    assert stored_documents(db) == ["one", "two"]


@pytest.mark.parametrize("bad", ["2024-13-45", "not-a-date", "2023-02-29"])
def test_impossible_dates_are_rejected_with_file_and_line(tmp_path: Path, paragraphs: list[str], bad: str) -> None:
    f = jsonl(
        tmp_path / "news.jsonl",
        [{"id": "ok", "text": paragraphs[0], "date": "2024-02-29"}, {"id": "bad", "text": paragraphs[1], "date": bad}],
    )
    db = tmp_path / "s.duckdb"
    code, _, err = run("ingest", "-q", "--db", str(db), str(f))
    assert code == 2
    assert f"{f}:2:" in one_line(err) and bad in err
    assert stored_documents(db) == ["ok"]
    # the same date on the command line is refused before anything is read
    code, _, err = run("ingest", "-q", "--db", str(tmp_path / "other.duckdb"), str(f), "--date", bad)
    assert code == 2 and "--date" in one_line(err) and bad in err
    assert not (tmp_path / "other.duckdb").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("text", "Mali \ud800 and Algeria"), ("id", {"nested": 1}), ("title", ["a", "list"]), ("url", 5)],
)
def test_malformed_fields_are_one_line_naming_the_line(
    tmp_path: Path, paragraphs: list[str], field: str, value: object
) -> None:
    second: dict[str, object] = {"id": "two", "text": paragraphs[1], field: value}
    f = jsonl(tmp_path / "news.jsonl", [{"id": "one", "text": paragraphs[0]}, second])
    db = tmp_path / "s.duckdb"
    code, _, err = run("ingest", "-q", "--db", str(db), str(f))
    assert code == 2
    assert f"{f}:2:" in one_line(err) and f'"{field}"' in err
    assert stored_documents(db) == ["one"]


def test_the_web_form_refuses_impossible_dates_with_422(tmp_path: Path, paragraphs: list[str]) -> None:
    from fastapi.testclient import TestClient

    from realpolitik.web.app import create_app

    app = create_app(tmp_path / "w.duckdb", allow_write=True, token="t0ken")
    with TestClient(app, base_url="http://localhost") as client:
        for bad in ("2024-13-45", "not-a-date", "2024-02-30"):
            r = client.post(
                "/api/documents", data={"text": paragraphs[0], "date": bad}, headers={"X-Realpolitik-Token": "t0ken"}
            )
            assert r.status_code == 422, (bad, r.text)
    assert stored_documents(tmp_path / "w.duckdb") == []


def test_invalid_utf8_on_stdin_is_one_line_and_the_line_before_it_is_kept(
    tmp_path: Path, paragraphs: list[str]
) -> None:
    data = paragraphs[0].encode() + b"\n" + b"caf\xe9 au lait\n" + paragraphs[1].encode() + b"\n"
    db = tmp_path / "s.duckdb"
    code, _, err = run("ingest", "-q", "--db", str(db), "-", input=data)
    assert code == 2
    assert "<stdin>:2:" in one_line(err) and "UTF-8" in err
    assert stored_documents(db) == ["0"]

    code, out, err = run("extract", "-", input=data)
    assert code == 2
    assert "<stdin>:2:" in one_line(err)
    events = [json.loads(line) for line in out.splitlines()]
    assert events and {e["doc_id"] for e in events} == {"0"}


def test_a_mistyped_path_creates_no_store(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    code, _, err = run("ingest", "-q", "--db", str(db), str(tmp_path / "artcles"))
    assert code == 2 and "artcles" in one_line(err)
    assert not db.exists()


@pytest.fixture()
def corpus(tmp_path: Path, paragraphs: list[str]) -> Path:
    """A directory with a good file, a JSONL file with a broken middle line, a non-UTF-8 file, a good file."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(paragraphs[0], encoding="utf-8")
    (d / "b.jsonl").write_text(
        json.dumps({"id": "b1", "text": paragraphs[1]})
        + "\n{broken\n"
        + json.dumps({"id": "b3", "text": paragraphs[2]}),
        encoding="utf-8",
    )
    (d / "c.txt").write_bytes(paragraphs[3].encode("utf-8")[:40] + b"\xff\xfe")
    (d / "d.txt").write_text(paragraphs[4], encoding="utf-8")
    return d


def test_a_directory_stops_at_its_first_bad_file_without_keep_going(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "s.duckdb"
    code, _, err = run("ingest", "-q", "--db", str(db), str(corpus))
    assert code == 2 and f"{corpus / 'b.jsonl'}:2:" in one_line(err)
    assert stored_documents(db) == ["a", "b1"]


def test_keep_going_reports_every_bad_file_and_line_and_stores_everything_good(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "s.duckdb"
    missing = tmp_path / "nowhere.txt"
    code, _, err = run("ingest", "-q", "--keep-going", "--db", str(db), str(corpus), str(missing))
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 3, err
    assert any(str(missing) in e for e in errors)
    assert any(f"{corpus / 'b.jsonl'}:2:" in e for e in errors)
    assert any(f"{corpus / 'c.txt'}:1:" in e and "UTF-8" in e for e in errors)
    assert "Traceback" not in err
    assert stored_documents(db) == ["a", "b1", "b3", "d"]


# --- reference importers ------------------------------------------------------------------------


def sipri_with_repeats(src: Path, out: Path, repeat: str) -> tuple[Path, int]:
    """The SIPRI export with every delivery to `repeat` written twice; also how many rows were repeated."""
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if line.startswith("SIPRI AT Database ID"))
    rows = [line for line in lines[header + 1 :] if f",{repeat}," in line]
    out.write_text("".join(lines).rstrip("\n") + "\n" + "".join(rows), encoding="utf-8")
    return out, len(rows)


def test_repeated_sipri_rows_are_dropped_reported_and_give_the_same_dependence(
    tmp_path: Path, shared_dir: Path
) -> None:
    from realpolitik.analysis.dependence import dependence

    src = shared_dir / "data" / "reference" / "sipri_trade_register_deliveries_1995_2024.csv"
    doubled, n_repeated = sipri_with_repeats(src, tmp_path / "doubled.csv", "Algeria")
    assert n_repeated > 10
    figures, tiv = [], []
    for name, f in (("once", src), ("twice", doubled)):
        db = tmp_path / f"{name}.duckdb"
        code, out, _ = run("import", "sipri", str(f), "--db", str(db))
        assert code == 0
        if name == "twice":
            assert f"{n_repeated} exact duplicate rows dropped" in out
        with Store(db, read_only=True) as store:
            figures.append(dependence(store, "DZA", "RUS")["periods"])
            sql = "SELECT sum(tiv) FROM sipri_deliveries WHERE supplier_iso3 = 'RUS' AND recipient_iso3 = 'DZA'"
            tiv.append(store.con.execute(sql).fetchall()[0][0])
    assert tiv[0] > 0 and tiv[0] == tiv[1]
    assert figures[0] == figures[1]


@pytest.mark.parametrize(
    ("kind", "file", "table"),
    [("cow", "cow_states.csv", "cow_states"), ("unga", "unga_idealpoints_2025.csv", "unga_ideal_points")],
)
def test_cow_and_unga_imports_drop_exact_duplicate_rows(
    tmp_path: Path, shared_dir: Path, kind: str, file: str, table: str
) -> None:
    src = shared_dir / "data" / "reference" / file
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    twice = tmp_path / file
    twice.write_text("".join(lines) + "".join(lines[1:21]), encoding="utf-8")
    counts = []
    for f in (src, twice):
        db = tmp_path / f"{f.parent.name}.duckdb"
        code, out, _ = run("import", kind, str(f), "--db", str(db))
        assert code == 0, out
        with Store(db, read_only=True) as store:
            counts.append(store.count(table))
    assert counts[0] == counts[1]
    assert "20 exact duplicate rows dropped" in out


@pytest.mark.parametrize(("kind", "file"), [("atop", "atop_alliance.csv.gz"), ("unga", "un_votes.csv.gz")])
def test_a_truncated_gzip_is_one_line_naming_the_file(tmp_path: Path, shared_dir: Path, kind: str, file: str) -> None:
    raw = (shared_dir / "data" / "reference" / file).read_bytes()
    cut = tmp_path / file
    cut.write_bytes(raw[: len(raw) // 3])
    with pytest.raises(EOFError):  # what the file really is: a gzip stream cut short
        gzip.decompress(cut.read_bytes())
    db = tmp_path / "r.duckdb"
    code, _, err = run("import", kind, str(cut), "--db", str(db))
    assert code == 2
    line = one_line(err)
    assert str(cut) in line and "truncated" in line and "Aborted" not in err
    assert not db.exists()


def corrupt(lines: list[str], at: dict[int, tuple[int, str]], sep: str = ",") -> list[str]:
    """Copies of real rows with one field replaced: {line number (1-based): (field index, new value)}."""
    out = list(lines)
    for n, (field, value) in at.items():
        cells = out[n - 1].rstrip("\n").split(sep)
        cells[field] = value
        out[n - 1] = sep.join(cells) + "\n"
    return out


@pytest.mark.parametrize(
    ("kind", "file", "table", "rows", "bad"),
    [
        # COW: a bad code, an impossible year, a bad abbreviation
        ("cow", "cow_states.csv", "cow_states", 40, {5: (1, "abc"), 9: (3, "1516"), 30: (0, "U5A")}),
        # SIPRI: the header is on line 12 after the export's preamble; an empty supplier, a bad delivery year
        (
            "sipri",
            "sipri_trade_register_deliveries_1995_2024.csv",
            "sipri_deliveries",
            60,
            {15: (1, ""), 40: (10, "20x4")},
        ),
    ],
)
def test_import_keep_going_leaves_out_each_bad_row_by_its_line_and_imports_the_rest(
    tmp_path: Path, shared_dir: Path, kind: str, file: str, table: str, rows: int, bad: dict[int, tuple[int, str]]
) -> None:
    src = (shared_dir / "data" / "reference" / file).read_text(encoding="utf-8").splitlines(keepends=True)
    f = tmp_path / file
    f.write_text("".join(corrupt(src[:rows], bad)), encoding="utf-8")
    db = tmp_path / "r.duckdb"

    code, _, err = run("import", kind, str(f), "--db", str(db))
    assert code == 2 and f"{f}:{min(bad)}:" in err.strip().splitlines()[-1]
    assert not db.exists()  # nothing imported from a file with a bad row

    code, out, err = run("import", kind, str(f), "--db", str(db), "--keep-going")
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert [int(e.split(f"{f}:", 1)[1].split(":", 1)[0]) for e in errors] == sorted(bad)
    assert f"{len(bad)} bad rows left out" in out
    with Store(db, read_only=True) as store:
        stored = store.count(table)
    good = tmp_path / "good.csv"
    good.write_text("".join(line for n, line in enumerate(src[:rows], 1) if n not in bad), encoding="utf-8")
    code, _, _ = run("import", kind, str(good), "--db", str(tmp_path / "g.duckdb"))
    assert code == 0
    with Store(tmp_path / "g.duckdb", read_only=True) as store:
        assert stored == store.count(table) > 0


def test_a_book_on_one_jsonl_line_is_read_in_parts_that_tile_it(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One very long document is cut like a large text file, so the parsing workers share it."""
    from realpolitik.sources import articles

    monkeypatch.setattr(articles, "LARGE_TEXT_BYTES", 5_000)
    monkeypatch.setattr(articles, "PART_CHARS", 2_000)
    whole = seed_path.read_text(encoding="utf-8").replace("\n", " ") * 3
    f = jsonl(
        tmp_path / "book.jsonl", [{"id": "book", "text": whole, "date": "2024-11-14", "url": "https://x.example/b"}]
    )
    parts = list(articles.read_documents([str(f)]))
    assert len(parts) > 3
    assert [d.doc_id for d in parts] == [f"book#{i}" for i in range(1, len(parts) + 1)]
    assert "".join(whole[d.offset : d.offset + len(d.text)] for d in parts) == whole
    assert all(len(d.text) <= 2_000 and d.date == "2024-11-14" and d.url == "https://x.example/b" for d in parts)
    assert all(d.text[-1] == " " for d in parts[:-1])  # cut between sentences or words, never inside a word
    assert len({d.key for d in parts}) == len(parts)  # the text repeats; each part keeps its own identity


@pytest.mark.parametrize("where", ["missing-folder", "directory", "not-a-store"])
def test_a_store_path_that_cannot_be_a_store_is_one_line(tmp_path: Path, seed_path: Path, where: str) -> None:
    db = {
        "missing-folder": tmp_path / "nowhere" / "s.duckdb",
        "directory": tmp_path,
        "not-a-store": seed_path,  # an article given as --db by mistake
    }[where]
    code, _, err = run("ingest", "-q", "--db", str(db), str(seed_path))
    assert code == 2
    assert str(db) in one_line(err) and "cannot open the store" in err
