"""Event dates from the text, resolved against the document's publication date.

Absolute expressions ("14 November 2024", "November 2024", "in 2022", "since 2021") keep the
precision the text gives. Relative ones ("last July", "a few days ago", "yesterday", "last year",
"next month") are resolved against the publication date. A date is what the text supports; when
the text gives none, the caller decides the fallback (the publication year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a few": 3,
    "few": 3,
    "several": 3,
    "some": 3,
    "a couple of": 2,
    "couple of": 2,
}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM_RE = r"\d+|a couple of|a few|several|some|one|two|three|four|five|six|seven|eight|nine|ten|an|a"


@dataclass(frozen=True)
class ResolvedDate:
    """A date as precise as the text allows: YYYY, YYYY-MM or YYYY-MM-DD; `start`/`end`: span in the text."""

    value: str
    precision: str  # year | month | day
    start: int
    end: int


def parse_pub_date(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _fmt(d: date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _shift_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # 14 November 2024 / November 14, 2024
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I), "dmy"),
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "us"),
    # November 2024
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(?:of\s+)?(\d{{4}})\b", re.I), "my"),
    # last/next/this July
    (re.compile(rf"\b(last|next|this|past|previous|coming)\s+({_MONTH_RE})\b", re.I), "rel_month_name"),
    # last/next week/month/year
    (re.compile(r"\b(last|next|this|past|previous|coming)\s+(week|month|year)\b", re.I), "rel_unit"),
    # a few days ago / two weeks ago / 3 months ago
    (re.compile(rf"\b({_NUM_RE})\s+(day|week|month|year)s?\s+ago\b", re.I), "ago"),
    (re.compile(r"\b(yesterday|today|tonight|tomorrow)\b", re.I), "deictic"),
    (
        re.compile(r"\b(on|last|this|next)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I),
        "weekday",
    ),
    # in July (no year): the most recent July up to the publication date
    (
        re.compile(rf"\b(?:in|since|during|from|until|by|early|late|mid-?)\s+({_MONTH_RE})\b(?!\s+\d)", re.I),
        "bare_month",
    ),
    # in 2022 / since 2021 / 2019
    (re.compile(r"\b(1[89]\d{2}|20\d{2})\b"), "year"),
]


def find_dates(text: str, pub: date | None) -> list[ResolvedDate]:
    """Every date expression in `text`, resolved; overlapping matches keep the first (most precise) pattern."""
    found: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            resolved = _resolve(kind, m, pub)
            if resolved is None:
                continue
            value, precision = resolved
            found.append(ResolvedDate(value, precision, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda r: r.start)
    return found


def _resolve(kind: str, m: re.Match[str], pub: date | None) -> tuple[str, str] | None:
    g = m.groups()
    try:
        if kind == "dmy":
            return date(int(g[2]), MONTHS[g[1].lower()], int(g[0])).isoformat(), "day"
        if kind == "mdy":
            return date(int(g[2]), MONTHS[g[0].lower()], int(g[1])).isoformat(), "day"
        if kind == "iso":
            return date(int(g[0]), int(g[1]), int(g[2])).isoformat(), "day"
        if kind == "us":
            return date(int(g[2]), int(g[0]), int(g[1])).isoformat(), "day"
        if kind == "my":
            return f"{int(g[1]):04d}-{MONTHS[g[0].lower()]:02d}", "month"
    except (ValueError, KeyError):
        return None
    if kind == "year":
        return g[0], "year"
    if pub is None:
        return None
    if kind == "rel_month_name":
        which, month = g[0].lower(), MONTHS[g[1].lower()]
        year = pub.year
        if which in ("last", "past", "previous"):
            if month >= pub.month:
                year -= 1
        elif which in ("next", "coming") and month <= pub.month:
            year += 1
        return f"{year:04d}-{month:02d}", "month"
    if kind == "bare_month":
        month = MONTHS[g[0].lower()]
        year = pub.year if month <= pub.month else pub.year - 1
        return f"{year:04d}-{month:02d}", "month"
    if kind == "rel_unit":
        which, unit = g[0].lower(), g[1].lower()
        step = -1 if which in ("last", "past", "previous") else (1 if which in ("next", "coming") else 0)
        if unit == "year":
            return f"{pub.year + step:04d}", "year"
        if unit == "month":
            return _fmt(_shift_months(pub, step), "month"), "month"
        return _fmt(pub + timedelta(weeks=step), "month"), "month"
    if kind == "ago":
        n = NUMBER_WORDS.get(g[0].lower()) if not g[0].isdigit() else int(g[0])
        unit = g[1].lower()
        if n is None:
            return None
        if unit == "day":
            # "a few days ago" is not a precise day: keep the month it falls in.
            return _fmt(pub - timedelta(days=n), "month" if not g[0].isdigit() else "day"), (
                "month" if not g[0].isdigit() else "day"
            )
        if unit == "week":
            return _fmt(pub - timedelta(weeks=n), "month"), "month"
        if unit == "month":
            return _fmt(_shift_months(pub, -n), "month"), "month"
        return f"{pub.year - n:04d}", "year"
    if kind == "deictic":
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g[0].lower()]
        return (pub + timedelta(days=offset)).isoformat(), "day"
    if kind == "weekday":
        # "on Thursday" in a Thursday's paper is that day (news reports the day it happened); "last
        # Thursday" is a week back; "next Thursday" is ahead
        which, target = g[0].lower(), WEEKDAYS[g[1].lower()]
        if which == "next":
            return (pub + timedelta(days=(target - pub.weekday()) % 7 or 7)).isoformat(), "day"
        delta = (pub.weekday() - target) % 7
        if which == "last":
            delta = delta or 7
        return (pub - timedelta(days=delta)).isoformat(), "day"
    return None


def nearest_date(dates: list[ResolvedDate], position: int) -> ResolvedDate | None:
    """The date expression closest to a character position (a trigger), ties to the earlier one."""
    if not dates:
        return None
    return min(dates, key=lambda d: (min(abs(d.start - position), abs(d.end - position)), d.start))
