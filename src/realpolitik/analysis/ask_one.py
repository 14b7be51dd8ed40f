"""Answers to questions about one state or about the whole graph, for `ask`.

- "Who does Algeria depend on for arms?": the state's arms suppliers (and buyers) in the latest five years
  of the SIPRI data, with shares, ranks and the concentration (HHI) of its suppliers.
- "Has Algeria moved toward the West?": `shifts` of the state: new cooperative partners, long-standing
  partners seen again, breaks; with "the West" read as the United States, NATO and the states in a defence
  pact with the United States in ATOP's last year (a definition from the data, said in the answer).
- "Who are Algeria's allies?": the states in a defence or offence pact with it in ATOP's last year.
- "Which countries are under cross-pressure?": `balance` of the stored events: the actors holding positive
  ties to two parties in conflict, most frustrated triads first.
Any other one-state question gets the commands that answer it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realpolitik.store.db import Store

TOP = 5


def suppliers(store: Store, a: str) -> dict[str, Any]:
    from realpolitik.analysis.dependence import CREDIT, PERIOD_YEARS, _hhi, _shares
    from realpolitik.sources.countries import country_name
    from realpolitik.store.reference_tables import relation

    rel = relation(store, "sipri_deliveries")
    last = int(store.con.execute(f"SELECT max(year) FROM {rel}").fetchall()[0][0])
    y0 = last - PERIOD_YEARS + 1
    sup = _shares(store, rel, y0, last, a, "recipient")
    buy = _shares(store, rel, y0, last, a, "supplier")
    name = country_name(a)
    if not sup:
        claim = f"{y0}-{last}: no arms deliveries to {name} in the SIPRI data."
    else:
        top = sup[0]
        claim = (
            f"{y0}-{last}: {name} depends most on {country_name(top['code'])} for arms: {top['share']:.1%} of its "
            f"arms imports (suppliers' HHI {_hhi(sup)}; {len(sup)} suppliers)."
        )
    ev = [f"{p['rank']}. {p['name']} ({p['code']}): {p['share']:.1%} of imports, {p['tiv']:g} TIV" for p in sup[:TOP]]
    if buy:
        ev.append(
            f"as a supplier, {name}'s largest buyer: {buy[0]['name']} ({buy[0]['share']:.1%} of its arms exports)"
        )
    ev.append(CREDIT)
    return {"topic": "dependence", "claim": claim, "evidence": ev, "data": {"suppliers": sup, "buyers": buy}}


def west(store: Store) -> tuple[set[str], str]:
    """The West as the data define it: the USA, NATO and the USA's defence-pact partners in ATOP's last year."""
    from realpolitik.analysis.baseline import _pacts
    from realpolitik.store.reference_tables import relation

    rel = relation(store, "atop_dyad_year")
    last = int(store.con.execute(f"SELECT max(year) FROM {rel}").fetchall()[0][0])
    allies = set(_pacts(store.con, rel, "USA", last))
    return {
        "USA",
        "NATO",
        *allies,
    }, f"the United States, NATO and the {len(allies)} states in a defence pact with it in ATOP {last}"


def moves(store: Store, a: str, toward_west: bool) -> dict[str, Any]:
    from realpolitik.analysis import facade as answers
    from realpolitik.sources.countries import country_name

    r = answers.shifts(a, db=store)
    name = country_name(a)
    ev = [f"new cooperative partner in {p}: {c}" for p, c in r.new_partners]
    ev += [f"long-standing partner seen again in {p}: {c} ({'; '.join(k['baseline'])})"
           for (p, c), k in zip(r.known_partners, r.data["known_partners"], strict=True)]  # fmt: skip
    ev += [f"break (a move away) in {p}: {c}" for p, c in r.breaks]
    ev += [f"significant change of partners in {p} (G-test, q < {r.data['alpha']})" for p in r.changes]
    if not r.data["events"]:
        return {"topic": "shifts", "claim": f"No stored events of {name}: nothing to compare.", "evidence": []}
    if toward_west:
        w, definition = west(store)
        new_w = [c for _, c in r.new_partners if c in w]
        away_w = [c for _, c in r.breaks if c in w]
        if new_w and not away_w:
            claim = (
                f"Yes, in part: {name}'s new cooperative partners include {', '.join(new_w)} (the West: {definition})."
            )
        elif away_w and not new_w:
            claim = f"No: {name} broke with {', '.join(away_w)} (the West: {definition})."
        elif new_w:
            claim = (
                f"Mixed: new ties with {', '.join(new_w)}, breaks with {', '.join(away_w)} (the West: {definition})."
            )
        else:
            claim = f"No sign of it in the stored events: no new Western partner of {name} (the West: {definition})."
        if r.known_partners:
            claim += f" Long-standing partners seen again: {', '.join(sorted({c for _, c in r.known_partners}))}."
    else:
        news = ", ".join(f"{c} ({p})" for p, c in r.new_partners) or "none"
        claim = f"{name}'s new cooperative partners: {news}; breaks: {', '.join(c for _, c in r.breaks) or 'none'}."
    return {"topic": "shifts", "claim": claim, "evidence": ev, "data": r.data}


def allies_of(store: Store, a: str) -> dict[str, Any]:
    from realpolitik.analysis.baseline import _pacts
    from realpolitik.sources.countries import country_name
    from realpolitik.store.reference_tables import relation

    rel = relation(store, "atop_dyad_year")
    last = int(store.con.execute(f"SELECT max(year) FROM {rel}").fetchall()[0][0])
    allies = sorted(_pacts(store.con, rel, a, last))
    name = country_name(a)
    claim = (
        f"As of {last} (ATOP's last year), {name} has defence or offence pacts with {len(allies)} states."
        if allies
        else f"As of {last} (ATOP's last year), {name} has no defence or offence pact."
    )
    ev = [", ".join(allies)] if allies else []
    ev.append(f"for one pair: realpolitik ally {a} OTHER (relation, events and disputes after {last})")
    return {"topic": "alliance", "claim": claim, "evidence": ev, "data": {"allies": allies, "as_of": last}}


def cross_pressure(store: Store) -> dict[str, Any]:
    from realpolitik.analysis import facade as answers

    r = answers.balance(store, window="all")
    top = r.data["cross_pressure"][:TOP]
    if not top:
        claim = "No actor is under cross-pressure in the stored events: no friend of two parties in conflict."
    else:
        claim = "Under cross-pressure (friends of two parties in conflict): " + ", ".join(
            f"{c['actor']} ({c['triads']} triad{'s' if c['triads'] != 1 else ''})" for c in top
        )
    ev = []
    for t in r.data["frustrated_triads"][:TOP]:
        if t["pressured"]:
            ties = "; ".join(f"{e['a']}{'+' if e['sign'] > 0 else '-'}{e['b']}" for e in t["edges"])
            ev.append(f"{t['pressured']} between {' and '.join(x for x in t['actors'] if x != t['pressured'])}: {ties}")
    ev.append(f"frustration index {r.frustration_index:g} ({'exact' if r.exact else 'heuristic'}); realpolitik balance")
    return {"topic": "balance", "claim": claim, "evidence": ev, "data": r.data}


def commands_for(a: str | None) -> dict[str, Any]:
    code = a or "CODE"
    ev = [
        f"realpolitik shifts {code}: who it is moving toward or away from",
        f"realpolitik ask 'Who does {code} depend on for arms?'",
        f"realpolitik ally {code} OTHER, realpolitik dependence {code} OTHER, realpolitik similarity {code} OTHER",
        "realpolitik balance: blocs and cross-pressure",
    ]
    return {"topic": "help", "claim": "This question needs one of these commands:", "evidence": ev}
