"""`realpolitik dyad-month` and `realpolitik export-events`: events at GDELT scale, as Parquet partitioned by
month, aggregated by DuckDB where they lie (a store file or a Parquet directory written by
`ingest --engine spark`, `import ... --engine spark --parquet DIR` or `export-events`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realpolitik.cli.options import db_option, db_path, note, quiet_option


@click.command("dyad-month")
@db_option
@click.option("--parquet", "parquet_dir", default=None, metavar="DIR", help="Read Parquet events from DIR instead.")
@click.option("--by", type=click.Choice(["country", "code"]), default="country", show_default=True)
@click.option("--since", default=None, help="Events dated on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="Events dated on or before this date.")
@click.option("--actor", default=None, help="Only dyads with this actor (ISO3 or code) on either side.")
@click.option("--format", "fmt", type=click.Choice(["csv", "table", "jsonl"]), default="csv", show_default=True)
@quiet_option
def dyad_month_cmd(
    db: str | None,
    parquet_dir: str | None,
    by: str,
    since: str | None,
    until: str | None,
    actor: str | None,
    fmt: str,
    quiet: bool,
) -> None:
    """Directed dyad-by-month event counts and intensity (negated and hypothetical events left out)."""
    from realpolitik.store import scale
    from realpolitik.store.db import Store

    if parquet_dir:
        if not Path(parquet_dir).is_dir():
            from realpolitik.errors import InputError

            raise InputError("no such directory (give a Parquet directory of events)", parquet_dir)
        df = scale.dyad_month(parquet_dir, by=by, since=since, until=until)
    else:
        with Store(db_path(db), read_only=True) as store:
            df = scale.dyad_month(store, by=by, since=since, until=until)
    if actor:
        code = actor.upper()
        df = df[(df["source"] == code) | (df["target"] == code)]
    df = df.assign(month=df["month"].astype(str).str[:7])
    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif fmt == "jsonl":
        df.to_json(sys.stdout, orient="records", lines=True)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table()
        for c in df.columns:
            table.add_column(c)
        for row in df.itertuples(index=False):
            table.add_row(*(f"{v:.2f}" if isinstance(v, float) else str(v) for v in row))
        Console(width=200).print(table)


@click.command("export-events")
@click.argument("out_dir")
@db_option
@quiet_option
def export_events_cmd(out_dir: str, db: str | None, quiet: bool) -> None:
    """Write the store's events to OUT_DIR as Parquet partitioned by month (month=YYYY-MM/*.parquet)."""
    from realpolitik.store import scale
    from realpolitik.store.db import Store

    with Store(db_path(db), read_only=True) as store:
        n = store.count("events")
        Path(out_dir).mkdir(parents=True, exist_ok=True)  # a path that cannot be a directory fails in one line
        scale.write_events_parquet(store.con, out_dir)
    note(f"{n} events written to {out_dir} (Parquet, partitioned by month)", quiet)


def register(main: click.Group) -> None:
    main.add_command(dyad_month_cmd)
    main.add_command(export_events_cmd)
