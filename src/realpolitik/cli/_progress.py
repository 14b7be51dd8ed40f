"""Progress bars on standard error: documents, rows or bytes against a total known in advance, with an ETA.

Why on stderr and only for a terminal: standard output carries data (`extract` prints JSONL), so a bar there
would corrupt it, and a bar written into a log file is noise. `--quiet` silences every bar.
`REALPOLITIK_PROGRESS=1` draws the bar on a stderr that is no terminal (plain text, no colours), for logs
that want it and for the tests, which read its last frame: the final counts, never a timing.

What a total counts:
- documents of the input files (`sources.articles.expected_documents`), one bar step per document;
- bytes of standard input when it is redirected from a regular file (`os.fstat` gives its size): each document
  moves the bar to where its line ended in the file (`StdinBytes`); a pipe's size is unknowable, so its
  documents are counted without a total;
- bytes of event files, compressed bytes for .zip and .gz archives (`ImportReport.bytes_read`), with the rows
  read beside the bar.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from realpolitik.model import Document

#: Set to 1 to draw bars on a standard error that is not a terminal.
FORCE_ENV = "REALPOLITIK_PROGRESS"

#: A bar's step: `step()` advances by one, `step(advance=n)` by n, `step(completed=n)` sets the count;
#: `step(rows=n)` (an import) updates the rows shown beside a bytes bar.
Step = Callable[..., None]


def shown(quiet: bool) -> bool:
    """Whether bars are drawn: not with --quiet; on a terminal, or anywhere when REALPOLITIK_PROGRESS=1."""
    if quiet:
        return False
    return os.environ.get(FORCE_ENV) == "1" or sys.stderr.isatty()


def _console() -> Any:
    from rich.console import Console

    if sys.stderr.isatty():
        return Console(stderr=True)
    return Console(stderr=True, force_terminal=True, color_system=None, width=120)  # REALPOLITIK_PROGRESS=1


def _columns(unit: str, rows: str) -> list[Any]:
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    counts = [DownloadColumn(), TransferSpeedColumn()] if unit == "bytes" else [MofNCompleteColumn()]
    extra = [TextColumn("{task.fields[rows]:,} " + rows)] if unit == "bytes" else []
    # an ETA once the total is known
    return [TextColumn("{task.description}"), BarColumn(), *counts, *extra, TimeElapsedColumn(), TimeRemainingColumn()]


@contextmanager
def progress_bar(
    label: str, quiet: bool, total: int | None = None, unit: str = "documents", rows: str = "rows"
) -> Iterator[Step]:
    """A progress bar on stderr (see the module's docstring for when), or a no-op step. `unit` "bytes" shows
    sizes, a rate and how many `rows` (lines, rows) were read; anything else counts steps ("5/12")."""
    if not shown(quiet):
        yield lambda *_a, **_k: None
        return
    from rich.progress import Progress

    with Progress(
        *_columns(unit, rows),
        transient=True,
        console=_console(),
        redirect_stdout=False,  # stdout is data: never routed through the bar's console
        redirect_stderr=False,
    ) as prog:
        task = prog.add_task(label, total=total, rows=0)

        def step(*_a: Any, advance: int = 1, completed: int | None = None, rows: int | None = None, **_k: Any) -> None:
            if rows is not None:
                prog.update(task, rows=rows)
            if completed is not None:
                prog.update(task, completed=completed)
            else:
                prog.update(task, advance=advance)

        yield step


@contextmanager
def steps_bar(label: str, quiet: bool, steps: int, documents: int | None) -> Iterator[tuple[Step, Step]]:
    """Two bars for a run made of steps (the demo): the steps ("loading the pipeline", "question 2") with
    their number, and the documents read. Yields (next step: `step(description)`, document step)."""
    if not shown(quiet):
        nothing: Step = lambda *_a, **_k: None  # noqa: E731
        yield nothing, nothing
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, transient=True, console=_console(), redirect_stdout=False, redirect_stderr=False) as prog:
        main = prog.add_task(label, total=steps)
        docs = prog.add_task("documents", total=documents)
        started = [False]

        def next_step(description: str = "") -> None:
            if started[0]:
                prog.advance(main)
            started[0] = True
            prog.update(main, description=f"{label}: {description}" if description else label)

        def document(*_a: Any, **_k: Any) -> None:
            prog.advance(docs)

        try:
            yield next_step, document
        finally:
            if started[0]:
                prog.advance(main)  # the last step is done
            prog.update(main, description=label)


def stdin_size(inputs: Iterable[str]) -> int | None:
    """The bytes left to read on standard input when it is the only input and a regular file (`< file`);
    None for a pipe or a terminal (their size is unknowable) or when files are read too."""
    if list(inputs) != ["-"]:
        return None
    try:
        fd = sys.stdin.fileno()
        info = os.fstat(fd)
    except (AttributeError, OSError, ValueError):  # replaced by a test runner or an embedder: no descriptor
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    try:
        return max(info.st_size - os.lseek(fd, 0, os.SEEK_CUR), 0)
    except OSError:
        return info.st_size


class StdinBytes:
    """Where each document of standard input ended in the input, so that the bar moves by bytes as documents
    are done (not as they are read: reading runs ahead of the parsing by a few hundred documents)."""

    def __init__(self, meter: Any) -> None:
        self.meter = meter  # sources.articles.ReadMeter: bytes read so far
        self.ends: dict[tuple[str | None, str, int], int] = {}

    def track(self, docs: Iterable[Document]) -> Iterator[Document]:
        for d in docs:
            self.ends[_key(d)] = self.meter.bytes
            yield d

    def done(self, doc: Document) -> int | None:
        """The bytes read through this document's line (None if it was not tracked)."""
        return self.ends.pop(_key(doc), None)


def _key(doc: Document) -> tuple[str | None, str, int]:
    return (doc.path, doc.doc_id, doc.offset)


@contextmanager
def documents_bar(label: str, quiet: bool, inputs: list[str], docs: Iterable[Document], meter: Any) -> Iterator[Any]:
    """(documents to read, a step taking the document done) with a bar: in documents of the input files, or
    in bytes of standard input redirected from a file."""
    if not shown(quiet):
        with progress_bar(label, True) as step:
            yield docs, step
        return
    size = stdin_size(inputs)
    if size is not None:
        tracker = StdinBytes(meter)
        with progress_bar(label, quiet, size, unit="bytes", rows="lines") as step:
            furthest = [0]

            def by_bytes(doc: Document | None = None, *_a: Any, **_k: Any) -> None:
                end = tracker.done(doc) if isinstance(doc, Document) else None
                if end is not None and end >= furthest[0]:  # a skipped repeat may be told before the
                    furthest[0] = end  # documents read before it are coded: never move back
                    step(completed=end, rows=meter.lines)

            yield tracker.track(docs), by_bytes
        return
    from realpolitik.sources.articles import expected_documents

    with progress_bar(label, quiet, expected_documents(inputs)) as step:
        yield docs, step
