"""The typed Python façade of the four questions: `realpolitik.ally`, `.dependence`, `.shifts`, `.balance`,
`.check` (and `.similarity`).

Why: callers (notebooks, the CLI, `ask`) should not dispatch on strings or dig in nested dicts for the
headline. Each function takes a store (a `Store`, a .duckdb path, or None for $REALPOLITIK_DB), calls the
analysis function the CLI's `--json` prints, and returns a frozen dataclass holding the headline fields,
typed, and the full strict-JSON result in `data`.

    >>> import realpolitik
    >>> a = realpolitik.ally("IND", "PAK", db="realpolitik.duckdb")
    >>> a.relation, a.formal_alliance
    ('treaty_partner', False)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realpolitik.store.db import Store


@contextmanager
def _store(db: Any) -> Iterator[Store]:
    """The caller's store as it is, else one opened on the path (writable when possible, else read-only)."""
    import duckdb

    from realpolitik.store.db import Store, default_db_path

    if isinstance(db, Store):
        yield db
        return
    path = os.fspath(db) if db is not None else default_db_path()
    try:
        store = Store(path)
    except (duckdb.IOException, duckdb.ConnectionException):
        store = Store(path, read_only=True)
    try:
        yield store
    finally:
        store.close()


@dataclass(frozen=True)
class AllyAnswer:
    a: str
    b: str
    relation: str
    formal_alliance: bool
    as_of: int
    verdict: str
    data: dict[str, Any] = field(repr=False)

    def __str__(self) -> str:
        return self.verdict


@dataclass(frozen=True)
class DependenceAnswer:
    a: str
    b: str
    period: str
    more_dependent: str | None
    transfers: bool
    summary: str
    data: dict[str, Any] = field(repr=False)

    def __str__(self) -> str:
        return self.summary


@dataclass(frozen=True)
class ShiftsAnswer:
    actor: str
    new_partners: list[tuple[str, str]]
    known_partners: list[tuple[str, str]]
    breaks: list[tuple[str, str]]
    changes: list[str]
    data: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class BalanceAnswer:
    frustration_index: float
    exact: bool
    blocs: list[list[str]]
    k_blocs: list[list[str]] | None
    cross_pressure: list[str]
    data: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class CheckAnswer:
    verdicts: dict[str, int]
    claims: list[tuple[str, str, str]]
    data: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class SimilarityAnswer:
    a: str
    b: str
    summary: str
    data: dict[str, Any] = field(repr=False)

    def __str__(self) -> str:
        return self.summary


def ally(a: str, b: str, year: int | None = None, db: Any = None) -> AllyAnswer:
    """Are A and B allies? (`realpolitik.analysis.alliance.ally`)."""
    from realpolitik.analysis.alliance import ally as run

    with _store(db) as store:
        r = run(store, a, b, year=year)
    return AllyAnswer(r["a"], r["b"], r["relation"], r["formal_alliance"], r["as_of"], r["verdict"], r)


def dependence(a: str, b: str, years: str | tuple[int, int] | None = None, db: Any = None) -> DependenceAnswer:
    """Who depends on whom for arms, both directions (`realpolitik.analysis.dependence.dependence`)."""
    from realpolitik.analysis.dependence import dependence as run

    with _store(db) as store:
        r = run(store, a, b, years=years)
    return DependenceAnswer(r["a"], r["b"], r["period"], r["more_dependent"], r["transfers"], r["summary"], r)


def shifts(
    actor: str, by: str = "quarter", states_only: bool = False, alpha: float = 0.05, db: Any = None
) -> ShiftsAnswer:
    """Who `actor` is moving toward or away from (`realpolitik.analysis.shifts.shifts`)."""
    from realpolitik.analysis.shifts import shifts as run

    with _store(db) as store:
        r = run(store, actor, by=by, states_only=states_only, alpha=alpha)
    return ShiftsAnswer(
        r["actor"],
        [(n["period"], n["partner"]) for n in r["new_partners"]],
        [(n["period"], n["partner"]) for n in r["known_partners"]],
        [(b["period"], b["partner"]) for b in r["breaks"]],
        [t["period"] for t in r["changes"]],
        r,
    )


def balance(
    db: Any = None,
    at: str | None = None,
    window: str | None = "365d",
    blocs: str = "2",
    reference_only: bool = False,
    first: int | None = None,
    last: int | None = None,
    pacts: str = "defense",
    weighted: bool = True,
    method: str = "auto",
) -> BalanceAnswer:
    """Frustration index and blocs of the signed graph (`realpolitik.analysis.balance`): of events at `at`
    over `window`, or with `reference_only` of pacts and disputes over [first, last]."""
    from realpolitik.analysis.balance import balance as run
    from realpolitik.analysis.balance import reference_balance

    with _store(db) as store:
        if reference_only:
            y0 = first if first is not None else last
            y1 = last if last is not None else first
            if y0 is None or y1 is None:
                from realpolitik.errors import InputError

                raise InputError("reference_only needs first and/or last (years)")
            r = reference_balance(store, y0, y1, pacts=pacts, weighted=weighted, blocs=blocs)
        else:
            r = run(store, at=at, window=window, weighted=weighted, blocs=blocs, method=method)
    kb = r.get("k_blocs")
    return BalanceAnswer(
        float(r["frustration_index"]),
        bool(r["exact"]),
        r["blocs"],
        kb["blocs"] if kb else None,
        [c["actor"] for c in r["cross_pressure"]],
        r,
    )


def check(paths: list[str] | str, date: str | None = None, db: Any = None) -> CheckAnswer:
    """Check the quantitative claims of articles against the imported data (`analysis.claims_check`)."""
    from realpolitik.analysis.claims_check import check_documents

    with _store(db) as store:
        r = check_documents(store, [paths] if isinstance(paths, str) else list(paths), date=date)
    return CheckAnswer(r["verdicts"], [(c["text"], c["measure"], c["check"]["verdict"]) for c in r["claims"]], r)


def similarity(a: str, b: str, db: Any = None) -> SimilarityAnswer:
    """UN voting similarity of A and B (`realpolitik.analysis.similarity.similarity`)."""
    from realpolitik.analysis.similarity import similarity as run

    with _store(db) as store:
        r = run(store, a, b)
    return SimilarityAnswer(r["a"], r["b"], r["summary"], r)


__all__ = [
    "AllyAnswer",
    "BalanceAnswer",
    "CheckAnswer",
    "DependenceAnswer",
    "ShiftsAnswer",
    "SimilarityAnswer",
    "ally",
    "balance",
    "check",
    "dependence",
    "shifts",
    "similarity",
]
