"""The DuckDB store: one embedded file holding documents, sentences, mentions, actors and events.

Why transactions of whole documents: a failure on document N (bad input, a crash in extraction) must
leave documents 1..N-1 stored and nothing of N. Documents are written in batches (`add_extractions`, each
table's rows in one statement, `store.bulk`) for speed; a failing batch is rolled back and written again
document by document, so the guarantee holds. Why the content hash as identity: re-ingesting
the same text under another name or from another run changes nothing.

The store only stores: extracting and then writing (ingest) is `realpolitik.ingest`, above both, so nothing
here imports `realpolitik.extract`; an actor filter takes a code, and callers resolve a typed name to one
(`realpolitik.actor_lookup.resolve_actor_code`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from realpolitik.errors import RealpolitikError
from realpolitik.model import EventRecord, Extraction, date_precision
from realpolitik.store.bulk import NEW_EVENTS_ONLY, insert_rows
from realpolitik.store.lock import open_error
from realpolitik.store.paths import default_db_path
from realpolitik.store.schema import CORE_DDL, EVENT_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

DOCUMENT_COLUMNS = ("doc_key", "doc_id", "path", "url", "title", "pub_date", "origin", "n_chars", "text", "text_offset")
MENTION_COLUMNS = ("doc_key", "sentence", "start", "end", "text", "code", "country", "sector")


def date_start(date: str | None) -> str | None:
    """First day of a YYYY, YYYY-MM or YYYY-MM-DD period, for range queries."""
    if not date:
        return None
    parts = date.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
    except ValueError:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def date_window(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) for events whose `date_start` lies in [since, until], each end
    a YYYY, YYYY-MM or YYYY-MM-DD period taken at its first day; no condition for an end not given."""
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append("date_start >= CAST(? AS DATE)")
        params.append(date_start(since))
    if until:
        where.append("date_start <= CAST(? AS DATE)")
        params.append(date_start(until))
    return where, params


def event_id_for(doc_key: str, rec: EventRecord) -> str:
    """Stable id: the same event read from the same text gets the same id on every run."""
    parts = [
        doc_key,
        str(rec.sentence),
        rec.event_type,
        (rec.source.code or "") if rec.source else "",
        str(rec.source.start) if rec.source else "",
        (rec.target.code or "") if rec.target else "",
        str(rec.target.start) if rec.target else "",
        rec.trigger or "",
    ]
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:24]


def event_row(rec: EventRecord, doc_key: str, url: str | None = None, event_id: str | None = None) -> tuple:
    """Flatten a record into the events table's column order."""
    s, t = rec.source, rec.target
    return (
        event_id or event_id_for(doc_key, rec),
        doc_key,
        rec.doc_id,
        rec.sentence,
        rec.event_type,
        rec.mode,
        list(rec.context),
        rec.cameo,
        float(rec.intensity),
        s.code if s else None,
        s.country if s else None,
        s.sector if s else None,
        s.text if s else None,
        s.start if s else None,
        s.end if s else None,
        t.code if t else None,
        t.country if t else None,
        t.sector if t else None,
        t.text if t else None,
        t.start if t else None,
        t.end if t else None,
        rec.date,
        date_start(rec.date),
        bool(rec.negated),
        bool(rec.hypothetical),
        rec.attributed_to,
        float(rec.confidence),
        rec.evidence.text,
        rec.evidence.start,
        rec.evidence.end,
        rec.trigger,
        rec.origin,
        url,
    )


def row_to_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row back into the contract's JSON record form."""
    from realpolitik.store.imported import record_extras

    def actor(prefix: str) -> dict[str, Any] | None:
        if row.get(f"{prefix}_code") is None and row.get(f"{prefix}_text") is None:
            return None
        return {
            "text": row.get(f"{prefix}_text") or "",
            "start": _int(row.get(f"{prefix}_start")),
            "end": _int(row.get(f"{prefix}_end")),
            "code": row.get(f"{prefix}_code"),
            "country": row.get(f"{prefix}_country"),
            "sector": row.get(f"{prefix}_sector"),
        }

    context = row.get("context")
    return {
        "doc_id": row.get("doc_id"),
        "sentence": _int(row.get("sentence")),
        "event_type": row.get("event_type"),
        "mode": row.get("mode"),
        "context": list(context) if context is not None else [],
        "cameo": row.get("cameo"),
        "intensity": float(row.get("intensity") or 0.0),
        "source": actor("source"),
        "target": actor("target"),
        "date": row.get("date"),
        "date_precision": date_precision(row.get("date")),
        "negated": bool(row.get("negated")),
        "hypothetical": bool(row.get("hypothetical")),
        "attributed_to": row.get("attributed_to"),
        "evidence": {
            "text": row.get("evidence_text") or "",
            "start": _int(row.get("evidence_start")),
            "end": _int(row.get("evidence_end")),
        },
        "confidence": float(row.get("confidence") or 0.0),
        "event_id": row.get("event_id"),
        "origin": row.get("origin"),
        "url": row.get("url"),
        **record_extras(row),  # an imported event's own id, place and figures (null for text events)
    }


