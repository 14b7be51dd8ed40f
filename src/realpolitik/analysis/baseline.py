"""Who an actor's long-standing partners were before a year, from reference data rather than events.

Why: event data begin where a news archive begins, so the first cooperative event with a partner of thirty
years (Russia, Algeria's main arms supplier since the 1990s) would read as a "new partner". `shifts`
compares each period with this baseline as well as with earlier events. A state is a baseline partner of
the actor before year Y when, in the reference tables present (in the store, or bundled):

- arms (SIPRI, when imported): it supplied at least ARMS_SHARE of the actor's arms imports, or took at least
  ARMS_SHARE of its arms exports, over the BASELINE_YEARS years before Y (TIV by delivery year);
- pacts (ATOP): a defence or offence pact with the actor in force in year Y-1, or in ATOP's last year when Y-1
  is past it by at most BASELINE_YEARS (non-aggression and consultation treaties are not partnerships);
- UN votes (UNGA ideal points): it is one of the UN_NEAREST states closest to the actor's ideal point in the
  latest year before Y.

Each partner comes with the reasons, as sentences, so a reader can check them. Organisations and firms have
no reference ties: they are judged on events alone.
"""

from __future__ import annotations

from typing import Any

BASELINE_YEARS = 10
ARMS_SHARE = 0.10
UN_NEAREST = 10


def _relation(con: Any, tables: set[str], table: str) -> str | None:
    """The store's table when it has rows, else the bundled Parquet copy, else None."""
    if table in tables and con.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
        return f'"{table}"'
    from realpolitik.store.reference_tables import bundled_path

    path = bundled_path(table)
    return f"read_parquet('{str(path).replace(chr(39), chr(39) * 2)}')" if path else None


def _arms(con: Any, rel: str, code: str, y0: int, y1: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for side, other, verb in (("recipient", "supplier", "imports"), ("supplier", "recipient", "exports")):
        rows = con.execute(
            f"""WITH t AS (SELECT coalesce({other}_iso3, {other}) AS partner, sum(tiv) AS tiv FROM {rel}
                           WHERE coalesce({side}_iso3, {side}) = ? AND year BETWEEN ? AND ? GROUP BY 1)
                SELECT partner, tiv / nullif(sum(tiv) OVER (), 0) AS share FROM t ORDER BY share DESC, partner""",
            [code, y0, y1],
        ).fetchall()
        for partner, share in rows:
            if share is not None and share >= ARMS_SHARE:
                out.setdefault(partner, []).append(
                    f"SIPRI: {share:.0%} of {code}'s arms {verb} {y0}-{y1} ({'from' if verb == 'imports' else 'to'} "
                    f"{partner})"
                )
    return out


def _pacts(con: Any, rel: str, code: str, year: int) -> dict[str, list[str]]:
    from realpolitik.analysis.signed_edges import cow_to_iso3
    from realpolitik.sources.countries import ccodes_of

    last = con.execute(f"SELECT max(year) FROM {rel}").fetchall()[0][0]
    if last is None or year - int(last) > BASELINE_YEARS:
        return {}
    y = min(year, int(last))
    cc = ", ".join(str(c) for c in ccodes_of(code)) or "NULL"
    rows = con.execute(
        f"""SELECT CASE WHEN ccode1 IN ({cc}) THEN ccode2 ELSE ccode1 END FROM {rel}
            WHERE year = ? AND (ccode1 IN ({cc}) OR ccode2 IN ({cc})) AND (defense > 0 OR offense > 0)""",
        [y],
    ).fetchall()
    out: dict[str, list[str]] = {}
    for (other,) in rows:
        iso = cow_to_iso3(other)
        if iso and iso != code:
            out.setdefault(iso, []).append(f"ATOP: defence or offence pact with {code} in force in {y}")
    return out


def _un(con: Any, rel: str, code: str, year: int) -> dict[str, list[str]]:
    row = con.execute(f"SELECT max(year) FROM {rel} WHERE iso3 = ? AND year < ?", [code, year]).fetchone()
    if not row or row[0] is None:
        return {}
    y = int(row[0])
    rows = con.execute(
        f"""SELECT b.iso3, abs(a.ideal_all - b.ideal_all) AS d FROM {rel} a JOIN {rel} b ON a.year = b.year
            WHERE a.iso3 = ? AND a.year = ? AND b.iso3 <> a.iso3 AND a.ideal_all IS NOT NULL
              AND b.ideal_all IS NOT NULL ORDER BY d, b.iso3 LIMIT ?""",
        [code, y, UN_NEAREST],
    ).fetchall()
    return {
        iso: [f"UNGA: among the {UN_NEAREST} states voting closest to {code} in {y} (ideal-point distance {d:.2f})"]
        for iso, d in rows
    }


def reference_partners(con: Any, tables: set[str], code: str, year: int) -> dict[str, list[str]]:
    """{partner: [reasons]} of `code`'s baseline partners before `year` (see the module docstring)."""
    out: dict[str, list[str]] = {}
    parts = []
    sipri = _relation(con, tables, "sipri_deliveries") if "sipri_deliveries" in tables else None
    if sipri:
        parts.append(_arms(con, sipri, code, year - BASELINE_YEARS, year - 1))
    atop = _relation(con, tables, "atop_dyad_year")
    if atop:
        parts.append(_pacts(con, atop, code, year - 1))
    un = _relation(con, tables, "unga_ideal_points")
    if un:
        parts.append(_un(con, un, code, year))
    for part in parts:
        for partner, reasons in part.items():
            out.setdefault(partner, []).extend(reasons)
    return dict(sorted(out.items()))


def sources_present(con: Any, tables: set[str]) -> list[str]:
    """Which reference tables the baseline could read (for the output's `baseline.sources`)."""
    names = {
        "sipri_deliveries": "SIPRI arms transfers",
        "atop_dyad_year": "ATOP pacts",
        "unga_ideal_points": "UNGA votes",
    }
    out = []
    for table, name in names.items():
        if table == "sipri_deliveries" and table not in tables:
            continue
        if _relation(con, tables, table):
            out.append(name)
    return out
