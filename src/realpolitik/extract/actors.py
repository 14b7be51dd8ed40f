"""Actor resolution: which state, organisation, group, firm or person a noun phrase stands for.

`resolve_token` is called by the event coder for the head token of every event argument; it reads the
token's noun phrase in the parse: names (gazetteer phrase matches, NER entities), possessors ("Algeria's
decision"), adjectival demonyms ("the Malian armed forces"), "of"/"for" phrases ("the president of
Algeria"), appositions ("Rob Bauer, president of the NATO Military Committee") and the agent noun that
gives the sector ("rebels" -> REB). `mentions.find_mentions` lists every actor mention of a document;
`mentions.resolve_text` resolves a free-standing description (the `realpolitik resolve` command).

Why dependency structure and not string rules: the same few relations (poss, amod, compound, prep, appos)
carry who-belongs-to-whom in any sentence, so nothing here is written for a particular phrase.
Gazetteer matching lives in `actor_match.py`; resolving free-standing descriptions (with a context
sentence) in `actor_describe.py`.
"""

from __future__ import annotations

from typing import Any

from realpolitik.extract.actor_match import STATE_LIKE as _STATE_LIKE
from realpolitik.extract.actor_match import ent_at as _ent_at
from realpolitik.extract.actor_match import match_at as _match_at
from realpolitik.extract.actor_orgs import (
    GOVERNMENT_HEADS,
    SPEAKERS,
    STATE_SECTORS,
    _head_sector,
    _sector_of_words,
    _unknown_org,
    title_organisation,
)
from realpolitik.extract.doc_people import name_span as doc_people_span
from realpolitik.extract.doc_people import recall
from realpolitik.extract.gazetteer import ActorEntry, get_gazetteer, name_code
from realpolitik.extract.lexicon import ACTOR_WORDS
from realpolitik.extract.resolved import ResolvedActor, _resolved

Token = Any
Doc = Any

#: Words that precede a name as titles; dropped when looking a person up ("Admiral Rob Bauer").
TITLES = ACTOR_WORDS["titles"]
#: Noun lemmas that with "two"/"both" refer back to a pair of states named earlier.
PAIR_NOUNS = ACTOR_WORDS["pair_nouns"]


_OWNER_KINDS = _STATE_LIKE | {"igo", "group", "firm"}
_PLACE_KINDS = _STATE_LIKE | {"region", "place"}
_OF_PREPS = frozenset({"of", "for"})
_LOC_PREPS = frozenset({"in", "from"})


# -- names --------------------------------------------------------------------------------------------
def _person_entry(tokens: list[Token], date: str | None) -> tuple[ActorEntry, int] | None:
    """The dated role of the person named by `tokens`; leading titles, demonyms and lower-case words are
    dropped one by one ("Iraqi President Saddam Hussein"), never a given name ("Jan Kowalczyk" is not
    looked up as "Kowalczyk"). Returns the entry and how many leading tokens were dropped."""
    gaz = get_gazetteer()
    for k in range(len(tokens)):
        words = tokens[k:]
        if not words or words[0].text.lower() in ("'s", "'"):
            break
        name = "".join(t.text_with_ws for t in words).strip()
        # a bare surname stands for a person only where the tagger sees a name that is not merely capitalised
        # as the first word of a sentence ("Riot police ..." is not Pussy Riot)
        bare_ok = words[0].ent_type_ == "PERSON" and not words[0].is_sent_start
        entry = gaz.person(name, date, short=len(words) > 1 or bare_ok)
        if entry is not None:
            # "U.N. mediator Diego Cordovez": the title before the name (dropped here, or the name's own modifiers)
            before = [t for t in words[-1].subtree if t.i < words[0].i]
            igo = title_organisation(sorted({*tokens[:k], *before}, key=lambda t: t.i))
            if igo is not None and igo.code != entry.code:
                entry = ActorEntry(igo.code, None, entry.sector, "person", entry.name)
            return entry, k
        first = words[0]
        droppable = (
            first.lower_.rstrip(".") in TITLES
            or first.text[:1].islower()
            or first.is_punct
            or (_match_at(first.doc, first.i) is not None)
        )
        if not droppable:
            break
    return None


