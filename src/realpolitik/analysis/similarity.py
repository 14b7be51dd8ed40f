"""Foreign-policy similarity of two states from the UN General Assembly.

Two measures: the distance between Bailey-Strezhnev-Voeten ideal points (`idealpointall`) by year, and the
share of roll calls on which both voted the same way (yes/abstain/no; absences excluded) by year, with their
linear trends over the last TREND_YEARS years.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realpolitik.analysis._dyad import resolve_state

if TYPE_CHECKING:
    from realpolitik.store.db import Store

TREND_YEARS = 15
MIN_VOTES = 10
CITATION = (
    "Bailey, Strezhnev and Voeten (2017), Estimating Dynamic State Preferences from United Nations Voting Data, "
    "JCR 61(2); Voeten, Strezhnev and Bailey, United Nations General Assembly Voting Data, Harvard Dataverse"
)


def _slope(points: list[tuple[float, float]]) -> float | None:
    if len(points) < 3:
        return None
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    if not sxx:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in points) / sxx


def similarity(store: Store, a: str, b: str) -> dict[str, Any]:
    """Ideal-point distance and vote agreement of a and b by year, with trends and a summary."""
    from realpolitik.sources.countries import country_name
    from realpolitik.store.reference_tables import relation

    ia, ib = resolve_state(a), resolve_state(b)
    ip = relation(store, "unga_ideal_points")
    rows = store.con.execute(
        f"""SELECT x.year, x.ideal_all, y.ideal_all FROM {ip} x JOIN {ip} y ON x.year = y.year
            WHERE x.iso3 = ? AND y.iso3 = ? AND x.ideal_all IS NOT NULL AND y.ideal_all IS NOT NULL
            ORDER BY x.year""",
        [ia, ib],
    ).fetchall()
    ideal = [
        {"year": int(y), "a_ideal": round(xa, 4), "b_ideal": round(xb, 4), "distance": round(abs(xa - xb), 4)}
        for y, xa, xb in rows
    ]
    votes, calls = relation(store, "unga_votes"), relation(store, "unga_rollcalls")
    rows = store.con.execute(
        f"""SELECT r.year, avg(CASE WHEN x.vote = y.vote THEN 1.0 ELSE 0.0 END), count(*)
            FROM {votes} x JOIN {votes} y ON x.rcid = y.rcid JOIN {calls} r ON r.rcid = x.rcid
            WHERE x.iso3 = ? AND y.iso3 = ? GROUP BY r.year ORDER BY r.year""",
        [ia, ib],
    ).fetchall()
    agreement = [{"year": int(y), "agreement": round(float(v), 4), "n_votes": int(n)} for y, v, n in rows]
    percentile = None
    if ideal:
        last = ideal[-1]
        row = store.con.execute(
            f"""SELECT avg(CASE WHEN abs(x.ideal_all - y.ideal_all) <= ? THEN 1.0 ELSE 0.0 END)
                FROM {ip} x JOIN {ip} y ON x.year = y.year AND x.iso3 < y.iso3 WHERE x.year = ?""",
            [last["distance"], last["year"]],
        ).fetchone()
        percentile = round(float(row[0]), 4) if row and row[0] is not None else None
    solid = [r for r in agreement if r["n_votes"] >= MIN_VOTES]  # a year with one roll call says little
    d_recent = [(r["year"], r["distance"]) for r in ideal][-TREND_YEARS:]
    g_recent = [(r["year"], r["agreement"]) for r in solid][-TREND_YEARS:]
    ds, gs = _slope(d_recent), _slope(g_recent)
    direction = None
    if ds is not None:
        direction = "converging" if ds < -0.005 else ("diverging" if ds > 0.005 else "stable")
    out: dict[str, Any] = {
        "a": ia,
        "b": ib,
        "a_name": country_name(ia),
        "b_name": country_name(ib),
        "ideal_points": ideal,
        "agreement": agreement,
        "latest": {
            "ideal_year": ideal[-1]["year"] if ideal else None,
            "distance": ideal[-1]["distance"] if ideal else None,
            "distance_percentile": percentile,
            "agreement_year": solid[-1]["year"] if solid else None,
            "agreement": solid[-1]["agreement"] if solid else None,
        },
        "trend": {
            "window_years": TREND_YEARS,
            "distance_per_year": round(ds, 4) if ds is not None else None,
            "agreement_per_year": round(gs, 4) if gs is not None else None,
            "direction": direction,
        },
        "coverage": {
            "source": "UNGA ideal points (Bailey-Strezhnev-Voeten) and roll-call votes (Voeten)",
            "ideal_first_year": ideal[0]["year"] if ideal else None,
            "ideal_last_year": ideal[-1]["year"] if ideal else None,
            "votes_first_year": agreement[0]["year"] if agreement else None,
            "votes_last_year": agreement[-1]["year"] if agreement else None,
            "citation": CITATION,
        },
    }
    out["summary"] = _summary(out)
    return out


def _summary(r: dict[str, Any]) -> str:
    an, bn, la, tr = r["a_name"], r["b_name"], r["latest"], r["trend"]
    if la["distance"] is None and la["agreement"] is None:
        return f"No UNGA data for both {an} and {bn}."
    parts = []
    if la["distance"] is not None:
        s = f"In {la['ideal_year']} the UNGA ideal points of {an} and {bn} were {la['distance']:.2f} apart"
        if la["distance_percentile"] is not None:
            s += f" (closer than {1 - la['distance_percentile']:.0%} of all pairs of states)"
        parts.append(s)
    if la["agreement"] is not None:
        parts.append(f"they voted alike on {la['agreement']:.0%} of roll calls in {la['agreement_year']}")
    text = "; ".join(parts) + "."
    if tr["direction"]:
        text += f" Over the last {tr['window_years']} years their positions are {tr['direction']}."
    return text
