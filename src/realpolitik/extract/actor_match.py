"""Gazetteer phrase matching over a parsed Doc: the names of states, capitals, demonyms, seats, IGOs,
groups, firms and maintained-table people, found once per Doc and cached in `doc.user_data`.

Why a module of its own: matching is mechanics (phrase tables, capitalisation rules, overlaps) that
every resolution step reads; keeping it apart keeps `actors.py` about what a phrase means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from realpolitik.extract.gazetteer import ActorEntry
from realpolitik.extract.startup_cache import actor_tables

Token = Any
Doc = Any

STATE_LIKE = frozenset({"state", "capital", "demonym", "seat"})

_CACHE_KEY = "realpolitik_actor_matches"
_INDEX_KEY = "realpolitik_actor_match_index"

#: Proper names that are also common lower-case English words: matched only when capitalised.
COMMON_WORDS = frozenset(
    {
        "turkey",
        "chad",
        "jordan",
        "china",
        "guinea",
        "georgia",
        "niger",
        "malé",
        "male",
        "lima",
        "nice",
        "victoria",
        "kingston",
        "santiago",
        "trinidad",
        "congo",
        "wagner",
        "total",
        "shell",
        "apple",
        "meta",
        "amnesty",
        "fatah",
        "hamas",
    }
)


@dataclass(frozen=True)
class Match:
    start: int  # token index
    end: int  # token index, exclusive
    entry: ActorEntry | None  # None for a region (a blocker, not an actor)


def _acceptable(doc: Doc, start: int, end: int, entry: ActorEntry | None) -> bool:
    """A case-insensitive match counts when written as a name: capitalised, or in lower case only for
    state and capital names that are not also common words ("kyiv" yes, "turkey" no)."""
    first = doc[start]
    if first.text[:1].isupper() or first.text[:1].isdigit():
        return True
    if entry is None:
        return True
    text = doc[start:end].text.lower()
    return entry.kind in ("state", "capital") and text not in COMMON_WORDS and not first.is_stop


def doc_matches(doc: Doc) -> list[Match]:
    """Non-overlapping gazetteer matches of the Doc (longest first, then leftmost), cached on the Doc."""
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None:
        return cached
    tables = actor_tables()
    raw: list[tuple[int, int, ActorEntry | None]] = []
    for start, end, entry in tables.lower.find([t.lower_ for t in doc]):
        if _acceptable(doc, start, end, entry):
            raw.append((start, end, entry))
    raw.extend(tables.orth.find([t.text for t in doc]))
    raw.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: set[int] = set()
    out: list[Match] = []
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    for start, end, entry in raw:
        if any(i in taken for i in range(start, end)):
            continue
        if entry is not None and entry.kind in STATE_LIKE and _inside_longer_person(persons, start, end):
            continue  # "Chad" in "Chad Smith", "Jordan" in "Jordan Bardella"
        if entry is not None and entry.kind in STATE_LIKE and _after_pro(doc, start):
            continue  # "pro-Russian separatists" are not Russia's: the prefix says whom they side with
        taken.update(range(start, end))
        out.append(Match(start, end, entry))
    out.sort(key=lambda x: x.start)
    doc.user_data[_CACHE_KEY] = out
    return out


def _after_pro(doc: Doc, start: int) -> bool:
    """Whether the name follows "pro-" or "anti-" ("pro-Russian", "anti-American")."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("pro", "anti")


def _inside_longer_person(persons: list[Any], start: int, end: int) -> bool:
    return any(p.start <= start and end <= p.end and (p.end - p.start) > (end - start) for p in persons)


def match_at(doc: Doc, i: int) -> Match | None:
    """The gazetteer match covering token i (an index built once per Doc)."""
    index = doc.user_data.get(_INDEX_KEY)
    if index is None:
        index = {k: m for m in doc_matches(doc) for k in range(m.start, m.end)}
        doc.user_data[_INDEX_KEY] = index
    return index.get(i)


def ent_at(tok: Token) -> Any:
    if not tok.ent_type_:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None
