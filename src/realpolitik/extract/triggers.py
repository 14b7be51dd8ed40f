"""Which words of a sentence are event triggers, and what each means in its context.

Verbs from the lexicon (with particles, verb+object pairs and light verbs), event nouns (with their
modifier compounds), labels ("called it illegal") and halts ("suspended aid", "put the talks on hold").
A light verb gives way to its event-noun object ("hold talks"). The lexicon itself is data
(data/lexicon/); this module reads a parse against it."""

from __future__ import annotations

from typing import Any

from realpolitik.extract import lexicon as lx
from realpolitik.extract.candidate import COOPERATIVE
from realpolitik.extract.lexicon import Trigger

Token = Any
#: Acts whose announced intention is a threat.
HOSTILE_INTENTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
#: Verbs of avowed intention (a decision, "decided to expel", is the act itself, not a threat of it).
PROMISE_VERBS = frozenset({"vow", "pledge", "promise", "swear"})


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
    if lemma in PROMISE_VERBS:
        # "vowed to retaliate", "pledged to strike back": an intention of hostile action is a threat
        for c in tok.children:
            inner = lx.VERBS.get(c.lemma_.lower()) if c.dep_ == "xcomp" and c.pos_ == "VERB" else None
            if inner is not None and inner.event_type in HOSTILE_INTENTS:
                return tok, Trigger("THREATEN", None, inner.context), f"{tok.text} {c.text}"
    if lemma in lx.ATTEMPT_VERBS and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in tok.children):
        return None  # "seeks to deepen ties": the intended act is the event, coded from its own verb (stance_of)
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
                if spec is not None and spec.event_type in ("ASSAULT", "COERCE") and lemma in lx.RENEGE_VERBS:
                    # "ended the fighting", "vowed to end all hostilities": a halt to violence
                    consumed.update({o.i, n.i})
                    return tok, Trigger("RETREAT", "ceasefire", "military", symmetric=True), f"{tok.text} {o.text}"
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
