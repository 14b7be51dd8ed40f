"""The store at GDELT scale: events as Parquet (partitioned by month) that DuckDB scans in place.

Nothing here turns events into Python objects: every function runs one SQL statement over the `events`
table of a store or over a Parquet directory, and only the (small) aggregate comes back as a DataFrame.

- `write_events_parquet`: a store's events (or any query over them) -> DIR/month=YYYY-MM/*.parquet.
- `parquet_events_sql` / `attach_parquet_events`: a Parquet event directory as a relation or a view.
- `open_parquet_store`: a `Store` whose `events` is a view over Parquet, so `Store.events()`, the analyses
  (`ally`, the graph) and `realpolitik` commands read 100M events without importing them.
- `load_parquet_events`: Parquet events into a store's events table (ids already stored left alone).
- `dyad_month`, `dyad_edges`, `dyad_summary`: the aggregates behind time series, the graph and `ally`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.store.schema import EVENT_COLUMNS, FACTUAL, IMPORTED_EVENT_COLUMNS, IMPORTED_EXTRA

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

    from realpolitik.store.db import Store

PARTITION = "month"  # YYYY-MM of date_start; 'undated' when the event has no date

QUAD_SQL = """CASE event_type
    WHEN 'AGREE' THEN 1 WHEN 'CONSULT' THEN 1 WHEN 'SUPPORT' THEN 1 WHEN 'CONCEDE' THEN 1
    WHEN 'COOPERATE' THEN 2 WHEN 'AID' THEN 2 WHEN 'RETREAT' THEN 2
    WHEN 'REQUEST' THEN 3 WHEN 'ACCUSE' THEN 3 WHEN 'REJECT' THEN 3 WHEN 'THREATEN' THEN 3
    ELSE 4 END"""


def _q(s: str | os.PathLike[str]) -> str:
    return "'" + str(s).replace("'", "''") + "'"


def month_expr(col: str = "date_start") -> str:
    return f"coalesce(strftime({col}, '%Y-%m'), 'undated')"


def parquet_events_sql(path: str | os.PathLike[str]) -> str:
    """A FROM-clause relation over a Parquet event directory (hive-partitioned) or a single file/glob."""
    p = str(path)
    if os.path.isdir(p):
        p = os.path.join(p, "**", "*.parquet")
    return f"read_parquet({_q(p)}, hive_partitioning = true, union_by_name = true)"


def event_columns_of(con: duckdb.DuckDBPyConnection, relation: str) -> str:
    """The events table's select list (core columns, then imported events' ids, places and figures) over a
    relation; an added column the relation lacks (Parquet written before it, an older store) reads as null."""
    present = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()}
    sql_types = dict(IMPORTED_EXTRA)
    return ", ".join(
        f'"{c}"' if c in present or c in EVENT_COLUMNS else f'CAST(NULL AS {sql_types[c]}) AS "{c}"'
        for c in IMPORTED_EVENT_COLUMNS
    )


def attach_parquet_events(con: duckdb.DuckDBPyConnection, path: str | os.PathLike[str], name: str = "events") -> None:
    """CREATE VIEW name over a Parquet event directory, with the events table's columns in its order."""
    rel = parquet_events_sql(path)
    con.execute(f'CREATE OR REPLACE VIEW "{name}" AS SELECT {event_columns_of(con, rel)} FROM {rel}')


def open_parquet_store(path: str | os.PathLike[str], db: str | os.PathLike[str] | None = None) -> Store:
    """A Store whose `events` is a view over Parquet events; the other tables live in `db` (default: memory).

    With `db` given (a store holding reference data, documents...), that file's own events table is hidden
    by the view in a separate in-memory connection that attaches it read-only.
    """
    from realpolitik.store.db import Store

    if not Path(path).exists():
        from realpolitik.errors import InputError

        raise InputError("no such Parquet event directory", str(path))
    store = Store(":memory:")
    con = store.con
    if db is not None:
        con.execute(f"ATTACH {_q(db)} AS src (READ_ONLY)")
        for (table,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'src' AND table_name <> 'events'"
        ).fetchall():
            con.execute(f'DROP TABLE IF EXISTS main."{table}"')
            con.execute(f'CREATE VIEW main."{table}" AS SELECT * FROM src."{table}"')
    con.execute("DROP TABLE IF EXISTS events")
    attach_parquet_events(con, path, "events")
    store.path = str(path)
    return store


