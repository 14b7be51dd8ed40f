"""Resolving a free-standing actor description ("four Saudi men", "the provincial governor's spokesman"),
optionally with the sentence it came from: the engine of `realpolitik resolve`.

Why a context sentence: a description often does not say whose it is; the sentence does ("the
provincial governor's spokesman said Taliban fighters attacked a checkpoint near Kandahar"). The
description is parsed alone first (its own syntax is the best evidence), then found in its sentence.
"""

from __future__ import annotations

import re
from typing import Any

from realpolitik.extract.actor_match import match_at
from realpolitik.extract.actors import (
    _PLACE_KINDS,
    STATE_SECTORS,
    TITLES,
    ResolvedActor,
    _head_sector,
    _place,
    _resolved,
    _sector_of_words,
    resolve_token,
    through_quantity,
)
from realpolitik.extract.gazetteer import ActorEntry, ascii_quotes, get_gazetteer, strip_determiners
from realpolitik.extract.mentions import find_mentions

Doc = Any


def resolve_text(text: str, context: str | None = None, date: str | None = None) -> dict[str, Any]:
    """{"code", "country", "sector", "name"} for an actor description ("the Malian armed forces",
    "four Saudi men"); `context` is a sentence containing it, used when the description alone does not
    say whose it is ("the provincial governor's spokesman" in a sentence about Afghanistan)."""
    from realpolitik.extract.nlp import load_nlp

    nlp = load_nlp()
    return resolve_with(nlp, ascii_quotes(text), ascii_quotes(context) if context else None, date)


def resolve_with(nlp: Any, text: str, context: str | None, date: str | None) -> dict[str, Any]:
    """`resolve_text` with a given pipeline (the CLI resolves a batch with one)."""
    tdoc = nlp(text) if text.strip() else None
    gaz = get_gazetteer()
    best = _resolve_in(tdoc, 0, len(text), date) if tdoc is not None else None
    if (best is None or not best.entry.sector or _weak(best)) and text.strip():
        listed_org = gaz.organisation(text)  # a party, group or force by its name ("Popular Force")
        if listed_org is not None and listed_org.code:
            best = _resolved_text(listed_org, text)
    if best is None and tdoc is not None:
        best = _titled_name(tdoc)
    whole = gaz.agent_sector(strip_determiners(text)) if text.strip() else None  # "Chief of Staff"
    if whole and (best is None or (best.entry.code is None and best.entry.kind == "agent")):
        best = _resolved_text(ActorEntry(None, None, whole, "agent", text), text)  # the office as a whole
    if (best is None or _weak(best)) and text.strip():
        listed = get_gazetteer().lookup(text, date)  # the description is a name as a whole ("Popular Force")
        if listed is not None and listed.code and listed.kind in ("group", "firm", "person", "igo"):
            best = _resolved_text(listed, text)
    if context and best is not None and best.entry.kind == "capital":
        best = _capital_in_context(nlp(context), context.lower().find(text.lower()), len(text), best)
    if context and (best is None or not best.entry.code or best.entry.country is None or not best.entry.sector):
        cdoc = nlp(context)
        pos, text_len = _find(context, text)
        in_context = _resolve_in(cdoc, pos, pos + text_len, date) if pos >= 0 else None
        if in_context is not None and in_context.entry.code and (best is None or not best.entry.code or _weak(best)):
            best = in_context
        if best is None and tdoc is not None and _is_name(tdoc):
            # a person nobody listed ("Ana Ruiz", context "Peruvian interior"): whose, from the context
            best = _resolved_text(ActorEntry(None, None, _context_office(cdoc), "person", text), text)
        exclude = (pos, pos + text_len) if pos >= 0 else None
        if best is None or _weak(best):
            # a name several states use ("Labour Party", "Land Forces"): the state of the context
            state = _context_state(cdoc, date, exclude)
            shared = gaz.organisation_in(text, state.country) if state is not None else None
            if shared is not None and shared.code:
                best = _resolved_text(shared, text)
            elif best is not None and state is not None:  # an organisation nobody listed, of that state
                e = best.entry
                own = (state.code, "agent") if e.sector in STATE_SECTORS else (e.code, e.kind)
                best = _resolved_text(ActorEntry(own[0], state.country, e.sector, own[1], e.name), text)
        if best is not None and not best.entry.code and (best.entry.sector or best.entry.kind == "person"):
            country = _context_state(cdoc, date, exclude=exclude)
            if country is not None:
                e = best.entry
                best = ResolvedActor(
                    ActorEntry(country.code, country.country, e.sector, "agent", country.name),
                    best.start,
                    best.end,
                    best.text,
                )
        if best is not None and best.entry.code and not best.entry.sector and pos >= 0:
            sector = _context_sector(cdoc, pos, pos + text_len)
            if sector:
                e = best.entry
                best = ResolvedActor(
                    ActorEntry(e.code, e.country, sector, e.kind, e.name), best.start, best.end, best.text
                )
    if best is None or not best.entry.code:
        placed = _located(tdoc, best)
        best = placed or best
    if best is None or (best.entry.code is None and best.entry.sector is None):
        return {"code": None, "country": None, "sector": None, "name": None}
    e = best.entry
    sector = e.sector
    if sector is None and e.kind == "place" and e.code:  # a town named as an actor: the people there
        sector = "CVL"
    return {"code": e.code, "country": e.country, "sector": sector, "name": e.name if e.code else best.text}


