"""Quantitative claims in text: shares, amounts of money, ranks and superlatives, each as its own record.

General rules, not sentence templates: a surface pattern finds the quantity (a percentage, an amount of money,
an ordinal or superlative before a role noun such as customer/supplier/producer), then the dependency parse
says what it is a quantity of ("15% of Russia's total military exports": the whole is exports, its owner
Russia), whom the claim is about (the subject of the clause that governs it: "Algeria represents ... with
orders representing 15% ..."), and the counterpart ("Russian-made"). Actors come from
`realpolitik.extract.mentions.find_mentions`.

Measures (subject S, counterpart C):
- arms_import_share: share of S's arms imports supplied by C ("80% of Algeria's weapons are Russian-made")
- arms_supplier_share: share of C's arms imports supplied by S ("Russia supplies 80% of Algeria's weapons")
- arms_buyer_share: share of C's arms exports bought by S ("orders representing 15% of Russia's exports")
- arms_buyer_rank / arms_supplier_rank: S's rank among C's buyers / suppliers ("the third customer of ...")
- production_rank, export_rank, import_rank, ...: S's rank in the world ("the world's largest producer of gas")
- share (of an other whole), change (by X%), amount (money), rank (other roles)
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from realpolitik.extract.claim_parties import (
    ClaimActors,
    clause_subject,
    governing_prep,
    owner_of,
    state_of,
    token_at,
)
from realpolitik.extract.claim_words import (
    ARMS_WORDS,
    CURRENCIES,
    DEAL_NOUNS,
    EXPORT_LEMMAS,
    HEDGES,
    IMPORT_LEMMAS,
    MEASURE_NOUNS,
    MONEY_RE,
    MULTIPLIERS,
    ORDINALS,
    PERCENT_RE,
    RANK_RE,
    ROLE_MEASURE,
    SUPERLATIVES,
    YEAR_RE,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.tokens import Doc, Span, Token

    from realpolitik.extract.actors import ResolvedActor
    from realpolitik.model import Document


@dataclass
class Evidence:
    text: str
    start: int
    end: int
    doc_id: str
    sentence: int


@dataclass
class Claim:
    """One quantitative claim: who (subject), what (measure, item), how much (value, unit), when, where said."""

    subject: str | None
    subject_text: str | None
    measure: str
    value: float | None
    unit: str
    text: str  # the quantity as written ("approximately 15%")
    start: int  # its character offsets in the document
    end: int
    evidence: Evidence
    counterpart: str | None = None
    counterpart_text: str | None = None
    item: str | None = None
    approximate: bool = False
    period: str | None = None
    date: str | None = None  # the document's date (what "now" meant to the writer)
    kind: str = "share"  # share, money, rank
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _arms_context(tokens: Iterable[Token]) -> bool:
    return any(t.lower_ in ARMS_WORDS or t.lemma_.lower() in ARMS_WORDS for t in tokens)


def _hedged(doc: Doc, start_char: int) -> bool:
    tok = token_at(doc, start_char)
    window = [t.lower_ for t in doc[max(tok.sent.start, tok.i - 3) : tok.i]]
    return any(w in HEDGES for w in window)


def _period(sent: Span, date: str | None) -> str | None:
    m = YEAR_RE.search(sent.text)
    if not m:
        return None
    y0 = m.group(1)
    if m.group(2):
        y1 = m.group(2) if len(m.group(2)) == 4 else y0[:2] + m.group(2)
        return f"{y0}-{y1}"
    return y0


def _evidence(doc: Doc, sent: Span, doc_id: str, sent_index: int) -> Evidence:
    return Evidence(sent.text, sent.start_char, sent.end_char, doc_id, sent_index)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


# --- the three patterns ------------------------------------------------------------------------------------
def _percent_claims(doc: Doc, sent: Span, actors: ClaimActors, ev: Evidence, date: str | None) -> list[Claim]:
    out = []
    for m in PERCENT_RE.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        value = _number(m.group("num")) / 100.0
        qtok = token_at(doc, start)
        head = qtok if qtok.dep_ != "nummod" else qtok.head  # "15" -> "%"
        whole = None
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                whole = next((c for c in child.children if c.dep_ == "pobj"), None)
        approx = _hedged(doc, start)
        if approx and qtok.i > sent.start and qtok.nbor(-1).lower_ in HEDGES:
            start = qtok.nbor(-1).idx
        text = doc.text[start:end]
        claim = Claim(None, None, "percent", value, "share", text, start, end, ev, approximate=approx, kind="share",
                      period=_period(sent, date), date=date)  # fmt: skip
        by = head.head if head.dep_ == "pobj" and head.head.lower_ == "by" else None
        if whole is not None:
            owner = owner_of(whole, actors)
            exclude = {owner.start} if owner else set()
            subj = clause_subject(head, actors, exclude)
            whole_words = [whole, *whole.children]
            arms = _arms_context(whole_words) or _arms_context(head.sent)
            lemma = whole.lemma_.lower()
            claim.item = " ".join(t.text for t in whole.subtree if t.dep_ not in ("poss", "case", "det")).strip()
            if arms and lemma in EXPORT_LEMMAS | {"industry"}:
                claim.measure = "arms_buyer_share"
                _set_parties(claim, subj, owner)
            elif arms and lemma in IMPORT_LEMMAS:
                if (
                    subj is not None
                    and owner is not None
                    and state_of(subj) != state_of(owner)
                    and head.dep_ not in ("nsubj", "nsubjpass")
                ):
                    claim.measure = "arms_supplier_share"  # "Russia supplies 80% of Algeria's weapons"
                    _set_parties(claim, subj, owner)
                else:  # "80% of Algeria's weapons are Russian-made"
                    claim.measure = "arms_import_share"
                    other = [a for a in actors.items if owner is None or state_of(a) != state_of(owner)]
                    near = sorted(other, key=lambda a: abs(a.start - start))
                    _set_parties(claim, owner or subj, near[0] if near else None)
            else:
                claim.measure = "share"
                _set_parties(claim, owner or subj, (subj if owner else None))
        elif by is not None:
            verb = by.head
            claim.measure = "change"
            claim.item = (
                " ".join(t.text for t in verb.subtree if t.dep_ == "dobj" or (t.head == verb and t.dep_ == "dobj"))
                or verb.lemma_
            )
            claim.item = f"{verb.lemma_} {claim.item}".strip() if claim.item != verb.lemma_ else verb.lemma_
            _set_subject(claim, clause_subject(verb, actors, set()))
        else:
            _set_subject(claim, clause_subject(head, actors, set()))
        _fill_actor_fields(claim)
        out.append(claim)
    return out


def _set_subject(claim: Claim, subj: ResolvedActor | None) -> None:
    """The claim's subject as the contract holds it: the state code and the mention as written."""
    claim.subject, claim.subject_text = (state_of(subj), subj.text) if subj is not None else (None, None)


