"""GDELT 2.0 readers: the Events export (61 tab-separated columns, no header; .CSV, .zip or .gz; or re-saved
by pandas/gdeltPyR: comma-separated with a header) and the Mentions table (16 tab-separated columns, or
gdeltPyR's comma-separated re-save with a lower-case header).

An export row becomes an event in realpolitik's model: PLOVER type/mode/context from the row's CAMEO
EventCode (the shared crosswalk in `realpolitik.codes`), intensity = the row's GoldsteinScale, actors with
ISO3 country codes (CAMEO country codes mapped: ROM -> ROU, regions -> none), the SQLDATE as date and the
SOURCEURL as evidence. CAMEO 043 "host a visit" is stored visitor -> host (Actor2 -> Actor1), as PLOVER reads a
visit. The record keeps GLOBALEVENTID (`source_event_id`), the ActionGeo place and coordinates, NumMentions,
NumSources, NumArticles, AvgTone, QuadClass and the raw actor codes. Its id is `gdelt:<GLOBALEVENTID>`, so the
same event in several files collapses. Rows coded CAMEO 01 (public statements) have no PLOVER event; they are
counted, not stored.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass

from realpolitik.actor_codes import cameo_country_to_iso3, country_of_cameo_actor, is_placeholder, known_group_code
from realpolitik.codes import cameo_to_plover, goldstein, normalise_cameo
from realpolitik.model import Actor, EventRecord
from realpolitik.sources.cells import coordinates, finest_place, iso_date, opt_float, opt_int
from realpolitik.sources.event_files import (
    ImportReport,
    make_actor,
    make_record,
    open_lines,
    sniff_delimiter,
    split_row,
)

# GDELT 2.0 Events export columns (../shared/data/codes/GDELT_2.0_Events_columns.csv), in file order.
EVENT_FIELDS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
N_EVENT_FIELDS = len(EVENT_FIELDS)  # 61
COL = {name: i for i, name in enumerate(EVENT_FIELDS)}

# GDELT 2.0 Mentions columns (../shared/data/codes/GDELT_2.0_Mentions_columns.tsv).
MENTION_FIELDS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

EVENT_SUFFIXES = (".export.csv", ".export.csv.zip", ".csv", ".csv.zip", ".zip", ".gz", ".tsv", ".txt")


def gdelt_event_id(globaleventid: int | str) -> str:
    return f"gdelt:{int(globaleventid)}"


def _actor(f: list[str], n: int) -> Actor | None:
    """Actor n (1 or 2) of an export row, with an ISO3 country and a realpolitik actor code."""
    p = f"Actor{n}"
    raw_code = f[COL[p + "Code"]].strip()
    name = f[COL[p + "Name"]].strip()
    # GDELT sometimes leaves CountryCode empty when the raw code starts with one (ROU ROMANIA).
    country = cameo_country_to_iso3(f[COL[p + "CountryCode"]]) or country_of_cameo_actor(raw_code)
    group = known_group_code(f[COL[p + "KnownGroupCode"]])
    sector = f[COL[p + "Type1Code"]].strip() or None
    if not (raw_code or name) or (is_placeholder(name) and not raw_code):
        return None
    # A state, or anything acting for it, is coded by the state's ISO3; an IGO or named group by its code.
    code = country or group
    return make_actor(name, code, country, sector)


def parse_event_fields(
    f: list[str], where: str, line: int, report: ImportReport
) -> tuple[EventRecord, str, str] | None:
    """One export row's fields -> (record, event id, url); None (counted in `report`) when it is no event.

    Cells re-saved by pandas are read too: "12.0" for 12, and CAMEO codes whose leading zero was lost ("43",
    restored to "043" with the help of EventRootCode)."""
    if len(f) != N_EVENT_FIELDS:
        report.skip(where, line, f"wrong column count: {len(f)} columns, GDELT 2.0 events have {N_EVENT_FIELDS}")
        return None
    gid_int = opt_int(f[COL["GLOBALEVENTID"]])
    if gid_int is None or gid_int < 0:
        report.skip(where, line, f"bad GLOBALEVENTID: {f[COL['GLOBALEVENTID']].strip()!r}")
        return None
    gid = str(gid_int)
    sqldate = f[COL["SQLDATE"]].strip().removesuffix(".0")
    date = iso_date(sqldate)
    if date is None:
        report.skip(where, line, f"bad date: SQLDATE {f[COL['SQLDATE']]!r}")
        return None
    cameo = normalise_cameo(f[COL["EventCode"]], f[COL["EventRootCode"]] or None)
    if cameo is None:
        report.skip(where, line, f"bad CAMEO code: EventCode {f[COL['EventCode']].strip()!r}")
        return None
    plover = cameo_to_plover(cameo)
    if plover is None:
        report.not_events += 1
        return None
    gs_raw = f[COL["GoldsteinScale"]].strip()
    intensity = opt_float(gs_raw) if gs_raw else goldstein(cameo)
    if gs_raw and intensity is None:
        report.skip(where, line, f"bad GoldsteinScale: {f[COL['GoldsteinScale']]!r}")
        return None
    url = f[COL["SOURCEURL"]].strip() or None
    n_sources = opt_int(f[COL["NumSources"]]) or 0
    source, target = _actor(f, 1), _actor(f, 2)
    raw1, raw2 = f[COL["Actor1Code"]].strip() or None, f[COL["Actor2Code"]].strip() or None
    if plover.swap:  # CAMEO 043 "host a visit": the host is GDELT's Actor1, PLOVER's target
        source, target, raw1, raw2 = target, source, raw2, raw1
    lat, lon = coordinates(f[COL["ActionGeo_Lat"]], f[COL["ActionGeo_Long"]])
    event_id = gdelt_event_id(gid)
    rec = make_record(
        doc_id=url or event_id,
        event_type=plover.event_type,
        mode=plover.mode,
        context=plover.context,
        cameo=cameo,
        intensity=intensity or 0.0,
        source=source,
        target=target,
        date=date,
        evidence=url or "",
        origin="gdelt",
        # more independent sources, more confidence: 1 source 0.5, 2 0.67, 4 0.8, ...
        confidence=round(n_sources / (n_sources + 1), 3) if n_sources > 0 else 0.5,
        source_event_id=gid,
        latitude=lat,
        longitude=lon,
        place=finest_place(f[COL["ActionGeo_FullName"]]),
        figures={
            "num_mentions": opt_int(f[COL["NumMentions"]]),
            "num_sources": opt_int(f[COL["NumSources"]]),
            "num_articles": opt_int(f[COL["NumArticles"]]),
            "avg_tone": opt_float(f[COL["AvgTone"]]),
            "quad_class": opt_int(f[COL["QuadClass"]]),
            "source_raw_code": raw1,
            "target_raw_code": raw2,
            "source_countries": [source.country] if source and source.country else None,
            "target_countries": [target.country] if target and target.country else None,
        },
    )
    return rec, event_id, url or ""


def _key(name: str) -> str:
    """A column name as compared: lower case, letters and digits only (gdeltPyR's `normcols` writes
    `actiongeolat` for ActionGeo_Lat)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _header_map(cells: list[str]) -> list[int | None] | None:
    """For a header row (GDELT's column names in any case, with or without underscores, in any order, perhaps
    after a pandas index column;
    or pandas' column numbers 0..60 of a file it read without names): for each of the 61 fields, its position
    in the file's rows; None when the row is no header."""
    names = [_key(c) for c in cells]
    pos = {n: i for i, n in enumerate(names)}
    if "globaleventid" in pos:
        return [pos.get(_key(n)) for n in EVENT_FIELDS]
    if all(str(i) in pos for i in range(N_EVENT_FIELDS)):  # pandas' numbered columns (read with header=None)
        return [pos[str(i)] for i in range(N_EVENT_FIELDS)]
    return None


