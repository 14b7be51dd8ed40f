"""Whether an event happened: negation, hypotheticals (future, conditional, questions, modals)
and attribution (whose claim it is).

These read the dependency parse around the trigger: a `neg` child or a "no" determiner negates;
modal auxiliaries, "if"-clauses and questions make an event hypothetical; "according to X" and
speech verbs ("X said that ...") attribute it to X.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from realpolitik.extract.lexicon import SPEECH_VERBS

Token = Any  # spacy.tokens.Token

MODALS = frozenset({"will", "would", "could", "might", "may", "should", "shall", "can", "must", "'ll", "wo"})
HEDGE_ADVERBS = frozenset({"perhaps", "maybe", "possibly", "probably", "reportedly", "allegedly", "supposedly"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})


def governing_chain(tok: Token, limit: int = 6) -> Iterator[Token]:
    """The token and the heads above it, stopping at the sentence root."""
    cur = tok
    for _ in range(limit):
        yield cur
        if cur.head.i == cur.i:
            return
        cur = cur.head


def is_negated(trigger: Token) -> bool:
    """`not`/`never` on the trigger or on the verb that governs a nominal trigger; "no X"; "in no way"."""
    for t in _clause_heads(trigger):
        for c in t.children:
            if c.dep_ == "neg":
                return True
            if c.dep_ == "det" and c.lower_ in ("no", "neither"):
                return True
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:
                    if p.lower_ == "way" and any(d.lower_ == "no" for d in p.children):
                        return True
    # "has yet to give", "is yet to sign": not done so far
    if (
        trigger.dep_ == "xcomp"
        and trigger.head.lemma_ in ("have", "be")
        and any(c.lower_ == "yet" for c in [*trigger.head.children, *trigger.children])
    ):
        return True
    # "no alliance ... exists": the negated determiner sits on the subject of the existential verb
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_ in ("exist", "be"):
        return any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children)
    return False


def _clause_heads(trigger: Token) -> list[Token]:
    """The trigger, and for nominal triggers the verb (and control verbs) that carry the clause."""
    heads = [trigger]
    cur = trigger
    for _ in range(3):
        if cur.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "xcomp", "acl", "conj") and cur.head.i != cur.i:
            cur = cur.head
            if cur.dep_ == "prep":
                cur = cur.head
            heads.append(cur)
            if cur.pos_ in ("VERB", "AUX"):
                break
        else:
            break
    return heads


def is_hypothetical(trigger: Token) -> bool:
    """Modal or future auxiliary, an if-clause, a hedge adverb, or a question."""
    sent = trigger.sent
    if sent.text.rstrip().rstrip("»”\"' ").endswith("?"):
        return True
    for t in _clause_heads(trigger):
        for c in t.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
                return True
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                return True
            if c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS:
                return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in t.children):
            return True
    # "going to", "have to" + verb: future/obligation
    head = trigger.head
    return bool(
        trigger.dep_ == "xcomp"
        and head.lemma_ in ("go", "have")
        and any(c.dep_ in ("aux",) and c.lower_ in MODALS for c in head.children)
    )


def attribution_token(trigger: Token) -> Token | None:
    """The token naming whose claim the event is: "according to X", or the subject of a speech verb above it."""
    sent = trigger.sent
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    for t in governing_chain(trigger):
        if t is trigger:
            continue
        if t.lemma_ in SPEECH_VERBS and t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.tag_ in ("WP", "WDT") and t.dep_ == "relcl":
                return t.head
            return subj
    return None
