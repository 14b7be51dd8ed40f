"""Who depends on whom for arms? Shares, ranks and concentration from SIPRI TIV deliveries.

For a period, with TIV summed by delivery year: A's imports from B over all of A's imports (importer_share),
B's exports to A over all of B's exports (supplier_share), their difference (asymmetry: positive when A
depends on B more than B on A), B's rank among A's suppliers and A's rank among B's buyers, and the
Herfindahl-Hirschman index (0-1) of A's suppliers and of B's buyers. Deliveries from unknown suppliers count
in A's total. SIPRI data are never bundled: import your copy with `realpolitik import sipri FILE`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from realpolitik.analysis._dyad import resolve_state
from realpolitik.errors import InputError

if TYPE_CHECKING:
    from realpolitik.store.db import Store

CREDIT = "Information from the SIPRI Arms Transfers Database (Stockholm International Peace Research Institute)"
PERIOD_YEARS = 5
TOP = 5


def parse_years(years: str | tuple[int, int] | list[int] | None) -> tuple[int, int] | None:
    """'2019-2023', '2019–23', '2019' or (2019, 2023) -> (2019, 2023)."""
    if years is None or years == "":
        return None
    if isinstance(years, (tuple, list)):
        y0, y1 = int(years[0]), int(years[-1])
    else:
        m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–/:]|to|\.\.)?\s*(\d{2,4})?\s*", str(years))
        if not m:
            raise InputError(f"bad years {years!r}: write Y1-Y2, e.g. 2019-2023")
        y0 = int(m.group(1))
        y1 = int(m.group(2)) if m.group(2) else y0
        if m.group(2) and len(m.group(2)) == 2:
            y1 = y0 // 100 * 100 + y1
    if y1 < y0:
        raise InputError(f"bad years {years!r}: the end is before the start")
    return y0, y1


def _key(col: str) -> str:
    return f"coalesce({col}_iso3, {col})"


def _shares(store: Store, rel: str, y0: int, y1: int, who: str, side: str) -> list[dict[str, Any]]:
    """Partners of `who` (as recipient when side='recipient', else supplier) with TIV and share, ranked."""
    other = "supplier" if side == "recipient" else "recipient"
    rows = store.con.execute(
        f"""SELECT {_key(other)} AS partner, any_value({other}) AS name, sum(tiv) AS tiv FROM {rel}
            WHERE {_key(side)} = ? AND year BETWEEN ? AND ? GROUP BY 1 ORDER BY tiv DESC, partner""",
        [who, y0, y1],
    ).fetchall()
    total = sum(r[2] for r in rows)
    out = []
    for i, (code, name, tiv) in enumerate(rows, 1):
        out.append(
            {"rank": i, "code": code, "name": name, "tiv": round(tiv, 2), "share": tiv / total if total else 0.0}
        )
    return out


def _hhi(parts: list[dict[str, Any]]) -> float | None:
    return round(sum(p["share"] ** 2 for p in parts), 4) if parts else None


def period_figures(store: Store, rel: str, a: str, b: str, y0: int, y1: int) -> dict[str, Any]:
    suppliers = _shares(store, rel, y0, y1, a, "recipient")
    buyers = _shares(store, rel, y0, y1, b, "supplier")
    sup_b = next((p for p in suppliers if p["code"] == b), None)
    buy_a = next((p for p in buyers if p["code"] == a), None)
    imp = sup_b["share"] if sup_b else 0.0
    exp = buy_a["share"] if buy_a else 0.0
    return {
        "period": f"{y0}-{y1}",
        "first_year": y0,
        "last_year": y1,
        "importer_share": round(imp, 4),
        "supplier_share": round(exp, 4),
        "asymmetry": round(imp - exp, 4),
        "supplier_rank": sup_b["rank"] if sup_b else None,
        "buyer_rank": buy_a["rank"] if buy_a else None,
        "n_suppliers": len(suppliers),
        "n_buyers": len(buyers),
        "dyad_tiv": round(sup_b["tiv"], 2) if sup_b else 0.0,
        "importer_total_tiv": round(sum(p["tiv"] for p in suppliers), 2),
        "supplier_total_tiv": round(sum(p["tiv"] for p in buyers), 2),
        "importer_hhi": _hhi(suppliers),
        "supplier_buyer_hhi": _hhi(buyers),
        "top_suppliers": [{**p, "share": round(p["share"], 4)} for p in suppliers[:TOP]],
        "top_buyers": [{**p, "share": round(p["share"], 4)} for p in buyers[:TOP]],
    }


def default_periods(first: int, last: int, n: int = PERIOD_YEARS) -> list[tuple[int, int]]:
    """Consecutive n-year periods ending in the data's last year (oldest first; a short first one dropped)."""
    out = []
    end = last
    while end - n + 1 >= first:
        out.append((end - n + 1, end))
        end -= n
    return sorted(out)


def dependence(store: Store, a: str, b: str, years: str | tuple[int, int] | None = None) -> dict[str, Any]:
    """A's arms dependence on B and B's on A, for the years asked (else every 5-year period, latest first
    at the top level)."""
    from realpolitik.sources.countries import country_name
    from realpolitik.store.reference_tables import provenance, relation

    ia, ib = resolve_state(a), resolve_state(b)
    rel = relation(store, "sipri_deliveries")
    first, last = store.con.execute(f"SELECT min(year), max(year) FROM {rel}").fetchone()
    asked = parse_years(years)
    periods = [asked] if asked else default_periods(int(first), int(last))
    figures = [period_figures(store, rel, ia, ib, y0, y1) for y0, y1 in periods]
    top = figures[-1]
    prov = provenance(store, "sipri_deliveries")
    out: dict[str, Any] = {
        "a": ia,
        "b": ib,
        "a_name": country_name(ia),
        "b_name": country_name(ib),
        "credit": CREDIT,
        "coverage": {
            "source": "SIPRI Arms Transfers Database (TIV by delivery year)",
            "first_year": int(first),
            "last_year": int(last),
            "data": prov["path"],
        },
        "measure": "TIV of deliveries summed by delivery year",
        **top,
        "periods": figures,
    }
    if asked and (asked[0] < first or asked[1] > last):
        out["warning"] = f"the SIPRI data cover {first}-{last}; years outside are counted as zero"
    out["summary"] = _summary(out)
    return out


def _summary(r: dict[str, Any]) -> str:
    an, bn = r["a_name"], r["b_name"]
    if not r["importer_total_tiv"] and not r["supplier_total_tiv"]:
        return f"No SIPRI deliveries to {an} or from {bn} in {r['period']}."
    s = (
        f"{r['period']}: {bn} supplied {r['importer_share']:.0%} of {an}'s arms imports"
        + (f" (rank {r['supplier_rank']})" if r["supplier_rank"] else "")
        + f"; {an} took {r['supplier_share']:.0%} of {bn}'s arms exports"
        + (f" (rank {r['buyer_rank']} buyer)" if r["buyer_rank"] else "")
        + ". "
    )
    if r["asymmetry"] > 0.05:
        s += f"{an} depends on {bn} more than {bn} on {an}."
    elif r["asymmetry"] < -0.05:
        s += f"{bn} depends on {an} more than {an} on {bn}."
    else:
        s += "The dependence is roughly mutual."
    return s
