"""Actor names for the dashboard: display names, the actor index, and resolving what an analyst typed.

Why a module: the actors table keeps the description the coder first met ("a large American lobbying
firm" for USA), which is no title for a state's page; a state's name comes from the country crosswalk.
And an analyst who types `Rusia` must be told that no such actor is stored and offered Russia, not shown
an empty page: `resolve` answers known/unknown with close matches over the store's codes and names.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from typing import Any

from realpolitik.web.access import StoreAccess
from realpolitik.web.queries import DYAD, FACTUAL

MAX_SUGGESTIONS = 5
NEAR_BEST = 0.12  # suggestions within this spelling ratio of the closest one


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the index: its code, display name, kind and how many factual events it takes part in."""

    code: str
    name: str
    kind: str | None
    n_events: int


@dataclass
class Resolution:
    """What a typed name or code stands for: the stored actor, or why not and what was probably meant."""

    query: str
    code: str | None
    known: bool
    name: str | None = None
    reason: str | None = None
    suggestions: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def display_name(code: str, stored_name: str | None, kind: str | None) -> str:
    """A state's common name from the crosswalk; other actors keep their stored name (else the code)."""
    from realpolitik.sources.countries import get_crosswalk

    cw = get_crosswalk()
    if code in cw.countries and (kind in (None, "state") or not stored_name):
        return cw.name(code)
    return stored_name or code


def actor_index(access: StoreAccess) -> list[ActorEntry]:
    """Every actor with factual events, most active first (then by code), with its display name."""
    if not access.has_table("events"):
        return []
    rows = access.rows(
        f"""WITH c AS (
                SELECT source_code AS code FROM events WHERE {FACTUAL} AND {DYAD}
                UNION ALL SELECT target_code FROM events WHERE {FACTUAL} AND {DYAD}
            )
            SELECT code, count(*) AS n FROM c GROUP BY code ORDER BY n DESC, code"""
    )
    stored = _stored_actors(access)
    out = []
    for r in rows:
        name, kind = stored.get(r["code"], (None, None))
        out.append(ActorEntry(r["code"], display_name(r["code"], name, kind), kind, int(r["n"])))
    return out


def names_of(access: StoreAccess, codes: list[str]) -> dict[str, str]:
    """Display names of codes (a code without a name keeps itself)."""
    stored = _stored_actors(access)
    return {c: display_name(c, *stored.get(c, (None, None))) for c in codes}


def _stored_actors(access: StoreAccess) -> dict[str, tuple[str | None, str | None]]:
    if not access.has_table("actors"):
        return {}
    return {r["code"]: (r["name"], r["kind"]) for r in access.rows("SELECT code, name, kind FROM actors")}


def resolve(access: StoreAccess, query: str, index: list[ActorEntry] | None = None) -> Resolution:
    """The stored actor `query` names (a code, a state's name or alias, a stored actor's name), or an
    unknown answer with up to five close matches (by spelling, over codes and names, as close as the
    closest within NEAR_BEST) from the store."""
    from realpolitik.sources.countries import fold, to_iso3

    q = query.strip()
    entries = index if index is not None else actor_index(access)
    by_code = {e.code: e for e in entries}
    candidates = [q.upper(), to_iso3(q) or ""]
    folded = fold(q)
    candidates += [e.code for e in entries if fold(e.name) == folded]
    for code in candidates:
        if code in by_code:
            e = by_code[code]
            return Resolution(q, e.code, True, e.name)
    iso = to_iso3(q)
    if iso:  # a real state the store has no event of
        name = display_name(iso, None, "state")
        return Resolution(q, iso, False, name, f"{name} ({iso}) takes part in no event of this store")
    return Resolution(
        q, None, False, None, f"no actor named {q!r} in this store", suggest(folded, entries, MAX_SUGGESTIONS)
    )


def suggest(folded: str, entries: list[ActorEntry], n: int) -> list[dict[str, Any]]:
    """Actors whose folded name or code is spelled closest to `folded` (difflib ratio >= 0.6 and near the best),
    best first."""
    from realpolitik.sources.countries import fold, get_crosswalk

    if not folded:
        return []
    keys: dict[str, str] = {}
    for e in entries:
        keys.setdefault(fold(e.code), e.code)
        keys.setdefault(fold(e.name), e.code)
    stored = {e.code for e in entries}
    for name, iso in get_crosswalk().names.items():  # aliases of the stored states ("Russian Federation")
        if iso in stored:
            keys.setdefault(name, iso)
    scored: dict[str, float] = {}
    for key in difflib.get_close_matches(folded, list(keys), n=4 * n, cutoff=0.6):
        code = keys[key]
        scored[code] = max(scored.get(code, 0.0), difflib.SequenceMatcher(None, folded, key).ratio())
    by_code = {e.code: e for e in entries}
    top = max(scored.values(), default=0.0)
    near = [c for c in scored if scored[c] >= top - NEAR_BEST]  # "Rusia": Russia, not USA as well
    best = sorted(near, key=lambda c: (-scored[c], -by_code[c].n_events, c))[:n]
    return [{"code": c, "name": by_code[c].name, "n_events": by_code[c].n_events} for c in best]


def complete(entries: list[ActorEntry], prefix: str, n: int = 10) -> list[ActorEntry]:
    """Actors whose code or name (accents folded) starts with `prefix`, then those containing it."""
    from realpolitik.sources.countries import fold

    p = fold(prefix)
    if not p:
        return entries[:n]
    starts = [e for e in entries if fold(e.code).startswith(p) or fold(e.name).startswith(p)]
    inside = [e for e in entries if e not in starts and (p in fold(e.name) or p in fold(e.code))]
    return (starts + inside)[:n]
