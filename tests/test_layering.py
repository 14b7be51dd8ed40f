"""Data flows one way (sources -> extract -> store -> analysis -> interfaces): the store imports nothing from
the extractor and the readers nothing from the store. Read from the source text of every module (imports in
functions and under TYPE_CHECKING included), so a lazy import cannot hide a wrong-way dependency."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import realpolitik

PACKAGE = Path(realpolitik.__file__).parent

#: package -> the packages (and modules above both) it may not import.
FORBIDDEN = {
    "store": ("realpolitik.extract", "realpolitik.ingest", "realpolitik.actor_lookup", "realpolitik.analysis"),
    "sources": ("realpolitik.store", "realpolitik.extract", "realpolitik.event_sources", "realpolitik.ingest"),
}


def imported_modules(path: Path, root: Path = PACKAGE.parent) -> list[tuple[int, str]]:
    """(line, module) for every import in a module under `root`, relative ones made absolute, wherever the
    import stands (module level, a function, an `if TYPE_CHECKING:` block)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def wrong_way(layer: str, root: Path = PACKAGE.parent) -> list[str]:
    """ "file:line: imports module" for every import of `layer` that goes the wrong way."""
    bad = []
    for path in sorted((root / "realpolitik" / layer).rglob("*.py")):
        for line, module in imported_modules(path, root):
            if any(module == f or module.startswith(f + ".") for f in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(root)}:{line}: imports {module}")
    return bad


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_import_only_downwards(layer: str) -> None:
    assert (PACKAGE / layer).is_dir()
    assert wrong_way(layer) == []


def test_the_check_sees_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    """The reader finds the imports the rule is about, in the shape the old store had them: one under
    TYPE_CHECKING, one inside a function, one relative; an allowed import is not reported."""
    store = tmp_path / "realpolitik" / "store"
    store.mkdir(parents=True)
    (store / "db.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from realpolitik.model import Document\n"
        "if TYPE_CHECKING:\n    from realpolitik.extract.pipeline import Extraction\n"
        "def ingest():\n    from ..extract import pipeline\n"
        "    import realpolitik.extract.gazetteer\n",
        encoding="utf-8",
    )
    bad = wrong_way("store", tmp_path)
    assert {b.split(": ")[0] for b in bad} == {
        "realpolitik/store/db.py:4",
        "realpolitik/store/db.py:6",
        "realpolitik/store/db.py:7",
    }
    assert "realpolitik/store/db.py:6: imports realpolitik.extract.pipeline" in bad  # `from ..extract import`
