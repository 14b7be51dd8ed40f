"""Plain-language answers to an analyst's questions about two states, each claim followed by its evidence.

The question is read for two states (names, demonyms or codes) and for what is asked: alliance ("ally",
"alliance", "treaty"), dependence ("depend", "arms", "weapons", "supplier") or alignment ("align", "vote",
"UN", "similar"); a question naming none of these gets all three. Questions about one state ("Who does Algeria
depend on for arms?", "Has Algeria moved toward the West?") or none ("Which countries are under
cross-pressure?") go to `ask_one`; other one-state questions get the commands that answer them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from realpolitik.errors import InputError, ReferenceDataError

if TYPE_CHECKING:
    from realpolitik.store.db import Store

INTENTS: dict[str, tuple[str, ...]] = {
    "alliance": ("ally", "allies", "allied", "alliance", "treaty", "pact", "defend", "defence", "defense"),
    "dependence": ("depend", "dependent", "dependence", "arms", "weapon", "supplier", "import", "export", "buy"),
    "alignment": ("align", "vote", "votes", "un", "unga", "similar", "agree", "close", "closer", "positions"),
}
# questions that need only one state (or none): realignment and the balance of the whole graph
ONE_STATE: dict[str, tuple[str, ...]] = {
    "shifts": ("moved", "moving", "move", "toward", "towards", "shift", "shifted", "realign", "pivot", "drift"),
    "balance": ("pressure", "cross", "bloc", "blocs", "balance", "camp", "camps", "frustrated", "torn"),
}


def find_states(question: str) -> list[str]:
    """States named in a question, in order (n-grams of up to four words, longest first)."""
    from realpolitik.sources.countries import to_iso3

    words = re.findall(r"[A-Za-zÀ-ÿ'’.-]+", question)
    found: list[str] = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            gram = " ".join(words[i : i + n]).strip(".'’")
            if gram.endswith(("'s", "’s")):
                gram = gram[:-2]
            if not gram or (n == 1 and (gram.lower() in _STOP or (len(gram) <= 3 and not gram.isupper()))):
                continue
            code = to_iso3(gram)
            if code:
                if code not in found:
                    found.append(code)
                i += n
                break
        else:
            i += 1
    return found


_STOP = frozenset(
    {"is", "an", "a", "of", "the", "in", "on", "to", "and", "or", "who", "how", "are", "does", "do", "its"}
)


def intents(question: str) -> list[str]:
    """The topics a question asks about; a question naming none gets the three dyad topics."""
    return asked(question) or list(INTENTS)


def asked(question: str) -> list[str]:
    """The topics the question's words name (dyad topics first), possibly none."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", question)}
    stems = " ".join(sorted(words))
    return [
        k
        for table in (INTENTS, ONE_STATE)
        for k, keys in table.items()
        if any(w in words or (len(w) > 4 and w in stems) for w in keys)
    ]


def _route(question: str, states: list[str], topics: list[str]) -> list[tuple[str, Any]]:
    """(topic, answer function of the store) for the question: dyad, one-state or global answers."""
    from realpolitik.analysis import ask_one

    west = bool(re.search(r"\bwest(ern)?\b", question, re.IGNORECASE))
    if len(states) >= 2:
        a, b = states[0], states[1]
        out: list[tuple[str, Any]] = [(t, lambda s, t=t: _ANSWER[t](s, a, b)) for t in topics if t in _ANSWER]
        if "shifts" in topics:
            out.append(("shifts", lambda s: ask_one.moves(s, a, west)))
        return out or [(t, lambda s, t=t: _ANSWER[t](s, a, b)) for t in _ANSWER]
    if len(states) == 1:
        a = states[0]
        topics = asked(question)
        one = {
            "dependence": lambda s: ask_one.suppliers(s, a),
            "shifts": lambda s: ask_one.moves(s, a, west),
            "alliance": lambda s: ask_one.allies_of(s, a),
        }
        if west and "shifts" not in topics:
            topics = ["shifts", *topics]
        picked = [(t, one[t]) for t in topics if t in one and (t != "alliance" or "shifts" not in topics)]
        return picked or [("help", lambda s: ask_one.commands_for(a))]
    if "balance" in topics:
        return [("balance", ask_one.cross_pressure)]
    raise InputError(
        f"name a state in the question, or ask about cross-pressure or blocs (found no state): {question!r}"
    )


