"""Imported events (GDELT, ICEWS, POLECAT, ACLED files) into the events table: flat rows with the dataset's
own id, place and figures (`schema.IMPORTED_EVENT_COLUMNS`), inserted in batches of one transaction each.

Why apart from `Store`: imported events have no document (doc_key is null) and their ids come from the
dataset, so they are checked against the stored ids (an anti-join) rather than trusted as new; the store
only stores, and the readers in `sources/` never import this module (`realpolitik.event_sources` joins them).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from realpolitik.model import EventRecord
from realpolitik.store import bulk
from realpolitik.store.db import event_row
from realpolitik.store.schema import IMPORTED_EVENT_COLUMNS, IMPORTED_EXTRA_COLUMNS

if TYPE_CHECKING:
    from realpolitik.store.db import Store

_FIGURES = tuple(c for c in IMPORTED_EXTRA_COLUMNS if c not in {"source_event_id", "latitude", "longitude", "place"})


class Counts(Protocol):
    """What `import_rows` counts into (an `ImportReport`)."""

    parsed: int
    inserted: int


def imported_row(rec: EventRecord, event_id: str, url: str | None) -> tuple:
    """The events table's row (IMPORTED_EVENT_COLUMNS order) for an imported record: no document (doc_key is
    null), then the dataset's id, place and figures."""
    row = event_row(rec, "", url, event_id=event_id)
    fig = rec.figures
    extras = (rec.source_event_id, rec.latitude, rec.longitude, rec.place, *(fig.get(k) for k in _FIGURES))
    return (row[0], None, *row[2:], *extras)


def record_extras(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row's imported-event fields in the record's form (source_event_id, latitude, longitude, place,
    figures); nulls (and pandas' NaN) as None, figures only where set."""

    def clean(v: Any) -> Any:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return None
        if hasattr(v, "tolist"):  # numpy arrays and scalars from a DataFrame
            v = v.tolist()
        return list(v) if isinstance(v, tuple) else v

    figures = {k: clean(row.get(k)) for k in _FIGURES}
    return {
        "source_event_id": clean(row.get("source_event_id")),
        "latitude": clean(row.get("latitude")),
        "longitude": clean(row.get("longitude")),
        "place": clean(row.get("place")),
        "figures": {k: v for k, v in figures.items() if v is not None},
    }


def insert_rows(store: Store, rows: list[tuple]) -> int:
    """Insert imported event rows; ids already stored are left alone. Returns the rows added."""
    if not rows:
        return 0
    unique: dict[str, tuple] = {}
    for r in rows:
        unique.setdefault(r[0], r)  # the first copy of an event wins, as in the store
    con = store.con
    before = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    bulk.insert_rows(con, "events", IMPORTED_EVENT_COLUMNS, list(unique.values()), bulk.NEW_EVENTS_ONLY)
    return int(con.execute("SELECT count(*) FROM events").fetchall()[0][0] - before)


def import_rows(
    store: Store,
    rows: Iterable[tuple],
    report: Counts,
    batch_size: int = 50_000,
    progress: Callable[[int], None] | None = None,
) -> Counts:
    """Insert imported event rows in batches (each batch one transaction), counting them in `report`."""
    batch: list[tuple] = []

    def flush() -> None:
        if not batch:
            return
        store.con.execute("BEGIN TRANSACTION")
        try:
            report.inserted += insert_rows(store, batch)
            store.con.execute("COMMIT")
        except BaseException:
            store.con.execute("ROLLBACK")
            raise
        if progress is not None:
            progress(len(batch))
        batch.clear()

    for row in rows:
        report.parsed += 1
        batch.append(row)
        if len(batch) >= batch_size:
            flush()
    flush()
    return report


def load_parquet(store: Store, path: str) -> int:
    """Insert imported events kept as Parquet (the Spark import's output) into the events table, with their
    ids, places and figures; ids already stored are left alone. Returns the rows added."""
    from realpolitik.store.scale import load_parquet_events

    return load_parquet_events(store, path)
