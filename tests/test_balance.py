"""Signed edges (decay, per-document cap, ruptures, priors) and balance: frustrated triads, index, blocs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from realpolitik.analysis.balance import balance
from realpolitik.analysis.signed_edges import parse_window, signed_edges
from realpolitik.model import Actor, EventRecord, Evidence
from realpolitik.store.db import Store


def event(
    i: int,
    src: str,
    tgt: str,
    event_type: str,
    intensity: float,
    date: str,
    text: str | None = None,
    *,
    src_country: str | None = "",
    tgt_country: str | None = "",
    src_sector: str | None = None,
    mode: str | None = None,
    context: tuple[str, ...] = (),
    negated: bool = False,
    hypothetical: bool = False,
) -> EventRecord:
    sc = src if src_country == "" and len(src) == 3 else (src_country or None)
    tc = tgt if tgt_country == "" and len(tgt) == 3 else (tgt_country or None)
    text = text or f"{src} {event_type.lower()} {tgt} ({i})."
    return EventRecord(
        doc_id="t",
        sentence=i,
        event_type=event_type,
        source=Actor(src, 0, 1, src, sc, src_sector),
        target=Actor(tgt, 2, 3, tgt, tc, None),
        evidence=Evidence(text, 0, len(text)),
        intensity=intensity,
        date=date,
        mode=mode,
        context=list(context),
        negated=negated,
        hypothetical=hypothetical,
    )


def make_store(path: Path, docs: dict[str, list[EventRecord]]) -> Path:
    with Store(path) as store:
        for doc_key, recs in docs.items():
            store.add_events(recs, doc_key)
    return path


SAHEL = {
    "doc-a": [
        event(0, "RUS", "DZA", "COOPERATE", 6, "2024-10", "Russia and Algeria deepened their military cooperation."),
        event(1, "RUS", "MLI", "AID", 7, "2024-09", "Russian instructors trained Malian soldiers."),
        event(2, "DZA", "MLI", "ACCUSE", -3, "2024-08", "Bamako accused Algiers of interference."),
        event(
            3,
            "MLI",
            "UKR",
            "SANCTION",
            -4,
            "2024-08",
            "Mali broke off relations with Ukraine.",
            mode="withdraw",
            context=("diplomatic",),
        ),
        event(4, "DZA", "NATO", "COOPERATE", 6, "2024-11", "Algeria will cooperate with NATO."),
        event(
            5,
            "WAGNER",
            "MLI",
            "AID",
            7,
            "2024-07",
            "Wagner fighters supported the Malian army.",
            src_country="RUS",
            src_sector="MIL",
        ),
        event(6, "MLI", "MLI", "ASSAULT", -9, "2024-07", "Rebels attacked the army.", src_sector="REB"),
    ]
}


def test_window_parsing() -> None:
    assert parse_window("365d") == 365 and parse_window("2y") == 730 and parse_window("6m") == 180
    assert parse_window("all") is None and parse_window(None) is None and parse_window(30) == 30
    from realpolitik.errors import RealpolitikError

    with pytest.raises(RealpolitikError):
        parse_window("soon")


def test_two_friends_in_conflict_put_the_common_friend_under_cross_pressure(tmp_path: Path) -> None:
    db = make_store(tmp_path / "s.duckdb", SAHEL)
    res = balance(str(db), at="2024-11-14", window="365d")
    assert res["frustrated_triad_count"] == 1
    triad = res["frustrated_triads"][0]
    assert triad["actors"] == ["DZA", "MLI", "RUS"] and triad["pressured"] == "RUS" and triad["kind"] == "++-"
    signs = {(e["a"], e["b"]): e["sign"] for e in triad["edges"]}
    assert signs == {("DZA", "RUS"): 1, ("MLI", "RUS"): 1, ("DZA", "MLI"): -1}
    assert [e["sign"] for e in triad["edges"]] == [1, 1, -1]  # the pressured actor's ties first
    for e in triad["edges"]:
        assert e["evidence"] and all(isinstance(t, str) and t for t in e["evidence"])
    assert "Bamako accused Algiers of interference." in triad["edges"][2]["evidence"]
    assert triad["weight"] == pytest.approx(min(e["weight"] for e in triad["edges"]), abs=1e-3)
    # the cheapest way to balance the graph drops exactly the weakest edge of that triad
    assert res["exact"] is True
    assert res["frustration_index"] == pytest.approx(triad["weight"], abs=1e-3)
    assert res["frustrated_count"] == 1
    a, b = res["blocs"]
    assert set(a) | set(b) == {"DZA", "MLI", "RUS", "UKR", "NATO", "WAGNER", "MLI:REB"}
    assert not set(a) & set(b)
    assert ("UKR" in a) != ("MLI" in a)  # broken relations: opposite blocs
    assert res["cross_pressure"] == [{"actor": "RUS", "triads": 1}]


def test_states_only_drops_organisations_and_armed_groups(tmp_path: Path) -> None:
    db = make_store(tmp_path / "s.duckdb", SAHEL)
    edges, params = signed_edges(str(db), at="2024-11-14", states_only=True)
    nodes = set(edges["a"]) | set(edges["b"])
    assert nodes == {"DZA", "MLI", "RUS", "UKR"} and params.states_only
    full, _ = signed_edges(str(db), at="2024-11-14")
    assert {"NATO", "WAGNER", "MLI:REB"} <= set(full["a"]) | set(full["b"])


def test_one_document_cannot_dominate_an_edge(tmp_path: Path) -> None:
    many = [event(i, "RUS", "DZA", "COOPERATE", 6, "2024-11-01") for i in range(10)]
    spread = {f"doc-{i}": [event(i, "FRA", "DEU", "COOPERATE", 6, "2024-11-01")] for i in range(3)}
    db = make_store(tmp_path / "s.duckdb", {"one-doc": many, **spread})
    edges, params = signed_edges(str(db), at="2024-11-01")
    rd = edges[(edges.a == "DZA") & (edges.b == "RUS")].iloc[0]
    fd = edges[(edges.a == "DEU") & (edges.b == "FRA")].iloc[0]
    assert rd.n_events == 10 and rd.weight == pytest.approx(params.doc_cap)
    assert fd.n_events == 3 and fd.n_docs == 3 and fd.weight == pytest.approx(1.8)


def test_time_decay_window_and_excluded_events(tmp_path: Path) -> None:
    recs = [
        event(0, "USA", "CHN", "ACCUSE", -4, "2024-06-01"),  # 180 days before `at`: half weight
        event(1, "USA", "IRN", "THREATEN", -4, "2023-01-01"),  # outside a 365-day window
        event(2, "USA", "CAN", "COOPERATE", 6, "2024-11-28", negated=True),
        event(3, "USA", "MEX", "COOPERATE", 6, "2024-11-28", hypothetical=True),
        event(4, "USA", "JPN", "COOPERATE", 6, "2024"),  # a bare year: read as its latest day, capped at `at`
        event(5, "USA", "GBR", "COOPERATE", 6, "2025-01-01"),  # after `at`
    ]
    db = make_store(tmp_path / "s.duckdb", {"d": recs})
    edges, _ = signed_edges(str(db), at="2024-11-28", window="365d")
    got = {(r.a, r.b): r for r in edges.itertuples()}
    assert set(got) == {("CHN", "USA"), ("JPN", "USA")}
    assert got[("CHN", "USA")].weight == pytest.approx(0.2, abs=1e-3) and got[("CHN", "USA")].sign == -1
    assert got[("JPN", "USA")].weight == pytest.approx(0.6)
    everything, _ = signed_edges(str(db), at="2024-11-28", window="all")
    assert ("IRN", "USA") in set(zip(everything.a, everything.b, strict=True))


def test_a_diplomatic_rupture_weighs_at_least_one_and_does_not_decay(tmp_path: Path) -> None:
    recs = [
        event(0, "MLI", "UKR", "SANCTION", -4, "2024-01-01", mode="withdraw", context=("diplomatic",)),
        event(1, "MLI", "FRA", "SANCTION", -4, "2024-01-01", mode="expel"),
    ]
    db = make_store(tmp_path / "s.duckdb", {"a": recs[:1], "b": recs[1:]})
    edges, _ = signed_edges(str(db), at="2024-11-01")
    w = dict(zip(edges.a + "-" + edges.b, edges.weight, strict=True))
    assert w["MLI-UKR"] == pytest.approx(1.0)
    assert w["FRA-MLI"] < 0.4 * 0.5  # an ordinary sanction, ten months old
    assert edges.set_index(edges.a + "-" + edges.b).loc["MLI-UKR", "evidence"][0]["rupture"] is True


def test_alliance_priors_join_only_actors_in_view_and_keep_their_evidence(tmp_path: Path) -> None:
    db = make_store(tmp_path / "s.duckdb", SAHEL)
    priors = pd.DataFrame(
        [
            ("DZA", "RUS", 2018, "alliance", 0.25, "ATOP 5.1: defence/offence pact in force in 2018"),
            ("FRA", "USA", 2018, "alliance", 0.25, "ATOP 5.1: defence/offence pact in force in 2018"),
            ("MLI", "UKR", 2024, "mid", 0.8, "COW MID 9999: militarised dispute (hostility level 4) in 2024"),
        ],
        columns=["a", "b", "year", "kind", "strength", "text"],
    )
    with_p, _ = signed_edges(str(db), at="2024-11-14", priors=priors)
    without, _ = signed_edges(str(db), at="2024-11-14", priors=False)
    key = lambda df: dict(zip(df.a + "-" + df.b, df.net, strict=True))  # noqa: E731
    assert key(with_p)["DZA-RUS"] == pytest.approx(key(without)["DZA-RUS"] + 0.25)
    assert key(with_p)["MLI-UKR"] < key(without)["MLI-UKR"]
    assert "FRA-USA" not in key(with_p)
    ev = with_p.set_index(with_p.a + "-" + with_p.b).loc["DZA-RUS", "evidence"]
    assert any(e["kind"] == "alliance" and "ATOP" in e["text"] for e in ev)


def test_reference_tables_in_the_store_are_used_as_priors(tmp_path: Path) -> None:
    db = make_store(tmp_path / "s.duckdb", SAHEL)
    with Store(db) as store:
        store.con.execute(
            "CREATE TABLE atop_dyad_year (ccode1 INTEGER, ccode2 INTEGER, year INTEGER, defense INTEGER, "
            "offense INTEGER, neutral INTEGER, nonagg INTEGER, consul INTEGER)"
        )
        store.con.execute("INSERT INTO atop_dyad_year VALUES (365, 615, 2018, 1, 0, 0, 0, 0)")
    edges, _ = signed_edges(str(db), at="2024-11-14")
    ev = edges.set_index(edges.a + "-" + edges.b).loc["DZA-RUS", "evidence"]
    assert any(e["kind"] == "alliance" for e in ev)
    plain, _ = signed_edges(str(db), at="2024-11-14", priors=False)
    assert all(e["kind"] == "event" for evs in plain.evidence for e in evs)


def test_parquet_export_gives_the_same_edges(tmp_path: Path) -> None:
    db = make_store(tmp_path / "s.duckdb", SAHEL)
    with Store(db) as store:
        store.export_parquet(tmp_path / "pq")
    a, _ = signed_edges(str(db), at="2024-11-14")
    b, _ = signed_edges(str(tmp_path / "pq"), at="2024-11-14")
    cols = ["a", "b", "sign", "weight", "n_events"]
    pd.testing.assert_frame_equal(a[cols], b[cols])


def test_three_enemies_are_frustrated_without_a_pressured_actor(tmp_path: Path) -> None:
    recs = [
        event(0, "IND", "PAK", "ASSAULT", -9, "2024-05"),
        event(1, "PAK", "AFG", "ASSAULT", -9, "2024-05"),
        event(2, "AFG", "IND", "ACCUSE", -3, "2024-05"),
    ]
    db = make_store(tmp_path / "s.duckdb", {"a": recs[:1], "b": recs[1:2], "c": recs[2:]})
    res = balance(str(db), at="2024-06-01")
    (t,) = res["frustrated_triads"]
    assert t["pressured"] is None and t["kind"] == "---"


def test_balance_cli_json(tmp_path: Path) -> None:
    from realpolitik.cli import main

    db = make_store(tmp_path / "s.duckdb", SAHEL)
    out = CliRunner().invoke(main, ["balance", "--db", str(db), "--at", "2024-11-14", "--json"])
    assert out.exit_code == 0, out.output
    res = json.loads(out.output)
    for key in ("frustrated_triads", "frustration_index", "exact", "blocs"):
        assert key in res
    assert res["frustrated_triads"][0]["pressured"] == "RUS"
    text = CliRunner().invoke(main, ["balance", "--db", str(db), "--at", "2024-11-14"])
    assert text.exit_code == 0 and "RUS" in text.output and "frustration index" in text.output
    bad = CliRunner().invoke(main, ["balance", "--db", str(db), "--window", "soon"])
    assert bad.exit_code == 2 and "window" in bad.output


def test_seed_article_puts_russia_between_algeria_and_mali(seed_store_path: Path) -> None:
    """The seed's question: between Algeria and Mali, Russia will have to choose (extraction-tolerant)."""
    res = balance(str(seed_store_path))
    assert res["at"] == "2024-11-14"
    for t in res["frustrated_triads"]:
        for e in t["edges"]:
            assert e["evidence"], f"edge {e['a']}-{e['b']} has no evidence"
        if t["actors"] == ["DZA", "MLI", "RUS"]:
            assert t["pressured"] == "RUS"
    triads = [t["actors"] for t in res["frustrated_triads"]]
    if ["DZA", "MLI", "RUS"] not in triads:
        pytest.xfail(f"extraction did not yield the RUS-DZA, RUS-MLI and DZA-MLI ties (triads: {triads})")
