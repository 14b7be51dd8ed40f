"""The event coder for one parsed sentence: triggers -> PLOVER events with source and target.

Steps, each general (no rule is about one sentence):
1. triggers: verbs from the lexicon (with particles, verb+object pairs and light verbs), and
   event nouns; light verbs give way to their event-noun object ("hold talks");
2. roles: source/target tokens from the parse (extract/roles.py);
3. actors: each role token resolved by the caller's resolver (gazetteer + NER + dated roles);
4. modality: negation, hypothetical, attribution (extract/modality.py);
5. derived events: an attributed claim that Y aided a party the speaker brands hostile
   ("terrorists", "criminals") is also the speaker accusing Y.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from realpolitik.extract import lexicon as lx
from realpolitik.extract.candidate import (
    HOSTILE_MATERIAL,
    Candidate,
    same_party,
)
from realpolitik.extract.derived import derived_accusations, obligations, purpose_targets
from realpolitik.extract.igos import igo_codes
from realpolitik.extract.lexicon import Trigger
from realpolitik.extract.modality import attribution_token, is_hypothetical, is_negated
from realpolitik.extract.parties import resolve_all
from realpolitik.extract.roles import (
    MEETING_NOUNS,
    Roles,
    governing_agents,
    noun_agent_groups,
    noun_roles,
    prep_objects,
    verb_roles,
    with_conjuncts,
)
from realpolitik.extract.stance import (
    EMBEDDING_VERBS,
    clause_depth,
    condition_subjects,
    phrase_depth,
    stance_of,
    unasserted,
)
from realpolitik.extract.triggers import find_triggers
from realpolitik.model import Actor

Token = Any
Resolver = Callable[[Token], list[Actor]]


def _roles_for(trigger: Token) -> Roles:
    if trigger.pos_ in ("VERB", "AUX") or trigger.tag_ == "VBG":
        roles = verb_roles(trigger)
        # intent verb + embedded event verb: targets of the embedded verb count for the intent verb
        for c in trigger.children:
            if c.dep_ == "xcomp" and trigger.lemma_ in EMBEDDING_VERBS:
                roles.targets.extend(verb_roles(c).targets)
            elif c.dep_ in ("xcomp", "dobj", "pcomp") and c.pos_ == "VERB" and trigger.lemma_ in lx.STOP_VERBS:
                roles.targets.extend(verb_roles(c).targets)  # "stopped exporting oil to X": X
            # "demanded that the government provide ...": the one asked is the complement's subject
            if c.dep_ == "ccomp" and trigger.lemma_ in lx.VERBS and lx.VERBS[trigger.lemma_].event_type == "REQUEST":
                roles.targets.extend(t for t in c.children if t.dep_ in ("nsubj", "nsubjpass"))
        return roles
    roles = noun_roles(trigger)
    if trigger.lemma_ in lx.NOUNS and lx.NOUNS[trigger.lemma_].event_type == "REQUEST" and not roles.targets:
        # "its demand that Israel ease restrictions": the one asked is the complement's subject
        for c in trigger.children:
            if c.dep_ in ("acl", "ccomp", "relcl") and any(m.lower_ == "that" for m in c.children if m.dep_ == "mark"):
                roles.targets.extend(t for t in c.children if t.dep_ in ("nsubj", "nsubjpass"))
    return roles


#: (head words, head part of speech, complement relations, complement part of speech): complements that tell
#: an act as not done, so it is not coded (None: any part of speech).
UNDONE_COMPLEMENTS: tuple[tuple[frozenset[str], str | None, tuple[str, ...], str | None], ...] = (
    (lx.STOP_VERBS, "VERB", ("xcomp", "dobj", "pcomp"), "VERB"),
    (lx.CAPABILITY_NOUNS, "NOUN", ("acl", "xcomp", "relcl"), "VERB"),
    (lx.HARM_VERBS, None, ("dobj", "nsubjpass"), None),
)
UNDONE_WORDS = frozenset().union(*(words for words, _p, _d, _c in UNDONE_COMPLEMENTS))


def code_sentence(
    sent: Any,
    resolve: Resolver,
    pair_anaphor: Callable[[Token], list[Actor]],
    adversary: Callable[[Actor], Actor | None] | None = None,
) -> list[Candidate]:
    """All event candidates of one parsed sentence. `adversary(target)` names the document's known
    enemy of a target, for agentless attacks."""
    out: list[Candidate] = []
    triggers = find_triggers(sent)
    embedded_by_intent = {
        c.i
        for tok, _spec, _t in triggers
        if tok.lemma_ in EMBEDDING_VERBS and tok.pos_ == "VERB"
        for c in tok.children
        if c.dep_ == "xcomp"
    }
    # acts told as not done: what is stopped ("stop backing the rebels" is no support), what one is able or
    # entitled to do ("the Houthis' ability to threaten shipping"), what is harmed ("undermines cooperation")
    for tok in sent:  # one pass over the words for all the rules
        lemma = tok.lemma_.lower()
        if lemma not in UNDONE_WORDS:
            continue
        for words, pos, deps, child_pos in UNDONE_COMPLEMENTS:
            if lemma in words and pos in (None, tok.pos_):
                embedded_by_intent |= {c.i for c in tok.children if c.dep_ in deps and child_pos in (None, c.pos_)}
    for tok, spec, text in triggers:
        if tok.i in embedded_by_intent:
            continue
        out.extend(candidates_for(tok, spec, text, resolve, pair_anaphor, adversary))
    out = purpose_targets(out)
    specs = {tok.i: spec for tok, spec, _t in triggers}
    specs.update({c.trigger.i: c.spec for c in out})  # as read in context (a refused offer is a REJECT)
    out = [c for c in unasserted(out, specs) if not _mentioned_agreement(c, specs)]
    out.extend(derived_accusations(out, sent))
    out.extend(obligations(sent, resolve, pair_anaphor))
    return dedupe(out)


#: Verbs that say what an agreement is, not that anyone made one ("the accords had become obsolete").
COPULAS = frozenset({"be", "become", "remain", "seem", "prove"})


def _mentioned_agreement(c: Candidate, specs: dict[int, Trigger]) -> bool:
    """An agreement named only as what another act is about ("hailed the deal", "touted the deal", "the
    accords had become obsolete") is no new agreement by that act's subject: it names no party of its own."""
    tok = c.trigger
    if tok.pos_ != "NOUN" or c.spec.event_type != "AGREE" or noun_agent_groups(tok):
        return False
    if prep_objects(tok, ("with", "between")):
        return False
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in COPULAS:
        return True
    return tok.dep_ == "dobj" and head.i in specs and specs[head.i].event_type not in ("AGREE", "REJECT")


def candidates_for(
    tok: Token,
    spec: Trigger,
    text: str,
    resolve: Resolver,
    pair_anaphor: Callable[[Token], list[Actor]],
    adversary: Callable[[Actor], Actor | None] | None = None,
) -> list[Candidate]:
    """The events one trigger word yields: its roles resolved to actors, modality, stance."""
    out: list[Candidate] = []
    roles = _roles_for(tok)
    sources = resolve_all(roles.sources, resolve, pair_anaphor)
    for group in roles.source_groups:
        if sources:
            break
        sources = resolve_all(group, resolve, pair_anaphor)
    if spec.event_type in ("THREATEN", "REQUEST"):
        # "threatened to strike unless Israel rescinded ...": the one who must comply is the condition's subject
        roles.targets.extend(condition_subjects(tok))
    if spec.event_type == "SANCTION" and not sources and tok.pos_ == "VERB" and _passive(tok):
        origin = _resolve_party_tokens(prep_objects(tok, ("from",)), resolve, pair_anaphor)
        if tok.lemma_ in lx.EXCLUSION_VERBS:
            # "Mali was suspended from the African Union": the body it is suspended from acts
            sources = origin
        elif spec.mode == "withdraw" and origin:
            # "the Sudanese ambassador will be withdrawn from the UAE": the envoy's state withdraws him
            patients = [t for c in tok.children if c.dep_ == "nsubjpass" for t in with_conjuncts(c)]
            sources = _resolve_party_tokens(patients, resolve, pair_anaphor)
            roles.targets = prep_objects(tok, ("from",))
    if spec.event_type == "RETREAT":
        roles.targets.extend(prep_objects(tok, ("from",)))  # "withdraw its troops from Lebanon"
    if spec.event_type == "CONSULT":
        target_tokens = _expand_venues(roles.targets)
    else:  # a conference is where something happens, not a party to it
        target_tokens = [t for t in roles.targets if t.lemma_.lower() not in VENUE_NOUNS]
    targets = resolve_all(target_tokens, resolve, pair_anaphor)
    if spec.event_type == "CONSULT" and sources and all(a.country is None for a in sources):
        # "NATO leaders meeting in The Hague": an organisation's meeting is hosted, not held with the host
        where = locative_spans(tok, roles.targets)
        targets = [t for t in targets if not any(a <= t.start < b for a, b in where)]
    pair = resolve_all(roles.pair, resolve, pair_anaphor)
    if spec.subject_is_target:
        sources, targets = _giver_and_recipient(tok, sources, targets, resolve, pair_anaphor)
    mutual = spec.symmetric or spec.event_type in MUTUAL_TYPES or _reciprocal(tok)
    # "the two countries are linked", "X and Y met", "Chad and Niger signed a pact": the parties named
    # together act with one another
    if not targets and len(_distinct(sources)) >= 2 and mutual:
        pair = sources
        sources = []
    dyads: list[tuple[Actor | None, Actor | None]] | None = None
    if pair and len(_distinct(pair)) >= 2 and not (sources and targets):
        dyads = _all_pairs(_distinct(pair), both_ways=mutual)
    elif pair and sources and not targets:
        targets = [a for a in pair if not same_party(a, sources[0])]
    # an act on oneself ("Kostunica promised to democratize Serbia") has no other party
    targets = [t for t in targets if not any(same_party(t, s) for s in sources)] if sources else targets
    if dyads is None and not sources and not targets:
        return []
    negated = is_negated(tok)
    hypothetical = is_hypothetical(tok)
    attr_tok = attribution_token(tok)
    attributed = None
    if attr_tok is not None:
        res = pair_anaphor(attr_tok) or resolve(attr_tok)
        attributed = res[0] if res else None
    if not sources and attributed is not None and targets and not same_party(attributed, targets[0]):
        sources = [attributed]
    if not sources and adversary is not None and spec.event_type in HOSTILE_MATERIAL and tok.pos_ == "NOUN":
        # "the defeat of the Malian armed forces": an agentless blow against a state's forces
        # comes from the enemy the document has already named for that state
        sources = [a for a in (adversary(t) for t in targets[:1]) if a is not None]
    spec = _refine(spec, sources, targets, tok.lemma_.lower())
    if spec.event_type == "MOBILIZE" and ("exercise" in text.lower() or "drill" in text.lower()):
        # exercises are a show of force, unless held with a partner ("joint drills with India")
        with_partner = prep_objects(tok, ("with",)) + [
            w for o in tok.children if o.dep_ == "dobj" for w in prep_objects(o, ("with",))
        ]
        if with_partner:
            spec = Trigger("COOPERATE", None, "military", spec.weight)
    leaving = spec.mode == "withdraw" or tok.lemma_.lower() in ("withdrawal", "exit", "departure")
    if spec.event_type == "RETREAT" and leaving and targets and all(t.code in igo_codes() for t in targets):
        # "their withdrawal from ECOWAS": leaving an organisation is a break with it, not a retreat
        spec = Trigger("SANCTION", "withdraw", "diplomatic", spec.weight)
    spec, negated, hypothetical = stance_of(tok, spec, negated, hypothetical)
    depth = clause_depth(tok)
    phrase = phrase_depth(tok)
    if dyads is None:
        opt_sources: list[Actor | None] = list(sources) or [None]
        opt_targets: list[Actor | None] = list(targets) or [None]
        dyads = [(s, t) for s in opt_sources for t in opt_targets]
    for s, t in dyads:
        if s is not None and t is not None and same_party(s, t):
            if len(dyads) == 1:
                return []
            continue
        if s is None and t is None:
            continue
        conf = spec.weight * (0.9 if (s is not None and t is not None) else 0.6) * 0.75**depth * 0.9**phrase
        if hypothetical:
            conf *= 0.6  # what may happen ranks below what the sentence reports
        out.append(Candidate(tok, spec, text, s, t, negated, hypothetical, attributed, round(min(conf, 0.99), 3)))
    return out


#: Event types that two parties named together do with each other ("X and Y met / agreed / signed").
MUTUAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})


