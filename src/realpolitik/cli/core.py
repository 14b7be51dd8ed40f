"""Core commands: extract, ingest, events, export, demo."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from realpolitik.cli._progress import documents_bar, steps_bar
from realpolitik.cli.options import db_option, db_path, quiet_option
from realpolitik.errors import InputError

FORMATS = click.Choice(["jsonl", "table"])


def _check_date(date: str | None) -> str | None:
    if date is None:
        return None
    from realpolitik.sources.articles import checked_date

    try:
        return checked_date(date)
    except ValueError as exc:  # one line, like every input error
        raise InputError(f"--date: {exc}") from None


keep_going_option = click.option(
    "--keep-going",
    is_flag=True,
    help="On a bad file or line, report it and go on with the rest; exit 2 at the end if any was bad.",
)


def _existing_inputs(paths: tuple[str, ...], errors: list[InputError] | None) -> list[str]:
    """The paths that exist (`-` always does), checked before a store is opened, so that a mistyped path
    creates no store file. A missing one raises, or with `errors` (--keep-going) is recorded there."""
    found = []
    for p in paths:
        if p != "-" and not Path(p).exists():
            err = InputError("no such file or directory", p)
            if errors is None:
                raise err
            errors.append(err)
            continue
        found.append(p)
    return found


def _report_skipped(errors: list[InputError] | None) -> None:
    """With --keep-going: one line per bad input, a count, and exit status 2 if there was any."""
    if not errors:
        return
    for err in errors:
        click.echo(f"error: {err}", err=True)
    click.echo(f"{len(errors)} bad input(s) skipped", err=True)
    sys.exit(2)


def print_table(records: list[dict[str, Any]]) -> None:
    """A compact human-readable table of event records."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("doc", "sent", "date", "source", "event", "target", "flags", "evidence"):
        table.add_column(col, overflow="fold")
    for r in records:
        flags = ",".join(
            f for f, on in (("neg", r["negated"]), ("hyp", r["hypothetical"]), ("attr", r["attributed_to"])) if on
        )
        src = (r["source"] or {}).get("code") or "-"
        tgt = (r["target"] or {}).get("code") or "-"
        table.add_row(
            str(r["doc_id"]),
            str(r["sentence"]),
            r["date"] or "",
            src,
            f"{r['event_type']}{'/' + r['mode'] if r['mode'] else ''}",
            tgt,
            flags,
            r["evidence"]["text"][:160],
        )
    Console(width=200).print(table)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", default=None, help="Publication date (YYYY-MM-DD) for inputs that have none.")
@click.option("--format", "fmt", type=FORMATS, default="jsonl", show_default=True)
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True)
@click.option(
    "--workers",
    default="auto",
    show_default=True,
    help="Processes that parse and code, for the local engine: a number, or auto (one per CPU, at most 4, "
    "for inputs over 20,000 characters).",
)
@click.option("--master", default=None, help="Spark master URL (with --engine spark).")
@keep_going_option
@quiet_option
def extract(
    paths: tuple[str, ...],
    date: str | None,
    fmt: str,
    engine: str,
    workers: str,
    master: str | None,
    keep_going: bool,
    quiet: bool,
) -> None:
    """Print the events found in PATHS (text, HTML, JSONL, directories, or - for standard input: one text per
    line, or JSONL records)."""
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.sources.articles import ReadMeter, read_documents

    date = _check_date(date)
    errors: list[InputError] | None = [] if keep_going else None
    if engine == "spark":
        from realpolitik.spark.engine import extract_with_spark

        records = extract_with_spark(list(paths), date=date, master=master, quiet=quiet)
        _emit(records, fmt)
        return
    inputs = _existing_inputs(paths, errors)  # a mistyped path is named before the model loads
    if not inputs:
        _report_skipped(errors)
    extractor = get_extractor()
    buffered: list[dict[str, Any]] = []
    meter = ReadMeter()
    docs = read_documents(inputs, date=date, errors=errors, meter=meter)
    with documents_bar("extracting", quiet, inputs, docs, meter) as (docs, advance):
        for ex in extractor.extract_many(docs, workers=_workers(workers)):
            recs = [e.to_dict() for e in ex.events]
            if fmt == "jsonl":
                for r in recs:
                    sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
            else:
                buffered.extend(recs)
            advance(ex.document)
    if fmt == "table":
        print_table(buffered)
    sys.stdout.flush()
    _report_skipped(errors)


def _workers(value: str) -> int | None:
    """`--workers`: "auto" (None: the extractor decides by input size) or a positive number."""
    if value == "auto":
        return None
    if not value.isdigit() or int(value) < 1:
        raise click.BadParameter(f"expected a positive number or auto, got {value!r}", param_hint="--workers")
    return int(value)


