"""Who is realigning: every active actor's shift test, ranked (the Shifts question page).

Why an adapter here: `analysis.shifts.shifts` answers for one actor; the dashboard's question is about all
of them. This runs it per actor (the most active first, at most `max_actors`) on the request's store and
ranks actors by their strongest tested change: significant changes first, then the smallest q-value
(Benjamini-Hochberg across the actor's periods), then the largest G statistic. Bloc sides are left out
(`blocs=False`): they need one balance computation per actor and do not change the test. Small tables get
Monte Carlo p-values from 999 draws instead of the actor page's 9,999 (`RANKING_DRAWS`): the permutation
test is what costs (0.3 s a period on a 1M-event store), and 999 draws still resolve p down to 0.001, far
below any q that decides a rank; the actor page recomputes the exact figures for the actor one opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from realpolitik.web.names import ActorEntry

EVIDENCE_SHOWN = 3
RANKING_DRAWS = 999


def rank_shifts(
    store: Any,
    entries: list[ActorEntry],
    shifts: Callable[..., dict[str, Any]],
    by: str = "quarter",
    max_actors: int = 30,
    min_events: int = 2,
    draws: int = RANKING_DRAWS,
) -> dict[str, Any]:
    """Actors ranked by tested change, each with its strongest test and the partners that drove it."""
    names = {e.code: e.name for e in entries}
    considered = [e for e in entries if e.n_events >= min_events][:max_actors]
    rows = []
    for e in considered:
        r = shifts(store, e.code, by=by, blocs=False, draws=draws)
        rows.append(_row(e, r, names))
    rows.sort(key=_rank_key)
    for i, row in enumerate(rows, 1):
        row["rank"] = i
    return {
        "by": by,
        "alpha": rows[0]["alpha"] if rows else None,
        "actors_considered": len(considered),
        "actors_with_events": len(entries),
        "min_events": min_events,
        "max_actors": max_actors,
        "monte_carlo_draws": draws,
        "method": "per actor: G-test of each period's partner x polarity distribution against all earlier "
        f"periods (Monte Carlo p-value from {draws} draws on small counts), Benjamini-Hochberg q-values across "
        "its periods; "
        "ranked by significant changes, then smallest q, then largest G",
        "ranking": rows,
    }


def _row(e: ActorEntry, r: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    tests = r.get("tests") or []
    best = min(tests, key=lambda t: (t["q_value"], -t["statistic"], t["period"])) if tests else None
    drivers = []
    for d in (best or {}).get("drivers", []):
        drivers.append(
            {
                "partner": d["partner"],
                "name": names.get(d["partner"], d["partner"]),
                "polarity": d["polarity"],
                "events": d["events"],
                "expected": d["expected"],
                "share_before": d["share_before"],
                "share_now": d["share_now"],
                "evidence": (d.get("evidence") or [])[:EVIDENCE_SHOWN],
            }
        )
    return {
        "actor": e.code,
        "name": e.name,
        "events": r.get("events", 0),
        "alpha": r.get("alpha"),
        "periods_tested": len(tests),
        "significant_changes": len(r.get("changes") or []),
        "best": None
        if best is None
        else {k: best[k] for k in ("period", "statistic", "dof", "p_value", "q_value", "method", "significant")},
        "drivers": drivers,
        "new_partners": len(r.get("new_partners") or []),
        "breaks": len(r.get("breaks") or []),
    }


def _rank_key(row: dict[str, Any]) -> tuple[Any, ...]:
    best = row["best"]
    if best is None:
        return (1, 0, 2.0, 0.0, row["actor"])
    return (0, -row["significant_changes"], best["q_value"], -best["statistic"], row["actor"])