def ask(store: Store, question: str) -> dict[str, Any]:
    """{"question", "a", "b", "intents", "answers": [{"topic", "claim", "evidence": [...]}], "text"}."""
    states = find_states(question)
    topics = intents(question)
    a, b = [*states, None, None][:2]
    answers = []
    for topic, fn in _route(question, states, topics):
        try:
            answers.append(fn(store))
        except ReferenceDataError as exc:
            answers.append({"topic": topic, "claim": f"Cannot answer the {topic} question: {exc}", "evidence": []})
    text = "\n".join([ans["claim"] + "\n" + "\n".join(f"  - {e}" for e in ans["evidence"]) for ans in answers]).rstrip()
    return {"question": question, "a": a, "b": b, "intents": topics, "answers": answers, "text": text}


def _alliance(store: Store, a: str, b: str) -> dict[str, Any]:
    from realpolitik.analysis import facade as answers
    from realpolitik.analysis.alliance import OBLIGATION_WORDS

    r = answers.ally(a, b, db=store).data
    ev = [f"ATOP {r['coverage']['first_year']}–{r['coverage']['last_year']}: "
          + ("; ".join(f"{OBLIGATION_WORDS[o['type']]} {o['first_year']}–{o['last_year']}" for o in r["obligations"])
             or "no obligation between them in any year")]  # fmt: skip
    for e in r["partnership"][:3]:
        ev.append(f"cooperative event ({e['event_type']}, {e['intensity']:+.1f}, {e['doc_id']}): “{e['evidence']}”")
    for e in r["divergences"][:3]:
        ev.append(f"conflictual event ({e['event_type']}, {e['intensity']:+.1f}, {e['doc_id']}): “{e['evidence']}”")
    return {"topic": "alliance", "claim": r["verdict"], "evidence": ev, "data": r}


def _dependence(store: Store, a: str, b: str) -> dict[str, Any]:
    from realpolitik.analysis import facade as answers

    r = answers.dependence(a, b, db=store).data  # both directions, whatever the order
    names = {r["a"]: r["a_name"], r["b"]: r["b_name"]}
    ev = []
    for p in r["periods"][-3:]:
        for f in p["flows"]:
            if not f["tiv"]:
                continue
            ev.append(
                f"{p['period']}: {names[f['supplier']]} {f['share_of_recipient_imports']:.0%} of "
                f"{names[f['recipient']]}'s arms imports (rank {f['supplier_rank']}); {names[f['recipient']]} "
                f"{f['share_of_supplier_exports']:.0%} of {names[f['supplier']]}'s exports (rank {f['buyer_rank']}); "
                f"{names[f['recipient']]} supplier HHI {f['recipient_supplier_hhi']}"
            )
        if not p["transfers"]:
            ev.append(f"{p['period']}: no transfers either way")
    ev.append(r["credit"])
    return {"topic": "dependence", "claim": r["summary"], "evidence": ev, "data": r}


def _alignment(store: Store, a: str, b: str) -> dict[str, Any]:
    from realpolitik.analysis import facade as answers

    r = answers.similarity(a, b, db=store).data
    ev = [f"{row['year']}: ideal-point distance {row['distance']:.2f}" for row in r["ideal_points"][-3:]]
    ev += [
        f"{row['year']}: same vote on {row['agreement']:.0%} of {row['n_votes']} roll calls"
        for row in r["agreement"][-2:]
    ]
    ev.append(r["coverage"]["source"])
    return {"topic": "alignment", "claim": r["summary"], "evidence": ev, "data": r}


_ANSWER = {"alliance": _alliance, "dependence": _dependence, "alignment": _alignment}
