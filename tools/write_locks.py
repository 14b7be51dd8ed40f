"""Write the lock files, one per install layer, from what is installed in this environment.

Why: a user's `pip install realpolitik` should get the CLI, the extractor, DuckDB and the analyses, not
pyspark (~490 MB), playwright or the linters. Each layer is pinned on its own so that `make demo` installs
only the core lock and `make test` the core lock plus every extra's:

- requirements.lock: the core dependencies (pyproject `dependencies`) and everything they pull in;
- requirements-<extra>.lock: what the extra adds on top of the core (and, for `dev`, on top of every
  other extra, which it includes).

Pins are the versions installed now (`pip freeze` style, `name==version`), sorted by name, so the same
environment always writes the same bytes. Run by `make lock` in the project's .venv (it reads the
installed packages' metadata; no network).
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PROJECT = "realpolitik"
ROOT = Path(__file__).resolve().parent.parent
#: Extras in the order their locks are layered (each one's lock leaves out what the layers before hold).
LAYERS = ("web", "spark", "dev")


def _installed() -> dict[str, metadata.Distribution]:
    return {canonicalize_name(d.metadata["Name"]): d for d in metadata.distributions()}


def _closure(requirements: list[str], installed: dict[str, metadata.Distribution]) -> set[str]:
    """The installed distributions that `requirements` need, transitively (markers evaluated here)."""
    env: dict[str, Any] = dict(default_environment())
    todo = [(Requirement(r), frozenset[str]()) for r in requirements]
    seen: set[tuple[str, frozenset[str]]] = set()
    found: set[str] = set()
    while todo:
        req, extras = todo.pop()
        name = canonicalize_name(req.name)
        if req.marker is not None and not any(req.marker.evaluate({**env, "extra": e}) for e in extras or {""}):
            continue
        key = (name, frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        if name == PROJECT:  # an extra naming the project's other extras (dev = web + spark + tools)
            todo.extend((Requirement(r), frozenset()) for e in req.extras for r in _extra(e))
            continue
        dist = installed.get(name)
        if dist is None:
            sys.exit(f"error: {req.name} is required but not installed (pip install -e '.[dev]' first)")
        found.add(name)
        for sub in dist.requires or []:
            todo.append((Requirement(sub), frozenset(req.extras)))
    return found


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _extra(name: str) -> list[str]:
    return list(_pyproject()["optional-dependencies"][name])


def _write(path: Path, names: set[str], installed: dict[str, metadata.Distribution], header: str) -> None:
    pins = sorted((installed[n].metadata["Name"], installed[n].version) for n in names)
    lines = [f"# {header}", "# Written by `make lock` (tools/write_locks.py) from the installed environment."]
    lines += [f"{name}=={version}" for name, version in sorted(pins, key=lambda p: canonicalize_name(p[0]))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(pins)} pins")


def main() -> None:
    installed = _installed()
    core = _closure(list(_pyproject()["dependencies"]), installed)
    _write(ROOT / "requirements.lock", core, installed, "Core: the CLI, the extractor, DuckDB and the analyses.")
    held = set(core)
    for extra in LAYERS:
        names = _closure(_extra(extra), installed) - held
        _write(
            ROOT / f"requirements-{extra}.lock",
            names,
            installed,
            f"realpolitik[{extra}]: on top of requirements.lock"
            + (" and the other extras' locks." if extra == "dev" else "."),
        )
        held |= names


if __name__ == "__main__":
    main()
