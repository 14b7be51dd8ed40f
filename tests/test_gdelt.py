"""GDELT 2.0 import: the real export rows and Mentions sample in ../shared/data/gdelt, fixtures in GDELT's own
layout (tests/fixtures/events), corrupt inputs, duplicates, the CLI, and the scale-out store over Parquet."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from realpolitik.actor_codes import cameo_country_to_iso3, country_of_cameo_actor, iso3_codes, known_group_code
from realpolitik.cli import main
from realpolitik.event_sources import import_events, import_mentions, mentions_of
from realpolitik.sources import gdelt
from realpolitik.sources.event_files import ImportReport
from realpolitik.store import scale
from realpolitik.store.db import Store, row_to_record

FIX = Path(__file__).parent / "fixtures" / "events"

# The 12 real rows: GLOBALEVENTID -> (date, CAMEO, Goldstein, source ISO3, target ISO3, PLOVER type), read off the
# file by hand (SQLDATE, EventCode, GoldsteinScale, Actor1/2CountryCode columns). The two 043 rows ("host a
# visit": Actor1 hosts Actor2) are stored visitor -> host, so their Actor2 is the source.
EXPECTED_12 = {
    1258623881: ("2024-08-20", "051", 3.4, "AUS", "ESP", "SUPPORT"),
    1258623882: ("2024-08-20", "141", -6.5, "BGD", "BGD", "PROTEST"),
    1258623884: ("2024-08-20", "020", 3.0, None, "USA", "REQUEST"),
    1258623888: ("2024-08-20", "042", 1.9, "ROU", "USA", "CONSULT"),
    1258623893: ("2024-08-20", "043", 2.8, None, "USA", "CONSULT"),
    1258623905: ("2025-08-13", "040", 1.0, "RUS", "USA", "CONSULT"),
    1258623914: ("2025-08-13", "040", 1.0, "USA", "RUS", "CONSULT"),
    1258623906: ("2025-08-13", "040", 1.0, "UKR", "USA", "CONSULT"),
    1193447408: ("2024-08-12", "042", 1.9, "GBR", "IRL", "CONSULT"),
    1193447417: ("2024-08-12", "173", -5.0, "RUS", "USA", "COERCE"),
    1193447424: ("2024-08-12", "070", 7.0, "USA", "UKR", "AID"),
    1193447433: ("2024-08-18", "043", 2.8, "NPL", "IND", "CONSULT"),
}


@pytest.fixture()
def export_12(shared_dir: Path) -> Path:
    return shared_dir / "data" / "gdelt" / "gdelt2_export_12rows.export.CSV"


@pytest.fixture()
def mentions_sample(shared_dir: Path) -> Path:
    return shared_dir / "data" / "gdelt" / "gdelt2_mentions_sample_gdeltPyR.csv"


def test_twelve_real_rows_become_twelve_events(export_12: Path) -> None:
    with Store(":memory:") as store:
        report = import_events("gdelt", store, [str(export_12)])
        assert (report.rows, report.parsed, report.inserted, report.skipped) == (12, 12, 12, 0)
        df = store.query("SELECT * FROM events ORDER BY event_id")
        assert len(df) == 12
        for row in df.to_dict(orient="records"):
            gid = int(row["event_id"].removeprefix("gdelt:"))
            date, cameo, gs, src, tgt, etype = EXPECTED_12[gid]
            assert row["date"] == date
            assert str(row["date_start"])[:10] == date
            assert row["cameo"] == cameo
            assert row["intensity"] == pytest.approx(gs)
            assert (row["source_country"] if isinstance(row["source_country"], str) else None) == src
            assert (row["target_country"] if isinstance(row["target_country"], str) else None) == tgt
            assert row["event_type"] == etype
            assert row["origin"] == "gdelt"
            assert row["url"].startswith("http")
            rec = row_to_record(row)
            assert rec["evidence"]["text"] == row["url"]  # the source URL is the evidence


def test_real_rows_actor_details(export_12: Path) -> None:
    report = ImportReport()
    recs = {eid: rec for rec, eid, _ in gdelt.read_events(str(export_12), report)}
    putin = recs["gdelt:1258623905"].source
    assert putin is not None and putin.text == "VLADIMIR PUTIN"
    assert (putin.code, putin.country, putin.sector) == ("RUS", "RUS", "GOV")
    # an unattributed "PRESIDENT": a government actor of no known state
    pres = recs["gdelt:1258623884"].source
    assert pres is not None and (pres.code, pres.country, pres.sector) == (None, None, "GOV")
    # Actor1CountryCode is empty on this row but Actor1Code is ROU: the country comes from the code
    rou = recs["gdelt:1258623888"].source
    assert rou is not None and rou.country == "ROU"
    assert recs["gdelt:1193447433"].mode == "visit"
    assert recs["gdelt:1193447417"].mode == "arrest"
    for rec in recs.values():
        d = rec.to_dict()
        assert set(d) >= {"doc_id", "sentence", "event_type", "cameo", "intensity", "source", "target", "date"}


def test_cameo_country_codes_map_to_iso3() -> None:
    assert cameo_country_to_iso3("USA") == "USA"
    assert cameo_country_to_iso3("ROM") == "ROU"
    assert cameo_country_to_iso3("ZAR") == "COD"
    assert cameo_country_to_iso3("TMP") == "TLS"
    assert cameo_country_to_iso3("KSV") == "XKX"
    assert cameo_country_to_iso3("AFR") is None  # a region, not a state
    assert cameo_country_to_iso3("WST") is None
    assert cameo_country_to_iso3("") is None
    assert country_of_cameo_actor("ROUGOV") == "ROU"
    assert country_of_cameo_actor("GOV") is None
    assert country_of_cameo_actor("IGOUNO") is None
    assert known_group_code("UNO") == "UN"
    assert known_group_code("NAT") == "NATO"
    assert known_group_code("XYZ") == "XYZ"  # unknown groups keep their code


def test_iso3_table_matches_gazetteer_states() -> None:
    states = Path(__file__).parents[1] / "src" / "realpolitik" / "data" / "gazetteer" / "states.csv"
    codes = {
        line.split(",")[0]
        for line in states.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#") and not line.startswith("code,")
    }
    missing = {c for c in codes if len(c) == 3 and c not in iso3_codes()}
    assert not missing


def test_fixture_rows_map_actors_and_skip_statements() -> None:
    with Store(":memory:") as store:
        report = import_events("gdelt", store, [str(FIX / "gdelt_events_a.export.CSV")])
        assert report.rows == 5 and report.parsed == 4 and report.not_events == 1  # CAMEO 010: no PLOVER event
        rows = {r["event_id"]: r for r in store.query("SELECT * FROM events").to_dict(orient="records")}
    assert rows["gdelt:1100000002"]["source_country"] == "ROU"  # CAMEO ROM
    assert rows["gdelt:1100000004"]["target_country"] == "COD"  # CAMEO ZAR
    un = rows["gdelt:1100000003"]
    assert un["source_code"] == "UN" and un["target_code"] == "MLI"
    assert un["event_type"] == "REQUEST" and un["mode"] == "assist"
    assert rows["gdelt:1100000001"]["confidence"] == pytest.approx(0.75)  # 3 sources


def test_duplicates_across_files_collapse_and_are_counted() -> None:
    a, b = FIX / "gdelt_events_a.export.CSV", FIX / "gdelt_events_b.export.CSV"
    with Store(":memory:") as store:
        report = import_events("gdelt", store, [str(a), str(b)])
        assert report.parsed == 7
        assert report.inserted == 5
        assert report.duplicates == 2
        assert store.count("events") == 5
        again = import_events("gdelt", store, [str(b)])  # re-importing changes nothing
        assert (again.inserted, again.duplicates) == (0, 3)
        assert store.count("events") == 5
        assert "2 duplicates collapsed" in report.summary()


def test_corrupt_lines_are_skipped_with_line_numbers() -> None:
    with Store(":memory:") as store:
        report = import_events("gdelt", store, [str(FIX / "gdelt_events_corrupt.export.CSV")])
        assert report.rows == 5 and report.inserted == 2 and report.skipped == 3
    lines = {(s.line, s.reason.split(":")[0]) for s in report.skips}
    assert lines == {(2, "wrong column count"), (3, "bad date"), (4, "bad CAMEO code")}
    assert all(s.path.endswith("gdelt_events_corrupt.export.CSV") for s in report.skips)


def test_zipped_and_truncated_zip(tmp_path: Path, export_12: Path) -> None:
    good = tmp_path / "20240820.export.CSV.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(export_12, "20240820.export.CSV")
    truncated = tmp_path / "20240821.export.CSV.zip"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with Store(":memory:") as store:
        report = import_events("gdelt", store, [str(good), str(truncated)])
        assert report.inserted == 12
        assert report.skipped == 1
        assert report.skips[0].path == str(truncated)
        assert "truncated or corrupt zip" in report.skips[0].reason


def test_truncated_gzip_reports_the_line(tmp_path: Path, export_12: Path) -> None:
    import gzip

    data = gzip.compress(export_12.read_bytes() * 50)
    bad = tmp_path / "big.export.CSV.gz"
    bad.write_bytes(data[: len(data) * 2 // 3])
    with Store(":memory:") as store:
        report = import_events("gdelt", store, [str(bad)])
    assert report.skipped == 1 and report.skips[0].line is not None and report.skips[0].line > 1
    assert "truncated" in report.skips[0].reason
    assert report.parsed > 0  # the rows before the break are kept


def test_shared_mentions_sample_imports_in_full(mentions_sample: Path) -> None:
    with Store(":memory:") as store:
        report = import_mentions(store, [str(mentions_sample)])
        assert (report.rows, report.parsed, report.inserted, report.skipped) == (1635, 1635, 1635, 0)
        assert store.count("gdelt_mentions") == 1635
        row = store.query("SELECT * FROM gdelt_mentions WHERE globaleventid = 669670701").to_dict(orient="records")[0]
    assert row["event_id"] == "gdelt:669670701"
    assert str(row["mention_time"]) == "2017-07-01 23:45:00"
    assert row["source_name"] == "tvperu.gob.pe"
    assert row["sentence_id"] == 4 and row["confidence"] == 20


def test_mentions_link_to_events_by_globaleventid() -> None:
    with Store(":memory:") as store:
        import_events("gdelt", store, [str(FIX / "gdelt_events_a.export.CSV")])
        report = import_mentions(store, [str(FIX / "gdelt_mentions_a.mentions.CSV")])
        assert report.inserted == 7
        linked = store.query(
            "SELECT e.event_id, count(*) AS n FROM gdelt_mentions m JOIN events e USING (event_id) "
            "GROUP BY 1 ORDER BY 1"
        ).to_dict(orient="records")
        assert linked == [
            {"event_id": "gdelt:1100000001", "n": 3},
            {"event_id": "gdelt:1100000003", "n": 1},
            {"event_id": "gdelt:1100000004", "n": 2},
        ]
        ms = mentions_of(store, 1100000001)
        assert [m["source_name"] for m in ms] == ["example.org", "other.example", "third.example"]
        assert ms[2]["translation_info"] == "srclc:fra;eng:GT-FRA 1.0"


def test_cli_import_gdelt_reports_skips_and_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "g.duckdb"
    files = [str(FIX / n) for n in ("gdelt_events_a.export.CSV", "gdelt_events_b.export.CSV")]
    files.append(str(FIX / "gdelt_events_corrupt.export.CSV"))
    res = CliRunner().invoke(main, ["import", "gdelt", *files, "--db", str(db), "--quiet", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["inserted"] == 7 and out["duplicates"] == 2 and out["skipped"] == 3 and out["not_events"] == 1
    assert {s["line"] for s in out["skips"]} == {2, 3, 4}
    res = CliRunner().invoke(main, ["import", "gdelt", files[2], "--db", str(db), "--quiet"])
    assert res.exit_code == 0
    assert "gdelt_events_corrupt.export.CSV:3: bad date" in res.output
    res = CliRunner().invoke(
        main, ["import", "gdelt-mentions", str(FIX / "gdelt_mentions_a.mentions.CSV"), "--db", str(db), "--json"]
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["linked_to_stored_events"] == 6
    res = CliRunner().invoke(main, ["events", "--db", str(db), "--actor", "ROU", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    (rec,) = [json.loads(x) for x in res.stdout.splitlines()]
    assert rec["source"]["code"] == "ROU" and rec["event_type"] == "ACCUSE" and rec["origin"] == "gdelt"


def test_cli_missing_file_is_an_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["import", "gdelt", str(tmp_path / "nope.CSV"), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 2 and "no such file" in res.output


def test_parquet_store_reads_events_in_place(tmp_path: Path, export_12: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        import_events("gdelt", store, [str(export_12), str(FIX / "gdelt_events_a.export.CSV")])
        out = scale.write_events_parquet(store.con, tmp_path / "events")
        expected = store.query("SELECT * FROM events ORDER BY event_id")
    months = sorted(p.name for p in out.iterdir())
    assert months == ["month=2024-03", "month=2024-08", "month=2025-08"]
    pstore = scale.open_parquet_store(out)
    got = pstore.query("SELECT * FROM events ORDER BY event_id")
    assert got["event_id"].tolist() == expected["event_id"].tolist()
    assert got["intensity"].tolist() == expected["intensity"].tolist()
    assert len(pstore.events(actor="USA")) == 9  # 8 real rows, 1 fixture row
    dm = scale.dyad_month(out)
    rus_usa = dm[(dm.source == "RUS") & (dm.target == "USA")].to_dict(orient="records")
    assert [(str(r["month"])[:7], r["events"], r["hostile"]) for r in rus_usa] == [("2024-08", 1, 1), ("2025-08", 1, 0)]
    edges = scale.dyad_edges(pstore)
    assert {"a": "RUS", "b": "USA"}.items() <= edges.iloc[0].to_dict().items()  # the busiest dyad
    summary = scale.dyad_summary(out, "USA", "UKR")
    assert summary["total"] == 2 and summary["strongest"][0]["event_type"] == "AID"
    with Store(":memory:") as fresh:
        assert scale.load_parquet_events(fresh, out) == 16
        assert scale.load_parquet_events(fresh, out) == 0


def test_directory_import(tmp_path: Path) -> None:
    d = tmp_path / "gdelt"
    d.mkdir()
    for n in ("gdelt_events_a.export.CSV", "gdelt_events_b.export.CSV", "gdelt_mentions_a.mentions.CSV"):
        shutil.copy(FIX / n, d / n)
    with Store(":memory:") as store:
        report = import_events("gdelt", store, [str(d)])  # the mentions file in the folder is left to import_mentions
        mentions = import_mentions(store, [str(d)])
    assert report.files == 2 and report.inserted == 5 and report.skipped == 0
    assert mentions.files == 1 and mentions.inserted == 7


def test_graph_and_ally_read_parquet_events(tmp_path: Path, export_12: Path) -> None:
    from realpolitik.analysis.alliance import ally
    from realpolitik.analysis.signed_edges import signed_edges

    with Store(tmp_path / "s.duckdb") as store:
        import_events("gdelt", store, [str(export_12)])
        out = scale.write_events_parquet(store.con, tmp_path / "events")
        expected_edges, _ = signed_edges(store, priors=False)
        expected_ally = ally(store, "USA", "UKR")
    pstore = scale.open_parquet_store(out)
    edges, _ = signed_edges(pstore, priors=False)
    assert edges[["a", "b", "n_events"]].equals(expected_edges[["a", "b", "n_events"]])
    assert ally(pstore, "USA", "UKR")["events"] == expected_ally["events"]


def test_cli_dyad_month_and_export_events(tmp_path: Path, export_12: Path) -> None:
    db, out = tmp_path / "s.duckdb", tmp_path / "events"
    assert CliRunner().invoke(main, ["import", "gdelt", str(export_12), "--db", str(db), "-q"]).exit_code == 0
    res = CliRunner().invoke(main, ["export-events", str(out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    from_store = CliRunner().invoke(main, ["dyad-month", "--db", str(db), "--actor", "RUS"])
    from_parquet = CliRunner().invoke(main, ["dyad-month", "--parquet", str(out), "--actor", "RUS"])
    assert from_store.exit_code == 0 and from_parquet.exit_code == 0, from_parquet.output
    assert from_store.stdout == from_parquet.stdout
    lines = from_parquet.stdout.splitlines()
    assert lines[0].startswith("source,target,month,events,")
    assert [tuple(x.split(",")[:4]) for x in lines[1:]] == [
        ("RUS", "USA", "2024-08", "1"),
        ("RUS", "USA", "2025-08", "1"),
        ("USA", "RUS", "2025-08", "1"),
    ]
