"""Whether a trigger reports an act, announces one or asks for one: the stance of its clause.

A statement of intent to cooperate is AGREE, an announced hostile act is THREATEN, a refusal to cooperate
is REJECT; an event inside the complement of a request, threat or accusation did not (yet) happen; deeper
clauses and buried event nouns rank lower. Read from auxiliaries, governors and clause structure."""

from __future__ import annotations

from typing import Any

from realpolitik.extract import lexicon as lx
from realpolitik.extract.candidate import CONDITION_OPENERS, COOPERATIVE, Candidate
from realpolitik.extract.lexicon import Trigger
from realpolitik.extract.modality import CONDITIONAL_MARKS

Token = Any


FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})


OBLIGATION_AUX = frozenset({"must", "should"})


#: Adjectives of readiness whose complement is an announced intention ("ready to send troops").
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "determined", "eager", "keen", "set"})


#: Verbs whose complement is an intention, coded by the verb itself ("agreed to", "refused to", "threatened to").
EMBEDDING_VERBS = lx.INTENT_VERBS | {"refuse", "decline", "threaten", "fail", "reject", "vow"}


REFUSAL_VERBS = frozenset({"refuse", "decline", "fail", "reject", "renege", "balk"})


HOSTILE_ACTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})


MODALS_POSSIBLE = frozenset({"would", "could", "might", "may", "can"})


#: The least trigger weight whose announced future act is coded as a promise (AGREE).
PROMISE_MIN_WEIGHT = 0.4


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


def stance_of(tok: Token, spec: Trigger, negated: bool, hypothetical: bool) -> tuple[Trigger, bool, bool]:
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


#: Triggers whose complement is wanted, threatened or alleged, not done: "demanded that Israel ease ...".
EMBEDDING_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE", "REJECT"})


def condition_subjects(tok: Token) -> list[Token]:
    """Subjects of an if/unless clause under the trigger or its complement."""
    out: list[Token] = []
    for head in [tok, *(c for c in tok.children if c.dep_ in ("xcomp", "ccomp"))]:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_OPENERS for m in c.children):
                out.extend(s for s in c.children if s.dep_ in ("nsubj", "nsubjpass"))
    return out


def unasserted(cands: list[Candidate], trigger_specs: dict[int, Trigger]) -> list[Candidate]:
    """An event inside the complement of a request, threat or accusation did not (yet) happen: it is
    hypothetical and ranks below the embedding event."""
    out = []
    for c in cands:
        cur = c.trigger
        embedded = False
        for _ in range(4):
            if cur.head.i == cur.i or _beside(cur):
                break
            coordinate = cur.dep_ == "conj"  # "denied the claim and called it ...": a second act, not content
            cur = cur.head
            if coordinate:
                continue
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
