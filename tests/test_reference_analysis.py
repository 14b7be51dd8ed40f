"""ally / dependence / similarity over the store: bundled data on a fresh store, SIPRI imported from ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realpolitik.errors import InputError, ReferenceDataError
from realpolitik.store.db import Store

REF = Path(__file__).resolve().parents[2] / "shared" / "data" / "reference"
SIPRI = REF / "sipri_trade_register_deliveries_1995_2024.csv"
needs_shared = pytest.mark.skipif(not SIPRI.exists(), reason="../shared SIPRI file is missing")


@pytest.fixture(scope="module")
def sipri_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from realpolitik.sources.reference.sipri import read_sipri
    from realpolitik.store.reference_tables import load_frame

    if not SIPRI.exists():
        pytest.skip("../shared SIPRI file is missing")
    path = tmp_path_factory.mktemp("sipri") / "sipri.duckdb"
    with Store(path) as store:
        load_frame(store, "sipri_deliveries", read_sipri(SIPRI), "sipri", str(SIPRI))
    return str(path)


def test_ally_rus_dza_fresh_store(tmp_path: Path) -> None:
    from realpolitik.analysis.alliance import ally

    with Store(tmp_path / "fresh.duckdb") as store:
        r = ally(store, "RUS", "DZA")
        assert r["formal_alliance"] is False
        assert r["obligations"] == []
        assert r["coverage"]["first_year"] == 1815 and r["coverage"]["last_year"] == 2018
        assert "no formal alliance" in r["verdict"].lower() and "1815–2018" in r["verdict"]
        assert json.loads(json.dumps(r)) == r  # JSON-able as is
        # the bundled table was copied in once
        assert store.count("atop_dyad_year") > 100000


def test_ally_dza_mli_obligations() -> None:
    from realpolitik.analysis.alliance import ally

    with Store(":memory:") as store:
        r = ally(store, "Algeria", "Mali")
        assert r["formal_alliance"] is True
        assert {"type": "defense", "first_year": 2007, "last_year": 2018} in [
            {k: o[k] for k in ("type", "first_year", "last_year")} for o in r["obligations"]
        ]
        assert {"type": "nonagg", "first_year": 2000, "last_year": 2018} in [
            {k: o[k] for k in ("type", "first_year", "last_year")} for o in r["obligations"]
        ]
        assert ally(store, "DZA", "MLI", year=2003)["obligations_in_force"] == ["nonagg"]
        beyond = ally(store, "DZA", "MLI", year=2024)
        assert beyond["year_used"] == 2018 and "beyond" in beyond["verdict"]


def test_ally_multilateral_pact_counts() -> None:
    """NATO members are allies through a multilateral pact (United States and Turkey)."""
    from realpolitik.analysis.alliance import ally

    with Store(":memory:") as store:
        r = ally(store, "USA", "Turkiye", year=2000)
        assert r["formal_alliance"] and "defense" in r["obligations_in_force"]


def test_ally_on_read_only_store(seed_store_path: Path) -> None:
    """The dashboard's read-only store reads the bundled Parquet in place; the seed gives event evidence."""
    from realpolitik.analysis.alliance import ally

    with Store(seed_store_path, read_only=True) as store:
        r = ally(store, "RUS", "DZA")
    assert r["formal_alliance"] is False
    assert "no formal alliance" in r["verdict"].lower()
    assert r["events"]["total"] >= 1
    assert all(e["evidence"] for e in r["partnership"] + r["divergences"])


def test_unknown_actor() -> None:
    from realpolitik.analysis.alliance import ally

    with Store(":memory:") as store, pytest.raises(InputError, match="unknown state 'Atlantis'"):
        ally(store, "Atlantis", "DZA")


