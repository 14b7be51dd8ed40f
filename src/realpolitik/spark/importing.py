"""`realpolitik import gdelt|icews|polecat|acled --engine spark`: bulk event files parsed on Spark.

Each file is one task; the executors run the same readers as the local import (the entries of
`realpolitik.event_sources.SOURCES`), so skipped lines are reported with the same file:line and reason, and
the rows carry the same ids, places and figures (`store.schema.IMPORTED_EVENT_COLUMNS`).
Events are de-duplicated by id on Spark, written as Parquet partitioned by month, and then loaded into the
DuckDB store (ids already stored are left alone), so `realpolitik` and DuckDB read both.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from realpolitik.event_sources import files_of, iter_rows, source
from realpolitik.sources.event_files import ImportReport, Skip


def parse_partition(kind: str, paths: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """('e', events-table row + month) for each event, then ('r', report fields) per file."""
    from realpolitik.spark.engine import spark_event_row

    src = source(kind)
    for path in paths:
        report = ImportReport()
        for row in iter_rows(src, [path], report):
            report.parsed += 1
            yield "e", spark_event_row(row)
        yield (
            "r",
            (
                report.files,
                report.rows,
                report.parsed,
                report.not_events,
                report.skipped,
                dict(report.reasons),
                [(s.path, s.line, s.reason) for s in report.skips],
                list(report.barren),
                list(report.broken),
            ),
        )


def imported_spark_schema() -> Any:
    """The imported events' columns (`store.schema.IMPORTED_EVENT_COLUMNS`) as a Spark schema, plus `month`."""
    from realpolitik.spark.engine import spark_schema
    from realpolitik.store.bulk import arrow_schema
    from realpolitik.store.schema import IMPORTED_EVENT_COLUMNS

    return spark_schema(arrow_schema(IMPORTED_EVENT_COLUMNS))


def import_with_spark(
    kind: str,
    paths: list[str],
    db: str,
    master: str | None = None,
    parquet_dir: str | None = None,
    quiet: bool = True,
) -> tuple[ImportReport, str]:
    """Parse event files on Spark into Parquet (partitioned by month) and load them into the store. The
    driver sends file names only: each file is read on an executor."""
    from realpolitik.spark.session import get_spark, require_pyspark

    require_pyspark()
    from pyspark import StorageLevel

    from realpolitik.store.db import Store
    from realpolitik.store.imported import load_parquet
    from realpolitik.store.scale import PARTITION

    files = files_of(source(kind), paths)
    spark = get_spark(master, quiet=quiet)
    sc = spark.sparkContext
    parsed = sc.parallelize(files, max(1, len(files))).mapPartitions(lambda it: parse_partition(kind, it))
    parsed.persist(StorageLevel.MEMORY_AND_DISK)
    out_dir = parquet_dir or tempfile.mkdtemp(prefix=f"realpolitik-{kind}-")
    report = ImportReport(kind="events")
    try:
        rows = parsed.filter(lambda t: t[0] == "e").map(lambda t: t[1])
        df = spark.createDataFrame(rows, schema=imported_spark_schema()).dropDuplicates(["event_id"])
        df.write.mode("append" if parquet_dir else "overwrite").partitionBy(PARTITION).parquet(out_dir)
        for _, (n_files, n_rows, n_parsed, not_events, n_skipped, reasons, skips, barren, broken) in parsed.filter(
            lambda t: t[0] == "r"
        ).collect():
            part = ImportReport(files=n_files, rows=n_rows, parsed=n_parsed, not_events=not_events, skipped=n_skipped)
            part.reasons.update(reasons)
            part.skips = [Skip(p, line, reason) for p, line, reason in skips]
            part.barren = list(barren)
            part.broken = list(broken)
            report.merge(part)
    finally:
        parsed.unpersist()
    with Store(db) as store:
        if os.path.isdir(out_dir) and any(f.endswith(".parquet") for _, _, fs in os.walk(out_dir) for f in fs):
            report.inserted = load_parquet(store, out_dir)
    return report, out_dir
