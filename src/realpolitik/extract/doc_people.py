"""People of one document: a name written in full once resolves its later short forms.

News names a person in full the first time, with a title, a nationality or an apposition ("North Korean
leader Kim Jong Un", "Ana Ruiz, Peru's interior minister"), and by surname after that ("Ruiz said").
Looked up alone, the surname may be nobody, or somebody else of that name in the tables ("Kim" is a
thousand people). The document has already said who it is; this module remembers it.

`note` is called by `actors` for every name it resolves to a person (so the people of a Doc cost no second
reading: `find_mentions` reads every name of the Doc first, in text order); `recall(tok, date)` is called
by `actors._named` for a one- or two-word name. A document parsed in parts can carry its people to the next
part with `document_people(doc, date)` and `seed_people(doc, people)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from realpolitik.extract.gazetteer import ActorEntry, fold

Doc = Any
Token = Any

_KEY = "realpolitik_doc_people"
_SEED = "realpolitik_doc_people_seed"
READ_KEY = "realpolitik_doc_people_read"  # set by actors.find_mentions: every name of the Doc was read


@dataclass(frozen=True)
class NamedPerson:
    """A person named in full in the document: where, the name's words (folded), and who it is."""

    start: int  # character offset of the full name
    words: tuple[str, ...]
    entry: ActorEntry


def name_span(tok: Token) -> tuple[int, int] | None:
    """Token range of the name around `tok`: its PERSON entity, else its run of capitalised proper nouns."""
    if tok.ent_type_ == "PERSON":
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.start, ent.end
    if not tok.text[:1].isupper() or tok.ent_type_ not in ("", "ORG", "NORP"):
        return None
    doc = tok.doc
    if tok.pos_ == "NOUN" and tok.is_alpha:  # "Ruiz met the mayor": a surname the tagger read as a noun
        return tok.i, tok.i + 1
    if tok.pos_ != "PROPN":
        return None
    start = end = tok.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].text[:1].isupper():
        end += 1
    return start, end + 1


def _words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    from realpolitik.extract.actors import TITLES

    words = [fold(t.text) for t in doc[start:end] if t.is_alpha or "-" in t.text]
    while words and words[0].rstrip(".") in TITLES:
        words = words[1:]
    return tuple(words)


def note(doc: Doc, start: int, end: int, entry: ActorEntry) -> None:
    """Remember a person the resolver has just read in full (tokens start..end of the Doc): called by
    `actors` for every name it resolves to someone, so the document's people cost no second reading."""
    if not entry.code or entry.kind not in ("person", "agent"):
        return
    words = _words(doc, start, end)
    if len(words) < 2:
        return
    known = doc.user_data.setdefault(_KEY, {})
    known.setdefault(doc[start].idx, NamedPerson(doc[start].idx, words, entry))


def people(doc: Doc, date: str | None = None) -> list[NamedPerson]:
    """The people the Doc has named in full so far (as the resolver read them) and those seeded from
    earlier parts of the document, in text order."""
    known = doc.user_data.get(_KEY, {})
    return [*doc.user_data.get(_SEED, []), *(known[k] for k in sorted(known))]


def recall(tok: Token, date: str | None) -> ActorEntry | None:
    """Who a short name ("Ruiz", "Kim", "Ana Ruiz") is, from its full form earlier in the document: the
    latest person named in full whose name has these words as its last words ("Ruiz"), first word
    ("Kim", for family names written first) or first and last ("Bola Tinubu" for "Bola Ahmed Tinubu")."""
    if not tok.text[:1].isupper():
        return None
    _read(tok.doc, date)
    if not (tok.doc.user_data.get(_KEY) or tok.doc.user_data.get(_SEED)):
        return None
    span = name_span(tok)
    if span is None:
        return None
    short = _words(tok.doc, *span)
    if not short or len(short) > 2:
        return None
    pos = tok.doc[span[0]].idx
    for p in reversed(people(tok.doc, date)):
        if p.start >= pos or len(p.words) <= len(short):
            continue
        n = len(short)
        if p.words[-n:] == short or p.words[:n] == short or (n == 2 and (p.words[0], p.words[-1]) == short):
            return p.entry
    return None


def _read(doc: Doc, date: str | None) -> None:
    """Make sure the resolver has read the Doc's names once (`actors.find_mentions` marks a Doc read; the
    pipeline calls it first, so this costs nothing there; a caller resolving single tokens gets it once)."""
    if doc.user_data.get(READ_KEY):
        return
    from realpolitik.extract.mentions import find_mentions

    find_mentions(doc, date)


def document_people(doc: Doc, date: str | None) -> list[NamedPerson]:
    """The people of a parsed part of a document, to carry to the next part with `seed_people`."""
    _read(doc, date)
    return list(people(doc, date))


def seed_people(doc: Doc, known: list[NamedPerson]) -> None:
    """People named in earlier parts of the document, before the Doc's own are read: their offsets are
    earlier than any in this Doc, so its short names may refer to them."""
    doc.user_data[_SEED] = [NamedPerson(-1, p.words, p.entry) for p in known]
