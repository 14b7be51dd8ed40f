"""ally: a relation an analyst can sign (defence/offence pacts only make allies; disputes and events weigh in)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from realpolitik.analysis.alliance import RELATIONS, ally
from realpolitik.cli import main
from realpolitik.store.db import Store

REF = Path(__file__).resolve().parents[2] / "shared" / "data" / "reference"
MID = REF / "cow_mid_ddydisps.csv"


@pytest.fixture(scope="module")
def mid_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not MID.exists():
        pytest.skip("../shared MID file is missing")
    path = str(tmp_path_factory.mktemp("mid") / "mid.duckdb")
    out = CliRunner().invoke(main, ["import", "mid", str(MID), "--db", path])
    assert out.exit_code == 0, out.output
    return path


def test_a_non_aggression_treaty_is_not_an_alliance() -> None:
    with Store(":memory:") as store:
        r = ally(store, "IND", "PAK")
    assert r["formal_alliance"] is False and r["relation"] == "treaty_partner"
    assert r["obligations_in_force"] == ["nonagg", "consul"]
    tashkent = next(o for o in r["obligations"] if o["type"] == "nonagg")
    assert tashkent["first_year"] == 1966 and tashkent["multilateral"] is False
    assert "as of 2018" in r["verdict"] and "not an alliance" in r["verdict"]
    assert not r["verdict"].startswith("India and Pakistan are formal allies")


def test_disputes_make_treaty_partners_adversaries_and_allies_hostile(mid_db: str) -> None:
    with Store(mid_db, read_only=True) as store:
        ind_pak = ally(store, "India", "Pakistan")
        arm_aze = ally(store, "ARM", "AZE")
        usa_tur = ally(store, "USA", "TUR")
    assert ind_pak["relation"] == "adversary" and ind_pak["formal_alliance"] is False
    assert ind_pak["recent_disputes"] and "militarised dispute" in ind_pak["verdict"]
    assert arm_aze["relation"] == "allied_but_hostile" and arm_aze["formal_alliance"] is True
    defence = next(o for o in arm_aze["obligations"] if o["type"] == "defense")
    assert defence["multilateral"] is True and defence["co_members"] >= 1
    assert usa_tur["relation"] == "ally"


def test_seed_relations(seed_store_path: Path) -> None:
    """Seed ingested: Russia and Algeria are partners (no pact); Algeria and Mali allied but hostile."""
    with Store(seed_store_path, read_only=True) as store:
        rus_dza = ally(store, "RUS", "DZA")
        dza_mli = ally(store, "DZA", "MLI")
    assert rus_dza["relation"] == "partner" and rus_dza["formal_alliance"] is False
    assert rus_dza["verdict"].startswith("No formal alliance") and "partners" in rus_dza["verdict"]
    assert dza_mli["relation"] == "allied_but_hostile" and dza_mli["formal_alliance"] is True
    pact = next(o for o in dza_mli["pacts_in_force"] if o["type"] == "defense")
    assert pact["multilateral"] is True
    assert "as of 2018" in dza_mli["verdict"] and "hostile" in dza_mli["verdict"]
    assert dza_mli["events_after_coverage"]["conflictual"] >= 1


def test_json_relation_field_and_mid_reader(mid_db: str) -> None:
    from realpolitik.sources.reference.mid import read_mid

    out = CliRunner().invoke(main, ["ally", "ARM", "AZE", "--json", "--db", mid_db])
    assert out.exit_code == 0, out.output
    r = json.loads(out.output)
    assert r["relation"] in RELATIONS and r["relation"] == "allied_but_hostile"
    df = read_mid(MID)
    raw_rows = sum(1 for _ in MID.open()) - 1
    assert len(df) * 2 == raw_rows  # each directed pair folded once
    assert (df["ccode1"] < df["ccode2"]).all() and df["hostlev"].between(1, 5).all()


def test_import_mid_bad_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "mid.csv"
    bad.write_text("dispnum,ccode1,ccode2,year,hostlev\n1,2,20,1990,4\n2,2,20,19x0,4\n")
    out = CliRunner().invoke(main, ["import", "mid", str(bad), "--db", str(tmp_path / "m.duckdb")])
    assert out.exit_code == 2
    assert out.stderr.strip().count("\n") == 0 and f"{bad}:3" in out.stderr and "year" in out.stderr
