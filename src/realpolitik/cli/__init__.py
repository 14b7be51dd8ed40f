"""The `realpolitik` command line.

Commands live in the modules of this package, one module per area (core, reference, graph, web,
...). Each module defines click commands and a `register(group)` function; `main` discovers them
all, so adding an area never edits a shared list. Modules import heavy libraries inside their
command functions, so `realpolitik --help` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from realpolitik import __version__
from realpolitik.errors import RealpolitikError


class _Group(click.Group):
    """A group that turns RealpolitikError, and a file the system refuses (an output path in a missing
    directory, a file not allowed), into one clean `error: ...` line and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except RealpolitikError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except BrokenPipeError:  # `realpolitik events | head`
            sys.exit(0)
        except OSError as exc:
            if exc.filename is None:  # not about a path the user gave: a real fault, with its traceback
                raise
            click.echo(f"error: {exc.filename}: {(exc.strerror or str(exc)).lower()}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="realpolitik")
def main() -> None:
    """Evidence-backed event graphs of international politics, from news text and event data."""


def _register_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(main)


_register_all()
