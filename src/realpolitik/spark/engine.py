"""`realpolitik extract/ingest --engine spark`: the local extraction code, run over a Spark RDD of documents.

- The driver reads the inputs with the same reader as the local engine (`sources.articles.read_documents`),
  so doc ids, dates and texts are the same; each document gets its input position `seq`. It streams them:
  documents go to Spark in batches (`batches`: at most `REALPOLITIK_SPARK_BATCH_DOCS` documents or
  `REALPOLITIK_SPARK_BATCH_CHARS` characters), each batch one job, so the driver never holds more than one
  batch of texts however large the input.
- Executors run `extract_partition` (mapPartitions): the extractor (spaCy pipeline included) is built once
  per Python worker and cached at module level (`_extractor`), and Spark reuses workers between tasks.
- `extract_with_spark` returns the records ordered by (input position, event index): the same list, in the
  same order, as the local engine prints.
- `ingest_with_spark` writes the events as Parquet partitioned by month (`scale.PARTITION`) from the
  executors, then stores every document's extraction in the DuckDB store on the driver, one transaction per
  document as `realpolitik.ingest` does (documents already stored are not sent to Spark at all).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from itertools import chain, count
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.model import Document
from realpolitik.store.schema import EVENT_COLUMNS

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

    from realpolitik.extract.pipeline import Extraction

_EXTRACTOR: Any = None  # one per Python worker process


def _extractor() -> Any:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        from realpolitik.extract.pipeline import get_extractor

        _EXTRACTOR = get_extractor()
    return _EXTRACTOR


DocTuple = tuple[int, str, str, "str | None", "str | None", "str | None", "str | None", int]


def doc_tuple(seq: int, doc: Document) -> DocTuple:
    return (seq, doc.doc_id, doc.text, doc.date, doc.path, doc.url, doc.title, doc.offset)


def _document(t: DocTuple) -> Document:
    return Document(doc_id=t[1], text=t[2], date=t[3], path=t[4], url=t[5], title=t[6], offset=t[7])


def extract_partition(docs: Iterable[DocTuple]) -> Iterator[tuple[int, Extraction]]:
    """(input position, extraction) for each document of a partition."""
    ex = _extractor()
    for t in docs:
        yield t[0], ex.extract_document(_document(t))


def records_partition(docs: Iterable[DocTuple]) -> Iterator[tuple[int, int, str]]:
    """(input position, event index, JSON record) for each event of a partition's documents."""
    for seq, extraction in extract_partition(docs):
        for i, rec in enumerate(extraction.events):
            yield seq, i, json.dumps(rec.to_dict(), ensure_ascii=False)


def event_rows_of(extraction: Extraction) -> list[tuple]:
    """The events table rows of one extraction (as `Store.add_extraction` writes them) plus the month."""
    from realpolitik.store.db import event_row

    doc = extraction.document
    rows: dict[str, tuple] = {}
    for rec in extraction.events:
        row = event_row(rec, doc.key, doc.url)
        rows.setdefault(row[0], row)
    return [spark_event_row(r) for r in rows.values()]


def spark_event_row(row: tuple) -> tuple:
    """A flat events-table row with date_start as a date and the month partition appended."""
    i = EVENT_COLUMNS.index("date_start")
    ds = row[i]
    d = dt.date.fromisoformat(ds) if isinstance(ds, str) and ds else (ds or None)
    month = d.strftime("%Y-%m") if d else "undated"
    return (*row[:i], d, *row[i + 1 :], month)


def events_spark_schema() -> StructType:
    """The events table's columns as a Spark schema, plus the `month` partition column."""
    from realpolitik.store.bulk import events_arrow_schema

    return spark_schema(events_arrow_schema())


def spark_schema(arrow_fields: Any) -> StructType:
    """Arrow fields (the store's column types) as a Spark schema, plus the `month` partition column."""
    from pyspark.sql import types as T

    from realpolitik.store.scale import PARTITION

    def spark_type(t: Any) -> Any:
        s = str(t)
        if s == "int32":
            return T.IntegerType()
        if s == "double":
            return T.DoubleType()
        if s == "bool":
            return T.BooleanType()
        if s.startswith("date32"):
            return T.DateType()
        if s.startswith("list"):
            return T.ArrayType(T.StringType())
        return T.StringType()

    fields = [T.StructField(f.name, spark_type(f.type), True) for f in arrow_fields]
    return T.StructType([*fields, T.StructField(PARTITION, T.StringType(), False)])


#: A batch sent to Spark: at most this many documents ...
BATCH_DOCS = int(os.environ.get("REALPOLITIK_SPARK_BATCH_DOCS", "4000"))
#: ... or this many characters of text (what the driver holds at once, serialised once more by Spark).
BATCH_CHARS = int(os.environ.get("REALPOLITIK_SPARK_BATCH_CHARS", str(64_000_000)))


def _read(paths: list[str], date: str | None) -> Iterator[Document]:
    """The documents, read lazily; every path is checked first, so that a missing one fails before Spark
    starts and before any output (as with the local engine)."""
    from realpolitik.errors import InputError
    from realpolitik.sources.articles import read_documents

    for p in paths:
        if p != "-" and not Path(p).exists():
            raise InputError("no such file or directory", p)
    return iter(read_documents(paths, date=date))


