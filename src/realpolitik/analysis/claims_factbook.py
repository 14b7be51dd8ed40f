"""Check world-rank claims about energy ("the world's largest producer of natural gas", "the second largest in
oil") against the CIA World Factbook editions imported with `realpolitik import factbook DIR`.

The reference edition is the latest one published by the document's year (an article of November 2024 is
read against the 2024 edition), whose figures are estimates of an earlier year (given). Countries are ranked
by value in that edition; a claim that holds there is *supported*; one that fails there but held in an
earlier edition is *outdated*; otherwise *contradicted*. The reason names the countries ranked ahead of the
subject, with their figures and estimate years. Editions mix estimate years across countries, and changed
their definitions (crude oil in 2021-2022, total petroleum from 2023): both are said in the figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realpolitik.store.db import Store

MEASURES = {
    "production_rank": "production",
    "consumption_rank": "consumption",
    "export_rank": "exports",
    "import_rank": "imports",
    "reserves_rank": "reserves",
}
ITEMS = {
    "natural gas": "natural gas",
    "gas": "natural gas",
    "lng": "natural gas",
    "liquefied natural gas": "natural gas",
    "oil": "oil",
    "crude": "oil",
    "crude oil": "oil",
    "petroleum": "oil",
}
SOURCE = "CIA World Factbook"
OIL_TOTAL_FROM = 2023  # the edition whose "Petroleum" field replaced "Crude oil - production"


def applies(claim: dict[str, Any]) -> tuple[str, str] | None:
    """(item, measure) when the claim is an energy world rank the Factbook can decide, else None."""
    measure = MEASURES.get(claim.get("measure") or "")
    item = ITEMS.get((claim.get("item") or "").strip().lower())
    if measure is None or item is None or claim.get("unit") != "rank" or claim.get("counterpart"):
        return None
    return item, measure


def _amount(item: str, measure: str, value: float, unit: str) -> str:
    if item == "natural gas":
        return f"{value / 1e9:,.1f} billion cubic metres" + ("" if measure == "reserves" else " a year")
    if unit == "barrels":
        return f"{value / 1e9:,.1f} billion barrels"
    return f"{value / 1e6:,.2f} million bbl/day"


def _ranking(store: Store, rel: str, edition: int, item: str, measure: str) -> list[tuple[str, str, float, Any, str]]:
    return store.con.execute(
        f"""SELECT iso3, name, value, est_year, unit FROM {rel}
            WHERE edition = ? AND item = ? AND measure = ? AND value IS NOT NULL ORDER BY value DESC, iso3""",
        [edition, item, measure],
    ).fetchall()


def check(store: Store, claim: dict[str, Any], item: str, measure: str) -> dict[str, Any]:
    """The verdict on an energy world-rank claim, with the ranking that decided it."""
    from realpolitik.store.reference_tables import relation

    rel = relation(store, "factbook_energy")
    editions = [int(r[0]) for r in store.con.execute(f"SELECT DISTINCT edition FROM {rel} ORDER BY 1").fetchall()]
    date = claim.get("date") or ""
    year = int(date[:4]) if date[:4].isdigit() else editions[-1]
    ref = max((e for e in editions if e <= year), default=editions[0])
    subject, claimed = claim["subject"], int(claim["value"])
    figures: list[dict[str, Any]] = []
    for ed in editions:
        ranking = _ranking(store, rel, ed, item, measure)
        rank = next((i for i, r in enumerate(ranking, 1) if r[0] == subject), None)
        figures.append(
            {
                "edition": ed,
                "rank": rank,
                "matches": rank == claimed,
                "value": next((r[2] for r in ranking if r[0] == subject), None),
                "est_year": next((r[3] for r in ranking if r[0] == subject), None),
                "top": [{"code": c, "name": n, "value": v, "est_year": e, "unit": u} for c, n, v, e, u in ranking[:5]],
            }
        )
    cur = next(f for f in figures if f["edition"] == ref)
    earlier = [f["edition"] for f in figures if f["matches"] and f["edition"] < ref]
    what = f"{item} {measure}"
    if cur["rank"] is None:
        return {
            "verdict": "unverifiable",
            "reason": f"the {SOURCE} {ref} gives no {what} figure for {subject}",
            "figures": figures,
            "source": f"{SOURCE}, {ref}",
        }
    ahead = [t for t in cur["top"][: max(0, cur["rank"] - 1)]][:3]
    unit = cur["top"][0]["unit"] if cur["top"] else ""
    said = (
        f"rank {claimed} claimed; the {SOURCE} {ref} ranks {subject} {cur['rank']} in {what} "
        f"({_amount(item, measure, cur['value'], unit)}, {cur['est_year']} est.)"
    )
    if ahead:
        said += ", behind " + ", ".join(
            f"{t['name']} ({t['code']}: {_amount(item, measure, t['value'], t['unit'])}, {t['est_year']} est.)"
            for t in ahead
        )
    if cur["matches"]:
        verdict, reason = "supported", said
    elif earlier:
        verdict, reason = "outdated", f"{said}; the claim held in the {', '.join(map(str, earlier))} edition(s)"
        if item == "oil" and measure == "production" and min(earlier) < OIL_TOTAL_FROM <= ref:
            reason += f" (editions before {OIL_TOTAL_FROM} count crude oil, later ones all petroleum liquids)"
    else:
        verdict, reason = "contradicted", f"{said}; no edition {editions[0]}-{editions[-1]} ranks it {claimed}"
    return {
        "verdict": verdict,
        "reason": reason,
        "reference_period": str(ref),
        "reference_value": cur["rank"],
        "reference_estimate_year": cur["est_year"],
        "ahead": [t["code"] for t in ahead],
        "matching_periods": [str(f["edition"]) for f in figures if f["matches"]],
        "figures": figures,
        "source": f"{SOURCE}, {ref} edition (public domain)",
    }
