"""Coding documents in worker processes: each worker parses and codes whole batches, and the caller gets the
extractions back in input order.

Why whole documents and not only the parse: the coder's own work is a fifth of the time a document takes, and
sending parsed Docs back to one coding process costs as much again in serialisation; on two cores, the process
doing all the coding became the bottleneck. Sending text out and small records back keeps every core on the
real work. Workers are forked from the process that already holds the loaded extractor (on Linux), so they
start in milliseconds with nothing to load, and they parse inside memory zones as the single-process path does.
Elsewhere they are spawned and load their own extractor.

Memory stays bounded: at most `IN_FLIGHT` batches per worker are out at a time, batches are bounded in
characters, and the workers are replaced after every `RECYCLE_CHARS` characters of input (whatever caches
grow inside a worker, such as spaCy's lemma cache, go with it).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from realpolitik.errors import RealpolitikError
from realpolitik.model import Document, Extraction

if TYPE_CHECKING:
    from realpolitik.extract.pipeline import Extractor

#: Characters of input after which the workers are replaced by fresh ones.
RECYCLE_CHARS = 20_000_000
#: Characters a worker codes inside one memory zone: the strings of that much text stay in its vocabulary
#: until the zone closes. One zone per batch made every batch build again the lexemes and tokenizer cache
#: entries of the words the last one had just freed; this bounds memory as well.
ZONE_CHARS = 1_000_000
#: Fewest documents sent to a worker at once: parsing many short documents together is faster.
WORKER_BATCH = 64
#: Batches each worker may have waiting or in progress: enough that none waits for the next, few enough that
#: memory does not grow with the input.
IN_FLIGHT = 2

#: prctl(2) option: the signal a process gets when its parent dies.
PR_SET_PDEATHSIG = 1

_worker: Extractor | None = None  # the extractor of this worker process
_zone = ExitStack()  # the worker's open memory zone
_zone_chars = 0  # characters coded in it


def cpu_count() -> int:
    """CPUs this process may run on (a container's or a task set's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _context() -> Any:
    """Fork where forking is the platform's safe default (Linux): workers inherit the loaded extractor."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start(prefilter: bool, classifier: bool, parent: int) -> None:
    """Worker set-up: die with the parent, keep the inherited extractor (fork) or build one (spawn); leave
    Ctrl-C to the parent, which stops the workers itself."""
    global _worker
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _worker is None or _worker.prefilter != prefilter or _worker.classifier != classifier:
        from realpolitik.extract.pipeline import Extractor

        _worker = Extractor(prefilter=prefilter, classifier=classifier)


def _die_with(parent: int) -> None:
    """Ask the kernel (Linux's PR_SET_PDEATHSIG) to end this worker when the process that started it dies, so
    that a killed command or notebook kernel leaves no worker holding its memory; exit now if it already died.
    Elsewhere a worker notices when its parent's queue closes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)


def _code(batch: list[Document]) -> list[Extraction]:
    """One batch's extractions, inside the worker's memory zone, which stays open over batches until it has
    seen `ZONE_CHARS` characters."""
    global _zone_chars
    assert _worker is not None
    if _zone_chars == 0:
        _zone.enter_context(_worker.memory_zone())
    _zone_chars += sum(len(d.text) for d in batch)
    out = _worker.code_batch(batch, batch_size=len(batch))  # its zone is the one open here
    if _zone_chars >= ZONE_CHARS:
        _zone.close()
        _zone_chars = 0
    return out


def extract_parallel(
    extractor: Extractor, docs: Iterable[Document], batch_size: int, workers: int
) -> Iterator[Extraction]:
    """Extractions of `docs` in input order, coded by `workers` processes. A failing input (a malformed line)
    still yields every document read before it, then raises."""
    from realpolitik.extract.gazetteer import get_gazetteer
    from realpolitik.extract.pipeline import BATCH_CHARS, batches

    global _worker
    _worker = extractor  # inherited by forked workers
    get_gazetteer().complete()  # every saved table restored once, here, and shared with the forked workers
    chunks = batches(docs, max(batch_size, WORKER_BATCH), BATCH_CHARS)
    status: dict[str, BaseException | bool] = {}
    while "ended" not in status and "failure" not in status:
        yield from _segment(chunks, workers, extractor, status)
    failure = status.get("failure")
    if isinstance(failure, BaseException):
        raise failure


def _segment(
    chunks: Iterator[list[Document]], workers: int, extractor: Extractor, status: dict[str, BaseException | bool]
) -> Iterator[Extraction]:
    """Code batches with one set of workers until `RECYCLE_CHARS` characters have been sent, the input ends
    (`status["ended"]`) or fails (`status["failure"]`, after the documents read before it). A worker that dies
    (killed, out of memory) is an error naming what was lost, never a wait for a batch that will not come."""
    pending: deque[Future[list[Extraction]]] = deque()
    sent = 0
    pool = ProcessPoolExecutor(
        workers,
        mp_context=_context(),
        initializer=_start,
        initargs=(extractor.prefilter, extractor.classifier, os.getpid()),
    )
    finished = False
    try:
        while True:
            while len(pending) < workers * IN_FLIGHT and sent < RECYCLE_CHARS and len(status) == 0:
                try:
                    batch = next(chunks)
                except StopIteration:
                    status["ended"] = True
                    break
                except Exception as exc:  # a malformed input: finish what was read before it, then raise
                    status["failure"] = exc
                    break
                sent += sum(len(d.text) for d in batch)
                pending.append(pool.submit(_code, batch))
            if not pending:
                finished = True
                return
            try:
                done = pending.popleft().result()
            except BrokenProcessPool as exc:
                raise RealpolitikError(
                    "a worker process coding the input ended abruptly (killed, or out of memory); the documents "
                    "before were coded and kept (--workers 1 codes in one process)"
                ) from exc
            yield from done
    finally:  # stopped early (an error, or the reader had enough): drop what is queued, do not wait for it
        pool.shutdown(wait=finished, cancel_futures=not finished)
