"""GDELT 2.0 import rate in rows per second: parsing alone, and parsing + storing in a DuckDB store.

The input is the 12 real export rows of ../shared/data/gdelt repeated with fresh GLOBALEVENTIDs (so nothing
collapses) into one export file of BENCH_GDELT_ROWS rows (default 200,000, about a day of GDELT), plain and
zipped as GDELT publishes it. Printed, not asserted.

    python benchmarks/bench_gdelt_import.py
    BENCH_GDELT_ROWS=1000000 BENCH_GDELT_SPARK=1 python benchmarks/bench_gdelt_import.py   # + Spark local[*]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SAMPLE = ROOT.parent / "shared" / "data" / "gdelt" / "gdelt2_export_12rows.export.CSV"


def make_file(out: Path, n: int) -> Path:
    rows = [line.split("\t") for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            f = list(rows[i % len(rows)])
            f[0] = str(2_000_000_000 + i)
            fh.write("\t".join(f) + "\n")
    return out


def main() -> None:
    from realpolitik.event_sources import SOURCES, import_events, iter_rows
    from realpolitik.sources.event_files import ImportReport
    from realpolitik.store.db import Store

    n = int(os.environ.get("BENCH_GDELT_ROWS", "200000"))
    tmp = Path(tempfile.mkdtemp(prefix="rp-bench-gdelt-"))
    try:
        plain = make_file(tmp / "20240820000000.export.CSV", n)
        zipped = tmp / "20240820000000.export.CSV.zip"
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(plain, plain.name)
        print(
            f"{n:,} GDELT export rows ({plain.stat().st_size / 1e6:.0f} MB plain, {zipped.stat().st_size / 1e6:.0f} MB zip)"
        )

        t = time.perf_counter()
        report = ImportReport()
        k = sum(1 for _ in iter_rows(SOURCES["gdelt"], [str(plain)], report))
        secs = time.perf_counter() - t
        print(f"  parse only (plain)       {secs:7.2f} s  {n / secs:>10,.0f} rows/s  ({k:,} events)")

        for label, path in (("plain", plain), ("zip", zipped)):
            db = tmp / f"{label}.duckdb"
            t = time.perf_counter()
            with Store(db) as store:
                rep = import_events("gdelt", store, [str(path)])
            secs = time.perf_counter() - t
            print(
                f"  parse + store ({label:<5})    {secs:7.2f} s  {n / secs:>10,.0f} rows/s  "
                f"({rep.inserted:,} stored, {rep.duplicates} duplicates, {rep.skipped} skipped)"
            )
        t = time.perf_counter()
        with Store(tmp / "plain.duckdb") as store:
            rep = import_events("gdelt", store, [str(plain)])
        secs = time.perf_counter() - t
        print(f"  re-import, all duplicates {secs:7.2f} s  {n / secs:>10,.0f} rows/s  ({rep.duplicates:,} collapsed)")

        if os.environ.get("BENCH_GDELT_SPARK"):
            from realpolitik.spark.importing import import_with_spark
            from realpolitik.spark.session import get_spark

            get_spark()
            parts = tmp / "parts"
            parts.mkdir()
            lines = plain.read_text(encoding="utf-8").splitlines(keepends=True)
            k = max(1, (os.cpu_count() or 2) * 2)
            for i in range(k):  # GDELT comes as many files; Spark parses one file per task
                (parts / f"part{i:03d}.export.CSV").write_text("".join(lines[i::k]), encoding="utf-8")
            t = time.perf_counter()
            rep, _ = import_with_spark("gdelt", [str(parts)], db=str(tmp / "spark.duckdb"))
            secs = time.perf_counter() - t
            print(f"  Spark local[*] ({k} files) {secs:7.2f} s  {n / secs:>10,.0f} rows/s  ({rep.inserted:,} stored)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
