"""COW state system membership (`states2016.csv`: stateabb, ccode, statenme, styear, ..., endyear).

Citation: Correlates of War Project (2017), State System Membership List, v2016.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from realpolitik.sources.reference._common import (
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

COLUMNS: dict[str, tuple[str, ...]] = {
    "stateabb": ("abb", "StateAbb"),
    "ccode": ("CCode",),
    "statenme": ("statename", "StateNme", "name"),
    "styear": ("StYear",),
    "endyear": ("EndYear",),
}


def read_cow_states(path: str | Path) -> pd.DataFrame:
    """One row per membership spell: ccode, stateabb, statenme, styear, endyear, iso3 (crosswalk)."""
    import pandas as pd

    from realpolitik.sources.countries import to_iso3

    df = pick_columns(read_table(open_text(path), path), path, COLUMNS)
    out = pd.DataFrame(index=df.index)
    out["ccode"] = to_number(df, "ccode", path, integer=True)
    check_range(out["ccode"], df, "ccode", path, 1, 999)
    out["stateabb"] = df["stateabb"].str.strip()
    out["statenme"] = df["statenme"].str.strip()
    bad = ~out.stateabb.str.fullmatch(r"[A-Z]{2,3}")
    fail_rows(bad, df, path, lambda i: f"bad stateabb {out.stateabb.iloc[i]!r}")
    for col in ("styear", "endyear"):
        out[col] = to_number(df, col, path, integer=True)
        check_range(out[col], df, col, path, 1800, 2100)
    out["iso3"] = [to_iso3(int(c)) or to_iso3(n) for c, n in zip(out.ccode, out.statenme, strict=True)]
    return drop_exact_duplicates(out.sort_values(["ccode", "styear"]).reset_index(drop=True))
