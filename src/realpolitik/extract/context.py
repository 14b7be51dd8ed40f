"""The partner named elsewhere: what a document has already said fills a role its sentence leaves open.

News states a quarrel once and then tells its steps without repeating the other party ("Sudan cut ties
with the UAE ... The UAE denied the allegations ... It recalled its envoy"). A one-sided event whose source
is known takes as target the party the document is about with that source: a state or organisation named
in the same sentence, else the one the document has named most (ties to the latest named). The record's
confidence is lowered so that a reader can tell an event read whole from one completed from context.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from realpolitik.extract.events import locative_spans
from realpolitik.extract.igos import igo_codes
from realpolitik.extract.lexicon import DESCRIPTION_NOUNS, GOVERNMENT_NOUNS, ORG_DESCRIPTION_NOUNS
from realpolitik.model import Actor

if TYPE_CHECKING:
    from realpolitik.extract.candidate import Candidate

#: Sectors of actors that stand for a state or an organisation as a party to relations.
PARTY_SECTORS = frozenset({None, "GOV", "MIL", "IGO", "LEG", "JUD", "SPY", "ELI", "REB", "INS"})
#: Forces referred to by a bare definite noun, with their sector ("the army" of the story's state).
FORCE_NOUNS = {"army": "MIL", "military": "MIL", "navy": "MIL", "police": "COP", "junta": "GOV"}
#: How many sentences back a party still counts as part of the story's current thread.
RECENT_SENTENCES = 3
#: Confidence factor of an event whose target comes from context.
CONTEXT_CONFIDENCE = 0.6


def _party_key(actor: Actor) -> str | None:
    """The code an actor counts under as a party to relations: a state (and its organs), a named armed
    group of a country, or an international organisation. Places, firms and unknown bodies are not."""
    if not actor.code or actor.sector not in PARTY_SECTORS:
        return None
    if actor.country is not None:
        return actor.code if actor.code == actor.country or actor.sector in ("REB", "INS") else None
    return actor.code if actor.code in igo_codes() else None


def _state_like(actor: Actor) -> bool:
    """A state (or one of its organs) or an international organisation, as opposed to a non-state group."""
    return actor.sector not in ("REB", "INS") and (actor.country is None or actor.code == actor.country)


@dataclass
class Salience:
    """How often and how lately each party has been named in the document read so far."""

    counts: dict[str, int] = field(default_factory=dict)
    last_seen: dict[str, int] = field(default_factory=dict)
    last_sentence: dict[str, int] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    clock: int = 0
    sentence: int = 0

    def note(self, actor: Actor) -> None:
        key = _party_key(actor)
        if key is None:
            return
        self.clock += 1
        self.counts[key] = self.counts.get(key, 0) + 1
        self.last_seen[key] = self.clock
        self.last_sentence[key] = self.sentence
        self.actors[key] = actor

    def next_sentence(self) -> None:
        self.sentence += 1

    def recent(self, key: str) -> bool:
        """Named in the last few sentences: the story's thread, which a one-sided event most often continues."""
        return self.sentence - self.last_sentence.get(key, -RECENT_SENTENCES - 1) <= RECENT_SENTENCES

    def recent_state(self, exclude: set[str]) -> Actor | None:
        """The state named last (before the sentence being read), skipping `exclude`: what "the country",
        "the kingdom" or "the junta" refers back to."""
        states = [k for k, a in self.actors.items() if a.code == a.country and a.sector not in ("REB", "INS")]
        states = [k for k in states if k not in exclude]
        return self.actors[max(states, key=lambda k: self.last_seen[k])] if states else None

    def main_state(self, exclude: set[str]) -> Actor | None:
        """The state the document has named most so far (ties to the latest), skipping `exclude`."""
        states = [k for k, a in self.actors.items() if a.code == a.country and a.sector not in ("REB", "INS")]
        states = [k for k in states if k not in exclude]
        return self.actors[max(states, key=lambda k: (self.counts[k], self.last_seen[k]))] if states else None

    def recent_igo(self) -> Actor | None:
        """The international organisation named last: what "the bloc" or "the Council" refers back to."""
        igos = [k for k, a in self.actors.items() if a.country is None]
        return self.actors[max(igos, key=lambda k: self.last_seen[k])] if igos else None

    def main_parties(self, source: Actor, exclude: set[str]) -> list[Actor]:
        """The two parties the document has named most (other than `source`): the sides of its story."""
        own = {source.code, source.country} - {None}
        keys = [k for k in self.counts if k not in own | exclude and self.actors[k].country not in own]
        keys.sort(key=lambda k: (-self.counts[k], -self.last_seen[k]))
        return [self.actors[k] for k in keys[:2]]

    def partner(self, source: Actor, in_sentence: list[Actor], exclude: set[str]) -> Actor | None:
        """The party a one-sided event of `source` is most likely aimed at, or None."""
        own = {source.code, source.country} - {None}
        skip = own | exclude

        def usable(a: Actor) -> bool:
            key = _party_key(a)
            return key is not None and key not in skip and (a.country is None or a.country not in own)

        near = [a for a in in_sentence if usable(a)]
        if near:
            return near[0]
        # a state deals first with states and organisations, an armed group with whomever it fights
        state_like = _state_like(source)
        ranked = sorted(
            (k for k in self.counts if usable(self.actors[k])),
            key=lambda k: (
                state_like and not _state_like(self.actors[k]),
                not self.recent(k),
                -self.counts[k],
                -self.last_seen[k],
            ),
        )
        return self.actors[ranked[0]] if ranked else None


