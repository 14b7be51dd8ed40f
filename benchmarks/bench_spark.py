"""Local engine vs Spark engine on the same corpus: wall time of each and whether the records are identical
(byte-identical JSON lines after sorting, and in the same order).

The corpus is BENCH_SPARK_DOCS documents (default 500; 10000 for the issue's check) of BENCH_SPARK_PER_DOC
(default 3) of the seed article's paragraphs each (`realpolitik.spark.corpus`). Spark runs in local[*] unless BENCH_SPARK_MASTER is set;
its time includes starting the executors' Python workers and loading spaCy in each, not the JVM start.
Printed, not asserted.

    python benchmarks/bench_spark.py
    BENCH_SPARK_DOCS=10000 python benchmarks/bench_spark.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SEED = ROOT.parent / "shared" / "seed" / "russia-algeria-2024-11-14.txt"


def main() -> None:
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.sources.articles import read_documents
    from realpolitik.spark.corpus import lines, sentences_from, write_corpus
    from realpolitik.spark.engine import extract_with_spark
    from realpolitik.spark.session import get_spark

    n = int(os.environ.get("BENCH_SPARK_DOCS", "500"))
    master = os.environ.get("BENCH_SPARK_MASTER")
    tmp = Path(tempfile.mkdtemp(prefix="rp-bench-spark-"))
    try:
        per_doc = int(os.environ.get("BENCH_SPARK_PER_DOC", "3"))
        corpus = write_corpus(tmp / "corpus.jsonl", n, sentences_from(SEED.read_text(encoding="utf-8")), per_doc)
        print(
            f"corpus: {n:,} documents of {per_doc} seed paragraphs ({corpus.stat().st_size / 1e6:.1f} MB), "
            f"cpus: {os.cpu_count()}",
            flush=True,
        )

        t = time.perf_counter()
        ex = get_extractor()
        load = time.perf_counter() - t
        t = time.perf_counter()
        local = lines(e.to_dict() for d in read_documents([str(corpus)]) for e in ex.extract_document(d).events)
        t_local = time.perf_counter() - t
        print(
            f"  local engine   {t_local:8.1f} s  {n / t_local:7.1f} docs/s  {len(local):,} events (+{load:.1f} s model load)"
        )

        t = time.perf_counter()
        spark = get_spark(master)
        t_start = time.perf_counter() - t
        t = time.perf_counter()
        remote = lines(extract_with_spark([str(corpus)], master=master, quiet=True))
        t_spark = time.perf_counter() - t
        print(
            f"  Spark engine   {t_spark:8.1f} s  {n / t_spark:7.1f} docs/s  {len(remote):,} events "
            f"({spark.sparkContext.master}, {spark.sparkContext.defaultParallelism} cores; +{t_start:.1f} s session start)"
        )
        same_sorted = sorted(local) == sorted(remote)
        print(f"  identical records after sorting: {same_sorted}; identical order too: {local == remote}")
        if not same_sorted:
            only_l = set(local) - set(remote)
            only_r = set(remote) - set(local)
            print(f"  differ: {len(only_l)} only local, {len(only_r)} only Spark")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
