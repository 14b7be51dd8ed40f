"""Are A and B allies? Formal obligations from ATOP, disputes from COW MIDs, partnership from events and arms.

ATOP (Leeds et al. 2002, v5.1) codes five obligations: defense, offense, neutral(ity), nonagg(ression),
consul(tation). Only a defence or offence obligation makes a *formal alliance*: a non-aggression or
consultation treaty (India-Pakistan 1966, 2015) is a treaty, not an alliance. ATOP ends in 2018: the answer
says "as of 2018" and weighs what came after (stored events, and disputes where MIDs are imported).

`relation` (one of RELATIONS):
- `ally`: a defence or offence pact in force and no recent hostility;
- `allied_but_hostile`: such a pact, yet conflictual events outweigh cooperative ones, or a militarised
  dispute in the RECENT_YEARS before the year judged is not outweighed by cooperation since;
- `adversary`: no such pact and the same hostility (a non-aggression treaty does not make rivals friends);
- `treaty_partner`: only neutrality, non-aggression or consultation obligations, no hostility;
- `partner`: no pact, but cooperative events outweigh conflictual ones, or arms deliveries (SIPRI, when
  imported) either way in the RECENT_YEARS up to the data's end;
- `none`: nothing of the above.

Multilateral pacts: ATOP's dyad-years carry no treaty id. With ATOP's member-level file imported, the treaty
decides (`pact` "ATOP <id>", `members`); otherwise an obligation spell is read as `multilateral` when at
least one third state holds the same obligation with both A and B in the spell's first year and one of
those two ties begins that year too (the states joined one pact together); `co_members` counts them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realpolitik.analysis._dyad import dyad_events, resolve_state, summarise_events
from realpolitik.analysis._json import strict
from realpolitik.analysis.alliance_data import (
    OBLIGATIONS,
    RECENT_YEARS,
    arms_ties,
    disputes_of,
    mark_pacts,
    obligation_spells,
    sql_in,
    treaties_of,
)

if TYPE_CHECKING:
    from realpolitik.store.db import Store

STRONG: tuple[str, ...] = ("defense", "offense")
OBLIGATION_WORDS = {
    "defense": "defence",
    "offense": "offence",
    "neutral": "neutrality",
    "nonagg": "non-aggression",
    "consul": "consultation",
}
RELATIONS: tuple[str, ...] = ("ally", "allied_but_hostile", "treaty_partner", "partner", "adversary", "none")
SOURCE = "ATOP 5.1 (Leeds et al. 2002), dyad-years"


def ally(store: Store, a: str, b: str, year: int | None = None) -> dict[str, Any]:
    """Formal alliance status, the relation (see RELATIONS), obligations, disputes, event and arms evidence,
    and a one-sentence verdict for the dyad a-b, judged in `year` (default: now, as far as the data go)."""
    from realpolitik.sources.countries import ccodes_of, country_name
    from realpolitik.store.reference_tables import provenance, relation

    ia, ib = resolve_state(a), resolve_state(b)
    ca, cb = ccodes_of(ia), ccodes_of(ib)
    rel = relation(store, "atop_dyad_year")
    first, last = store.con.execute(f"SELECT min(year), max(year) FROM {rel}").fetchall()[0]
    coverage = {
        "source": SOURCE,
        "first_year": int(first),
        "last_year": int(last),
        **_prov(provenance(store, "atop_dyad_year")),
    }
    rows: list[tuple[int, ...]] = []
    if ca and cb:
        qa, qb = sql_in(ca), sql_in(cb)
        rows = store.con.execute(
            f"""SELECT year, {", ".join(OBLIGATIONS)} FROM {rel}
                WHERE (ccode1 IN ({qa}) AND ccode2 IN ({qb})) OR (ccode1 IN ({qb}) AND ccode2 IN ({qa}))
                ORDER BY year"""
        ).fetchall()
    by_year: dict[int, set[str]] = {}
    for r in rows:
        by_year.setdefault(int(r[0]), set()).update(o for o, v in zip(OBLIGATIONS, r[1:], strict=True) if v)
    obligations = obligation_spells(by_year)
    treaties = treaties_of(store, ca, cb)
    mark_pacts(store, rel, obligations, treaties, ca, cb)
    beyond = year is not None and year > coverage["last_year"]
    before = year is not None and year < coverage["first_year"]
    year_used = coverage["last_year"] if year is None or beyond else (coverage["first_year"] if before else year)
    in_force = sorted(by_year.get(year_used, set()), key=OBLIGATIONS.index)
    events = dyad_events(store, ia, ib)
    if year is not None:
        events = [e for e in events if e["year"] is None or e["year"] <= year]
    ev = summarise_events(events)
    after = [e for e in events if e["year"] is not None and e["year"] > coverage["last_year"]]
    disputes = disputes_of(store, ca, cb)
    if year is not None:
        disputes = [d for d in disputes if d["first_year"] <= year]
    judged = year if year is not None else max([coverage["last_year"], *(e["year"] for e in events if e["year"])])
    recent = [d for d in disputes if d["last_year"] >= judged - RECENT_YEARS]
    arms = arms_ties(store, ia, ib)
    result: dict[str, Any] = {
        "a": ia,
        "b": ib,
        "a_name": country_name(ia),
        "b_name": country_name(ib),
        "year": year,
        "year_used": year_used,
        "as_of": year_used,
        "relation": None,
        "formal_alliance": any(o in STRONG for o in in_force),
        "obligations_in_force": in_force,
        "pacts_in_force": sorted(
            (o for o in obligations if o["type"] in in_force and o["first_year"] <= year_used <= o["last_year"]),
            key=lambda o: (OBLIGATIONS.index(o["type"]), o["first_year"]),
        ),
        "obligations": obligations,
        "ever_allied": any(o["type"] in STRONG for o in obligations),
        "treaties": treaties,
        "coverage": coverage,
        "events": {k: ev[k] for k in ("total", "cooperative", "conflictual", "mean_intensity", "by_year")},
        "events_after_coverage": {
            "after_year": coverage["last_year"],
            "total": len(after),
            "cooperative": sum(1 for e in after if e["intensity"] > 0),
            "conflictual": sum(1 for e in after if e["intensity"] < 0),
        },
        "disputes": disputes,
        "recent_disputes": recent,
        "arms": arms,
        "partnership": ev["strongest"],
        "divergences": ev["divergences"],
    }
    result["relation"], result["hostility"], result["cooperation"] = _relation(result)
    result["verdict"], result["explanation"] = _verdict(result, beyond)
    return strict(result)


def _relation(r: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    """The relation and the reasons for hostility and for cooperation (see the module docstring)."""
    ev = r["events"]
    coop, conf = ev["cooperative"], ev["conflictual"]
    hostile: list[str] = []
    if conf > coop:
        hostile.append(f"{conf} conflictual against {coop} cooperative events in the store")
    if r["recent_disputes"] and coop <= conf:
        d = r["recent_disputes"][-1]
        hostile.append(
            f"{len(r['recent_disputes'])} militarised dispute(s) in the last {RECENT_YEARS} years "
            f"(COW MID {d['dispnum']}, {d['first_year']}–{d['last_year']}, hostility level {d['hostlev']})"
        )
    friendly: list[str] = []
    if coop > conf:
        friendly.append(f"{coop} cooperative against {conf} conflictual events in the store")
    arms = r["arms"]
    if arms and arms["deliveries"]:
        flows = "; ".join(f"{d['supplier']}→{d['recipient']} {d['tiv']:g} TIV" for d in arms["deliveries"])
        friendly.append(f"arms deliveries {arms['years']} (SIPRI): {flows}")
    strong = r["formal_alliance"]
    weak = bool(r["obligations_in_force"]) and not strong
    if strong:
        return ("allied_but_hostile" if hostile else "ally"), hostile, friendly
    if hostile:
        return "adversary", hostile, friendly
    if weak:
        return "treaty_partner", hostile, friendly
    return ("partner" if friendly else "none"), hostile, friendly


def _prov(p: dict[str, Any]) -> dict[str, Any]:
    return {"data": p["path"], "bundled": p["bundled"]}


def _words(obs: list[str]) -> str:
    return ", ".join(OBLIGATION_WORDS[o] for o in obs)


def _pact_words(o: dict[str, Any]) -> str:
    kind = OBLIGATION_WORDS[o["type"]]
    if o.get("pact"):
        size = f", {o['members']} members" if o.get("members") else ""
        return (
            f"a {'multilateral ' if o['multilateral'] else ''}{kind} pact ({o['pact']}{size}) since {o['first_year']}"
        )
    if o["multilateral"]:
        return f"a multilateral {kind} pact since {o['first_year']} (with at least {o['co_members']} other states)"
    return f"a {kind} pact since {o['first_year']}"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


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
        aft = r["events_after_coverage"]
        if aft["total"] and aft["total"] < ev["total"]:
            tone += f", {aft['total']} of them after {cov['last_year']}"
        elif aft["total"]:
            tone += f", all after {cov['last_year']}"
    else:
        tone = "no events between them in the store"
    yu = r["year_used"]
    when = f"as of {yu}"
    if beyond:
        when += f" (the last year ATOP covers; {r['year']} is beyond it)"
    elif r["year"] is None:
        when += " (the last year ATOP covers)"
    rel = r["relation"]
    pacts = _join([_pact_words(o) for o in r["pacts_in_force"]])
    why_hostile = "; ".join(r["hostility"])
    why_friendly = "; ".join(r["cooperation"])
    if rel in ("ally", "allied_but_hostile"):
        core = f"{an} and {bn} are formal allies {when}: ATOP records {pacts}"
        verdict = (
            f"{core}; yet their ties are hostile: {why_hostile}." if rel == "allied_but_hostile" else f"{core}; {tone}."
        )
    elif r["obligations_in_force"]:
        core = f"No formal alliance between {an} and {bn} {when}: ATOP records only {pacts} (a treaty, not an alliance)"
        verdict = f"{core}; they are adversaries: {why_hostile}." if rel == "adversary" else f"{core}; {tone}."
    elif r["obligations"]:
        last = max(o["last_year"] for o in r["obligations"])
        kinds = _words(sorted({o["type"] for o in r["obligations"]}, key=OBLIGATIONS.index))
        verdict = (
            f"No formal alliance between {an} and {bn} {when}; ATOP records past {kinds} obligations (last in {last}); "
        )
        verdict += _label(rel, why_hostile, why_friendly, tone)
    else:
        verdict = f"No formal alliance between {an} and {bn} in ATOP {span} (as of {cov['last_year']}); "
        verdict += _label(rel, why_hostile, why_friendly, tone)
    parts = [
        f"Formal status comes from ATOP dyad-years ({span}); only defence and offence pacts make an alliance, "
        "multilateral ones included; non-aggression, neutrality and consultation make a treaty partner."
    ]
    if r["obligations"]:
        parts.append(
            "Obligations: "
            + "; ".join(
                f"{OBLIGATION_WORDS[o['type']]} {o['first_year']}–{o['last_year']}"
                + (" (multilateral)" if o["multilateral"] else "")
                for o in r["obligations"]
            )
            + "."
        )
    if r["disputes"]:
        parts.append(
            f"COW MIDs: {len(r['disputes'])} dispute(s), the last {r['disputes'][-1]['first_year']}–"
            f"{r['disputes'][-1]['last_year']}."
        )
    if ev["total"]:
        parts.append(f"Events: {tone}; the strongest sentences are listed as evidence.")
    arms = r["arms"]
    if arms and arms["deliveries"]:
        flows = "; ".join(f"{d['supplier']}→{d['recipient']} {d['tiv']:g} TIV" for d in arms["deliveries"])
        parts.append(f"Arms deliveries {arms['years']} (SIPRI TIV): {flows}.")
    return verdict, " ".join(parts)


def _label(rel: str, why_hostile: str, why_friendly: str, tone: str) -> str:
    if rel == "adversary":
        return f"adversaries: {why_hostile}."
    if rel == "partner":
        return f"partners: {why_friendly}."
    return f"{tone}."