def complete_from_context(cands: list[Candidate], in_sentence: list[Actor], salience: Salience) -> list[Candidate]:
    """Candidates with a source and no target take the document's partner of that source as target."""
    out: list[Candidate] = []
    seen: set[tuple[str | None, str | None, str, bool, bool]] = set()
    co_sources: dict[int, set[str]] = {}
    for c in cands:  # parties acting together ("the US and Britain struck") are not each other's target
        if c.source is not None and c.source.code:
            co_sources.setdefault(c.trigger.i, set()).add(c.source.code)
    for c in cands:
        if c.source is not None and c.target is None and not c.derived:
            exclude = set(co_sources.get(c.trigger.i, set()))
            if c.attributed_to is not None and c.attributed_to.code:
                exclude.add(c.attributed_to.code)
            inner = _content_spans(c.trigger)
            if c.spec.event_type == "CONSULT" and c.source.country is None:
                inner += locative_spans(c.trigger, [])  # an organisation's meeting place is not its partner
            others = [
                a
                for a in in_sentence
                if not (a.start >= c.source.start and a.end <= c.source.end)
                and not any(lo <= a.start < hi for lo, hi in inner)
            ]
            if c.spec.mode == "third-party":
                # a go-between ("chairs the talks", "offered to mediate") deals with both sides of the story
                sides = salience.main_parties(c.source, exclude)
                for side in sides[:-1]:
                    conf = round(c.confidence * CONTEXT_CONFIDENCE, 3)
                    out.append(replace(c, target=side, confidence=conf))
                    seen.add((c.source.code, side.code, c.spec.event_type, c.negated, c.hypothetical))
                partner = sides[-1] if sides else None
            else:
                partner = salience.partner(c.source, others, exclude)
            if partner is not None:
                c = replace(c, target=partner, confidence=round(c.confidence * CONTEXT_CONFIDENCE, 3))
        key = (
            c.source.code if c.source else None,
            c.target.code if c.target else None,
            c.spec.event_type,
            c.negated,
            c.hypothetical,
        )
        if key in seen and c.target is not None:
            continue
        seen.add(key)
        out.append(c)
    return out


def description(tok: Any, in_sentence: list[Actor], salience: Salience) -> Actor | None:
    """A state referred to by a definite description ("the central African country", "the junta", "the
    kingdom"): the state named last before this sentence, other than those the sentence names itself; an
    organisation so referred to ("the bloc", "the Council"): the organisation named last."""
    lemma = tok.lemma_.lower()
    if lemma in FORCE_NOUNS and tok.tag_ in ("NN", "NNS", "NNP") and _bare_definite(tok):
        # "the army", "the police" of a story: the forces of the state it is mostly about
        home = salience.main_state(set())
        if home is not None:
            return Actor(tok.text, tok.idx, tok.idx + len(tok.text), home.code, home.country, FORCE_NOUNS[lemma])
        return None
    if lemma in ORG_DESCRIPTION_NOUNS and tok.tag_ in ("NN", "NNP") and _bare_definite(tok):
        igo = salience.recent_igo()
        return Actor(tok.text, tok.idx, tok.idx + len(tok.text), igo.code, None, igo.sector) if igo else None
    if lemma not in DESCRIPTION_NOUNS or tok.pos_ != "NOUN" or tok.tag_ not in ("NN", "NNP"):
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
        return None
    if any(c.dep_ in ("poss", "prep", "compound") for c in tok.children if c.i < tok.i or c.lower_ == "of"):
        return None  # "Russia's government", "the government of Mali", "the Sahel country of" are named
    # named earlier in the same sentence ("Taiwan said ... the government can defend itself"), else before
    # it; a state named after the description in its sentence is another party ("the country ended ties
    # with ..., and French troops left")
    before = [a for a in in_sentence if a.end <= tok.idx and a.code and a.code == a.country and a.sector != "REB"]
    later = {a.code for a in in_sentence if a.start > tok.idx and a.code}
    state = before[-1] if before else salience.recent_state(later)
    if state is None:
        return None
    sector = "GOV" if lemma in GOVERNMENT_NOUNS else None
    return Actor(tok.text, tok.idx, tok.idx + len(tok.text), state.code, state.country, sector)


def _bare_definite(tok: Any) -> bool:
    """ "the Council", "the bloc": a definite noun with no name of its own before it."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
        return False
    return not any(c.dep_ in ("poss", "compound", "nmod") or c.pos_ == "PROPN" for c in tok.children if c.i < tok.i)


def _content_spans(trigger: Any) -> list[tuple[int, int]]:
    """Character spans of what the trigger says, denies or reports ("denied allegations that it backs the
    RSF"): the parties named there are the content, not the one the act is aimed at."""
    heads = [c for c in trigger.children if c.dep_ == "ccomp"]
    for o in trigger.children:
        if o.dep_ in ("dobj", "nsubjpass"):
            heads += [c for c in o.children if c.dep_ in ("acl", "relcl", "ccomp")]
    spans = []
    for h in heads:
        toks = list(h.subtree)
        spans.append((toks[0].idx, toks[-1].idx + len(toks[-1].text)))
    return spans
