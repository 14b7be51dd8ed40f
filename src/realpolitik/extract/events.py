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
from realpolitik.extract.modality import attribution_token, is_hypothetical, is_negated
from realpolitik.extract.roles import Roles, noun_roles, verb_roles, with_conjuncts
from realpolitik.model import Actor

Token = Any
Resolver = Callable[[Token], list[Actor]]

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
            found.append((tok, lx.NOUNS[lemma], tok.text))
    return [f for f in found if f[0].i not in consumed or f[1].event_type]


def _verb_trigger(tok: Token, lemma: str, consumed: set[int]) -> tuple[Token, Trigger, str] | None:
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    prts = [c for c in tok.children if c.dep_ == "prt"]
    preps = [c for c in tok.children if c.dep_ == "prep"]
    for o in objs:
        combo = lx.VERB_OBJECT.get((lemma, o.lemma_.lower()))
        if combo is not None:
            consumed.add(o.i)
            return tok, combo, f"{tok.text} {o.text}"
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


def _roles_for(trigger: Token) -> Roles:
    if trigger.pos_ in ("VERB", "AUX") or trigger.tag_ == "VBG":
        roles = verb_roles(trigger)
        # intent verb + embedded event verb: targets of the embedded verb count for the intent verb
        for c in trigger.children:
            if c.dep_ == "xcomp" and trigger.lemma_ in lx.INTENT_VERBS:
                roles.targets.extend(verb_roles(c).targets)
        return roles
    return noun_roles(trigger)


def code_sentence(
    sent: Any,
    resolve: Resolver,
    pair_anaphor: Callable[[Token], list[Actor]],
) -> list[Candidate]:
    """All event candidates of one parsed sentence."""
    out: list[Candidate] = []
    triggers = find_triggers(sent)
    embedded_by_intent = {
        c.i
        for tok, _spec, _t in triggers
        if tok.lemma_ in lx.INTENT_VERBS and tok.pos_ == "VERB"
        for c in tok.children
        if c.dep_ == "xcomp"
    }
    for tok, spec, text in triggers:
        if tok.i in embedded_by_intent:
            continue
        roles = _roles_for(tok)
        sources = _resolve_all(roles.sources, resolve, pair_anaphor)
        targets = _resolve_all(roles.targets, resolve, pair_anaphor)
        pair = _resolve_all(roles.pair, resolve, pair_anaphor)
        if spec.subject_is_target:
            recipients = sources
            givers = _resolve_all(_from_objects(tok), resolve, pair_anaphor)
            if tok.pos_ == "NOUN":  # "Algeria is a customer of Russia": the of-phrase sells
                givers = givers or [a for a in targets]
                targets = []
            sources, targets = givers, recipients or targets
        # "the two countries are linked", "X and Y met": a symmetric pair among the sources
        if not targets and spec.symmetric and len(sources) >= 2:
            pair = sources
            sources = []
        if pair and len(pair) >= 2 and not (sources and targets):
            sources, targets = [pair[0]], [pair[1]]
        elif pair and sources and not targets:
            targets = [a for a in pair if not _same(a, sources[0])]
        if not sources and not targets:
            continue
        negated = is_negated(tok)
        hypothetical = is_hypothetical(tok)
        attr_tok = attribution_token(tok)
        attributed = None
        if attr_tok is not None:
            res = resolve(attr_tok) or pair_anaphor(attr_tok)
            attributed = res[0] if res else None
        if not sources and attributed is not None:
            sources = [attributed]
        for s in sources or [None]:
            for t in targets or [None]:
                if s is not None and t is not None and _same(s, t):
                    continue
                if s is None and t is None:
                    continue
                conf = spec.weight * (0.9 if (s is not None and t is not None) else 0.45)
                out.append(
                    Candidate(tok, spec, text, s, t, negated, hypothetical, attributed, round(min(conf, 0.99), 3))
                )
    out.extend(_derived_accusations(out, sent))
    return _dedupe(out)


def _from_objects(tok: Token) -> list[Token]:
    from realpolitik.extract.roles import prep_objects

    return prep_objects(tok, ("from",))


def _resolve_all(tokens: list[Token], resolve: Resolver, pair_anaphor: Callable[[Token], list[Actor]]) -> list[Actor]:
    actors: list[Actor] = []
    seen: set[tuple[int, int]] = set()
    for tok in tokens:
        for t in with_conjuncts(tok) if tok.dep_ != "conj" else [tok]:
            found = pair_anaphor(t) or resolve(t)
            for a in found:
                key = (a.start, a.end)
                if key not in seen and a.code:
                    seen.add(key)
                    actors.append(a)
    return actors


def _same(a: Actor, b: Actor) -> bool:
    return a.code == b.code and (a.sector == "REB") == (b.sector == "REB")


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
            c.trigger.i,
            c.spec.event_type,
            c.source.code if c.source else None,
            c.source.start if c.source else None,
            c.target.code if c.target else None,
            c.target.start if c.target else None,
            c.derived,
        )
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: (c.trigger.i, c.spec.event_type, c.derived))
