"""Shared checks for reference files: column aliases, numeric columns, errors naming file and row.

`keep_going` reads a file skipping its bad rows (`import --keep-going`): each check reports every bad row it
finds at once (`fail_rows`), those lines are left out of the file's text (`open_text`), and the reader runs
again, until it succeeds or fails on something that is no row (a missing column: the file is not imported).
"""

from __future__ import annotations

import bisect
import io
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from realpolitik.errors import ReferenceDataError

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")
#: While `keep_going` reads a file: the file lines left out of its text (sorted), else None.
_SKIPPED: ContextVar[list[int] | None] = ContextVar("skipped_lines", default=None)


class RowError(ReferenceDataError):
    """A bad data row: the file is readable without it (what `keep_going` skips)."""


class BadRows(RowError):
    """Several bad rows found by one check (while keeping going), each its own error in `errors`."""

    def __init__(self, errors: list[RowError]) -> None:
        first = errors[0]
        self.errors = errors
        super().__init__(f"{first.message} (and {len(errors) - 1} more bad rows)", first.path, first.line)


def keep_going(read: Callable[..., T], path: str | Path, *args: Any) -> tuple[T, list[RowError]]:
    """`read(path, *args)` with its bad rows left out, and the errors that named them (file order).
    An error that names no row, or a row already left out, is raised: the file cannot be read."""
    skipped: list[int] = []
    found: list[RowError] = []
    token = _SKIPPED.set(skipped)
    try:
        while True:
            try:
                return read(path, *args), sorted(found, key=lambda e: e.line or 0)
            except RowError as exc:
                errors = exc.errors if isinstance(exc, BadRows) else [exc]
                lines = {e.line for e in errors if e.line is not None}
                if len(lines) < len(errors) or lines & set(skipped):
                    raise
                found.extend(errors)
                skipped.extend(lines)
                skipped.sort()
    finally:
        _SKIPPED.reset(token)


def fail_rows(mask: pd.Series, df: pd.DataFrame, path: str | Path, message: Callable[[int], str]) -> None:
    """Raise for the rows (positions) where `mask` holds: the first one, or all of them while keeping going."""
    if not mask.any():
        return
    positions = mask.to_numpy().nonzero()[0]
    if _SKIPPED.get() is None:
        positions = positions[:1]
    errors = [RowError(message(int(i)), str(path), row_line(df, int(i))) for i in positions]
    raise errors[0] if len(errors) == 1 else BadRows(errors)


def _without_lines(text: str, skipped: list[int]) -> str:
    """The text with these (1-based) lines left out."""
    lines = text.splitlines(keepends=True)
    drop = set(skipped)
    return "".join(line for n, line in enumerate(lines, start=1) if n not in drop)


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
    skipped = _SKIPPED.get()
    return _without_lines(text, skipped) if skipped else text


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
    """The file line of a data row (its position in the frame as read), counting lines left out by
    `keep_going` (all of them after the header)."""
    line = int(df.attrs.get("header_line", 1)) + 1 + int(index)
    skipped = _SKIPPED.get()
    if skipped:
        # the n-th line kept is line n plus the skipped lines at or before it
        done = 0
        while True:
            more = bisect.bisect_right(skipped, line + done) - done
            if more <= 0:
                return line + done
            done += more
    return line


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
    fail_rows(bad, df, path, lambda i: f"bad {col} value {raw.iloc[i]!r}")
    if integer:
        frac = num.notna() & (num != num.round())
        fail_rows(frac, df, path, lambda i: f"bad {col} value {raw.iloc[i]!r} (not a whole number)")
        return num.round().astype("Int64")
    return num.astype("float64")


def check_range(s: pd.Series, df: pd.DataFrame, col: str, path: str | Path, lo: float, hi: float) -> None:
    bad = s.notna() & ((s < lo) | (s > hi))
    fail_rows(bad, df, path, lambda i: f"{col} value {s.iloc[i]} out of range {lo}-{hi}")


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
    fail_rows(bad, df, path, lambda i: f"{col} {s.iloc[i]} is not a COW state code")
