"""Organisations and sectors: the agent words of a noun phrase (its sector: "rebels" REB, "ministry" GOV),
a government's head nouns and speakers, and organisations the gazetteer does not list (taking the state
the sentence names, when the name is one several states use)."""

from __future__ import annotations

from typing import Any

from realpolitik.extract.actor_match import STATE_LIKE as _STATE_LIKE
from realpolitik.extract.actor_match import doc_matches
from realpolitik.extract.actor_match import match_at as _match_at
from realpolitik.extract.gazetteer import ActorEntry, get_gazetteer, name_code
from realpolitik.extract.lexicon import ACTOR_WORDS
from realpolitik.extract.resolved import ResolvedActor, _resolved

Token = Any
Doc = Any
#: ORG entities that are events or documents, not actors.
NON_ACTOR_ORG_WORDS = ACTOR_WORDS["non_actor_org_words"]
#: Heads that take their sector from the noun they are part of ("cartel members", "members of parliament").
TRANSPARENT = ACTOR_WORDS["transparent_heads"]


#: Heads that make a governing group the state's government ("the Taliban government").
GOVERNMENT_HEADS = frozenset({"government", "administration", "authority", "authorities", "cabinet", "regime"})


#: People who speak or act for someone else and take their principal's sector.
SPEAKERS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "envoy", "aide", "delegate"})


#: Sectors of a state's own organs: a named body with one of these and a state in its name is the state.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})


def _state_among(doc: Doc, tokens: list[Token]) -> ActorEntry | None:
    """The first state (name, demonym, capital, seat) the tokens name."""
    for t in tokens:
        m = _match_at(doc, t.i)
        if m is not None and m.entry is not None and m.entry.kind in _STATE_LIKE:
            return m.entry
    return None


def _nearest_state_with(ent: Any, states: frozenset[str]) -> ActorEntry | None:
    """Of the states the sentence names, the one nearest to `ent` among `states` (the states that have
    an organisation of that name); None when there are none."""
    if not states:
        return None
    sent = ent.sent
    found = [m for m in doc_matches(ent.doc) if sent.start <= m.start < sent.end and m.entry is not None]
    found = [
        m for m in found if m.entry is not None and m.entry.kind in _STATE_LIKE and (m.entry.country or "") in states
    ]
    if not found:
        return None
    return min(found, key=lambda m: (abs(m.start - ent.start), m.start)).entry


def _unknown_org(ent: Any) -> ResolvedActor | None:
    """An organisation NER found and the gazetteer does not know: kept under an upper-case code so that
    firms and agencies "when they act" are not lost; events and conferences are not actors. A state named
    inside it gives the country; if the body is a state organ ("Nigerian Interior Ministry", "Montenegro
    Assembly") the code is the state's, else it keeps its own name ("Rwandan Patriotic Front" -> REB, RWA)."""
    words = [t for t in ent if not (t.i == ent.start and t.lower_ in ("the", "a", "an")) and t.dep_ != "case"]
    if not words or any(t.lemma_.lower() in NON_ACTOR_ORG_WORDS for t in words):
        return None
    gaz = get_gazetteer()
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and gaz.agent_sector(f"{ent.text} {after.text}"):
        return None  # "Defense" of "Defense Minister": part of an office, not an organisation
    state = _state_among(ent.doc, words)
    near = state or _state_among(ent.doc, list(ent.root.lefts))  # "British" before "Labour Party"
    org_name = " ".join(t.text for t in words)
    if near is None:  # "the National Guard" in a sentence about Mexico: the state named nearest that has one
        near = _nearest_state_with(ent, gaz.organisation_states(org_name))
    known = gaz.organisation_in(org_name, near.country if near else None)
    if known is not None and known.code:  # a party, armed group or state force of the open-data tables
        return _resolved(ent.doc, words[0].i, words[-1].i + 1, known)
    sector = _sector_of_words(words)
    start, end = words[0].i, words[-1].i + 1
    if state is not None and sector in STATE_SECTORS:
        return _resolved(ent.doc, start, end, ActorEntry(state.code, state.country, sector, "agent", state.name))
    name = " ".join(t.text for t in words if not t.is_punct or t.text in ("&", "-"))
    code = name_code(name)
    if not code:
        return None
    country = state.country if state is not None else None
    return _resolved(ent.doc, start, end, ActorEntry(code, country, sector, "unknown", name))


# -- sectors --------------------------------------------------------------------------------------------
def _sector_of_words(tokens: list[Token]) -> str | None:
    """The agent sector of the longest agent phrase ending at the last token ("armed forces",
    "military intelligence service", "minister")."""
    gaz = get_gazetteer()
    words = [t for t in tokens if t.dep_ != "case" and not t.is_punct]
    for k in range(min(4, len(words)), 0, -1):
        tail = words[-k:]
        for text in (" ".join(t.lower_ for t in tail), " ".join(t.lemma_.lower() for t in tail)):
            sector = gaz.agent_sector(text)
            if sector:
                return sector
    return None


def _head_sector(tok: Token) -> str | None:
    """The sector of an agent noun head, reading the compound/amod words before it ("armed forces");
    transparent heads ("members", "wing") take the sector of their compound or "of" object."""
    if tok.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ", "NUM") and tok.dep_ not in ("nsubj", "dobj", "pobj"):
        return None
    if tok.lower_ in TRANSPARENT or tok.lemma_.lower() in TRANSPARENT:
        inner = [c for c in tok.lefts if c.dep_ in ("compound", "amod")]
        inner += [
            p for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"
        ]
        for c in inner:
            sector = _head_sector(c)
            if sector:
                return sector
    left = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i == tok.i - 1]
    words = [tok]
    cur = tok
    while left:
        prev = left[0]
        words.insert(0, prev)
        cur = prev
        left = [c for c in cur.doc[cur.i - 1 : cur.i] if c.head.i in {w.i for w in words}]
        left = [c for c in left if c.dep_ in ("amod", "compound", "nmod")]
    for k in range(len(words)):
        sector = _sector_of_words(words[k:]) if k < len(words) else None
        if sector:
            return sector
    return None


#: Titles after an organisation's name that make its holder another party's envoy to it, not its official
#: ("the UN ambassador of Russia", "Mali's AU representative").
ENVOY_TITLES = frozenset({"ambassador", "ambassadors", "representative", "representatives", "delegate", "delegates"})


def title_organisation(tokens: list[Token]) -> ActorEntry | None:
    """The international organisation a person's title names before the name ("U.N. mediator", "EU foreign
    policy chief", "NATO Secretary General"): in event coding the official acts for it, whatever the person's
    nationality or former office. None when a state is also named there ("Russia's UN envoy") or the title is
    an envoy's to it ("UN ambassador")."""
    found: ActorEntry | None = None
    for tok in tokens:
        if tok.lower_ in ENVOY_TITLES:
            return None
        m = _match_at(tok.doc, tok.i)
        if m is None or m.entry is None:
            continue
        if m.entry.kind in _STATE_LIKE:
            return None
        if m.entry.kind == "igo" and m.entry.code:
            found = m.entry
    return found
