"""ICEWS coded event files (Harvard Dataverse, 1995-2023): tab-separated with a header line,
plain or zipped/gzipped, columns

    Event ID, Event Date, Source Name, Source Sectors, Source Country, Event Text, CAMEO Code, Intensity,
    Target Name, Target Sectors, Target Country, Story ID, Sentence Number, Publisher, City, District,
    Province, Country, Latitude, Longitude

A row becomes an event in realpolitik's model: PLOVER type/mode/context from the CAMEO code, intensity =
the row's Intensity (ICEWS's Goldstein-style score), ISO3 countries from ICEWS country names, the Event Date.
ICEWS has no URL; the evidence names the story (`icews story <Story ID>, sentence <n>`). Its id is a content
key (date, actors, CAMEO code, story, sentence) so that the same event in overlapping yearly and weekly
releases collapses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from realpolitik.extract.ontology import cameo_to_plover, goldstein
from realpolitik.model import Actor, EventRecord
from realpolitik.sources.event_files import (
    ImportReport,
    actor_code,
    content_key,
    country_name_to_iso3,
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

REQUIRED = ("event id", "event date", "source name", "source country", "cameo code", "target name", "target country")
SUFFIXES = (".tab", ".tsv", ".txt", ".csv", ".zip", ".gz")
_GENERIC = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")  # "Citizen (Russia)", "Police (India)"


def _actor(name: str, sectors: str, country_name: str) -> Actor | None:
    name = name.strip()
    if not name and not country_name.strip():
        return None
    country = country_name_to_iso3(country_name)
    sector = sector_code(sectors)
    generic = False
    m = _GENERIC.match(name)
    if m:  # an unnamed group of a country: "Citizen (Russia)"
        generic = True
        sector = sector or sector_code(m.group(1)) or "CVL"
        country = country or country_name_to_iso3(m.group(2))
    if country and name.lower() == country_name.strip().lower():
        generic = True  # the state itself
    return make_actor(name, actor_code(name, country, sector, generic), country, sector)


def read_events(path: str, report: ImportReport) -> Iterator[tuple[EventRecord, str, str | None]]:
    """(record, event id, url None) for every event row of one ICEWS file; bad rows counted in `report`."""
    for line, get in header_rows(path, report, REQUIRED, "an ICEWS"):
        date = iso_date(get("event date"))
        if date is None:
            report.skip(path, line, f"bad date: Event Date {get('event date')!r}")
            continue
        cameo = get("cameo code")
        if not cameo.isdigit():
            report.skip(path, line, f"bad CAMEO code: {cameo!r}")
            continue
        plover = cameo_to_plover(cameo)
        if plover is None:
            report.not_events += 1
            continue
        raw_int = get("intensity")
        try:
            intensity = float(raw_int) if raw_int else (goldstein(cameo) or 0.0)
        except ValueError:
            report.skip(path, line, f"bad Intensity: {raw_int!r}")
            continue
        source = _actor(get("source name"), get("source sectors"), get("source country"))
        target = _actor(get("target name"), get("target sectors"), get("target country"))
        story, sent = get("story id"), get("sentence number")
        event_id = content_key(
            "icews",
            date,
            source.code if source else None,
            source.text if source else None,
            target.code if target else None,
            target.text if target else None,
            cameo,
            story,
            sent,
        )
        evidence = f"icews story {story}, sentence {sent}" if story else f"icews event {get('event id')}"
        if get("publisher"):
            evidence += f" ({get('publisher')})"
        rec = make_record(
            doc_id=f"icews:{story}" if story else f"icews:{get('event id')}",
            sentence=int(sent) - 1 if sent.isdigit() and int(sent) > 0 else 0,
            event_type=plover.event_type,
            mode=plover.mode,
            context=plover.context,
            cameo=cameo,
            intensity=intensity,
            source=source,
            target=target,
            date=date,
            evidence=evidence,
            origin="icews",
        )
        yield rec, event_id, None


def iter_event_rows(paths: Iterable[str], report: ImportReport) -> Iterator[tuple]:
    for path in expand_paths(paths, SUFFIXES):
        for rec, event_id, url in read_events(path, report):
            yield flat_row(rec, event_id, url)


def import_events(store: Store, paths: Iterable[str], progress: object = None) -> ImportReport:
    """Import ICEWS event files into the store's events table."""
    report = ImportReport(kind="events")
    return import_rows(store, iter_event_rows(paths, report), report, progress=progress)  # type: ignore[arg-type]
