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
from dataclasses import dataclass, field
from typing import Any

from realpolitik.extract import lexicon as lx
from realpolitik.extract.lexicon import Trigger
from realpolitik.extract.modality import CONDITIONAL_MARKS, attribution_token, is_hypothetical, is_negated
from realpolitik.extract.parties import members
from realpolitik.extract.roles import (
    MEETING_NOUNS,
    Roles,
    governing_agents,
    noun_roles,
    prep_objects,
    verb_roles,
    with_conjuncts,
)
from realpolitik.model import Actor

Token = Any
Resolver = Callable[[Token], list[Actor]]

#: Markers that open a condition clause ("unless Israel rescinds ...").
CONDITION_OPENERS = frozenset({"if", "unless"})
HOSTILE_MATERIAL = frozenset({"ASSAULT", "COERCE"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})


@dataclass
class Candidate:
    """An event read from a sentence, before dates and ids are attached."""

    trigger: Token
    spec: Trigger
    trigger_text: str
    source: Actor | None
    target: Actor | None
    negated: bool = False
    hypothetical: bool = False
    attributed_to: Actor | None = None
    confidence: float = 0.5
    derived: bool = False
    extra_context: list[str] = field(default_factory=list)


def find_triggers(sent: Any) -> list[tuple[Token, Trigger, str]]:
    """(token, trigger, trigger text) for every event word in the sentence."""
    found: list[tuple[Token, Trigger, str]] = []
    consumed: set[int] = set()
    for tok in sent:
        if tok.i in consumed:
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ == "VBG" and lemma in lx.VERBS):
            hit = _verb_trigger(tok, lemma, consumed)
            if hit is not None:
                found.append(hit)
            continue
        if tok.pos_ in ("NOUN", "PROPN") and lemma in lx.NOUNS:
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod")]
            combo = next(
                (
                    lx.NOUN_COMPOUNDS[(m.lemma_.lower(), lemma)]
                    for m in mods
                    if (m.lemma_.lower(), lemma) in lx.NOUN_COMPOUNDS
                ),
                None,
            )
            if combo is not None:
                found.append((tok, combo, f"{mods[0].text} {tok.text}"))
            else:
                found.append((tok, lx.NOUNS[lemma], tok.text))
    return [f for f in found if f[0].i not in consumed or f[1].event_type]


def _verb_trigger(tok: Token, lemma: str, consumed: set[int]) -> tuple[Token, Trigger, str] | None:
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN":
        objs.append(tok.head)  # "a signal sent by Moscow": the modified noun is the object
    prts = [c for c in tok.children if c.dep_ == "prt"]
    preps = [c for c in tok.children if c.dep_ == "prep"]
    label = _label(tok, lemma)
    if label is not None:
        return tok, label, tok.text
    if lemma in lx.ATTEMPT_VERBS and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in tok.children):
        return None  # "seeks to deepen ties": the intended act is the event, coded from its own verb (_stance)
    for o in objs:
        combo = lx.VERB_OBJECT.get((lemma, o.lemma_.lower()))
        if combo is not None:
            consumed.add(o.i)
            return tok, combo, f"{tok.text} {o.text}"
    base = lx.VERBS.get(lemma)
    if base is not None and base.event_type == "REJECT":
        # "dismissed an appeal", "rejected the proposal": the refused request or offer is the rejection's object
        for o in objs:
            spec = lx.NOUNS.get(o.lemma_.lower())
            if spec is not None and spec.event_type in COOPERATIVE | {"REQUEST"}:
                consumed.add(o.i)
                return tok, Trigger("REJECT", base.mode, spec.context), f"{tok.text} {o.text}"
    if lemma in lx.STOP_VERBS:
        # "stopped exporting oil to X", "halted shipping arms": a cooperative act halted
        for c in tok.children:
            spec = lx.VERBS.get(c.lemma_.lower()) if c.dep_ in ("xcomp", "dobj", "pcomp") else None
            if c.pos_ == "VERB" and spec is not None and spec.event_type in COOPERATIVE:
                return tok, Trigger("SANCTION", "halt", spec.context), f"{tok.text} {c.text}"
    if (lemma, "") in lx.IDIOMS or any((lemma, o.lemma_.lower()) in lx.IDIOMS for o in objs):
        return None  # "struck an upbeat tone": no event
    if lemma in lx.STOP_VERBS or _on_hold(tok, lemma):
        # "suspended aid deliveries", "cancelled a planned visit", "ended mediation efforts": halting cooperation
        for o in objs:
            for n in [o, *(c for c in o.children if c.dep_ == "compound")]:
                spec = lx.NOUNS.get(n.lemma_.lower())
                if spec is not None and spec.event_type == "AGREE" and lemma in lx.RENEGE_VERBS:
                    # "cancelled the deal", "ended the peace accord": an agreement gone back on
                    consumed.update({o.i, n.i})
                    return tok, Trigger("REJECT", "renege", spec.context), f"{tok.text} {o.text}"
                if spec is not None and spec.event_type in COOPERATIVE:
                    consumed.update({o.i, n.i})
                    return tok, Trigger("SANCTION", "halt", spec.context), f"{tok.text} {o.text}"
    for p in prts + preps:
        phrasal = lx.PHRASAL.get(f"{lemma} {p.lower_}")
        if phrasal is not None:
            return tok, phrasal, f"{tok.text} {p.text}"
    if lemma in lx.LIGHT_VERBS and any(o.lemma_.lower() in lx.NOUNS for o in objs):
        return None  # the event noun carries the meaning
    if lemma in lx.SPEECH_VERBS and lemma not in lx.VERBS:
        return None
    spec = lx.VERBS.get(lemma)
    if spec is None:
        return None
    # Intent verbs governing an event verb ("agreed to cooperate"): the intent verb codes it (AGREE);
    # the embedded verb's arguments are merged in by the caller through `xcomp_target`.
    return tok, spec, tok.text


