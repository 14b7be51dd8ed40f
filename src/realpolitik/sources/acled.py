"""ACLED event files (ACLED's exports and API CSV): comma- or tab-separated with a header row, columns by name

    event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type,
    actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting, iso,
    region, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision, source,
    source_scale, notes, fatalities, tags, timestamp

(older exports add data_id, event_id_no_cnty, iso3; only event_id_cnty, event_date, event_type, actor1 are
required). A row becomes an event in realpolitik's model: PLOVER type/mode/contexts from the sub-event type
(`data/codes/acled_plover.tsv`), actor1 -> actor2 (ACLED's actors imply no direction; actor1 is the one
ACLED lists first and, for protests, the protesters), the event_date (ISO, "15 January 2023", dd-mm-yyyy),
the notes as evidence. A one-sided event (a protest, no actor2) is kept with a null target.

Actors: a state's forces ("Military Forces of Nigeria (2015-2023)", "Police Forces of Kenya (2022-)") are the
state (ISO3, sector from inter1/inter2 and the name: MIL, COP); an unnamed group of a country ("Protesters
(Nigeria)", "Civilians (Mali)", "Unidentified Armed Group (Sudan)") is the country with the group's sector;
a named group (Boko Haram, JNIM) is its upper-case name (the part before " - " or ": "), with the event's
country unless ACLED types it as external (inter 8: Wagner Group has no country). The record keeps
event_id_cnty (`source_event_id`; also the store id, `acled:<event_id_cnty>`), location and coordinates,
fatalities and ACLED's own "event type: sub-event type". ACLED codes no Goldstein score and no CAMEO code:
intensity is the PLOVER base score of the type, `cameo` is null.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from realpolitik.actor_codes import IGO_NAMES, actor_code, is_placeholder, sector_code
from realpolitik.codes import acled_inter_sector, acled_to_plover, base_intensity
from realpolitik.model import Actor, EventRecord
from realpolitik.sources.cells import coordinates, finest_place, iso_date, opt_int
from realpolitik.sources.countries import to_iso3
from realpolitik.sources.event_files import ImportReport, header_rows, make_actor, make_record

REQUIRED = ("event id cnty", "event date", "event type", "actor1")
SUFFIXES = (".csv", ".tsv", ".txt", ".tab", ".zip", ".gz")
_YEARS = re.compile(r"\s*\(\d{4}\s*-\s*(?:\d{4})?\)")  # "(2015-2023)", "(2022-)"
_OF = re.compile(r"^(?:military|police|armed|security|government|navy|air)\b.*?\bof\s+(?:the\s+)?(.+)$", re.I)
_GROUP_OF = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")  # "Protesters (Nigeria)"


def _country(name: str) -> str | None:
    return to_iso3(name.strip()) if name and name.strip() else None


def _leading_country(text: str) -> str | None:
    """The country a phrase starts with: "Sudan Rapid Support Forces" -> SDN (the longest leading words that
    name one)."""
    words = text.split()
    for n in range(len(words), 0, -1):
        hit = _country(" ".join(words[:n]))
        if hit:
            return hit
    return None


def _actor(name: str, inter: str, event_country: str | None) -> Actor | None:
    """An ACLED actor cell -> Actor (see the module docstring); None for an empty cell."""
    raw = name.strip()
    if is_placeholder(raw):
        return None
    base = " ".join(_YEARS.sub("", raw).split())
    sector = acled_inter_sector(inter)
    word_sector = sector_code(base.split(" of ")[0]) if " of " in base else None
    if word_sector in {"COP", "MIL", "GOV", "SPY", "JUD", "LEG"}:
        sector = word_sector
    igo = IGO_NAMES.get(base.lower())
    if igo:
        return make_actor(raw, igo, None, "IGO")
    m = _OF.match(base)
    if m:  # a state's forces or government
        country = _leading_country(m.group(1))
        if country:
            return make_actor(raw, country, country, sector or "MIL")
    g = _GROUP_OF.match(base)
    if g:  # an unnamed group of a country, or a named group with its country in brackets
        country = _country(g.group(2)) or event_country
        sector = sector or sector_code(g.group(1))
        generic = sector in {"OPP", "CVL", "MIL", "COP", "GOV"} or g.group(1).lower().startswith("unidentified")
        code = actor_code(g.group(1), country, sector, generic)
        return make_actor(raw, code, country, sector)
    # "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "JNIM: Group for Support of Islam and Muslims"
    named = re.split(r"\s+-\s+|:\s+", base)[0].strip() or base
    # a named group belongs to the country it acts in, unless ACLED types it as external (inter 8)
    country = None if sector_is_external(inter) else event_country
    return make_actor(raw, actor_code(named, None, sector, False), country, sector)


def sector_is_external(inter: str) -> bool:
    """ACLED's actor type 8, "External/Other forces": a foreign state's or a private force."""
    v = inter.strip().lower().removesuffix(".0")
    return v == "8" or v.startswith("external")


def read_events(path: str, report: ImportReport) -> Iterator[tuple[EventRecord, str, str | None]]:
    """(record, event id, url None) for every event row of one ACLED file; bad rows counted in `report`."""
    for line, get in header_rows(path, report, REQUIRED, "an ACLED"):
        eid = get("event id cnty")
        if not eid:
            report.skip(path, line, "bad event_id_cnty: empty")
            continue
        date = iso_date(get("event date"), day_first=True)
        if date is None:
            report.skip(path, line, f"bad date: event_date {get('event date')!r}")
            continue
        coding = acled_to_plover(get("event type"), get("sub event type"))
        if coding is None:
            report.skip(path, line, f"bad event type: {get('event type')!r} / {get('sub event type')!r}")
            continue
        country = _country(get("country")) or _country(get("iso3"))
        source = _actor(get("actor1"), get("inter1"), country)
        target = _actor(get("actor2"), get("inter2"), country)
        notes = get("notes")
        evidence = notes or f"acled event {eid}"
        if get("source"):
            evidence += f" ({get('source')})"
        lat, lon = coordinates(get("latitude"), get("longitude"))
        kind = ": ".join(v for v in (get("event type"), get("sub event type")) if v)
        rec = make_record(
            doc_id=f"acled:{eid}",
            event_type=coding.event_type,
            mode=coding.mode,
            context=coding.context,
            cameo=None,
            intensity=base_intensity(coding.event_type),
            source=source,
            target=target,
            date=date,
            evidence=evidence,
            origin="acled",
            source_event_id=eid,
            latitude=lat,
            longitude=lon,
            place=finest_place(get("location"), get("admin3"), get("admin2"), get("admin1"), get("country")),
            figures={
                "fatalities": opt_int(get("fatalities")),
                "source_event_type": kind or None,
                "source_countries": [source.country] if source and source.country else None,
                "target_countries": [target.country] if target and target.country else None,
            },
        )
        yield rec, f"acled:{eid}", None
