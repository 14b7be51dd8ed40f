"""The install a user gets: the core runs the CLI and the extractor without the extras' packages, a command
whose extra is missing says which to install in one line, and the locks pin each layer once."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
OPTIONAL = ("pyspark", "playwright", "fastapi", "uvicorn", "multipart", "ruff", "mypy", "pytest", "sklearn")


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)


def test_the_cli_loads_no_optional_package() -> None:
    out = _python(
        "import sys\n"
        "from realpolitik.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {OPTIONAL!r} if m in sys.modules))\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def _without(blocked: tuple[str, ...], args: list[str]) -> subprocess.CompletedProcess[str]:
    """The CLI run with `blocked` packages made unimportable, as on a core install."""
    return _python(
        "import sys\n"
        f"for m in {blocked!r}:\n    sys.modules[m] = None\n"
        "from realpolitik.cli import main\n"
        f"main({args!r})\n"
    )


def test_serve_without_the_web_extra_names_it(tmp_path: Path) -> None:
    out = _without(("fastapi", "uvicorn"), ["serve", "--db", str(tmp_path / "s.duckdb")])
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "error: serve needs the dashboard's packages (fastapi): pip install 'realpolitik[web]'"
    ]


@pytest.mark.parametrize(
    "args",
    [["extract", "SEED", "--engine", "spark"], ["ingest", "SEED", "--engine", "spark", "--db", "DB"]],
)
def test_spark_engine_without_the_spark_extra_names_it(args: list[str], seed_path: Path, tmp_path: Path) -> None:
    args = [str(seed_path) if a == "SEED" else str(tmp_path / "s.duckdb") if a == "DB" else a for a in args]
    out = _without(("pyspark",), args)
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip().splitlines() == ["error: --engine spark needs pyspark: pip install 'realpolitik[spark]'"]


def test_import_engine_spark_without_the_spark_extra_names_it(shared_dir: Path, tmp_path: Path) -> None:
    gdelt = str(shared_dir / "data" / "gdelt" / "gdelt2_export_12rows.export.CSV")
    out = _without(("pyspark",), ["import", "gdelt", gdelt, "--engine", "spark", "--db", str(tmp_path / "g.duckdb")])
    assert out.returncode == 2
    assert "pip install 'realpolitik[spark]'" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def _pins(name: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pkg, sep, version = line.partition("==")
            assert sep and version and " " not in line, f"{name}: {line!r} is not a name==version pin"
            pins[canonicalize_name(pkg)] = version
    return pins


def test_each_layer_is_pinned_once_and_the_core_carries_no_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    layers = {"core": _pins("requirements.lock")} | {
        extra: _pins(f"requirements-{extra}.lock") for extra in ("web", "spark", "dev")
    }
    seen: dict[str, str] = {}
    for layer, pins in layers.items():
        for pkg in pins:
            assert pkg not in seen, f"{pkg} pinned in both {seen.get(pkg)} and {layer}"
            seen[pkg] = layer
    for heavy in ("pyspark", "playwright", "fastapi", "uvicorn", "ruff", "mypy", "pytest", "scikit-learn"):
        assert heavy not in layers["core"], f"the core install pulls {heavy}"
    wanted = {"core": project["dependencies"]} | dict(project["optional-dependencies"])
    for layer, reqs in wanted.items():
        for req in map(Requirement, reqs):
            name = canonicalize_name(req.name)
            if name == "realpolitik":
                continue
            where = seen.get(name)
            assert where in ("core", layer), f"{req} ({layer}) is pinned in {where}"
            assert req.specifier.contains(layers[where][name]), f"{req}: the lock pins {layers[where][name]}"
