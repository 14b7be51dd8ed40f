"""`realpolitik extract/ingest --engine spark`: the local extraction code, run over a Spark RDD of documents.

- The driver reads the inputs with the same reader as the local engine (`sources.articles.read_documents`),
  so doc ids, dates and texts are the same; each document gets its input position `seq`.
- Executors run `extract_partition` (mapPartitions): the extractor (spaCy pipeline included) is built once
  per Python worker and cached at module level (`_extractor`), and Spark reuses workers between tasks.
- `extract_with_spark` returns the records ordered by (input position, event index): the same list, in the
  same order, as the local engine prints.
- `ingest_with_spark` writes the events as Parquet partitioned by month (`scale.PARTITION`) from the
  executors, then stores every document's extraction in the DuckDB store on the driver, one transaction per
  document as `Store.ingest` does (documents already stored are not sent to Spark at all).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
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
    from pyspark.sql import types as T

    from realpolitik.store.bulk import events_arrow_schema
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

    fields = [T.StructField(f.name, spark_type(f.type), True) for f in events_arrow_schema()]
    return T.StructType([*fields, T.StructField(PARTITION, T.StringType(), False)])


def _read(paths: list[str], date: str | None) -> list[Document]:
    from realpolitik.sources.articles import read_documents

    return list(read_documents(paths, date=date))


def documents_rdd(spark: SparkSession, docs: list[Document], partitions: int | None = None) -> RDD:
    sc = spark.sparkContext
    n = partitions or max(1, min(len(docs), sc.defaultParallelism * 4))
    return sc.parallelize([doc_tuple(i, d) for i, d in enumerate(docs)], n)


def extract_documents(spark: SparkSession, docs: list[Document], partitions: int | None = None) -> list[dict[str, Any]]:
    """Event records of `docs` extracted on Spark, in the local engine's order."""
    if not docs:
        return []
    rdd = documents_rdd(spark, docs, partitions).mapPartitions(records_partition)
    out = rdd.sortBy(lambda t: (t[0], t[1]), numPartitions=1).map(lambda t: t[2]).collect()
    return [json.loads(s) for s in out]


def extract_with_spark(
    paths: list[str],
    date: str | None = None,
    master: str | None = None,
    quiet: bool = False,
    partitions: int | None = None,
) -> list[dict[str, Any]]:
    """`realpolitik extract --engine spark`: the records the local engine prints, computed on Spark."""
    from realpolitik.spark.session import get_spark

    docs = _read(paths, date)
    spark = get_spark(master, quiet=quiet)
    return extract_documents(spark, docs, partitions)


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
) -> dict[str, Any]:
    """`realpolitik ingest --engine spark`: extract on Spark, write Parquet events partitioned by month,
    store documents/sentences/mentions/actors/events in the DuckDB store. Returns what was done."""
    import click
    from pyspark import StorageLevel

    from realpolitik.spark.session import get_spark
    from realpolitik.store.db import Store

    docs = _read(paths, date)
    out_dir = parquet_dir or default_parquet_dir(db)
    stored = skipped = events = 0
    with Store(db) as store:
        todo, seen = [], set()
        for d in docs:
            if d.key in seen or store.has_document(d.key):
                skipped += 1
            else:
                seen.add(d.key)
                todo.append(d)
        if todo:
            spark = get_spark(master, quiet=quiet)
            extracted = documents_rdd(spark, todo, partitions).mapPartitions(extract_partition)
            extracted.persist(StorageLevel.MEMORY_AND_DISK)
            try:
                rows = extracted.flatMap(lambda t: event_rows_of(t[1]))
                from realpolitik.store.scale import PARTITION

                df = spark.createDataFrame(rows, schema=events_spark_schema())
                # append: documents already stored never reach Spark, so runs add disjoint events
                df.write.mode("append").partitionBy(PARTITION).parquet(out_dir)
                for _, ex in extracted.sortByKey(numPartitions=1).toLocalIterator():
                    n = store.add_extraction(ex)
                    events += n
                    stored += 1
            finally:
                extracted.unpersist()
        summary = {
            "stored": stored,
            "skipped": skipped,
            "events": events,
            "parquet": out_dir if todo else None,
            "documents_in_store": store.count("documents"),
            "events_in_store": store.count("events"),
        }
    click.echo(
        f"{stored} documents stored, {skipped} already present, {events} events added (Spark); "
        f"store {db} holds {summary['documents_in_store']} documents, {summary['events_in_store']} events"
        + (f"; Parquet events in {out_dir}" if todo else ""),
        err=quiet is False,
    )
    return summary
