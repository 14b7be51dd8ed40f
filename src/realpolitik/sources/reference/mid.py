"""COW Militarized Interstate Disputes, dispute-dyad-years (`cow_mid_ddydisps.csv`, as peacesciencer packs them).

Columns used: `dispnum, ccode1, ccode2, year` and, when present, `hostlev` (the dispute's highest hostility
level, 1 no militarised action .. 5 war), `fatality`, `cowmidonset`, `sidea1, sidea2`. The file is directed
(each dyad-year twice, A-B and B-A); rows are folded into undirected dyad-years (ccode1 < ccode2, one row
per dispute, dyad and year, the highest hostility kept). ISO3 codes are added from the COW crosswalk.

Citation: Palmer, D'Orazio, Kenwick & McManus (2022), "Updating the Militarized Interstate Dispute Data",
Journal of Conflict Resolution; dyadic version: Maoz, Johnson, Kaplan, Ogunkoya & Shreve (2019), JCR 63(3).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from realpolitik.errors import ReferenceDataError
from realpolitik.sources.reference._common import (
    check_cow_codes,
    check_range,
    open_text,
    pick_columns,
    read_table,
    row_line,
    to_number,
)

if TYPE_CHECKING:
    import pandas as pd

COLUMNS: dict[str, tuple[str, ...]] = {
    "dispnum": ("disno", "dispnum3", "mid"),
    "ccode1": ("statea", "stateA", "ccodea"),
    "ccode2": ("stateb", "stateB", "ccodeb"),
    "year": ("yr", "strtyr"),
    "hostlev": ("hostlev_dyad", "hihost"),
    "fatality": ("fatlev",),
    "cowmidonset": ("onset",),
}
OPTIONAL = ("hostlev", "fatality", "cowmidonset")


def read_mid(path: str | Path) -> pd.DataFrame:
    """Undirected dispute-dyad-years: dispnum, ccode1 < ccode2, iso3_1, iso3_2, year, hostlev, fatality, onset."""
    import pandas as pd

    from realpolitik.sources.countries import to_iso3

    df = pick_columns(read_table(open_text(path), path), path, COLUMNS, optional=OPTIONAL)
    out = pd.DataFrame(index=df.index)
    out["dispnum"] = to_number(df, "dispnum", path, integer=True)
    for col in ("ccode1", "ccode2"):
        out[col] = to_number(df, col, path, integer=True)
        check_range(out[col], df, col, path, 1, 999)
        check_cow_codes(out[col], df, col, path)
    out["year"] = to_number(df, "year", path, integer=True)
    check_range(out["year"], df, "year", path, 1800, 2100)
    if "hostlev" in df:
        out["hostlev"] = to_number(df, "hostlev", path, integer=True, allow_empty=True)
        check_range(out["hostlev"], df, "hostlev", path, 1, 5)
    else:
        out["hostlev"] = pd.array([None] * len(df), dtype="Int64")
    out["fatality"] = (
        to_number(df, "fatality", path, integer=True, allow_empty=True)
        if "fatality" in df
        else pd.array([None] * len(df), dtype="Int64")
    )
    out["fatality"] = out["fatality"].where(out["fatality"] >= 0)  # -9: unknown
    out["onset"] = (
        to_number(df, "cowmidonset", path, integer=True, allow_empty=True)
        if "cowmidonset" in df
        else pd.array([None] * len(df), dtype="Int64")
    )
    same = out.ccode1 == out.ccode2
    if same.any():
        i = int(same.to_numpy().nonzero()[0][0])
        raise ReferenceDataError(f"a dispute of a state with itself ({out.ccode1.iloc[i]})", str(path), row_line(df, i))
    lo = out[["ccode1", "ccode2"]].min(axis=1)
    hi = out[["ccode1", "ccode2"]].max(axis=1)
    out["ccode1"], out["ccode2"] = lo, hi
    out = out.groupby(["dispnum", "ccode1", "ccode2", "year"], as_index=False).agg(
        hostlev=("hostlev", "max"), fatality=("fatality", "max"), onset=("onset", "max")
    )
    codes = sorted(set(out.ccode1.tolist()) | set(out.ccode2.tolist()))
    iso = {int(c): to_iso3(int(c)) for c in codes}
    out["iso3_1"] = out.ccode1.map(lambda c: iso.get(int(c)))
    out["iso3_2"] = out.ccode2.map(lambda c: iso.get(int(c)))
    for col in ("dispnum", "ccode1", "ccode2", "year"):
        out[col] = out[col].astype("int32")
    for col in ("hostlev", "fatality", "onset"):
        out[col] = out[col].astype("Int32")
    cols = ["dispnum", "ccode1", "ccode2", "iso3_1", "iso3_2", "year", "hostlev", "fatality", "onset"]
    return out[cols].sort_values(["year", "ccode1", "ccode2", "dispnum"]).reset_index(drop=True)
