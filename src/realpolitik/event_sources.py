"""The registry of event-data sources: one typed entry per dataset (GDELT, ICEWS, POLECAT, ACLED) naming its
columns, its reader, its code mapping and the files it reads, and the loop that imports any of them.

Why a registry: the CLI (`realpolitik import <name>`), the Spark importer and the tests loop over `SOURCES`
instead of one hand-written command and one `if` per dataset, so a new dataset is one reader and one entry.
Why here, above `sources/` and `store/`: the readers only read and the store only stores; this module joins
them (records -> rows -> the events table) and imports nothing from `extract/`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from realpolitik.model import EventRecord
from realpolitik.sources import acled, gdelt, icews, polecat
from realpolitik.sources.event_files import ImportReport, expand_paths

if TYPE_CHECKING:
    from realpolitik.store.db import Store

#: A reader: one file -> (record, store id, url) for each event, bad rows counted in the report.
Reader = Callable[[str, ImportReport], Iterator[tuple[EventRecord, str, "str | None"]]]
#: Told how far an import is (`report.rows`, `report.bytes_read`) every `PROGRESS_EVERY` rows and at the end.
Progress = Callable[[ImportReport], object]
PROGRESS_EVERY = 2_000


@dataclass(frozen=True)
class EventSource:
    """One event dataset: what the CLI calls it, what it reads and how its codes become PLOVER."""

    name: str  # the command and the records' origin: `realpolitik import NAME`
    label: str  # for people: "GDELT events"
    description: str  # the command's help
    columns: tuple[str, ...]  # the columns the reader needs (or the layout, for header-less GDELT)
    read: Reader
    mapping: str  # how the dataset's event codes become PLOVER
    suffixes: tuple[str, ...]  # file names read inside a directory
    exclude: tuple[str, ...] = ()  # ... and the words of names left out (sources.event_files.expand_paths)


SOURCES: dict[str, EventSource] = {
    s.name: s
    for s in (
        EventSource(
            name="gdelt",
            label="GDELT events",
            description="GDELT 2.0 Events export files (61 tab-separated columns, or re-saved by pandas/gdeltPyR: "
            "comma-separated with a header; .CSV, .zip, .gz, or directories of them).",
            columns=gdelt.EVENT_FIELDS,
            read=gdelt.read_events,
            mapping="CAMEO EventCode -> PLOVER (realpolitik.codes.cameo_to_plover; 043 stored visitor -> host)",
            suffixes=gdelt.EVENT_SUFFIXES,
            exclude=("mentions", "gkg"),
        ),
        EventSource(
            name="icews",
            label="ICEWS events",
            description="ICEWS coded event files (tab-separated with a header; .tab, .tsv, .zip, .gz; "
            "dates Y-m-d or m/d/Y; CAMEO Code or Event Text).",
            columns=tuple(r if isinstance(r, str) else r[0] for r in icews.REQUIRED),
            read=icews.read_events,
            mapping="CAMEO Code (or the Event Text label) -> PLOVER (realpolitik.codes; 043 stored visitor -> host)",
            suffixes=icews.SUFFIXES,
        ),
        EventSource(
            name="polecat",
            label="POLECAT events",
            description="POLECAT event files (PLOVER-coded; tab-separated with a header; .tsv, .txt, .zip, .gz).",
            columns=polecat.REQUIRED,
            read=polecat.read_events,
            mapping="PLOVER already (Event Type, Event Mode, Contexts); no CAMEO code",
            suffixes=polecat.SUFFIXES,
        ),
        EventSource(
            name="acled",
            label="ACLED events",
            description="ACLED exports and API CSV (comma- or tab-separated with a header row; .csv, .tsv, .zip, "
            ".gz); one-sided events (a protest with no actor2) kept.",
            columns=acled.REQUIRED,
            read=acled.read_events,
            mapping="ACLED sub_event_type / event_type -> PLOVER (data/codes/acled_plover.tsv)",
            suffixes=acled.SUFFIXES,
        ),
    )
}


def source(name: str) -> EventSource:
    """The registry entry NAME; a ValueError naming the known ones otherwise."""
    try:
        return SOURCES[name]
    except KeyError:
        raise ValueError(f"unknown event data kind {name!r}; one of {', '.join(SOURCES)}") from None


def files_of(src: EventSource, paths: Iterable[str]) -> list[str]:
    """The files a source reads among the paths named (directories expanded)."""
    return expand_paths(paths, src.suffixes, exclude=src.exclude)


def iter_records(
    src: EventSource, paths: Iterable[str], report: ImportReport
) -> Iterator[tuple[EventRecord, str, str | None]]:
    """(record, store id, url) for every event of the files named; a file that gives nothing is noted in
    `report.barren`."""
    for path in files_of(src, paths):
        yielded, before = 0, report.not_events
        for hit in src.read(path, report):
            yielded += 1
            yield hit
        report.file_done(path, yielded, before)


def iter_rows(src: EventSource, paths: Iterable[str], report: ImportReport) -> Iterator[tuple]:
    """Flat events-table rows (`store.schema.IMPORTED_EVENT_COLUMNS`) for every event of the files named."""
    from realpolitik.store.imported import imported_row

    for rec, event_id, url in iter_records(src, paths, report):
        yield imported_row(rec, event_id, url)


def import_events(
    src: EventSource | str, store: Store, paths: Iterable[str], progress: Progress | None = None
) -> ImportReport:
    """Import a dataset's files into the store's events table; what was read, stored and skipped comes back."""
    from realpolitik.store.imported import import_rows

    s = source(src) if isinstance(src, str) else src
    report = ImportReport(kind="events")
    import_rows(store, _told(iter_rows(s, paths, report), report, progress), report)
    if progress is not None:
        progress(report)
    return report


def _told(items: Iterable[Any], report: ImportReport, progress: Progress | None) -> Iterator[Any]:
    """`items`, telling `progress` the report every `PROGRESS_EVERY` of them."""
    for i, item in enumerate(items, 1):
        if progress is not None and i % PROGRESS_EVERY == 0:
            progress(report)
        yield item


def mention_files(paths: Iterable[str]) -> list[str]:
    """The GDELT Mentions files among the paths named (directories expanded)."""
    return expand_paths(paths, gdelt.EVENT_SUFFIXES, exclude=("export", "gkg"))


# --- GDELT Mentions (no events of their own: articles' mentions of GDELT events) --------------------------


def import_mentions(
    store: Store, paths: Iterable[str], progress: Progress | None = None, batch_size: int = 50_000
) -> ImportReport:
    """Import GDELT 2.0 Mentions files into the `gdelt_mentions` table (linked to events by GLOBALEVENTID)."""
    from realpolitik.store import gdelt_mentions

    gdelt_mentions.ensure_table(store)
    report = ImportReport(kind="mentions")
    batch: dict[tuple, tuple] = {}

    def flush() -> None:
        report.inserted += gdelt_mentions.insert_mentions(store, list(batch.values()))
        batch.clear()

    for path in mention_files(paths):
        yielded, before = 0, report.not_events
        for m in _told(gdelt.read_mentions(path, report), report, progress):
            yielded += 1
            report.parsed += 1
            row = m.row()
            batch[(row[0], row[6], row[7], row[8], row[9], row[10])] = row
            if len(batch) >= batch_size:
                flush()
        report.file_done(path, yielded, before)
    flush()
    if progress is not None:
        progress(report)
    return report


def mentions_of(store: Store, event_id: str | int) -> list[dict[str, object]]:
    """The stored mentions of one event (by `gdelt:<id>` or the bare GLOBALEVENTID)."""
    from realpolitik.store import gdelt_mentions

    eid = gdelt.gdelt_event_id(event_id) if str(event_id).isdigit() else str(event_id)
    return gdelt_mentions.mentions_of(store, eid)
