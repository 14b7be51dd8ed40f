"""Shared reading machinery of the event-data readers (GDELT, ICEWS, POLECAT, ACLED): opening plain, gzipped
and zipped files, header rows (tab- or comma-separated), cell helpers (dates, numbers, places), counting what
was skipped and where, content keys. Readers only read: the code crosswalks live in `realpolitik.codes` and
`realpolitik.actor_codes`, the store insert in `realpolitik.store.imported`, the loop over them in
`realpolitik.event_sources`.

Corrupt input is never dropped silently: a truncated archive, a line with the wrong number of columns
or a bad date is counted in an `ImportReport` with its file and line number, and the import goes on.
Duplicates (the same GLOBALEVENTID, or the same content key, in several files or several runs) collapse
onto one stored event and are counted too.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realpolitik.errors import InputError
from realpolitik.model import Actor, EventRecord, Evidence
from realpolitik.sources.cells import NULL_CELLS

MAX_SKIPS_KEPT = 200  # skipped lines listed one by one; beyond this only counted


@dataclass(frozen=True)
class Skip:
    """One input line (or whole file, line None) left out, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass
class ImportReport:
    """What an import read, stored, collapsed and skipped."""

    kind: str = "events"
    files: int = 0
    rows: int = 0  # data lines read (header lines not counted)
    parsed: int = 0  # rows that became events (or mentions)
    inserted: int = 0  # new rows in the store
    not_events: int = 0  # well-formed rows with no PLOVER event (CAMEO 01 public statements)
    skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    skips: list[Skip] = field(default_factory=list)
    #: Files (or unreadable archives) that yielded no row at all: every row rejected, wrong columns, empty. The
    #: CLI exits 2 when there is one (what the other files gave is stored all the same).
    barren: list[str] = field(default_factory=list)
    #: Archives (or their members: `file.zip!member`) that could not be read to the end.
    broken: list[str] = field(default_factory=list)
    #: Bytes of the input files read so far, compressed bytes for archives (for a progress bar in bytes; a
    #: file read to its end, or left, counts whole). Not part of `to_dict`: it says how far, not what.
    bytes_read: int = 0

    def file_done(self, path: str, yielded: int, not_events_before: int) -> None:
        """Note a file that gave no event and no well-formed non-event row."""
        if yielded == 0 and self.not_events == not_events_before:
            self.barren.append(str(path))

    @property
    def duplicates(self) -> int:
        """Rows that collapsed onto an event already seen in this import or already stored."""
        return max(self.parsed - self.inserted, 0)

    def skip(self, path: str, line: int | None, reason: str) -> None:
        if reason.startswith("truncated or corrupt") and str(path) not in self.broken:
            self.broken.append(str(path))
        self.skipped += 1
        self.reasons[reason.split(":")[0]] += 1
        if len(self.skips) < MAX_SKIPS_KEPT:
            self.skips.append(Skip(str(path), line, reason))

    def merge(self, other: ImportReport) -> None:
        self.files += other.files
        self.rows += other.rows
        self.parsed += other.parsed
        self.inserted += other.inserted
        self.not_events += other.not_events
        self.skipped += other.skipped
        self.bytes_read += other.bytes_read
        self.reasons.update(other.reasons)
        self.barren.extend(other.barren)
        self.broken.extend(b for b in other.broken if b not in self.broken)
        room = MAX_SKIPS_KEPT - len(self.skips)
        if room > 0:
            self.skips.extend(other.skips[:room])

    def summary(self) -> str:
        parts = [
            f"{self.files} files, {self.rows} rows read",
            f"{self.parsed} {self.kind} parsed",
            f"{self.inserted} new in the store",
            f"{self.duplicates} duplicates collapsed",
        ]
        if self.not_events:
            parts.append(f"{self.not_events} rows without a PLOVER event (CAMEO 01 statements) left out")
        parts.append(f"{self.skipped} skipped")
        if self.barren:
            parts.append(f"{len(self.barren)} files gave no events")
        return ", ".join(parts)

    def barren_error(self) -> str | None:
        """One line naming the files that gave nothing, or the archives that could not be read to the end, and
        why (the first reason seen there); None when every file gave events and every archive was read."""
        bad = list(dict.fromkeys([*self.barren, *self.broken]))
        if not bad:
            return None
        first = bad[0]
        why = next((s.reason for s in self.skips if s.path == first or s.path.startswith(first + "!")), None)
        more = f" (and {len(bad) - 1} more files)" if len(bad) > 1 else ""
        if first in self.barren:
            return f"{first}: no events read{': ' + why if why else ' (no data rows)'}{more}"
        return f"{first}: {why or 'truncated or corrupt archive'}; the rows before the break are stored{more}"

    def skip_lines(self) -> list[str]:
        out = [str(s) for s in self.skips]
        if self.skipped > len(self.skips):
            out.append(f"... and {self.skipped - len(self.skips)} more")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "files": self.files,
            "rows": self.rows,
            "parsed": self.parsed,
            "inserted": self.inserted,
            "duplicates": self.duplicates,
            "not_events": self.not_events,
            "skipped": self.skipped,
            "skip_reasons": dict(self.reasons),
            "skips": [{"path": s.path, "line": s.line, "reason": s.reason} for s in self.skips],
            "files_without_events": list(self.barren),
            "broken_archives": list(self.broken),
        }


