"""shifts against a baseline of reference data: a long-standing partner is not new; a break is a move away."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from realpolitik.analysis.shifts import shifts
from realpolitik.model import Actor, EventRecord, Evidence
from realpolitik.store.db import Store

SIPRI = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "reference"
    / "sipri_trade_register_deliveries_1995_2024.csv"
)


@pytest.fixture(scope="module")
def seed_sipri_db(seed_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed article ingested and the SIPRI trade register imported (a copy of the session's seed store)."""
    from realpolitik.sources.reference.sipri import read_sipri
    from realpolitik.store.reference_tables import load_frame

    if not SIPRI.exists():
        pytest.skip("../shared SIPRI file is missing")
    path = tmp_path_factory.mktemp("seed-sipri") / "s.duckdb"
    shutil.copy(seed_store_path, path)
    with Store(path) as store:
        load_frame(store, "sipri_deliveries", read_sipri(SIPRI), "sipri", str(SIPRI))
    return str(path)


def test_seed_with_sipri_new_partners_are_nato_and_the_us_not_russia(seed_sipri_db: str) -> None:
    res = shifts(seed_sipri_db, "DZA")
    new = {n["partner"]: n for n in res["new_partners"]}
    known = {n["partner"]: n for n in res["known_partners"]}
    assert "NATO" in new and ({"USA", "BGR_GROUP"} & set(new))
    assert "RUS" not in new
    assert "RUS" in known and any("SIPRI" in why and "arms imports" in why for why in known["RUS"]["baseline"])
    assert "SIPRI arms transfers" in res["baseline"]["sources"]
    # without the reference baseline the same events would call Russia new
    bare = shifts(seed_sipri_db, "DZA", reference=False)
    assert "RUS" in {n["partner"] for n in bare["new_partners"]}


def _ev(
    i: int, tgt: str, event_type: str, mode: str | None, cameo: str, intensity: float, text: str, date: str
) -> EventRecord:
    return EventRecord(
        doc_id=f"d{i}",
        sentence=0,
        event_type=event_type,
        source=Actor("Algeria", 0, 7, "DZA", "DZA", None),
        target=Actor(tgt, 8, 11, tgt, tgt, None),
        evidence=Evidence(text, 0, len(text)),
        intensity=intensity,
        date=date,
        mode=mode,
        cameo=cameo,
    )


def test_a_recall_is_a_break_not_a_new_partner(tmp_path: Path) -> None:
    db = tmp_path / "b.duckdb"
    recs = [
        _ev(0, "ESP", "COOPERATE", None, "060", 6.0, "Algeria and Spain signed a gas cooperation deal.", "2021-03-01"),
        # coded as a de-escalation (+9) by a coder, yet it withdraws an ambassador: a move away
        _ev(1, "ESP", "RETREAT", "withdraw", "087", 9.0, "Algeria withdrew its ambassador to Spain.", "2022-03-19"),
        _ev(2, "FRA", "RETREAT", "withdraw", "087", 9.0, "Algeria recalled its ambassador to France.", "2022-07-30"),
        _ev(3, "ITA", "COOPERATE", None, "060", 6.0, "Algeria and Italy agreed to raise gas flows.", "2022-04-11"),
    ]
    with Store(db) as store:
        for k, r in enumerate(recs):
            store.add_events([r], f"doc-{k}")
    res = shifts(str(db), "DZA", by="year", reference=False)
    assert {n["partner"] for n in res["new_partners"]} == {"ESP", "ITA"}
    assert {(b["period"], b["partner"]) for b in res["breaks"]} == {("2022", "ESP"), ("2022", "FRA")}
    y2022 = next(p for p in res["periods"] if p["period"] == "2022")
    assert "ESP" in y2022["conflict"] and "ESP" not in y2022["cooperation"]
    assert all(b["evidence"] for b in res["breaks"])