def batches(
    docs: Iterable[Document], max_docs: int | None = None, max_chars: int | None = None
) -> Iterator[list[DocTuple]]:
    """The documents as consecutive batches of (input position, ...) tuples, read lazily: a batch is full at
    `max_docs` documents or `max_chars` characters (a longer document is a batch of its own)."""
    max_docs = max_docs or BATCH_DOCS
    max_chars = max_chars or BATCH_CHARS
    batch: list[DocTuple] = []
    chars = 0
    for seq, doc in zip(count(), docs, strict=False):
        if batch and (len(batch) >= max_docs or chars + len(doc.text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(doc_tuple(seq, doc))
        chars += len(doc.text)
    if batch:
        yield batch


def documents_rdd(spark: SparkSession, batch: list[DocTuple], partitions: int | None = None) -> RDD:
    """One batch of document tuples as an RDD."""
    sc = spark.sparkContext
    n = partitions or max(1, min(len(batch), sc.defaultParallelism * 4))
    return sc.parallelize(batch, n)


def extract_documents(
    spark: SparkSession, docs: Iterable[Document], partitions: int | None = None, batch_docs: int | None = None
) -> Iterator[dict[str, Any]]:
    """Event records of `docs` extracted on Spark, in the local engine's order, batch after batch (each
    batch sorted by input position and event index; batches follow the input, so the whole is in order)."""
    for batch in batches(docs, batch_docs):
        rdd = documents_rdd(spark, batch, partitions).mapPartitions(records_partition)
        for line in rdd.sortBy(lambda t: (t[0], t[1]), numPartitions=1).map(lambda t: t[2]).toLocalIterator():
            yield json.loads(line)


def extract_with_spark(
    paths: list[str],
    date: str | None = None,
    master: str | None = None,
    quiet: bool = False,
    partitions: int | None = None,
    batch_docs: int | None = None,
) -> Iterator[dict[str, Any]]:
    """`realpolitik extract --engine spark`: the records the local engine prints, computed on Spark, yielded
    as each batch of documents is done. A missing input or a bad line is raised before Spark starts only when
    it is in the first document; a bad line later ends the stream where it is, as in the local engine."""
    from realpolitik.spark.session import get_spark

    docs = _read(paths, date)
    first = next(docs, None)  # no Spark session for an empty input
    if first is None:
        return
    spark = get_spark(master, quiet=quiet)
    yield from extract_documents(spark, chain([first], docs), partitions, batch_docs)


def default_parquet_dir(db: str) -> str:
    """Where `ingest --engine spark` keeps its Parquet events: $REALPOLITIK_PARQUET, else beside the store."""
    env = os.environ.get("REALPOLITIK_PARQUET")
    if env:
        return env
    p = Path(db)
    return str(p.with_name(p.stem + ".events.parquet"))


def ingest_with_spark(
    paths: list[str],
    db: str,
    date: str | None = None,
    master: str | None = None,
    quiet: bool = False,
    parquet_dir: str | None = None,
    partitions: int | None = None,
    batch_docs: int | None = None,
) -> dict[str, Any]:
    """`realpolitik ingest --engine spark`: extract on Spark, write Parquet events partitioned by month,
    store documents/sentences/mentions/actors/events in the DuckDB store. Returns what was done.

    Documents already stored (or seen earlier in the input) are not sent to Spark; the others go batch after
    batch (`batches`), each batch's events appended to the Parquet directory and its documents stored, in
    input order, before the next batch is read."""
    import click

    from realpolitik.spark.session import get_spark, require_pyspark
    from realpolitik.store.db import Store

    docs = _read(paths, date)  # paths checked before the store is opened: a mistyped one creates no store
    require_pyspark()
    out_dir = parquet_dir or default_parquet_dir(db)
    stored = skipped = events = 0
    spark: SparkSession | None = None
    with Store(db) as store:
        seen: set[str] = set()

        def fresh() -> Iterator[Document]:
            nonlocal skipped
            for d in docs:
                if d.key in seen or store.has_document(d.key):
                    skipped += 1
                else:
                    seen.add(d.key)
                    yield d

        for batch in batches(fresh(), batch_docs):
            spark = spark or get_spark(master, quiet=quiet)
            for ex in _extract_batch(spark, batch, partitions, out_dir):
                events += store.add_extraction(ex)
                stored += 1
        summary = {
            "stored": stored,
            "skipped": skipped,
            "events": events,
            "parquet": out_dir if stored else None,
            "documents_in_store": store.count("documents"),
            "events_in_store": store.count("events"),
        }
    click.echo(
        f"{stored} documents stored, {skipped} already present, {events} events added (Spark); "
        f"store {db} holds {summary['documents_in_store']} documents, {summary['events_in_store']} events"
        + (f"; Parquet events in {out_dir}" if stored else ""),
        err=quiet is False,
    )
    return summary


def _extract_batch(
    spark: SparkSession, batch: list[DocTuple], partitions: int | None, out_dir: str
) -> Iterator[Extraction]:
    """One batch extracted on Spark: its events appended to the Parquet directory, then its extractions
    yielded in input order (from the persisted RDD, so each document is parsed once)."""
    from pyspark import StorageLevel

    from realpolitik.store.scale import PARTITION

    extracted = documents_rdd(spark, batch, partitions).mapPartitions(extract_partition)
    extracted.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        rows = extracted.flatMap(lambda t: event_rows_of(t[1]))
        df = spark.createDataFrame(rows, schema=events_spark_schema())
        # append: documents already stored never reach Spark, so runs (and batches) add disjoint events
        df.write.mode("append").partitionBy(PARTITION).parquet(out_dir)
        for _, ex in extracted.sortByKey(numPartitions=1).toLocalIterator():
            yield ex
    finally:
        extracted.unpersist()
