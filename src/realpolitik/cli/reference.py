"""`realpolitik import atop|cow|sipri|unga FILE`: reference data into the store (replacing earlier imports)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from realpolitik.cli.importing import import_group
from realpolitik.cli.options import db_option, db_path, json_option, print_json, quiet_option

keep_going_option = click.option(
    "--keep-going",
    is_flag=True,
    help="Leave out bad rows (each reported with its line) and import the rest; exit 2 if any was bad.",
)


def _read(read: Callable[..., Any], file: str, keep_going: bool, *args: Any) -> tuple[Any, list[Any]]:
    """The reader's rows; with --keep-going, the rows read without the bad ones, and the errors naming them."""
    if not keep_going:
        return read(file, *args), []
    from realpolitik.sources.reference._common import keep_going as read_keeping_going

    return read_keeping_going(read, file, *args)


def _load(
    db: str | None, table: str, read: tuple[Any, list[Any]], kind: str, path: str, as_json: bool, credit: str = ""
) -> list[Any]:
    """Store the rows read (the file was read before the store is opened: a bad file creates no store), say
    how many and how many repeats were dropped (text, or with --json one object), report the rows left out
    and return their errors."""
    from realpolitik.store.db import Store
    from realpolitik.store.reference_tables import load_frame

    df, bad = read
    with Store(db_path(db)) as store:
        n = load_frame(store, table, df, kind, path)
    dropped = int(getattr(df, "attrs", {}).get("duplicates", 0))
    if as_json:
        print_json(
            {
                "file": path,
                "table": table,
                "rows": int(n),
                "duplicates_dropped": dropped,
                "bad_rows": [str(err) for err in bad],
                "db": db_path(db),
                "credit": credit or None,
            }
        )
    else:
        repeats = f"; {dropped} exact duplicate rows dropped" if dropped else ""
        left_out = f"; {len(bad)} bad rows left out" if bad else ""
        click.echo(f"{n} rows from {path} into {table} ({db_path(db)}){repeats}{left_out}")
        if credit:
            click.echo(credit, err=True)
    for err in bad:
        click.echo(f"error: {err}", err=True)
    return bad


def _done(bad: list[Any]) -> None:
    """Exit status 2 when rows were left out (--keep-going)."""
    if bad:
        sys.exit(2)


@import_group.command("atop")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--kind",
    type=click.Choice(["auto", "dyads", "members"]),
    default="auto",
    show_default=True,
    help="dyad-year file (ddyr) or member-level file (atop5_1m.csv).",
)
@keep_going_option
@db_option
@quiet_option
@json_option
def import_atop(file: str, kind: str, keep_going: bool, db: str | None, quiet: bool, as_json: bool) -> None:
    """ATOP alliances: dyad-years (peacesciencer or atop5_1ddyr.csv) or the member-level file."""
    from realpolitik.sources.reference.atop import detect_kind, read_atop_dyads, read_atop_members

    kind = detect_kind(file) if kind == "auto" else kind
    if kind == "members":
        _done(_load(db, "atop_members", _read(read_atop_members, file, keep_going), "atop-members", file, as_json))
    else:
        _done(_load(db, "atop_dyad_year", _read(read_atop_dyads, file, keep_going), "atop-dyads", file, as_json))


@import_group.command("cow")
@click.argument("file", type=click.Path(dir_okay=False))
@keep_going_option
@db_option
@quiet_option
@json_option
def import_cow(file: str, keep_going: bool, db: str | None, quiet: bool, as_json: bool) -> None:
    """COW state system membership (states2016.csv)."""
    from realpolitik.sources.reference.cow import read_cow_states

    _done(_load(db, "cow_states", _read(read_cow_states, file, keep_going), "cow-states", file, as_json))


@import_group.command("sipri")
@click.argument("file", type=click.Path(dir_okay=False))
@keep_going_option
@db_option
@quiet_option
@json_option
def import_sipri(file: str, keep_going: bool, db: str | None, quiet: bool, as_json: bool) -> None:
    """SIPRI Arms Transfers Database trade register (CSV export with its preamble)."""
    from realpolitik.sources.reference.sipri import CREDIT, read_sipri

    _done(_load(db, "sipri_deliveries", _read(read_sipri, file, keep_going), "sipri", file, as_json, CREDIT))


@import_group.command("unga")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(["auto", "votes", "rollcalls", "ideal"]), default="auto", show_default=True)
@keep_going_option
@db_option
@quiet_option
@json_option
def import_unga(file: str, kind: str, keep_going: bool, db: str | None, quiet: bool, as_json: bool) -> None:
    """UNGA roll-call votes, roll-call descriptions, or Bailey-Strezhnev-Voeten ideal points."""
    from realpolitik.errors import ReferenceDataError
    from realpolitik.sources.reference import unga

    kind = unga.detect_kind(file) if kind == "auto" else kind
    readers = {
        "votes": ("unga_votes", unga.read_unga_votes, "unga-votes"),
        "rollcalls": ("unga_rollcalls", unga.read_unga_rollcalls, "unga-rollcalls"),
        "ideal": ("unga_ideal_points", unga.read_unga_ideal_points, "unga-ideal"),
    }
    if kind not in readers:
        raise ReferenceDataError(f"{kind} files are not imported (votes, rollcalls or ideal points are)", file)
    table, read, label = readers[kind]
    _done(_load(db, table, _read(read, file, keep_going), label, file, as_json))


def register(main: click.Group) -> None:
    """Commands attach to `import_group` when this module is imported."""
