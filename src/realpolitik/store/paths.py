"""Where the store lives by default: a module of its own so that the command line can name the default store
without importing DuckDB (a twentieth of a second at every start, `extract` included)."""

from __future__ import annotations

import os

DEFAULT_DB = "realpolitik.duckdb"


def default_db_path() -> str:
    """`$REALPOLITIK_DB`, else realpolitik.duckdb in the working directory."""
    return os.environ.get("REALPOLITIK_DB") or DEFAULT_DB