def locative_spans(tok: Token, targets: list[Token]) -> list[tuple[int, int]]:
    """Character spans of the places an event happens in: `in`/`at` phrases of the trigger or of the
    meeting nouns it takes."""
    out = []
    for head in [tok, *(t for t in targets if t.lemma_.lower() in VENUE_NOUNS)]:
        for place in prep_objects(head, ("in", "at")):
            words = list(place.subtree)
            out.append((words[0].idx, words[-1].idx + len(words[-1].text)))
    return out


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _resolve_party_tokens(tokens: list[Token], resolve: Resolver, pair_anaphor: Resolver) -> list[Actor]:
    return resolve_all(tokens, resolve, pair_anaphor)


def _reciprocal(tok: Token) -> bool:
    """ "threatened each other", "expelled each other's envoys": the act runs both ways between its subjects."""
    for c in tok.subtree:
        if c.lower_ == "each" and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "other":
            return True
        if c.lower_ == "one" and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "another":
            return True
    return False


def _distinct(actors: list[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for a in actors:
        if not any(same_party(a, b) for b in out):
            out.append(a)
    return out


def _all_pairs(actors: list[Actor], both_ways: bool) -> list[tuple[Actor | None, Actor | None]]:
    """Every dyad among parties acting together: each ordered pair for a mutual act, else in text order."""
    return [(a, b) for i, a in enumerate(actors) for j, b in enumerate(actors) if i != j and (both_ways or i < j)]


#: Where things happen: meetings (roles.MEETING_NOUNS, less the talk itself) and other events held somewhere.
VENUE_NOUNS = (MEETING_NOUNS - {"dialogue", "negotiation"}) | {"exercise", "games", "announcement", "decision"}
HOSTING_VERBS = frozenset({"hold", "host", "organise", "organize", "convene", "stage"})
ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "PMC"})


