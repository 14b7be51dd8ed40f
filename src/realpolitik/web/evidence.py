"""Full-text search over evidence sentences, with the dashboard's filters (period, event type, origin).

Why plain SQL and no index: DuckDB's full-text extension would have to be downloaded at run time, which a
closed network forbids; every word of the query must appear in the sentence (case- and accent-blind for
ASCII via ILIKE), the strongest events first, and the scan stays inside DuckDB.
"""

from __future__ import annotations

import re
from typing import Any

from realpolitik.web.access import StoreAccess
from realpolitik.web.queries import evidence_record, period_where

MAX_WORDS = 8


def words(q: str) -> list[str]:
    """The query's words (letters, digits, apostrophes and hyphens), at most eight, LIKE wildcards escaped."""
    out = [w for w in re.findall(r"[\w'\-]+", q)][:MAX_WORDS]
    return [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in out]


def search(
    access: StoreAccess,
    q: str,
    since: str | None = None,
    until: str | None = None,
    event_types: list[str] | None = None,
    origins: list[str] | None = None,
    actor: str | None = None,
    include_all: bool = False,
    limit: int = 50,
) -> dict[str, Any]:
    """Events whose evidence sentence holds every word of `q`, with the sentence, actors and source link."""
    terms = words(q)
    where, params = period_where(since, until, event_types, origins)
    conds = [*where, *("e.evidence_text ILIKE ? ESCAPE '\\'" for _ in terms)]
    params += [f"%{t}%" for t in terms]
    if actor:
        conds.append("(e.source_code = ? OR e.target_code = ?)")
        params += [actor, actor]
    if not include_all:
        conds.append("NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)")
    cond = " AND ".join(conds) or "TRUE"
    docs = "LEFT JOIN documents d ON d.doc_key = m.doc_key" if access.has_table("documents") else ""
    doc_cols = "d.title AS doc_title, d.url AS doc_url" if docs else "NULL AS doc_title, NULL AS doc_url"
    order = "abs(coalesce(m.intensity, 0)) * coalesce(m.confidence, 0.5) DESC, m.date_start DESC NULLS LAST, m.event_id"
    rows = access.rows(
        f"WITH m AS (SELECT * FROM events e WHERE {cond}) SELECT m.*, {doc_cols} FROM m {docs} "
        f"ORDER BY {order} LIMIT ?",
        [*params, int(limit)],
    )
    n = access.rows(f"SELECT count(*) AS n FROM events e WHERE {cond}", params)[0]["n"]
    events = [evidence_record(r) for r in rows]
    return {"q": q, "words": terms, "n_events": int(n), "events": events}


def facets(access: StoreAccess) -> dict[str, Any]:
    """The event types and origins present in the store, with counts, for the filters' choices."""
    if not access.has_table("events"):
        return {"event_types": [], "origins": []}
    types = access.rows("SELECT event_type AS value, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC, 1")
    origins = access.rows(
        "SELECT coalesce(origin, 'text') AS value, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    return {
        "event_types": [{"value": r["value"], "n": int(r["n"])} for r in types if r["value"]],
        "origins": [{"value": r["value"], "n": int(r["n"])} for r in origins],
    }
