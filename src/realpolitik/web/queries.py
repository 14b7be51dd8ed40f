"""The dashboard's SQL: every figure is aggregated inside DuckDB and capped before it reaches Python.

Why: a store can hold millions of events; the browser needs a few hundred nodes and edges, and a
request must not pull the events table into memory. Dyads are undirected here (the graph view
shows relations, not directions): the pair is ordered with least()/greatest().
"""

from __future__ import annotations

from typing import Any

from realpolitik.store.db import date_window, row_to_record
from realpolitik.store.schema import FACTUAL
from realpolitik.web.access import StoreAccess

# Events that count as having happened: the text neither denies nor merely imagines them.
DYAD = "source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code"


def period_where(
    since: str | None,
    until: str | None,
    event_types: list[str] | None = None,
    origins: list[str] | None = None,
) -> tuple[list[str], list[Any]]:
    """SQL conditions for a date window on `date_start` (undated events are kept only when no window is set),
    and optionally for event types (PLOVER) and origins (text, gdelt, icews, polecat, acled)."""
    where, params = date_window(since, until)
    if event_types:
        where.append("list_contains(?, event_type)")
        params.append(list(event_types))
    if origins:
        where.append("list_contains(?, coalesce(origin, 'text'))")
        params.append(list(origins))
    return where, params


def graph(
    access: StoreAccess,
    since: str | None,
    until: str | None,
    max_edges: int,
    min_events: int,
    event_types: list[str] | None = None,
    origins: list[str] | None = None,
) -> dict[str, Any]:
    """Top dyads by event count in the window, with sign and weight, and their actors as nodes; `first` and
    `last` are the dates of the earliest and latest events as written (2024 stays a year, not 2024-01-01)."""
    where, params = period_where(since, until, event_types, origins)
    conds = " AND ".join([FACTUAL, DYAD, *where])
    # One scan: the dyads' aggregates, with the window's totals over every dyad beside them.
    sql = f"""
        WITH d AS (
            SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b,
                   count(*) AS n_events, sum(coalesce(intensity, 0) * coalesce(confidence, 0.5)) AS score,
                   avg(coalesce(intensity, 0)) AS mean_intensity,
                   count(*) FILTER (WHERE intensity > 0) AS n_coop,
                   count(*) FILTER (WHERE intensity < 0) AS n_conf,
                   arg_min(date, date_start) AS first, arg_max(date, date_start) AS last
            FROM events WHERE {conds}
            GROUP BY 1, 2
        ), t AS (
            SELECT *, sum(n_events) OVER () AS total_events, count(*) OVER () AS total_dyads FROM d
        )
        SELECT * FROM t WHERE n_events >= ? ORDER BY n_events DESC, abs(score) DESC, a, b LIMIT ?
    """
    rows = access.rows(sql, [*params, int(min_events), int(max_edges)])
    if rows:
        total = {"n": rows[0]["total_events"], "d": rows[0]["total_dyads"]}
    else:  # no dyad passes min_events: the totals still describe the window
        total = access.rows(
            "SELECT count(*) AS n, count(DISTINCT (least(source_code, target_code), greatest(source_code, target_code))) "
            f"AS d FROM events WHERE {conds}",
            params,
        )[0]
    edges = []
    degree: dict[str, int] = {}
    strength: dict[str, int] = {}
    for r in rows:
        sign = 1 if r["score"] > 0 else (-1 if r["score"] < 0 else 0)
        edges.append(
            {
                "id": f"{r['a']}|{r['b']}",
                "source": r["a"],
                "target": r["b"],
                "sign": sign,
                "weight": round(abs(float(r["score"])), 3),
                "n_events": int(r["n_events"]),
                "n_cooperative": int(r["n_coop"]),
                "n_conflictual": int(r["n_conf"]),
                "mean_intensity": round(float(r["mean_intensity"]), 2),
                "first": _iso(r["first"]),
                "last": _iso(r["last"]),
            }
        )
        for code in (r["a"], r["b"]):
            degree[code] = degree.get(code, 0) + 1
            strength[code] = strength.get(code, 0) + int(r["n_events"])
    names = actor_names(access, list(degree))
    nodes = [
        {
            "id": c,
            "label": c,
            "name": names.get(c, {}).get("name") or c,
            "kind": names.get(c, {}).get("kind"),
            "degree": degree[c],
            "n_events": strength[c],
        }
        for c in sorted(degree)
    ]
    return {
        "since": since,
        "until": until,
        "nodes": nodes,
        "edges": edges,
        "total_events": int(total["n"]),
        "total_dyads": int(total["d"]),
        "truncated": int(total["d"]) > len(edges),
    }


def actor_names(access: StoreAccess, codes: list[str]) -> dict[str, dict[str, Any]]:
    """Display names and kinds for actor codes: a state's name from the crosswalk, other actors' from the
    actors table (`web.names.display_name`)."""
    from realpolitik.web.names import display_name

    if not codes:
        return {}
    rows = (
        access.rows("SELECT code, name, kind FROM actors WHERE list_contains(?, code)", [codes])
        if access.has_table("actors")
        else []
    )
    stored = {r["code"]: r for r in rows}
    out = {}
    for c in codes:
        r = stored.get(c, {"code": c, "name": None, "kind": None})
        out[c] = {**r, "name": display_name(c, r["name"], r["kind"])}
    return out


