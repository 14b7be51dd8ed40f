"""Coding in worker processes: the records of one process, in input order, and a dead worker is an error."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest


def test_workers_give_the_records_of_one_process_on_news_articles(shared_dir: Path) -> None:
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.model import Document

    docs = []
    with (shared_dir / "eval/news-dev/articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs.append(Document(d["id"], d["text"], d["date"]))
    ex = get_extractor()
    one = [(x.document.doc_id, [e.to_dict() for e in x.events], len(x.mentions)) for x in ex.extract_many(docs)]
    two = [
        (x.document.doc_id, [e.to_dict() for e in x.events], len(x.mentions)) for x in ex.extract_many(docs, workers=2)
    ]
    assert one == two
    assert [d for d, _e, _m in two] == [d.doc_id for d in docs] and sum(len(e) for _d, e, _m in two) > 100


def test_a_worker_that_dies_is_one_error_after_the_documents_before(seed_path: Path, monkeypatch) -> None:
    from realpolitik.errors import RealpolitikError
    from realpolitik.extract.pipeline import Extractor, get_extractor
    from realpolitik.model import Document

    paragraphs = [p for p in seed_path.read_text(encoding="utf-8").split("\n") if len(p) > 80][:12]
    docs = [Document(str(i), p, "2024-11-14") for i, p in enumerate(paragraphs)]
    ex = get_extractor()
    real = Extractor.code_batch.__get__(ex)

    def dying(batch, batch_size=64):  # the forked workers inherit this extractor, and die on doc 9
        if any(d.doc_id == "9" for d in batch):
            os._exit(1)
        return real(batch, batch_size)

    monkeypatch.setattr(ex, "code_batch", dying)
    monkeypatch.setattr("realpolitik.extract.parallel.WORKER_BATCH", 2)
    got: list[str] = []
    with pytest.raises(RealpolitikError, match="ended abruptly"):
        for x in ex.extract_many(docs, batch_size=2, workers=2):
            got.append(x.document.doc_id)
    assert got == [str(i) for i in range(len(got))] and "9" not in got


def _state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(entry.name))
        except OSError:
            continue
    return out


def _wait(condition: Any, what: str, patience: float = 60.0) -> None:
    deadline = time.monotonic() + patience
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


API_RUN = """
import sys, time
from realpolitik.extract.pipeline import get_extractor
from realpolitik.model import Document
def docs():
    for i in range(300):
        yield Document(str(i), "Russia and China signed a trade deal on Monday. " * 20, "2024-11-14")
    time.sleep(600)  # the input stays open: the workers wait for more
for x in get_extractor().extract_many(docs(), workers=2):
    pass
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signals are Linux's")
def test_workers_started_from_the_python_api_die_with_their_process() -> None:
    """Not only the CLI's: a notebook kernel or script killed mid-run leaves no worker holding its memory."""
    proc = subprocess.Popen([sys.executable, "-c", API_RUN], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:

        def started() -> bool:
            workers.update(_children(proc.pid))
            return len(workers) >= 2 or proc.poll() is not None

        _wait(started, "two workers")
        assert len(workers) >= 2, "the process ended before starting its workers"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    try:
        _wait(lambda: all(_state(w) in (None, "Z") for w in workers), "the workers to end after their parent")
    finally:
        for w in workers:
            if _state(w) not in (None, "Z"):
                os.kill(w, signal.SIGKILL)


def test_no_memory_zone_is_left_open_while_the_reader_holds_a_record(seed_path: Path) -> None:
    """A zone open across a `yield` would be closed whenever the reader drops the generator, perhaps by the
    garbage collector in the middle of another parse: zones close before a record is handed back."""
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.model import Document

    ex = get_extractor()
    paragraphs = [p for p in seed_path.read_text(encoding="utf-8").split("\n") if len(p) > 80][:4]
    records = ex.extract_many([Document(str(i), p, "2024-11-14") for i, p in enumerate(paragraphs)], batch_size=2)
    first = next(records)
    assert first.document.doc_id == "0" and not ex._in_zone
    again = ex.extract_document(Document("x", paragraphs[1], "2024-11-14"))  # meanwhile, another extraction
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in next(records).events]
