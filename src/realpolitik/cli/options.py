"""Options shared by several commands, so every command spells them the same way.

The convention (checked for every registered command by tests/test_cli_convention.py): every command takes
`--quiet` (no progress bars, no notes on standard error; answers, warnings and errors still print), every
question and every import takes `--json`, and every error a user can cause is one `error: ...` line with
exit status 2."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from realpolitik.store.paths import default_db_path

db_option = click.option(
    "--db",
    "db",
    default=None,
    metavar="FILE",
    help="DuckDB store file (default: $REALPOLITIK_DB or realpolitik.duckdb).",
)
quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="No progress bars or notes on standard error (answers and errors still print)."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def db_path(db: str | None) -> str:
    return db or default_db_path()


def note(message: str, quiet: bool) -> None:
    """A note for the person at the terminal (what was written where), on standard error unless --quiet."""
    if not quiet:
        click.echo(message, err=True)


def print_json(obj: Any) -> None:
    """Pretty, deterministic, strict JSON on stdout (keys in insertion order, UTF-8 kept, null for NaN)."""
    from realpolitik.analysis._json import strict

    json.dump(strict(obj), sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")
