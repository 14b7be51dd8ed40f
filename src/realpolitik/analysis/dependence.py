"""Who depends on whom for arms? Shares, ranks and concentration from SIPRI TIV deliveries.

For a period, with TIV summed by delivery year: A's imports from B over all of A's imports (importer_share),
B's exports to A over all of B's exports (supplier_share), their difference (asymmetry: positive when A
depends on B more than B on A), B's rank among A's suppliers and A's rank among B's buyers, and the
Herfindahl-Hirschman index (0-1) of A's suppliers and of B's buyers. Deliveries from unknown suppliers count
in A's total. SIPRI data are never bundled: import your copy with `realpolitik import sipri FILE`.

The answer does not depend on the order the pair is given in: each period holds both directions (`flows`,
largest first), each state's dependence on the other (`dependence`: the larger of the share of its arms
imports the other supplies and the share of its arms exports the other takes, after Keohane & Nye's
asymmetric interdependence) and `more_dependent`, the state whose dependence is larger by more than MUTUAL
(null when they are close, or when there were no transfers either way). Shares are 0.0 (not null) when a
state traded arms but not with the other, null only when it had no imports (or exports) at all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from realpolitik.analysis._dyad import resolve_state
from realpolitik.analysis._json import strict
from realpolitik.errors import InputError

if TYPE_CHECKING:
    from realpolitik.store.db import Store

CREDIT = "Information from the SIPRI Arms Transfers Database (Stockholm International Peace Research Institute)"
PERIOD_YEARS = 5
MUTUAL = 0.05  # dependence scores closer than this: neither side depends more
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


def _flow(
    suppliers: list[dict[str, Any]], buyers: list[dict[str, Any]], importer: str, supplier: str
) -> dict[str, Any]:
    """One direction: `supplier`'s deliveries to `importer`, as shares of each side's totals, with ranks."""
    sup = next((p for p in suppliers if p["code"] == supplier), None)
    buy = next((p for p in buyers if p["code"] == importer), None)
    imp_total = sum(p["tiv"] for p in suppliers)
    exp_total = sum(p["tiv"] for p in buyers)
    return {
        "supplier": supplier,
        "recipient": importer,
        "tiv": round(sup["tiv"], 2) if sup else 0.0,
        # shares are numbers whenever the side traded at all (0.0 when not with this partner)
        "share_of_recipient_imports": round(sup["share"], 4) if sup else (0.0 if imp_total else None),
        "share_of_supplier_exports": round(buy["share"], 4) if buy else (0.0 if exp_total else None),
        "supplier_rank": sup["rank"] if sup else None,
        "buyer_rank": buy["rank"] if buy else None,
        "recipient_suppliers": len(suppliers),
        "supplier_buyers": len(buyers),
        "recipient_import_tiv": round(float(imp_total), 2),
        "supplier_export_tiv": round(float(exp_total), 2),
        "recipient_supplier_hhi": _hhi(suppliers),
        "supplier_buyer_hhi": _hhi(buyers),
    }


def _dependence_of(into: dict[str, Any], out_of: dict[str, Any]) -> dict[str, Any]:
    """How much a state depends on the other: the larger of the share of its arms imports the other supplies
    (`into`: the flow into it) and the share of its arms exports the other takes (`out_of`: the flow out)."""
    imp = into["share_of_recipient_imports"] or 0.0
    exp = out_of["share_of_supplier_exports"] or 0.0
    return {
        "score": round(max(imp, exp), 4),
        "via": "imports" if imp >= exp and imp > 0 else ("exports" if exp > 0 else None),
        "import_share": into["share_of_recipient_imports"],
        "export_share": out_of["share_of_supplier_exports"],
    }


def period_figures(store: Store, rel: str, a: str, b: str, y0: int, y1: int) -> dict[str, Any]:
    """Both directions of the dyad in one period, and who depends more on whom (the same whatever the order).

    The flat fields (importer_share, supplier_rank, ...) describe B's deliveries to A, as before; `flows`
    holds both directions and `dependence` each side's dependence on the other."""
    a_sup = _shares(store, rel, y0, y1, a, "recipient")
    a_buy = _shares(store, rel, y0, y1, a, "supplier")
    b_sup = _shares(store, rel, y0, y1, b, "recipient")
    b_buy = _shares(store, rel, y0, y1, b, "supplier")
    b_to_a = _flow(a_sup, b_buy, a, b)
    a_to_b = _flow(b_sup, a_buy, b, a)
    dep_a = _dependence_of(b_to_a, a_to_b)
    dep_b = _dependence_of(a_to_b, b_to_a)
    diff = dep_a["score"] - dep_b["score"]
    any_flow = bool(b_to_a["tiv"] or a_to_b["tiv"])
    more = (a if diff > MUTUAL else b if diff < -MUTUAL else None) if any_flow else None
    imp = b_to_a["share_of_recipient_imports"] or 0.0
    exp = b_to_a["share_of_supplier_exports"] or 0.0
    flows = sorted([b_to_a, a_to_b], key=lambda f: (-f["tiv"], f["supplier"]))
    return {
        "period": f"{y0}-{y1}",
        "first_year": y0,
        "last_year": y1,
        "transfers": any_flow,
        "more_dependent": more,
        "dependence": {a: dep_a, b: dep_b},
        "flows": flows,
        "importer_share": round(imp, 4),
        "supplier_share": round(exp, 4),
        "asymmetry": round(imp - exp, 4),
        "supplier_rank": b_to_a["supplier_rank"],
        "buyer_rank": b_to_a["buyer_rank"],
        "n_suppliers": len(a_sup),
        "n_buyers": len(b_buy),
        "dyad_tiv": b_to_a["tiv"],
        "importer_total_tiv": b_to_a["recipient_import_tiv"],
        "supplier_total_tiv": b_to_a["supplier_export_tiv"],
        "importer_hhi": _hhi(a_sup),
        "supplier_buyer_hhi": _hhi(b_buy),
        "top_suppliers": [{**p, "share": round(p["share"], 4)} for p in a_sup[:TOP]],
        "top_buyers": [{**p, "share": round(p["share"], 4)} for p in b_buy[:TOP]],
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
    first, last = store.con.execute(f"SELECT min(year), max(year) FROM {rel}").fetchall()[0]
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
    return strict(out)


def _pct(x: float | None) -> str:
    return "no" if x is None else f"{x:.1%}"


def _summary(r: dict[str, Any]) -> str:
    """One sentence per period that reads the same whichever state is named first."""
    names = {r["a"]: r["a_name"], r["b"]: r["b_name"]}
    an, bn = r["a_name"], r["b_name"]
    if not r["transfers"]:
        return f"{r['period']}: no arms transfers either way between {an} and {bn} in the SIPRI data."
    parts = []
    for f in r["flows"]:
        sn, rn = names[f["supplier"]], names[f["recipient"]]
        if not f["tiv"]:
            parts.append(f"{sn} delivered no arms to {rn}")
            continue
        parts.append(
            f"{sn} supplied {_pct(f['share_of_recipient_imports'])} of {rn}'s arms imports (rank {f['supplier_rank']} "
            f"supplier) and {rn} took {_pct(f['share_of_supplier_exports'])} of {sn}'s arms exports "
            f"(rank {f['buyer_rank']} buyer)"
        )
    s = f"{r['period']}: " + "; ".join(parts) + ". "
    more = r["more_dependent"]
    if more is None:
        s += f"Neither depends on the other markedly more (dependence {an} {r['dependence'][r['a']]['score']:.1%}, "
        s += f"{bn} {r['dependence'][r['b']]['score']:.1%})."
    else:
        other = r["b"] if more == r["a"] else r["a"]
        d_more, d_other = r["dependence"][more], r["dependence"][other]
        s += (
            f"{names[more]} depends on {names[other]} more than {names[other]} on {names[more]} "
            f"({d_more['score']:.1%} of its arms {d_more['via']} against {d_other['score']:.1%})."
        )
    return s
