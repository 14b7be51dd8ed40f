"""The dashboard's time series: a dyad's events per month and an actor's partners per period.

Why apart from `queries`: both follow the rules of `web.periods` (a continuous axis, labels such as
2024Q3, dates placed only at their own precision), which the charts rely on; the counts are still
aggregated inside DuckDB.
"""

from __future__ import annotations

from typing import Any

from realpolitik.web import periods
from realpolitik.web.access import StoreAccess
from realpolitik.web.queries import DYAD, FACTUAL, actor_names

PAIR = "((source_code = ? AND target_code = ?) OR (source_code = ? AND target_code = ?))"
POLARITY_COUNTS = """count(*) FILTER (WHERE intensity > 0) AS coop,
                     count(*) FILTER (WHERE intensity < 0) AS conf,
                     count(*) FILTER (WHERE coalesce(intensity, 0) = 0) AS neutral"""


def dyad_timeline(access: StoreAccess, a: str, b: str) -> dict[str, Any]:
    """Events per month between two actors, cooperative and conflictual, every month from the first to the
    last (empty ones with zeros), from events dated at least to the month; events dated only to a year are
    counted per year in `year_only`, never drawn as January."""
    months = access.rows(
        f"""SELECT date_trunc('month', date_start) AS month, {POLARITY_COUNTS}, avg(coalesce(intensity, 0)) AS mi
            FROM events WHERE {FACTUAL} AND date_start IS NOT NULL AND {periods.precise_enough("month")} AND {PAIR}
            GROUP BY 1 ORDER BY 1""",
        [a, b, b, a],
    )
    years = access.rows(
        f"""SELECT year(date_start) AS year, {POLARITY_COUNTS}
            FROM events WHERE {FACTUAL} AND date_start IS NOT NULL AND length(coalesce(date, '')) = 4 AND {PAIR}
            GROUP BY 1 ORDER BY 1""",
        [a, b, b, a],
    )
    found = {periods.label(r["month"], "month"): r for r in months}
    timeline = []
    if months:
        for start in periods.span(months[0]["month"], months[-1]["month"], "month"):
            key = periods.label(start, "month")
            r = found.get(key)
            timeline.append(
                {
                    "month": key,
                    "cooperative": int(r["coop"]) if r else 0,
                    "conflictual": int(r["conf"]) if r else 0,
                    "neutral": int(r["neutral"]) if r else 0,
                    "mean_intensity": round(float(r["mi"]), 2) if r else None,
                }
            )
    year_only = [
        {
            "year": f"{int(r['year']):04d}",
            "cooperative": int(r["coop"]),
            "conflictual": int(r["conf"]),
            "neutral": int(r["neutral"]),
        }
        for r in years
    ]
    return {"timeline": timeline, "year_only": year_only}


def actor_partners(access: StoreAccess, code: str, by: str, top: int) -> dict[str, Any]:
    """An actor's top partners, and per period (every period from the first to the last) its event count
    and mean intensity with each of them; events whose date is coarser than the period are in `coarser`."""
    other = "CASE WHEN source_code = ? THEN target_code ELSE source_code END"
    top_rows = access.rows(
        f"""SELECT {other} AS partner, count(*) AS n, avg(coalesce(intensity, 0)) AS mi
            FROM events WHERE {FACTUAL} AND {DYAD} AND (source_code = ? OR target_code = ?)
            GROUP BY 1 ORDER BY n DESC, partner LIMIT ?""",
        [code, code, code, int(top)],
    )
    partners = [r["partner"] for r in top_rows]
    base = f"""FROM events WHERE {FACTUAL} AND {DYAD} AND (source_code = ? OR target_code = ?)
               AND date_start IS NOT NULL AND list_contains(?, {other})"""
    args = [code, code, partners, code]
    series = access.rows(
        f"""SELECT {other} AS partner, date_trunc('{by}', date_start) AS period, count(*) AS n,
                   avg(coalesce(intensity, 0)) AS mi
            {base} AND {periods.precise_enough(by)} GROUP BY 1, 2 ORDER BY 2, 1""",
        [code, *args],
    )
    coarser = access.rows(
        f"""SELECT {other} AS partner, year(date_start) AS year, count(*) AS n
            {base} AND NOT {periods.precise_enough(by)} GROUP BY 1, 2 ORDER BY 2, 1""",
        [code, *args],
    )
    names = actor_names(access, [code, *partners])
    axis = periods.span(series[0]["period"], series[-1]["period"], by) if series else []
    return {
        "actor": code,
        "name": names.get(code, {}).get("name") or code,
        "by": by,
        "partners": [
            {
                "code": r["partner"],
                "name": names.get(r["partner"], {}).get("name") or r["partner"],
                "n_events": int(r["n"]),
                "mean_intensity": round(float(r["mi"]), 2),
            }
            for r in top_rows
        ],
        "periods": [periods.label(p, by) for p in axis],
        "series": [
            {
                "partner": r["partner"],
                "period": r["period"].isoformat(),
                "label": periods.label(r["period"], by),
                "n_events": int(r["n"]),
                "mean_intensity": round(float(r["mi"]), 2),
            }
            for r in series
        ],
        "coarser": [
            {"partner": r["partner"], "year": f"{int(r['year']):04d}", "n_events": int(r["n"])} for r in coarser
        ],
    }
