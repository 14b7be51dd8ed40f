"""`realpolitik import atop|cow|sipri|unga FILE`: reference data into the store (replacing earlier imports)."""

from __future__ import annotations

import click

from realpolitik.cli.importing import import_group
from realpolitik.cli.options import db_option, db_path


def _load(db: str | None, table: str, df: object, kind: str, path: str) -> None:
    from realpolitik.store.db import Store
    from realpolitik.store.reference_tables import load_frame

    with Store(db_path(db)) as store:
        n = load_frame(store, table, df, kind, path)  # type: ignore[arg-type]
    dropped = int(getattr(df, "attrs", {}).get("duplicates", 0))
    repeats = f"; {dropped} exact duplicate rows dropped" if dropped else ""
    click.echo(f"{n} rows from {path} into {table} ({db_path(db)}){repeats}")


@import_group.command("atop")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--kind",
    type=click.Choice(["auto", "dyads", "members"]),
    default="auto",
    show_default=True,
    help="dyad-year file (ddyr) or member-level file (atop5_1m.csv).",
)
@db_option
def import_atop(file: str, kind: str, db: str | None) -> None:
    """ATOP alliances: dyad-years (peacesciencer or atop5_1ddyr.csv) or the member-level file."""
    from realpolitik.sources.reference.atop import detect_kind, read_atop_dyads, read_atop_members

    kind = detect_kind(file) if kind == "auto" else kind
    if kind == "members":
        _load(db, "atop_members", read_atop_members(file), "atop-members", file)
    else:
        _load(db, "atop_dyad_year", read_atop_dyads(file), "atop-dyads", file)


@import_group.command("cow")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
def import_cow(file: str, db: str | None) -> None:
    """COW state system membership (states2016.csv)."""
    from realpolitik.sources.reference.cow import read_cow_states

    _load(db, "cow_states", read_cow_states(file), "cow-states", file)


@import_group.command("sipri")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
def import_sipri(file: str, db: str | None) -> None:
    """SIPRI Arms Transfers Database trade register (CSV export with its preamble)."""
    from realpolitik.sources.reference.sipri import CREDIT, read_sipri

    _load(db, "sipri_deliveries", read_sipri(file), "sipri", file)
    click.echo(CREDIT, err=True)


@import_group.command("unga")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(["auto", "votes", "rollcalls", "ideal"]), default="auto", show_default=True)
@db_option
def import_unga(file: str, kind: str, db: str | None) -> None:
    """UNGA roll-call votes, roll-call descriptions, or Bailey-Strezhnev-Voeten ideal points."""
    from realpolitik.errors import ReferenceDataError
    from realpolitik.sources.reference import unga

    kind = unga.detect_kind(file) if kind == "auto" else kind
    if kind == "votes":
        _load(db, "unga_votes", unga.read_unga_votes(file), "unga-votes", file)
    elif kind == "rollcalls":
        _load(db, "unga_rollcalls", unga.read_unga_rollcalls(file), "unga-rollcalls", file)
    elif kind == "ideal":
        _load(db, "unga_ideal_points", unga.read_unga_ideal_points(file), "unga-ideal", file)
    else:
        raise ReferenceDataError(f"{kind} files are not imported (votes, rollcalls or ideal points are)", file)


def register(main: click.Group) -> None:
    """Commands attach to `import_group` when this module is imported."""