def dyad_events(
    access: StoreAccess,
    a: str,
    b: str,
    since: str | None,
    until: str | None,
    limit: int,
    include_all: bool = False,
    event_types: list[str] | None = None,
    origins: list[str] | None = None,
) -> dict[str, Any]:
    """The events between two actors (either direction), strongest first, with their evidence and source link."""
    where, params = period_where(since, until, event_types, origins)
    conds = ["((source_code = ? AND target_code = ?) OR (source_code = ? AND target_code = ?))", *where]
    if not include_all:
        conds.insert(0, FACTUAL)
    cond = " AND ".join(conds)
    base = [a, b, b, a, *params]
    docs = "LEFT JOIN documents d ON d.doc_key = e.doc_key" if access.has_table("documents") else ""
    doc_cols = (
        "d.url AS doc_url, d.title AS doc_title, d.pub_date AS pub_date"
        if docs
        else "NULL AS doc_url, NULL AS doc_title, NULL AS pub_date"
    )
    # The strongest `limit` events first, then their documents: joining documents before the limit made
    # DuckDB join every matching event (2x slower on a 1M-event store).
    order = "abs(coalesce(e.intensity, 0)) * coalesce(e.confidence, 0.5) DESC, e.date_start DESC NULLS LAST, e.event_id"
    rows = access.rows(
        f"WITH e AS (SELECT * FROM events e WHERE {cond} ORDER BY {order} LIMIT ?) "
        f"SELECT e.*, {doc_cols} FROM e {docs} ORDER BY {order}",
        [*base, int(limit)],
    )
    n = access.rows(f"SELECT count(*) AS n FROM events e WHERE {cond}", base)[0]["n"]
    events = []
    for r in rows:
        rec = evidence_record(r)
        rec["pub_date"] = r.get("pub_date")
        events.append(rec)
    return {"a": a, "b": b, "n_events": int(n), "events": events}


def evidence_record(row: dict[str, Any]) -> dict[str, Any]:
    """An event row as the dashboard shows it: the record, its document's key, the link to read it (the event's
    own URL, else its document's), the document's title, and where it came from (text unless imported)."""
    rec = row_to_record(row)
    rec["doc_key"] = row.get("doc_key")
    rec["url"] = row.get("url") or row.get("doc_url")
    rec["doc_title"] = row.get("doc_title")
    rec["origin"] = row.get("origin") or "text"
    return rec


def documents(access: StoreAccess, limit: int) -> list[dict[str, Any]]:
    """The most recently ingested documents, with their event counts."""
    if not access.has_table("documents"):
        return []
    rows = access.rows(
        """WITH d AS (
               SELECT doc_key, doc_id, title, url, pub_date, n_chars, ingested_at
               FROM documents ORDER BY ingested_at DESC, doc_id LIMIT ?
           )
           SELECT d.*, (SELECT count(*) FROM events e WHERE e.doc_key = d.doc_key) AS n_events
           FROM d ORDER BY d.ingested_at DESC, d.doc_id""",
        [int(limit)],
    )
    for r in rows:
        r["ingested_at"] = _iso(r["ingested_at"])
        r["n_events"] = int(r["n_events"])
    return rows


def document(access: StoreAccess, doc_key: str) -> dict[str, Any] | None:
    """One document's text with its sentences, actor mentions and events (all with character offsets)."""
    if not access.has_table("documents"):
        return None
    docs = access.rows(
        "SELECT doc_key, doc_id, title, url, pub_date, n_chars, text FROM documents WHERE doc_key = ?", [doc_key]
    )
    if not docs:
        return None
    doc = docs[0]
    doc["sentences"] = access.rows(
        'SELECT sentence, start, "end" FROM sentences WHERE doc_key = ? ORDER BY sentence', [doc_key]
    )
    doc["mentions"] = access.rows(
        'SELECT sentence, start, "end", text, code, country, sector FROM mentions WHERE doc_key = ? ORDER BY start',
        [doc_key],
    )
    events = access.rows("SELECT * FROM events WHERE doc_key = ? ORDER BY sentence, event_id", [doc_key])
    doc["events"] = [row_to_record(r) for r in events]
    return doc


def find_document_key(access: StoreAccess, text_key: str) -> str | None:
    """The stored key of a document (after an ingest, to link the user to it)."""
    rows = access.rows("SELECT doc_key FROM documents WHERE doc_key = ?", [text_key])
    return rows[0]["doc_key"] if rows else None


def stats(access: StoreAccess) -> dict[str, Any]:
    """Counts and the dated span of the store, so the dashboard can offer a sensible default window."""
    out: dict[str, Any] = {}
    for t in ("documents", "actors"):
        out[t] = int(access.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]) if access.has_table(t) else 0
    span = (
        access.rows("SELECT count(*) AS n, min(date_start) AS lo, max(date_start) AS hi FROM events")[0]
        if access.has_table("events")
        else {}
    )
    out["events"] = int(span.get("n") or 0)
    out["first_date"] = _iso(span.get("lo"))
    out["last_date"] = _iso(span.get("hi"))
    return out


def _iso(v: Any) -> str | None:
    if v is None:
        return None
    return v.isoformat() if hasattr(v, "isoformat") else str(v)
