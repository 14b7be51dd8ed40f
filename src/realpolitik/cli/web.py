"""`realpolitik serve`: the local dashboard and JSON API over a store."""

from __future__ import annotations

import os

import click

from realpolitik.cli.options import db_option, db_path, note, quiet_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind; 0.0.0.0 exposes the store.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Another host name to answer (repeatable); the loopback names and --host are always answered.",
)
@click.option("--allow-write", is_flag=True, help="Allow ingesting articles from the dashboard (needs the token).")
@click.option(
    "--token",
    default=None,
    envvar="REALPOLITIK_TOKEN",
    help="Write token (default $REALPOLITIK_TOKEN; generated and printed with --allow-write when unset).",
)
@quiet_option
def serve(
    db: str | None,
    host: str,
    port: int,
    allow_hosts: tuple[str, ...],
    allow_write: bool,
    token: str | None,
    quiet: bool,
) -> None:
    """Serve the dashboard and the JSON API (OpenAPI at /docs), read-only unless --allow-write.

    Only requests addressed to the server's own names are answered (loopback, --host, --allow-host)."""
    try:
        import fastapi  # noqa: F401  (the dashboard's packages are the web extra, not the core install)
        import uvicorn
    except ImportError as exc:
        from realpolitik.errors import RealpolitikError

        raise RealpolitikError(
            f"serve needs the dashboard's packages ({exc.name}): pip install 'realpolitik[web]'"
        ) from None

    from realpolitik.web.app import create_app
    from realpolitik.web.security import WILDCARD_BINDS, allowed_host_names

    app = create_app(
        db_path(db),
        allow_write=allow_write,
        token=token,
        allowed_hosts=allowed_host_names(host, allow_hosts),
        any_ip=host in WILDCARD_BINDS,
    )
    note(f"realpolitik dashboard on http://{host}:{port}/  (API docs: /docs)", quiet)
    if allow_write:
        if not token:
            click.echo(f"write token: {app.state.token}", err=True)
        note("writes enabled: send the token in the X-Realpolitik-Token header", quiet)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}, reachable from other machines", err=True)
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("REALPOLITIK_LOG", "warning"))


def register(main: click.Group) -> None:
    main.add_command(serve)
