"""Are A and B allies? Formal obligations from ATOP, partnership and divergence from stored events.

ATOP (Leeds et al. 2002, v5.1) codes five obligations: defense, offense, neutral(ity), nonagg(ression),
consul(tation). Multilateral pacts count: ATOP's dyad-years include every pair of members. A "formal alliance"
here is any ATOP obligation in the year asked (or the last year ATOP covers); the verdict says which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realpolitik.analysis._dyad import dyad_events, resolve_state, summarise_events

if TYPE_CHECKING:
    from realpolitik.store.db import Store

OBLIGATIONS: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul")
OBLIGATION_WORDS = {
    "defense": "defence",
    "offense": "offence",
    "neutral": "neutrality",
    "nonagg": "non-aggression",
    "consul": "consultation",
}
SOURCE = "ATOP 5.1 (Leeds et al. 2002), dyad-years"


def _spells(years: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for y in sorted(set(years)):
        if out and y == out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


def _treaties(store: Store, ca: list[int], cb: list[int]) -> list[dict[str, Any]]:
    from realpolitik.store.reference_tables import has_data, relation

    if not has_data(store, "atop_members"):
        return []
    rel = relation(store, "atop_members")
    qa = ", ".join(str(int(c)) for c in ca)
    qb = ", ".join(str(int(c)) for c in cb)
    rows = store.con.execute(
        f"""
        SELECT a.atopid, greatest(a.yrent, b.yrent) AS first_year,
               least(coalesce(a.yrexit, 9999), coalesce(b.yrexit, 9999)) AS last_year,
               {", ".join(f"greatest(a.{o}, b.{o}) AS {o}" for o in OBLIGATIONS)},
               greatest(a.start_date, b.start_date) AS start_date,
               CASE WHEN a.end_date IS NULL THEN b.end_date WHEN b.end_date IS NULL THEN a.end_date
                    ELSE least(a.end_date, b.end_date) END AS end_date
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
            }
        )
    return out


def ally(store: Store, a: str, b: str, year: int | None = None) -> dict[str, Any]:
    """Formal alliance status, obligations, event evidence and a one-sentence verdict for the dyad a-b."""
    from realpolitik.sources.countries import ccodes_of, country_name
    from realpolitik.store.reference_tables import provenance, relation

    ia, ib = resolve_state(a), resolve_state(b)
    ca, cb = ccodes_of(ia), ccodes_of(ib)
    rel = relation(store, "atop_dyad_year")
    first, last = store.con.execute(f"SELECT min(year), max(year) FROM {rel}").fetchone()
    coverage = {
        "source": SOURCE,
        "first_year": int(first),
        "last_year": int(last),
        **_prov(provenance(store, "atop_dyad_year")),
    }
    rows: list[tuple[int, ...]] = []
    if ca and cb:
        qa = ", ".join(str(int(c)) for c in ca)
        qb = ", ".join(str(int(c)) for c in cb)
        rows = store.con.execute(
            f"""SELECT year, {", ".join(OBLIGATIONS)} FROM {rel}
                WHERE (ccode1 IN ({qa}) AND ccode2 IN ({qb})) OR (ccode1 IN ({qb}) AND ccode2 IN ({qa}))
                ORDER BY year"""
        ).fetchall()
    by_year: dict[int, set[str]] = {}
    for r in rows:
        by_year.setdefault(int(r[0]), set()).update(o for o, v in zip(OBLIGATIONS, r[1:], strict=True) if v)
    obligations = []
    for ob in OBLIGATIONS:
        for y0, y1 in _spells([y for y, obs in by_year.items() if ob in obs]):
            obligations.append({"type": ob, "first_year": y0, "last_year": y1})
    obligations.sort(key=lambda o: (o["first_year"], OBLIGATIONS.index(o["type"]), o["last_year"]))
    beyond = year is not None and year > coverage["last_year"]
    before = year is not None and year < coverage["first_year"]
    year_used = coverage["last_year"] if year is None or beyond else (coverage["first_year"] if before else year)
    in_force = sorted(by_year.get(year_used, set()), key=OBLIGATIONS.index)
    formal = bool(in_force)
    ev = summarise_events(dyad_events(store, ia, ib))
    result: dict[str, Any] = {
        "a": ia,
        "b": ib,
        "a_name": country_name(ia),
        "b_name": country_name(ib),
        "year": year,
        "year_used": year_used,
        "formal_alliance": formal,
        "obligations_in_force": in_force,
        "obligations": obligations,
        "ever_allied": bool(obligations),
        "treaties": _treaties(store, ca, cb),
        "coverage": coverage,
        "events": {k: ev[k] for k in ("total", "cooperative", "conflictual", "mean_intensity", "by_year")},
        "partnership": ev["strongest"],
        "divergences": ev["divergences"],
    }
    result["verdict"], result["explanation"] = _verdict(result, beyond)
    return result


def _prov(p: dict[str, Any]) -> dict[str, Any]:
    return {"data": p["path"], "bundled": p["bundled"]}


def _words(obs: list[str]) -> str:
    return ", ".join(OBLIGATION_WORDS[o] for o in obs)


def _verdict(r: dict[str, Any], beyond: bool) -> tuple[str, str]:
    cov = r["coverage"]
    span = f"{cov['first_year']}–{cov['last_year']}"
    an, bn = r["a_name"], r["b_name"]
    ev = r["events"]
    coop, conf = ev["cooperative"], ev["conflictual"]
    if ev["total"]:
        tone = f"{coop} cooperative and {conf} conflictual events in the store"
        if ev["mean_intensity"] is not None:
            tone += f" (mean intensity {ev['mean_intensity']:+.1f})"
    else:
        tone = "no events between them in the store"
    hostile = conf > coop
    yu = r["year_used"]
    when = f"in {yu}"
    if beyond:
        when += f" (the last year ATOP covers; {r['year']} is beyond it)"
    elif r["year"] is None:
        when += " (the last year ATOP covers)"
    if r["formal_alliance"]:
        kinds = _words(r["obligations_in_force"])
        core = f"{an} and {bn} are formal allies {when}: ATOP records {kinds} obligations"
        verdict = f"{core}, yet their ties are hostile anyway: {tone}." if hostile else f"{core}; {tone}."
    elif r["ever_allied"]:
        last = max(o["last_year"] for o in r["obligations"])
        kinds = _words(sorted({o["type"] for o in r["obligations"]}, key=OBLIGATIONS.index))
        verdict = (
            f"No formal alliance between {an} and {bn} {when}; ATOP records past {kinds} obligations "
            f"(last in {last}); {tone}."
        )
    elif ev["total"]:
        label = "partners" if coop > conf else ("hostile ties" if hostile else "mixed ties")
        verdict = f"No formal alliance between {an} and {bn} in ATOP {span}; {label}: {tone}."
    else:
        verdict = f"No formal alliance between {an} and {bn} in ATOP {span}; {tone}."
    parts = [f"Formal status comes from ATOP dyad-years ({span}); every pact counts, multilateral ones included."]
    if r["obligations"]:
        parts.append(
            "Obligations: "
            + "; ".join(f"{OBLIGATION_WORDS[o['type']]} {o['first_year']}–{o['last_year']}" for o in r["obligations"])
            + "."
        )
    if ev["total"]:
        parts.append(f"Events: {tone}; the strongest sentences are listed as evidence.")
    return verdict, " ".join(parts)