def _named(tok: Token, date: str | None) -> ResolvedActor | None:
    """The actor the name containing `tok` stands for: a gazetteer match (people by date) or an NER
    PERSON/ORG entity; None when `tok` is not part of a name."""
    doc = tok.doc
    m = _match_at(doc, tok.i)
    if m is None or (m.entry is not None and m.entry.kind == "person"):
        recalled = _recalled(tok, date)  # "Ruiz" after "Ana Ruiz, Peru's interior minister"
        if recalled is not None:
            return recalled
    if m is not None and m.entry is not None:
        entry = m.entry
        if entry.kind == "person":
            found = _person_entry(list(doc[m.start : m.end]), date)
            entry = _titled(doc, m.start, m.end, found[0] if found else entry)
        return _resolved(doc, m.start, m.end, entry)
    if m is not None:  # a region
        return None
    ent = _ent_at(tok)
    if ent is None:
        if tok.pos_ != "PROPN":
            return None
        start, end = _propn_run(tok)
        found = _person_entry(list(doc[start:end]), date)
        if found is None:
            return _apposed(doc, start, end, date)
        first = start + found[1]
        return _resolved(doc, first, end, _titled(doc, first, end, found[0]))
    if ent.label_ == "PERSON":
        toks = [t for t in ent if t.dep_ != "case"]
        found = _person_entry(toks, date)
        if found:
            first = toks[0].i + found[1]
            return _resolved(doc, ent.start, ent.end, _titled(doc, first, ent.end, found[0]))
        return None
    if ent.label_ == "ORG":
        if len(ent) >= 2 and all(t.pos_ == "PROPN" for t in ent):  # a person the tagger read as an ORG
            person = get_gazetteer().person(ent.text, date, short=False)
            if person is not None:
                return _resolved(doc, ent.start, ent.end, person)
        return _unknown_org(ent)
    return None


def _apposed(doc: Doc, start: int, end: int, date: str | None) -> ResolvedActor | None:
    """A name nobody listed, described by an apposition ("Ana Ruiz, the Peruvian interior minister"):
    the office's state and sector. Only a person's description counts (an office of a state)."""
    head = doc[end - 1]
    if end - start < 2 or not all(t.text[:1].isupper() and t.is_alpha for t in doc[start:end]):
        return None
    for c in head.children:
        if c.dep_ != "appos" or c.i < end:
            continue
        r = _resolve(c, date, 3)
        if r is not None and r.entry.code and r.entry.sector in STATE_SECTORS and r.entry.kind == "agent":
            e = r.entry
            return _resolved(doc, start, end, ActorEntry(e.code, e.country, e.sector, "person", doc[start:end].text))
    return None


def _propn_run(tok: Token) -> tuple[int, int]:
    """The run of proper-noun tokens around `tok` ("President Hosni Mubarak")."""
    doc = tok.doc
    start = end = tok.i
    while start > 0 and doc[start - 1].pos_ == "PROPN":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
        end += 1
    return start, end + 1


_FORMER = frozenset({"former", "ousted", "ex", "ex-", "late", "deposed", "exiled", "toppled", "then"})


