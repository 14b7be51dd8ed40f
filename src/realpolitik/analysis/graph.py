"""The signed relations graph as a networkx graph, and its export to GraphML, GEXF and JSON.

`build_graph` (also `realpolitik.graph(...)`) turns the edges of `signed_edges` into an undirected
`networkx.Graph`: one node per actor (attribute `kind`: state, organisation, armed group), one edge per dyad
with `sign` (+1 cooperation, -1 conflict), `weight` (|net|, after time decay and the per-document cap),
`net`, `pos`, `neg`, `n_events`, `n_docs` and `evidence` (a list of the strongest events: sentence, date,
type, url, ...). The weighting is documented in `realpolitik.analysis.signed_edges`.

GraphML and GEXF allow only scalar attributes, so the exports write `evidence` as a JSON string and add
`evidence_text` (the sentences joined by " | ") for Gephi's data laboratory.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.analysis.signed_edges import DEFAULT_WINDOW, is_state_code, signed_edges

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

ORGANISATIONS = frozenset(
    {"NATO", "UN", "EU", "AU", "ECOWAS", "SCO", "BRICS", "OPEC", "ASEAN", "ARL", "GCC", "OSCE", "IMF", "WTO", "WHO"}
)
FORMATS = ("graphml", "gexf", "json")


def node_kind(code: str) -> str:
    """state, armed group (CODE:REB and the like), organisation (known IGOs) or group (named non-state actors)."""
    if ":" in code:
        return "armed group"
    if is_state_code(code) and code not in ORGANISATIONS:
        return "state"
    if code in ORGANISATIONS:
        return "organisation"
    return "group"


def graph_from_edges(edges: pd.DataFrame, params: dict[str, Any] | None = None) -> nx.Graph:
    import networkx as nx

    g = nx.Graph()
    g.graph.update(params or {})
    nodes = sorted(set(edges["a"]).union(edges["b"])) if len(edges) else []
    for code in nodes:
        g.add_node(code, label=code, kind=node_kind(code))
    for r in edges.itertuples(index=False):
        g.add_edge(
            r.a,
            r.b,
            sign=int(r.sign),
            weight=float(r.weight),
            net=float(r.net),
            pos=float(r.pos),
            neg=float(r.neg),
            n_events=int(r.n_events),
            n_docs=int(r.n_docs),
            evidence=list(r.evidence),
        )
    return g


def build_graph(
    store_or_path: Any = None,
    at: str | date | None = None,
    window: str | int | None = DEFAULT_WINDOW,
    states_only: bool = False,
    priors: Any = True,
    **kwargs: Any,
) -> nx.Graph:
    """The signed, weighted relations graph at `at` over `window` (default: the store's latest date, 365 days).

    `store_or_path`: a `Store`, a DuckDB connection, a .duckdb file or a Parquet export directory (default:
    $REALPOLITIK_DB or realpolitik.duckdb). Other keyword arguments go to `signed_edges` (half_life_days,
    doc_cap, rupture_weight, max_evidence). The parameters used are in `graph.graph`.
    """
    edges, params = signed_edges(store_or_path, at=at, window=window, states_only=states_only, priors=priors, **kwargs)
    return graph_from_edges(edges, params.to_dict())


def label_blocs(g: nx.Graph, edges: pd.DataFrame, blocs: str = "2", weighted: bool = True) -> nx.Graph:
    """Node attributes for Gephi: `bloc` (0/1, the two-bloc frustration partition) and, with blocs='auto',
    `community` (k blocs by signed modularity; -1 for a node in no bloc)."""
    from realpolitik.analysis.balance import k_blocs, partition

    if len(edges) == 0:
        return g
    part = partition(edges, weighted=weighted)
    for k, bloc in enumerate(part["blocs"]):
        for code in bloc:
            g.nodes[code]["bloc"] = k
    g.graph["frustration_index"] = part["frustration_index"]
    if blocs == "auto":
        kb = k_blocs(edges, weighted=weighted)
        for code in g.nodes:
            g.nodes[code]["community"] = kb["bloc_of"].get(code, -1)
        g.graph["k_blocs"] = kb["k"]
    return g


def _flat(g: nx.Graph) -> nx.Graph:
    """A copy with scalar attributes only (evidence as JSON), as GraphML and GEXF require."""
    import networkx as nx

    h = nx.Graph()
    h.graph.update({k: ("" if v is None else v) for k, v in g.graph.items()})
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: v for k, v in d.items() if v is not None})
    for a, b, d in g.edges(data=True):
        attrs = {k: v for k, v in d.items() if k != "evidence" and v is not None}
        ev = d.get("evidence") or []
        attrs["evidence"] = json.dumps(ev, ensure_ascii=False, default=str)
        attrs["evidence_text"] = " | ".join(str(e.get("text") or "") for e in ev if e.get("text"))
        h.add_edge(a, b, **attrs)
    return h


def to_json(g: nx.Graph) -> dict[str, Any]:
    """networkx node-link JSON (`nx.node_link_graph` reads it back), evidence kept as lists."""
    import networkx as nx

    data = nx.node_link_data(g, edges="links")
    data["links"] = sorted(data["links"], key=lambda e: (e["source"], e["target"]))
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    return data


def export_graph(g: nx.Graph, fmt: str, path: str | Path | None = None) -> str:
    """The graph as GraphML, GEXF or JSON text; written to `path` when given."""
    import io

    import networkx as nx

    if fmt not in FORMATS:
        from realpolitik.errors import RealpolitikError

        raise RealpolitikError(f"unknown graph format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt == "json":
        text = json.dumps(to_json(g), ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        buf = io.BytesIO()
        flat = _flat(g)
        if fmt == "graphml":
            nx.write_graphml(flat, buf, encoding="utf-8")
        else:
            nx.write_gexf(flat, buf, encoding="utf-8")
        text = buf.getvalue().decode("utf-8")
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
