"""POLECAT weekly/yearly event files (Harvard Dataverse, 2018-): tab-separated with a header line, plain
or zipped/gzipped. POLECAT is coded in PLOVER already; the columns used are

    Event ID, Event Date, Event Type, Event Mode, Event Intensity, Contexts,
    Actor Name, Actor Country, Primary Actor Sector, Actor Sectors,
    Recipient Name, Recipient Country, Primary Recipient Sector, Recipient Sectors,
    Source, Publication Date, Story ID (when present), Headline (when present)

and its geolocation (Placename, City, State, Country, Latitude, Longitude) and Quad Code; releases that call
the intensity column `Intensity` are read too (see `ALIASES`). Event types and modes arrive in lower case
(`consult`, `visit`) and become the contract's upper-case types; countries are ISO3. A multi-valued actor
(`;`-separated names and countries) is stored by its first name and country, with every country kept in
`source_countries`/`target_countries`; the literal `None` POLECAT writes for a missing value is no actor.
POLECAT has no CAMEO code, and none is made up (`cameo` is null). The Event ID is kept as `source_event_id`;
the store id is a content key (date, type, mode, actors, source, story) so the same event in overlapping
releases collapses.
"""

from __future__ import annotations

from collections.abc import Iterator

from realpolitik.actor_codes import actor_code, cameo_country_to_iso3, is_placeholder, sector_code
from realpolitik.codes import base_intensity
from realpolitik.model import PLOVER_TYPES, Actor, EventRecord
from realpolitik.sources.cells import content_key, coordinates, finest_place, iso_date, opt_float, opt_int
from realpolitik.sources.event_files import ImportReport, header_rows, make_actor, make_record

REQUIRED = ("event id", "event date", "event type", "actor name", "recipient name")
SUFFIXES = (".tab", ".tsv", ".txt", ".csv", ".zip", ".gz")
#: Other spellings of columns in POLECAT releases.
ALIASES: dict[str, tuple[str, ...]] = {
    "event intensity": ("intensity",),
    "contexts": ("context", "event contexts"),
    "quad code": ("quad class", "quadclass"),
    "story id": ("story", "article id"),
}
_OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


def _split(v: str) -> list[str]:
    """The values of a multi-valued cell (`;`, `|` or `,` between them), placeholders ("None") left out."""
    return [p.strip() for p in v.replace("|", ";").replace(",", ";").split(";") if not is_placeholder(p)]


def _actor(name: str, countries: str, primary_sector: str, sectors: str) -> tuple[Actor | None, list[str]]:
    """The first of an actor cell's names (with its country), and every country the cell names."""
    names = [n.strip() for n in name.replace("|", ";").split(";") if not is_placeholder(n)]
    first = names[0] if names else ""
    codes = list(dict.fromkeys(c for c in (cameo_country_to_iso3(x) for x in _split(countries)) if c))
    country = codes[0] if codes else None
    sector = sector_code(primary_sector) or sector_code((_split(sectors) or [""])[0])
    if not (first or country):
        return None, codes
    generic = not first or (country is not None and first.upper() == country)
    return make_actor(first, actor_code(first, country, sector, generic), country, sector), codes


def read_events(path: str, report: ImportReport) -> Iterator[tuple[EventRecord, str, str | None]]:
    """(record, event id, url None) for every event row of one POLECAT file; bad rows counted in `report`."""
    for line, get in header_rows(path, report, REQUIRED, "a POLECAT", ALIASES):
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
        intensity = opt_float(raw_int) if raw_int else base_intensity(etype)
        if intensity is None:
            report.skip(path, line, f"bad Event Intensity: {raw_int!r}")
            continue
        source, source_countries = _actor(
            get("actor name"), get("actor country"), get("primary actor sector"), get("actor sectors")
        )
        target, target_countries = _actor(
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
        lat, lon = coordinates(get("latitude"), get("longitude"))
        rec = make_record(
            doc_id=f"polecat:{story or get('event id')}",
            event_type=etype,
            mode=mode,
            context=[c.lower() for c in _split(get("contexts"))],
            cameo=None,  # POLECAT is coded in PLOVER: no CAMEO code is made up for it
            intensity=intensity,
            source=source,
            target=target,
            date=date,
            evidence=evidence,
            origin="polecat",
            source_event_id=get("event id"),
            latitude=lat,
            longitude=lon,
            place=finest_place(get("placename"), get("city"), get("state"), get("country")),
            figures={
                "quad_class": opt_int(get("quad code")),
                "source_countries": source_countries or None,
                "target_countries": target_countries or None,
            },
        )
        yield rec, event_id, None