def _set_parties(claim: Claim, subj: ResolvedActor | None, counterpart: ResolvedActor | None) -> None:
    _set_subject(claim, subj)
    claim.counterpart, claim.counterpart_text = (
        (state_of(counterpart), counterpart.text) if counterpart is not None else (None, None)
    )


def _fill_actor_fields(claim: Claim) -> None:
    """A claim about a party and itself has no counterpart."""
    if claim.counterpart is not None and claim.counterpart == claim.subject:
        claim.counterpart = claim.counterpart_text = None


def _money_claims(doc: Doc, sent: Span, actors: ClaimActors, ev: Evidence, date: str | None) -> list[Claim]:
    out = []
    for m in MONEY_RE.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        num = m.group("num") or m.group("num2")
        mult = (m.group("mult") or m.group("mult2") or "").lower()
        cur = (m.group("cur") or m.group("cur2") or "").lower()
        value = _number(num) * MULTIPLIERS.get(mult, 1.0)
        qtok = token_at(doc, start + (1 if m.group("cur") else 0))
        # what the money is for: the nearest deal word ("a grant of", "aid"), else the nearest noun above it
        deals = [t for t in sent if t.lemma_.lower() in DEAL_NOUNS]
        item = min(deals, key=lambda t: abs(t.i - qtok.i)).lemma_.lower() if deals else None
        if item is None:
            skip = MEASURE_NOUNS | set(CURRENCIES) | set(MULTIPLIERS)
            for anc in qtok.ancestors:
                if anc.pos_ in ("NOUN", "PROPN") and anc.lemma_.lower() not in skip and anc.lower_ not in skip:
                    item = anc.lemma_.lower()
                    break
        inside = {a.start for a in actors.items if start <= a.start < end}  # "US $50 million"
        subj = clause_subject(qtok, actors, inside)
        claim = Claim(None, None, "amount", value, CURRENCIES.get(cur, cur.upper()), doc.text[start:end], start, end, ev,
                      item=item, approximate=_hedged(doc, start), kind="money", period=_period(sent, date), date=date)  # fmt: skip
        others = [a for a in actors.items if a.start not in inside and (subj is None or state_of(a) != state_of(subj))]
        # the party of a deal: an actor introduced by with/to/from ("a contract with BGR group"), else the nearest
        party = [
            a
            for a in others
            if (t := token_at(doc, a.start)) is not None and governing_prep(t) in ("with", "to", "from")
        ]
        near = party or sorted(others, key=lambda a: abs(a.start - start))
        _set_parties(claim, subj, near[0] if near else None)
        _fill_actor_fields(claim)
        out.append(claim)
    return out


