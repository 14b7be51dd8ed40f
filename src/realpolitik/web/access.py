"""How the web server reaches the store.

Why this module: DuckDB allows one writing process per file and a connection must not be used by two
threads at once. A read-only server opens the file read-only (so a CLI ingest can still run beside it
on another copy) and gives each request its own cursor; a write-enabled server holds one read-write
connection and serialises every write behind a lock, while reads still get their own cursors.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from realpolitik.errors import RealpolitikError
from realpolitik.store.db import Store


class StoreAccess:
    """One store opened for the lifetime of the app; cursors for reads, a lock for writes."""

    def __init__(self, db_path: str | Path, allow_write: bool = False) -> None:
        self.db_path = str(db_path)
        self.allow_write = allow_write
        if not allow_write and self.db_path != ":memory:" and not Path(self.db_path).exists():
            raise RealpolitikError(f"{self.db_path}: no such store; run `realpolitik ingest` first")
        # A read-write Store creates the core tables; a read-only one relies on them existing.
        self.store = Store(self.db_path, read_only=not allow_write)
        self._write_lock = threading.Lock()
        self.generation = 0  # bumped after every write: cached analysis answers of older states are not reused
        self.answers = AnswerCache()
        self._tables = {
            r[0] for r in self.store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }

    def has_table(self, name: str) -> bool:
        return name in self._tables

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A private cursor for one request's reads (thread-safe beside other requests)."""
        cur = self.store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query and return its rows as dicts (JSON-friendly, no pandas on the hot path)."""
        with self.cursor() as cur:
            res = cur.execute(sql, params or [])
            cols = [d[0] for d in res.description]
            return [dict(zip(cols, row, strict=True)) for row in res.fetchall()]

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The store for writing, held by one request at a time."""
        if not self.allow_write:
            raise PermissionError("the server is read-only; start it with --allow-write")
        with self._write_lock:
            try:
                yield self.store
            finally:
                self.generation += 1
                self.answers.clear()

    def close(self) -> None:
        self.store.close()


class AnswerCache:
    """Analysis answers by question and store state, computed once even when asked many times at once.

    Why: an analysis over a large store can take seconds to minutes (a frustration index, a permutation
    test); a read-only store never changes, so the same question gets the same answer, and a dashboard
    opened in several tabs must not start the same computation once per tab.
    """

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._pending: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached answer for `key`, else `compute()` (once: concurrent askers wait for the first)."""
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:
            with self._lock:
                if key in self._answers:
                    return self._answers[key]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._pending.pop(key, None)
            with self._lock:
                self._answers[key] = value
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
            return value

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()


def store_on_cursor(access: StoreAccess, cur: duckdb.DuckDBPyConnection) -> Store:
    """A `Store` whose connection is a request's private cursor, for the analysis functions.

    Why: the analysis modules take a `Store`; handing them the shared connection would let two
    requests run statements on it at once.
    """
    view = Store.__new__(Store)
    view.path = access.db_path
    view.read_only = not access.allow_write
    view.con = cur
    return view
