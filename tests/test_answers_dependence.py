"""dependence A B answers both directions whatever the order (SIPRI imported from ../shared, never bundled)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from realpolitik.cli import main
from realpolitik.store.db import Store

SIPRI = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "reference"
    / "sipri_trade_register_deliveries_1995_2024.csv"
)


@pytest.fixture(scope="module")
def sipri_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from realpolitik.sources.reference.sipri import read_sipri
    from realpolitik.store.reference_tables import load_frame

    if not SIPRI.exists():
        pytest.skip("../shared SIPRI file is missing")
    path = tmp_path_factory.mktemp("dep") / "sipri.duckdb"
    with Store(path) as store:
        load_frame(store, "sipri_deliveries", read_sipri(SIPRI), "sipri", str(SIPRI))
    return str(path)


def _dep(db: str, a: str, b: str, years: str | None = "2019-2023") -> dict:
    args = ["dependence", a, b, "--json", "--db", db] + (["--years", years] if years else [])
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def test_order_does_not_change_the_answer(sipri_db: str) -> None:
    ab, ba = _dep(sipri_db, "RUS", "DZA"), _dep(sipri_db, "DZA", "RUS")
    for r in (ab, ba):
        assert r["more_dependent"] == "DZA"
        rus_to_dza = next(f for f in r["flows"] if f["supplier"] == "RUS")
        assert r["flows"][0]["supplier"] == "RUS"  # the larger flow first
        assert round(rus_to_dza["share_of_recipient_imports"], 3) == 0.463
        assert rus_to_dza["supplier_rank"] == 1 and rus_to_dza["buyer_rank"] == 5
        assert 0 < rus_to_dza["recipient_supplier_hhi"] <= 1 and 0 < rus_to_dza["supplier_buyer_hhi"] <= 1
        assert r["dependence"]["DZA"]["score"] > r["dependence"]["RUS"]["score"]
        assert "46.3% of Algeria's arms imports" in r["summary"]
        assert "Algeria depends on Russia more than Russia on Algeria" in r["summary"]
        assert "None" not in r["summary"] and "mutual" not in r["summary"]
    assert ab["flows"] == ba["flows"] and ab["summary"] == ba["summary"]


def test_every_default_period_names_the_dependent_side(sipri_db: str) -> None:
    r = _dep(sipri_db, "Russia", "Algeria", years=None)
    assert len(r["periods"]) >= 5
    assert {p["more_dependent"] for p in r["periods"]} == {"DZA"}


def test_two_way_trade_lists_both_directions(sipri_db: str) -> None:
    r = _dep(sipri_db, "ISR", "USA")
    flows = {(f["supplier"], f["recipient"]): f for f in r["flows"]}
    assert flows[("USA", "ISR")]["tiv"] > flows[("ISR", "USA")]["tiv"] > 0
    assert r["more_dependent"] == "ISR"
    assert all(f["supplier_rank"] and f["buyer_rank"] for f in flows.values())


def test_no_transfers_either_way(sipri_db: str) -> None:
    r = _dep(sipri_db, "ISL", "NZL")
    assert r["transfers"] is False and r["more_dependent"] is None
    assert "no arms transfers either way" in r["summary"] and "mutual" not in r["summary"]
    text = CliRunner().invoke(main, ["dependence", "ISL", "NZL", "--years", "2019-2023", "--db", sipri_db])
    assert text.exit_code == 0 and "None" not in text.output
