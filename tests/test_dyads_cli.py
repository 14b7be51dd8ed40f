"""The dyad commands end to end: import, ally, dependence, similarity, claims, check, ask, report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from realpolitik.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"
REF = SHARED / "data" / "reference"
SIPRI = REF / "sipri_trade_register_deliveries_1995_2024.csv"
SEED = SHARED / "seed" / "russia-algeria-2024-11-14.txt"
needs_shared = pytest.mark.skipif(not SIPRI.exists(), reason="../shared is missing")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with the seed ingested and the SIPRI file imported through the CLI."""
    if not SIPRI.exists():
        pytest.skip("../shared is missing")
    path = str(tmp_path_factory.mktemp("cli") / "cli.duckdb")
    code, out, _ = run("import", "sipri", str(SIPRI), "--db", path)
    assert code == 0 and "25024 rows" in out
    code, _, _ = run("ingest", str(SEED), "--date", "2024-11-14", "--db", path, "-q")
    assert code == 0
    return path


def test_ally_json_fresh_store(tmp_path: Path) -> None:
    code, out, _ = run("ally", "RUS", "DZA", "--json", "--db", str(tmp_path / "fresh.duckdb"))
    assert code == 0
    r = json.loads(out)
    assert r["formal_alliance"] is False
    assert r["coverage"]["first_year"] == 1815 and r["coverage"]["last_year"] == 2018
    assert {"formal_alliance", "obligations", "coverage", "events", "verdict"} <= set(r)


def test_ally_json_matches_function(db: str) -> None:
    from realpolitik.analysis.alliance import ally
    from realpolitik.store.db import Store

    code, out, _ = run("ally", "DZA", "MLI", "--json", "--db", db)
    assert code == 0
    r = json.loads(out)
    assert {"type": "defense", "first_year": 2007, "last_year": 2018} in [
        {k: o[k] for k in ("type", "first_year", "last_year")} for o in r["obligations"]
    ]
    assert {"type": "nonagg", "first_year": 2000, "last_year": 2018} in [
        {k: o[k] for k in ("type", "first_year", "last_year")} for o in r["obligations"]
    ]
    with Store(db, read_only=True) as store:
        assert json.loads(json.dumps(ally(store, "DZA", "MLI"), ensure_ascii=False, default=str)) == r


def test_ally_text_with_seed_events(db: str) -> None:
    code, out, _ = run("ally", "Russia", "Algeria", "--db", db)
    assert code == 0
    assert out.startswith("No formal alliance between Russia and Algeria in ATOP 1815–2018")


def test_dependence_json(db: str) -> None:
    code, out, _ = run("dependence", "DZA", "RUS", "--years", "2019-2023", "--json", "--db", db)
    assert code == 0
    r = json.loads(out)
    assert abs(r["importer_share"] - 0.46) <= 0.01 and abs(r["supplier_share"] - 0.05) <= 0.01
    assert (r["supplier_rank"], r["buyer_rank"]) == (1, 5)
    code, out, _ = run("dependence", "DZA", "RUS", "--years", "2014-2018", "--json", "--db", db)
    r = json.loads(out)
    assert abs(r["importer_share"] - 0.66) <= 0.01 and abs(r["supplier_share"] - 0.15) <= 0.01
    assert r["buyer_rank"] == 3
    assert "SIPRI" in r["credit"]


def test_similarity_json(db: str) -> None:
    code, out, _ = run("similarity", "RUS", "DZA", "--json", "--db", db)
    assert code == 0
    r = json.loads(out)
    assert r["ideal_points"] and r["agreement"] and r["trend"]["direction"]


def test_claims_jsonl() -> None:
    code, out, _ = run("claims", str(SEED), "--date", "2024-11-14", "--format", "jsonl")
    assert code == 0
    claims = [json.loads(line) for line in out.splitlines()]
    assert {"arms_buyer_rank", "arms_buyer_share", "arms_import_share", "production_rank", "amount"} <= {
        c["measure"] for c in claims
    }
    assert all({"subject", "measure", "value", "unit", "period", "evidence"} <= set(c) for c in claims)


def test_check_seed(db: str) -> None:
    code, out, _ = run("check", str(SEED), "--date", "2024-11-14", "--json", "--db", db)
    assert code == 0
    r = json.loads(out)
    by = {(c["measure"], c.get("item")): c["check"] for c in r["claims"]}
    share = next(v for (m, _), v in by.items() if m == "arms_buyer_share")
    assert share["verdict"] == "outdated" and "2014-2018" in share["matching_periods"]
    assert by[("production_rank", "natural gas")]["verdict"] == "unverifiable"
    code, out, _ = run("check", str(SEED), "--date", "2024-11-14", "--db", db)
    assert "OUTDATED" in out and "UNVERIFIABLE" in out


def test_ask(db: str) -> None:
    code, out, _ = run("ask", "Is Russia an ally of Algeria?", "--db", db)
    assert code == 0
    assert out.startswith("No formal alliance between Russia and Algeria")
    assert "  - ATOP 1815–2018" in out
    code, out, _ = run("ask", "Does Algeria depend on Russia for weapons?", "--json", "--db", db)
    r = json.loads(out)
    assert r["intents"] == ["dependence"] and "Algeria depends on Russia" in r["answers"][0]["claim"]


def test_report(db: str, tmp_path: Path) -> None:
    out_file = tmp_path / "brief.html"
    code, _, _ = run("report", "DZA", "RUS", "--html", str(out_file), "--db", db)
    assert code == 0
    html = out_file.read_text(encoding="utf-8")
    assert html.count("<svg") >= 3 and "SIPRI Arms Transfers Database" in html
    assert "No formal alliance" in html and "<script" not in html


def test_import_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "atop.csv"
    bad.write_text("ccode1,year\n2,1950\n")
    code, _, err = run("import", "atop", str(bad), "--db", str(tmp_path / "x.duckdb"))
    assert code == 2
    assert err.strip().count("\n") == 0 and f"{bad}:1: missing column(s)" in err
    code, _, err = run("dependence", "DZA", "RUS", "--db", str(tmp_path / "x.duckdb"))
    assert code == 2 and "realpolitik import sipri" in err


@needs_shared
def test_import_bundled_kinds(tmp_path: Path) -> None:
    dbp = str(tmp_path / "imp.duckdb")
    for kind, f in (("atop", "atop_alliance.csv.gz"), ("cow", "cow_states.csv"), ("unga", "unga_idealpoints_2025.csv")):
        code, out, _ = run("import", kind, str(REF / f), "--db", dbp)
        assert code == 0, out
    code, out, _ = run("ally", "DZA", "MLI", "--json", "--db", dbp)
    assert json.loads(out)["coverage"]["bundled"] is False
