"""What a document's words refer back to: pronouns ("he", "it", "they"), pairs ("the two sides", "both
countries") and the memory of the document that resolves them (recent states and parties, the last
sentence's subject, unnamed rebels' country).

Why a module of its own: reference is read across sentences, while the rest of the coder reads one
sentence at a time; keeping it apart keeps `document.py` about coding and `events.py` about one sentence.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from realpolitik.extract.lexicon import SPEECH_VERBS
from realpolitik.extract.roles import with_conjuncts
from realpolitik.model import Actor

REBEL_SECTORS = frozenset({"REB", "INS"})


class DocState:
    """What the coder remembers while reading a document: recent states (for "the two
    countries"), the country of the last unnamed rebels, and state counts."""

    def __init__(self) -> None:
        self.rebel_country: str | None = None
        self.state_counts: Counter[str] = Counter()
        self.last_forces: str | None = None
        self.fought_forces: str | None = None  # the state whose forces an unnamed enemy last fought
        self.last_rebel: Actor | None = None  # its mention stands for it where a sentence only implies it
        # the subject of the sentence before, and whether it is a person: what "he"/"it" at the start of the
        # next sentence most often refers to ("Pashinyan said ... He is due to meet Aliyev")
        self.last_subject: tuple[Actor, bool] | None = None
        self.recent_parties: list[tuple[str, Actor]] = []
        self.party_counts: Counter[str] = Counter()

    def note(self, actor: Actor) -> None:
        if actor.sector in REBEL_SECTORS and actor.country and actor.code == actor.country:
            self.last_rebel = actor
        if actor.sector == "MIL" and actor.code and actor.code == actor.country:
            self.last_forces = actor.code
        if actor.code and actor.country == actor.code and actor.sector not in REBEL_SECTORS:
            self.state_counts[actor.code] += 1
        if actor.code and (actor.code == actor.country or actor.country is None or actor.sector in REBEL_SECTORS):
            # parties to a conflict or a deal: states, named armed groups, organisations ("both sides")
            key = actor.code + (":REB" if actor.sector in REBEL_SECTORS and actor.code == actor.country else "")
            self.recent_parties = [(k, a) for k, a in self.recent_parties if k != key] + [(key, actor)]
            self.party_counts[actor.code] += 1

    @property
    def recent_states(self) -> list[Actor]:
        """The states among the recent parties (a state's organs count for it), the latest last."""
        return [a for _k, a in self.recent_parties if a.code == a.country and a.sector not in REBEL_SECTORS]

    def last_two_states(self) -> list[Actor]:
        return self.recent_states[-2:] if len(self.recent_states) >= 2 else []


PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "its", "their", "his", "her"})


PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})


THING_PRONOUNS = frozenset({"it", "its"})


#: How many of the parties named last "the two sides" is chosen from.
PAIR_WINDOW = 4


#: Pair nouns that can only mean two states.
STATE_PAIR_NOUNS = frozenset({"country", "nation", "state", "capital", "neighbour", "neighbor", "government"})


def antecedent(pron: Any, resolve: Any) -> list[Actor]:
    """A pronoun subject of a reported clause is the reporter ("Gbagbo announced that he will ..."); else
    the nearest actor named before it in the same sentence."""
    cur = pron.head
    for _ in range(4):
        if cur.lemma_ in SPEECH_VERBS and cur.pos_ in ("VERB", "AUX"):
            subj = [c for c in cur.children if c.dep_ == "nsubj" and c.i != pron.i and c.pos_ != "PRON"]
            if subj:  # "Chad, Niger and Togo said they would ...": each of them
                return (
                    [a for t in with_conjuncts(subj[0]) for a in resolve(t)]
                    if pron.lower_ == "they"
                    else resolve(subj[0])
                )
        if cur.head.i == cur.i:
            break
        cur = cur.head
    for tok in reversed(list(pron.sent.doc[pron.sent.start : pron.i])):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("PROPN", "NOUN"):
            found = resolve(tok)
            if found:
                return found
    return []


def subject_codes(tok: Any, mentions: list[Actor]) -> set[str]:
    """Codes of the parties named as the subject of the clause a word is the object of ("Russia urged the
    two sides": Russia)."""
    verb = tok
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    spans: list[tuple[int, int]] = []
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        # the subject phrase without its clauses ("Russia, which keeps a base in Armenia,": Russia)
        aside = {w.i for c in subj.children if c.dep_ in ("relcl", "acl", "appos") for w in c.subtree}
        spans.extend((w.idx, w.idx + len(w.text)) for w in subj.subtree if w.i not in aside)
    return {a.code for a in mentions if a.code and any(lo <= a.start < hi for lo, hi in spans)}


def main_two(pool: list[Actor], state: DocState) -> list[Actor]:
    """The pair "the two sides" means: of the last few parties named, the two the story has named most
    (a mediator named in between does not displace the parties), in the order they were named."""
    recent = pool[-PAIR_WINDOW:]
    if len(recent) < 2:
        return []
    ranked = sorted(range(len(recent)), key=lambda i: (-state.party_counts.get(recent[i].code or "", 0), -i))
    return [recent[i] for i in sorted(ranked[:2])]


def previous_subject(pron: Any, state: DocState) -> list[Actor]:
    """A subject pronoun opening a sentence with no antecedent in it stands for the previous sentence's
    subject when they agree: "he"/"she" for a person, "it" for a state or organisation."""
    if state.last_subject is None or pron.dep_ not in ("nsubj", "nsubjpass"):
        return []
    # only the sentence's first subject continues the one before ("He is due to ..."); a pronoun later in
    # the sentence refers inside it
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in pron.sent if t.i < pron.i):
        return []
    actor, person = state.last_subject
    word = pron.lower_
    if (word in PERSON_PRONOUNS and not person) or (word in THING_PRONOUNS and person):
        return []
    return [Actor(pron.text, pron.idx, pron.idx + len(pron.text), actor.code, actor.country, actor.sector)]
