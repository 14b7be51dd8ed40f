"""The data behind `ally`: ATOP obligation spells and treaties, multilateral pacts, COW disputes, SIPRI arms ties.

Each function reads one reference table of the store (or the bundled copy) for a dyad given by COW codes or
ISO3 codes; `realpolitik.analysis.alliance` weighs them into a relation and a verdict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realpolitik.store.db import Store

OBLIGATIONS: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul")
RECENT_YEARS = 10


def spells(years: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for y in sorted(set(years)):
        if out and y == out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


def sql_in(codes: list[int]) -> str:
    return ", ".join(str(int(c)) for c in codes) or "NULL"


def treaties_of(store: Store, ca: list[int], cb: list[int]) -> list[dict[str, Any]]:
    from realpolitik.store.reference_tables import has_data, relation

    if not has_data(store, "atop_members"):
        return []
    rel = relation(store, "atop_members")
    qa, qb = sql_in(ca), sql_in(cb)
    rows = store.con.execute(
        f"""
        SELECT a.atopid, greatest(a.yrent, b.yrent) AS first_year,
               least(coalesce(a.yrexit, 9999), coalesce(b.yrexit, 9999)) AS last_year,
               {", ".join(f"greatest(a.{o}, b.{o}) AS {o}" for o in OBLIGATIONS)},
               greatest(a.start_date, b.start_date) AS start_date,
               CASE WHEN a.end_date IS NULL THEN b.end_date WHEN b.end_date IS NULL THEN a.end_date
                    ELSE least(a.end_date, b.end_date) END AS end_date,
               (SELECT count(DISTINCT m.member) FROM {rel} m WHERE m.atopid = a.atopid) AS members
        FROM {rel} a JOIN {rel} b ON a.atopid = b.atopid
        WHERE a.member IN ({qa}) AND b.member IN ({qb})
          AND a.yrent <= coalesce(b.yrexit, 9999) AND b.yrent <= coalesce(a.yrexit, 9999)
        ORDER BY a.atopid, first_year
        """
    ).fetchall()
    out = []
    for r in rows:
        out.append(
            {
                "atopid": int(r[0]),
                "first_year": int(r[1]),
                "last_year": None if r[2] == 9999 else int(r[2]),
                "obligations": [o for o, v in zip(OBLIGATIONS, r[3:8], strict=True) if v],
                "start_date": r[8],
                "end_date": r[9],
                "members": int(r[10]),
                "multilateral": int(r[10]) > 2,
            }
        )
    return out


def co_members(store: Store, rel: str, ca: list[int], cb: list[int], ob: str, y0: int) -> int:
    """Third states joined with both A and B by the same obligation in y0, one of the ties new that year."""
    qa, qb = sql_in(ca), sql_in(cb)
    row = store.con.execute(
        f"""
        WITH d AS (
            SELECT ccode1 AS x, ccode2 AS y, year FROM {rel} WHERE {ob} > 0 AND year IN (?, ?)
            UNION ALL SELECT ccode2, ccode1, year FROM {rel} WHERE {ob} > 0 AND year IN (?, ?)
        )
        SELECT count(DISTINCT da.y) FROM d da JOIN d db ON da.y = db.y AND da.year = db.year
        WHERE da.year = ? AND da.x IN ({qa}) AND db.x IN ({qb}) AND da.y NOT IN ({qa}) AND da.y NOT IN ({qb})
          AND (NOT EXISTS (SELECT 1 FROM d p WHERE p.x = da.x AND p.y = da.y AND p.year = ? - 1)
            OR NOT EXISTS (SELECT 1 FROM d p WHERE p.x = db.x AND p.y = db.y AND p.year = ? - 1))
        """,
        [y0, y0 - 1, y0, y0 - 1, y0, y0, y0],
    ).fetchone()
    return int(row[0]) if row else 0


def disputes_of(store: Store, ca: list[int], cb: list[int]) -> list[dict[str, Any]]:
    """COW MIDs between the two (when imported): one row per dispute with its years and hostility."""
    from realpolitik.store.reference_tables import has_data, relation

    if not ca or not cb or not has_data(store, "mid_dyad_years"):
        return []
    rel = relation(store, "mid_dyad_years")
    qa, qb = sql_in(ca), sql_in(cb)
    rows = store.con.execute(
        f"""SELECT dispnum, min(year), max(year), max(hostlev) FROM {rel}
            WHERE (ccode1 IN ({qa}) AND ccode2 IN ({qb})) OR (ccode1 IN ({qb}) AND ccode2 IN ({qa}))
            GROUP BY dispnum ORDER BY 2, 1"""
    ).fetchall()
    return [
        {"dispnum": int(d), "first_year": int(y0), "last_year": int(y1), "hostlev": None if h is None else int(h)}
        for d, y0, y1, h in rows
    ]


def arms_ties(store: Store, ia: str, ib: str) -> dict[str, Any] | None:
    """SIPRI deliveries either way in the RECENT_YEARS up to the data's last year (None without SIPRI)."""
    from realpolitik.store.reference_tables import has_data, relation

    if not has_data(store, "sipri_deliveries"):
        return None
    rel = relation(store, "sipri_deliveries")
    last = store.con.execute(f"SELECT max(year) FROM {rel}").fetchall()[0][0]
    lo = int(last) - RECENT_YEARS + 1
    rows = store.con.execute(
        f"""SELECT coalesce(supplier_iso3, supplier), coalesce(recipient_iso3, recipient), sum(tiv), max(year)
            FROM {rel} WHERE year >= ? AND ((coalesce(supplier_iso3, supplier) = ? AND coalesce(recipient_iso3,
            recipient) = ?) OR (coalesce(supplier_iso3, supplier) = ? AND coalesce(recipient_iso3, recipient) = ?))
            GROUP BY 1, 2 ORDER BY 3 DESC, 1""",
        [lo, ia, ib, ib, ia],
    ).fetchall()
    return {
        "years": f"{lo}-{int(last)}",
        "deliveries": [
            {"supplier": s, "recipient": r, "tiv": round(float(t), 2), "last_year": int(y)} for s, r, t, y in rows
        ],
    }


def obligation_spells(by_year: dict[int, set[str]]) -> list[dict[str, Any]]:
    out = []
    for ob in OBLIGATIONS:
        for y0, y1 in spells([y for y, obs in by_year.items() if ob in obs]):
            out.append({"type": ob, "first_year": y0, "last_year": y1})
    out.sort(key=lambda o: (o["first_year"], OBLIGATIONS.index(o["type"]), o["last_year"]))
    return out


def mark_pacts(
    store: Store,
    rel: str,
    obligations: list[dict[str, Any]],
    treaties: list[dict[str, Any]],
    ca: list[int],
    cb: list[int],
) -> None:
    """Each obligation spell gets `multilateral`, `pact` and `members` (treaty file) or `co_members` (inferred)."""
    for o in obligations:
        match = [
            t
            for t in treaties
            if o["type"] in t["obligations"]
            and t["first_year"] <= o["last_year"]
            and (t["last_year"] is None or t["last_year"] >= o["first_year"])
        ]
        if match:
            o["pact"] = ", ".join(f"ATOP {t['atopid']}" for t in match)
            o["members"] = max(t["members"] for t in match)
            o["multilateral"] = any(t["multilateral"] for t in match)
            o["inferred"] = False
        else:
            n = co_members(store, rel, ca, cb, o["type"], o["first_year"])
            o["pact"] = None
            o["co_members"] = n
            o["multilateral"] = n > 0
            o["inferred"] = True
