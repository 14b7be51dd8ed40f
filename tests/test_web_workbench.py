"""The analyst's workbench API over the seed article as the real coder stores it plus the real GDELT export rows:
strict JSON for every actor's shifts, the Balance and Shifts questions, the actor index and did-you-mean,
evidence search and filters, readable errors, offline API docs, and the time axes' rules.
"""

from __future__ import annotations

import json
import math
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from realpolitik.web import periods
from realpolitik.web.app import create_app


def build_seed_gdelt_store(path: Path, seed_store: Path, shared_dir: Path) -> Path:
    """A copy of the session's seed store with the twelve real GDELT export rows imported into it."""
    from click.testing import CliRunner

    from realpolitik.cli import main

    shutil.copyfile(seed_store, path)
    gdelt = shared_dir / "data" / "gdelt" / "gdelt2_export_12rows.export.CSV"
    result = CliRunner().invoke(main, ["import", "gdelt", str(gdelt), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def seed_gdelt(tmp_path_factory: pytest.TempPathFactory, seed_store_path: Path, shared_dir: Path) -> Path:
    return build_seed_gdelt_store(tmp_path_factory.mktemp("workbench") / "sg.duckdb", seed_store_path, shared_dir)


@pytest.fixture(scope="module")
def client(seed_gdelt: Path) -> Iterator[TestClient]:
    with TestClient(create_app(seed_gdelt), base_url="http://localhost") as c:
        yield c


def strict_json(text: str) -> Any:
    """Parse as a strict JSON parser (a browser's) does: NaN or Infinity is an error."""

    def refuse(token: str) -> Any:
        raise ValueError(f"not JSON: {token}")

    return json.loads(text, parse_constant=refuse)


def all_codes(db: Path) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT source_code FROM events WHERE source_code IS NOT NULL "
            "UNION SELECT target_code FROM events WHERE target_code IS NOT NULL"
        ).fetchall()
    finally:
        con.close()
    return sorted(r[0] for r in rows)


def test_shifts_is_strict_json_for_every_actor_of_the_seed_and_gdelt_store(
    client: TestClient, seed_gdelt: Path
) -> None:
    codes = all_codes(seed_gdelt)
    assert {"RUS", "DZA", "UKR", "USA"} <= set(codes)  # seed and GDELT actors both
    for code in codes:
        for by in ("year", "quarter", "month"):
            r = client.get("/api/shifts", params={"code": code, "by": by})
            assert r.status_code == 200, (code, by, r.text)
            out = strict_json(r.text)
            assert out["actor"] == code and out["by"] == by


def test_shifts_ranking_ranks_every_active_actor_by_its_tested_change(client: TestClient) -> None:
    r = client.get("/api/shifts/ranking", params={"by": "year"})
    assert r.status_code == 200, r.text
    out = strict_json(r.text)
    ranking = out["ranking"]
    index = client.get("/api/actors").json()["actors"]
    active = [a["code"] for a in index if a["n_events"] >= out["min_events"]]
    assert sorted(row["actor"] for row in ranking) == sorted(active)
    assert [row["rank"] for row in ranking] == list(range(1, len(ranking) + 1))
    tested = [row for row in ranking if row["best"]]
    assert tested, "the seed and GDELT rows give some actor two periods to compare"
    # significant changes first, then by q-value: the order the page promises
    keys = [(-row["significant_changes"], row["best"]["q_value"]) for row in tested]
    assert keys == sorted(keys)
    assert all(row["best"] is None for row in ranking[len(tested) :])
    # every driver's sentences are evidence the shifts answer of that actor gives for the same period
    for row in tested[:3]:
        full = client.get("/api/shifts", params={"code": row["actor"], "by": "year"}).json()
        test = next(t for t in full["tests"] if t["period"] == row["best"]["period"])
        assert [d["partner"] for d in row["drivers"]] == [d["partner"] for d in test["drivers"]]
        for mine, theirs in zip(row["drivers"], test["drivers"], strict=True):
            assert set(mine["evidence"]) <= set(theirs["evidence"])


def test_triads_lists_every_frustrated_triad_with_who_is_pressured_and_names(client: TestClient) -> None:
    r = client.get("/api/triads", params={"at": "2024-11-14", "window": "3650d"})
    assert r.status_code == 200, r.text
    out = strict_json(r.text)
    assert out["frustrated_triads_matching"] == out["frustrated_triad_count"] == len(out["frustrated_triads"])
    for t in out["frustrated_triads"]:
        signs = [e["sign"] for e in t["edges"]]
        assert math.prod(signs) < 0  # frustrated: the product of the three signs is negative
        if t["pressured"]:
            assert t["pressured"] in t["actors"] and signs.count(-1) == 1
        assert all(c in out["names"] for c in t["actors"])
    assert out["names"].get("RUS") == "Russia"
    r = client.get("/api/triads", params={"at": "2024-13"})
    assert r.status_code == 422 and "no month 13" in r.json()["detail"]


def test_actor_names_come_from_the_crosswalk_for_states(client: TestClient) -> None:
    index = {a["code"]: a for a in client.get("/api/actors").json()["actors"]}
    assert index["USA"]["name"] == "United States"  # not the coder's first description of it
    assert index["RUS"]["name"] == "Russia"
    graph = client.get("/api/graph").json()
    assert {n["id"]: n["name"] for n in graph["nodes"]}["USA"] == "United States"


def test_unknown_actor_gets_did_you_mean(client: TestClient) -> None:
    r = client.get("/api/actors/resolve", params={"q": "Rusia"}).json()
    assert r["known"] is False and r["code"] is None and "Rusia" in r["reason"]
    assert [s["code"] for s in r["suggestions"]][:1] == ["RUS"]
    known = client.get("/api/actors/resolve", params={"q": "algeria"}).json()
    assert known["known"] and known["code"] == "DZA" and known["name"] == "Algeria"
    absent = client.get("/api/actors/resolve", params={"q": "Germany"}).json()
    assert absent["known"] is False and absent["code"] == "DEU" and "no event" in absent["reason"]
    completion = client.get("/api/actors", params={"q": "alg"}).json()["actors"]
    assert completion[0]["code"] == "DZA"


def test_search_over_evidence_sentences_with_filters(client: TestClient, seed_path: Path) -> None:
    seed = " ".join(seed_path.read_text(encoding="utf-8").split())
    out = client.get("/api/search", params={"q": "Russia Algeria"}).json()
    assert out["n_events"] >= 1
    for ev in out["events"]:
        text = ev["evidence"]["text"]
        assert "russia" in text.lower() and "algeria" in text.lower()
        assert " ".join(text.split()) in seed
    only_gdelt = client.get("/api/search", params={"origin": "gdelt"}).json()
    assert only_gdelt["n_events"] == 12 and {e["origin"] for e in only_gdelt["events"]} == {"gdelt"}
    none = client.get("/api/search", params={"q": "Russia", "origin": "gdelt", "until": "2020"}).json()
    assert none["n_events"] == 0
    # a LIKE wildcard is a character, not "any character": "a_d" would otherwise match every "and"
    assert client.get("/api/search", params={"q": "and"}).json()["n_events"] > 0
    assert client.get("/api/search", params={"q": "a_d"}).json()["n_events"] == 0


def test_graph_filters_by_event_type_origin_and_period(client: TestClient) -> None:
    facets = client.get("/api/facets").json()
    origins = {f["value"]: f["n"] for f in facets["origins"]}
    assert set(origins) == {"text", "gdelt"} and origins["gdelt"] == 12
    every = client.get("/api/graph").json()
    gdelt = client.get("/api/graph", params={"origin": "gdelt"}).json()
    text = client.get("/api/graph", params={"origin": "text"}).json()
    assert gdelt["total_events"] + text["total_events"] == every["total_events"]
    first_type = facets["event_types"][0]["value"]
    typed = client.get("/api/graph", params={"event_type": first_type}).json()
    for e in typed["edges"]:
        edge = client.get("/api/edge", params={"a": e["source"], "b": e["target"], "event_type": first_type}).json()
        assert edge["n_events"] == e["n_events"] and {x["event_type"] for x in edge["events"]} == {first_type}
    assert client.get("/api/graph", params={"origin": "GDELT;--"}).status_code == 422


def test_bad_dates_get_one_readable_line(client: TestClient) -> None:
    r = client.get("/api/graph", params={"since": "2024-13"})
    assert r.status_code == 422 and r.json()["detail"] == "since: date '2024-13' has no month 13"
    r = client.get("/api/graph", params={"until": "last week"})
    assert r.status_code == 422
    assert r.json()["detail"] == "until: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'last week'"
    assert r.json()["errors"][0]["loc"] == ["query", "until"]


def test_year_only_events_are_not_drawn_as_january(client: TestClient) -> None:
    d = client.get("/api/dyad", params={"a": "RUS", "b": "DZA"}).json()
    edge = client.get("/api/edge", params={"a": "RUS", "b": "DZA", "limit": 500}).json()
    by_year: dict[str, int] = {}
    months: dict[str, int] = {}
    for ev in edge["events"]:
        if ev["date"] and len(ev["date"]) == 4:
            by_year[ev["date"]] = by_year.get(ev["date"], 0) + 1
        elif ev["date"]:
            months[ev["date"][:7]] = months.get(ev["date"][:7], 0) + 1
    got_years = {y["year"]: y["cooperative"] + y["conflictual"] + y["neutral"] for y in d["year_only"]}
    assert got_years == by_year
    got_months = {m["month"]: m["cooperative"] + m["conflictual"] + m["neutral"] for m in d["timeline"]}
    assert {m: n for m, n in got_months.items() if n} == months
    graph = {e["id"]: e for e in client.get("/api/graph").json()["edges"]}
    assert all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", graph["DZA|RUS"][k]) for k in ("first", "last"))


def test_actor_series_are_continuous_and_labelled_by_period(client: TestClient) -> None:
    a = client.get("/api/actor", params={"code": "USA", "by": "quarter"}).json()
    labels = a["periods"]
    assert labels and all(re.fullmatch(r"\d{4}Q[1-4]", p) for p in labels)
    first, last = a["series"][0]["period"], a["series"][-1]["period"]
    assert labels == [periods.label(p, "quarter") for p in periods.span(first, last, "quarter")]  # none dropped
    assert {s["label"] for s in a["series"]} <= set(labels)
    for s in a["series"]:
        assert s["label"] == periods.label(s["period"], "quarter")


def test_periods_fill_every_period_and_label_quarters() -> None:
    assert [periods.label(d, "quarter") for d in periods.span("2023-11-05", "2024-08-01", "quarter")] == [
        "2023Q4",
        "2024Q1",
        "2024Q2",
        "2024Q3",
    ]
    months = [periods.label(d, "month") for d in periods.span("2022-01-01", "2024-01-31", "month")]
    assert len(months) == 25 and months[0] == "2022-01" and months[-1] == "2024-01"
    assert periods.label("2024-07-01", "year") == "2024"


def test_docs_load_no_third_party_asset(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in r.headers["Content-Security-Policy"]
        refs = re.findall(r"(?:src|href|action)=['\"]([^'\"]+)['\"]", r.text)
        assert refs and all(ref.startswith(("/", "#")) or ref == "data:," for ref in refs), refs
        assert "<script" not in r.text
    page = client.get("/docs").text
    for route in ("/api/shifts/ranking", "/api/triads", "/api/search", "/api/actors/resolve"):
        assert f"<code>GET {route}</code>" in page


def test_dyad_cards_say_why_a_question_cannot_be_answered(client: TestClient) -> None:
    out = client.get("/api/answer", params={"question": "dependence", "a": "RUS", "b": "DZA"})
    assert out.status_code == 200
    direct = client.get("/api/dependence", params={"a": "RUS", "b": "DZA"})
    if direct.status_code == 200:
        assert out.json() == {"question": "dependence", "available": True, "status": 200, "answer": direct.json()}
    else:
        assert out.json()["available"] is False and out.json()["detail"] == direct.json()["detail"]
    nato = client.get("/api/answer", params={"question": "ally", "a": "RUS", "b": "NATO"}).json()
    assert nato["available"] is False and "NATO" in nato["detail"]
