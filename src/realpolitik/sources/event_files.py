"""Shared machinery of the event-data importers (GDELT, ICEWS, POLECAT): opening plain, gzipped and
zipped files, counting what was skipped and where, content keys, and bulk inserts into the store.

Corrupt input is never dropped silently: a truncated archive, a line with the wrong number of columns
or a bad date is counted in an `ImportReport` with its file and line number, and the import goes on.
Duplicates (the same GLOBALEVENTID, or the same content key, in several files or several runs) collapse
onto one stored event and are counted too.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.errors import InputError
from realpolitik.model import Actor, EventRecord, Evidence
from realpolitik.store import bulk
from realpolitik.store.db import event_row
from realpolitik.store.schema import EVENT_COLUMNS

if TYPE_CHECKING:
    from realpolitik.store.db import Store

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

    @property
    def duplicates(self) -> int:
        """Rows that collapsed onto an event already seen in this import or already stored."""
        return max(self.parsed - self.inserted, 0)

    def skip(self, path: str, line: int | None, reason: str) -> None:
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
        self.reasons.update(other.reasons)
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
        return ", ".join(parts)

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
        }


# --- reading files ------------------------------------------------------------------------------


def expand_paths(paths: Iterable[str], suffixes: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> list[str]:
    """Files named, and the files inside directories named (sorted; names ending in one of `suffixes`, not
    containing one of `exclude`); a missing path is an InputError."""
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
                and not any(x in f.name.lower() for x in exclude)
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
    """
    report.files += 1
    name = path.lower()
    try:
        if name.endswith(".zip"):
            try:
                zf = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                report.skip(path, None, f"truncated or corrupt zip archive: {exc}")
                return
            with zf:
                for member in zf.infolist():
                    if member.is_dir():
                        continue
                    where = f"{path}!{member.filename}"
                    try:
                        with zf.open(member) as raw:
                            yield from _lines(
                                io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline=""), where, report
                            )
                    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
                        report.skip(where, None, f"truncated or corrupt zip archive: {exc}")
            return
        if name.endswith(".gz"):
            with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
                yield from _lines(fh, path, report)
            return
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            yield from _lines(fh, path, report)
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path) from None


def _lines(fh: io.TextIOBase, where: str, report: ImportReport) -> Iterator[tuple[int, str]]:
    n = 0
    try:
        for n, raw in enumerate(fh, 1):
            yield n, raw.rstrip("\r\n")
    except (EOFError, zlib.error, zipfile.BadZipFile, gzip.BadGzipFile) as exc:
        report.skip(where, n + 1, f"truncated or corrupt archive: {exc or type(exc).__name__}")


def header_rows(
    path: str, report: ImportReport, required: tuple[str, ...], kind: str
) -> Iterator[tuple[int, Callable[[str], str]]]:
    """(line number, field getter) for each data row of a tab-separated file whose first line is a header.

    The getter takes a lower-case column name and returns the cell without quotes ("" for an absent column).
    A header lacking a `required` column skips the whole file ("not a KIND event file"); a row whose column
    count differs from the header's is skipped with its line; every data row is counted in `report.rows`.
    """
    header: dict[str, int] | None = None
    n_cols = 0
    for line, text in open_lines(path, report):
        if not text.strip():
            continue
        f = text.split("\t")
        if header is None:
            names = [h.strip().strip('"').lower() for h in f]
            missing = [r for r in required if r not in names]
            if missing:
                report.skip(path, line, f"wrong columns: not {kind} event file (no {', '.join(missing)})")
                return
            header = {n: i for i, n in enumerate(names)}
            n_cols = len(names)
            continue
        report.rows += 1
        if len(f) != n_cols:
            report.skip(path, line, f"wrong column count: {len(f)} columns, the header has {n_cols}")
            continue

        def get(name: str, f: list[str] = f, header: dict[str, int] = header) -> str:
            i = header.get(name)
            return f[i].strip().strip('"') if i is not None else ""

        yield line, get


# --- field helpers ----------------------------------------------------------------------------------