def write_events_parquet(
    con: duckdb.DuckDBPyConnection,
    out_dir: str | os.PathLike[str],
    relation: str = "events",
    overwrite: bool = True,
) -> Path:
    """Write events (a table, view or `(SELECT ...)`) to out_dir/month=YYYY-MM/*.parquet, zstd-compressed."""
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    cols = event_columns_of(con, relation)
    mode = "OVERWRITE_OR_IGNORE" if overwrite else "APPEND"
    con.execute(
        f"COPY (SELECT {cols}, {month_expr()} AS {PARTITION} FROM {relation}) TO {_q(out)} "
        f"(FORMAT PARQUET, COMPRESSION ZSTD, PARTITION_BY ({PARTITION}), {mode})"
    )
    return out


def export_store_events(store: Store, out_dir: str | os.PathLike[str]) -> Path:
    return write_events_parquet(store.con, out_dir)


def load_parquet_events(store: Store, path: str | os.PathLike[str]) -> int:
    """Insert Parquet events into the store's events table; ids already stored are left alone. Returns rows added."""
    cols = ", ".join(f'"{c}"' for c in IMPORTED_EVENT_COLUMNS)
    con = store.con
    rel = parquet_events_sql(path)
    before = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    con.execute(
        f"INSERT INTO events ({cols}) SELECT {event_columns_of(con, rel)} FROM (SELECT * FROM {rel} "
        "QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY event_id) = 1) ANTI JOIN events USING (event_id)"
    )
    return int(con.execute("SELECT count(*) FROM events").fetchall()[0][0] - before)


def _relation(source: Any) -> tuple[duckdb.DuckDBPyConnection, str, Any]:
    """(connection, relation SQL, connection to close or None) for a Store, a connection or a Parquet path."""
    import duckdb

    from realpolitik.store.db import Store

    if isinstance(source, Store):
        return source.con, "events", None
    if isinstance(source, duckdb.DuckDBPyConnection):
        return source, "events", None
    con = duckdb.connect()
    return con, parquet_events_sql(source), con


def _filters(since: str | None, until: str | None, asserted_only: bool) -> tuple[str, list[Any]]:
    from realpolitik.store.db import date_window

    window, params = date_window(since, until)
    where = ["date_start IS NOT NULL", *window]
    if asserted_only:
        where.append(FACTUAL)
    return " AND ".join(where), params


def dyad_month(
    source: Any,
    by: str = "country",
    since: str | None = None,
    until: str | None = None,
    asserted_only: bool = True,
    memory_limit: str | None = None,
    threads: int | None = None,
) -> pd.DataFrame:
    """Directed dyad-by-month aggregates: events, cooperative/hostile counts, quad-class counts, intensity.

    `source`: a Store, a DuckDB connection with an `events` table/view, or a Parquet event directory.
    `by="country"` groups actors by state (coalesce(country, code): IGOs and groups keep their code);
    `by="code"` by actor code.
    """
    con, rel, own = _relation(source)
    try:
        if memory_limit:
            con.execute(f"SET memory_limit = {_q(memory_limit)}")
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        if by == "country":
            src, tgt = "coalesce(source_country, source_code)", "coalesce(target_country, target_code)"
        elif by == "code":
            src, tgt = "source_code", "target_code"
        else:
            raise ValueError(f"by must be 'country' or 'code', not {by!r}")
        where, params = _filters(since, until, asserted_only)
        sql = f"""
            SELECT {src} AS source, {tgt} AS target, date_trunc('month', date_start)::DATE AS month,
                   count(*) AS events,
                   count(*) FILTER (WHERE intensity > 0) AS cooperative,
                   count(*) FILTER (WHERE intensity < 0) AS hostile,
                   count(*) FILTER (WHERE {QUAD_SQL} = 1) AS verbal_coop,
                   count(*) FILTER (WHERE {QUAD_SQL} = 2) AS material_coop,
                   count(*) FILTER (WHERE {QUAD_SQL} = 3) AS verbal_conflict,
                   count(*) FILTER (WHERE {QUAD_SQL} = 4) AS material_conflict,
                   sum(intensity) AS intensity_sum,
                   avg(intensity) AS intensity_mean
            FROM {rel}
            WHERE {where} AND {src} IS NOT NULL AND {tgt} IS NOT NULL AND {src} <> {tgt}
            GROUP BY ALL
            ORDER BY source, target, month
        """
        return con.execute(sql, params).df()
    finally:
        if own is not None:
            own.close()


