"""Who a quantitative claim is about: the actor mentions of a sentence and the parse around a quantity
(its owner, "Russia's exports"; the subject of its clause; a pronoun's antecedent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Span, Token

    from realpolitik.extract.actors import ResolvedActor


# --- actors ------------------------------------------------------------------------------------------------
class ClaimActors:
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


def state_of(m: ResolvedActor | None) -> str | None:
    if m is None:
        return None
    return m.entry.country or m.entry.code


def owner_of(noun: Token, actors: ClaimActors) -> ResolvedActor | None:
    """Whose is this noun: a possessor ("Russia's exports", "whose weapons"), an adjective/compound
    ("Russian exports") or an of-phrase ("exports of Russia")."""
    for child in noun.children:
        if child.dep_ == "poss":
            if child.lower_ in ("whose", "its", "their"):
                return pronoun_antecedent(child, actors)
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


def pronoun_antecedent(pron: Token, actors: ClaimActors) -> ResolvedActor | None:
    """A relative/possessive pronoun's antecedent: the noun a relative clause modifies, else the nearest
    actor mentioned before it."""
    for anc in pron.ancestors:
        if anc.dep_ == "relcl":
            m = actors.in_subtree(anc.head) if actors.at(anc.head) is None else actors.at(anc.head)
            if m is not None:
                return m
    return actors.before(pron)


def clause_subject(tok: Token, actors: ClaimActors, exclude: set[int]) -> ResolvedActor | None:
    """The actor that is the subject of the nearest clause above `tok` (skipping `exclude` mentions)."""
    for anc in [tok, *tok.ancestors]:
        for child in anc.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != tok.i:
                if child.lower_ in ("it", "they", "which", "that", "who"):
                    m = pronoun_antecedent(child, actors)
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


def token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None else doc[0]


def governing_prep(tok: Token) -> str | None:
    """The preposition whose object phrase contains this token ("with BGR group" -> "with")."""
    for anc in [tok, *tok.ancestors]:
        if anc.dep_ == "pobj":
            return anc.head.lower_
        if anc.pos_ == "VERB":
            return None
    return None
