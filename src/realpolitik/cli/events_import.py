"""`realpolitik import gdelt|gdelt-mentions|icews|polecat FILES...`: event data into the same store and
event model as extracted text. Prints what was read, stored, collapsed as duplicates and skipped (with file
and line of each skipped line)."""

from __future__ import annotations

import importlib
from typing import Any

import click

from realpolitik.cli.importing import import_group
from realpolitik.cli.options import db_option, db_path, json_option, print_json, quiet_option

MAX_SKIPS_SHOWN = 20


def _progress(label: str, quiet: bool) -> Any:
    from realpolitik.cli.core import progress_bar

    return progress_bar(label, quiet)


def _report(report: Any, db: str, as_json: bool, quiet: bool, extra: dict[str, Any] | None = None) -> None:
    if as_json:
        out = report.to_dict()
        out["db"] = db
        out.update(extra or {})
        print_json(out)
        return
    click.echo(f"{report.summary()}; store {db}", err=quiet is False)
    if report.skipped:
        click.echo(f"skipped {report.skipped} (by reason: {dict(report.reasons)}):", err=True)
        lines = report.skip_lines()
        for line in lines[:MAX_SKIPS_SHOWN]:
            click.echo(f"  {line}", err=True)
        if len(lines) > MAX_SKIPS_SHOWN:
            click.echo(f"  ... {report.skipped - MAX_SKIPS_SHOWN} more (use --json for the first 200)", err=True)


def _run_local(kind: str, module: Any, paths: tuple[str, ...], db: str | None, quiet: bool, as_json: bool) -> None:
    from realpolitik.store.db import Store

    target = db_path(db)
    with Store(target) as store, _progress(f"importing {kind}", quiet) as advance:
        report = module.import_events(store, list(paths), progress=lambda n: advance(advance=n))
    _report(report, target, as_json, quiet)


engine_option = click.option(
    "--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True, help="Where to parse."
)
master_option = click.option("--master", default=None, help="Spark master URL (with --engine spark; default local[*]).")
parquet_option = click.option(
    "--parquet",
    "parquet_dir",
    default=None,
    metavar="DIR",
    help="With --engine spark: also keep the events as Parquet partitioned by month in DIR.",
)


def _import_events(
    kind: str,
    label: str,
    paths: tuple[str, ...],
    engine: str,
    master: str | None,
    parquet_dir: str | None,
    db: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """One event-file import (`kind` is both the Spark importer's name and the module in realpolitik.sources)."""
    if engine == "spark":
        from realpolitik.spark.importing import import_with_spark

        target = db_path(db)
        report, parquet = import_with_spark(kind, list(paths), db=target, master=master, parquet_dir=parquet_dir)
        _report(report, target, as_json, quiet, {"parquet": parquet})
        return
    module = importlib.import_module(f"realpolitik.sources.{kind}")
    _run_local(label, module, paths, db, quiet, as_json)


@import_group.command("gdelt")
@click.argument("paths", nargs=-1, required=True)
@engine_option
@master_option
@parquet_option
@db_option
@quiet_option
@json_option
def import_gdelt(
    paths: tuple[str, ...],
    engine: str,
    master: str | None,
    parquet_dir: str | None,
    db: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """GDELT 2.0 Events export files (61 tab-separated columns; .CSV, .zip, .gz, or directories of them)."""
    _import_events("gdelt", "GDELT events", paths, engine, master, parquet_dir, db, quiet, as_json)


@import_group.command("gdelt-mentions")
@click.argument("paths", nargs=-1, required=True)
@db_option
@quiet_option
@json_option
def import_gdelt_mentions(paths: tuple[str, ...], db: str | None, quiet: bool, as_json: bool) -> None:
    """GDELT 2.0 Mentions files (tab-separated raw layout, or comma-separated with a header), linked to
    events by GLOBALEVENTID (table gdelt_mentions, column event_id = gdelt:<GLOBALEVENTID>)."""
    from realpolitik.sources import gdelt
    from realpolitik.store.db import Store

    target = db_path(db)
    with Store(target) as store, _progress("importing GDELT mentions", quiet) as advance:
        report = gdelt.import_mentions(store, list(paths), progress=lambda n: advance(advance=n))
        linked = store.con.execute(
            "SELECT count(*) FROM gdelt_mentions m JOIN events e ON e.event_id = m.event_id"
        ).fetchall()[0][0]
    _report(report, target, as_json, quiet, {"linked_to_stored_events": int(linked)})
    if not as_json:
        click.echo(f"{linked} stored mentions link to stored events", err=quiet is False)


@import_group.command("icews")
@click.argument("paths", nargs=-1, required=True)
@engine_option
@master_option
@parquet_option
@db_option
@quiet_option
@json_option
def import_icews(
    paths: tuple[str, ...],
    engine: str,
    master: str | None,
    parquet_dir: str | None,
    db: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """ICEWS coded event files (tab-separated with a header; .tab, .tsv, .zip, .gz)."""
    _import_events("icews", "ICEWS events", paths, engine, master, parquet_dir, db, quiet, as_json)


@import_group.command("polecat")
@click.argument("paths", nargs=-1, required=True)
@engine_option
@master_option
@parquet_option
@db_option
@quiet_option
@json_option
def import_polecat(
    paths: tuple[str, ...],
    engine: str,
    master: str | None,
    parquet_dir: str | None,
    db: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """POLECAT event files (PLOVER-coded; tab-separated with a header; .tsv, .txt, .zip, .gz)."""
    _import_events("polecat", "POLECAT events", paths, engine, master, parquet_dir, db, quiet, as_json)


def register(main: click.Group) -> None:
    """The commands attach to `import_group` when this module is imported; nothing else to add."""