def _rank_claims(doc: Doc, sent: Span, actors: ClaimActors, ev: Evidence, date: str | None) -> list[Claim]:
    out: list[Claim] = []
    for m in RANK_RE.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        role_tok = token_at(doc, sent.start_char + m.start("role"))
        if role_tok.pos_ not in ("NOUN", "PROPN"):
            continue
        ordinal = (m.group("ord") or "").lower()
        rank = ORDINALS.get(ordinal) or (int(re.match(r"\d+", ordinal).group()) if ordinal[:1].isdigit() else None)  # type: ignore[union-attr]
        if rank is None:
            rank = 1
        role = m.group("role").lower()
        whose = owner_of(role_tok, actors)
        exclude = {whose.start} if whose else set()
        ranked = _ranked(role_tok, actors, exclude)
        world = any(t.lower_ in ("world", "global", "planet", "globe") for t in role_tok.children) or any(
            t.lower_ in ("world", "globe") for t in role_tok.subtree
        )
        item = _of_item(role_tok, actors)
        kind = ROLE_MEASURE[role]
        arms = _arms_context(role_tok.subtree) or _arms_context(sent)
        arms_role = kind in ("buyer", "supplier", "import", "export") and arms
        measure = f"arms_{kind}_rank" if arms_role else f"{kind}_rank"  # "the third customer of the Russian ..."
        claim = Claim(None, None, measure, float(rank), "rank", doc.text[start:end], start, end, ev,
                      item=item, kind="rank", period=_period(sent, date), date=date)  # fmt: skip
        _set_parties(claim, ranked, None if world else whose)
        _fill_actor_fields(claim)
        if world:
            claim.notes.append("world ranking")
        out.append(claim)
        # "... and the second largest in terms of oil": an elliptic rank of the same role
        for conj in role_tok.conjuncts:
            if conj.lower_ in SUPERLATIVES or conj.tag_ == "JJS":
                ords = [c for c in conj.children if c.lower_ in ORDINALS or re.fullmatch(r"\d+(st|nd|rd|th)", c.lower_)]
                r2 = ORDINALS.get(ords[0].lower_, 1) if ords else 1
                item2 = None
                for t in conj.subtree:
                    if t.dep_ == "pobj" and t.lower_ not in ("terms",):
                        item2 = " ".join(x.text for x in t.subtree if x.dep_ not in ("det",))
                lo = min(t.idx for t in conj.subtree)
                hi = max(t.idx + len(t) for t in conj.subtree)
                c2 = Claim(claim.subject, claim.subject_text, measure, float(r2), "rank", doc.text[lo:hi], lo, hi, ev,
                           counterpart=claim.counterpart, counterpart_text=claim.counterpart_text, item=item2, kind="rank",
                           period=claim.period, date=date, notes=list(claim.notes))  # fmt: skip
                out.append(c2)
    return out


