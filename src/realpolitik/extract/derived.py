"""Events a sentence implies beside those its triggers name.

"S said X must do Y" is S asking X (REQUEST); an act done to obtain something is aimed at whoever is asked
("protested to demand reforms from the government"); a speaker who says Y aids a party they brand hostile
is accusing Y."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from realpolitik.extract import lexicon as lx
from realpolitik.extract.candidate import Candidate, same_party
from realpolitik.extract.lexicon import Trigger
from realpolitik.extract.parties import resolve_all
from realpolitik.extract.stance import OBLIGATION_AUX, clause_depth
from realpolitik.model import Actor

Token = Any
Resolver = Callable[[Token], list[Actor]]


def obligations(sent: Any, resolve: Resolver, pair_anaphor: Callable[[Token], list[Actor]]) -> list[Candidate]:
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
        src = resolve_all(speakers, resolve, pair_anaphor)
        tgt = resolve_all(addressees, resolve, pair_anaphor)
        neg = any(c.dep_ == "neg" for c in tok.head.children)
        conf = round(0.8 * 0.85 ** clause_depth(tok.head), 3)
        for speaker in src:  # "Britain, France and Germany said Iran must ...": each speaker asks
            if tgt and not same_party(speaker, tgt[0]):
                out.append(
                    Candidate(
                        tok.head, Trigger("REQUEST", None), tok.head.text, speaker, tgt[0], neg, False, None, conf
                    )
                )
    return out


def purpose_targets(cands: list[Candidate]) -> list[Candidate]:
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
                and same_party(d.source, c.source)
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


#: Acts a government that reports them is alleging against their author.
ALLEGED_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "REJECT"})


def derived_accusations(cands: list[Candidate], sent: Any) -> list[Candidate]:
    """A speaker who says Y aids a party they brand hostile is accusing Y (a claim, not a fact); a government
    that says Y attacked, coerced, threatened or spurned someone is accusing Y."""
    out = []
    for c in cands:
        if c.attributed_to is None or c.source is None or c.negated:
            continue
        if same_party(c.attributed_to, c.source) or c.attributed_to.code is None:
            continue
        # a state or organisation that says Y attacked, coerced or spurned someone is accusing Y
        alleged_hostility = (
            c.spec.event_type in ALLEGED_TYPES
            and _told_directly(c.trigger)
            and c.attributed_to.sector in (None, "GOV", "MIL", "LEG", "JUD", "SPY")
            and (c.attributed_to.country is None or c.attributed_to.code == c.attributed_to.country)
        )
        if c.spec.event_type not in ("AID", "SUPPORT", "COOPERATE") and not alleged_hostility:
            continue
        target_words = _phrase_words(c.target, sent)
        if alleged_hostility or target_words & lx.HOSTILE_LABELS:
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
                    round(c.confidence * (0.5 if alleged_hostility else 0.8), 3),  # ranks below the act told
                    derived=True,
                )
            )
    return out


def _told_directly(tok: Token) -> bool:
    """The act is what the speaker says happened ("Britain said the rebels attacked"; "according to X, the
    army shelled"), not a purpose or plan inside another act ("said the US agreed to act to prevent ...")."""
    cur = tok
    for _ in range(6):  # an event noun: up to the verb of its clause
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        if cur.dep_ not in ("dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr", "appos", "conj", "compound"):
            return False
        cur = cur.head
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.head.i == cur.i:
        return True  # the sentence's own act, attributed ("according to ...", "..., X said")
    return cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_ in lx.SPEECH_VERBS


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
