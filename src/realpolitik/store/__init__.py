"""store: the embedded DuckDB file every other layer reads and writes; Parquet out.

`Store` and `open_store` are loaded on first use, so that `realpolitik.store.paths` (the default store's
name, which every command line option needs) does not import DuckDB."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realpolitik.store.db import Store, open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from realpolitik.store import db

        return getattr(db, name)
    raise AttributeError(f"module 'realpolitik.store' has no attribute {name!r}")