def _titled(doc: Doc, start: int, end: int, entry: ActorEntry) -> ActorEntry:
    """A person's entry adjusted by the title written before the name: "former"/"ousted" make them an
    elite (ELI) rather than an office-holder; a title such as "President" turns the Phoenix ELI role
    (used when no date says which role applies) into the title's sector."""
    head = doc[end - 1]
    left = [t for t in doc[_core_start(head) : start] if not t.is_punct]
    words = [t.lower_.rstrip("-") for t in left]
    if any(w in _FORMER or w + "-" in _FORMER for w in words):
        return ActorEntry(entry.code, entry.country, "ELI", entry.kind, entry.name)
    for k in range(len(left) - 1, -1, -1):  # "NATO Secretary General Mark Rutte": the title names the owner
        m = _match_at(doc, left[k].i)
        if m is None or m.entry is None or m.entry.kind not in _OWNER_KINDS or m.entry.code == entry.code:
            continue
        owner = m.entry
        sector = _sector_of_words([t for t in left if t.i >= m.end]) or entry.sector
        return ActorEntry(owner.code, owner.country, sector, entry.kind, entry.name)
    if entry.sector == "ELI" and left:
        sector = _sector_of_words(left)
        if sector:
            return ActorEntry(entry.code, entry.country, sector, entry.kind, entry.name)
    return entry


QUANTITY_HEADS = frozenset(
    {
        "thousand",
        "thousands",
        "hundred",
        "hundreds",
        "ten",
        "tens",
        "dozen",
        "dozens",
        "million",
        "millions",
        "score",
        "scores",
        "number",
        "crowd",
        "crowds",
        "group",
        "handful",
    }
)


def through_quantity(tok: Any) -> Any:
    """ "thousands of students", "a group of protesters": the counted noun is the actor."""
    for _ in range(3):
        if tok.lemma_.lower() not in QUANTITY_HEADS and tok.lower_ not in QUANTITY_HEADS:
            return tok
        objs = [
            o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"
        ]
        if not objs:
            return tok
        tok = objs[0]
    return tok


# -- resolution ---------------------------------------------------------------------------------------
def is_pair_anaphor(token: Token) -> bool:
    """True for "the two countries", "both countries", "both sides", "the two": a reference to a pair
    of actors the coder must look up in the preceding text."""
    lemma = token.lemma_.lower()
    kids = {c.lower_ for c in token.children}
    if lemma in PAIR_NOUNS or token.lower_.rstrip("s") in PAIR_NOUNS or token.lower_ in ("allies", "rivalries"):
        return "two" in kids or "both" in kids
    if token.lower_ in ("two", "both") and token.pos_ in ("NUM", "PRON", "DET"):
        return token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and (
            token.lower_ == "both" or any(c.lower_ == "the" for c in token.children)
        )
    return False


def resolve_token(token: Token, date: str | None = None) -> ResolvedActor | None:
    """The actor the noun phrase headed by `token` stands for, or None. Conjuncts are not merged."""
    if token is None or is_pair_anaphor(token):
        return None
    return _resolve(token, date, 0)


def _core_start(tok: Token) -> int:
    lefts = [c for c in tok.lefts if c.dep_ not in ("punct", "cc", "preconj", "conj", "case")]
    return min([c.left_edge.i for c in lefts] + [tok.i])


