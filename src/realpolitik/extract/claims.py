"""Quantitative claims in text: shares, amounts of money, ranks and superlatives, each as its own record.

General rules, not sentence templates: a surface pattern finds the quantity (a percentage, an amount of money,
an ordinal or superlative before a role noun such as customer/supplier/producer), then the dependency parse
says what it is a quantity of ("15% of Russia's total military exports": the whole is exports, its owner
Russia), whom the claim is about (the subject of the clause that governs it: "Algeria represents ... with
orders representing 15% ..."), and the counterpart ("Russian-made"). Actors come from
`realpolitik.extract.actors.find_mentions`.

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

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.tokens import Doc, Span, Token

    from realpolitik.extract.actors import ResolvedActor
    from realpolitik.model import Document

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "top": 1, "main": 1, "leading": 1, "biggest": 1, "largest": 1, "greatest": 1,
    "principal": 1, "primary": 1,
}  # fmt: skip
SUPERLATIVES = ("largest", "biggest", "greatest", "top", "leading", "main", "principal", "primary")
ROLE_MEASURE = {
    "customer": "buyer",
    "client": "buyer",
    "buyer": "buyer",
    "importer": "import",
    "purchaser": "buyer",
    "recipient": "buyer",
    "supplier": "supplier",
    "seller": "supplier",
    "provider": "supplier",
    "vendor": "supplier",
    "exporter": "export",
    "producer": "production",
    "manufacturer": "production",
    "consumer": "consumption",
    "partner": "partner",
    "spender": "spending",
    "economy": "economy",
    "investor": "investment",
    "creditor": "creditor",
    "donor": "donor",
}
ARMS_WORDS = frozenset(
    [
        "arms",
        "weapon",
        "weapons",
        "armament",
        "armaments",
        "military",
        "defence",
        "defense",
        "munition",
        "munitions",
        "ammunition",
        "equipment",
        "aircraft",
        "tanks",
        "missiles",
        "warplanes",
        "fighter",
        "jets",
    ]
)
EXPORT_LEMMAS = frozenset({"export", "sale", "sell", "delivery", "order"})
IMPORT_LEMMAS = frozenset({"import", "purchase", "acquisition", "weapon", "arm", "armament", "equipment", "arsenal"})
HEDGES = frozenset({"approximately", "about", "around", "roughly", "nearly", "almost", "some", "close", "over", "more",
                    "less", "under", "up", "estimated", "circa", "~"})  # fmt: skip
MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
               "trillion": 1e12, "tn": 1e12}  # fmt: skip
CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "dollars": "USD", "dollar": "USD", "euros": "EUR",
              "euro": "EUR", "pounds": "GBP", "rubles": "RUB", "roubles": "RUB", "dinars": "DZD", "yuan": "CNY", "rupees": "INR", "yen": "JPY",
              "riyals": "SAR", "dirhams": "MAD"}  # fmt: skip

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
PERCENT_RE = re.compile(rf"(?P<num>{_NUM})\s*(?:%|per\s?cent\b|percent\b|pc\b)", re.I)
MONEY_RE = re.compile(
    rf"(?P<cur>US\$|\$|€|£)\s?(?P<num>{_NUM})(?:\s*(?P<mult>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
    rf"|(?P<num2>{_NUM})\s*(?P<mult2>thousand|million|billion|trillion)?\s+(?P<cur2>dollars|euros|pounds|rubles|roubles|dinars|yuan|yen|rupees|riyals|dirhams|francs|shillings)\b",
    re.I,
)
ROLE_ALT = "|".join(sorted(ROLE_MEASURE, key=len, reverse=True))
ORD_ALT = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d+(?:st|nd|rd|th)"
SUP_ALT = "|".join(SUPERLATIVES)
RANK_RE = re.compile(
    rf"\b(?:(?P<ord>{ORD_ALT})[-\s]+(?:(?P<sup>{SUP_ALT}|most important)\s+)?|(?P<sup2>{SUP_ALT}|most important)\s+)"
    rf"(?:(?:[a-z]+[-\s]){{0,2}}?)(?P<role>{ROLE_ALT})s?\b",
    re.I,
)
ELLIPTIC_RE = re.compile(
    rf"\b(?P<ord>{ORD_ALT})[-\s]+(?P<sup>{SUP_ALT})\b(?!\s+(?:[a-z]+\s+){{0,2}}(?:{ROLE_ALT}))", re.I
)
MEASURE_NOUNS = frozenset({"amount", "sum", "total", "value", "worth", "$", "equivalent", "figure", "tune"})
DEAL_NOUNS = frozenset({"contract", "deal", "agreement", "loan", "aid", "investment", "order", "purchase", "sale",
                        "grant", "fund", "budget", "fine", "debt", "package", "credit", "payment", "donation",
                        "assistance", "subsidy", "compensation", "ransom", "sanction", "tariff", "export", "import"})  # fmt: skip
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b(?:\s*[-–]\s*(1[89]\d\d|20\d\d|\d\d)\b)?")


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


# --- actors ------------------------------------------------------------------------------------------------
class _Actors:
    """Mentions of a sentence, looked up by token."""

    def __init__(self, mentions: Iterable[ResolvedActor], sent: Span) -> None:
        self.items = [m for m in mentions if sent.start_char <= m.start < sent.end_char and m.entry.code]
        self.sent = sent

    def at(self, tok: Token) -> ResolvedActor | None:
        for m in self.items:
            if m.start <= tok.idx < m.end:
                return m
        return None

    def in_subtree(self, tok: Token, exclude: set[int] = frozenset()) -> ResolvedActor | None:  # type: ignore[assignment]
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        found = [m for m in self.items if lo <= m.start < hi and m.start not in exclude]
        if not found:
            return None
        own = self.at(tok)
        return own if own is not None and own.start not in exclude else found[0]

    def before(self, tok: Token) -> ResolvedActor | None:
        found = [m for m in self.items if m.end <= tok.idx]
        return found[-1] if found else None


def _state(m: ResolvedActor | None) -> str | None:
    if m is None:
        return None
    return m.entry.country or m.entry.code


def _owner(noun: Token, actors: _Actors) -> ResolvedActor | None:
    """Whose is this noun: a possessor ("Russia's exports", "whose weapons"), an adjective/compound
    ("Russian exports") or an of-phrase ("exports of Russia")."""
    for child in noun.children:
        if child.dep_ == "poss":
            if child.lower_ in ("whose", "its", "their"):
                return _antecedent(child, actors)
            m = actors.at(child)
            if m is not None:
                return m
        if child.dep_ in ("amod", "compound", "nmod") and actors.at(child) is not None:
            return actors.at(child)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj" and actors.in_subtree(obj) is not None:
                    return actors.in_subtree(obj)
    return None


def _antecedent(pron: Token, actors: _Actors) -> ResolvedActor | None:
    """A relative/possessive pronoun's antecedent: the noun a relative clause modifies, else the nearest
    actor mentioned before it."""
    for anc in pron.ancestors:
        if anc.dep_ == "relcl":
            m = actors.in_subtree(anc.head) if actors.at(anc.head) is None else actors.at(anc.head)
            if m is not None:
                return m
    return actors.before(pron)


def _clause_subject(tok: Token, actors: _Actors, exclude: set[int]) -> ResolvedActor | None:
    """The actor that is the subject of the nearest clause above `tok` (skipping `exclude` mentions)."""
    for anc in [tok, *tok.ancestors]:
        for child in anc.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != tok.i:
                if child.lower_ in ("it", "they", "which", "that", "who"):
                    m = _antecedent(child, actors)
                else:
                    m = actors.in_subtree(child, exclude)
                if m is not None and m.start not in exclude:
                    return m
        if (
            anc.dep_ == "pobj"
            and anc.head.dep_ == "prep"
            and anc.head.lower_ in ("for", "as")
            and anc.head.head.dep_ == "ROOT"
        ):
            m = actors.at(anc)  # "As for Algeria, ..."
            if m is not None and m.start not in exclude:
                return m
    # a topic phrase ("As for Algeria, 80% of ...") or the first actor of the sentence
    first = [m for m in actors.items if m.start not in exclude]
    return first[0] if first else None


def _arms_context(tokens: Iterable[Token]) -> bool:
    return any(t.lower_ in ARMS_WORDS or t.lemma_.lower() in ARMS_WORDS for t in tokens)


def _token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None else doc[0]


def _hedged(doc: Doc, start_char: int) -> bool:
    tok = _token_at(doc, start_char)
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
def _percent_claims(doc: Doc, sent: Span, actors: _Actors, ev: Evidence, date: str | None) -> list[Claim]:
    out = []
    for m in PERCENT_RE.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        value = _number(m.group("num")) / 100.0
        qtok = _token_at(doc, start)
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
            owner = _owner(whole, actors)
            exclude = {owner.start} if owner else set()
            subj = _clause_subject(head, actors, exclude)
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
                    and _state(subj) != _state(owner)
                    and head.dep_ not in ("nsubj", "nsubjpass")
                ):
                    claim.measure = "arms_supplier_share"  # "Russia supplies 80% of Algeria's weapons"
                    _set_parties(claim, subj, owner)
                else:  # "80% of Algeria's weapons are Russian-made"
                    claim.measure = "arms_import_share"
                    other = [a for a in actors.items if owner is None or _state(a) != _state(owner)]
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
            _set_subject(claim, _clause_subject(verb, actors, set()))
        else:
            _set_subject(claim, _clause_subject(head, actors, set()))
        _fill_actor_fields(claim)
        out.append(claim)
    return out


def _set_subject(claim: Claim, subj: ResolvedActor | None) -> None:
    """The claim's subject as the contract holds it: the state code and the mention as written."""
    claim.subject, claim.subject_text = (_state(subj), subj.text) if subj is not None else (None, None)


