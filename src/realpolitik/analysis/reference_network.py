"""The signed network of pacts and disputes over a period, from reference data alone (no events).

As Doreian & Mrvar (2015) and Aref & Wilson (2019) build the Correlates of War networks: over the years
[from, to], two states are tied positively when an ATOP pact binds them in any of those years (`pacts`:
"defense" for defence or offence obligations, "all" for any obligation), negatively when they meet in a COW
militarised dispute (MID dispute-dyad-years, imported with `realpolitik import mid`); a dyad both allied and
in dispute is negative. Weights: the number of years of the tie in the period (dispute years for a negative
tie); the unweighted index counts edges, as the published indices do.

Nodes are ISO3 codes where the COW code has one (255 and 260 are both Germany), else the COW abbreviation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    import pandas as pd

    from realpolitik.store.db import Store

PACTS = {"defense": "(defense > 0 OR offense > 0)", "all": "(defense + offense + neutral + nonagg + consul > 0)"}
SOURCE_ATOP = "ATOP 5.1 (Leeds et al. 2002)"
SOURCE_MID = "COW MID dispute-dyad-years (Palmer et al. 2022; Maoz et al. 2019)"


def _node_names(store: Store, codes: set[int]) -> dict[int, str]:
    from realpolitik.analysis.signed_edges import cow_to_iso3
    from realpolitik.store.reference_tables import has_data, relation

    abb: dict[int, str] = {}
    if has_data(store, "cow_states"):
        rows = store.con.execute(f"SELECT ccode, any_value(stateabb) FROM {relation(store, 'cow_states')} GROUP BY 1")
        abb = {int(c): str(a) for c, a in rows.fetchall()}
    return {c: cow_to_iso3(c) or abb.get(c) or f"COW{c}" for c in sorted(codes)}


def reference_edges(store: Store, first: int, last: int, pacts: str = "defense") -> pd.DataFrame:
    """Edges (a < b, sign, weight, net, pos, neg, n_events, n_docs, evidence) of the period's network."""
    import pandas as pd

    from realpolitik.store.reference_tables import has_data, relation

    if pacts not in PACTS:
        raise RealpolitikError(f"--pacts {pacts!r}: expected defense or all")
    if last < first:
        raise RealpolitikError(f"--from {first} --to {last}: the end is before the start")
    if not has_data(store, "mid_dyad_years"):
        raise RealpolitikError(
            "no dispute data in the store: run `realpolitik import mid FILE` (COW MID dispute-dyad-years)"
        )
    atop = relation(store, "atop_dyad_year")
    mid = relation(store, "mid_dyad_years")
    pos = store.con.execute(
        f"""SELECT ccode1, ccode2, count(DISTINCT year), min(year), max(year) FROM {atop}
            WHERE year BETWEEN ? AND ? AND {PACTS[pacts]} GROUP BY 1, 2""",
        [first, last],
    ).fetchall()
    neg = store.con.execute(
        f"""SELECT ccode1, ccode2, count(DISTINCT year), min(year), max(year), list(DISTINCT dispnum ORDER BY dispnum),
                   max(hostlev) FROM {mid} WHERE year BETWEEN ? AND ? GROUP BY 1, 2""",
        [first, last],
    ).fetchall()
    names = _node_names(store, {int(r[0]) for r in pos + neg} | {int(r[1]) for r in pos + neg})
    by: dict[tuple[str, str], dict[str, Any]] = {}

    def slot(c1: int, c2: int) -> dict[str, Any] | None:
        x, y = names[int(c1)], names[int(c2)]
        if x == y:
            return None
        a, b = min(x, y), max(x, y)
        return by.setdefault((a, b), {"a": a, "b": b, "ally_years": 0, "dispute_years": 0, "evidence": []})

    kind = "defence or offence pact" if pacts == "defense" else "pact"
    for c1, c2, n, y0, y1 in pos:
        e = slot(c1, c2)
        if e is not None:
            e["ally_years"] = max(e["ally_years"], int(n))
            e["evidence"].append({"kind": "alliance", "date": f"{y0}-{y1}", "text": f"{SOURCE_ATOP}: {kind} {y0}–{y1}"})
    for c1, c2, n, y0, y1, disp, host in neg:
        e = slot(c1, c2)
        if e is not None:
            e["dispute_years"] = max(e["dispute_years"], int(n))
            ids = ", ".join(str(d) for d in disp[:5]) + (" ..." if len(disp) > 5 else "")
            e["evidence"].append(
                {"kind": "mid", "date": f"{y0}-{y1}", "text": f"COW MID {ids}: dispute {y0}–{y1}, hostility {host}"}
            )
    rows = []
    for (a, b), e in sorted(by.items()):
        negative = e["dispute_years"] > 0  # allied and in dispute: negative
        w = float(e["dispute_years"] if negative else e["ally_years"])
        rows.append(
            {
                "a": a,
                "b": b,
                "sign": -1 if negative else 1,
                "weight": w,
                "net": -w if negative else w,
                "pos": float(e["ally_years"]),
                "neg": float(e["dispute_years"]),
                "n_events": e["ally_years"] + e["dispute_years"],
                "n_docs": 0,
                "evidence": e["evidence"],
            }
        )
    cols = ["a", "b", "sign", "weight", "net", "pos", "neg", "n_events", "n_docs", "evidence"]
    return pd.DataFrame(rows, columns=cols)


def coverage(store: Store) -> dict[str, Any]:
    from realpolitik.store.reference_tables import relation

    a0, a1 = store.con.execute(f"SELECT min(year), max(year) FROM {relation(store, 'atop_dyad_year')}").fetchall()[0]
    m0, m1 = store.con.execute(f"SELECT min(year), max(year) FROM {relation(store, 'mid_dyad_years')}").fetchall()[0]
    return {
        "atop": {"source": SOURCE_ATOP, "first_year": int(a0), "last_year": int(a1)},
        "mid": {"source": SOURCE_MID, "first_year": int(m0), "last_year": int(m1)},
    }
