"""The relations graph as networkx, and its GraphML / GEXF / JSON exports (for Gephi and networkx)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import realpolitik
from realpolitik.analysis.graph import build_graph, export_graph, node_kind
from realpolitik.model import Actor, EventRecord, Evidence
from realpolitik.store.db import Store


def _event(
    i: int, src: str, tgt: str, event_type: str, intensity: float, date: str, sector: str | None = None
) -> EventRecord:
    text = f"Sentence {i}: {src} & {tgt} <{event_type.lower()}> “quoted”."
    return EventRecord(
        doc_id="t",
        sentence=i,
        event_type=event_type,
        source=Actor(src, 0, 1, src, src if len(src) == 3 else None, sector),
        target=Actor(tgt, 2, 3, tgt, tgt if len(tgt) == 3 else None, None),
        evidence=Evidence(text, 0, len(text)),
        intensity=intensity,
        date=date,
    )


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "g.duckdb"
    with Store(path) as store:
        store.add_events(
            [
                _event(0, "RUS", "DZA", "COOPERATE", 6, "2024-10"),
                _event(1, "RUS", "MLI", "AID", 7, "2024-09"),
                _event(2, "DZA", "MLI", "ACCUSE", -3, "2024-08"),
                _event(3, "DZA", "NATO", "COOPERATE", 6, "2024-11"),
                _event(4, "MLI", "MLI", "ASSAULT", -9, "2024-07", sector="REB"),
            ],
            "doc-1",
        )
    return path


def test_build_graph_is_the_python_api_and_keeps_evidence(store_path: Path) -> None:
    assert realpolitik.graph is build_graph
    g = realpolitik.graph(str(store_path), at="2024-11-14")
    assert isinstance(g, nx.Graph)
    assert set(g.nodes) == {"RUS", "DZA", "MLI", "NATO", "MLI:REB"}
    assert g.nodes["NATO"]["kind"] == "organisation" and g.nodes["MLI:REB"]["kind"] == "armed group"
    e = g.edges["DZA", "MLI"]
    assert e["sign"] == -1 and e["weight"] > 0 and e["n_events"] == 1
    assert e["evidence"][0]["text"].startswith("Sentence 2")
    assert g.graph["at"] == "2024-11-14" and g.graph["window_days"] == 365
    states = build_graph(str(store_path), at="2024-11-14", states_only=True)
    assert set(states.nodes) == {"RUS", "DZA", "MLI"}


def test_node_kinds() -> None:
    assert node_kind("DZA") == "state" and node_kind("NATO") == "organisation"
    assert node_kind("WAGNER") == "group" and node_kind("MLI:REB") == "armed group"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_round_trip_through_networkx(store_path: Path, tmp_path: Path, fmt: str) -> None:
    g = build_graph(str(store_path), at="2024-11-14")
    out = tmp_path / f"g.{fmt}"
    export_graph(g, fmt, out)
    back = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert set(back.nodes) == set(g.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in g.edges}
    e = back.edges["DZA", "MLI"]
    assert int(e["sign"]) == -1 and float(e["weight"]) == pytest.approx(g.edges["DZA", "MLI"]["weight"])
    assert json.loads(e["evidence"])[0]["text"] == g.edges["DZA", "MLI"]["evidence"][0]["text"]
    assert "<accuse>" in e["evidence_text"]


def test_json_is_node_link_data(store_path: Path) -> None:
    g = build_graph(str(store_path), at="2024-11-14")
    data = json.loads(export_graph(g, "json"))
    back = nx.node_link_graph(data, edges="links")
    assert set(back.nodes) == set(g.nodes) and back.edges["RUS", "DZA"]["sign"] == 1
    assert back.edges["RUS", "DZA"]["evidence"][0]["event_type"] == "COOPERATE"


def test_graph_cli(store_path: Path, tmp_path: Path) -> None:
    from realpolitik.cli import main

    runner = CliRunner()
    out = runner.invoke(main, ["graph", "--format", "json", "--db", str(store_path), "--at", "2024-11-14"])
    assert out.exit_code == 0, out.output
    assert {n["id"] for n in json.loads(out.output)["nodes"]} >= {"RUS", "DZA"}
    target = tmp_path / "out.gexf"
    out = runner.invoke(main, ["graph", "--format", "gexf", "-o", str(target), "--db", str(store_path)])
    assert out.exit_code == 0, out.output
    assert nx.read_gexf(target).number_of_edges() == 5
    missing = runner.invoke(main, ["graph", "--db", str(tmp_path / "nothing.duckdb")])
    assert missing.exit_code == 2 and "no such store" in missing.output