def _on_hold(tok: Token, lemma: str) -> bool:
    """ "put the talks on hold", "placed the deal on ice": a halt told with a light verb."""
    if lemma not in ("put", "place"):
        return False
    return any(
        p.dep_ == "prep" and p.lower_ == "on" and any(o.lemma_.lower() in ("hold", "ice") for o in p.children)
        for p in tok.children
    )


def _label(tok: Token, lemma: str) -> Trigger | None:
    """ "called the decision illegal", "labelled its president a parasite", "described the deal as a stab
    in the back": naming something with a label is an accusation (or praise, when the label is praise)."""
    if lemma not in lx.LABEL_VERBS:
        return None
    labels = [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp") and c.pos_ in ("NOUN", "ADJ", "PROPN")]
    labels += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children if o.dep_ == "pobj"]
    if not labels or not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
        return None
    words = {t.lemma_.lower() for lab in labels for t in lab.subtree}
    if words & lx.PRAISE_LABELS:
        return Trigger("SUPPORT", "praise")
    return Trigger("ACCUSE", "disapprove")


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
    # what is stopped did not happen as told: "stop backing the rebels" is no support
    embedded_by_intent |= {
        c.i
        for tok in sent
        if tok.lemma_.lower() in lx.STOP_VERBS and tok.pos_ == "VERB"
        for c in tok.children
        if c.dep_ in ("xcomp", "dobj", "pcomp") and c.pos_ == "VERB"
    }
    # an act harmed is not an act done: "undermines cooperation between X and Y"
    embedded_by_intent |= {
        c.i
        for tok in sent
        if tok.lemma_.lower() in lx.HARM_VERBS
        for c in tok.children
        if c.dep_ in ("dobj", "nsubjpass")
    }
    for tok, spec, text in triggers:
        if tok.i in embedded_by_intent:
            continue
        out.extend(candidates_for(tok, spec, text, resolve, pair_anaphor, adversary))
    out = _purpose_targets(out)
    specs = {tok.i: spec for tok, spec, _t in triggers}
    specs.update({c.trigger.i: c.spec for c in out})  # as read in context (a refused offer is a REJECT)
    out = _unasserted(out, specs)
    out.extend(_derived_accusations(out, sent))
    out.extend(_obligations(sent, resolve, pair_anaphor))
    return _dedupe(out)


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
    sources = _resolve_all(roles.sources, resolve, pair_anaphor)
    for group in roles.source_groups:
        if sources:
            break
        sources = _resolve_all(group, resolve, pair_anaphor)
    if spec.event_type in ("THREATEN", "REQUEST"):
        # "threatened to strike unless Israel rescinded ...": the one who must comply is the condition's subject
        roles.targets.extend(_condition_subjects(tok))
    if spec.event_type == "RETREAT" and tok.pos_ in ("VERB", "AUX"):
        roles.targets.extend(prep_objects(tok, ("from",)))  # "withdraw its troops from Lebanon"
    if spec.event_type == "CONSULT":
        target_tokens = _expand_venues(roles.targets)
    else:  # a conference is where something happens, not a party to it
        target_tokens = [t for t in roles.targets if t.lemma_.lower() not in VENUE_NOUNS]
    targets = _resolve_all(target_tokens, resolve, pair_anaphor)
    pair = _resolve_all(roles.pair, resolve, pair_anaphor)
    if spec.subject_is_target:
        sources, targets = _giver_and_recipient(tok, sources, targets, resolve, pair_anaphor)
    mutual = spec.symmetric or spec.event_type in MUTUAL_TYPES or _reciprocal(tok)
    # "the two countries are linked", "X and Y met", "Chad and Niger signed a pact": the parties named
    # together act with one another
    if not targets and len(_distinct(sources)) >= 2 and mutual:
        pair = sources
        sources = []
    dyads: list[tuple[Actor, Actor]] | None = None
    if pair and len(_distinct(pair)) >= 2 and not (sources and targets):
        dyads = _all_pairs(_distinct(pair), both_ways=mutual)
    elif pair and sources and not targets:
        targets = [a for a in pair if not _same(a, sources[0])]
    # an act on oneself ("Kostunica promised to democratize Serbia") has no other party
    targets = [t for t in targets if not any(_same(t, s) for s in sources)] if sources else targets
    if dyads is None and not sources and not targets:
        return []
    negated = is_negated(tok)
    hypothetical = is_hypothetical(tok)
    attr_tok = attribution_token(tok)
    attributed = None
    if attr_tok is not None:
        res = pair_anaphor(attr_tok) or resolve(attr_tok)
        attributed = res[0] if res else None
    if not sources and attributed is not None and targets and not _same(attributed, targets[0]):
        sources = [attributed]
    if not sources and adversary is not None and spec.event_type in HOSTILE_MATERIAL and tok.pos_ == "NOUN":
        # "the defeat of the Malian armed forces": an agentless blow against a state's forces
        # comes from the enemy the document has already named for that state
        sources = [a for a in (adversary(t) for t in targets[:1]) if a is not None]
    spec = _refine(spec, sources)
    spec, negated, hypothetical = _stance(tok, spec, negated, hypothetical)
    depth = clause_depth(tok)
    phrase = phrase_depth(tok)
    if dyads is None:
        dyads = [(s, t) for s in sources or [None] for t in targets or [None]]  # type: ignore[misc]
    for s, t in dyads:
        if s is not None and t is not None and _same(s, t):
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
        if not any(_same(a, b) for b in out):
            out.append(a)
    return out


