"""Reference tables in the DuckDB store (ATOP, COW, SIPRI, UNGA), created by their importers.

Why `relation()`: analyses must answer on a fresh store without any import. The bundled data (ATOP, COW
states, UNGA) are Parquet files in the package: a writable store copies them in on first use; a read-only
store (the web dashboard's) reads the Parquet files in place. An imported file always replaces the bundled
copy of its table. SIPRI is never bundled: without an import, `relation` says how to import it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.errors import ReferenceDataError

if TYPE_CHECKING:
    import pandas as pd

    from realpolitik.store.db import Store

REFERENCE_DDL: dict[str, str] = {
    "atop_dyad_year": """
        CREATE TABLE IF NOT EXISTS atop_dyad_year (
            ccode1 INTEGER NOT NULL, ccode2 INTEGER NOT NULL, year INTEGER NOT NULL,
            defense INTEGER, offense INTEGER, neutral INTEGER, nonagg INTEGER, consul INTEGER,
            PRIMARY KEY (ccode1, ccode2, year)
        )""",
    "atop_members": """
        CREATE TABLE IF NOT EXISTS atop_members (
            atopid INTEGER NOT NULL, member INTEGER NOT NULL, yrent INTEGER NOT NULL, yrexit INTEGER,
            defense INTEGER, offense INTEGER, neutral INTEGER, nonagg INTEGER, consul INTEGER,
            start_date VARCHAR, end_date VARCHAR
        )""",
    "cow_states": """
        CREATE TABLE IF NOT EXISTS cow_states (
            ccode INTEGER NOT NULL, stateabb VARCHAR, statenme VARCHAR, styear INTEGER, endyear INTEGER,
            iso3 VARCHAR
        )""",
    "sipri_deliveries": """
        CREATE TABLE IF NOT EXISTS sipri_deliveries (
            deal_id VARCHAR, supplier VARCHAR NOT NULL, recipient VARCHAR NOT NULL,
            supplier_iso3 VARCHAR, recipient_iso3 VARCHAR, year INTEGER NOT NULL, tiv DOUBLE NOT NULL,
            designation VARCHAR, description VARCHAR, category VARCHAR, order_year INTEGER, number DOUBLE,
            status VARCHAR
        )""",
    "unga_ideal_points": """
        CREATE TABLE IF NOT EXISTS unga_ideal_points (
            ccode INTEGER, iso3 VARCHAR NOT NULL, name VARCHAR, year INTEGER NOT NULL,
            ideal_all DOUBLE, ideal_fp DOUBLE, ideal_legacy DOUBLE, nvotes DOUBLE
        )""",
    "unga_votes": """
        CREATE TABLE IF NOT EXISTS unga_votes (rcid INTEGER NOT NULL, iso3 VARCHAR NOT NULL, vote TINYINT NOT NULL)""",
    "unga_rollcalls": """
        CREATE TABLE IF NOT EXISTS unga_rollcalls (
            rcid INTEGER PRIMARY KEY, session INTEGER, year INTEGER, date VARCHAR, important TINYINT,
            unres VARCHAR, short VARCHAR
        )""",
    "mid_dyad_years": """
        CREATE TABLE IF NOT EXISTS mid_dyad_years (
            dispnum INTEGER NOT NULL, ccode1 INTEGER NOT NULL, ccode2 INTEGER NOT NULL, iso3_1 VARCHAR,
            iso3_2 VARCHAR, year INTEGER NOT NULL, hostlev INTEGER, fatality INTEGER, onset INTEGER
        )""",
    "factbook_energy": """
        CREATE TABLE IF NOT EXISTS factbook_energy (
            edition INTEGER NOT NULL, iso3 VARCHAR NOT NULL, name VARCHAR, item VARCHAR NOT NULL,
            measure VARCHAR NOT NULL, value DOUBLE, unit VARCHAR, est_year INTEGER, text VARCHAR
        )""",
    "reference_imports": """
        CREATE TABLE IF NOT EXISTS reference_imports (
            table_name VARCHAR PRIMARY KEY, kind VARCHAR, path VARCHAR, n_rows BIGINT, bundled BOOLEAN,
            imported_at TIMESTAMP DEFAULT current_timestamp
        )""",
}
BUNDLED: tuple[str, ...] = ("atop_dyad_year", "cow_states", "unga_ideal_points", "unga_rollcalls", "unga_votes")
IMPORT_HINT: dict[str, str] = {
    "sipri_deliveries": "realpolitik import sipri FILE (your SIPRI trade register CSV export)",
    "atop_members": "realpolitik import atop FILE (ATOP's member-level atop5_1m.csv)",
    "mid_dyad_years": "realpolitik import mid FILE (COW MID dispute-dyad-years, e.g. cow_mid_ddydisps.csv)",
    "factbook_energy": "realpolitik import factbook DIR (the CIA World Factbook SQL dumps, e.g. ../shared/data/factbook)",
}


def bundled_path(table: str) -> Path | None:
    res = resources.files("realpolitik.data").joinpath(f"reference/{table}.parquet")
    return Path(str(res)) if res.is_file() else None


def _has_table(store: Store, table: str) -> bool:
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'", [table]
    ).fetchone()
    return bool(row and row[0])


def _sql_str(p: Path | str) -> str:
    return str(p).replace("'", "''")


def ensure_tables(store: Store) -> None:
    for ddl in REFERENCE_DDL.values():
        store.con.execute(ddl)


def load_frame(store: Store, table: str, df: pd.DataFrame, kind: str, path: str, bundled: bool = False) -> int:
    """Replace a reference table's rows by a reader's DataFrame, in one transaction; return the rows stored."""
    if store.read_only:
        raise ReferenceDataError("the store is read-only; cannot import", store.path)
    con = store.con
    ensure_tables(store)
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("_ref_import", df)
        con.execute(f'DELETE FROM "{table}"')
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM _ref_import')
        con.unregister("_ref_import")
        con.execute("DELETE FROM reference_imports WHERE table_name = ?", [table])
        con.execute(
            "INSERT INTO reference_imports (table_name, kind, path, n_rows, bundled) VALUES (?, ?, ?, ?, ?)",
            [table, kind, path, len(df), bundled],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(df)


def _load_bundled(store: Store, table: str, path: Path) -> None:
    con = store.con
    ensure_tables(store)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"INSERT INTO \"{table}\" BY NAME SELECT * FROM read_parquet('{_sql_str(path)}')")
        n = con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
        con.execute("DELETE FROM reference_imports WHERE table_name = ?", [table])
        con.execute(
            "INSERT INTO reference_imports (table_name, kind, path, n_rows, bundled) VALUES (?, ?, ?, ?, true)",
            [table, table, f"realpolitik/data/reference/{path.name}", n],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def relation(store: Store, table: str) -> str:
    """SQL naming the table's rows: the store's table, else the bundled Parquet (copied in when writable)."""
    if table not in REFERENCE_DDL:
        raise ValueError(table)
    if _has_table(store, table) and store.con.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
        return f'"{table}"'
    path = bundled_path(table)
    if path is None:
        hint = IMPORT_HINT.get(table, f"realpolitik import ... ({table})")
        raise ReferenceDataError(f"no {table} data in the store; run `{hint}`", store.path)
    if not store.read_only:
        import duckdb

        try:
            _load_bundled(store, table, path)
            return f'"{table}"'
        except duckdb.Error:  # another writer got there first, or the file is busy: read the bundle in place
            pass
    return f"read_parquet('{_sql_str(path)}')"


def has_data(store: Store, table: str) -> bool:
    try:
        relation(store, table)
    except ReferenceDataError:
        return False
    return True


def provenance(store: Store, table: str) -> dict[str, Any]:
    """Where a table's rows came from: {'path', 'bundled', 'n_rows'} (bundled when never imported)."""
    if _has_table(store, "reference_imports"):
        row = store.con.execute(
            "SELECT path, bundled, n_rows FROM reference_imports WHERE table_name = ?", [table]
        ).fetchone()
        if row:
            return {"path": row[0], "bundled": bool(row[1]), "n_rows": int(row[2])}
    p = bundled_path(table)
    return {"path": f"realpolitik/data/reference/{p.name}" if p else None, "bundled": True, "n_rows": None}
