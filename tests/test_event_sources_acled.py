"""`import acled`: ACLED's documented column layout (tests/fixtures/events/acled_sample.csv: ten events written
for these tests in the codebook's 2023 columns), as CSV and tab-separated, older upper-case exports, the API's
worded actor types, and the ACLED -> PLOVER mapping covering every sub-event type of the codebook."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from realpolitik.cli import main
from realpolitik.codes import acled_inter_sector, acled_to_plover
from realpolitik.event_sources import import_events
from realpolitik.model import PLOVER_TYPES
from realpolitik.store.db import Store

SAMPLE = Path(__file__).parent / "fixtures" / "events" / "acled_sample.csv"

# The ACLED codebook's event types and sub-event types.
CODEBOOK = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory",
        "Other",
    ),
}  # fmt: skip


def _table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _rows(store: Store) -> dict[str, dict]:
    cur = store.con.execute("SELECT * FROM events ORDER BY event_id")
    cols = [d[0] for d in cur.description]
    return {r[0]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}


def _tsv(rows: list[dict[str, str]], path: Path, rename: dict[str, str] | None = None) -> Path:
    cols = list(rows[0])
    lines = ["\t".join((rename or {}).get(c, c) for c in cols)]
    lines += ["\t".join(r[c].replace("\n", " ") for c in cols) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_codebook_sub_event_type_has_a_plover_coding() -> None:
    for event_type, subs in CODEBOOK.items():
        for sub in subs:
            coding = acled_to_plover(event_type, sub)
            assert coding is not None and coding.event_type in PLOVER_TYPES, sub
    protest, riot = acled_to_plover("Protests", "Peaceful protest"), acled_to_plover("Riots", "Some new sub-event")
    assert protest is not None and protest.event_type == "PROTEST"
    assert riot is not None and riot.mode == "riot"  # falls back on the event type
    assert acled_to_plover("Parades", "Marching band") is None
    assert acled_inter_sector("1") == acled_inter_sector("State forces") == "MIL"
    assert acled_inter_sector("6.0") == acled_inter_sector("Protesters") == "OPP"


def test_the_ten_rows_become_ten_events_with_their_ids(tmp_path: Path) -> None:
    table = _table(SAMPLE)
    db = tmp_path / "a.duckdb"
    res = CliRunner().invoke(main, ["import", "acled", str(SAMPLE), "--db", str(db), "--json", "-q"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert (out["rows"], out["parsed"], out["inserted"], out["skipped"]) == (len(table), len(table), len(table), 0)
    with Store(db, read_only=True) as store:
        rows = _rows(store)
    assert set(rows) == {f"acled:{r['event_id_cnty']}" for r in table}
    for r in table:
        ev = rows[f"acled:{r['event_id_cnty']}"]
        assert ev["source_event_id"] == r["event_id_cnty"] and ev["origin"] == "acled"
        assert ev["date"] == r["event_date"] and ev["place"] == r["location"]
        assert ev["latitude"] == pytest.approx(float(r["latitude"]))
        assert ev["fatalities"] == int(r["fatalities"])
        assert ev["source_event_type"] == f"{r['event_type']}: {r['sub_event_type']}"
        assert ev["cameo"] is None
        assert (ev["target_code"] is None) == (r["actor2"] == "")  # one-sided events kept, with no target
        assert ev["evidence_text"].startswith(r["notes"].split("\n")[0])


def test_actors(tmp_path: Path) -> None:
    with Store(":memory:") as store:
        import_events("acled", store, [str(SAMPLE)])
        rows = _rows(store)
    clash = rows["acled:NIG90001"]
    assert (clash["event_type"], clash["mode"]) == ("ASSAULT", "firearms")
    assert (clash["source_code"], clash["source_country"], clash["source_sector"]) == ("NGA", "NGA", "MIL")
    assert (clash["target_code"], clash["target_country"], clash["target_sector"]) == ("BOKO_HARAM", "NGA", "REB")
    protest = rows["acled:NIG90002"]
    assert (protest["event_type"], protest["source_code"], protest["source_sector"]) == ("PROTEST", "NGA", "OPP")
    police = rows["acled:KEN90003"]
    assert (police["target_code"], police["target_sector"]) == ("KEN", "COP")
    wagner = rows["acled:MLI90007"]
    assert (wagner["source_code"], wagner["source_sector"], wagner["event_type"]) == ("MLI", "GOV", "AGREE")
    assert (wagner["target_code"], wagner["target_country"]) == ("WAGNER_GROUP", None)  # external: no country
    jnim = rows["acled:MLI90009"]
    assert (jnim["source_code"], jnim["source_country"]) == ("JNIM", "MLI")
    strike = rows["acled:UKR90005"]
    assert (strike["source_code"], strike["target_code"], strike["mode"]) == ("RUS", "UKR", "aerial")


def test_tab_separated_and_older_upper_case_exports(tmp_path: Path) -> None:
    table = _table(SAMPLE)
    with Store(":memory:") as store:
        import_events("acled", store, [str(SAMPLE)])
        expected = store.query("SELECT event_id, event_type, source_code, target_code, date FROM events ORDER BY 1")
    tsv = _tsv(table, tmp_path / "acled.tsv")
    # an older export: upper-case names, dates as "15 January 2023", actor types as numbers
    old_rows = [dict(r) for r in table]
    for r in old_rows:
        y, m, d = r["event_date"].split("-")
        r["event_date"] = f"{int(d)} {['January', 'February'][int(m) - 1]} {y}"
    old = _tsv(old_rows, tmp_path / "acled_old.txt", rename={c: c.upper() for c in table[0]})
    # the API's worded actor types and day-first dates
    api_rows = [dict(r) for r in table]
    words = {"1": "State forces", "2": "Rebel group", "3": "Political militia", "5": "Rioters", "6": "Protesters"}
    for r in api_rows:
        r["inter1"] = words.get(r["inter1"], r["inter1"])
        y, m, d = r["event_date"].split("-")
        r["event_date"] = f"{d}-{m}-{y}"
    api = _tsv(api_rows, tmp_path / "acled_api.tsv")
    for path in (tsv, old, api):
        with Store(":memory:") as store:
            report = import_events("acled", store, [str(path)])
            got = store.query("SELECT event_id, event_type, source_code, target_code, date FROM events ORDER BY 1")
        assert report.skipped == 0 and got.equals(expected), path.name


def test_bad_rows_are_named(tmp_path: Path) -> None:
    table = _table(SAMPLE)[:3]
    table[1]["event_date"] = "sometime"
    table[2]["sub_event_type"], table[2]["event_type"] = "Parade", "Festivities"
    path = _tsv(table, tmp_path / "bad.tsv")
    with Store(":memory:") as store:
        report = import_events("acled", store, [str(path)])
    assert report.inserted == 1
    assert [(s.line, s.reason.split(":")[0]) for s in report.skips] == [(3, "bad date"), (4, "bad event type")]


def test_state_forces_however_acled_words_them(tmp_path: Path) -> None:
    table = _table(SAMPLE)[:4]
    table[0]["actor1"] = "Military Forces of Sudan (2019-2023) Rapid Support Forces"
    table[1]["actor1"] = "Police Forces of the Democratic Republic of Congo (2019-)"
    table[2]["actor2"] = "Protesters (Côte d'Ivoire)"
    table[3]["actor1"] = "Government of the United States (2021-)"
    path = _tsv(table, tmp_path / "forces.tsv")
    with Store(":memory:") as store:
        import_events("acled", store, [str(path)])
        sql = "SELECT source_code, source_sector, target_code FROM events ORDER BY event_id"
        got = store.con.execute(sql).fetchall()
    assert got == [
        ("KEN", "OPP", "CIV"),  # KEN90003: protesters and, as actor2 now, protesters of Côte d'Ivoire
        ("SDN", "MIL", "BOKO_HARAM"),  # NIG90001
        ("COD", "COP", None),  # NIG90002
        ("USA", "GOV", "SDN"),  # SUD90004
    ]


def test_a_spreadsheet_export_with_a_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "acled_excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    with Store(":memory:") as store:
        report = import_events("acled", store, [str(path)])
    assert (report.parsed, report.skipped) == (len(_table(SAMPLE)), 0)


def test_a_semicolon_separated_spreadsheet_export(tmp_path: Path) -> None:
    table = _table(SAMPLE)
    path = tmp_path / "acled_semicolons.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(table[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(table)
    with Store(":memory:") as store:
        report = import_events("acled", store, [str(path)])
    assert (report.parsed, report.skipped) == (len(table), 0)
