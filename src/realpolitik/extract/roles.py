"""Who acts on whom: source and target tokens of a trigger, from the dependency parse.

Verbs: the subject acts (the `by`-agent in the passive), objects and prepositional objects are
acted on; subjects missing from infinitives, coordinated verbs and participles are inherited from
the clause that controls them ("Bamako decided to break relations", "X's decision to break").
Event nouns: possessors, demonym adjectives and `by`/`of` phrases act ("Algeria's decision",
"Ukrainian support", "the visit of X"); `to`/`with`/`against`/`in` phrases are acted on; for
nouns that denote what is done *to* someone ("the defeat of X", "the arrest of X"), `of` marks
the target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from realpolitik.extract.lexicon import ACT_NOUN_PREPS, CONTROL_NOUNS, CONTROL_VERBS

Token = Any  # spacy.tokens.Token

TARGET_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "for", "in", "over")
NOUN_TARGET_PREPS = ("with", "to", "against", "on", "toward", "towards", "into", "upon", "in", "for", "at")
PATIENT_NOUNS = frozenset(
    {
        "defeat",
        "arrest",
        "release",
        "killing",
        "assassination",
        "kidnapping",
        "expulsion",
        "detention",
        "training",
        "invasion",
        "occupation",
        "annexation",
        "recognition",
        "condemnation",
        "criticism",
        "bombing",
        "shelling",
        "seizure",
        "praise",
        "blockade",
        "help",
        "support",
        "backing",
        "protection",
        "rescue",
    }
)
AGENT_NOUNS = frozenset(
    {
        "visit",
        "trip",
        "participation",
        "withdrawal",
        "signing",
        "mediation",
        "offer",
        "deployment",
        "mobilization",
        "mobilisation",
        "intervention",
        "interference",
        "cooperation",
        "delivery",
        "apology",
        "statement",
        "announcement",
        "decision",
    }
)
#: Nouns of travel whose `of` phrase is the traveller.
MOTION_NOUNS = frozenset({"visit", "trip", "tour", "journey", "mission"})
#: Nouns of taking part whose `in`/`at` phrase is the meeting attended.
ATTENDANCE_NOUNS = frozenset({"participation", "attendance", "presence", "appearance"})
MEETING_NOUNS = frozenset(
    {
        "conference",
        "summit",
        "forum",
        "meeting",
        "session",
        "talks",
        "congress",
        "assembly",
        "ceremony",
        "council",
        "dialogue",
        "negotiation",
    }
)
#: Nouns of a standing relation to the possessor ("Russia's ally", "Moscow's backers"): the one named by
#: the noun acts, the possessor is the other party.
RELATION_NOUNS = frozenset({"ally", "partner", "friend", "backer", "supporter", "patron", "protector"})
#: Verbs that name whom an act is laid on ("blamed X for the attacks", "X was accused of attacks").
BLAME_VERBS = frozenset({"blame", "accuse", "charge", "suspect", "hold", "fault", "condemn", "denounce"})
COALITION_NOUNS = frozenset({"coalition", "alliance", "bloc", "camp", "axis", "pact"})
#: Verbs of go-betweens, whose event is with each party of what they bring about.
MEDIATION_VERBS = frozenset({"broker", "mediate", "facilitate", "negotiate"})
#: Verbs whose passive form describes the subject's own stance or activity ("is opposed to", "was engaged in").
STATIVE_PASSIVES = frozenset({"oppose", "commit", "prepare", "determine", "engage", "involve", "dedicate", "resolve"})
#: Prepositions that put an event noun inside the subject's own activity.
ACTIVITY_PREPS = frozenset({"in", "during", "into"})
EXAMPLE_PREPS = frozenset({"as", "like", "including"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})


@dataclass
class Roles:
    """Candidate argument tokens; `pair` holds a symmetric pair ("between X and Y", "X and Y met")."""

    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    pair: list[Token] = field(default_factory=list)
    # alternatives tried in order when `sources` resolves to no actor
    source_groups: list[list[Token]] = field(default_factory=list)


def with_conjuncts(tok: Token) -> list[Token]:
    """X and Y and Z: the token and its coordinated siblings."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(with_conjuncts(c))
    return out