def iso_date(value: str) -> str | None:
    """YYYYMMDD or YYYY-MM-DD (optionally followed by a time) to YYYY-MM-DD; None when not a real date."""
    from datetime import date

    v = value.strip()
    if len(v) >= 10 and v[4] == "-" and v[7] == "-":
        y, m, d = v[:4], v[5:7], v[8:10]
    elif len(v) >= 8 and v[:8].isdigit():
        y, m, d = v[:4], v[4:6], v[6:8]
    else:
        return None
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def content_key(origin: str, *parts: object) -> str:
    """A stable id from what an event says, for files without a global event id."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{origin}:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:24]


def _data_lines(name: str) -> Iterator[list[str]]:
    for line in (files("realpolitik") / "data" / "codes" / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def cameo_tables() -> tuple[dict[str, str | None], frozenset[str], dict[str, str]]:
    """(CAMEO country -> ISO3 exceptions, CAMEO region codes, known-group code -> actor code)."""
    countries: dict[str, str | None] = {}
    regions: set[str] = set()
    groups: dict[str, str] = {}
    for parts in _data_lines("cameo_actor_codes.tsv"):
        kind, code, target = parts[0], parts[1], parts[2] if len(parts) > 2 else ""
        if kind == "country":
            countries[code] = target or None
        elif kind == "region":
            regions.add(code)
        elif kind == "group":
            groups[code] = target
    return countries, frozenset(regions), groups


def cameo_country_to_iso3(code: str | None) -> str | None:
    """A CAMEO 3-letter country code to ISO3: mostly the same, except the table's exceptions and regions."""
    if not code:
        return None
    code = code.strip().upper()
    countries, regions, _ = cameo_tables()
    if code in countries:
        return countries[code]
    if code in regions or len(code) != 3 or not code.isalpha():
        return None
    return code


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    return frozenset(parts[0].strip() for parts in _data_lines("iso3_codes.txt"))


def country_of_cameo_actor(raw_code: str | None) -> str | None:
    """The state of a raw CAMEO actor code (`ROUGOV` -> ROU, `ROM` -> ROU); None for `GOV`, `IGOUNO`, regions."""
    if not raw_code or len(raw_code) < 3:
        return None
    prefix = raw_code[:3].upper()
    countries, _, _ = cameo_tables()
    if prefix in countries:
        return countries[prefix]
    return prefix if prefix in iso3_codes() else None


def known_group_code(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()
    return cameo_tables()[2].get(code, code)


@lru_cache(maxsize=1)
def icews_country_names() -> dict[str, str]:
    """ICEWS country name (lower case) -> ISO3 of the sovereign state."""
    out: dict[str, str] = {}
    countries, _, _ = cameo_tables()
    for parts in _data_lines("ICEWS_countrynames.txt"):
        if len(parts) < 2 or not parts[1].isalpha():
            continue
        iso = parts[1][:3].upper()
        iso = countries.get(iso, iso) or iso
        out[parts[0].strip().lower()] = iso
    return out


def country_name_to_iso3(name: str | None) -> str | None:
    if not name or not name.strip():
        return None
    n = name.strip()
    if len(n) == 3 and n.isupper():
        return cameo_country_to_iso3(n)
    return icews_country_names().get(n.lower())


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})

# ICEWS/POLECAT sector words -> PLOVER/CAMEO agent codes, most specific first.
_SECTOR_WORDS: tuple[tuple[str, str], ...] = (
    ("military", "MIL"), ("army", "MIL"), ("police", "COP"), ("intelligence", "SPY"), ("rebel", "REB"),
    ("insurgent", "REB"), ("separatist", "REB"), ("militant", "REB"), ("terror", "REB"), ("judicial", "JUD"),
    ("legislative", "LEG"), ("parliament", "LEG"), ("government", "GOV"), ("executive", "GOV"),
    ("ministry", "GOV"), ("cabinet", "GOV"), ("party", "PTY"), ("parties", "PTY"), ("opposition", "OPP"),
    ("protest", "OPP"), ("business", "BUS"), ("media", "MED"), ("news", "MED"), ("religio", "REL"),
    ("education", "EDU"), ("medical", "HLH"), ("health", "HLH"), ("refugee", "REF"), ("displaced", "REF"),
    ("criminal", "CRM"), ("ngo", "NGO"), ("non-governmental", "NGO"), ("labor", "LAB"), ("labour", "LAB"),
    ("elite", "ELI"), ("radical", "RAD"), ("extremist", "RAD"), ("dissident", "OPP"), ("agricultur", "AGR"), ("citizen", "CVL"), ("civilian", "CVL"), ("ethnic", "CVL"),
)  # fmt: skip

