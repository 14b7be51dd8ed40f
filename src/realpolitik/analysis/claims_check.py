"""Check quantitative claims against imported data: supported, contradicted, outdated or unverifiable.

A claim is compared with the measure it names, in the period it names, else in the last five complete years
before the document's date (the writer's "now"): 2019-2023 for an article of 2024. When it fails there,
every other five-year window of the data is tried: a claim that held in an earlier window is *outdated* (the
windows are listed), one that held in none is *contradicted*. World ranks in gas and oil go to the CIA World
Factbook when it is imported (`claims_factbook`). Measures without data in the store (contract values; gas
production before `import factbook`) are *unverifiable*, and the check says which data would decide them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from realpolitik.analysis import claims_factbook
from realpolitik.analysis.dependence import CREDIT, period_figures

if TYPE_CHECKING:
    from realpolitik.extract.claims import Claim
    from realpolitik.store.db import Store

WINDOW = 5
SHARE_TOLERANCE = 0.02
APPROX_TOLERANCE = 0.03
ARMS_MEASURES = frozenset(
    {
        "arms_import_share",
        "arms_supplier_share",
        "arms_buyer_share",
        "arms_buyer_rank",
        "arms_supplier_rank",
        "arms_import_rank",
        "arms_export_rank",
    }
)
NO_DATA = {
    "production_rank": "production data (`realpolitik import factbook DIR` for gas and oil)",
    "consumption_rank": "consumption data",
    "export_rank": "trade data for the item (e.g. UN Comtrade)",
    "import_rank": "trade data for the item (e.g. UN Comtrade)",
    "amount": "contract or financial records",
    "economy_rank": "national accounts data",
    "spending_rank": "military expenditure data (e.g. the SIPRI Military Expenditure Database)",
}


def reference_period(claim_period: str | None, date: str | None, first: int, last: int) -> tuple[int, int]:
    """The period a claim speaks of: the one it names, else the WINDOW years before its document's date."""
    if claim_period:
        years = [int(y) for y in re.findall(r"\d{4}", claim_period)]
        if len(years) == 2:
            return years[0], years[1]
        if len(years) == 1:
            return years[0], years[0]
    end = int(date[:4]) - 1 if date and date[:4].isdigit() else last
    end = min(end, last)
    return max(first, end - WINDOW + 1), end


def _world_rank(store: Store, rel: str, who: str, side: str, y0: int, y1: int) -> int | None:
    col = "recipient" if side == "import" else "supplier"
    rows = store.con.execute(
        f"""SELECT {col}_iso3, sum(tiv) AS t FROM {rel} WHERE {col}_iso3 IS NOT NULL AND year BETWEEN ? AND ?
            GROUP BY 1 ORDER BY t DESC, 1""",
        [y0, y1],
    ).fetchall()
    for i, (code, _) in enumerate(rows, 1):
        if code == who:
            return i
    return None


def measure_value(store: Store, rel: str, c: dict[str, Any], y0: int, y1: int) -> float | None:
    """The data's value of a claim's arms measure in [y0, y1] (share 0-1 or rank), None when undefined."""
    m, s, cp = c["measure"], c["subject"], c["counterpart"]
    if m == "arms_import_share" and cp:
        return period_figures(store, rel, s, cp, y0, y1)["importer_share"]
    if m == "arms_supplier_share" and cp:
        return period_figures(store, rel, cp, s, y0, y1)["importer_share"]
    if m == "arms_buyer_share" and cp:
        return period_figures(store, rel, s, cp, y0, y1)["supplier_share"]
    if m == "arms_buyer_rank":
        if cp:
            return period_figures(store, rel, s, cp, y0, y1)["buyer_rank"]
        return _world_rank(store, rel, s, "import", y0, y1)
    if m == "arms_supplier_rank":
        if cp:
            return period_figures(store, rel, cp, s, y0, y1)["supplier_rank"]
        return _world_rank(store, rel, s, "export", y0, y1)
    if m == "arms_import_rank":
        return _world_rank(store, rel, s, "import", y0, y1)
    if m == "arms_export_rank":
        return _world_rank(store, rel, s, "export", y0, y1)
    return None


def _matches(c: dict[str, Any], value: float | None) -> bool:
    if value is None:
        return False
    if c["unit"] == "rank":
        return int(value) == int(c["value"])
    tol = APPROX_TOLERANCE if c.get("approximate") else SHARE_TOLERANCE
    return abs(value - c["value"]) <= tol + 1e-9


