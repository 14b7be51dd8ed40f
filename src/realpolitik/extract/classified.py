"""The statistical event-type classifier beside the rules: it reweighs rule events by how probable it finds
their type, and types sentences where no lexicon trigger yields an event (its parties from the parse)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from realpolitik.extract import lexicon as lx
from realpolitik.extract.candidate import Candidate
from realpolitik.extract.events import candidates_for, dedupe, dedupe_keep_one_sided
from realpolitik.extract.lexicon import Trigger
from realpolitik.extract.stance import clause_depth
from realpolitik.model import Actor

Token = Any
Resolver = Callable[[Token], list[Actor]]


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
    if head is None or _idiom(head):
        return []  # no event head, or one the lexicon knows is no event ("share a border")
    spec = Trigger(label, None, None, round(0.6 * p, 3))
    cands = candidates_for(head, spec, head.text, resolve, pair_anaphor)
    dyadic = [c for c in cands if c.source is not None and c.target is not None]
    if dyadic:
        return dedupe(dyadic)
    if cands:
        return dedupe_keep_one_sided(cands)
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


def _idiom(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    objs = [c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return (lemma, "") in lx.IDIOMS or any((lemma, o) in lx.IDIOMS for o in objs)