def dyad_edges(source: Any, since: str | None = None, until: str | None = None, min_events: int = 1) -> pd.DataFrame:
    """Undirected state-level edges for the graph: events, cooperative/hostile counts, mean intensity."""
    con, rel, own = _relation(source)
    try:
        where, params = _filters(since, until, True)
        s, t = "coalesce(source_country, source_code)", "coalesce(target_country, target_code)"
        sql = f"""
            SELECT least({s}, {t}) AS a, greatest({s}, {t}) AS b, count(*) AS events,
                   count(*) FILTER (WHERE intensity > 0) AS cooperative,
                   count(*) FILTER (WHERE intensity < 0) AS hostile,
                   avg(intensity) AS intensity_mean, min(date_start) AS first, max(date_start) AS last
            FROM {rel}
            WHERE {where} AND {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t}
            GROUP BY ALL HAVING count(*) >= {int(min_events)}
            ORDER BY events DESC, a, b
        """
        return con.execute(sql, params).df()
    finally:
        if own is not None:
            own.close()


def dyad_summary(source: Any, a: str, b: str, top: int = 5) -> dict[str, Any]:
    """What `ally`'s event part reports for one dyad (totals, by year, strongest cooperative and conflictual
    evidence), computed in DuckDB: only the per-year rows and the `top` evidence rows reach Python."""
    con, rel, own = _relation(source)
    try:
        s, t = "coalesce(source_country, source_code)", "coalesce(target_country, target_code)"
        dyad = f"""(SELECT * FROM {rel} WHERE {FACTUAL}
                    AND (({s} = $a AND {t} = $b) OR ({s} = $b AND {t} = $a)))"""
        p = {"a": a, "b": b}
        by_year = con.execute(
            f"""SELECT year(date_start) AS year, count(*) AS count, round(avg(intensity), 3) AS mean_intensity,
                       count(*) FILTER (WHERE intensity > 0) AS cooperative,
                       count(*) FILTER (WHERE intensity < 0) AS conflictual
                FROM {dyad} GROUP BY 1 ORDER BY 1 NULLS LAST""",
            p,
        ).df()
        total = con.execute(
            f"""SELECT count(*), count(*) FILTER (WHERE intensity > 0), count(*) FILTER (WHERE intensity < 0),
                       round(avg(intensity), 3) FROM {dyad}""",
            p,
        ).fetchall()[0]
        cols = (
            f"event_type, intensity, {s} AS source, {t} AS target, date, doc_id, sentence, "
            'evidence_text AS evidence, evidence_start AS start, evidence_end AS "end", url'
        )
        strongest = con.execute(
            f"SELECT {cols} FROM {dyad} WHERE intensity > 0 ORDER BY intensity DESC, event_id LIMIT {int(top)}", p
        ).df()
        divergences = con.execute(
            f"SELECT {cols} FROM {dyad} WHERE intensity < 0 ORDER BY intensity, event_id LIMIT {int(top)}", p
        ).df()
        return {
            "total": int(total[0]),
            "cooperative": int(total[1]),
            "conflictual": int(total[2]),
            "mean_intensity": None if total[3] is None else float(total[3]),
            "by_year": by_year.to_dict(orient="records"),
            "strongest": strongest.to_dict(orient="records"),
            "divergences": divergences.to_dict(orient="records"),
        }
    finally:
        if own is not None:
            own.close()
