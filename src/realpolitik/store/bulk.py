"""Bulk writes: rows of a table handed to DuckDB as one Arrow table, inserted by one SQL statement.

Why: DuckDB runs `executemany` as one statement per row, which made storing a paragraph-sized document
cost more than extracting it. An Arrow table is scanned in place (no copy), so a batch of documents is a
handful of statements whatever its size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from realpolitik.store.schema import EVENT_COLUMNS

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

#: Arrow types of the core tables' non-text columns (text columns are strings).
_TYPES: dict[str, str] = {
    "sentence": "int32",
    "start": "int32",
    "end": "int32",
    "n_chars": "int32",
    "text_offset": "int64",
    "intensity": "float64",
    "source_start": "int32",
    "source_end": "int32",
    "target_start": "int32",
    "target_end": "int32",
    "date_start": "date32",
    "negated": "bool_",
    "hypothetical": "bool_",
    "confidence": "float64",
    "evidence_start": "int32",
    "evidence_end": "int32",
    # imported events' extra columns (schema.IMPORTED_EXTRA)
    "latitude": "float64",
    "longitude": "float64",
    "num_mentions": "int32",
    "num_sources": "int32",
    "num_articles": "int32",
    "avg_tone": "float64",
    "quad_class": "int32",
    "fatalities": "int32",
}
#: Columns holding lists of strings.
_LISTS = frozenset({"context", "source_countries", "target_countries"})


def arrow_schema(columns: Sequence[str]) -> pa.Schema:
    """The Arrow schema of these store columns."""
    import pyarrow as pa

    def arrow_type(name: str) -> pa.DataType:
        if name in _LISTS:
            return pa.list_(pa.string())
        return getattr(pa, _TYPES.get(name, "string"))()

    return pa.schema([(c, arrow_type(c)) for c in columns])


def events_arrow_schema() -> pa.Schema:
    return arrow_schema(EVENT_COLUMNS)


def rows_to_arrow(rows: Sequence[tuple], columns: Sequence[str] = EVENT_COLUMNS) -> pa.Table:
    """Rows (tuples in `columns` order) as an Arrow table with the store's types."""
    import pyarrow as pa

    schema = arrow_schema(columns)
    cols: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    arrays = []
    for name, values in zip(columns, cols, strict=True):
        if name == "date_start":
            values = [dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values]
        arrays.append(pa.array(values, type=schema.field(name).type))
    return pa.Table.from_arrays(arrays, schema=schema)


#: INSERT suffix that keeps only events whose ids are not stored yet: an anti-join, not ON CONFLICT (same
#: result with ids unique within the batch, several times faster, and it needs no key index).
NEW_EVENTS_ONLY = "ANTI JOIN events USING (event_id)"


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Sequence[tuple], suffix: str = ""
) -> None:
    """INSERT the rows into `table` in one statement; `suffix` is e.g. an ON CONFLICT clause."""
    if not rows:
        return
    view = f"_rp_bulk_{table}"
    con.register(view, rows_to_arrow(rows, columns))
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {view} {suffix}")
    finally:
        con.unregister(view)
