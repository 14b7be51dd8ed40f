"""Memory of `realpolitik` as the input grows: it should stay flat, not grow with the input.

Two measurements, each in child processes so that their memory is their own:

    .venv/bin/python benchmarks/bench_memory.py ingest     # ingest 1,000 / 4,000 / 16,000 documents
    BENCH_MEMORY_DOCS=1000,10000 .venv/bin/python benchmarks/bench_memory.py ingest
    .venv/bin/python benchmarks/bench_memory.py extract    # `realpolitik extract` over a 1 GB input
    BENCH_MEMORY_GB=1 BENCH_MEMORY_SECONDS=600 BENCH_MEMORY_FORMAT=txt .venv/bin/python benchmarks/bench_memory.py extract

`ingest`: writes a JSONL file of N documents (paragraphs of the seed article with a counter, so that none is a
duplicate) and ingests it into a fresh store through the CLI's path (`read_documents` -> `realpolitik.ingest.ingest`).
Prints documents, input MB, seconds, documents/s and peak RSS.

`extract`: writes a BENCH_MEMORY_GB input (default 1 GB) of real text from ../shared (PLOVER gold and PETRARCH
sentences and seed paragraphs, several per document, each document with its own report number and date, so
that the vocabulary keeps growing as real news does), as JSONL (one document per line) or as one plain-text
file (`txt`, read in parts). It then runs `realpolitik extract FILE --format jsonl` (default workers) and
samples every 2 s the memory of the process and its parsing workers (RSS, PSS, the main process alone) and how
far it has read the input. Runs to the end or for BENCH_MEMORY_SECONDS (parsing 1 GB takes hours on a laptop:
spaCy parses about 50-100 kB/s per core). BENCH_MEMORY_ZONES=0 runs the same without spaCy memory zones (to
show what they save). Prints the samples, memory after the first 5% of the time and at the end, and the
least-squares growth per 100 MB read.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REALPOLITIK_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "russia-algeria-2024-11-14.txt"
SIZES = [int(x) for x in os.environ.get("BENCH_MEMORY_DOCS", "1000,4000,16000").split(",")]
GB = float(os.environ.get("BENCH_MEMORY_GB", "1"))
SECONDS = float(os.environ.get("BENCH_MEMORY_SECONDS", "0")) or None
FORMAT = os.environ.get("BENCH_MEMORY_FORMAT", "jsonl")
ZONES = os.environ.get("BENCH_MEMORY_ZONES", "1") != "0"


# -- ingest ------------------------------------------------------------------------------------------------
def run_ingest(n: int) -> dict[str, float]:
    from realpolitik.ingest import ingest
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
            report = ingest(store, read_documents([str(path)]), workers=1)
        secs = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"docs": n, "mb": mb, "seconds": secs, "stored": report.stored, "rss_mib": rss}


def ingest_table() -> int:
    print(f"{'documents':>10} {'input MB':>9} {'seconds':>8} {'docs/s':>8} {'peak RSS MiB':>13}")
    for n in SIZES:
        out = subprocess.run(
            [sys.executable, __file__, "--ingest-size", str(n)], capture_output=True, text=True, check=False
        )
        if out.returncode != 0:
            print(f"{n}: failed\n{out.stderr[-1500:]}")
            return 1
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['docs']:>10.0f} {r['mb']:>9.1f} {r['seconds']:>8.1f} {r['docs'] / r['seconds']:>8.1f} "
            f"{r['rss_mib']:>13.0f}"
        )
    return 0


# -- extract over a large input -----------------------------------------------------------------------------
def real_pieces() -> list[str]:
    """Real sentences and paragraphs from ../shared."""
    from bench_extract import gold_sentences  # this directory is on sys.path when a benchmark runs

    pieces = [text for text, _date in gold_sentences(SHARED)]
    pieces.extend(p for p in SEED.read_text(encoding="utf-8").split("\n") if len(p) > 80)
    return [" ".join(p.split()) for p in pieces if p.strip()]


def write_input(path: Path, size_bytes: int, fmt: str) -> int:
    """A file of about `size_bytes` of documents made of real pieces; returns the number of documents."""
    import random

    pieces = real_pieces()
    rng = random.Random(7)
    n = written = 0
    with path.open("w", encoding="utf-8") as f:
        while written < size_bytes:
            body = " ".join(rng.choice(pieces) for _ in range(rng.randint(3, 8)))
            date = f"20{10 + n % 15:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
            text = f"Report {n} (filed {date}, ref. {rng.getrandbits(40):x}). {body}"
            if fmt == "jsonl":
                line = json.dumps({"id": f"r{n}", "text": text, "date": date}, ensure_ascii=False) + "\n"
            else:
                line = text + "\n\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    return n


def tree_memory_mib(pid: int) -> tuple[float, float, float]:
    """(RSS summed over the process and its descendants (the parsing workers), their PSS sum, the main
    process's own RSS), from /proc. Forked workers share pages with the main process: RSS counts those pages
    in every process, PSS divides them among the sharers, so the PSS sum is the memory really in use."""
    rss = pss = main = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        kib = int(line.split()[1]) / 1024
                        rss += kib
                        main = kib if p == pid else main
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) / 1024
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return rss, pss, main


def read_position(pid: int, path: Path) -> int | None:
    """How far the process has read `path` (the file position of its descriptor), or None."""
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        for fd in fd_dir.iterdir():
            try:
                if os.readlink(fd) == str(path):
                    for line in (Path(f"/proc/{pid}/fdinfo") / fd.name).read_text().splitlines():
                        if line.startswith("pos:"):
                            return int(line.split()[1])
            except OSError:
                continue
    except OSError:
        return None
    return None


def child_extract(path: str, zones: bool) -> int:
    """`realpolitik extract PATH --format jsonl --quiet` in this process, output discarded."""
    from contextlib import nullcontext

    from realpolitik.cli import main
    from realpolitik.extract import pipeline

    if not zones:
        pipeline.Extractor.memory_zone = lambda self: nullcontext()  # type: ignore[method-assign,assignment,return-value]
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the process ends with the command
    try:
        main(["extract", path, "--format", "jsonl", "--quiet"])
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def extract_run() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input.{FORMAT}"
        t0 = time.perf_counter()
        docs = write_input(path, int(GB * 1e9), FORMAT)
        size = path.stat().st_size
        print(
            f"input: {path.name}, {size / 1e6:,.0f} MB, {docs:,} documents, written in {time.perf_counter() - t0:.0f} s"
        )
        print(f"memory zones: {'on' if ZONES else 'off'}; time limit: {SECONDS or 'none'} s")
        cmd = [sys.executable, __file__, "--child-extract", str(path), "1" if ZONES else "0"]
        proc = subprocess.Popen(cmd, start_new_session=True)  # its own group: stopping it stops its workers
        start = time.perf_counter()
        samples: list[tuple[float, float, float, float, float]] = []  # seconds, MB read, RSS, PSS, main RSS
        print(f"{'seconds':>8} {'MB read':>9} {'RSS MiB':>8} {'PSS MiB':>8} {'main RSS':>9}")
        last_print = -1e9
        while proc.poll() is None:
            elapsed = time.perf_counter() - start
            if SECONDS and elapsed > SECONDS:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait()
                break
            pos = read_position(proc.pid, path)
            rss, pss, main_rss = tree_memory_mib(proc.pid)
            if pos is not None:
                samples.append((elapsed, pos / 1e6, rss, pss, main_rss))
                if elapsed - last_print >= 30:
                    print(f"{elapsed:>8.0f} {pos / 1e6:>9.1f} {rss:>8.0f} {pss:>8.0f} {main_rss:>9.0f}", flush=True)
                    last_print = elapsed
            time.sleep(2)
        finished = proc.returncode == 0
    if len(samples) < 3:
        print("too few samples")
        return 1
    total = samples[-1][0]
    steady = [s for s in samples if s[0] >= 0.05 * total]  # after start-up: model loaded, workers running
    first, end = steady[0], samples[-1]
    print(
        f"{'finished' if finished else 'stopped at the time limit'} after {total:.0f} s: read {end[1]:,.1f} of "
        f"{size / 1e6:,.0f} MB ({end[1] / total * 1000:.0f} kB/s)"
    )
    for name, col in (("RSS (process + parsing workers)", 2), ("PSS (process + workers)", 3), ("main RSS", 4)):
        print(
            f"{name}: at {first[0]:.0f} s {first[col]:.0f} MiB, at the end {end[col]:.0f} MiB, peak "
            f"{max(s[col] for s in samples):.0f} MiB; least-squares growth {slope(steady, col):+.1f} MiB per 100 MB "
            "read after the first 5% of the time"
        )
    return 0 if finished or SECONDS else 1


def slope(samples: Sequence[tuple[float, ...]], col: int) -> float:
    """Least-squares slope of RSS (MiB) against input read, per 100 MB: single samples are noisy (batches
    and worker restarts come and go), the trend is the claim."""
    xs = [s[1] for s in samples]
    ys = [s[col] for s in samples]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    var = sum((x - mx) ** 2 for x in xs)
    if var == 0:
        return float("nan")
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var * 100


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--ingest-size":
        print(json.dumps(run_ingest(int(sys.argv[2]))))
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "--child-extract":
        return child_extract(sys.argv[2], sys.argv[3] == "1")
    what = sys.argv[1] if len(sys.argv) > 1 else "ingest"
    if what == "ingest":
        return ingest_table()
    if what == "extract":
        return extract_run()
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
