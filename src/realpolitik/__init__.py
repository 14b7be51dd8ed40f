"""realpolitik: news and event data about international politics as an evidence-backed graph.

Data flows one way: sources -> extract -> store -> analysis -> interfaces (CLI, API, web, Spark).

    >>> import realpolitik
    >>> records = realpolitik.extract("Russia signed an agreement with Algeria.", date="2024-11-14")
    >>> store = realpolitik.open("realpolitik.duckdb")   # queries return pandas DataFrames
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from realpolitik.store.db import Store


def extract(text: str, date: str | None = None, doc_id: str = "0") -> list[dict[str, Any]]:
    """Event records (the contract's dict form) for one text, with `date` its publication date."""
    from realpolitik.extract.pipeline import extract_records

    return extract_records(text, date=date, doc_id=doc_id)


def open(db: str | None = None, read_only: bool = False) -> Store:
    """Open (or create) a store; its query methods return pandas DataFrames."""
    from realpolitik.store.db import Store

    return Store(db, read_only=read_only)


def __getattr__(name: str) -> Any:
    # Later layers expose more API here lazily (e.g. `realpolitik.graph`) without import cost.
    if name == "graph":
        from realpolitik.analysis.graph import build_graph

        return build_graph
    if name in _ANSWERS:  # the typed façade of the four questions (realpolitik.analysis.facade)
        from realpolitik.analysis import facade as answers

        return getattr(answers, name)
    raise AttributeError(name)


_ANSWERS = frozenset({"ally", "dependence", "shifts", "balance", "check", "similarity"})
