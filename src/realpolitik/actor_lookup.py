"""A name a user typed ("Algeria", "algerian", "dza") to the actor code the store holds.

Why here, above `extract/` and `store/`: the name is resolved through the gazetteer (the extractor's actor
tables), and the store may not import the extractor; the CLI, the web API and the analyses resolve a typed
name here before they ask the store.
"""

from __future__ import annotations


def resolve_actor_code(name: str) -> str:
    """An ISO3 code or an actor name to the code used in the store; an unknown name upper-cased."""
    from realpolitik.extract.gazetteer import lookup_code

    return lookup_code(name) or name.upper()