def _all_pairs(actors: list[Actor], both_ways: bool) -> list[tuple[Actor, Actor]]:
    """Every dyad among parties acting together: each ordered pair for a mutual act, else in text order."""
    return [(a, b) for i, a in enumerate(actors) for j, b in enumerate(actors) if i != j and (both_ways or i < j)]


STANCE_MODES = frozenset({"promise", "refuse", "ultimatum"})
RETYPE_MIN = 0.7
RETYPE_RULE_MAX = 0.05


def rerank(sent: Any, cands: list[Candidate]) -> list[Candidate]:
    """Rule events weighed by the statistical classifier: each candidate's confidence is scaled by how
    probable the classifier finds its type for this sentence (0.5 + p), so where a sentence yields several
    readings the one both components agree on ranks first. The set of events is unchanged."""
    from realpolitik.extract import event_classifier as clf

    try:
        probs = clf.predict_span(sent)
    except (OSError, FileNotFoundError):
        return cands
    top, p_top = clf.best(probs)
    out = []
    for c in cands:
        p_rule = probs.get(c.spec.event_type, 0.0)
        # stance-derived types (a promise, a refusal, an ultimatum) are the rules' reading of the clause, kept
        main_clause = clause_depth(c.trigger) == 0 and c.spec.mode not in STANCE_MODES
        if (
            main_clause
            and top not in (clf.NONE, c.spec.event_type)
            and p_top >= RETYPE_MIN
            and p_rule < RETYPE_RULE_MAX
        ):
            # the classifier is sure and the rule's reading is implausible to it: take the classifier's type
            c.spec = Trigger(top, None, c.spec.context, c.spec.weight, c.spec.subject_is_target, c.spec.symmetric)
            p_rule = p_top
        scale = 0.5 + p_rule
        c.confidence = round(min(c.confidence * scale, 0.99), 3)
        out.append(c)
    return out


