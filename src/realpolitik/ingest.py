"""Ingest: extract documents, then write them to the store, streamed, in batches of whole documents.

Why a module of its own, above `extract/` and `store/`: data flows one way (sources -> extract -> store), so
the store only stores (`Store.stored_keys`, `Store.add_extractions`, `Store.memory_limit`) and never imports
the extractor; this module joins the two, as `event_sources` joins the event readers and the store.

The guarantees are the store's: a failure on document N (a malformed input line, a crash in extraction)
leaves documents 1..N-1 stored and nothing of N, and re-ingesting the same text changes nothing (the content
hash is the identity).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from realpolitik.model import Document, Extraction

if TYPE_CHECKING:
    from realpolitik.store.db import Store

#: Documents written per transaction (fewer, larger statements); a failure still keeps the ones before.
INGEST_BATCH_DOCS = 64
#: Documents checked against the store per query, and how many recent keys are remembered.
CHECK_CHUNK_DOCS = 256
RECENT_KEYS = 10_000
#: DuckDB's memory limit while ingesting: enough for a batch; the store's cache must not grow with the input.
INGEST_MEMORY_LIMIT = "256MB"

#: Called once per input document, for a progress bar: as it is coded, or as it is skipped (already stored).
Progress = Callable[[Document], Any]


@dataclass
class IngestReport:
    """What an ingest did: documents stored, skipped as already present, events added."""

    stored: int = 0
    skipped: int = 0
    events: int = 0


def ingest(
    store: Store,
    documents: Iterable[Document],
    extractor: Any = None,
    progress: Progress | None = None,
    workers: int | None = 1,
) -> IngestReport:
    """Extract and store documents, streamed, written in batches of whole documents.

    An exception from the document iterator (a malformed line) or from extraction propagates after the
    documents before it were committed. `workers`: parsing processes (None: the extractor decides).
    """
    from realpolitik.extract.pipeline import get_extractor

    extractor = extractor or get_extractor()
    report = IngestReport()
    with store.memory_limit(INGEST_MEMORY_LIMIT):
        _write_stream(store, extractor, new_documents(store, documents, report, progress), report, progress, workers)
    return report


def new_documents(
    store: Store, documents: Iterable[Document], report: IngestReport, progress: Progress | None = None
) -> Iterator[Document]:
    """The documents not stored yet, checked against the store a chunk at a time (the skipped ones counted
    in `report`). Repeats within the input are caught here when close together, and at writing time
    otherwise."""
    from realpolitik.extract.pipeline import batches

    recent: OrderedDict[str, None] = OrderedDict()  # bounded: memory must not grow with the input
    # a malformed input line ends `batches` after the documents read before it have come through
    for chunk in batches(documents, CHECK_CHUNK_DOCS):
        keys = [d.key for d in chunk]  # a hash of the whole text: computed once
        known = store.stored_keys(keys)
        for doc, key in zip(chunk, keys, strict=True):
            if key in known or key in recent:
                report.skipped += 1
                if progress is not None:
                    progress(doc)
                continue
            recent[key] = None
            if len(recent) > RECENT_KEYS:
                recent.popitem(last=False)
            yield doc


def _write_stream(
    store: Store,
    extractor: Any,
    documents: Iterator[Document],
    report: IngestReport,
    progress: Progress | None,
    workers: int | None,
) -> None:
    """Extract `documents` and write them in batches, counting in `report`; an error from the input or the
    extraction is raised once the documents before it are stored."""
    pending: list[Extraction] = []

    def flush() -> None:
        added = store.add_extractions(pending)
        for n in added:
            if n is None:  # a repeat of a document stored since it was checked
                report.skipped += 1
            else:
                report.events += n
                report.stored += 1
        pending.clear()

    # batches are parsed together (spaCy's pipe) and written together; an input or extraction error still
    # stores every document read before it
    try:
        for ex in extractor.extract_many(documents, workers=workers):
            if progress is not None:  # per document as it is coded (the write of its batch follows)
                progress(ex.document)
            pending.append(ex)
            if len(pending) >= INGEST_BATCH_DOCS:
                flush()
    except BaseException:
        if pending:
            flush()
        raise
    flush()
