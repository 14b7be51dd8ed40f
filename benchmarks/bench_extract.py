"""Extraction speed on real news sentences: realpolitik against the bare spaCy pipeline it runs on, same
sentences, same machine, with start-up and without.

    .venv/bin/python benchmarks/bench_extract.py             # ~800 sentences, about a minute
    BENCH_PASSES=5 .venv/bin/python benchmarks/bench_extract.py   # the corpus five times over (steadier)

Corpus (printed first): real news sentences from ../shared, one per line, each one document: the news-dev
articles split at sentence ends, the PLOVER gold-standard sentences and the PETRARCH-2 validation sentences
(no seed article repeated; with BENCH_PASSES > 1 the same sentences come again, and caches warm up).

Measurements, each in its own process:
  including start-up: `realpolitik extract - --format jsonl` with the corpus on standard input, timed from
      process start to exit, against a plain Python process that loads the same spaCy pipeline and pipes the
      same lines through it; and the same two processes on a one-sentence input (median of three runs), whose
      time is nearly all start-up.
  excluding start-up (model loaded, one warm-up document, not timed): `extract_many` with `workers=None` (what
      the CLI does by default) and with `workers=1`, against `nlp.pipe` in one process.
Throughput is the corpus's sentence count over the time, the same count for both sides; a ratio above 1 means
realpolitik is faster than plain spaCy. The machine's load average is printed: on a shared CPU, figures move.
"""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REALPOLITIK_SHARED", ROOT.parent / "shared"))
PASSES = int(os.environ.get("BENCH_PASSES", "1"))
DATE = "2024-11-14"  # one date for every line: standard input carries text only
CLI = [sys.executable, "-m", "realpolitik"]

#: A sentence end: . ! or ? (and a closing quote or bracket) before white space and a capital or an opening quote.
_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z\"“‘(])")
#: ... unless what ends there is an abbreviation ("U.S.", "Mr.", "Gen.").
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Rep|Sen|Gov|Prof|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)$"
)


def gold_sentences(shared: Path = SHARED) -> list[tuple[str, str | None]]:
    """(text, date) of every gold/validation sentence in ../shared: PLOVER gold, PETRARCH-2 validation and
    PETRARCH unit-test records (bench_memory builds its input from them too)."""
    from realpolitik.extract.eval_plover import petrarch_records, plover_gold

    docs = [(g.text, g.date) for g in plover_gold(shared / "eval/plover-gsr/PLOVER_GSR_CAMEO.json")]
    for name in ("PETR2_GSR_validation.xml", "PETR.UnitTest.records.xml"):
        docs.extend((s.text, s.date) for s in petrarch_records(shared / "eval" / name))
    return docs


def split_sentences(text: str) -> list[str]:
    """The sentences of an article: paragraphs split at sentence ends, abbreviations kept whole."""
    out: list[str] = []
    for para in text.split("\n"):
        sentences: list[str] = []
        for part in (p.strip() for p in _END.split(para.strip())):
            if not part:
                continue
            if sentences and _ABBREV.search(sentences[-1]):
                sentences[-1] = f"{sentences[-1]} {part}"
            else:
                sentences.append(part)
        out.extend(sentences)
    return out


