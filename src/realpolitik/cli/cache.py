"""`realpolitik cache`: build, check or clear the start-up cache (the saved gazetteer and phrase tables that
every extracting or resolving command loads instead of building; see `realpolitik.extract.startup_cache`).

Commands build it themselves the first time they need it; `make demo` and `make test` build it at install, so
that no first command pays the second it takes."""

from __future__ import annotations

import time

import click

from realpolitik.cli.options import json_option, note, print_json, quiet_option


@click.command("cache")
@click.option("--clear", is_flag=True, help="Remove the saved builds (the next command builds them again).")
@json_option
@quiet_option
def cache_command(clear: bool, as_json: bool, quiet: bool) -> None:
    """Build the start-up cache if it is missing or stale, and say where it is; --clear removes it."""
    from realpolitik.extract import startup_cache as sc

    if clear:
        saved = sc.saved_files()
        for p in saved:
            p.unlink(missing_ok=True)
        answer: dict[str, object] = {"folders": [str(f) for f in sc.cache_dirs()], "removed": [str(p) for p in saved]}
        if as_json:
            print_json(answer)
        else:
            click.echo(f"removed {len(saved)} saved build(s)" + "".join(f"\n  {p}" for p in saved))
        return
    path = sc.saved_path("actor-tables")
    was = path is not None and path.exists()
    note("loading the start-up cache" if was else "building the start-up cache (about a second)", quiet)
    t0 = time.perf_counter()
    sc.actor_tables()
    seconds = round(time.perf_counter() - t0, 3)
    status = "off" if path is None else ("loaded" if was else ("built" if path.exists() else "not saved"))
    answer = {
        "status": status,
        "file": str(path) if path else None,
        "key": sc.build_key(),
        "seconds": seconds,
    }
    if as_json:
        print_json(answer)
    elif path is None:
        click.echo("start-up cache off (REALPOLITIK_CACHE_DIR=off): every command builds its tables")
    else:
        click.echo(f"start-up cache {status} in {seconds:.2f} s: {path}")


def register(group: click.Group) -> None:
    group.add_command(cache_command)
