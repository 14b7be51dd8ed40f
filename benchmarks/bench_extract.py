"""Extraction throughput: realpolitik end to end against the bare spaCy pipeline it runs on, same texts, same machine.

    .venv/bin/python benchmarks/bench_extract.py            # ~2,000 sentences (a few minutes at most)
    BENCH_SENTENCES=20000 .venv/bin/python benchmarks/bench_extract.py

Corpus (real text from ../shared): every gold/validation sentence (PLOVER gold standard JSON, PETRARCH unit-test
and validation XML), one document each, then the seed article repeated as whole documents until the corpus
holds about BENCH_SENTENCES sentences (counted by the parser).

Each measurement runs in its own child process, so that its peak RSS (resource.getrusage) is its own:
  (a) realpolitik: `get_extractor().extract_document(Document)` per document (what `realpolitik.extract()`
      does); (a') `extract_many(workers=1)`, the batched route in one process; (a'') `extract_many(workers=None)`,
      what the CLI's `extract`/`ingest` do by default (`--workers auto`: parsing in one process per CPU for
      inputs over 200,000 characters). spaCy's own `pipe` runs in one process, as a user would call it;
      both ratios are printed.
  (b) spaCy: `spacy.load(<the same pipeline package>).pipe(texts)`.
Model loading and a one-document warm-up are not timed; a document whose extraction raises is reported and its
sentences are not counted (its time is). Prints sentences/second, the ratio (a)/(b) and peak RSS.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REALPOLITIK_SHARED", ROOT.parent / "shared"))
TARGET = int(os.environ.get("BENCH_SENTENCES", "2000"))


def gold_sentences(shared: Path = SHARED) -> list[tuple[str, str | None]]:
    """(text, date) of every gold/validation sentence in ../shared: PLOVER gold, PETRARCH-2 validation and
    PETRARCH unit-test records (bench_memory builds its input from them too)."""
    from realpolitik.extract.eval_plover import petrarch_records, plover_gold

    docs = [(g.text, g.date) for g in plover_gold(shared / "eval/plover-gsr/PLOVER_GSR_CAMEO.json")]
    for name in ("PETR2_GSR_validation.xml", "PETR.UnitTest.records.xml"):
        docs.extend((s.text, s.date) for s in petrarch_records(shared / "eval" / name))
    return docs


def corpus(target: int = TARGET) -> list[tuple[str, str | None]]:
    """(text, publication date) documents: all gold sentences, then the seed article repeated."""
    docs = gold_sentences()
    seed = (SHARED / "seed/russia-algeria-2024-11-14.txt").read_text(encoding="utf-8")
    seed_sents = max(1, len(re.findall(r"[.!?](?:\s|$)", seed)))
    n = len(docs)  # one sentence each, roughly
    while n < target:
        docs.append((seed, "2024-11-14"))
        n += seed_sents
    return docs


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def pipeline_package() -> str:
    """The spaCy package realpolitik loads (realpolitik.extract.nlp.PIPELINE_PACKAGES, first installed)."""
    import importlib.util

    from realpolitik.extract.nlp import PIPELINE_PACKAGES

    for name in PIPELINE_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise SystemExit("no spaCy pipeline installed")


def phase_spacy(docs: list[tuple[str, str | None]]) -> dict[str, float]:
    import spacy

    nlp = spacy.load(pipeline_package())
    texts = [t for t, _ in docs]
    list(nlp.pipe(texts[:1]))
    t0 = time.perf_counter()
    n = sum(len(list(d.sents)) for d in nlp.pipe(texts, batch_size=64))
    secs = time.perf_counter() - t0
    return {"sentences": n, "seconds": secs, "rss_mib": peak_rss_mib()}


def phase_realpolitik(docs: list[tuple[str, str | None]]) -> dict[str, float]:
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.model import Document

    ex = get_extractor()
    ex.extract_document(Document(doc_id="warm", text=docs[0][0], date=docs[0][1]))
    t0 = time.perf_counter()
    n = events = 0
    failed = 0
    for i, (text, date) in enumerate(docs):
        try:
            out = ex.extract_document(Document(doc_id=str(i), text=text, date=date))
        except Exception:
            failed += 1
            continue
        n += len(out.sentences)
        events += len(out.events)
    secs = time.perf_counter() - t0
    return {"sentences": n, "seconds": secs, "events": events, "failed_docs": failed, "rss_mib": peak_rss_mib()}


def _phase_many(docs: list[tuple[str, str | None]], workers: int | None) -> dict[str, float]:
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.model import Document

    ex = get_extractor()
    ex.extract_document(Document(doc_id="warm", text=docs[0][0], date=docs[0][1]))
    documents = [Document(doc_id=str(i), text=t, date=d) for i, (t, d) in enumerate(docs)]
    t0 = time.perf_counter()
    n = events = 0
    for out in ex.extract_many(documents, batch_size=64, workers=workers):
        n += len(out.sentences)
        events += len(out.events)
    secs = time.perf_counter() - t0
    return {"sentences": n, "seconds": secs, "events": events, "rss_mib": peak_rss_mib()}


def phase_realpolitik_piped(docs: list[tuple[str, str | None]]) -> dict[str, float]:
    """`extract_many(workers=1)`: pre-parse filter, spaCy's `pipe` over each batch, then the coder, one process."""
    return _phase_many(docs, workers=1)


