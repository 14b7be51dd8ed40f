"""Shared fixtures: the ../shared folder beside the checkout, the seed article, scratch stores."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# The start-up cache (realpolitik.extract.startup_cache) of this test session: built once, in a folder of its
# own, so that no test reads what an earlier checkout left in the user's cache. Commands the tests run in
# subprocesses inherit it.
if "REALPOLITIK_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="realpolitik-test-cache-")
    os.environ["REALPOLITIK_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.fail(f"{SHARED} is missing: tests need ../shared beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    return shared_dir / "seed" / "russia-algeria-2024-11-14.txt"


@pytest.fixture()
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """A store holding the seed article, built once per session (read it, don't write to it)."""
    from realpolitik.ingest import ingest
    from realpolitik.sources.articles import read_documents
    from realpolitik.store.db import Store

    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    with Store(path) as store:
        ingest(store, read_documents([str(seed_path)], date="2024-11-14"))
    return path
