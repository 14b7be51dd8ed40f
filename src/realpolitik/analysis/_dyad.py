"""Helpers shared by the dyad analyses: actor resolution and the events between two states."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realpolitik.errors import InputError
from realpolitik.store.schema import FACTUAL

if TYPE_CHECKING:
    from realpolitik.store.db import Store


def resolve_state(actor: str) -> str:
    """ISO3 for a state given by ISO3, ISO2, COW code or name; InputError when unknown."""
    from realpolitik.sources.countries import to_iso3

    code = to_iso3(actor)
    if code is None:
        from realpolitik.extract.gazetteer import lookup_code

        code = lookup_code(str(actor))
        if code is None or len(code) != 3:
            raise InputError(f"unknown state {actor!r}: give an ISO3 code (DZA), a COW code (615) or a name")
    return code


def has_events_table(store: Store) -> bool:
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events' AND table_schema = 'main'"
    ).fetchone()
    return bool(row and row[0])


def dyad_events(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """Asserted events (not negated, not hypothetical) between states a and b, either direction."""
    if not has_events_table(store):
        return []
    sql = f"""
        SELECT event_id, doc_id, sentence, event_type, intensity, date, year(date_start) AS year,
               coalesce(source_country, source_code) AS src, coalesce(target_country, target_code) AS tgt,
               source_text, target_text, evidence_text, evidence_start, evidence_end, url
        FROM events
        WHERE {FACTUAL}
          AND ((coalesce(source_country, source_code) = ? AND coalesce(target_country, target_code) = ?)
            OR (coalesce(source_country, source_code) = ? AND coalesce(target_country, target_code) = ?))
        ORDER BY doc_id, sentence, event_id
    """
    cur = store.con.execute(sql, [a, b, b, a])
    cols = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        rec = dict(zip(cols, row, strict=True))
        rec["intensity"] = float(rec["intensity"] or 0.0)
        rec["year"] = int(rec["year"]) if rec["year"] is not None else None
        out.append(rec)
    return out


def summarise_events(events: list[dict[str, Any]], top: int = 5) -> dict[str, Any]:
    """Counts and mean intensity by year, and the strongest cooperative and conflictual sentences."""
    by_year: dict[Any, list[float]] = {}
    for e in events:
        by_year.setdefault(e["year"], []).append(e["intensity"])
    rows = []
    for year in sorted(by_year, key=lambda y: (y is None, y or 0)):
        vals = by_year[year]
        rows.append(
            {
                "year": year,
                "count": len(vals),
                "mean_intensity": round(sum(vals) / len(vals), 3),
                "cooperative": sum(1 for v in vals if v > 0),
                "conflictual": sum(1 for v in vals if v < 0),
            }
        )
    coop = sorted((e for e in events if e["intensity"] > 0), key=lambda e: (-e["intensity"], e["event_id"]))
    conf = sorted((e for e in events if e["intensity"] < 0), key=lambda e: (e["intensity"], e["event_id"]))
    vals = [e["intensity"] for e in events]
    return {
        "total": len(events),
        "cooperative": sum(1 for v in vals if v > 0),
        "conflictual": sum(1 for v in vals if v < 0),
        "mean_intensity": round(sum(vals) / len(vals), 3) if vals else None,
        "by_year": rows,
        "strongest": _evidence(coop, top),
        "divergences": _evidence(conf, top),
    }


def _evidence(events: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    out, seen = [], set()
    for e in events:
        key = (e["doc_id"], e["evidence_text"])
        if key in seen:
            continue
        seen.add(key)
        out.append(
            {
                "event_type": e["event_type"],
                "intensity": e["intensity"],
                "source": e["src"],
                "target": e["tgt"],
                "date": e["date"],
                "doc_id": e["doc_id"],
                "sentence": e["sentence"],
                "evidence": e["evidence_text"],
                "start": e["evidence_start"],
                "end": e["evidence_end"],
            }
        )
        if len(out) >= top:
            break
    return out