#: The classifier's least probability for typing a sentence whose parties nothing names: such a record
#: serves sentence-level coding only, so it must be surer than one the parse gives actors to.
ACTORLESS_MIN_PROBABILITY = 0.45


def classified_events(
    sent: Any,
    resolve: Resolver,
    pair_anaphor: Callable[[Token], list[Actor]],
    min_probability: float = 0.3,
) -> list[Candidate]:
    """When no lexicon trigger yields an event, the statistical classifier types the sentence and the
    parse of its event head gives source and target. Confidence is the classifier's probability, scaled
    down, so rule events always rank above these."""
    from realpolitik.extract import event_classifier as clf

    try:
        probs = clf.predict_span(sent)
    except (OSError, FileNotFoundError):  # no model shipped: the rules stand alone
        return []
    label, p = clf.best(probs)
    if label == clf.NONE or p < min_probability:
        return []
    head = clf.event_head(sent)
    if head is None:
        return []
    spec = Trigger(label, None, None, round(0.6 * p, 3))
    cands = candidates_for(head, spec, head.text, resolve, pair_anaphor)
    dyadic = [c for c in cands if c.source is not None and c.target is not None]
    if dyadic:
        return _dedupe(dyadic)
    if cands:
        return _dedupe_keep_one_sided(cands)
    # the head's own roles name no actor: the first actor named in the sentence's subject is the source
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.i < head.i:
            for sub in tok.subtree:
                found = resolve(sub)
                if found:
                    c = Candidate(head, spec, head.text, found[0], None, False, False, None, round(0.3 * p, 3))
                    return [c]
    if p >= ACTORLESS_MIN_PROBABILITY:
        # the sentence reports an event whose parties the parse does not name: typed, with no actors, so
        # sentence-level coding (pentaclass) sees it while the graph, which needs actors, ignores it
        return [Candidate(head, spec, head.text, None, None, False, False, None, round(0.2 * p, 3))]
    return []


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
        givers = _resolve_all(prep_objects(tok, ("of",)), resolve, pair_anaphor)
        recipients = _resolve_all(governing_agents(tok), resolve, pair_anaphor)
        return givers, recipients
    givers = _resolve_all(prep_objects(tok, ("from",)), resolve, pair_anaphor)
    return givers, sources


FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
OBLIGATION_AUX = frozenset({"must", "should"})
#: Adjectives of readiness whose complement is an announced intention ("ready to send troops").
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "determined", "eager", "keen", "set"})
#: Verbs whose complement is an intention, coded by the verb itself ("agreed to", "refused to", "threatened to").
EMBEDDING_VERBS = lx.INTENT_VERBS | {"refuse", "decline", "threaten", "fail", "reject", "vow"}
REFUSAL_VERBS = frozenset({"refuse", "decline", "fail", "reject", "renege", "balk"})
HOSTILE_ACTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})


def _governor(tok: Token) -> Token | None:
    """The word an infinitive complement depends on ("ready" in "ready to help", "refused" in "refused to meet")."""
    if tok.dep_ == "xcomp" and tok.head.i != tok.i:
        return tok.head
    return None


