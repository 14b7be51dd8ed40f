"""`realpolitik import mid FILE`: COW militarised interstate disputes (dispute-dyad-years) into the store."""

from __future__ import annotations

import click

from realpolitik.cli.importing import import_group
from realpolitik.cli.options import db_option, db_path, json_option, print_json, quiet_option


@import_group.command("mid")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
@quiet_option
@json_option
def import_mid(file: str, db: str | None, quiet: bool, as_json: bool) -> None:
    """COW MID dispute-dyad-years (cow_mid_ddydisps.csv): disputes for `ally`, `balance` and `shifts`."""
    from realpolitik.sources.reference.mid import read_mid
    from realpolitik.store.db import Store
    from realpolitik.store.reference_tables import load_frame

    df = read_mid(file)
    with Store(db_path(db)) as store:
        n = load_frame(store, "mid_dyad_years", df, "cow-mid", file)
    if as_json:
        print_json({"file": file, "table": "mid_dyad_years", "rows": int(n), "db": db_path(db)})
        return
    click.echo(f"{n} dispute-dyad-years from {file} into mid_dyad_years ({db_path(db)})")


def register(main: click.Group) -> None:
    """The command attaches to `import_group` when this module is imported."""