# --- reading files ------------------------------------------------------------------------------


#: What separates the words of a file name ("gdelt2_mentions_sample.csv": gdelt2, mentions, sample, csv).
_NAME_PARTS = re.compile(r"[._\-\s]+")


def expand_paths(paths: Iterable[str], suffixes: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> list[str]:
    """Files named, and the files inside directories named (sorted; names ending in one of `suffixes`, and
    none of whose parts, split at dots, dashes, underscores and spaces, is one of the words in `exclude`:
    GDELT's own "20240101000000.mentions.CSV" and gdeltPyR's "gdelt2_mentions_sample.csv" are both mentions
    files); a missing path is an InputError."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError("no such file or directory", str(path))
        if path.is_dir():
            found = sorted(
                str(f)
                for f in path.rglob("*")
                if f.is_file()
                and (not suffixes or f.name.lower().endswith(suffixes))
                and not f.name.startswith(".")
                and not set(exclude) & set(_NAME_PARTS.split(f.name.lower()))
            )
            if not found:
                raise InputError("directory holds no event files", str(path))
            out.extend(found)
        else:
            out.append(str(path))
    return out


def open_lines(path: str, report: ImportReport) -> Iterator[tuple[int, str]]:
    """(1-based line number, line without its newline) of a plain, .gz or .zip file.

    A zip's members are read one after another (line numbers restart in each; the path reported is
    `file.zip!member`). A truncated or corrupt archive is reported as skipped at the line where it broke.
    `report.bytes_read` follows the bytes taken from the file on disk (compressed bytes for an archive).
    """
    report.files += 1
    name = path.lower()
    base = report.bytes_read
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after its lines are read or left
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path) from None
    size = _size(raw)
    try:
        with raw:
            if name.endswith(".zip"):
                yield from _zip_lines(path, raw, base, report)
                return
            stream: Any = gzip.GzipFile(fileobj=raw, mode="rb") if name.endswith(".gz") else raw
            text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
            yield from _lines(text, path, report, raw, base)
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path) from None
    finally:  # the file is done with, read to its end or not
        report.bytes_read = base + size


def _size(raw: Any) -> int:
    try:
        return os.fstat(raw.fileno()).st_size
    except OSError:
        return 0


def _zip_lines(path: str, raw: Any, base: int, report: ImportReport) -> Iterator[tuple[int, str]]:
    try:
        zf = zipfile.ZipFile(raw)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        report.skip(path, None, f"truncated or corrupt zip archive: {exc}")
        return
    with zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            where = f"{path}!{member.filename}"
            try:
                with zf.open(member) as packed:
                    text = io.TextIOWrapper(packed, encoding="utf-8", errors="replace", newline="")
                    yield from _lines(text, where, report, raw, base)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
                report.skip(where, None, f"truncated or corrupt zip archive: {exc}")


#: Lines between two updates of `ImportReport.bytes_read` (one `tell` each).
_MEASURE_EVERY = 1024


def _lines(
    fh: io.TextIOBase, where: str, report: ImportReport, raw: Any = None, base: int = 0
) -> Iterator[tuple[int, str]]:
    n = 0
    try:
        for n, line in enumerate(fh, 1):
            if raw is not None and n % _MEASURE_EVERY == 0:
                report.bytes_read = base + raw.tell()
            # a byte-order mark (spreadsheet and Windows exports) is no part of the first column's name
            yield n, (line.removeprefix("\ufeff") if n == 1 else line).rstrip("\r\n")
    except (EOFError, zlib.error, zipfile.BadZipFile, gzip.BadGzipFile) as exc:
        report.skip(where, n + 1, f"truncated or corrupt archive: {exc or type(exc).__name__}")


def column_name(header_cell: str) -> str:
    """A header cell as the readers look it up: quotes and spaces trimmed, lower case, `_` read as a space
    ("Event_ID", "event id" and "Event ID" are one column)."""
    return " ".join(header_cell.strip().strip('"').replace("_", " ").lower().split())


def sniff_delimiter(header: str) -> str:
    """A header line's delimiter: a tab where there is one (the datasets' own files), else a comma, else the
    semicolon of spreadsheets saved in European locales."""
    if "\t" in header:
        return "\t"
    if "," not in header and ";" in header:
        return ";"
    return "," if "," in header else "\t"


def split_row(text: str, delimiter: str) -> list[str]:
    """One line's cells: tab-separated as published (no quoting), or comma/semicolon-separated with CSV
    quoting."""
    if delimiter == "\t":
        return text.split("\t")
    return next(csv.reader([text], delimiter=delimiter), [])


def header_rows(
    path: str,
    report: ImportReport,
    required: tuple[str | tuple[str, ...], ...],
    kind: str,
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> Iterator[tuple[int, Callable[[str], str]]]:
    """(line number, field getter) for each data row of a file whose first line is a header, tab-separated or
    (when the header holds no tab) comma-separated with CSV quoting.

    The getter takes a column name as `column_name` spells it and returns the cell without quotes; "" for an
    absent column and for the null literals of `NULL_CELLS`. `aliases` maps a name to other spellings of its
    column ("event intensity": ("intensity",)). A header lacking a `required` column (a tuple: any one of
    them) skips the whole file ("not a KIND event file"); a row whose column count differs from the header's
    is skipped with its line; every data row is counted in `report.rows`.
    """
    lines = open_lines(path, report)
    first = next(((n, t) for n, t in lines if t.strip()), None)
    if first is None:
        return
    line, text = first
    delimiter = sniff_delimiter(text)
    names = [column_name(h) for h in split_row(text, delimiter)]
    header: dict[str, int] = {}
    for i, n in enumerate(names):
        header.setdefault(n, i)
    for name, others in (aliases or {}).items():
        if name not in header:
            hit = next((header[o] for o in others if o in header), None)
            if hit is not None:
                header[name] = hit
    missing = [r if isinstance(r, str) else " or ".join(r) for r in required if not _has(header, r)]
    if missing:
        report.skip(path, line, f"wrong columns: not {kind} event file (no {', '.join(missing)})")
        return
    n_cols = len(names)
    records: Iterator[tuple[int, list[str]]]
    if delimiter == "\t":
        records = ((n, t.split("\t")) for n, t in lines if t.strip())
    else:
        records = _csv_records(lines, report, path, delimiter)
    for line, f in records:
        report.rows += 1
        if len(f) != n_cols:
            report.skip(path, line, f"wrong column count: {len(f)} columns, the header has {n_cols}")
            continue

        def get(name: str, f: list[str] = f) -> str:
            i = header.get(name)
            if i is None:
                return ""
            v = f[i].strip()
            if len(v) >= 2 and v[0] == v[-1] == '"':  # quoted by a CSV writer (R's write_tsv): "" is one "
                v = v[1:-1].replace('""', '"').strip()
            return "" if v.lower() in NULL_CELLS else v

        yield line, get


def _has(header: dict[str, int], required: str | tuple[str, ...]) -> bool:
    return required in header if isinstance(required, str) else any(r in header for r in required)


def _csv_records(
    lines: Iterator[tuple[int, str]], report: ImportReport, path: str, delimiter: str = ","
) -> Iterator[tuple[int, Any]]:
    """(first line number, cells) of each CSV record after the header; a quoted cell may span lines."""
    pending: list[tuple[int, str]] = []

    def texts() -> Iterator[str]:
        for n, t in lines:
            pending.append((n, t))
            yield t + "\n"

    reader = csv.reader(texts(), delimiter=delimiter)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = pending[0][0] if pending else None
            pending.clear()
            report.rows += 1
            report.skip(path, line, f"bad CSV: {exc}")
            continue
        line = pending[0][0] if pending else 0
        pending.clear()
        if cells and any(c.strip() for c in cells):
            yield line, cells


def make_actor(text: str | None, code: str | None, country: str | None, sector: str | None) -> Actor | None:
    if not (text or code or country):
        return None
    return Actor(text=text or "", start=0, end=0, code=code, country=country, sector=sector or None)


def make_record(
    *,
    doc_id: str,
    event_type: str,
    mode: str | None,
    context: Iterable[str],
    cameo: str | None,
    intensity: float,
    source: Actor | None,
    target: Actor | None,
    date: str | None,
    evidence: str,
    origin: str,
    confidence: float = 0.5,
    sentence: int = 0,
    source_event_id: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    place: str | None = None,
    figures: dict[str, Any] | None = None,
) -> EventRecord:
    return EventRecord(
        doc_id=doc_id,
        sentence=sentence,
        event_type=event_type,
        source=source,
        target=target,
        evidence=Evidence(evidence, 0, len(evidence)),
        mode=mode,
        context=list(context),
        cameo=cameo,
        intensity=intensity,
        date=date,
        confidence=confidence,
        origin=origin,
        source_event_id=source_event_id or None,
        latitude=latitude,
        longitude=longitude,
        place=place,
        figures={k: v for k, v in (figures or {}).items() if v is not None and v != []},
    )