def _set_parties(claim: Claim, subj: ResolvedActor | None, counterpart: ResolvedActor | None) -> None:
    _set_subject(claim, subj)
    claim.counterpart, claim.counterpart_text = (
        (_state(counterpart), counterpart.text) if counterpart is not None else (None, None)
    )


def _fill_actor_fields(claim: Claim) -> None:
    """A claim about a party and itself has no counterpart."""
    if claim.counterpart is not None and claim.counterpart == claim.subject:
        claim.counterpart = claim.counterpart_text = None


def _money_claims(doc: Doc, sent: Span, actors: _Actors, ev: Evidence, date: str | None) -> list[Claim]:
    out = []
    for m in MONEY_RE.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        num = m.group("num") or m.group("num2")
        mult = (m.group("mult") or m.group("mult2") or "").lower()
        cur = (m.group("cur") or m.group("cur2") or "").lower()
        value = _number(num) * MULTIPLIERS.get(mult, 1.0)
        qtok = _token_at(doc, start + (1 if m.group("cur") else 0))
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
        subj = _clause_subject(qtok, actors, inside)
        claim = Claim(None, None, "amount", value, CURRENCIES.get(cur, cur.upper()), doc.text[start:end], start, end, ev,
                      item=item, approximate=_hedged(doc, start), kind="money", period=_period(sent, date), date=date)  # fmt: skip
        others = [a for a in actors.items if a.start not in inside and (subj is None or _state(a) != _state(subj))]
        # the party of a deal: an actor introduced by with/to/from ("a contract with BGR group"), else the nearest
        party = [
            a
            for a in others
            if (t := _token_at(doc, a.start)) is not None and _governing_prep(t) in ("with", "to", "from")
        ]
        near = party or sorted(others, key=lambda a: abs(a.start - start))
        _set_parties(claim, subj, near[0] if near else None)
        _fill_actor_fields(claim)
        out.append(claim)
    return out