def _expand_venues(tokens: list[Token]) -> list[Token]:
    """A conference or summit stands for whoever convenes or hosts it ("a forum of Russia", "a summit in Sochi, Russia")."""
    out = []
    for tok in tokens:
        if tok.lemma_.lower() in VENUE_NOUNS:
            inner = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod")]
            inner += prep_objects(tok, ("of", "in", "at", "by"))
            # "a conference held in Sochi, Russia", "a summit hosted by Egypt"
            for verb in (c for c in tok.children if c.dep_ in ("acl", "relcl") and c.lemma_ in HOSTING_VERBS):
                inner += prep_objects(verb, ("in", "at", "by"))
            for i in list(inner):
                if i.lemma_.lower() in VENUE_NOUNS or i.pos_ == "NOUN":
                    inner += prep_objects(i, ("of", "in", "at"))
                    inner += [c for c in i.children if c.dep_ in ("compound", "appos")]
                if i.dep_ == "pobj":
                    inner += [c for c in i.children if c.dep_ == "appos"]
            out.extend(inner or [tok])
        else:
            out.append(tok)
    return out


def _giver_and_recipient(
    tok: Token,
    sources: list[Actor],
    targets: list[Actor],
    resolve: Resolver,
    pair_anaphor: Callable[[Token], list[Actor]],
) -> tuple[list[Actor], list[Actor]]:
    """Receive-like triggers: the grammatical subject receives; the giver is the `from` phrase.
    Buyer nouns ("X is a customer of Y"): the `of` phrase sells to the clause's subject."""
    if tok.pos_ == "NOUN":
        givers = resolve_all(prep_objects(tok, ("of",)), resolve, pair_anaphor)
        recipients = resolve_all(governing_agents(tok), resolve, pair_anaphor)
        return givers, recipients
    givers = resolve_all(prep_objects(tok, ("from",)), resolve, pair_anaphor)
    return givers, sources


