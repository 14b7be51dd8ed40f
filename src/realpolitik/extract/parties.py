"""Several parties in one noun phrase: "Indian and Pakistani troops", "the leaders of Germany, France and
Italy", "delegations from Russia and Ukraine". The phrase has one head, so resolving its head gives one
actor; event data needs each party, so that "X and Y met" yields both dyads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from realpolitik.extract.lexicon import GROUP_NOUNS
from realpolitik.extract.roles import with_conjuncts
from realpolitik.model import Actor

Token = Any
Resolver = Callable[[Token], list[Actor]]
OWNER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
MEMBER_PREPS = frozenset({"of", "from"})
#: Verbs by which a group noun names the states it stands for ("the juntas ruling Mali and Niger").
RULING_VERBS = frozenset({"rule", "govern", "lead", "represent", "run"})


def members(tok: Token, resolve: Resolver, pair_anaphor: Resolver | None = None) -> list[Actor]:
    """The parties a plural noun phrase names, when it names two or more; else []. The sector is the
    head's ("troops": military), the country each owner's."""
    owners: list[Token] = []
    group = tok.lemma_.lower() in GROUP_NOUNS
    if not group and not any(
        c.dep_ in OWNER_DEPS and c.i < tok.i and any(k.dep_ == "conj" for k in c.children) for c in tok.children
    ):
        return []  # the common case, decided without resolving the phrase

    def head_sector() -> str | None:
        whole = resolve(tok)
        return whole[0].sector if whole else None

    for c in tok.children:
        if c.dep_ in OWNER_DEPS and c.i < tok.i and any(k.dep_ == "conj" for k in c.children):
            owners = with_conjuncts(c)  # "Indian and Pakistani troops", "Chinese and Russian officials"
            break
        objs: list[Token] = []
        if group and c.dep_ == "prep" and c.lower_ in MEMBER_PREPS:
            objs = [o for o in c.children if o.dep_ == "pobj"]  # "the leaders of Germany, France and Italy"
        elif group and c.dep_ == "acl" and c.lemma_.lower() in RULING_VERBS:
            objs = [o for o in c.children if o.dep_ == "dobj"]  # "the leaders ruling Mali and Niger"
        if objs and any(k.dep_ == "conj" for k in objs[0].children):
            owners = with_conjuncts(objs[0])
            break
        if objs and pair_anaphor is not None:
            two = pair_anaphor(objs[0])  # "negotiators from the two countries", "troops from both sides"
            if len(two) >= 2:
                sector = head_sector()
                return [replace(a, sector=sector or a.sector) for a in two]
    if not owners:
        return []
    sector = head_sector()
    found: list[Actor] = []
    for o in owners:
        for a in resolve(o):
            if a.code and not any(a.code == b.code for b in found):
                found.append(replace(a, sector=sector or a.sector) if a.code == a.country else a)
    return found if len(found) >= 2 else []


def resolve_all(tokens: list[Token], resolve: Resolver, pair_anaphor: Resolver) -> list[Actor]:
    actors: list[Actor] = []
    seen: set[tuple[int, int, str | None]] = set()
    for tok in tokens:
        for t in with_conjuncts(tok) if tok.dep_ != "conj" else [tok]:
            found = pair_anaphor(t) or members(t, resolve, pair_anaphor) or resolve(t)
            for a in found:
                key = (a.start, a.end, a.code)
                if key not in seen and a.code:
                    seen.add(key)
                    actors.append(a)
    return actors