def _aux_words(tok: Token) -> set[str]:
    words: set[str] = set()
    cur: Token | None = tok
    for _ in range(3):
        if cur is None:
            break
        words |= {c.lower_ for c in cur.children if c.dep_ in ("aux", "auxpass")}
        cur = _governor(cur)
    return words


def _stance(tok: Token, spec: Trigger, negated: bool, hypothetical: bool) -> tuple[Trigger, bool, bool]:
    """What an announced or refused action is in PLOVER: a statement of intent to cooperate is AGREE, an
    announced hostile act is THREATEN, a refusal to cooperate is REJECT. Each is itself an event that
    happened (the statement), so it is neither negated nor hypothetical."""
    gov = _governor(tok)
    aux = _aux_words(tok)
    cooperative = spec.event_type in COOPERATIVE
    refusal = gov is not None and gov.lemma_ in REFUSAL_VERBS
    # reported speech shifts "will" to "would": "they said they would meet" announces an intention
    future = bool(aux & FUTURE_AUX) or ("would" in aux and _reported(tok))
    # "wants to help", "seeks to deepen ties", "ready to send": a stated intention, as CAMEO's 03 codes it;
    # an attempt told as made ("has tried to hack", "sought to isolate") is the act itself
    intent = future or (
        gov is not None
        and gov.lemma_ in INTENT_ADJECTIVES | lx.ATTEMPT_VERBS | {"vow", "pledge", "promise"}
        and not (gov.lemma_ in lx.EFFORT_VERBS and gov.tag_ in ("VBD", "VBN"))
    )
    if cooperative and (refusal or (negated and future)):
        return Trigger("REJECT", "refuse", spec.context, spec.weight), False, False
    if future and not negated and _conditional(tok) and spec.event_type not in ("AGREE", "THREATEN"):
        # "will withdraw its force unless ...": an action promised on a condition is a threat
        return Trigger("THREATEN", "ultimatum", spec.context, spec.weight), False, False
    if negated or (aux & (MODALS_POSSIBLE | OBLIGATION_AUX) and not future) or _conditional(tok):
        return spec, negated, hypothetical
    # a promise is of a deliberate act: weak triggers ("would depend on") promise nothing
    if intent and cooperative and spec.event_type != "AGREE" and spec.weight >= PROMISE_MIN_WEIGHT:
        return Trigger("AGREE", "promise", spec.context, spec.weight), False, False
    if gov is not None and gov.lemma_ in ("prepare", "prepared", "ready") and spec.event_type == "ASSAULT":
        # "the army prepared to resume shelling": readying force is mobilisation
        return Trigger("MOBILIZE", "troops", spec.context, spec.weight), False, False
    if intent and spec.event_type in HOSTILE_ACTS:
        return Trigger("THREATEN", None, spec.context, spec.weight), False, False
    return spec, negated, hypothetical


MODALS_POSSIBLE = frozenset({"would", "could", "might", "may", "can"})
#: The least trigger weight whose announced future act is coded as a promise (AGREE).
PROMISE_MIN_WEIGHT = 0.4


def _reported(tok: Token) -> bool:
    """The trigger's clause is the complement of a speech verb ("X said (that) ...")."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "ccomp" and cur.head.lemma_ in lx.SPEECH_VERBS:
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _conditional(tok: Token) -> bool:
    """The clause has an if/unless condition (as its own marker or as a conditional clause under it)."""
    for t in (tok, tok.head):
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                return True
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_OPENERS for m in c.children):
                return True
    return False


def clause_depth(tok: Token) -> int:
    """How many clauses down from the sentence's main clause the trigger sits: the reported event of a
    sentence is usually its main one, so deeper triggers get less confidence."""
    depth = 0
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("ccomp", "advcl", "relcl", "acl", "pcomp", "xcomp", "csubj"):
            depth += 1
        cur = cur.head
    return min(depth, 4)


def phrase_depth(tok: Token) -> int:
    """How many prepositional phrases an event noun sits inside before its clause's verb ("for questioning
    in an investigation" is two down): a noun buried in modifiers is rarely what the sentence reports."""
    n = 0
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        if cur.dep_ == "pobj":
            n += 1
        cur = cur.head
    return min(n, 3)


