"""The actor mentions of a parsed document, and free-standing descriptions resolved for `resolve`.

`find_mentions` lists every actor mention of a Doc: gazetteer names (an adjectival demonym or name widened
to the agent phrase it modifies: "the Malian armed forces"), known people (with document-level short
names), and unknown organisations. What a single noun phrase stands for is `actors.resolve_token`.
"""

from __future__ import annotations

from typing import Any

from realpolitik.extract.actor_match import Match, doc_matches
from realpolitik.extract.actors import (
    ResolvedActor,
    _named,
    _person_entry,
    _recalled,
    _resolved,
    _unknown_person,
    resolve_token,
)
from realpolitik.extract.doc_people import READ_KEY as DOC_READ

Doc = Any


def find_mentions(doc: Doc, date: str | None = None) -> list[ResolvedActor]:
    """Every actor mention of a parsed Doc: gazetteer names (an adjectival demonym or name widened to the
    agent phrase it modifies: "the Malian armed forces"), known people, and unknown organisations."""
    doc.user_data[DOC_READ] = True  # its people are noted as they are read (doc_people)
    out: list[ResolvedActor] = []
    taken: set[int] = set()
    for m in doc_matches(doc):
        if m.entry is None:  # a region ("the Sahel"): no entity inside it is an actor either
            taken.update(range(m.start, m.end))
            continue
        if any(i in taken for i in range(m.start, m.end)):
            continue
        r = _widen(doc, m, date)
        if r is None or r.entry.kind == "region":
            continue  # a region alone is a place, not an actor
        span = doc.char_span(r.start, r.end, alignment_mode="expand")
        if span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        out.append(r)
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG") or any(i in taken for i in range(ent.start, ent.end)):
            continue
        r = _named(ent.root, date) if ent.label_ == "ORG" else _person_mention(ent, date)
        if r is None:
            continue
        span = doc.char_span(r.start, r.end, alignment_mode="expand")
        if span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        out.append(r)
    out.sort(key=lambda r: r.start)
    proper = [t.pos_ == "PROPN" for t in doc]
    for i in range(1, len(proper)):  # names NER missed ("Ana Ruiz, the Peruvian interior minister"): noted only
        run_end = i + 1 == len(proper) or not proper[i + 1]
        if proper[i] and run_end and i not in taken and proper[i - 1]:
            _named(doc[i], date)
    return out


def _person_mention(ent: Any, date: str | None) -> ResolvedActor | None:
    recalled = _recalled(ent.root, date)
    if recalled is not None:
        return recalled
    found = _person_entry([t for t in ent if t.dep_ != "case"], date)
    if found:
        return _resolved(ent.doc, ent.start, ent.end, found[0])
    return _unknown_person(ent.root, date, 0)


def _widen(doc: Doc, m: Match, date: str | None) -> ResolvedActor | None:
    """A name match, or the agent phrase it modifies when it is a demonym/name inside one."""
    assert m.entry is not None
    entry = m.entry
    if entry.kind == "person":
        found = _person_entry(list(doc[m.start : m.end]), date)
        entry = found[0] if found else entry
    base = _resolved(doc, m.start, m.end, entry)
    last = doc[m.end - 1]
    head = last.head
    if last.dep_ in ("amod", "compound", "nmod") and head.i >= m.end and head.i - m.end <= 3:
        r = resolve_token(head, date)
        if r is not None and r.entry.code == entry.code and r.start <= base.start and r.end >= base.end:
            return r
    return base


def resolve_text(text: str, context: str | None = None, date: str | None = None) -> dict[str, Any]:
    """{"code", "country", "sector", "name"} for an actor description ("the Malian armed forces",
    "four Saudi men"); `context` is a sentence containing it, used when the description alone does not
    say whose it is ("the provincial governor's spokesman" in a sentence about Afghanistan)."""
    from realpolitik.extract.actor_describe import resolve_text as describe

    return describe(text, context, date)


def resolve_with(nlp: Any, text: str, context: str | None, date: str | None) -> dict[str, Any]:
    """`resolve_text` with a given pipeline (the CLI resolves a batch with one)."""
    from realpolitik.extract.actor_describe import resolve_with as describe_with

    return describe_with(nlp, text, context, date)
