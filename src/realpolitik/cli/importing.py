"""`realpolitik import KIND FILE`: the group that every importer attaches its KIND to.

Importers live with their areas (reference data, event data) and add themselves with
`@import_group.command("kind")` in their own CLI module.
"""

from __future__ import annotations

import click


@click.group("import")
def import_group() -> None:
    """Import reference data (ATOP, COW, SIPRI, UNGA) or event data (GDELT, ICEWS, POLECAT)."""


def register(main: click.Group) -> None:
    main.add_command(import_group)