def _fmt(c: dict[str, Any], v: float | None) -> str:
    if v is None:
        return "n/a"
    return f"rank {int(v)}" if c["unit"] == "rank" else f"{v:.1%}"


def check_claim(store: Store, claim: dict[str, Any]) -> dict[str, Any]:
    """The verdict on one claim (a `Claim.to_dict()`), with the figures that decided it."""
    from realpolitik.store.reference_tables import has_data, relation

    m = claim["measure"]
    energy = claims_factbook.applies(claim)
    if energy and claim.get("subject") and has_data(store, "factbook_energy"):
        return claims_factbook.check(store, claim, *energy)
    if m not in ARMS_MEASURES:
        need = NO_DATA.get(m, "data for this measure")
        what = f" ({claim['item']})" if claim.get("item") else ""
        return {
            "verdict": "unverifiable",
            "reason": f"no {m.replace('_', ' ')}{what} data in the store: deciding it needs {need}; not guessed",
            "figures": [],
        }
    if not claim.get("subject") or (m.endswith("_share") and not claim.get("counterpart")):
        return {"verdict": "unverifiable", "reason": "the claim's actors could not both be resolved", "figures": []}
    if not has_data(store, "sipri_deliveries"):
        return {
            "verdict": "unverifiable",
            "reason": "no SIPRI arms-transfer data in the store: run `realpolitik import sipri FILE`",
            "figures": [],
        }
    rel = relation(store, "sipri_deliveries")
    first, last = (int(x) for x in store.con.execute(f"SELECT min(year), max(year) FROM {rel}").fetchall()[0])
    y0, y1 = reference_period(claim.get("period"), claim.get("date"), first, last)
    current = measure_value(store, rel, claim, y0, y1)
    windows: list[dict[str, Any]] = []
    for end in range(first + WINDOW - 1, last + 1):
        v = measure_value(store, rel, claim, end - WINDOW + 1, end)
        windows.append({"period": f"{end - WINDOW + 1}-{end}", "value": v, "matches": _matches(claim, v)})
    matching = [w["period"] for w in windows if w["matches"]]
    cur = {"period": f"{y0}-{y1}", "value": current, "matches": _matches(claim, current)}
    claimed = _fmt(claim, claim["value"])
    if cur["matches"]:
        verdict = "supported"
        reason = f"{claimed} claimed; the data give {_fmt(claim, current)} in {y0}-{y1}"
    elif matching:
        verdict = "outdated"
        reason = (
            f"{claimed} claimed; the data give {_fmt(claim, current)} in {y0}-{y1}, but the claim held in "
            f"{_ranges(matching)}"
        )
    else:
        verdict = "contradicted"
        reason = (
            f"{claimed} claimed; the data give {_fmt(claim, current)} in {y0}-{y1} and in no 5-year window match it"
        )
    return {
        "verdict": verdict,
        "reason": reason,
        "reference_period": cur["period"],
        "reference_value": current,
        "matching_periods": matching,
        "figures": [cur, *[w for w in windows if w["matches"]]],
        "windows": windows,
        "source": CREDIT,
    }


def _ranges(periods: list[str]) -> str:
    if len(periods) <= 3:
        return ", ".join(periods)
    return f"{len(periods)} five-year windows, most recently {periods[-1]} (all: {', '.join(periods)})"


def check_claims(store: Store, claims: list[Claim] | list[dict[str, Any]]) -> dict[str, Any]:
    """Every claim with its check; a count of verdicts."""
    out = []
    for c in claims:
        d = c if isinstance(c, dict) else c.to_dict()
        out.append({**d, "check": check_claim(store, d)})
    counts: dict[str, int] = {}
    for c in out:
        counts[c["check"]["verdict"]] = counts.get(c["check"]["verdict"], 0) + 1
    return {"claims": out, "verdicts": dict(sorted(counts.items())), "credit": CREDIT}


def check_documents(store: Store, paths: list[str], date: str | None = None) -> dict[str, Any]:
    """Read articles, extract their claims and check them."""
    from realpolitik.extract.claims import extract_claims
    from realpolitik.sources.articles import read_documents

    docs = list(read_documents(paths, date=date))
    result = check_claims(store, extract_claims(docs))
    return {"documents": [d.doc_id for d in docs], **result}