def _resolve(tok: Token, date: str | None, depth: int) -> ResolvedActor | None:
    if depth > 4:
        return None
    doc = tok.doc
    named = _named(tok, date)
    if named is not None and named.entry.kind == "seat":
        # "Germany's Defense Department": an office name that is one state's by default is the owner's
        owner = _owner(tok, date, depth, agent=False)
        if owner is not None and owner.entry.kind in _STATE_LIKE and owner.entry.code != named.entry.code:
            return _combine(doc, tok, owner.entry, named.entry.sector)
    if named is not None and named.entry.kind not in ("demonym", "unknown", "region"):
        return named
    if named is not None and named.entry.kind == "region" and tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return None  # a place locates actors; it does not act
    if named is None and tok.ent_type_ == "PERSON":
        return _unknown_person(tok, date, depth)
    sector = _head_sector(tok)
    if named is not None and named.entry.kind == "unknown":
        owner = _owner(tok, date, depth, skip_name=True)
        if owner is not None and owner.entry.code:
            return _combine(doc, tok, owner.entry, sector or named.entry.sector or owner.entry.sector)
        return named
    if named is not None and sector is None:  # a demonym as head: "the Malians", "Americans"
        if tok.tag_ in ("NNS", "NNPS") or (tok.lower_.endswith("s") and tok.lower_ != named.text.lower().rstrip("s")):
            e = named.entry
            return ResolvedActor(
                ActorEntry(e.code, e.country, "CVL", "agent", e.name), named.start, named.end, named.text
            )
        return named
    owner = _owner(tok, date, depth, agent=sector is not None)
    if sector is None:
        # not an agent noun: "Algeria's decision", "Algerian connivance" -> the possessor or demonym itself
        if owner is not None and tok.pos_ == "PROPN":
            return _titled_owner(doc, tok, owner)
        if owner is not None and tok.pos_ == "NOUN":
            return owner
        if tok.pos_ == "PROPN" and tok.dep_ == "compound":
            return None
        return None
    if owner is None:
        entry = ActorEntry(None, None, sector, "agent", tok.lemma_.lower())
        return _resolved(doc, _core_start(tok), tok.i + 1, entry)
    own = owner.entry
    if tok.lemma_.lower() in SPEAKERS and own.sector:
        sector = own.sector  # "a spokesman for the Malian army" speaks for the army (MIL)
    if own.kind == "group" and sector == "GOV" and own.country and tok.lemma_.lower() in GOVERNMENT_HEADS:
        # "the Taliban government", "the Houthi administration": a group that governs is that state's government
        state = get_gazetteer().by_code(own.country)
        if state is not None:
            return _combine(doc, tok, state, sector)
    if own.kind in ("group", "firm") and own.sector:
        sector = own.sector if own.sector in ("REB", "MIL", "BUS") else sector
    return _combine(doc, tok, own, sector)


def _titled_owner(doc: Doc, tok: Token, owner: ResolvedActor) -> ResolvedActor:
    """A name nobody listed after its owner and an office ("Peruvian Interior Minister Ana Ruiz"): the
    owner's code with the office's sector, the longest office phrase before the name."""
    start = _core_start(tok)
    for end in range(tok.i, start, -1):
        sector = _sector_of_words(list(doc[start:end]))
        if sector:
            e = owner.entry
            name = doc[end : tok.i + 1].text
            return _resolved(doc, start, tok.i + 1, ActorEntry(e.code, e.country, sector, "person", name))
    return owner


def _combine(doc: Doc, tok: Token, owner: ActorEntry, sector: str | None) -> ResolvedActor:
    """The agent noun phrase headed by `tok` acting for `owner`."""
    name = owner.name
    if owner.kind == "region" and sector == "MIL":
        sector = "REB"  # armed forces of a region ("Tigrayan forces") are not the state's army
    start = _core_start(tok)
    if owner.kind == "person":
        entry = ActorEntry(owner.code, owner.country, sector or owner.sector, "agent", name)
    elif _proper_name(doc, start, tok) and sector not in STATE_SECTORS and owner.kind in _PLACE_KINDS:
        # a named non-state body of a country ("Rwandan Patriotic Front") keeps its own name as code
        own_name = " ".join(t.text for t in _name_words(doc, start, tok))
        code = name_code(own_name)
        entry = ActorEntry(code, owner.country, sector, "group", own_name)
    else:
        entry = ActorEntry(owner.code, owner.country, sector, "agent", name)
    return _resolved(doc, start, tok.i + 1, entry)


def _proper_name(doc: Doc, start: int, tok: Token) -> bool:
    """Whether the phrase up to `tok` is written as a proper name: every word capitalised."""
    words = _name_words(doc, start, tok)
    return tok.pos_ == "PROPN" and len(words) >= 2 and all(t.text[:1].isupper() for t in words)


def _name_words(doc: Doc, start: int, tok: Token) -> list[Token]:
    """The words of the phrase up to `tok` without determiners and possessive pronouns ("his")."""
    return [
        t
        for t in doc[start : tok.i + 1]
        if not t.is_punct and not (t.dep_ in ("det", "poss", "predet") and t.text[:1].islower())
    ]