@needs_shared
@pytest.mark.parametrize(
    ("years", "importer", "supplier", "buyer_rank"),
    [("2019-2023", 0.46, 0.05, 5), ("2014-2018", 0.66, 0.15, 3)],
)
def test_dependence_bars(sipri_store: str, years: str, importer: float, supplier: float, buyer_rank: int) -> None:
    from realpolitik.analysis.dependence import dependence

    with Store(sipri_store, read_only=True) as store:
        r = dependence(store, "DZA", "RUS", years=years)
    assert abs(r["importer_share"] - importer) <= 0.01
    assert abs(r["supplier_share"] - supplier) <= 0.01
    assert r["supplier_rank"] == 1
    assert r["buyer_rank"] == buyer_rank
    assert r["asymmetry"] > 0.3
    assert 0 < r["importer_hhi"] <= 1 and 0 < r["supplier_buyer_hhi"] <= 1
    assert "SIPRI Arms Transfers Database" in r["credit"]


@needs_shared
def test_dependence_default_periods(sipri_store: str) -> None:
    from realpolitik.analysis.dependence import dependence

    with Store(sipri_store, read_only=True) as store:
        r = dependence(store, "Algeria", "Russia")
    assert [p["period"] for p in r["periods"]][-1] == "2020-2024"
    assert r["period"] == "2020-2024"
    assert all(p["supplier_rank"] == 1 for p in r["periods"])


def test_dependence_without_sipri() -> None:
    from realpolitik.analysis.dependence import dependence

    with Store(":memory:") as store, pytest.raises(ReferenceDataError, match="import sipri"):
        dependence(store, "DZA", "RUS")


def test_parse_years() -> None:
    from realpolitik.analysis.dependence import parse_years

    assert parse_years("2019-2023") == (2019, 2023)
    assert parse_years("2014–18") == (2014, 2018)
    assert parse_years("2020") == (2020, 2020)
    with pytest.raises(InputError):
        parse_years("last year")


def test_similarity_bundled() -> None:
    from realpolitik.analysis.similarity import similarity

    with Store(":memory:") as store:
        r = similarity(store, "RUS", "DZA")
        usa = similarity(store, "RUS", "USA")
    assert r["ideal_points"][0]["year"] <= 1963
    assert r["latest"]["ideal_year"] >= 2023
    assert 0 <= r["latest"]["agreement"] <= 1
    assert r["agreement"][-1]["year"] >= 2019
    assert r["trend"]["direction"] in ("converging", "diverging", "stable")
    # Russia is closer to Algeria than to the United States at the UN
    assert r["latest"]["distance"] < usa["latest"]["distance"]
    assert r["latest"]["agreement"] > usa["latest"]["agreement"]


def test_ally_lists_treaties_from_member_file(tmp_path: Path) -> None:
    """With ATOP's member-level file imported, ally names the treaties both states belong to."""
    from realpolitik.analysis.alliance import ally
    from realpolitik.sources.reference.atop import read_atop_members
    from realpolitik.store.reference_tables import load_frame

    f = tmp_path / "atop5_1m.csv"
    f.write_text(
        "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,defense,offense,neutral,nonagg,consul\n"
        "4125,615,2007,1,1,0,0,0,1,0,0,1,0\n4125,432,2007,1,1,0,0,0,1,0,0,1,0\n"
        "4999,615,1990,1,1,1995,1,1,0,0,0,0,1\n"
    )
    with Store(tmp_path / "m.duckdb") as store:
        load_frame(store, "atop_members", read_atop_members(f), "atop-members", str(f))
        r = ally(store, "DZA", "MLI")
    assert r["treaties"] == [
        {
            "atopid": 4125,
            "first_year": 2007,
            "last_year": None,
            "obligations": ["defense", "nonagg"],
            "start_date": "2007-01-01",
            "end_date": None,
            "members": 2,
            "multilateral": False,
        }
    ]
    defence = next(o for o in r["obligations"] if o["type"] == "defense")
    assert defence["pact"] == "ATOP 4125" and defence["multilateral"] is False and not defence["inferred"]
