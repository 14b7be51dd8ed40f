"""Structural balance of the signed relations graph: frustrated triads, the frustration index, two blocs.

"The friend of my friend is my friend; the friend of my enemy is my enemy" (Heider 1946; Cartwright &
Harary 1956). A triad is frustrated (unbalanced) when the product of its three signs is negative:
- two positive ties and one negative (+ + -): the actor holding both positive ties is under cross-pressure,
  a friend of two parties in conflict ("between Algeria and Mali, Russia will have to choose");
- three negative ties (- - -): nobody is pressured (`pressured` is null), but no two-bloc reading fits.
A triad's weight is the weight of its weakest edge, the least that would have to give for it to balance
(ties are ranked by that weight, then by the sum of the three weights, then by the codes).

The frustration index is the least total weight (or, with `weighted=False`, number) of edges that would
have to go for the whole graph to split into two blocs with friends inside and enemies across; the blocs
are that partition. It is exact (HiGHS MILP, `realpolitik.analysis.frustration`) when the MILP solves every
biconnected block within `time_limit` seconds (`auto` tries it on blocks of up to `max_exact_edges` edges and
on larger ones whose expected solve time fits the budget), and otherwise a local
search result with a proven lower bound (`bound`, `gap`). Components of the graph are independent: the
side each takes in `blocs` is arbitrary (its alphabetically first actor goes to the first bloc).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from realpolitik.analysis._json import strict
from realpolitik.analysis.frustration import DEFAULT_MAX_EXACT_EDGES, DEFAULT_TIME_LIMIT, frustration
from realpolitik.analysis.signed_edges import DEFAULT_WINDOW, signed_edges

if TYPE_CHECKING:
    import pandas as pd

EVIDENCE_PER_EDGE = 5


def _edge_out(row: dict[str, Any], evidence_per_edge: int) -> dict[str, Any]:
    ev = list(row["evidence"])
    sentences: list[str] = []
    for e in ev:
        text = e.get("text")
        if text and text not in sentences:
            sentences.append(text)
        if len(sentences) >= evidence_per_edge:
            break
    return {
        "a": row["a"],
        "b": row["b"],
        "sign": int(row["sign"]),
        "weight": round(float(row["weight"]), 4),
        "n_events": int(row["n_events"]),
        "evidence": sentences,
        "events": [_event_out(e) for e in ev[:evidence_per_edge]],
    }


def _event_out(e: dict[str, Any]) -> dict[str, Any]:
    keys = ("kind", "event_id", "date", "event_type", "source", "target", "weight", "text", "url")
    return {k: e.get(k) for k in keys if e.get(k) is not None}


def frustrated_triads(edges: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Unbalanced triangles of an edge table (a < b), in SQL: x < y < z with edges xy, yz, xz."""
    import duckdb

    con = duckdb.connect()
    try:
        con.register("edges_df", edges[["a", "b", "sign", "weight"]])
        lim = f"LIMIT {int(limit)}" if limit else ""
        return con.execute(
            f"""
            SELECT e1.a AS x, e1.b AS y, e2.b AS z,
                   e1.sign AS s_xy, e2.sign AS s_yz, e3.sign AS s_xz,
                   e1.weight AS w_xy, e2.weight AS w_yz, e3.weight AS w_xz,
                   least(e1.weight, e2.weight, e3.weight) AS weight,
                   e1.weight + e2.weight + e3.weight AS total
            FROM edges_df e1
            JOIN edges_df e2 ON e2.a = e1.b
            JOIN edges_df e3 ON e3.a = e1.a AND e3.b = e2.b
            WHERE e1.sign * e2.sign * e3.sign < 0
            ORDER BY weight DESC, total DESC, x, y, z
            {lim}
            """
        ).df()
    finally:
        con.close()


def count_frustrated_triads(edges: pd.DataFrame) -> int:
    import duckdb

    con = duckdb.connect()
    try:
        con.register("edges_df", edges[["a", "b", "sign"]])
        return int(
            con.execute(
                "SELECT count(*) FROM edges_df e1 JOIN edges_df e2 ON e2.a = e1.b "
                "JOIN edges_df e3 ON e3.a = e1.a AND e3.b = e2.b WHERE e1.sign * e2.sign * e3.sign < 0"
            ).fetchall()[0][0]
        )
    finally:
        con.close()