def phase_realpolitik_auto(docs: list[tuple[str, str | None]]) -> dict[str, float]:
    """`extract_many(workers=None)`: what `realpolitik extract`/`ingest` do by default (`--workers auto`): one
    process for small inputs, parsing in one process per CPU (at most 4) for larger ones."""
    return _phase_many(docs, workers=None)


PHASES = {
    "spacy": phase_spacy,
    "realpolitik": phase_realpolitik,
    "realpolitik_piped": phase_realpolitik_piped,
    "realpolitik_auto": phase_realpolitik_auto,
}


def run_phase(name: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name], capture_output=True, text=True, check=False, env=os.environ
    )
    if out.returncode != 0:
        print(f"{name}: failed\n{out.stderr[-2000:]}")
        return {}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--phase":
        print(json.dumps(PHASES[sys.argv[2]](corpus())))
        return 0
    docs = corpus()
    print(f"corpus: {len(docs)} documents, about {TARGET} sentences (BENCH_SENTENCES), pipeline {pipeline_package()}")
    results = {name: run_phase(name) for name in PHASES}
    rate = {}
    for name, r in results.items():
        if not r:
            continue
        rate[name] = r["sentences"] / r["seconds"]
        extra = f", {r['events']:.0f} events" if "events" in r else ""
        extra += f", {r['failed_docs']:.0f} documents raised (not counted)" if r.get("failed_docs") else ""
        print(
            f"{name:<18} {r['sentences']:.0f} sentences in {r['seconds']:.1f}s: {rate[name]:.1f} sentences/s"
            f"{extra}; peak RSS {r['rss_mib']:.0f} MiB"
        )
    if "spacy" in rate:
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        for name in ("realpolitik", "realpolitik_piped", "realpolitik_auto"):
            if name in rate:
                print(f"ratio {name}/spacy: {rate[name] / rate['spacy']:.3f}")
        print(f"SCORE extract_1proc_over_spacy_ratio {rate.get('realpolitik_piped', 0) / rate['spacy']:.3f}")
        print(f"SCORE extract_sentences_per_s {rate.get('realpolitik_auto', 0):.1f}")
        print(f"SCORE spacy_sentences_per_s {rate['spacy']:.1f}")
        if "realpolitik_auto" in rate:
            print(f"SCORE extract_over_spacy_ratio {rate['realpolitik_auto'] / rate['spacy']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
