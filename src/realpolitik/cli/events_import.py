"""`realpolitik import gdelt|icews|polecat|acled FILES...` (one command per entry of
`realpolitik.event_sources.SOURCES`) and `import gdelt-mentions`: event data into the same store and event
model as extracted text. Prints what was read, stored, collapsed as duplicates and skipped (with file and line
of each skipped line); exits 2 with one line when a file gave no events or an archive could not be read."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from realpolitik.cli.importing import import_group
from realpolitik.cli.options import db_option, db_path, json_option, print_json, quiet_option

MAX_SKIPS_SHOWN = 20


@contextmanager
def _progress(label: str, quiet: bool, files: Callable[[], list[str]]) -> Iterator[Callable[[Any], None]]:
    """A bar in bytes of the files (compressed bytes of archives) with the rows read beside it; the step takes
    the import's report. The files are listed only when a bar is shown; a listing error is left to the import,
    which names it."""
    from realpolitik.cli._progress import progress_bar, shown
    from realpolitik.errors import InputError

    total = None
    if shown(quiet):
        try:
            total = sum(os.path.getsize(f) for f in files())
        except (InputError, OSError):
            total = None
    with progress_bar(label, quiet, total, unit="bytes") as step:
        yield lambda report: step(completed=report.bytes_read, rows=report.rows)


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


def _fail_if_barren(report: Any) -> None:
    """Exit 2 with one line when a file gave no events (what the other files gave is stored all the same)."""
    from realpolitik.errors import RealpolitikError

    message = report.barren_error()
    if message:
        raise RealpolitikError(message)


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
    name: str,
    paths: tuple[str, ...],
    engine: str,
    master: str | None,
    parquet_dir: str | None,
    db: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """One event-file import of the registry entry `name` (realpolitik.event_sources.SOURCES)."""
    from realpolitik.event_sources import files_of, import_events, source

    src = source(name)
    target = db_path(db)
    if engine == "spark":
        from realpolitik.spark.importing import import_with_spark

        report, parquet = import_with_spark(name, list(paths), db=target, master=master, parquet_dir=parquet_dir)
        _report(report, target, as_json, quiet, {"parquet": parquet})
    else:
        from realpolitik.store.db import Store

        bar = _progress(f"importing {src.label}", quiet, lambda: files_of(src, paths))
        with Store(target) as store, bar as advance:
            report = import_events(src, store, list(paths), progress=advance)
        _report(report, target, as_json, quiet)
    _fail_if_barren(report)


def _event_command(name: str, description: str) -> None:
    """`realpolitik import NAME PATHS...` for one registry entry."""

    @import_group.command(name, help=description)
    @click.argument("paths", nargs=-1, required=True)
    @engine_option
    @master_option
    @parquet_option
    @db_option
    @quiet_option
    @json_option
    def command(
        paths: tuple[str, ...],
        engine: str,
        master: str | None,
        parquet_dir: str | None,
        db: str | None,
        quiet: bool,
        as_json: bool,
    ) -> None:
        _import_events(name, paths, engine, master, parquet_dir, db, quiet, as_json)


def _register_sources() -> None:
    from realpolitik.event_sources import SOURCES

    for src in SOURCES.values():
        _event_command(src.name, src.description)


_register_sources()


@import_group.command("gdelt-mentions")
@click.argument("paths", nargs=-1, required=True)
@db_option
@quiet_option
@json_option
def import_gdelt_mentions(paths: tuple[str, ...], db: str | None, quiet: bool, as_json: bool) -> None:
    """GDELT 2.0 Mentions files (tab-separated raw layout, or comma-separated with a header), linked to
    events by GLOBALEVENTID (table gdelt_mentions, column event_id = gdelt:<GLOBALEVENTID>)."""
    from realpolitik.event_sources import import_mentions, mention_files
    from realpolitik.store.db import Store

    target = db_path(db)
    with Store(target) as store, _progress("importing GDELT mentions", quiet, lambda: mention_files(paths)) as advance:
        report = import_mentions(store, list(paths), progress=advance)
        linked = store.con.execute(
            "SELECT count(*) FROM gdelt_mentions m JOIN events e ON e.event_id = m.event_id"
        ).fetchall()[0][0]
    _report(report, target, as_json, quiet, {"linked_to_stored_events": int(linked)})
    if not as_json:
        click.echo(f"{linked} stored mentions link to stored events", err=quiet is False)
    _fail_if_barren(report)


def register(main: click.Group) -> None:
    """The commands attach to `import_group` when this module is imported; nothing else to add."""