def _governing_prep(tok: Token) -> str | None:
    """The preposition whose object phrase contains this token ("with BGR group" -> "with")."""
    for anc in [tok, *tok.ancestors]:
        if anc.dep_ == "pobj":
            return anc.head.lower_
        if anc.pos_ == "VERB":
            return None
    return None


def _rank_claims(doc: Doc, sent: Span, actors: _Actors, ev: Evidence, date: str | None) -> list[Claim]:
    out: list[Claim] = []
    for m in RANK_RE.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        role_tok = _token_at(doc, sent.start_char + m.start("role"))
        if role_tok.pos_ not in ("NOUN", "PROPN"):
            continue
        ordinal = (m.group("ord") or "").lower()
        rank = ORDINALS.get(ordinal) or (int(re.match(r"\d+", ordinal).group()) if ordinal[:1].isdigit() else None)  # type: ignore[union-attr]
        if rank is None:
            rank = 1
        role = m.group("role").lower()
        whose = _owner(role_tok, actors)
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


def _ranked(role_tok: Token, actors: _Actors, exclude: set[int]) -> ResolvedActor | None:
    """Who holds the rank: the subject when the role noun is a predicate ("Russia is the largest producer",
    "Algeria represents the third customer"), the noun it is in apposition to, else the clause subject."""
    if role_tok.dep_ == "appos":
        m = actors.in_subtree(role_tok.head, exclude) if actors.at(role_tok.head) is None else actors.at(role_tok.head)
        if m is not None:
            return m
    return _clause_subject(role_tok, actors, exclude)


def _of_item(role_tok: Token, actors: _Actors) -> str | None:
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
    from realpolitik.extract.actors import find_mentions

    mentions = mentions if mentions is not None else find_mentions(doc, date)
    out: list[Claim] = []
    for i, sent in enumerate(doc.sents):
        text = sent.text
        if not (re.search(r"\d", text) or RANK_RE.search(text)):
            continue
        actors = _Actors(mentions, sent)
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
