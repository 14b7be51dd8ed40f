"""An actor as resolved from text: its gazetteer entry and the mention it was read from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from realpolitik.extract.doc_people import note as note_person
from realpolitik.extract.gazetteer import ActorEntry

Doc = Any


@dataclass(frozen=True)
class ResolvedActor:
    """An actor and the mention it was read from (character offsets in the spaCy Doc)."""

    entry: ActorEntry
    start: int
    end: int
    text: str


def _resolved(doc: Doc, start: int, end: int, entry: ActorEntry) -> ResolvedActor:
    if entry.kind == "person":
        note_person(doc, start, end, entry)  # the document's people, for their later short names
    span = doc[start:end]
    return ResolvedActor(entry, span.start_char, span.end_char, span.text)
