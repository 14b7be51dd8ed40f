"""POLECAT weekly/yearly event files (Harvard Dataverse, 2018-): tab-separated with a header line, plain
or zipped/gzipped. POLECAT is coded in PLOVER already; the columns used are

    Event ID, Event Date, Event Type, Event Mode, Event Intensity, Contexts,
    Actor Name, Actor Country, Primary Actor Sector, Actor Sectors,
    Recipient Name, Recipient Country, Primary Recipient Sector, Recipient Sectors,
    Source, Publication Date, Story ID (when present), Headline (when present)

(others are kept out). Event types and modes arrive in lower case (`consult`, `visit`) and become the
contract's upper-case types; countries are ISO3 (several, `;`-separated: the first is kept). POLECAT has no
CAMEO code, so the nearest one is filled in (`ontology.default_cameo`). The id is a content key (date,
type, mode, actors, source, story) so the same event in overlapping releases collapses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from realpolitik.extract.ontology import default_cameo
from realpolitik.extract.ontology import intensity as base_intensity
from realpolitik.model import PLOVER_TYPES, Actor, EventRecord
from realpolitik.sources.event_files import (
    ImportReport,
    actor_code,
    cameo_country_to_iso3,
    content_key,
    expand_paths,
    flat_row,
    header_rows,
    import_rows,
    iso_date,
    make_actor,
    make_record,
    sector_code,
)

if TYPE_CHECKING:
    from realpolitik.store.db import Store

REQUIRED = ("event id", "event date", "event type", "actor name", "recipient name")
SUFFIXES = (".tab", ".tsv", ".txt", ".csv", ".zip", ".gz")
_OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


def _split(v: str) -> list[str]:
    return [p.strip() for p in v.replace("|", ";").replace(",", ";").split(";") if p.strip()]


def _actor(name: str, countries: str, primary_sector: str, sectors: str) -> Actor | None:
    name = name.strip()
    codes = [cameo_country_to_iso3(c) for c in _split(countries)]
    country = next((c for c in codes if c), None)
    sector = sector_code(primary_sector) or sector_code((_split(sectors) or [""])[0])
    if not (name or country):
        return None
    generic = not name or (country is not None and name.upper() == country)
    return make_actor(name, actor_code(name, country, sector, generic), country, sector)


def read_events(path: str, report: ImportReport) -> Iterator[tuple[EventRecord, str, str | None]]:
    """(record, event id, url None) for every event row of one POLECAT file; bad rows counted in `report`."""
    for line, get in header_rows(path, report, REQUIRED, "a POLECAT"):
        date = iso_date(get("event date"))
        if date is None:
            report.skip(path, line, f"bad date: Event Date {get('event date')!r}")
            continue
        etype = get("event type").upper()
        etype = _OLD_NAMES.get(etype, etype)
        if etype not in PLOVER_TYPES:
            report.skip(path, line, f"bad event type: {get('event type')!r} is not a PLOVER type")
            continue
        mode = get("event mode").lower() or None
        raw_int = get("event intensity")
        try:
            intensity = float(raw_int) if raw_int else base_intensity(etype, mode)
        except ValueError:
            report.skip(path, line, f"bad Event Intensity: {raw_int!r}")
            continue
        source = _actor(get("actor name"), get("actor country"), get("primary actor sector"), get("actor sectors"))
        target = _actor(
            get("recipient name"), get("recipient country"), get("primary recipient sector"), get("recipient sectors")
        )
        story = get("story id")
        outlet = get("source")
        event_id = content_key(
            "polecat",
            date,
            etype,
            mode,
            source.code if source else None,
            source.text if source else None,
            target.code if target else None,
            target.text if target else None,
            outlet,
            story,
            get("headline"),
        )
        evidence = get("headline") or f"polecat event {get('event id')}"
        if outlet:
            evidence += f" ({outlet})"
        rec = make_record(
            doc_id=f"polecat:{story or get('event id')}",
            event_type=etype,
            mode=mode,
            context=[c.lower() for c in _split(get("contexts"))],
            cameo=default_cameo(etype, mode),
            intensity=intensity,
            source=source,
            target=target,
            date=date,
            evidence=evidence,
            origin="polecat",
        )
        yield rec, event_id, None


def iter_event_rows(paths: Iterable[str], report: ImportReport) -> Iterator[tuple]:
    for path in expand_paths(paths, SUFFIXES):
        for rec, event_id, url in read_events(path, report):
            yield flat_row(rec, event_id, url)


def import_events(store: Store, paths: Iterable[str], progress: object = None) -> ImportReport:
    """Import POLECAT event files into the store's events table."""
    report = ImportReport(kind="events")
    return import_rows(store, iter_event_rows(paths, report), report, progress=progress)  # type: ignore[arg-type]