def read_events(path: str, report: ImportReport) -> Iterator[tuple[EventRecord, str, str]]:
    """(record, event id, url) for every event row of one export file; bad rows counted in `report`.

    Read: GDELT's own layout (61 tab-separated columns, no header), with or without a header some tools add,
    and a re-save by pandas or gdeltPyR (comma-separated with CSV quoting, a header row, columns found by name;
    a missing column reads as empty)."""
    order: list[int | None] | None = None
    delimiter: str | None = None
    width = 0
    for line, text in open_lines(path, report):
        if not text.strip():
            continue
        if delimiter is None:
            delimiter = sniff_delimiter(text)
            order = _header_map(split_row(text, delimiter))
            if order is not None:
                width = len(split_row(text, delimiter))
                if order[COL["GLOBALEVENTID"]] is None or order[COL["EventCode"]] is None:
                    report.skip(path, line, "wrong columns: not a GDELT events file (no GLOBALEVENTID, EventCode)")
                    return
                continue
        report.rows += 1
        f = split_row(text, delimiter)
        if order is not None:
            if len(f) != width:
                report.skip(path, line, f"wrong column count: {len(f)} columns, the header has {width}")
                continue
            f = [f[i] if i is not None else "" for i in order]
        hit = parse_event_fields(f, path, line, report)
        if hit is not None:
            yield hit


