"""Cell helpers of the event-data readers: a dataset's dates, numbers, coordinates and place names as
realpolitik stores them, and content keys for files without a global event id. Pure functions of strings."""

from __future__ import annotations

import hashlib
import math
import re
from datetime import date

#: Cells that hold no value: left by pandas (nan), by Python exports (None), by databases (NULL).
NULL_CELLS = frozenset({"none", "null", "nan", "na", "n/a"})


_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}  # fmt: skip
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})[- ]([A-Za-z]+)[-, ]+(\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})\b")


def iso_date(value: str, day_first: bool = False) -> str | None:
    """A dataset's date to YYYY-MM-DD; None when it is no real date. Read: YYYYMMDD and YYYY-MM-DD (optionally
    followed by a time); m/d/Y (ICEWS files of 2017 onward, spreadsheets) or, with `day_first`, d/m/Y; and ACLED's
    "15 January 2023", "15-January-2023" and dd-mm-yyyy."""
    v = value.strip()
    if len(v) >= 10 and v[4] == "-" and v[7] == "-":
        y, m, d = v[:4], v[5:7], v[8:10]
    elif len(v) >= 8 and v[:8].isdigit():
        y, m, d = v[:4], v[4:6], v[6:8]
    elif hit := _SLASHED.match(v):
        a, b, y = hit.groups()
        m, d = (b, a) if day_first else (a, b)
    elif hit := _DAY_MONTH_NAME.match(v):
        d, name, y = hit.groups()
        month = _MONTHS.get(name.lower()) or next(
            (i for n, i in _MONTHS.items() if len(name) >= 3 and n.startswith(name.lower())), None
        )
        if month is None:
            return None
        m = str(month)
    elif hit := _DAY_MONTH_YEAR.match(v):
        d, m, y = hit.groups()
    else:
        return None
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def opt_float(value: str | None) -> float | None:
    """A number cell, or None when empty or not a (finite) number."""
    v = (value or "").strip()
    try:
        f = float(v)
    except ValueError:
        return None
    return f if math.isfinite(f) else None


def opt_int(value: str | None) -> int | None:
    """An integer cell ("12", or "12.0" as pandas re-saves one), or None."""
    if value and value.isdigit():
        return int(value)
    f = opt_float(value)
    return int(f) if f is not None and f == int(f) else None


def coordinates(lat: str | None, lon: str | None) -> tuple[float | None, float | None]:
    """(latitude, longitude) when both are numbers in range, else (None, None)."""
    la, lo = opt_float(lat), opt_float(lon)
    if la is None or lo is None or not (-90 <= la <= 90 and -180 <= lo <= 180):
        return None, None
    return la, lo


def finest_place(*names: str | None) -> str | None:
    """The first non-empty of place names given finest first (city, district, province, country)."""
    return next((n.strip() for n in names if n and n.strip() and n.strip().lower() not in NULL_CELLS), None)


def content_key(origin: str, *parts: object) -> str:
    """A stable id from what an event says, for files without a global event id."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{origin}:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:24]
