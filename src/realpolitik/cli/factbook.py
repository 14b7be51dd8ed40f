"""`realpolitik import factbook DIR`: CIA World Factbook energy figures (gas and oil) into the store."""

from __future__ import annotations

import click

from realpolitik.cli.importing import import_group
from realpolitik.cli.options import db_option, db_path, json_option, print_json, quiet_option


@import_group.command("factbook")
@click.argument("directory", type=click.Path(file_okay=False))
@db_option
@quiet_option
@json_option
def import_factbook(directory: str, db: str | None, quiet: bool, as_json: bool) -> None:
    """CIA World Factbook editions (SQL dumps): natural gas and oil production, trade and reserves for `check`."""
    from realpolitik.sources.reference.factbook import read_factbook
    from realpolitik.store.db import Store
    from realpolitik.store.reference_tables import load_frame

    df = read_factbook(directory)
    with Store(db_path(db)) as store:
        n = load_frame(store, "factbook_energy", df, "factbook", directory)
    editions = sorted(set(df["edition"].tolist()))
    if as_json:
        print_json({"directory": directory, "table": "factbook_energy", "rows": int(n), "editions": editions})
        return
    click.echo(f"{n} energy figures ({editions[0]}-{editions[-1]} editions) from {directory} into factbook_energy")


def register(main: click.Group) -> None:
    """The command attaches to `import_group` when this module is imported."""