def _ranked(role_tok: Token, actors: ClaimActors, exclude: set[int]) -> ResolvedActor | None:
    """Who holds the rank: the subject when the role noun is a predicate ("Russia is the largest producer",
    "Algeria represents the third customer"), the noun it is in apposition to, else the clause subject."""
    if role_tok.dep_ == "appos":
        m = actors.in_subtree(role_tok.head, exclude) if actors.at(role_tok.head) is None else actors.at(role_tok.head)
        if m is not None:
            return m
    return clause_subject(role_tok, actors, exclude)


def _of_item(role_tok: Token, actors: ClaimActors) -> str | None:
    for child in role_tok.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "for"):
            for obj in child.children:
                if obj.dep_ == "pobj" and actors.in_subtree(obj) is None:
                    return " ".join(t.text for t in obj.subtree if t.dep_ != "det")
    return None


# --- entry points ------------------------------------------------------------------------------------------
def claims_in_doc(
    doc: Doc, doc_id: str, date: str | None = None, mentions: list[ResolvedActor] | None = None
) -> list[Claim]:
    """Claims of a parsed document, in text order."""
    from realpolitik.extract.mentions import find_mentions

    mentions = mentions if mentions is not None else find_mentions(doc, date)
    out: list[Claim] = []
    for i, sent in enumerate(doc.sents):
        text = sent.text
        if not (re.search(r"\d", text) or RANK_RE.search(text)):
            continue
        actors = ClaimActors(mentions, sent)
        ev = _evidence(doc, sent, doc_id, i)
        found = _percent_claims(doc, sent, actors, ev, date) + _money_claims(doc, sent, actors, ev, date)
        found += _rank_claims(doc, sent, actors, ev, date)
        out.extend(found)
    out.sort(key=lambda c: (c.start, c.end, c.measure))
    return out


def extract_claims(documents: Iterable[Document], nlp: Any = None) -> list[Claim]:
    """Claims of every document (spaCy pipeline from `load_nlp()` unless given)."""
    return list(iter_claims(documents, nlp))


def iter_claims(documents: Iterable[Document], nlp: Any = None) -> Iterator[Claim]:
    """Claims document by document, streamed. A long document is parsed in chunks of whole sentences (offsets
    and sentence numbers stay the document's), and with the extractor's pipeline each parse runs in its
    memory zone, so memory does not grow with the input."""
    from contextlib import nullcontext

    from realpolitik.extract.pipeline import CHUNK_CHARS, get_extractor, text_chunks

    zone: Any = nullcontext
    if nlp is None:
        extractor = get_extractor()
        nlp, zone = extractor.nlp, extractor.memory_zone
    for d in documents:
        pieces = [(0, d.text)] if len(d.text) <= CHUNK_CHARS else text_chunks(d.text, CHUNK_CHARS)
        sentences = 0
        for base, piece in pieces:
            with zone():
                doc = nlp(piece)
                found = claims_in_doc(doc, d.doc_id, d.date)
                count = sum(1 for _ in doc.sents)
            for c in found:
                c.start, c.end = c.start + base, c.end + base
                c.evidence.start, c.evidence.end = c.evidence.start + base, c.evidence.end + base
                c.evidence.sentence += sentences
                yield c
            sentences += count


def claims_in_text(text: str, doc_id: str = "text", date: str | None = None) -> list[Claim]:
    from realpolitik.extract.nlp import load_nlp

    return claims_in_doc(load_nlp()(text), doc_id, date)