#: Prepositions that make a city the scene of an event rather than its government acting.
_SCENE_PREPS = frozenset({"in", "at", "into", "inside", "near", "around", "across", "throughout", "outside"})


def _capital_in_context(cdoc: Doc, pos: int, length: int, best: ResolvedActor) -> ResolvedActor:
    """A capital named as the scene of an event ("a curfew in Algiers", "bombers blew themselves up in Tel
    Aviv") stands for the people there (CVL), not for the government it names when it acts ("Berlin
    rejected the calls")."""
    if pos < 0:
        return best
    span = cdoc.char_span(pos, pos + length, alignment_mode="expand")
    if span is None or len(span) == 0:
        return best
    root = span.root
    if root.dep_ == "appos":  # "in the capital Kabul"
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in _SCENE_PREPS:
        e = best.entry
        return ResolvedActor(ActorEntry(e.code, e.country, "CVL", e.kind, e.name), best.start, best.end, best.text)
    return best


def _located(doc: Doc | None, best: ResolvedActor | None) -> ResolvedActor | None:
    """Last resort for a description that names only a place ("Samarra", "students in Kidal"): the state
    the place belongs to, with the sector already found."""
    if doc is None:
        return None
    for tok in doc:
        m = match_at(doc, tok.i)
        hit = _resolved(doc, m.start, m.end, m.entry) if m is not None and m.entry is not None else _place(tok)
        if hit is not None and hit.entry.code and hit.entry.kind in _PLACE_KINDS:
            e = hit.entry
            sector = best.entry.sector if best is not None else None
            return ResolvedActor(ActorEntry(e.code, e.country, sector, "place", hit.text), hit.start, hit.end, hit.text)
    return None


def _titled_name(doc: Doc) -> ResolvedActor | None:
    """A person nobody listed, named after an office ("President Dos Sontas", "Judge Alejandro Rivera",
    "Planning and Investment Minister Tran Xuan Gia"): the office gives the sector; whose office it is
    comes from the context, if anywhere."""
    root = doc[:].root
    if root.pos_ != "PROPN":
        return None
    gaz = get_gazetteer()
    last_title = None
    for tok in doc[: root.i]:
        if tok.lower_ in TITLES or gaz.agent_sector(tok.lower_) or gaz.agent_sector(tok.lemma_.lower()):
            last_title = tok.i
    if last_title is None or not all(t.pos_ == "PROPN" for t in doc[last_title + 1 : root.i + 1]):
        return None
    sector = _sector_of_words(list(doc[: last_title + 1]))
    if sector is None:
        return None
    name = doc[last_title + 1 : root.i + 1]
    return ResolvedActor(ActorEntry(None, None, sector, "person", name.text), name.start_char, name.end_char, name.text)


