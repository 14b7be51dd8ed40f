"""People of one document: a name written in full once resolves its later short forms.

News names a person in full the first time, with a title, a nationality or an apposition ("North Korean
leader Kim Jong Un", "Ana Ruiz, Peru's interior minister"), and by surname after that ("Ruiz said").
Looked up alone, the surname may be nobody, or somebody else of that name in the tables ("Kim" is a
thousand people). The document has already said who it is; this module remembers it.

`recall(tok, date)` is called by `actors._named` for a one- or two-word name; the people of a Doc are read
once, on first use, and cached on the Doc. A document parsed in parts (see `pipeline._extract_long`) can
carry its people to the next part with `document_people(doc, date)` and `seed_people(doc, people)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from realpolitik.extract.gazetteer import ActorEntry, fold

Doc = Any
Token = Any

_KEY = "realpolitik_doc_people"
_SEED = "realpolitik_doc_people_seed"


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


def people(doc: Doc, date: str | None) -> list[NamedPerson]:
    """The people a Doc names in full (two words or more) and resolves to a person with a code, in
    text order; cached on the Doc."""
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached
    doc.user_data[_KEY] = []  # while reading: a name inside does not look itself up
    from realpolitik.extract.actors import resolve_token

    out: list[NamedPerson] = list(doc.user_data.get(_SEED, []))
    seen: set[int] = set()
    for tok in doc:
        span = name_span(tok) if tok.i not in seen else None
        if span is None:
            continue
        seen.update(range(*span))
        words = _words(doc, *span)
        if len(words) < 2:
            continue
        r = resolve_token(doc[span[1] - 1], date)
        if r is not None and r.entry.code and r.entry.kind in ("person", "agent"):
            out.append(NamedPerson(doc[span[0]].idx, words, r.entry))
    doc.user_data[_KEY] = out
    return out


def recall(tok: Token, date: str | None) -> ActorEntry | None:
    """Who a short name ("Ruiz", "Kim", "Ana Ruiz") is, from its full form earlier in the document: the
    latest person named in full whose name has these words as its last words ("Ruiz"), first word
    ("Kim", for family names written first) or first and last ("Bola Tinubu" for "Bola Ahmed Tinubu")."""
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


def document_people(doc: Doc, date: str | None) -> list[NamedPerson]:
    """The people of a parsed part of a document, to carry to the next part with `seed_people`."""
    return list(people(doc, date))


def seed_people(doc: Doc, known: list[NamedPerson]) -> None:
    """People named in earlier parts of the document, before the Doc's own are read: their offsets are
    earlier than any in this Doc, so its short names may refer to them."""
    doc.user_data[_SEED] = [NamedPerson(-1, p.words, p.entry) for p in known]
