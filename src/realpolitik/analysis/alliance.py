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

if TYPE_CHECKING:
    from realpolitik.store.db import Store

OBLIGATIONS: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul")
STRONG: tuple[str, ...] = ("defense", "offense")
OBLIGATION_WORDS = {
    "defense": "defence",
    "offense": "offence",
    "neutral": "neutrality",
    "nonagg": "non-aggression",
    "consul": "consultation",
}
RELATIONS: tuple[str, ...] = ("ally", "allied_but_hostile", "treaty_partner", "partner", "adversary", "none")
RECENT_YEARS = 10
SOURCE = "ATOP 5.1 (Leeds et al. 2002), dyad-years"


def _spells(years: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for y in sorted(set(years)):
        if out and y == out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


def _in(codes: list[int]) -> str:
    return ", ".join(str(int(c)) for c in codes) or "NULL"


def _treaties(store: Store, ca: list[int], cb: list[int]) -> list[dict[str, Any]]:
    from realpolitik.store.reference_tables import has_data, relation

    if not has_data(store, "atop_members"):
        return []
    rel = relation(store, "atop_members")
    qa, qb = _in(ca), _in(cb)
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


def _co_members(store: Store, rel: str, ca: list[int], cb: list[int], ob: str, y0: int) -> int:
    """Third states joined with both A and B by the same obligation in y0, one of the ties new that year."""
    qa, qb = _in(ca), _in(cb)
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


def _disputes(store: Store, ca: list[int], cb: list[int]) -> list[dict[str, Any]]:
    """COW MIDs between the two (when imported): one row per dispute with its years and hostility."""
    from realpolitik.store.reference_tables import has_data, relation

    if not ca or not cb or not has_data(store, "mid_dyad_years"):
        return []
    rel = relation(store, "mid_dyad_years")
    qa, qb = _in(ca), _in(cb)
    rows = store.con.execute(
        f"""SELECT dispnum, min(year), max(year), max(hostlev) FROM {rel}
            WHERE (ccode1 IN ({qa}) AND ccode2 IN ({qb})) OR (ccode1 IN ({qb}) AND ccode2 IN ({qa}))
            GROUP BY dispnum ORDER BY 2, 1"""
    ).fetchall()
    return [
        {"dispnum": int(d), "first_year": int(y0), "last_year": int(y1), "hostlev": None if h is None else int(h)}
        for d, y0, y1, h in rows
    ]


def _arms(store: Store, ia: str, ib: str) -> dict[str, Any] | None:
    """SIPRI deliveries either way in the RECENT_YEARS up to the data's last year (None without SIPRI)."""
    from realpolitik.store.reference_tables import has_data, relation

    if not has_data(store, "sipri_deliveries"):
        return None
    rel = relation(store, "sipri_deliveries")
    last = store.con.execute(f"SELECT max(year) FROM {rel}").fetchone()[0]
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


def _obligations(by_year: dict[int, set[str]]) -> list[dict[str, Any]]:
    out = []
    for ob in OBLIGATIONS:
        for y0, y1 in _spells([y for y, obs in by_year.items() if ob in obs]):
            out.append({"type": ob, "first_year": y0, "last_year": y1})
    out.sort(key=lambda o: (o["first_year"], OBLIGATIONS.index(o["type"]), o["last_year"]))
    return out


def _mark_pacts(
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
            n = _co_members(store, rel, ca, cb, o["type"], o["first_year"])
            o["pact"] = None
            o["co_members"] = n
            o["multilateral"] = n > 0
            o["inferred"] = True


def ally(store: Store, a: str, b: str, year: int | None = None) -> dict[str, Any]:
    """Formal alliance status, the relation (see RELATIONS), obligations, disputes, event and arms evidence,
    and a one-sentence verdict for the dyad a-b, judged in `year` (default: now, as far as the data go)."""
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
        qa, qb = _in(ca), _in(cb)
        rows = store.con.execute(
            f"""SELECT year, {", ".join(OBLIGATIONS)} FROM {rel}
                WHERE (ccode1 IN ({qa}) AND ccode2 IN ({qb})) OR (ccode1 IN ({qb}) AND ccode2 IN ({qa}))
                ORDER BY year"""
        ).fetchall()
    by_year: dict[int, set[str]] = {}
    for r in rows:
        by_year.setdefault(int(r[0]), set()).update(o for o, v in zip(OBLIGATIONS, r[1:], strict=True) if v)
    obligations = _obligations(by_year)
    treaties = _treaties(store, ca, cb)
    _mark_pacts(store, rel, obligations, treaties, ca, cb)
    beyond = year is not None and year > coverage["last_year"]
    before = year is not None and year < coverage["first_year"]
    year_used = coverage["last_year"] if year is None or beyond else (coverage["first_year"] if before else year)
    in_force = sorted(by_year.get(year_used, set()), key=OBLIGATIONS.index)
    events = dyad_events(store, ia, ib)
    if year is not None:
        events = [e for e in events if e["year"] is None or e["year"] <= year]
    ev = summarise_events(events)
    after = [e for e in events if e["year"] is not None and e["year"] > coverage["last_year"]]
    disputes = _disputes(store, ca, cb)
    if year is not None:
        disputes = [d for d in disputes if d["first_year"] <= year]
    judged = year if year is not None else max([coverage["last_year"], *(e["year"] for e in events if e["year"])])
    recent = [d for d in disputes if d["last_year"] >= judged - RECENT_YEARS]
    arms = _arms(store, ia, ib)
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