def _int(v: Any) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


class Store:
    """A DuckDB file with the realpolitik tables. Queries return pandas DataFrames."""

    def __init__(self, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> None:
        self.path = str(path or default_db_path())
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise RealpolitikError(f"{self.path}: no such store; run `realpolitik ingest` first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:  # held by another process, or no store can be there: one line
            raise open_error(self.path, exc) from None
        if not read_only:
            for ddl in CORE_DDL:
                self.con.execute(ddl)

    # --- context management -------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------
    def has_document(self, doc_key: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE doc_key = ?", [doc_key]).fetchone() is not None

    def add_extraction(self, ex: Extraction, origin: str = "text") -> int:
        """Store one document's extraction in one transaction; return the events added (0 if known)."""
        return self.add_extractions([ex], origin)[0] or 0

    def add_extractions(self, exs: Sequence[Extraction], origin: str = "text") -> list[int | None]:
        """Store several documents' extractions in one transaction, each table's rows in one statement; return
        the events added per document (None for one already stored). If the batch fails it is rolled back and
        its documents are stored one by one, so that a failure keeps every document before the failing one."""
        if len(exs) > 1:
            try:
                return self._write_extractions(exs, origin)
            except Exception:
                return [self._write_extractions([ex], origin)[0] for ex in exs]
        return self._write_extractions(exs, origin)

    def stored_keys(self, keys: Sequence[str]) -> set[str]:
        """Which of these document keys the store holds (one query for the lot)."""
        if not keys:
            return set()
        sql = "SELECT doc_key FROM documents WHERE doc_key IN (SELECT unnest(?::VARCHAR[]))"
        return {r[0] for r in self.con.execute(sql, [list(keys)]).fetchall()}

    def _write_extractions(self, exs: Sequence[Extraction], origin: str) -> list[int | None]:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            keys = [ex.document.key for ex in exs]
            known = self.stored_keys(keys)
            fresh: dict[str, Extraction] = {}
            for key, ex in zip(keys, exs, strict=True):
                if key not in known:
                    fresh.setdefault(key, ex)
            docs: list[tuple[Any, ...]] = []
            sentences: list[tuple[Any, ...]] = []
            mentions: dict[tuple[str, int, int], tuple[Any, ...]] = {}
            events: dict[str, tuple[Any, ...]] = {}
            for key, ex in fresh.items():
                d = ex.document
                docs.append((key, d.doc_id, d.path, d.url, d.title, d.date, origin, len(d.text), d.text, d.offset))
                sentences.extend((key, i, s.start, s.end, s.text) for i, s in enumerate(ex.sentences))
                for k, m in ex.mentions:
                    mentions[(key, m.start, m.end)] = (key, k, m.start, m.end, m.text, m.code, m.country, m.sector)
                for rec in ex.events:
                    row = event_row(rec, key, d.url)
                    events[row[0]] = row
            insert_rows(con, "documents", DOCUMENT_COLUMNS, docs)
            insert_rows(con, "sentences", ("doc_key", "sentence", "start", "end", "text"), sentences)
            insert_rows(con, "mentions", MENTION_COLUMNS, list(mentions.values()))
            self._upsert_actors(m for ex in fresh.values() for _, m in ex.mentions)
            # a new document's event ids are new: they are derived from its key
            self._insert_events(list(events.values()), new_document=True)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return [
            len(fresh[k].events) if k in fresh and fresh[k] is ex else None for k, ex in zip(keys, exs, strict=True)
        ]

    def _upsert_actors(self, mentions: Iterable[Any]) -> None:
        rows = {}
        for m in mentions:
            if m.code and m.code not in rows:
                rows[m.code] = (m.code, m.text, m.country, _kind_of(m.code, m.country))
        insert_rows(
            self.con,
            "actors",
            ("code", "name", "country", "kind"),
            list(rows.values()),
            "ON CONFLICT (code) DO NOTHING",
        )

    def _insert_events(self, rows: list[tuple], new_document: bool = False) -> None:
        """Event rows (ids unique among them) whose ids are not stored yet; the rows of a document being added
        need no check (their ids derive from its new key)."""
        if new_document:
            insert_rows(self.con, "events", EVENT_COLUMNS, rows)
        else:
            insert_rows(self.con, "events", EVENT_COLUMNS, rows, NEW_EVENTS_ONLY)

    def add_events(
        self,
        records: Sequence[EventRecord],
        doc_key: str,
        url: str | None = None,
        in_transaction: bool = False,
    ) -> int:
        """Insert events; ids already present are left alone (idempotent)."""
        if not records:
            return 0
        rows = {}
        for rec in records:
            row = event_row(rec, doc_key, url)
            rows[row[0]] = row
        if in_transaction:
            self._insert_events(list(rows.values()))
        else:
            self.con.execute("BEGIN TRANSACTION")
            try:
                self._insert_events(list(rows.values()))
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
        return len(rows)

    @contextmanager
    def memory_limit(self, limit: str) -> Iterator[None]:
        """DuckDB's memory limit lowered for a while (an ingest). DuckDB keeps the blocks it writes cached up to
        its limit (80% of RAM by default), so without this an ingest's memory would grow with the store it
        writes."""
        before = self.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
        self.con.execute(f"SET memory_limit = '{limit}'")
        try:
            yield
        finally:  # the default back exactly (a setting read back as text is rounded), else what it was
            self.con.execute("RESET memory_limit")
            if self.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] != before:
                self.con.execute(f"SET memory_limit = '{before}'")

    # --- reading ----------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Any SQL over the store, as a DataFrame."""
        return self.con.execute(sql, params or []).df()

    def events(
        self,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        include_negated: bool = True,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Stored events, optionally for one actor code (as source or target, or their state), in a date range.
        A name typed by a user ("Algeria") is resolved to its code by the caller
        (`realpolitik.actor_lookup.resolve_actor_code`): the store does not know names."""
        sql, params = self._events_sql(actor, since, until, event_type, include_negated, limit)
        return self.con.execute(sql, params).df()

    def iter_event_records(self, **kw: Any) -> Iterator[dict[str, Any]]:
        """Stored events in the contract's record form, streamed in batches."""
        sql, params = self._events_sql(**kw)
        cur = self.con.execute(sql, params)
        cols = [d[0] for d in cur.description]
        while True:
            batch = cur.fetchmany(5000)
            if not batch:
                break
            for row in batch:
                yield row_to_record(dict(zip(cols, row, strict=True)))

    def _events_sql(
        self,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        include_negated: bool = True,
        limit: int | None = None,
    ) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if actor:
            code = actor.upper()
            where.append("(source_code = ? OR target_code = ? OR source_country = ? OR target_country = ?)")
            params += [code, code, code, code]
        window, window_params = date_window(since, until)
        where += window
        params += window_params
        if event_type:
            where.append("event_type = ?")
            params.append(event_type.upper())
        if not include_negated:
            where.append("NOT negated AND NOT hypothetical")
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY doc_id, doc_key, sentence, event_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return sql, params

    def documents(self) -> pd.DataFrame:
        return self.con.execute(
            "SELECT doc_key, doc_id, path, url, title, pub_date, origin, n_chars, ingested_at FROM documents "
            "ORDER BY ingested_at, doc_id"
        ).df()

    def sentences(self, doc_key: str | None = None) -> pd.DataFrame:
        if doc_key:
            return self.con.execute("SELECT * FROM sentences WHERE doc_key = ? ORDER BY sentence", [doc_key]).df()
        return self.con.execute("SELECT * FROM sentences ORDER BY doc_key, sentence").df()

    def mentions(self) -> pd.DataFrame:
        return self.con.execute("SELECT * FROM mentions ORDER BY doc_key, start").df()

    def actors(self) -> pd.DataFrame:
        return self.con.execute("SELECT * FROM actors ORDER BY code").df()

    def count(self, table: str) -> int:
        if not table.isidentifier():
            raise ValueError(table)
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])

    def tables(self) -> list[str]:
        return [
            r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
        ]

    def export_parquet(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write every table as DIR/<table>.parquet (zstd); return the files written."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in self.tables():
            target = out / f"{table}.parquet"
            self.con.execute(
                f"COPY (SELECT * FROM \"{table}\") TO '{_sql_str(target)}' (FORMAT PARQUET, COMPRESSION ZSTD)"
            )
            written.append(target)
        return written


def _sql_str(p: Path) -> str:
    return str(p).replace("'", "''")


def _kind_of(code: str, country: str | None) -> str:
    if len(code) == 3 and code.isalpha() and code.isupper() and (country == code or country is None):
        return "state" if country == code else "igo"
    return "group" if country is None else "state-agent"


def open_store(path: str | os.PathLike[str] | None = None, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
