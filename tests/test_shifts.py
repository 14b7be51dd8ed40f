"""Shifts: an actor's partners over time, tested changes with their drivers, new cooperative partners."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from realpolitik.analysis.shifts import shifts
from realpolitik.model import Actor, EventRecord, Evidence
from realpolitik.store.db import Store


def event(
    i: int, src: str, tgt: str, event_type: str, intensity: float, date: str, country: str | None = None
) -> EventRecord:
    text = f"{src} {event_type.lower()} {tgt} on {date} ({i})."
    tc = country if country else (tgt if len(tgt) == 3 else None)
    return EventRecord(
        doc_id="t",
        sentence=i,
        event_type=event_type,
        source=Actor(src, 0, 1, src, src if len(src) == 3 else None, None),
        target=Actor(tgt, 2, 3, tgt, tc, "BUS" if country else None),
        evidence=Evidence(text, 0, len(text)),
        intensity=intensity,
        date=date,
    )


def store_with(path: Path, recs: list[EventRecord], per_doc: int = 1) -> Path:
    with Store(path) as store:
        for k in range(0, len(recs), per_doc):
            store.add_events(recs[k : k + per_doc], f"doc-{k}")
    return path


def realignment() -> list[EventRecord]:
    """Algeria: two years of Russian cooperation and French quarrels, then NATO and the US from 2024Q2."""
    rng = np.random.default_rng(1)
    recs: list[EventRecord] = []
    i = 0
    quarters = [(y, q) for y in (2022, 2023, 2024) for q in (1, 2, 3, 4)]
    for y, q in quarters:
        late = (y, q) >= (2024, 2)
        mix = (
            [("RUS", "COOPERATE", 6.0)] * 10 + [("FRA", "ACCUSE", -3.0)] * 5 + [("CHN", "AGREE", 4.0)] * 5
            if not late
            else [("RUS", "COOPERATE", 6.0)] * 6 + [("NATO", "COOPERATE", 6.0)] * 8 + [("USA", "AGREE", 4.0)] * 6
        )
        for partner, et, inten in mix:
            month = 3 * (q - 1) + 1 + int(rng.integers(0, 3))
            recs.append(event(i, "DZA", partner, et, inten, f"{y}-{month:02d}-{int(rng.integers(1, 28)):02d}"))
            i += 1
    return recs


def test_a_realignment_is_a_significant_change_driven_by_the_new_partners(tmp_path: Path) -> None:
    db = store_with(tmp_path / "s.duckdb", realignment(), per_doc=40)
    res = shifts(str(db), "DZA", by="quarter")
    assert res["actor"] == "DZA" and res["events"] == 240
    assert [p["period"] for p in res["periods"]][:2] == ["2022Q1", "2022Q2"]
    changes = {c["period"]: c for c in res["changes"]}
    assert "2024Q2" in changes
    c = changes["2024Q2"]
    assert c["statistic"] > 20 and c["p_value"] < 0.001 and c["q_value"] < 0.05 and c["dof"] >= 3
    assert c["method"] in ("chi-square", "monte-carlo")
    drivers = {(d["partner"], d["polarity"]) for d in c["drivers"]}
    assert ("NATO", "cooperation") in drivers and ("USA", "cooperation") in drivers
    nato = next(d for d in c["drivers"] if d["partner"] == "NATO")
    assert nato["events_before"] == 0 and nato["share_now"] > 0.3 and nato["evidence"]
    # quarters before the realignment draw from one distribution: no change is claimed there
    assert all(t["period"] >= "2024Q2" for t in res["changes"])
    new = {(n["period"], n["partner"]) for n in res["new_partners"]}
    assert ("2024Q2", "NATO") in new and ("2024Q2", "USA") in new
    assert all(n["evidence"] for n in res["new_partners"])


def test_yearly_view_and_blocs(tmp_path: Path) -> None:
    db = store_with(tmp_path / "s.duckdb", realignment(), per_doc=40)
    res = shifts(str(db), "DZA", by="year")
    assert [p["period"] for p in res["periods"]] == ["2022", "2023", "2024"]
    y2024 = res["periods"][2]
    assert y2024["cooperation"]["NATO"]["events"] == 24
    assert set(y2024["blocs"]) <= {"same", "other", "none"}
    t2024 = next(t for t in res["tests"] if t["period"] == "2024")
    assert t2024["significant"] and t2024["p_value"] < 0.001
    assert not next(t for t in res["tests"] if t["period"] == "2023")["significant"]


def test_firms_bring_their_country_in_as_a_partner(tmp_path: Path) -> None:
    recs = [
        event(0, "DZA", "RUS", "ACCUSE", -3, "2022"),
        event(1, "DZA", "BGR_GROUP", "AGREE", 4, "2024-09", country="USA"),
        event(2, "DZA", "NATO", "COOPERATE", 6, "2024-11"),
    ]
    db = store_with(tmp_path / "s.duckdb", recs)
    res = shifts(str(db), "DZA", by="year")
    new = {n["partner"]: n for n in res["new_partners"]}
    assert set(new) == {"BGR_GROUP", "USA", "NATO"}
    assert new["USA"]["via"] == ["BGR_GROUP"] and new["USA"]["period"] == "2024"
    assert new["USA"]["evidence"] == new["BGR_GROUP"]["evidence"] != []
    assert all(n["history_before"] for n in res["new_partners"])
    # a handful of events: the test is reported (permutation p-value), but nothing is significant
    (t,) = res["tests"]
    assert t["method"] == "monte-carlo" and 0 < t["p_value"] <= 1 and not t["significant"]


def test_unknown_actor_and_bad_period(tmp_path: Path) -> None:
    from realpolitik.errors import RealpolitikError

    db = store_with(tmp_path / "s.duckdb", realignment()[:10])
    res = shifts(str(db), "XYZ")
    assert res["events"] == 0 and res["periods"] == [] and res["changes"] == []
    with pytest.raises(RealpolitikError):
        shifts(str(db), "DZA", by="decade")
    monthly = shifts(str(db), "DZA", by="month")
    assert monthly["periods"] and all(len(p["period"]) == 7 for p in monthly["periods"])


def test_shifts_cli(tmp_path: Path) -> None:
    from realpolitik.cli import main

    db = store_with(tmp_path / "s.duckdb", realignment(), per_doc=40)
    out = CliRunner().invoke(main, ["shifts", "DZA", "--by", "year", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    res = json.loads(out.output)
    assert res["changes"][0]["period"] == "2024" and "statistic" in res["changes"][0]
    text = CliRunner().invoke(main, ["shifts", "Algeria", "--by", "year", "--db", str(db)])
    assert text.exit_code == 0 and "CHANGE" in text.output and "NATO" in text.output


def test_seed_article_shows_algerias_new_partners(seed_store_path: Path) -> None:
    """NATO and the United States (through an American lobbying firm) as new cooperative partners in 2024."""
    res = shifts(str(seed_store_path), "DZA")
    new = {n["partner"]: n for n in res["new_partners"]}
    for partner in ("NATO", "USA"):
        if partner not in new:
            pytest.xfail(f"extraction did not yield Algeria's cooperation with {partner}")
        assert new[partner]["period"].startswith("2024")
        assert new[partner]["evidence"], partner
    assert any("NATO" in s for s in new["NATO"]["evidence"])
    assert any("American" in s for s in new["USA"]["evidence"])


def test_gdelt_rows_get_a_change_test_with_its_statistic(shared_dir: Path, tmp_path: Path) -> None:
    """Imported event data (GDELT 2.0 export rows) goes through the same test: statistic, dof, p-value."""
    from realpolitik.cli import main

    if "import" not in main.commands or "gdelt" not in getattr(main.commands["import"], "commands", {}):
        pytest.skip("the GDELT importer has not landed")
    db = tmp_path / "gdelt.duckdb"
    rows = shared_dir / "data" / "gdelt" / "gdelt2_export_12rows.export.CSV"
    out = CliRunner().invoke(main, ["import", "gdelt", str(rows), "--db", str(db)])
    assert out.exit_code == 0, out.output
    res = shifts(str(db), "USA", by="quarter")
    assert len(res["periods"]) >= 2
    (t,) = res["tests"]
    assert t["statistic"] > 0 and t["dof"] >= 1 and 0 < t["p_value"] <= 1 and "q_value" in t
    assert t["drivers"] and all(d["evidence"] for d in t["drivers"])