def _refine(spec: Trigger, sources: list[Actor], targets: list[Actor], lemma: str) -> Trigger:
    """Verbal support given by armed forces is material: "forces supported by Wagner fighters" is AID. A
    state's protest to another state is an official complaint (ACCUSE), not a street protest."""
    if spec.event_type == "SUPPORT" and sources and all(s.sector in ARMED_SECTORS for s in sources):
        return Trigger("AID", None, "military", spec.weight, spec.subject_is_target, spec.symmetric)
    if lemma == "protest" and spec.event_type == "PROTEST" and sources and targets:
        states = [a for a in sources + targets if a.code == a.country and a.sector in (None, "GOV")]
        if len(states) == len(sources) + len(targets):
            return Trigger("ACCUSE", "disapprove", "diplomatic", spec.weight)
    return spec


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per (trigger, type, source, target); the most confident wins."""
    best: dict[tuple, Candidate] = {}
    for c in cands:
        key = (
            c.spec.event_type,
            c.source.code if c.source else None,
            c.source.sector == "REB" if c.source else None,
            c.target.code if c.target else None,
            c.target.sector == "REB" if c.target else None,
            c.negated,
            c.hypothetical,
        )
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    kept = sorted(best.values(), key=lambda c: (c.trigger.i, c.spec.event_type, c.derived))
    return _drop_one_sided(kept)


def dedupe_keep_one_sided(cands: list[Candidate]) -> list[Candidate]:
    seen: dict[tuple, Candidate] = {}
    for c in cands:
        key = (c.spec.event_type, c.source and c.source.code, c.target and c.target.code)
        seen.setdefault(key, c)
    return list(seen.values())[:1]


def _drop_one_sided(cands: list[Candidate]) -> list[Candidate]:
    """Keep a one-actor event only when it names its source, comes from a verb, and the sentence has
    no two-actor event: an unknown agent ("X was attacked") is not a dyad anyone can use, and a
    fragment of a dyadic event already coded would only repeat it."""
    dyadic = [c for c in cands if c.source is not None and c.target is not None]
    one_sided = [c for c in cands if c.source is not None and c.target is None and _clausal(c.trigger)]
    if dyadic and any(not (c.hypothetical or c.negated or c.derived) for c in dyadic):
        # a separate act of the sentence ("Australia had a deal with France, and when Canberra cancelled
        # it ...") is no fragment of its dyads: kept, for the document to name its target
        separate = [c for c in one_sided if not c.hypothetical and _separate_act(c, dyadic)]
        return sorted(dyadic + separate, key=lambda c: (c.trigger.i, c.spec.event_type, c.derived))
    # only unasserted or derived dyads (wanted, threatened, refused; a reporter's accusation): the asserted
    # act of the clause stays too
    keep = dyadic + [c for c in one_sided if not c.hypothetical]
    if dyadic:
        return sorted(keep, key=lambda c: (c.trigger.i, c.spec.event_type, c.derived))
    return one_sided


def _separate_act(c: Candidate, dyadic: list[Candidate]) -> bool:
    """A verb event of its own clause, of another type than the sentence's dyads and not above or below
    any of their triggers in the parse."""
    tok = c.trigger
    if tok.pos_ not in ("VERB", "AUX") or clause_depth(tok) > 1:
        return False
    if any(d.spec.event_type == c.spec.event_type for d in dyadic):
        return False
    ancestors = {a.i for a in tok.ancestors}
    return not any(d.trigger.i in ancestors or tok.i in {a.i for a in d.trigger.ancestors} for d in dyadic)


def _clausal(tok: Token) -> bool:
    """A verb, or an event noun that is the object of its clause's verb ("staged demonstrations")."""
    if tok.pos_ in ("VERB", "AUX"):
        return True
    return tok.dep_ == "dobj" and tok.head.pos_ in ("VERB", "AUX")