def news_corpus(shared: Path = SHARED) -> tuple[list[str], dict[str, int]]:
    """One sentence per line, single-line, from news-dev, the PLOVER gold standard and PETRARCH-2 validation,
    and how many each gave."""
    from realpolitik.extract.eval_plover import petrarch_records, plover_gold

    parts: dict[str, list[str]] = {"news-dev": [], "PLOVER gold": [], "PETR2 validation": []}
    articles = 0
    with (shared / "eval/news-dev/articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                articles += 1
                parts["news-dev"].extend(split_sentences(json.loads(line)["text"]))
    parts["PLOVER gold"] = [g.text for g in plover_gold(shared / "eval/plover-gsr/PLOVER_GSR_CAMEO.json")]
    parts["PETR2 validation"] = [s.text for s in petrarch_records(shared / "eval/PETR2_GSR_validation.xml")]
    lines = [" ".join(s.split()) for name in parts for s in parts[name]]
    counts = {name: len(v) for name, v in parts.items()} | {"articles": articles}
    return [s for s in lines if s] * PASSES, counts


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


#: The plain spaCy process: load the pipeline, pipe standard input's lines through it, print the sentences.
SPACY_SCRIPT = """
import sys, spacy
nlp = spacy.load(sys.argv[1])
lines = [line.rstrip("\\n") for line in sys.stdin if line.strip()]
print(sum(len(list(doc.sents)) for doc in nlp.pipe(lines, batch_size=64)))
"""


def timed_process(cmd: list[str], stdin_text: str, env: dict[str, str] | None = None) -> float:
    """Seconds from start to exit of `cmd` reading `stdin_text` (stdout discarded); a failure stops the run."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as fh:
        fh.write(stdin_text)
        fh.seek(0)
        t0 = time.perf_counter()
        out = subprocess.run(
            cmd,
            stdin=fh,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env={**os.environ, **(env or {})},
        )
        secs = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}...: exit {out.returncode}\n{out.stderr[-2000:]}")
    return secs


def realpolitik_cmd() -> list[str]:
    return [*CLI, "extract", "-", "--date", DATE, "--format", "jsonl", "--quiet"]


def spacy_cmd() -> list[str]:
    return [sys.executable, "-c", SPACY_SCRIPT, pipeline_package()]


def phase_spacy(lines: list[str]) -> dict[str, float]:
    import spacy

    nlp = spacy.load(pipeline_package())
    list(nlp.pipe(lines[:1]))
    t0 = time.perf_counter()
    n = sum(len(list(d.sents)) for d in nlp.pipe(lines, batch_size=64))
    return {"seconds": time.perf_counter() - t0, "parsed_sentences": n, "rss_mib": peak_rss_mib()}


def _phase_many(lines: list[str], workers: int | None) -> dict[str, float]:
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.model import Document

    ex = get_extractor()
    ex.extract_document(Document(doc_id="warm", text=lines[0], date=DATE))
    documents = [Document(doc_id=str(i), text=t, date=DATE) for i, t in enumerate(lines)]
    t0 = time.perf_counter()
    events = sum(len(out.events) for out in ex.extract_many(documents, batch_size=64, workers=workers))
    seconds = time.perf_counter() - t0
    workers_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0  # the largest worker, if any
    return {"seconds": seconds, "events": events, "rss_mib": peak_rss_mib(), "worker_rss_mib": workers_mib}


def phase_realpolitik_auto(lines: list[str]) -> dict[str, float]:
    """`extract_many(workers=None)`: what `realpolitik extract`/`ingest` do by default (`--workers auto`)."""
    return _phase_many(lines, workers=None)


def phase_realpolitik_piped(lines: list[str]) -> dict[str, float]:
    """`extract_many(workers=1)`: pre-parse filter, spaCy's `pipe` over each batch, then the coder, one process."""
    return _phase_many(lines, workers=1)


PHASES = {
    "spacy": phase_spacy,
    "realpolitik_auto": phase_realpolitik_auto,
    "realpolitik_piped": phase_realpolitik_piped,
}


def run_phase(name: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name], capture_output=True, text=True, check=False, env=os.environ
    )
    if out.returncode != 0:
        raise SystemExit(f"{name}: failed\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    lines, counts = news_corpus()
    if len(sys.argv) == 3 and sys.argv[1] == "--phase":
        print(json.dumps(PHASES[sys.argv[2]](lines)))
        return 0
    n = len(lines)
    stdin_text = "".join(s + "\n" for s in lines)
    print(
        f"corpus: {n} real news sentences, one per line (one document each): news-dev {counts['news-dev']} "
        f"({counts['articles']} articles split at sentence ends), PLOVER gold {counts['PLOVER gold']}, "
        f"PETR2 validation {counts['PETR2 validation']}"
        + (f", all {PASSES} times over" if PASSES > 1 else "")
        + f"; {len(stdin_text):,} characters; spaCy pipeline {pipeline_package()}; {os.cpu_count()} CPUs"
    )
    one = lines[0] + "\n"
    with tempfile.TemporaryDirectory() as fresh:  # a first run after installing: the start-up cache is built
        cold = timed_process(realpolitik_cmd(), one, {"REALPOLITIK_CACHE_DIR": fresh})
    timed_process(realpolitik_cmd(), one)  # the user's cache, warm from here on
    one_rp = statistics.median(timed_process(realpolitik_cmd(), one) for _ in range(3))
    one_sp = statistics.median(timed_process(spacy_cmd(), one) for _ in range(3))
    print(
        f"one sentence, start to exit (median of 3): `realpolitik extract -` {one_rp:.2f} s, plain spaCy process "
        f"{one_sp:.2f} s: {one_rp / one_sp:.2f}x the time (the first run after an install or a data change, "
        f"which builds the start-up cache: {cold:.2f} s)"
    )
    t_rp = timed_process(realpolitik_cmd(), stdin_text)
    t_sp = timed_process(spacy_cmd(), stdin_text)
    print(
        f"including start-up: `realpolitik extract -` {n / t_rp:.1f} sentences/s ({t_rp:.1f} s), plain spaCy "
        f"process {n / t_sp:.1f} sentences/s ({t_sp:.1f} s): ratio {t_sp / t_rp:.3f}"
    )
    res = {name: run_phase(name) for name in PHASES}
    sp = res["spacy"]["seconds"]
    auto, piped = res["realpolitik_auto"], res["realpolitik_piped"]
    print(
        f"excluding start-up: realpolitik {n / auto['seconds']:.1f} sentences/s (workers auto, {auto['events']:.0f} "
        f"events; one process: {n / piped['seconds']:.1f}), spaCy pipe {n / sp:.1f} sentences/s: ratio "
        f"{sp / auto['seconds']:.3f} (one process: {sp / piped['seconds']:.3f})"
    )
    print(
        f"peak RSS: realpolitik {auto['rss_mib']:.0f} MiB (largest worker {auto['worker_rss_mib']:.0f} MiB, forked: "
        f"most of its pages shared with the parent), spaCy {res['spacy']['rss_mib']:.0f} MiB; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (a shared CPU moves every figure)"
    )
    print(f"SCORE one_sentence_time_over_spacy {one_rp / one_sp:.3f}")
    print(f"SCORE extract_over_spacy_ratio_with_startup {t_sp / t_rp:.3f}")
    print(f"SCORE extract_over_spacy_ratio {sp / auto['seconds']:.3f}")
    print(f"SCORE extract_1proc_over_spacy_ratio {sp / piped['seconds']:.3f}")
    print(f"SCORE extract_sentences_per_s {n / auto['seconds']:.1f}")
    print(f"SCORE spacy_sentences_per_s {n / sp:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