def _resolve_in(doc: Doc, start: int, end: int, date: str | None) -> ResolvedActor | None:
    """Resolve the phrase at [start, end) of `doc`: its syntactic head first, then any mention in it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    r = resolve_token(through_quantity(span.root), date)
    if r is not None and r.entry.code:
        return r
    for m in find_mentions(doc, date):
        if m.start >= span.start_char and m.end <= span.end_char and m.entry.code:
            if r is None or not r.entry.sector:
                return m
            e = m.entry
            return ResolvedActor(ActorEntry(e.code, e.country, r.entry.sector, "agent", e.name), r.start, r.end, r.text)
    return r


def _context_sector(doc: Doc, start: int, end: int) -> str | None:
    """The sector of the agent noun a name or demonym modifies in its sentence: "Romanian" in "senior
    Hungarian and Romanian officials" is GOV."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("amod", "compound", "nmod", "poss") and tok.head.i > tok.i:
        return _head_sector(tok.head)
    return None


def _context_state(doc: Doc, date: str | None, exclude: tuple[int, int] | None) -> ActorEntry | None:
    """The state a sentence is about: the first state, capital, demonym or seat it names, else the
    state of the first town or region it names ("the police station in Kandahar")."""
    for m in find_mentions(doc, date):
        if exclude and exclude[0] <= m.start < exclude[1]:
            continue
        e = m.entry
        if e.code and e.country and e.code == e.country:
            return get_gazetteer().by_code(e.code) or e
    for tok in doc:
        if exclude and exclude[0] <= tok.idx < exclude[1]:
            continue
        hit = match_at(doc, tok.i)
        placed = _place(tok) if hit is None or hit.entry is None else _resolved(doc, hit.start, hit.end, hit.entry)
        if placed is not None and placed.entry.code and placed.entry.kind in ("place", "region"):
            return get_gazetteer().by_code(placed.entry.code) or placed.entry  # "an attack in Borno"
    return None


def _find(context: str, text: str) -> tuple[int, int]:
    """Where the description is in its context (offset, length), also when the context writes it with
    another article ("the spokesman" in "A spokesman for the army ..."); (-1, 0) when it is not there."""
    low = context.lower()
    pos = low.find(text.lower())
    if pos >= 0:
        return pos, len(text)
    bare = strip_determiners(text)
    if bare and bare != text:
        m = re.search(r"\b" + re.escape(bare.lower()) + r"\b", low)
        if m:
            return m.start(), len(bare)
    return -1, 0


def _weak(r: ResolvedActor) -> bool:
    """An organisation NER found that nobody listed and that names no state ("Klaudia Tanner" read as
    an ORG, "Ministry of Health"): any better reading wins over it, and a state in the context owns it."""
    e = r.entry
    if e.code is None or e.kind not in ("unknown", "agent") or e.country is not None:
        return False
    words = set(e.name.lower().split())
    return get_gazetteer().by_code(e.code) is None and not words & INTERNATIONAL_WORDS


#: Words that make a body international: no state in the context owns it ("International Labor Office").
INTERNATIONAL_WORDS = frozenset({"international", "world", "global", "regional", "united", "nations", "inter"})


def _is_name(doc: Doc) -> bool:
    """Whether a description is a bare proper name nobody listed and no place ("Ana Ruiz", not
    "Kandahar")."""
    words = [t for t in doc if not t.is_punct]
    if not words or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
        return False
    gaz = get_gazetteer()
    places = any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in words)
    return not places and gaz.place(doc.text) is None and gaz.lookup(doc.text) is None


def _resolved_text(entry: ActorEntry, text: str) -> ResolvedActor:
    return ResolvedActor(entry, 0, len(text), text)


#: Portfolio words that name a minister's office on their own ("the Peruvian interior", "Austrian defence").
OFFICE_WORDS = frozenset(
    {"interior", "foreign", "defence", "defense", "finance", "energy", "justice", "health", "trade", "economy"}
    | {"agriculture", "treasury"}
)


def _context_office(doc: Doc) -> str | None:
    """The sector of the office a context names ("Peruvian interior minister", "Peruvian interior"):
    the first agent noun phrase, else a portfolio word (GOV)."""
    for tok in doc:
        if tok.pos_ in ("NOUN", "PROPN"):
            sector = _head_sector(tok)
            if sector:
                return sector
    return "GOV" if any(t.lower_ in OFFICE_WORDS for t in doc) else None
