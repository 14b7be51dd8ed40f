"""ATOP (Alliance Treaty Obligations and Provisions) readers.

- dyad-years: peacesciencer's packaging (`ccode1, ccode2, year, atop_defense, ...`) or ATOP's own
  `atop5_1ddyr.csv` (`stateA, stateB, year, defense, offense, neutral, nonagg, consul, ...`). Directed
  dyads are folded into undirected ones (ccode1 < ccode2, obligations OR-ed).
- member-level: ATOP's `atop5_1m.csv` (`atopid, member, yrent, moent, dayent, yrexit, moexit, dayexit,
  defense, offense, neutral, nonagg, consul`): one row per state's membership in a treaty phase.

Citation: Leeds, Ritter, Mitchell and Long (2002), "Alliance Treaty Obligations and Provisions, 1815-1944",
International Interactions 28: 237-260; ATOP codebook v5.1.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from realpolitik.errors import ReferenceDataError
from realpolitik.sources.reference._common import (
    check_cow_codes,
    check_range,
    drop_exact_duplicates,
    fail_rows,
    open_text,
    pick_columns,
    read_table,
    to_number,
)

if TYPE_CHECKING:
    import pandas as pd

OBLIGATIONS: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul")

DYAD_COLUMNS: dict[str, tuple[str, ...]] = {
    "ccode1": ("stateA", "statea", "mem1", "ccodea"),
    "ccode2": ("stateB", "stateb", "mem2", "ccodeb"),
    "year": ("yr",),
    **{ob: (f"atop_{ob}",) for ob in OBLIGATIONS},
}
MEMBER_COLUMNS: dict[str, tuple[str, ...]] = {
    "atopid": (),
    "member": ("ccode", "state"),
    "yrent": (),
    "yrexit": (),
    "moent": (),
    "dayent": (),
    "moexit": (),
    "dayexit": (),
    **{ob: (f"atop_{ob}",) for ob in OBLIGATIONS},
}


def detect_kind(path: str | Path) -> str:
    """'members' for a member-level file (has atopid and member), else 'dyads'."""
    text = open_text(path)
    header = {c.strip().lower() for c in text.splitlines()[0].split(",")}
    return "members" if {"atopid", "member"} <= header or {"atopid", "ccode"} <= header else "dyads"


def read_atop_dyads(path: str | Path) -> pd.DataFrame:
    """Undirected dyad-years with 0/1 obligations: ccode1 < ccode2, year, defense ... consul."""
    import pandas as pd

    df = pick_columns(read_table(open_text(path), path), path, DYAD_COLUMNS)
    out = pd.DataFrame(index=df.index)
    for col in ("ccode1", "ccode2", "year"):
        out[col] = to_number(df, col, path, integer=True)
        check_range(out[col], df, col, path, *((1, 999) if col != "year" else (1800, 2100)))
        if col != "year":
            check_cow_codes(out[col], df, col, path)
    for ob in OBLIGATIONS:
        out[ob] = to_number(df, ob, path, integer=True, allow_empty=True).fillna(0)
        check_range(out[ob], df, ob, path, 0, 1)
    fail_rows(out.ccode1 == out.ccode2, df, path, lambda i: f"a state allied with itself ({out.ccode1.iloc[i]})")
    lo = out[["ccode1", "ccode2"]].min(axis=1)
    hi = out[["ccode1", "ccode2"]].max(axis=1)
    duplicates = int(out.duplicated().sum())  # rows repeated as written: merged below, counted for the report
    out["ccode1"], out["ccode2"] = lo, hi
    out = out.groupby(["ccode1", "ccode2", "year"], as_index=False)[list(OBLIGATIONS)].max()
    out = out[out[list(OBLIGATIONS)].sum(axis=1) > 0]
    for col in ("ccode1", "ccode2", "year", *OBLIGATIONS):
        out[col] = out[col].astype("int32")
    out = out.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    out.attrs["duplicates"] = duplicates
    return out


def read_atop_members(path: str | Path) -> pd.DataFrame:
    """Treaty memberships: atopid, member (COW code), yrent, yrexit (None while in force), obligations."""
    import pandas as pd

    df = pick_columns(
        read_table(open_text(path), path), path, MEMBER_COLUMNS, optional=("moent", "dayent", "moexit", "dayexit")
    )
    out = pd.DataFrame(index=df.index)
    out["atopid"] = to_number(df, "atopid", path, integer=True)
    out["member"] = to_number(df, "member", path, integer=True)
    check_range(out["member"], df, "member", path, 1, 999)
    check_cow_codes(out["member"], df, "member", path)
    out["yrent"] = to_number(df, "yrent", path, integer=True)
    check_range(out["yrent"], df, "yrent", path, 1800, 2100)
    exit_ = to_number(df, "yrexit", path, integer=True, allow_empty=True)
    out["yrexit"] = exit_.where(exit_ > 0)  # ATOP codes 0 for "still in force"
    check_range(out["yrexit"], df, "yrexit", path, 1800, 2100)
    for ob in OBLIGATIONS:
        out[ob] = to_number(df, ob, path, integer=True, allow_empty=True).fillna(0)
        check_range(out[ob], df, ob, path, 0, 1)
    out["start_date"] = _dates(df, out["yrent"], "moent", "dayent", path)
    out["end_date"] = _dates(df, out["yrexit"], "moexit", "dayexit", path)
    if out.empty:
        raise ReferenceDataError("no rows", str(path))
    out = out.sort_values(["atopid", "member", "yrent"]).reset_index(drop=True)
    for col in ("atopid", "member", "yrent", *OBLIGATIONS):
        out[col] = out[col].astype("int32")
    out["yrexit"] = out["yrexit"].astype("Int32")
    return drop_exact_duplicates(out)


def _dates(df: pd.DataFrame, years: pd.Series, mo: str, day: str, path: str | Path) -> list[str | None]:
    """ISO dates as precise as the file gives them (YYYY, YYYY-MM or YYYY-MM-DD; month/day 0 = unknown)."""
    import pandas as pd

    months = to_number(df, mo, path, integer=True, allow_empty=True) if mo in df else None
    days = to_number(df, day, path, integer=True, allow_empty=True) if day in df else None
    if months is not None:
        check_range(months, df, mo, path, 0, 12)
    if days is not None:
        check_range(days, df, day, path, 0, 31)
    out: list[str | None] = []
    for i, y in enumerate(years):
        if y is None or y is pd.NA or y != y:
            out.append(None)
            continue
        text = f"{int(y):04d}"
        m = months.iloc[i] if months is not None else None
        d = days.iloc[i] if days is not None else None
        if m is not None and m is not pd.NA and m > 0:
            text += f"-{int(m):02d}"
            if d is not None and d is not pd.NA and d > 0:
                text += f"-{int(d):02d}"
        out.append(text)
    return out