def act_parties(nouns: list[Token]) -> list[Token]:
    """The parties named by nouns of another party's claim, restriction or misdeed (`lexicon.ACT_NOUN_PREPS`):
    "demands from X", "a ban on X", "abuses by X" give X."""
    out: list[Token] = []
    for noun in nouns:
        lemma = noun.lemma_.lower()
        for words, preps in ACT_NOUN_PREPS:
            if lemma in words:
                out.extend(prep_objects(noun, preps))
    return out


def prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the given prepositions attached to `tok` ("cooperate with NATO" -> NATO)."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    out.extend(with_conjuncts(p))
    return out


def _relative_head(tok: Token) -> Token:
    """ "who"/"which" as a subject stands for the noun its clause modifies."""
    if tok.lower_ in RELATIVE_PRONOUNS:
        cur = tok.head
        while cur.dep_ not in ("relcl", "acl") and cur.head.i != cur.i:
            if cur.head.i == cur.i:
                break
            cur = cur.head
        if cur.dep_ in ("relcl", "acl"):
            return cur.head
    return tok


def subjects_of(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The acting subject(s) of a verb, inherited through control and coordination.

    Returns (tokens, passive): in a passive clause the tokens are the `by`-agents.
    """
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive and verb.lemma_ in STATIVE_PASSIVES and not prep_objects(verb, ("by",)):
        # "Israel is opposed to", "forces were engaged in": a state of the subject, not something done to it
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if subj:
            return with_conjuncts(_relative_head(subj[0])), False
    if passive:
        agents = prep_objects(verb, ("by",))
        return agents, True
    # a misparse can give a verb two subjects ("The desire ... extended: Chad expelled ..."): the one
    # nearest before the verb is its own
    subj = sorted(
        (c for c in verb.children if c.dep_ in ("nsubj", "expl")), key=lambda c: (c.i > verb.i, abs(verb.i - c.i))
    )
    if subj and subj[0].dep_ != "expl":
        s = _relative_head(subj[0])
        return with_conjuncts(s), False
    if depth > 4 or verb.head.i == verb.i:
        return [], False
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp") and head.head.i != head.i:
        head = head.head  # "Syria is willing to withdraw": the subject of the adjective's clause
    if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "ccomp" and head.lemma_ not in CONTROL_VERBS:
            return [], False
        return subjects_of(head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.tag_ == "VBN" and prep_objects(verb, ("by",)):  # "an agreement brokered by X": X acts
            return prep_objects(verb, ("by",)), True
        if head.lemma_ in CONTROL_NOUNS:
            return noun_agents(head), False
        if verb.tag_ == "VBN":  # "forces supported by X": reduced passive
            return prep_objects(verb, ("by",)), True
        return [head], False
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        objects = [c for c in head.head.children if c.dep_ == "dobj"]
        if head.lower_ in ("of", "for") and objects and head.head.pos_ in ("VERB", "AUX"):
            return with_conjuncts(objects[0]), False  # "accused Iran of sending weapons": Iran sends
        if head.head.pos_ in ("VERB", "AUX"):
            return subjects_of(head.head, depth + 1)
        return noun_agents(head.head), False
    return [], False


def noun_agent_groups(noun: Token) -> list[list[Token]]:
    """Who does what a noun denotes, as candidate groups in order of preference: possessor,
    `by`-phrase, a demonym-like modifier ("Ukrainian support"), and `of` for agent nouns ("the
    visit of X"). The caller takes the first group that resolves to an actor."""
    groups: list[list[Token]] = []
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss:
        groups.append(with_conjuncts(poss[0]))
    by = prep_objects(noun, ("by",))
    if not by and noun.lemma_ in PATIENT_NOUNS:
        # "the expulsion of French diplomats by Mali": the parser often hangs the agent on the patient
        by = [a for o in prep_objects(noun, ("of",)) for a in prep_objects(o, ("by",))]
    if by:
        groups.append(by)
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i]
    if mods:
        groups.append(mods)
    if noun.lemma_ not in PATIENT_NOUNS:
        of = prep_objects(noun, ("of",))
        if of:
            groups.append(of)
    return groups


def noun_agents(noun: Token) -> list[Token]:
    """The preferred agent tokens of an event noun (its first candidate group)."""
    groups = noun_agent_groups(noun)
    return groups[0] if groups else []


def verb_roles(verb: Token) -> Roles:
    roles = Roles()
    subjects, passive = subjects_of(verb)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN" and not passive:
        # "a declaration demanding ...": the noun's author acts (possessor, or the subject that issued it)
        roles.source_groups = [g for g in (noun_agents(verb.head), governing_agents(verb.head)) if g]
    if passive:
        roles.sources = subjects
        roles.targets = [t for c in verb.children if c.dep_ == "nsubjpass" for t in with_conjuncts(_relative_head(c))]
        # "weapons were sent to Mali", "a signal sent by Moscow to Morocco": the recipient of a passive
        roles.targets.extend(prep_objects(verb, ("to", "against", "with")))
        if verb.dep_ in ("acl",) and verb.tag_ == "VBN" and not roles.targets:
            roles.targets = [verb.head]
            if verb.lemma_ in MEDIATION_VERBS:
                # "an agreement brokered by the US": the mediator deals with the agreement's parties (those
                # who reach or accept it, or those it is between)
                roles.targets = prep_objects(verb.head, ("between", "with")) + governing_agents(verb.head)
    else:
        roles.sources = subjects
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
        for o in objs:
            roles.targets.extend(with_conjuncts(o))
        roles.targets.extend(prep_objects(verb, TARGET_PREPS))
        # "break relations with X", "provide training to X": the object's own prepositional phrases
        for o in objs:
            roles.targets.extend(prep_objects(o, ("with", "to", "between", "for", "against")))
        # "accepted demands from X", "imposed a ban on X", "bowed to pressure from X": the party the object
        # (or the verb's own prepositional object) says the act is about
        roles.targets.extend(act_parties(objs + prep_objects(verb, ("to",))))
    between = prep_objects(verb, ("between",))
    if between:
        roles.pair = between
    return roles


def noun_roles(noun: Token) -> Roles:
    if noun.lemma_.lower() in RELATION_NOUNS:
        return _relation_roles(noun)
    roles = Roles()
    groups = noun_agent_groups(noun)
    if noun.lemma_ in MOTION_NOUNS and not groups:
        # "the visit to Algiers of Admiral X": the parser often hangs the visitor's `of` on the destination
        for dest in prep_objects(noun, ("to",)):
            visitors = prep_objects(dest, ("of",))
            if visitors:
                groups.append(visitors)
    governing = governing_agents(noun)
    if governing:
        groups.append(governing)
    roles.sources = groups[0] if groups else []
    roles.source_groups = groups[1:]
    targets = prep_objects(noun, NOUN_TARGET_PREPS)
    if noun.lemma_ in ATTENDANCE_NOUNS and not prep_objects(noun, ("in", "at")):
        targets.extend(_detached_venue(noun))
    if noun.lemma_ in PATIENT_NOUNS:
        targets = prep_objects(noun, ("of",)) + targets
    # "the signing of a contract with X": the complement's own prepositional phrases
    for of in prep_objects(noun, ("of",)):
        targets.extend(prep_objects(of, ("with", "to", "against", "between")))
    roles.targets = targets
    between = prep_objects(noun, ("between",))
    if between:
        roles.pair = between
    return roles


def _relation_roles(noun: Token) -> Roles:
    """ "Orban, Russia's closest ally", "X is Moscow's main partner": the one the noun names stands in the
    relation to the possessor (or the `of`/`to`/`with` phrase); an `in` phrase is where, not with whom."""
    roles = Roles()
    others = [c for c in noun.children if c.dep_ == "poss"] + prep_objects(noun, ("of", "to", "with"))
    # "the key ally in a US-led coalition": membership of a coalition is a relation to it
    others += [o for o in prep_objects(noun, ("in", "within")) if o.lemma_.lower() in COALITION_NOUNS]
    if noun.dep_ == "appos":
        roles.sources = [noun.head]
    elif noun.dep_ in ("attr", "oprd") and noun.head.pos_ in ("VERB", "AUX"):
        roles.sources = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in ("attr", "oprd"):
        # "Pyongyang has become one of Moscow's biggest backers"
        verb = noun.head.head.head
        roles.sources = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    roles.targets = [t for o in others for t in with_conjuncts(o)]
    return roles


def _detached_venue(noun: Token) -> list[Token]:
    """`in`/`at` + a meeting noun after an attendance noun, attached by the parser to a verb above it
    ("as evidenced by the participation of X in the conference": `in` hangs on the main verb)."""
    ancestors = {a.i for a in noun.ancestors}
    out: list[Token] = []
    for tok in noun.doc[noun.i + 1 : noun.sent.end]:
        if tok.dep_ == "prep" and tok.lower_ in ("in", "at") and tok.head.i in ancestors:
            out.extend(o for o in tok.children if o.dep_ == "pobj" and o.lemma_.lower() in MEETING_NOUNS)
            if out:
                break
    return out


def governing_agents(noun: Token) -> list[Token]:
    """An agentless event noun takes the agent of the clause or noun it belongs to.

    "Russia launched an attack" (object of a verb), "Algeria is a customer of" (attribute),
    "X's initiatives, such as the signing of" (apposition / example of a possessed noun).
    """
    cur = noun
    for _ in range(4):
        head = cur.head
        if head.i == cur.i:
            return []
        if cur.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
            subj, passive = subjects_of(head)
            return [] if passive else subj
        if cur.dep_ in ("pobj",) and head.dep_ == "prep":
            verb = head.head
            if head.lower_ in ("for", "of") and verb.lemma_ in BLAME_VERBS:
                # "the RSF were blamed for attacks on Port Sudan", "Iran is accused of attacks": the one blamed
                blamed = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
                if blamed:
                    return with_conjuncts(blamed[0])
            if head.lower_ in EXAMPLE_PREPS and head.head.pos_ in ("VERB", "AUX"):
                # "X's initiatives are ..., such as the signing": the example belongs to the clause subject
                return _clause_subject_owner(head.head)
            if head.lower_ in ACTIVITY_PREPS and head.head.pos_ in ("VERB", "AUX"):
                # "forces were engaged in ethnic cleansing", "youths threw stones during demonstrations"
                subj, passive = subjects_of(head.head)
                return [] if passive else subj
            cur = head.head
            if cur.pos_ in ("NOUN", "PROPN"):
                agents = [c for c in cur.children if c.dep_ == "poss"]
                if agents:
                    return agents
            continue
        if cur.dep_ in ("appos", "conj"):
            cur = head
            agents = [c for c in cur.children if c.dep_ == "poss"]
            if agents:
                return agents
            continue
        return []
    return []


def _clause_subject_owner(verb: Token) -> list[Token]:
    """The possessor of the clause's subject, or the subject itself, climbing xcomp/ccomp chains."""
    cur = verb
    for _ in range(4):
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            poss = [c for c in subj[0].children if c.dep_ == "poss"]
            return poss or subj
        if cur.head.i == cur.i:
            return []
        cur = cur.head
    return []
