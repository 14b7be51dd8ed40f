"""The typed façade (realpolitik.ally, .dependence, .shifts, .balance, .check) and `ask` beyond two states."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import realpolitik
from realpolitik.cli import main
from realpolitik.store.db import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
SIPRI = SHARED / "data" / "reference" / "sipri_trade_register_deliveries_1995_2024.csv"
SEED = SHARED / "seed" / "russia-algeria-2024-11-14.txt"


@pytest.fixture(scope="module")
def db(seed_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    from realpolitik.sources.reference.sipri import read_sipri
    from realpolitik.store.reference_tables import load_frame

    if not SIPRI.exists():
        pytest.skip("../shared SIPRI file is missing")
    path = tmp_path_factory.mktemp("facade") / "f.duckdb"
    shutil.copy(seed_store_path, path)
    with Store(path) as store:
        load_frame(store, "sipri_deliveries", read_sipri(SIPRI), "sipri", str(SIPRI))
    return str(path)


def test_facade_returns_typed_answers_matching_the_cli(db: str) -> None:
    from realpolitik.analysis.facade import AllyAnswer, DependenceAnswer

    a = realpolitik.ally("Algeria", "Mali", db=db)
    assert isinstance(a, AllyAnswer) and a.relation == "allied_but_hostile" and a.formal_alliance
    assert a.as_of == 2018 and str(a) == a.verdict
    out = CliRunner().invoke(main, ["ally", "DZA", "MLI", "--json", "--db", db])
    assert json.loads(out.output) == a.data
    d = realpolitik.dependence("RUS", "DZA", years="2019-2023", db=db)
    assert isinstance(d, DependenceAnswer) and d.more_dependent == "DZA" and d.transfers
    s = realpolitik.shifts("DZA", db=db)
    assert "RUS" not in {p for _, p in s.new_partners} and "RUS" in {p for _, p in s.known_partners}
    c = realpolitik.check(str(SEED), date="2024-11-14", db=db)
    assert sum(c.verdicts.values()) == len(c.claims) and c.verdicts.get("outdated", 0) >= 1


def test_ask_one_state_and_global_questions(db: str) -> None:
    def ask(q: str) -> dict:
        out = CliRunner().invoke(main, ["ask", q, "--json", "--db", db])
        assert out.exit_code == 0, out.output
        return json.loads(out.output)

    dep = ask("Who does Algeria depend on for arms?")
    assert dep["a"] == "DZA" and dep["b"] is None
    assert dep["answers"][0]["topic"] == "dependence" and "Russia" in dep["answers"][0]["claim"]
    west = ask("Has Algeria moved toward the West?")
    assert west["answers"][0]["topic"] == "shifts"
    assert "NATO" in west["answers"][0]["claim"] and "the West:" in west["answers"][0]["claim"]
    cross = ask("Which countries are under cross-pressure?")
    assert cross["answers"][0]["topic"] == "balance" and cross["a"] is None
    vague = ask("What about Algeria?")
    assert vague["answers"][0]["topic"] == "help" and any("shifts DZA" in e for e in vague["answers"][0]["evidence"])
    out = CliRunner().invoke(main, ["ask", "Is the weather nice?", "--db", db])
    assert out.exit_code == 2 and "name a state" in out.stderr