def _obligations(sent: Any, resolve: Resolver, pair_anaphor: Callable[[Token], list[Actor]]) -> list[Candidate]:
    """ "S said (that) X must/should do Y": S asks X to act, a REQUEST from the speaker to X."""
    out = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in tok.children
        ):
            continue
        if tok.dep_ != "ccomp" or tok.head.lemma_ not in lx.SPEECH_VERBS | {"conclude", "warn", "insist"}:
            continue
        speakers = [c for c in tok.head.children if c.dep_ == "nsubj"]
        addressees = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        src = _resolve_all(speakers, resolve, pair_anaphor)
        tgt = _resolve_all(addressees, resolve, pair_anaphor)
        neg = any(c.dep_ == "neg" for c in tok.head.children)
        conf = round(0.8 * 0.85 ** clause_depth(tok.head), 3)
        for speaker in src:  # "Britain, France and Germany said Iran must ...": each speaker asks
            if tgt and not _same(speaker, tgt[0]):
                out.append(
                    Candidate(
                        tok.head, Trigger("REQUEST", None), tok.head.text, speaker, tgt[0], neg, False, None, conf
                    )
                )
    return out


def _purpose_targets(cands: list[Candidate]) -> list[Candidate]:
    """An act done to obtain something is aimed at whoever is asked: "students staged demonstrations to demand
    reforms from the government" is a protest against the government. A one-sided event takes the target of
    the event in its purpose clause ("to demand ...") when both have the same source."""
    out = list(cands)
    for k, c in enumerate(cands):
        if c.target is not None or c.source is None:
            continue
        anchors = {c.trigger.i, c.trigger.head.i}
        for d in cands:
            if (
                d.target is not None
                and d.source is not None
                and _same(d.source, c.source)
                and d.trigger.dep_ in ("advcl", "xcomp", "acl")
                and d.trigger.head.i in anchors
                and d.trigger.i > c.trigger.i
            ):
                out[k] = Candidate(
                    c.trigger,
                    c.spec,
                    c.trigger_text,
                    c.source,
                    d.target,
                    c.negated,
                    c.hypothetical,
                    c.attributed_to,
                    round(min(c.confidence * 1.5, 0.99), 3),
                    c.derived,
                    c.extra_context,
                )
                break
    return out


#: Triggers whose complement is wanted, threatened or alleged, not done: "demanded that Israel ease ...".
EMBEDDING_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE", "REJECT"})


def _condition_subjects(tok: Token) -> list[Token]:
    """Subjects of an if/unless clause under the trigger or its complement."""
    out = []
    for head in [tok, *(c for c in tok.children if c.dep_ in ("xcomp", "ccomp"))]:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_OPENERS for m in c.children):
                out.extend(s for s in c.children if s.dep_ in ("nsubj", "nsubjpass"))
    return out


def _unasserted(cands: list[Candidate], trigger_specs: dict[int, Trigger]) -> list[Candidate]:
    """An event inside the complement of a request, threat or accusation did not (yet) happen: it is
    hypothetical and ranks below the embedding event."""
    out = []
    for c in cands:
        cur = c.trigger
        embedded = False
        for _ in range(4):
            if cur.head.i == cur.i or _beside(cur):
                break
            cur = cur.head
            spec = trigger_specs.get(cur.i)
            if spec is not None and spec.event_type in EMBEDDING_TYPES and cur.i != c.trigger.i:
                embedded = True
                break
        if embedded and not c.derived:
            c = Candidate(
                c.trigger,
                c.spec,
                c.trigger_text,
                c.source,
                c.target,
                c.negated,
                True,
                c.attributed_to,
                round(c.confidence * 0.7, 3),
            )
        elif c.trigger.pos_ == "NOUN" and c.trigger.head.i in trigger_specs and c.trigger.head.i != c.trigger.i:
            # an event noun that is the object of another event ("police dispersed the demonstration") is
            # an event too, but the clause reports the act done to it first
            c.confidence = round(c.confidence * 0.8, 3)
        out.append(c)
    return out


