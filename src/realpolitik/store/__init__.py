"""store: the embedded DuckDB file every other layer reads and writes; Parquet out."""

from realpolitik.store.db import Store, open_store

__all__ = ["Store", "open_store"]
