"""balance over reference data alone (ATOP pacts, COW disputes) and k blocs by signed community detection."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from realpolitik.cli import main

MID = Path(__file__).resolve().parents[2] / "shared" / "data" / "reference" / "cow_mid_ddydisps.csv"


@pytest.fixture(scope="module")
def mid_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not MID.exists():
        pytest.skip("../shared MID file is missing")
    path = str(tmp_path_factory.mktemp("bal") / "mid.duckdb")
    out = CliRunner().invoke(main, ["import", "mid", str(MID), "--db", path])
    assert out.exit_code == 0, out.output
    return path


def _balance(db: str, *args: str) -> dict:
    out = CliRunner().invoke(main, ["balance", "--reference-only", *args, "--json", "--db", db])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def test_cow_network_1996_99_frustration_near_the_published_index(mid_db: str) -> None:
    """Aref & Wilson (2019) report a frustration index of 45 for the 1996-99 CoW network."""
    r = _balance(mid_db, "--from", "1996", "--to", "1999", "--pacts", "defense", "--unweighted", "--top", "5")
    assert r["exact"] is True
    assert abs(r["frustration_index"] - 45) <= 0.15 * 45
    assert r["frustrated_count"] == r["frustration_index"]
    assert r["actors"] > 100 and r["negative_edges"] > 50
    assert [y["year"] for y in r["series"]] == [1996, 1997, 1998, 1999]
    assert all(y["frustration_index"] <= r["frustration_index"] for y in r["series"])


def test_k_blocs_1993_2001_keep_the_usa_apart_from_russia_and_china(mid_db: str) -> None:
    r = _balance(mid_db, "--from", "1993", "--to", "2001", "--blocs", "auto", "--unweighted", "--top", "0")
    kb = r["k_blocs"]
    assert 4 <= kb["k"] <= 8 and len(kb["blocs"]) == kb["k"]
    usa = next(b for b in kb["blocs"] if "USA" in b)
    assert "RUS" not in usa and "CHN" not in usa
    assert {"GBR", "FRA", "DEU"} <= set(usa)
    assert kb["modularity"] > 0.3


def test_allied_and_in_dispute_is_negative_and_pacts_all_adds_ties(mid_db: str) -> None:
    from realpolitik.analysis.reference_network import reference_edges
    from realpolitik.store.db import Store

    with Store(mid_db, read_only=True) as store:
        defense = reference_edges(store, 1996, 1999, "defense")
        every = reference_edges(store, 1996, 1999, "all")
    grc_tur = defense[(defense["a"] == "GRC") & (defense["b"] == "TUR")].iloc[0]
    assert grc_tur["pos"] > 0 and grc_tur["neg"] > 0 and grc_tur["sign"] == -1  # NATO allies in dispute
    assert (every["sign"] > 0).sum() > (defense["sign"] > 0).sum()


def test_signed_blocs_recover_planted_blocs() -> None:
    from realpolitik.analysis.blocs import signed_blocs

    rng = np.random.default_rng(3)
    truth = np.repeat([0, 1, 2, 3], 8)
    u, v, s = [], [], []
    for i in range(32):
        for j in range(i + 1, 32):
            if truth[i] == truth[j] and rng.random() < 0.7:
                u.append(i)
                v.append(j)
                s.append(1)
            elif truth[i] != truth[j] and rng.random() < 0.15:
                u.append(i)
                v.append(j)
                s.append(-1)
    res = signed_blocs(32, np.array(u), np.array(v), np.array(s), seed=1)
    assert res.k == 4
    for b in range(4):
        assert len(set(res.labels[truth == b].tolist())) == 1
    again = signed_blocs(32, np.array(u), np.array(v), np.array(s), seed=1)
    assert (again.labels == res.labels).all()


def test_reference_only_without_disputes_says_what_to_import(tmp_path: Path) -> None:
    from realpolitik.store.db import Store

    Store(tmp_path / "x.duckdb").close()
    out = CliRunner().invoke(
        main, ["balance", "--reference-only", "--from", "1996", "--to", "1999", "--db", str(tmp_path / "x.duckdb")]
    )
    assert out.exit_code == 2 and "realpolitik import mid" in out.stderr


def test_graph_export_carries_bloc_labels(mid_db: str) -> None:
    out = CliRunner().invoke(
        main,
        ["graph", "--reference-only", "--from", "1993", "--to", "2001", "--blocs", "auto", "--db", mid_db],
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {nodes[c]["bloc"] for c in ("USA", "RUS")} <= {0, 1}
    assert nodes["USA"]["community"] >= 0 and nodes["USA"]["community"] != nodes["RUS"]["community"]
    assert nodes["GBR"]["community"] == nodes["USA"]["community"]
    assert data["graph"]["k_blocs"] >= 2


def test_auto_goes_exact_by_expected_time_not_edge_count(mid_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from realpolitik.analysis import frustration as fr
    from realpolitik.analysis.reference_network import reference_edges
    from realpolitik.store.db import Store

    with Store(mid_db, read_only=True) as store:
        e = reference_edges(store, 1996, 1999, "defense")
    nodes = sorted(set(e["a"]) | set(e["b"]))
    ix = {c: i for i, c in enumerate(nodes)}
    u = np.array([ix[a] for a in e["a"]])
    v = np.array([ix[b] for b in e["b"]])
    s = e["sign"].to_numpy()
    # a block far above max_exact_edges is still solved exactly when its expected time fits the budget
    r = fr.frustration(len(nodes), u, v, s, None, method="auto", max_exact_edges=100, time_limit=60)
    assert r.exact and "milp" in r.method
    assert any(k.endswith("_expected_exact_seconds") and 0 < x <= 60 for k, x in r.details.items())
    # ... and left to the heuristic when the expected time does not fit
    monkeypatch.setattr(fr, "EXACT_SECONDS_PER_EDGE_CUT", 1.0)
    h = fr.frustration(len(nodes), u, v, s, None, method="auto", max_exact_edges=100, time_limit=60)
    assert "milp" not in h.method and h.index >= r.index


def test_years_beyond_the_dispute_data_are_flagged(mid_db: str) -> None:
    r = _balance(mid_db, "--from", "2013", "--to", "2016", "--top", "0")
    assert "1816-2014" in r["warning"]
    inside = _balance(mid_db, "--from", "2000", "--to", "2001", "--top", "0")
    assert "warning" not in inside