def partition(
    edges: pd.DataFrame,
    weighted: bool = True,
    method: str = "auto",
    max_exact_edges: int = DEFAULT_MAX_EXACT_EDGES,
    time_limit: float = DEFAULT_TIME_LIMIT,
    seed: int = 0,
) -> dict[str, Any]:
    """Frustration index and two blocs of an edge table (a, b, sign, weight)."""
    import numpy as np

    nodes = sorted(set(edges["a"]).union(edges["b"])) if len(edges) else []
    index = {c: i for i, c in enumerate(nodes)}
    u = np.array([index[a] for a in edges["a"]], dtype=np.int64)
    v = np.array([index[b] for b in edges["b"]], dtype=np.int64)
    sign = edges["sign"].to_numpy() if len(edges) else np.array([], dtype=np.int64)
    weight = edges["weight"].to_numpy(dtype=float) if weighted else None
    res = frustration(
        len(nodes), u, v, sign, weight, method=method, max_exact_edges=max_exact_edges, time_limit=time_limit, seed=seed
    )
    side = res.side.copy()
    # orientation: components are independent; put each component's first actor (alphabetically) in bloc 0
    if len(nodes):
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(range(len(nodes)))
        g.add_edges_from(zip(u.tolist(), v.tolist(), strict=True))
        for comp in nx.connected_components(g):
            first = min(comp)
            if side[first] == 1:
                for i in comp:
                    side[i] ^= 1
    blocs = [[nodes[i] for i in range(len(nodes)) if side[i] == k] for k in (0, 1)]
    frus = np.zeros(len(edges), dtype=bool)
    frus[res.frustrated] = True
    return {
        "frustration_index": round(res.index, 6),
        "frustrated_count": res.count,
        "weighted": weighted,
        "exact": bool(res.exact),
        "bound": round(res.lower_bound, 6),
        "gap": round(res.gap, 6),
        "method": res.method,
        "blocs": blocs,
        "frustrated_mask": frus,
    }


def k_blocs(edges: pd.DataFrame, weighted: bool = True, seed: int = 0) -> dict[str, Any]:
    """Blocs by signed modularity (`realpolitik.analysis.blocs`): as many as the ties support, not two."""
    import numpy as np

    from realpolitik.analysis.blocs import signed_blocs

    nodes = sorted(set(edges["a"]).union(edges["b"])) if len(edges) else []
    index = {c: i for i, c in enumerate(nodes)}
    u = np.array([index[a] for a in edges["a"]], dtype=np.int64)
    v = np.array([index[b] for b in edges["b"]], dtype=np.int64)
    sign = edges["sign"].to_numpy() if len(edges) else np.array([], dtype=np.int64)
    w = edges["weight"].to_numpy(dtype=float) if weighted and len(edges) else None
    res = signed_blocs(len(nodes), u, v, sign, w, seed=seed)
    groups: dict[int, list[str]] = {}
    for i, c in enumerate(nodes):
        groups.setdefault(int(res.labels[i]), []).append(c)
    blocs = [g for _, g in sorted(groups.items()) if len(g) >= 2]
    same = res.labels[u] == res.labels[v] if len(nodes) else np.array([], dtype=bool)
    violated = ((sign > 0) & ~same) | ((sign < 0) & same) if len(nodes) else np.array([], dtype=bool)
    ew = edges["weight"].to_numpy(dtype=float) if len(edges) else np.array([])
    return {
        "method": "signed modularity (Traag & Bruggeman 2009), Louvain moves, best of seeded restarts",
        "k": res.k,
        "modularity": res.modularity,
        "blocs": blocs,
        "unaligned": sorted(c for g in groups.values() if len(g) == 1 for c in g),
        "violations": int(violated.sum()),
        "violation_weight": round(float(ew[violated].sum()), 6),
        "bloc_of": {c: int(res.labels[i]) for i, c in enumerate(nodes) if len(groups[int(res.labels[i])]) >= 2},
    }


