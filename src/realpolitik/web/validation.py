"""Readable request errors: one line an analyst can act on instead of FastAPI's validation JSON.

Why: the dashboard shows the server's `detail`; "since: expected YYYY, YYYY-MM or YYYY-MM-DD, got
'2024-13'" says what to fix, a list of pydantic error objects does not. Dates are checked twice: by
pattern (the shape) and by `checked_date` (a real calendar date: not month 13).
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException

DATE_HINT = "expected YYYY, YYYY-MM or YYYY-MM-DD"


def readable(errors: list[dict[str, Any]]) -> str:
    """One line for a list of validation errors: `field: what is wrong, got 'value'`; joined by '; '."""
    out = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", []) if x not in ("query", "body", "path", "form")]
        name = ".".join(loc) or "request"
        ctx = e.get("ctx") or {}
        pattern = str(ctx.get("pattern", ""))
        if e.get("type") == "string_pattern_mismatch" and r"\d{4}" in pattern:
            msg = DATE_HINT
        elif e.get("type") == "missing":
            msg = "required"
        else:
            msg = str(e.get("msg", "invalid")).removeprefix("Value error, ")
        got = e.get("input")
        out.append(f"{name}: {msg}" + (f", got {got!r}" if got is not None and e.get("type") != "missing" else ""))
    return "; ".join(out) or "invalid request"


def check_dates(**dates: str | None) -> None:
    """A 422 naming the parameter when a date has the right shape but is no calendar date (2024-13)."""
    from realpolitik.sources.articles import checked_date

    for name, value in dates.items():
        if value:
            try:
                checked_date(value)
            except ValueError as exc:
                raise HTTPException(422, f"{name}: {exc}") from None