def _owner(
    tok: Token, date: str | None, depth: int, skip_name: bool = False, agent: bool = True
) -> ResolvedActor | None:
    """Whom the phrase headed by `tok` belongs to: its possessor or a name or demonym modifying it; for
    agent nouns also the object of "of"/"for", an apposition, or the state of "in"/"from". An event noun
    belongs only to its possessor or modifier ("Algeria's decision"), never to a prepositional phrase
    ("the war in Ukraine" is not Ukraine acting)."""
    doc = tok.doc
    for c in tok.children:
        if c.dep_ == "poss":
            r = _resolve(c, date, depth + 1)
            if r is not None and r.entry.code:
                return r
    # modifiers inside the phrase, nearest to the head first
    own_match = _match_at(doc, tok.i)
    start = _core_start(tok)
    if tok.dep_ == "compound" and tok.head.i > tok.i:  # "Israeli army bulldozers": "Israeli" hangs on the head
        start = min(start, _core_start(tok.head))
    for i in range(tok.i - 1, start - 1, -1):
        if own_match is not None and own_match.start <= i < own_match.end:
            continue
        t = doc[i]
        if t.dep_ == "poss" or t.is_punct:
            continue
        r = _named(t, date)
        if r is not None and r.entry.code and (not skip_name or r.entry.kind != "unknown"):
            return r
    if not agent:
        return None
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in _OF_PREPS:
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    r = _resolve(pobj, date, depth + 1)
                    if r is not None and r.entry.code:
                        return r
    for c in tok.rights:
        if c.dep_ == "appos":
            r = _resolve(c, date, depth + 1)
            if r is not None and r.entry.code:
                return r
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in _LOC_PREPS:
            for pobj in c.children:
                if pobj.dep_ != "pobj":
                    continue
                r = _named(pobj, date) or _place(pobj)
                if r is not None and r.entry.kind in _PLACE_KINDS:
                    return r
    return None


def _place(tok: Token) -> ResolvedActor | None:
    """A town or region (Phoenix country synonyms) named by the proper nouns around `tok`."""
    if tok.pos_ != "PROPN":
        return None
    start, end = _propn_run(tok)
    entry = get_gazetteer().place(tok.doc[start:end].text)
    return _resolved(tok.doc, start, end, entry) if entry is not None else None


def _unknown_person(tok: Token, date: str | None, depth: int) -> ResolvedActor | None:
    """A PERSON the dated-role table does not know: the organisation or title around the name
    ("Iraqi President X", "X, spokesperson for GUR"), else None."""
    ent = _ent_at(tok)
    if ent is None:
        return None
    doc = tok.doc
    root = ent.root
    titles = [t for t in doc[_core_start(root) : ent.start]] + [t for t in ent if t.lower_ in TITLES]
    sector = _sector_of_words(titles) if titles else None
    owner = None
    for i in range(ent.start - 1, _core_start(root) - 1, -1):
        r = _named(doc[i], date)
        if r is not None and r.entry.code:
            owner = r
            break
    if owner is None:
        for c in root.children:
            if c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ in _OF_PREPS):
                target = c if c.dep_ == "appos" else next((p for p in c.children if p.dep_ == "pobj"), None)
                r = _resolve(target, date, depth + 1) if target is not None else None
                if r is not None and r.entry.code:
                    owner = r
                    break
    if owner is None:
        return None
    e = owner.entry
    entry = ActorEntry(e.code, e.country, e.sector or sector, "person", ent.text)
    return _resolved(doc, ent.start, ent.end, entry)


def _recalled(tok: Token, date: str | None) -> ResolvedActor | None:
    """A short name resolved by its full form earlier in the document (`doc_people.recall`)."""
    entry = recall(tok, date)
    if entry is None:
        return None
    span = doc_people_span(tok)
    assert span is not None
    return _resolved(tok.doc, span[0], span[1], entry)
