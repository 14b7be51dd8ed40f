"""ICEWS and POLECAT import on fixture files in their published layouts (tests/fixtures/events)."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

from click.testing import CliRunner

from realpolitik.actor_codes import country_name_to_iso3, sector_code
from realpolitik.cli import main
from realpolitik.event_sources import import_events
from realpolitik.model import PLOVER_TYPES
from realpolitik.store.db import Store

FIX = Path(__file__).parent / "fixtures" / "events"
ICEWS_A, ICEWS_B = FIX / "icews_events_1995.tab", FIX / "icews_events_1995_update.tab"
POLECAT_A, POLECAT_B = FIX / "polecat_2023_week01.tsv", FIX / "polecat_2023_week01_rerelease.tsv"


def _events(store: Store) -> dict[str, dict]:
    cur = store.con.execute("SELECT * FROM events ORDER BY date, event_type")
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    return {f"{r['date']} {r['event_type']}": r for r in rows}


def test_icews_rows_become_events() -> None:
    with Store(":memory:") as store:
        report = import_events("icews", store, [str(ICEWS_A)])
        assert (report.rows, report.parsed, report.not_events, report.skipped) == (6, 5, 1, 0)
        ev = _events(store)
    visit = ev["1995-01-02 CONSULT"]
    assert (visit["source_code"], visit["source_sector"], visit["target_code"]) == ("RUS", "GOV", "DZA")
    assert visit["cameo"] == "042" and visit["mode"] == "visit" and visit["intensity"] == 1.9
    assert visit["origin"] == "icews" and visit["doc_id"] == "icews:28235901" and visit["sentence"] == 1
    assault = ev["1995-01-01 ASSAULT"]
    # Chechen rebels: an unnamed group of Russia, coded by the country with sector REB
    assert (assault["target_code"], assault["target_country"], assault["target_sector"]) == ("RUS", "RUS", "REB")
    un = ev["1995-01-02 REQUEST"]
    assert un["source_code"] == "UN" and un["source_country"] is None and un["target_code"] == "MLI"
    hamas = ev["1995-01-02 ACCUSE"]
    assert (hamas["source_code"], hamas["source_country"], hamas["target_code"]) == ("HAMAS", "PSE", "ISR")
    for r in ev.values():
        assert r["event_type"] in PLOVER_TYPES


def test_icews_duplicates_and_corrupt_lines() -> None:
    with Store(":memory:") as store:
        report = import_events("icews", store, [str(ICEWS_A), str(ICEWS_B)])
        assert report.parsed == 7 and report.inserted == 6 and report.duplicates == 1
        assert store.count("events") == 6
    skips = {(s.line, s.reason.split(":")[0]) for s in report.skips}
    assert skips == {(3, "wrong column count"), (4, "bad date")}
    assert all(s.path == str(ICEWS_B) for s in report.skips)


def test_icews_zip_and_gzip(tmp_path: Path) -> None:
    z = tmp_path / "events.1995.tab.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(ICEWS_A, "events.1995.tab")
    g = tmp_path / "events.1995.update.tab.gz"
    g.write_bytes(gzip.compress(ICEWS_B.read_bytes()))
    with Store(":memory:") as store:
        report = import_events("icews", store, [str(z), str(g)])
    assert report.inserted == 6 and report.duplicates == 1 and report.skipped == 2
    assert report.skips[0].path == str(g)


def test_not_an_icews_file_is_reported() -> None:
    with Store(":memory:") as store:
        report = import_events("icews", store, [str(POLECAT_A)])
    assert report.parsed == 0 and report.skipped == 1
    assert "not an ICEWS event file" in report.skips[0].reason and report.skips[0].line == 1


def test_polecat_rows_become_events() -> None:
    with Store(":memory:") as store:
        report = import_events("polecat", store, [str(POLECAT_A)])
        assert (report.rows, report.parsed, report.skipped) == (4, 4, 0)
        ev = _events(store)
    visit = ev["2023-01-01 CONSULT"]
    assert (visit["source_code"], visit["source_sector"], visit["target_code"]) == ("RUS", "GOV", "DZA")
    # POLECAT is coded in PLOVER: no CAMEO code is made up for it
    assert visit["mode"] == "visit" and visit["cameo"] is None and list(visit["context"]) == ["diplomatic"]
    assert visit["intensity"] == 1.0 and visit["origin"] == "polecat"
    strike = ev["2023-01-02 ASSAULT"]
    assert strike["mode"] == "aerial" and list(strike["context"]) == ["military", "terrorism"]
    assert strike["intensity"] == -9.0 and strike["target_code"] == "UKR" and strike["target_sector"] == "CVL"
    wagner = ev["2023-01-03 ACCUSE"]
    assert (wagner["source_code"], wagner["source_country"], wagner["target_code"]) == ("WAGNER_GROUP", "RUS", "UN")
    aid = ev["2023-01-04 AID"]
    assert aid["source_code"] == "EU" and aid["source_country"] is None and aid["intensity"] > 0  # PLOVER base score


def test_polecat_duplicates_and_corrupt_lines() -> None:
    with Store(":memory:") as store:
        report = import_events("polecat", store, [str(POLECAT_A), str(POLECAT_B)])
        assert report.parsed == 5 and report.inserted == 4 and report.duplicates == 1
    skips = {(s.line, s.reason.split(":")[0]) for s in report.skips}
    assert skips == {(3, "bad event type"), (4, "bad date"), (5, "wrong column count")}


def test_code_helpers() -> None:
    assert country_name_to_iso3("Russian Federation") == "RUS"
    assert country_name_to_iso3("Occupied Palestinian Territory") == "PSE"
    assert country_name_to_iso3("Puerto Rico") == "USA"  # a territory belongs to its state
    assert country_name_to_iso3("Atlantis") is None
    assert sector_code("Government,Executive,Executive Office") == "GOV"
    assert sector_code("Military") == "MIL"
    assert sector_code("Rebel,Separatists") == "REB"
    assert sector_code("MIL") == "MIL"


def test_cli_import_icews_and_polecat(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    res = CliRunner().invoke(main, ["import", "icews", str(ICEWS_A), str(ICEWS_B), "--db", db, "--json", "-q"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert (out["inserted"], out["duplicates"], out["skipped"]) == (6, 1, 2)
    res = CliRunner().invoke(main, ["import", "polecat", str(POLECAT_A), str(POLECAT_B), "--db", db, "-q"])
    assert res.exit_code == 0, res.output
    assert "4 new in the store, 1 duplicates collapsed" in res.output
    assert "polecat_2023_week01_rerelease.tsv:4: bad date" in res.output
    with Store(db, read_only=True) as store:
        by_origin = dict(store.con.execute("SELECT origin, count(*) FROM events GROUP BY 1").fetchall())
    assert by_origin == {"icews": 6, "polecat": 4}
