"""`realpolitik import gdelt|icews|polecat --engine spark`: bulk event files parsed on Spark.

Each file is one task; the executors run the same parsers as the local import (`sources.gdelt`,
`sources.icews`, `sources.polecat`), so skipped lines are reported with the same file:line and reason.
Events are de-duplicated by id on Spark, written as Parquet partitioned by month, and then loaded into the
DuckDB store (ids already stored are left alone), so `realpolitik` and DuckDB read both.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from realpolitik.sources.event_files import ImportReport, Skip, expand_paths

KINDS = ("gdelt", "icews", "polecat")


def _module(kind: str) -> Any:
    if kind == "gdelt":
        from realpolitik.sources import gdelt

        return gdelt
    if kind == "icews":
        from realpolitik.sources import icews

        return icews
    if kind == "polecat":
        from realpolitik.sources import polecat

        return polecat
    raise ValueError(f"unknown event data kind {kind!r}; one of {', '.join(KINDS)}")


def _suffixes(kind: str) -> tuple[str, ...]:
    m = _module(kind)
    return getattr(m, "EVENT_SUFFIXES", None) or m.SUFFIXES


def parse_partition(kind: str, paths: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """('e', events-table row + month) for each event, then ('r', report fields) per file."""
    from realpolitik.spark.engine import spark_event_row

    module = _module(kind)
    for path in paths:
        report = ImportReport()
        for row in module.iter_event_rows([path], report):
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
            ),
        )


def import_with_spark(
    kind: str,
    paths: list[str],
    db: str,
    master: str | None = None,
    parquet_dir: str | None = None,
    quiet: bool = True,
) -> tuple[ImportReport, str]:
    """Parse event files on Spark into Parquet (partitioned by month) and load them into the store."""
    from pyspark import StorageLevel

    from realpolitik.spark.engine import events_spark_schema
    from realpolitik.spark.session import get_spark
    from realpolitik.store.db import Store
    from realpolitik.store.scale import PARTITION, load_parquet_events

    files = expand_paths(paths, _suffixes(kind), exclude=(".mentions.", ".gkg.") if kind == "gdelt" else ())
    spark = get_spark(master, quiet=quiet)
    sc = spark.sparkContext
    parsed = sc.parallelize(files, max(1, len(files))).mapPartitions(lambda it: parse_partition(kind, it))
    parsed.persist(StorageLevel.MEMORY_AND_DISK)
    out_dir = parquet_dir or tempfile.mkdtemp(prefix=f"realpolitik-{kind}-")
    report = ImportReport(kind="events")
    try:
        rows = parsed.filter(lambda t: t[0] == "e").map(lambda t: t[1])
        df = spark.createDataFrame(rows, schema=events_spark_schema()).dropDuplicates(["event_id"])
        df.write.mode("append" if parquet_dir else "overwrite").partitionBy(PARTITION).parquet(out_dir)
        for _, (n_files, n_rows, n_parsed, not_events, n_skipped, reasons, skips) in parsed.filter(
            lambda t: t[0] == "r"
        ).collect():
            part = ImportReport(files=n_files, rows=n_rows, parsed=n_parsed, not_events=not_events, skipped=n_skipped)
            part.reasons.update(reasons)
            part.skips = [Skip(p, line, reason) for p, line, reason in skips]
            report.merge(part)
    finally:
        parsed.unpersist()
    with Store(db) as store:
        if os.path.isdir(out_dir) and any(f.endswith(".parquet") for _, _, fs in os.walk(out_dir) for f in fs):
            report.inserted = load_parquet_events(store, out_dir)
    return report, out_dir
