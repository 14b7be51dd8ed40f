"""UN General Assembly data: roll-call votes (Voeten et al., "United Nations General Assembly Voting Data",
Harvard Dataverse; CC0) and Bailey-Strezhnev-Voeten ideal points (Bailey, Strezhnev and Voeten 2017,
"Estimating Dynamic State Preferences from United Nations Voting Data", Journal of Conflict Resolution 61(2)).

Votes come as `rcid, country, country_code (ISO2), vote (yes/no/abstain)` (the unvotes packaging) or as the
original `rcid, ccode, member, vote` with vote 1 yes, 2 abstain, 3 no, 8 absent, 9 not a member.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from realpolitik.errors import ReferenceDataError
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

VOTE_CODES = {"yes": 1, "y": 1, "1": 1, "abstain": 2, "a": 2, "2": 2, "no": 3, "n": 3, "3": 3}
VOTE_SKIP = {"8", "9", "absent", "not a member", ""}

IDEAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "ccode": ("CCode", "cowcode"),
    "iso3": ("iso3c", "iso"),
    "name": ("countryname", "Countryname", "country"),
    "year": ("Year", "session_year"),
    "ideal_all": ("idealpointall", "IdealPointAll", "idealpoint", "IdealPoint"),
    "ideal_fp": ("idealpointfp", "IdealPointFP"),
    "ideal_legacy": ("idealpointlegacy", "IdealPointLegacy"),
    "nvotes": ("nvotesall", "NVotesAll", "nvotes"),
}
VOTE_COLUMNS: dict[str, tuple[str, ...]] = {
    "rcid": (),
    "country": ("Countryname", "member"),
    "country_code": ("ccode", "iso2", "country_code2"),
    "vote": (),
}
ROLLCALL_COLUMNS: dict[str, tuple[str, ...]] = {
    "rcid": (),
    "session": (),
    "date": (),
    "importantvote": ("important",),
    "unres": ("resolution",),
    "short": ("title",),
}


def detect_kind(path: str | Path) -> str:
    """'ideal' (ideal points), 'votes', 'rollcalls' or 'issues' by the file's header."""
    header = {c.strip().lower() for c in open_text(path).splitlines()[0].split(",")}
    if header & {"idealpointall", "idealpoint", "idealpointfp"}:
        return "ideal"
    if "vote" in header and "rcid" in header:
        return "votes"
    if {"rcid", "issue"} <= header:
        return "issues"
    if {"rcid", "session", "date"} <= header:
        return "rollcalls"
    raise ReferenceDataError(
        "not a recognised UNGA file (expected ideal points, votes or roll calls columns)", str(path), 1
    )


def read_unga_ideal_points(path: str | Path) -> pd.DataFrame:
    """ccode, iso3, name, year, ideal_all, ideal_fp, ideal_legacy, nvotes (one row per state-year)."""
    import pandas as pd

    from realpolitik.sources.countries import country_name, to_iso3

    df = pick_columns(
        read_table(open_text(path), path),
        path,
        IDEAL_COLUMNS,
        optional=("iso3", "name", "ideal_fp", "ideal_legacy", "nvotes"),
    )
    out = pd.DataFrame(index=df.index)
    out["ccode"] = to_number(df, "ccode", path, integer=True)
    check_range(out["ccode"], df, "ccode", path, 1, 999)
    out["year"] = to_number(df, "year", path, integer=True)
    check_range(out["year"], df, "year", path, 1900, 2100)
    for col in ("ideal_all", "ideal_fp", "ideal_legacy", "nvotes"):
        out[col] = to_number(df, col, path, allow_empty=True) if col in df else float("nan")
    given = df["iso3"].str.strip() if "iso3" in df else pd.Series("", index=df.index)
    iso = [g or to_iso3(int(c)) for g, c in zip(given, out.ccode, strict=True)]
    unknown = pd.Series([not v for v in iso], index=df.index)
    fail_rows(unknown, df, path, lambda i: f"unknown COW code {out.ccode.iloc[i]}")
    out["iso3"] = iso
    names = df["name"].str.strip() if "name" in df else pd.Series("", index=df.index)
    out["name"] = [n or country_name(i) for n, i in zip(names, iso, strict=True)]
    out = out[out[["ideal_all", "ideal_fp", "ideal_legacy"]].notna().any(axis=1)]
    out = out[["ccode", "iso3", "name", "year", "ideal_all", "ideal_fp", "ideal_legacy", "nvotes"]]
    out = out.astype({"ccode": "int32", "year": "int32"})
    return drop_exact_duplicates(out.sort_values(["iso3", "year", "ccode"]).reset_index(drop=True))


