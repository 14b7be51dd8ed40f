"""An event read from a sentence before dates and ids are attached, and what makes two parties one.

Shared by the sentence coder's steps (triggers, roles, stance, derived events), so that each of them can
live in a module of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from realpolitik.extract.lexicon import Trigger
from realpolitik.model import Actor

Token = Any


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


#: Sectors that act as the state itself: an event between two of them in one country is not a dyad.
STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"})


def party_side(a: Actor) -> str | None:
    if a.sector in ("REB", "INS"):
        return "REB"
    return "STATE" if a.sector in STATE_SECTORS else a.sector


def same_party(a: Actor, b: Actor) -> bool:
    """Same actor for dyad purposes: same code and same side (state organs vs. its rebels, citizens...)."""
    return a.code == b.code and party_side(a) == party_side(b)
