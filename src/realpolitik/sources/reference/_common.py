"""Shared checks for reference files: column aliases, numeric columns, errors naming file and row."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from realpolitik.errors import ReferenceDataError

if TYPE_CHECKING:
    import pandas as pd


def open_text(path: str | Path) -> str:
    """The file's text (gzip by suffix), UTF-8 with a Latin-1 fallback; errors for missing or empty files."""
    import gzip
    import zlib

    p = Path(path)
    if not p.exists():
        raise ReferenceDataError("no such file", str(p))
    try:
        raw = p.read_bytes()
    except OSError as exc:  # a directory, no permission
        raise ReferenceDataError(f"cannot read ({exc.strerror or exc})", str(p)) from None
    if p.suffix == ".gz" or raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        # a cut-off download raises EOFError, which click would turn into a bare "Aborted!"
        except EOFError:
            raise ReferenceDataError(
                "truncated gzip file (it ends before its end marker); download it again", str(p)
            ) from None
        except (OSError, zlib.error) as exc:
            raise ReferenceDataError(f"not a readable gzip file ({exc})", str(p)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if not text.strip():
        raise ReferenceDataError("empty file", str(p), 1)
    return text


def read_table(text: str, path: str | Path, header_line: int = 1) -> pd.DataFrame:
    """CSV text as strings. `header_line` is the file's line number of the header (for row numbers)."""
    import pandas as pd

    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    except pd.errors.ParserError as exc:
        raise ReferenceDataError(f"malformed CSV ({exc})", str(path)) from None
    except pd.errors.EmptyDataError:
        raise ReferenceDataError("empty file", str(path), header_line) from None
    df.columns = [str(c).strip().strip(";").strip() for c in df.columns]
    if df.empty:
        raise ReferenceDataError("no data rows after the header", str(path), header_line)
    df.attrs["header_line"] = header_line
    return df


def pick_columns(
    df: pd.DataFrame, path: str | Path, wanted: Mapping[str, Sequence[str]], optional: Sequence[str] = ()
) -> pd.DataFrame:
    """Rename the first present alias of each wanted column to its canonical name; error on missing ones."""
    lower = {c.lower(): c for c in df.columns}
    rename: dict[str, str] = {}
    missing: list[str] = []
    for canon, aliases in wanted.items():
        for alias in (canon, *aliases):
            if alias.lower() in lower:
                rename[lower[alias.lower()]] = canon
                break
        else:
            if canon not in optional:
                missing.append(f"{canon} (or {', '.join(aliases)})" if aliases else canon)
    if missing:
        raise ReferenceDataError(
            f"missing column(s): {'; '.join(missing)}; found: {', '.join(df.columns)}",
            str(path),
            df.attrs.get("header_line", 1),
        )
    out = df[list(rename)].rename(columns=rename)
    out.attrs = dict(df.attrs)
    return out


def drop_exact_duplicates(df: pd.DataFrame) -> pd.DataFrame:
    """The rows of a reader's output without exact repeats, the count dropped in `attrs["duplicates"]`.

    Why: a file with a row written twice (two exports concatenated, a copy-paste) would count it twice: a
    SIPRI delivery's TIV doubled is a dependence share doubled. Rows that differ in any column are kept."""
    dup = df.duplicated()
    n = int(dup.sum())
    out = df[~dup].reset_index(drop=True) if n else df
    out.attrs = {**df.attrs, "duplicates": n}
    return out


def row_line(df: pd.DataFrame, index: int) -> int:
    """The file line of a data row (index in the frame as read)."""
    return int(df.attrs.get("header_line", 1)) + 1 + int(index)


def to_number(
    df: pd.DataFrame, col: str, path: str | Path, integer: bool = False, allow_empty: bool = False
) -> pd.Series:
    """A column as numbers; the first bad value raises an error naming its row."""
    import pandas as pd

    raw = df[col].astype(str).str.strip().str.rstrip(";").str.strip().str.rstrip("?")
    empty = raw.isin(["", "NA", "nan", "NaN", "."])
    num = pd.to_numeric(raw.where(~empty), errors="coerce")
    bad = num.isna() & ~empty
    if not allow_empty:
        bad = bad | empty
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise ReferenceDataError(f"bad {col} value {raw.iloc[i]!r}", str(path), row_line(df, i))
    if integer:
        frac = num.notna() & (num != num.round())
        if frac.any():
            i = int(frac.to_numpy().nonzero()[0][0])
            raise ReferenceDataError(
                f"bad {col} value {raw.iloc[i]!r} (not a whole number)", str(path), row_line(df, i)
            )
        return num.round().astype("Int64")
    return num.astype("float64")


def check_range(s: pd.Series, df: pd.DataFrame, col: str, path: str | Path, lo: float, hi: float) -> None:
    bad = s.notna() & ((s < lo) | (s > hi))
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise ReferenceDataError(f"{col} value {s.iloc[i]} out of range {lo}-{hi}", str(path), row_line(df, i))


@lru_cache(maxsize=1)
def known_cow_codes() -> frozenset[int]:
    """COW state codes of the bundled state list (empty while the bundle is being built)."""
    from importlib import resources

    res = resources.files("realpolitik.data").joinpath("reference/cow_states.parquet")
    if not res.is_file():
        return frozenset()
    import pandas as pd

    return frozenset(int(c) for c in pd.read_parquet(str(res), columns=["ccode"]).ccode)


def check_cow_codes(s: pd.Series, df: pd.DataFrame, col: str, path: str | Path) -> None:
    """Every value must be a COW state code (system membership list v2016)."""
    known = known_cow_codes()
    if not known:
        return
    bad = s.notna() & ~s.isin(list(known))
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise ReferenceDataError(f"{col} {s.iloc[i]} is not a COW state code", str(path), row_line(df, i))