def read_unga_votes(path: str | Path) -> pd.DataFrame:
    """rcid, iso3, vote (1 yes, 2 abstain, 3 no); absences and non-members dropped."""
    import numpy as np
    import pandas as pd

    from realpolitik.sources.countries import to_iso3

    df = pick_columns(read_table(open_text(path), path), path, VOTE_COLUMNS, optional=("country",))
    rcid = to_number(df, "rcid", path, integer=True)
    vote_raw = df["vote"].str.strip().str.lower().str.replace(r"\.0$", "", regex=True)
    known = vote_raw.isin(list(VOTE_CODES)) | vote_raw.isin(list(VOTE_SKIP))
    fail_rows(~known, df, path, lambda i: f"bad vote {df['vote'].iloc[i]!r}")
    code = df["country_code"].str.strip().str.replace(r"\.0$", "", regex=True)
    pairs = pd.DataFrame({"code": code, "name": df["country"].str.strip() if "country" in df else ""})
    iso: dict[tuple[str, str], str | None] = {}
    for c, n in pairs.drop_duplicates().itertuples(index=False):
        iso[(c, n)] = to_iso3(c) if c else None
        if iso[(c, n)] is None and n:
            iso[(c, n)] = to_iso3(n)
    iso3 = pd.Series([iso[k] for k in zip(pairs.code, pairs.name, strict=True)], index=df.index)
    # a row with a code nobody knows is an error; a row without a code whose name is unknown (Zanzibar, a
    # state of 1964 with no ISO code) is dropped
    bad = iso3.isna() & (code != "")
    fail_rows(
        bad,
        df,
        path,
        lambda i: f"unknown country {df.iloc[i].get('country', '')!r} / code {df['country_code'].iloc[i]!r}",
    )
    out = pd.DataFrame({"rcid": rcid, "iso3": iso3, "vote": vote_raw.map(VOTE_CODES)})
    out = out[out.iso3.notna() & out.vote.notna()]
    out = drop_exact_duplicates(out.astype({"rcid": "int32", "vote": np.int8}))
    n = out.attrs["duplicates"]
    out = out.drop_duplicates(["rcid", "iso3"]).sort_values(["rcid", "iso3"]).reset_index(drop=True)
    out.attrs["duplicates"] = n
    return out


def read_unga_rollcalls(path: str | Path) -> pd.DataFrame:
    """rcid, session, year, date, important, unres, short."""
    import pandas as pd

    df = pick_columns(
        read_table(open_text(path), path), path, ROLLCALL_COLUMNS, optional=("importantvote", "unres", "short")
    )
    out = pd.DataFrame(index=df.index)
    out["rcid"] = to_number(df, "rcid", path, integer=True)
    out["session"] = to_number(df, "session", path, integer=True)
    dates = pd.to_datetime(df["date"].str.strip(), errors="coerce", format="%Y-%m-%d")
    fail_rows(dates.isna(), df, path, lambda i: f"bad date {df['date'].iloc[i]!r}")
    out["year"] = dates.dt.year.astype("int32")
    out["date"] = dates.dt.strftime("%Y-%m-%d")
    out["important"] = (
        to_number(df, "importantvote", path, integer=True, allow_empty=True).fillna(0).astype("int8")
        if "importantvote" in df
        else 0
    )
    out["unres"] = df["unres"].str.strip() if "unres" in df else ""
    out["short"] = df["short"].str.strip() if "short" in df else ""
    out = drop_exact_duplicates(out.astype({"rcid": "int32", "session": "int32"}).sort_values("rcid"))
    twice = out.rcid.duplicated()
    if twice.any():  # rcid is the table's key: two different descriptions of one roll call
        raise ReferenceDataError(f"rcid {out.rcid[twice].iloc[0]} is described twice, differently", str(path))
    return out