# --- Mentions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One article's mention of an event (a row of the Mentions table)."""

    globaleventid: int
    event_time: str | None
    mention_time: str | None
    mention_type: int | None
    source_name: str
    url: str
    sentence_id: int | None
    actor1_offset: int | None
    actor2_offset: int | None
    action_offset: int | None
    in_raw_text: bool | None
    confidence: int | None
    doc_len: int | None
    doc_tone: float | None
    translation_info: str | None

    def row(self) -> tuple:
        """The `gdelt_mentions` table's row (`store.gdelt_mentions.MENTION_COLUMNS` order)."""
        return (
            self.globaleventid,
            gdelt_event_id(self.globaleventid),
            self.event_time,
            self.mention_time,
            self.mention_type,
            self.source_name,
            self.url,
            self.sentence_id,
            self.actor1_offset,
            self.actor2_offset,
            self.action_offset,
            self.in_raw_text,
            self.confidence,
            self.doc_len,
            self.doc_tone,
            self.translation_info,
        )


def _timestamp(v: str) -> str | None:
    """YYYYMMDDHHMMSS -> 'YYYY-MM-DD HH:MM:SS'; None when not a real time."""
    v = v.strip()
    d = iso_date(v[:8]) if len(v) == 14 and v.isdigit() else None
    if d is None:
        return None
    hh, mm, ss = int(v[8:10]), int(v[10:12]), int(v[12:14])
    if hh > 23 or mm > 59 or ss > 59:
        return None
    return f"{d} {hh:02d}:{mm:02d}:{ss:02d}"


def _opt_int(v: str) -> int | None:
    v = v.strip()
    return int(v) if v.lstrip("-").isdigit() else None


def parse_mention_fields(f: list[str], where: str, line: int, report: ImportReport) -> Mention | None:
    if len(f) not in (len(MENTION_FIELDS), len(MENTION_FIELDS) - 1):  # Extras is sometimes left off
        report.skip(where, line, f"wrong column count: {len(f)} columns, GDELT 2.0 mentions have {len(MENTION_FIELDS)}")
        return None
    gid = f[0].strip()
    if not gid.isdigit():
        report.skip(where, line, f"bad GLOBALEVENTID: {gid!r}")
        return None
    event_time, mention_time = _timestamp(f[1]), _timestamp(f[2])
    if event_time is None or mention_time is None:
        report.skip(where, line, f"bad date: EventTimeDate {f[1]!r}, MentionTimeDate {f[2]!r}")
        return None
    try:
        tone = float(f[13]) if f[13].strip() else None
    except ValueError:
        report.skip(where, line, f"bad MentionDocTone: {f[13]!r}")
        return None
    raw = _opt_int(f[10])
    return Mention(
        globaleventid=int(gid),
        event_time=event_time,
        mention_time=mention_time,
        mention_type=_opt_int(f[3]),
        source_name=f[4].strip(),
        url=f[5].strip(),
        sentence_id=_opt_int(f[6]),
        actor1_offset=_opt_int(f[7]),
        actor2_offset=_opt_int(f[8]),
        action_offset=_opt_int(f[9]),
        in_raw_text=None if raw is None else bool(raw),
        confidence=_opt_int(f[11]),
        doc_len=_opt_int(f[12]),
        doc_tone=tone,
        translation_info=f[14].strip() or None,
    )


def read_mentions(path: str, report: ImportReport) -> Iterator[Mention]:
    """Mentions of one file: GDELT's raw tab-separated layout, or a comma-separated file with a header."""
    lines = open_lines(path, report)
    first = next(lines, None)
    if first is None:
        return
    line_no, text = first
    if "\t" not in text and "globaleventid" in {_key(h) for h in split_row(text, ",")}:
        # gdeltPyR / pandas re-save: CSV with a header (names in any case, with or without `_`, maybe an index)
        header = [_key(h) for h in split_row(text, ",")]
        wanted = [_key(m) for m in MENTION_FIELDS]
        missing = [m for m, w in zip(MENTION_FIELDS[:-1], wanted, strict=False) if w not in header]
        if missing:
            report.skip(path, line_no, f"wrong columns: header lacks {', '.join(missing)}")
            return
        idx = [header.index(w) if w in header else None for w in wanted]
        for line_no, text in lines:
            if not text.strip():
                continue
            report.rows += 1
            try:
                row = next(csv.reader([text]))
            except csv.Error as exc:
                report.skip(path, line_no, f"bad CSV: {exc}")
                continue
            if len(row) != len(header):
                report.skip(path, line_no, f"wrong column count: {len(row)} columns, the header has {len(header)}")
                continue
            m = parse_mention_fields([row[i] if i is not None else "" for i in idx], path, line_no, report)
            if m is not None:
                yield m
        return
    for line_no, text in _chain_first(first, lines):
        if not text.strip():
            continue
        if line_no == 1 and text.upper().startswith("GLOBALEVENTID\t"):
            continue
        report.rows += 1
        m = parse_mention_fields(text.split("\t"), path, line_no, report)
        if m is not None:
            yield m


def _chain_first(first: tuple[int, str], rest: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    yield first
    yield from rest