# International organisations as ICEWS and POLECAT name them -> the usual acronym.
IGO_NAMES: dict[str, str] = {
    "united nations": "UN", "un": "UN", "un security council": "UN", "united nations security council": "UN",
    "north atlantic treaty organization": "NATO", "nato": "NATO", "european union": "EU", "eu": "EU",
    "european commission": "EU", "african union": "AU", "economic community of west african states": "ECOWAS",
    "ecowas": "ECOWAS", "association of southeast asian nations": "ASEAN", "asean": "ASEAN",
    "arab league": "ARAB_LEAGUE", "league of arab states": "ARAB_LEAGUE", "international monetary fund": "IMF",
    "world bank": "WB", "world health organization": "WHO", "world trade organization": "WTO",
    "international atomic energy agency": "IAEA", "international criminal court": "ICC",
    "organization for security and co-operation in europe": "OSCE", "organization of american states": "OAS",
    "gulf cooperation council": "GCC", "organization of islamic cooperation": "OIC",
}  # fmt: skip


def sector_code(text: str | None) -> str | None:
    """An agent code from ICEWS/POLECAT sector text ("Government,Executive" -> GOV; "MIL" -> MIL)."""
    if not text or not text.strip():
        return None
    t = text.strip()
    if len(t) == 3 and t.isupper():
        return t
    low = t.lower()
    for word, code in _SECTOR_WORDS:
        if word in low:
            return code
    return None


def name_code(name: str) -> str:
    """An upper-case actor code from a name: "Wagner Group" -> WAGNER_GROUP."""
    import re

    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_") or "UNKNOWN"


def actor_code(name: str | None, country: str | None, sector: str | None, generic: bool) -> str | None:
    """The contract's actor code: a state and anything acting for it (or an unnamed group of it) takes the
    state's ISO3; an international organisation its acronym; a named non-state body its upper-case name."""
    n = (name or "").strip()
    igo = IGO_NAMES.get(n.lower())
    if igo:
        return igo
    if country:
        if generic or not n or sector is None or sector in STATE_SECTORS or sector in {"CVL", "OPP", "ELI"}:
            return country
        return name_code(n)
    return name_code(n) if n else None


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
    )


def flat_row(rec: EventRecord, event_id: str, url: str | None) -> tuple:
    """The events table's row for an imported record (no document: doc_key is null)."""
    row = event_row(rec, "", url, event_id=event_id)
    return (row[0], None, *row[2:])


# --- writing ----------------------------------------------------------------------------------------


def insert_rows(store: Store, rows: list[tuple]) -> int:
    """Insert flat event rows; ids already stored are left alone. Returns the rows added."""
    if not rows:
        return 0
    unique: dict[str, tuple] = {}
    for r in rows:
        unique.setdefault(r[0], r)  # the first copy of an event wins, as in the store
    con = store.con
    before = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    bulk.insert_rows(con, "events", EVENT_COLUMNS, list(unique.values()), bulk.NEW_EVENTS_ONLY)
    return int(con.execute("SELECT count(*) FROM events").fetchall()[0][0] - before)


def import_rows(
    store: Store,
    rows: Iterable[tuple],
    report: ImportReport,
    batch_size: int = 50_000,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Insert flat event rows in batches (each batch one transaction), counting them in `report`."""
    batch: list[tuple] = []

    def flush() -> None:
        if not batch:
            return
        store.con.execute("BEGIN TRANSACTION")
        try:
            report.inserted += insert_rows(store, batch)
            store.con.execute("COMMIT")
        except BaseException:
            store.con.execute("ROLLBACK")
            raise
        if progress is not None:
            progress(len(batch))
        batch.clear()

    for row in rows:
        report.parsed += 1
        batch.append(row)
        if len(batch) >= batch_size:
            flush()
    flush()
    return report