def _beside(tok: Token) -> bool:
    """A clause set beside its head rather than inside its content: "while China lashed out" (adverbial),
    "accusations rejected by Paris" (a reduced passive or relative clause on the noun), a coordinated clause
    with its own subject."""
    if tok.dep_ in ("advcl", "relcl", "parataxis"):
        return not any(m.dep_ == "mark" and m.lower_ in CONDITION_OPENERS for m in tok.children)
    if tok.dep_ == "conj":  # "..., and China lashed out": a clause of its own; "stop and leave": one content
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return tok.dep_ == "acl" and tok.tag_ == "VBN"


def _refine(spec: Trigger, sources: list[Actor]) -> Trigger:
    """Verbal support given by armed forces is material: "forces supported by Wagner fighters" is AID."""
    if spec.event_type == "SUPPORT" and sources and all(s.sector in ARMED_SECTORS for s in sources):
        return Trigger("AID", None, "military", spec.weight, spec.subject_is_target, spec.symmetric)
    return spec


def _resolve_all(tokens: list[Token], resolve: Resolver, pair_anaphor: Callable[[Token], list[Actor]]) -> list[Actor]:
    actors: list[Actor] = []
    seen: set[tuple[int, int, str | None]] = set()
    for tok in tokens:
        for t in with_conjuncts(tok) if tok.dep_ != "conj" else [tok]:
            found = pair_anaphor(t) or members(t, resolve, pair_anaphor) or resolve(t)
            for a in found:
                key = (a.start, a.end, a.code)
                if key not in seen and a.code:
                    seen.add(key)
                    actors.append(a)
    return actors


#: Sectors that act as the state itself: an event between two of them in one country is not a dyad.
STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"})


def _side(a: Actor) -> str | None:
    if a.sector in ("REB", "INS"):
        return "REB"
    return "STATE" if a.sector in STATE_SECTORS else a.sector


def _same(a: Actor, b: Actor) -> bool:
    """Same actor for dyad purposes: same code and same side (state organs vs. its rebels, citizens...)."""
    return a.code == b.code and _side(a) == _side(b)


def _derived_accusations(cands: list[Candidate], sent: Any) -> list[Candidate]:
    """A speaker who says Y aids a party they brand hostile is accusing Y (a claim, not a fact)."""
    out = []
    for c in cands:
        if c.attributed_to is None or c.source is None or c.negated:
            continue
        if c.spec.event_type not in ("AID", "SUPPORT", "COOPERATE"):
            continue
        if _same(c.attributed_to, c.source):
            continue
        target_words = _phrase_words(c.target, sent)
        if target_words & lx.HOSTILE_LABELS:
            out.append(
                Candidate(
                    c.trigger,
                    Trigger("ACCUSE", "allege"),
                    c.trigger_text,
                    c.attributed_to,
                    c.source,
                    False,
                    c.hypothetical,
                    c.attributed_to,
                    round(c.confidence * 0.8, 3),
                    derived=True,
                )
            )
    return out


def _phrase_words(actor: Actor | None, sent: Any) -> set[str]:
    """Lower-cased words of the noun phrase an actor mention heads (to see labels like "terrorist")."""
    if actor is None:
        return set()
    doc = sent.doc
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return set()
    words = {t.lower_ for t in span}
    head = span.root
    words |= {t.lower_ for t in head.subtree if t.i < head.i or t.i <= span.end}
    return words


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
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


def _dedupe_keep_one_sided(cands: list[Candidate]) -> list[Candidate]:
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
    if dyadic and any(not (c.hypothetical or c.negated) for c in dyadic):
        return dyadic
    # only unasserted dyads (wanted, threatened, refused): the asserted act of the clause stays too
    keep = dyadic + [c for c in one_sided if not c.hypothetical]
    if dyadic:
        return sorted(keep, key=lambda c: (c.trigger.i, c.spec.event_type, c.derived))
    return one_sided


def _clausal(tok: Token) -> bool:
    """A verb, or an event noun that is the object of its clause's verb ("staged demonstrations")."""
    if tok.pos_ in ("VERB", "AUX"):
        return True
    return tok.dep_ == "dobj" and tok.head.pos_ in ("VERB", "AUX")