def _emit(records: Iterable[dict[str, Any]], fmt: str) -> None:
    """Records as they come (jsonl), or all of them as one table."""
    if fmt == "jsonl":
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        print_table(list(records))


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", default=None, help="Publication date (YYYY-MM-DD) for inputs that have none.")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True)
@click.option(
    "--workers",
    default="auto",
    show_default=True,
    help="Processes that parse and code, for the local engine: a number, or auto (one per CPU, at most 4, "
    "for inputs over 20,000 characters).",
)
@click.option("--master", default=None, help="Spark master URL (with --engine spark).")
@keep_going_option
@db_option
@quiet_option
def ingest(
    paths: tuple[str, ...],
    date: str | None,
    engine: str,
    workers: str,
    master: str | None,
    keep_going: bool,
    db: str | None,
    quiet: bool,
) -> None:
    """Extract PATHS and store documents, sentences, actors, events and evidence (- reads standard input: one
    text per line, or JSONL records)."""
    from realpolitik.ingest import ingest as ingest_documents
    from realpolitik.sources.articles import ReadMeter, read_documents
    from realpolitik.store.db import Store

    date = _check_date(date)
    errors: list[InputError] | None = [] if keep_going else None
    if engine == "spark":
        from realpolitik.spark.engine import ingest_with_spark

        ingest_with_spark(list(paths), db=db_path(db), date=date, master=master, quiet=quiet)
        return
    inputs = _existing_inputs(paths, errors)
    if not inputs:
        _report_skipped(errors)
    meter = ReadMeter()
    with Store(db_path(db)) as store:
        docs = read_documents(inputs, date=date, errors=errors, meter=meter)
        with documents_bar("ingesting", quiet, inputs, docs, meter) as (docs, advance):
            try:
                report = ingest_documents(store, docs, progress=advance, workers=_workers(workers))
            except InputError as exc:  # one line: the error, and what the store holds (all read before it)
                held = f"{store.count('documents')} documents, {store.count('events')} events"
                raise InputError(
                    f"{exc.message} (documents before it stored: {store.path} holds {held})", exc.path, exc.line
                ) from None
        click.echo(
            f"{report.stored} documents stored, {report.skipped} already present, {report.events} events added; "
            f"store {db_path(db)} holds {store.count('documents')} documents, {store.count('events')} events",
            err=quiet is False,
        )
    _report_skipped(errors)


@click.command()
@click.option("--actor", default=None, help="Actor code or name, as source or target.")
@click.option("--since", default=None, help="Events dated on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="Events dated on or before this date.")
@click.option("--type", "event_type", default=None, help="PLOVER event type.")
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@db_option
@quiet_option
def events(
    actor: str | None,
    since: str | None,
    until: str | None,
    event_type: str | None,
    limit: int | None,
    fmt: str,
    db: str | None,
    quiet: bool,
) -> None:
    """Query stored events (jsonl prints the event record contract)."""
    from realpolitik.store.db import Store

    if actor:  # a name ("Algeria") to the code the store holds
        from realpolitik.actor_lookup import resolve_actor_code

        actor = resolve_actor_code(actor)
    with Store(db_path(db), read_only=True) as store:
        it = store.iter_event_records(actor=actor, since=since, until=until, event_type=event_type, limit=limit)
        if fmt == "jsonl":
            for r in it:
                sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            print_table(list(it))


@click.command()
@click.option("--parquet", "parquet_dir", required=True, metavar="DIR", help="Directory for <table>.parquet files.")
@db_option
@quiet_option
def export(parquet_dir: str, db: str | None, quiet: bool) -> None:
    """Write every table of the store as Parquet."""
    from realpolitik.store.db import Store

    with Store(db_path(db), read_only=True) as store:
        for path in store.export_parquet(parquet_dir):
            click.echo(str(path))


SHARED_SEED = Path("../shared/seed/russia-algeria-2024-11-14.txt")


def seed_article_path() -> Path:
    """The seed article from ../shared when present, else the copy shipped in the package."""
    if SHARED_SEED.exists():
        return SHARED_SEED
    from importlib.resources import files

    return Path(str(files("realpolitik") / "data" / "russia-algeria-2024-11-14.txt"))


@click.command()
@db_option
@quiet_option
def demo(db: str | None, quiet: bool) -> None:
    """Ingest the seed article and print what was found: actors, and events by dyad with evidence."""
    import contextlib
    import io

    from realpolitik.cli._progress import shown
    from realpolitik.demo import STEPS, run_demo
    from realpolitik.sources.articles import expected_documents

    article = seed_article_path()
    if not shown(quiet):
        if not quiet:  # the model load and the first parse take seconds: say what is happening
            click.echo("realpolitik demo: loading the English pipeline and reading the seed article ...", err=True)
        run_demo(article, db_path(db), quiet=quiet)
        return
    # the bars are drawn on stderr while the demo runs; its summary (stdout) is held until they are gone, so
    # that the two never interleave on one terminal
    out = io.StringIO()
    try:
        bars = steps_bar("demo", quiet, STEPS, expected_documents([str(article)]))
        with bars as (step, document), contextlib.redirect_stdout(out):
            run_demo(article, db_path(db), quiet=quiet, step=step, document=document)
    finally:
        sys.stdout.write(out.getvalue())
        sys.stdout.flush()


def register(main: click.Group) -> None:
    for cmd in (extract, ingest, events, export, demo):
        main.add_command(cmd)
