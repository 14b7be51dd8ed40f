"""check: world-rank energy claims against the CIA World Factbook (imported from ../shared/data/factbook)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from realpolitik.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"
FACTBOOK = SHARED / "data" / "factbook"
SEED = SHARED / "seed" / "russia-algeria-2024-11-14.txt"


@pytest.fixture(scope="module")
def fb_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not FACTBOOK.exists():
        pytest.skip("../shared Factbook files are missing")
    path = str(tmp_path_factory.mktemp("fb") / "fb.duckdb")
    out = CliRunner().invoke(main, ["import", "factbook", str(FACTBOOK), "--db", path])
    assert out.exit_code == 0, out.output
    assert "2021-2025 editions" in out.output
    return path


def test_seed_gas_claim_names_the_larger_producer(fb_db: str) -> None:
    out = CliRunner().invoke(main, ["check", str(SEED), "--date", "2024-11-14", "--json", "--db", fb_db])
    assert out.exit_code == 0, out.output
    claims = {(c["measure"], c.get("item")): c["check"] for c in json.loads(out.output)["claims"]}
    gas = claims[("production_rank", "natural gas")]
    assert gas["verdict"] in ("outdated", "contradicted")
    assert gas["ahead"][0] == "USA" and "United States" in gas["reason"]
    assert gas["reference_period"] == "2024" and gas["reference_estimate_year"] is not None
    assert "est." in gas["reason"] and "CIA World Factbook" in gas["source"]
    oil = claims[("production_rank", "oil")]
    assert oil["verdict"] != "unverifiable" and oil["reference_value"] >= 1


def test_factbook_values_and_units() -> None:
    from realpolitik.sources.reference.factbook import parse_value, read_factbook

    assert parse_value("93.5 billion cu m (2017 est.)") == (93.5e9, "cu m", 2017)
    assert parse_value("1,414,800 bbl/day (2021 est.)") == (1414800.0, "bbl/day", 2021)
    assert parse_value("no figure") is None
    df = read_factbook(FACTBOOK)
    gas = df[(df.edition == 2024) & (df.item == "natural gas") & (df.measure == "production")]
    assert gas.sort_values("value", ascending=False).iloc[0]["iso3"] == "USA"
    assert set(df["unit"]) <= {"cubic metres", "bbl/day", "barrels"}
    assert not df.duplicated(["edition", "iso3", "item", "measure"]).any()


def test_import_factbook_errors_are_one_line(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["import", "factbook", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert out.exit_code == 2
    assert out.stderr.strip().count("\n") == 0 and "fips_to_iso2.csv" in out.stderr
