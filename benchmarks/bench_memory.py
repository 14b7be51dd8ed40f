"""Peak memory of `realpolitik ingest` as the input grows: it should stay flat, not grow with the input.

    .venv/bin/python benchmarks/bench_memory.py            # 1,000 / 4,000 / 16,000 documents (a few minutes)
    BENCH_MEMORY_DOCS=1000,10000,100000 .venv/bin/python benchmarks/bench_memory.py

Each size runs in its own child process, which writes a JSONL file of that many documents (paragraphs of the
seed article with a counter, so that no two are identical and none is skipped as a duplicate) and ingests it
into a fresh store through the CLI's path (`read_documents` -> `Store.ingest`, documents streamed, one
transaction each). Prints documents, input MB, seconds and peak RSS; a flat RSS column is the claim.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "russia-algeria-2024-11-14.txt"
SIZES = [int(x) for x in os.environ.get("BENCH_MEMORY_DOCS", "1000,4000,16000").split(",")]


def run(n: int) -> dict[str, float]:
    from realpolitik.sources.articles import read_documents
    from realpolitik.store.db import Store

    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if len(p) > 80]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(n):
                text = f"{paragraphs[i % len(paragraphs)]} (item {i})"
                f.write(json.dumps({"id": f"d{i}", "text": text, "date": "2024-11-14"}) + "\n")
        mb = path.stat().st_size / 1e6
        t0 = time.perf_counter()
        with Store(Path(tmp) / "s.duckdb") as store:
            report = store.ingest(read_documents([str(path)]), workers=1)
        secs = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"docs": n, "mb": mb, "seconds": secs, "stored": report.stored, "rss_mib": rss}


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--size":
        print(json.dumps(run(int(sys.argv[2]))))
        return 0
    print(f"{'documents':>10} {'input MB':>9} {'seconds':>8} {'docs/s':>8} {'peak RSS MiB':>13}")
    for n in SIZES:
        out = subprocess.run([sys.executable, __file__, "--size", str(n)], capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(f"{n}: failed\n{out.stderr[-1500:]}")
            return 1
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['docs']:>10.0f} {r['mb']:>9.1f} {r['seconds']:>8.1f} {r['docs'] / r['seconds']:>8.1f} {r['rss_mib']:>13.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
