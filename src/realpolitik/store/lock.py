"""Why a store file cannot be opened, in one line: held by another process (which kind, and what to do), or
not a place a store can be (a missing folder, a directory, another kind of file).

Why name the holder: DuckDB allows one writing process per file. "Conflicting lock is held in python3.11
(PID 1234)" does not say that PID 1234 is `realpolitik serve --allow-write`, which can ingest for you.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from realpolitik.errors import RealpolitikError


class StoreLockedError(RealpolitikError, duckdb.IOException):
    """The store file is held by another process. One line naming the store, which kind of process holds it
    (a server, an ingest, another program) and what to do. Also a duckdb.IOException, so callers that fall
    back to a read-only connection on DuckDB's own lock error keep doing so."""

    def __init__(self, path: str, duckdb_message: str) -> None:
        self.path = path
        m = re.search(r"\(PID (\d+)\)", duckdb_message)
        self.pid = int(m.group(1)) if m else None
        holder, advice = _lock_holder(self.pid)
        super().__init__(f"{path}: the store is in use by {holder}; {advice}")


def _lock_holder(pid: int | None) -> tuple[str, str]:
    """Who holds a store (from the process's command line, where it can be read) and what the user can do."""
    args: list[str] = []
    if pid is not None:
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            args = []
    where = f"PID {pid}" if pid is not None else "another process"
    ours = next((i for i, a in enumerate(args) if a.endswith("realpolitik") or a == "realpolitik"), None)
    command = next((a for a in args[ours + 1 :] if not a.startswith("-")), "") if ours is not None else ""
    retry = "or pass another --db"
    if command == "serve":
        if "--allow-write" in args:
            return (
                f"a writing `realpolitik serve` ({where})",
                f"ingest through it (POST /api/documents with its token), or stop it and retry, {retry}",
            )
        return f"a `realpolitik serve` ({where})", f"stop the server and retry, {retry}"
    if command:
        return f"another `realpolitik {command}` ({where})", f"wait for it to finish and retry, {retry}"
    name = Path(args[0]).name if args and args[0] else "another program"
    return f"{name} ({where})", f"close it (a DuckDB store has one writer at a time) and retry, {retry}"


def open_error(path: str, exc: duckdb.IOException) -> RealpolitikError:
    """The one-line error for DuckDB's failure to open `path`."""
    message = str(exc)
    if "lock" in message.lower():
        return StoreLockedError(path, message)
    reason = re.sub(r'^IO Error: |\s*"[^"]*"', "", message).strip()
    return RealpolitikError(f"{path}: cannot open the store ({reason})")
