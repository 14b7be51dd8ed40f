"""Time axes for the dashboard's charts: continuous periods, labelled as analysts write them, at the
precision the dates have.

Why: a chart that skips empty periods puts 2022-01 next to 2024-01 and hides two quiet years; a date
known only to its year ("in 2024") is stored as 2024-01-01 for range queries, and drawing it as January
invents a month. So series are filled with every period between the first and the last, and an event is
placed in a period only when its date is at least as precise as the period (`date` is YYYY, YYYY-MM or
YYYY-MM-DD); coarser ones are counted apart, by year.
"""

from __future__ import annotations

from datetime import date

UNITS = ("year", "quarter", "month")
# Characters of the stored `date` string a unit needs: 4 for a year, 7 for a month (and so a quarter).
PRECISION_CHARS = {"year": 4, "quarter": 7, "month": 7}


def precise_enough(by: str) -> str:
    """SQL condition: the event's date is at least as precise as one `by` period."""
    return f"length(coalesce(date, '')) >= {PRECISION_CHARS[by]}"


def label(start: date | str, by: str) -> str:
    """2024 for a year, 2024Q3 for a quarter, 2024-07 for a month."""
    d = start if isinstance(start, date) else date.fromisoformat(str(start)[:10])
    if by == "year":
        return f"{d.year:04d}"
    if by == "quarter":
        return f"{d.year:04d}Q{(d.month - 1) // 3 + 1}"
    return f"{d.year:04d}-{d.month:02d}"


def period_start(d: date | str, by: str) -> date:
    """The first day of the `by` period holding `d`."""
    x = d if isinstance(d, date) else date.fromisoformat(str(d)[:10])
    if by == "year":
        return date(x.year, 1, 1)
    if by == "quarter":
        return date(x.year, 3 * ((x.month - 1) // 3) + 1, 1)
    return date(x.year, x.month, 1)


def step(d: date, by: str) -> date:
    """The start of the period after the one starting at `d`."""
    months = {"year": 12, "quarter": 3, "month": 1}[by]
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def span(first: date | str, last: date | str, by: str, limit: int = 2400) -> list[date]:
    """Every period start from the one holding `first` to the one holding `last` (at most `limit`)."""
    out: list[date] = []
    cur, end = period_start(first, by), period_start(last, by)
    while cur <= end and len(out) < limit:
        out.append(cur)
        cur = step(cur, by)
    return out