def analyse_edges(
    edges: pd.DataFrame,
    weighted: bool = True,
    method: str = "auto",
    max_exact_edges: int = DEFAULT_MAX_EXACT_EDGES,
    time_limit: float = DEFAULT_TIME_LIMIT,
    max_triads: int | None = None,
    evidence_per_edge: int = EVIDENCE_PER_EDGE,
    seed: int = 0,
    blocs: str = "2",
) -> dict[str, Any]:
    """Triads, cross-pressure, frustration index and two blocs (and k blocs with blocs='auto') of an edge table."""
    if blocs not in ("2", "auto"):
        from realpolitik.errors import RealpolitikError

        raise RealpolitikError(f"--blocs {blocs!r}: expected 2 or auto")
    rows = {(r["a"], r["b"]): r for r in edges.to_dict("records")}
    tri = frustrated_triads(edges, max_triads)
    n_tri = len(tri) if max_triads is None or len(tri) < max_triads else count_frustrated_triads(edges)
    triads: list[dict[str, Any]] = []
    for t in tri.itertuples(index=False):
        pairs = [((t.x, t.y), int(t.s_xy)), ((t.y, t.z), int(t.s_yz)), ((t.x, t.z), int(t.s_xz))]
        negatives = [p for p, s in pairs if s < 0]
        pressured = None
        if len(negatives) == 1:
            pressured = next(c for c in (t.x, t.y, t.z) if c not in negatives[0])
            # the pressured actor's two positive ties first, then the conflict between its partners
            pairs.sort(key=lambda ps: (ps[1] < 0, ps[0]))
        triads.append(
            {
                "actors": [t.x, t.y, t.z],
                "pressured": pressured,
                "kind": "++-" if pressured else "---",
                "weight": round(float(t.weight), 4),
                "edges": [_edge_out(rows[p], evidence_per_edge) for p, _ in pairs],
            }
        )
    part = partition(
        edges, weighted=weighted, method=method, max_exact_edges=max_exact_edges, time_limit=time_limit, seed=seed
    )
    mask = part.pop("frustrated_mask")
    frustrated_edges = [
        _edge_out(r, min(evidence_per_edge, 2)) for r, f in zip(edges.to_dict("records"), mask, strict=True) if f
    ]
    pressure: dict[str, int] = {}
    for t in triads:
        if t["pressured"]:
            pressure[t["pressured"]] = pressure.get(t["pressured"], 0) + 1
    out = {
        "actors": len(set(edges["a"]).union(edges["b"])) if len(edges) else 0,
        "edges": len(edges),
        "positive_edges": int((edges["sign"] > 0).sum()) if len(edges) else 0,
        "negative_edges": int((edges["sign"] < 0).sum()) if len(edges) else 0,
        "frustrated_triad_count": n_tri,
        "frustrated_triads": triads,
        "cross_pressure": [
            {"actor": a, "triads": n} for a, n in sorted(pressure.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        **part,
        "frustrated_edges": frustrated_edges,
    }
    if blocs == "auto":
        out["k_blocs"] = k_blocs(edges, weighted=weighted, seed=seed)
    return out


def balance(
    store: Any = None,
    at: str | date | None = None,
    window: str | int | None = DEFAULT_WINDOW,
    states_only: bool = False,
    priors: Any = True,
    weighted: bool = True,
    method: str = "auto",
    max_exact_edges: int = DEFAULT_MAX_EXACT_EDGES,
    time_limit: float = DEFAULT_TIME_LIMIT,
    max_triads: int | None = None,
    evidence_per_edge: int = EVIDENCE_PER_EDGE,
    seed: int = 0,
    blocs: str = "2",
    **edge_kwargs: Any,
) -> dict[str, Any]:
    """Frustrated triads (with the actor under cross-pressure and the evidence of each edge), the frustration
    index and the two blocs that achieve it (and k blocs with `blocs="auto"`), for the signed graph at `at`
    over `window`. For the network of reference data alone over a period, see `reference_balance`.

    `store`: a `Store`, a DuckDB connection, a .duckdb path or a Parquet export (default: the default store).
    """
    edges, params = signed_edges(store, at=at, window=window, states_only=states_only, priors=priors, **edge_kwargs)
    res = analyse_edges(
        edges, weighted, method, max_exact_edges, time_limit, max_triads, evidence_per_edge, seed, blocs=blocs
    )
    return strict({"at": params.at, "window_days": params.window_days, "params": params.to_dict(), **res})


def reference_balance(
    store: Any,
    first: int,
    last: int,
    pacts: str = "defense",
    weighted: bool = True,
    method: str = "auto",
    max_exact_edges: int = DEFAULT_MAX_EXACT_EDGES,
    time_limit: float = DEFAULT_TIME_LIMIT,
    max_triads: int | None = None,
    evidence_per_edge: int = EVIDENCE_PER_EDGE,
    seed: int = 0,
    blocs: str = "2",
    series: bool = True,
) -> dict[str, Any]:
    """Balance of the network of pacts and disputes over [first, last] (`realpolitik.analysis.reference_network`),
    with the frustration index of every single year of the period in `series`."""
    from realpolitik.analysis.reference_network import coverage, reference_edges
    from realpolitik.store.db import Store

    own = None
    if not isinstance(store, Store):
        own = store = Store(store, read_only=True)
    try:
        edges = reference_edges(store, first, last, pacts)
        res = analyse_edges(
            edges, weighted, method, max_exact_edges, time_limit, max_triads, evidence_per_edge, seed, blocs=blocs
        )
        yearly = []
        if series:
            for y in range(first, last + 1):
                ey = reference_edges(store, y, y, pacts)
                py = partition(ey, weighted=weighted, method=method, max_exact_edges=max_exact_edges,
                               time_limit=time_limit, seed=seed)  # fmt: skip
                yearly.append(
                    {
                        "year": y,
                        "actors": len(set(ey["a"]).union(ey["b"])) if len(ey) else 0,
                        "edges": len(ey),
                        "negative_edges": int((ey["sign"] < 0).sum()) if len(ey) else 0,
                        "frustration_index": py["frustration_index"],
                        "frustrated_count": py["frustrated_count"],
                        "exact": py["exact"],
                    }
                )
        head: dict[str, Any] = {
            "network": "reference",
            "from": first,
            "to": last,
            "pacts": pacts,
            "rule": "positive: a pact in force in any year of the period; negative: a militarised dispute in any "
            "year (a dyad both allied and in dispute is negative); weight: years of the tie",
            "coverage": coverage(store),
        }
        cov = head["coverage"]
        outside = [
            f"{src['source']} covers {src['first_year']}-{src['last_year']}"
            for src in (cov["atop"], cov["mid"])
            if first < src["first_year"] or last > src["last_year"]
        ]
        if outside:
            head["warning"] = f"years {first}-{last} reach beyond the data: " + "; ".join(outside)
        return strict({**head, **res, "series": yearly})
    finally:
        if own is not None:
            own.close()
