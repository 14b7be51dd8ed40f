"""ICEWS coded event files (Harvard Dataverse, 1995-2023): tab-separated with a header line,
plain or zipped/gzipped, columns

    Event ID, Event Date, Source Name, Source Sectors, Source Country, Event Text, CAMEO Code, Intensity,
    Target Name, Target Sectors, Target Country, Story ID, Sentence Number, Publisher, City, District,
    Province, Country, Latitude, Longitude

Files of 2017 onward write the Event Date m/d/Y and may lack the CAMEO Code column: the code is then read
from the Event Text (the CAMEO label, "Host a visit" -> 043). Column names are matched in any case, with `_`
for a space.

A row becomes an event in realpolitik's model: PLOVER type/mode/context from the CAMEO code, intensity =
the row's Intensity (ICEWS's Goldstein-style score), ISO3 countries from ICEWS country names, the Event Date.
"Unspecified Actor" is a null actor. CAMEO 043 "host a visit" is stored visitor -> host (target -> source),
as PLOVER reads a visit. The record keeps the Event ID (`source_event_id`), the finest place of City, District,
Province, Country and the Latitude/Longitude.
ICEWS has no URL; the evidence names the story (`icews story <Story ID>, sentence <n>`). Its id is a content
key (date, actors, CAMEO code, story, sentence) so that the same event in overlapping yearly and weekly
releases collapses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from realpolitik.actor_codes import actor_code, country_name_to_iso3, is_placeholder, sector_code
from realpolitik.codes import cameo_of_label, cameo_to_plover, goldstein, normalise_cameo
from realpolitik.model import Actor, EventRecord
from realpolitik.sources.cells import content_key, coordinates, finest_place, iso_date, opt_float
from realpolitik.sources.event_files import ImportReport, header_rows, make_actor, make_record

REQUIRED = ("event id", "event date", "source name", "source country", ("cameo code", "event text"), "target name",
            "target country")  # fmt: skip
SUFFIXES = (".tab", ".tsv", ".txt", ".csv", ".zip", ".gz")
_GENERIC = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")  # "Citizen (Russia)", "Police (India)"


def _actor(name: str, sectors: str, country_name: str) -> Actor | None:
    name = name.strip()
    if is_placeholder(name):  # "Unspecified Actor": no actor, whatever country it is given
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
        raw_cameo = get("cameo code")
        cameo = normalise_cameo(raw_cameo) if raw_cameo else cameo_of_label(get("event text"))
        if cameo is None:
            what = f"CAMEO Code {raw_cameo!r}" if raw_cameo else f"Event Text {get('event text')!r}"
            report.skip(path, line, f"bad CAMEO code: {what}")
            continue
        plover = cameo_to_plover(cameo)
        if plover is None:
            report.not_events += 1
            continue
        raw_int = get("intensity")
        intensity = opt_float(raw_int) if raw_int else (goldstein(cameo) or 0.0)
        if intensity is None:
            report.skip(path, line, f"bad Intensity: {raw_int!r}")
            continue
        source = _actor(get("source name"), get("source sectors"), get("source country"))
        target = _actor(get("target name"), get("target sectors"), get("target country"))
        if plover.swap:  # CAMEO 043 "host a visit": ICEWS's source is the host, PLOVER's target
            source, target = target, source
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
        lat, lon = coordinates(get("latitude"), get("longitude"))
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
            source_event_id=get("event id"),
            latitude=lat,
            longitude=lon,
            place=finest_place(get("city"), get("district"), get("province"), get("country")),
            figures={
                "source_countries": [source.country] if source and source.country else None,
                "target_countries": [target.country] if target and target.country else None,
            },
        )
        yield rec, event_id, None
