"""Country names and codes: COW numeric codes <-> ISO3 <-> ISO2 <-> names, used by every reference reader.

Why one crosswalk: ATOP and COW speak COW codes, UNGA votes ISO2, SIPRI English names with its own variants
("Turkiye", "Soviet Union", "DR Congo"), the event store ISO3. Everything is turned into ISO3 here.
The table is `data/reference/countries.csv` (built from COW states, the UNGA ideal-point file and the UN
votes file by `realpolitik.sources.reference.bundle`) plus the gazetteer's state names, aliases and demonyms.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

# Historical or variant names that neither file spells (SIPRI and news usage).
EXTRA_NAMES: dict[str, str] = {
    "soviet union": "RUS",
    "ussr": "RUS",
    "russian federation": "RUS",
    "turkiye": "TUR",
    "turkey": "TUR",
    "viet nam": "VNM",
    "uae": "ARE",
    "dr congo": "COD",
    "drc": "COD",
    "congo": "COG",
    "bosnia-herzegovina": "BIH",
    "bosnia herzegovina": "BIH",
    "czechia": "CZE",
    "czech republic": "CZE",
    "czechoslovakia": "CZE",
    "north macedonia": "MKD",
    "macedonia": "MKD",
    "cote d'ivoire": "CIV",
    "ivory coast": "CIV",
    "cape verde": "CPV",
    "cabo verde": "CPV",
    "eswatini": "SWZ",
    "swaziland": "SWZ",
    "timor-leste": "TLS",
    "east timor": "TLS",
    "myanmar": "MMR",
    "burma": "MMR",
    "south korea": "KOR",
    "north korea": "PRK",
    "west germany": "DEU",
    "east germany": "DDR",
    "german democratic republic": "DDR",
    "federal republic of germany": "DEU",
    "german federal republic": "DEU",
    "yugoslavia": "SRB",
    "serbia and montenegro": "SRB",
    "palestine": "PSE",
    "state of palestine": "PSE",
    "taiwan": "TWN",
    "kosovo": "XKX",
    "united states": "USA",
    "united states of america": "USA",
    "us": "USA",
    "usa": "USA",
    "uk": "GBR",
    "united kingdom": "GBR",
    "great britain": "GBR",
    "britain": "GBR",
    "laos": "LAO",
    "brunei": "BRN",
    "syria": "SYR",
    "iran": "IRN",
    "libya": "LBY",
    "sao tome and principe": "STP",
    "sao tome & principe": "STP",
    "st kitts and nevis": "KNA",
    "st lucia": "LCA",
    "st vincent and the grenadines": "VCT",
    "micronesia": "FSM",
    "the gambia": "GMB",
    "gambia": "GMB",
}

_ALPHA = re.compile(r"[^a-z0-9&' -]+")


def fold(text: str) -> str:
    """Lower case, accents removed, quotes straightened, spaces collapsed, a leading "the" dropped."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower().strip().rstrip("*").strip()
    text = _ALPHA.sub(" ", text)
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass
class Country:
    iso3: str
    name: str
    iso2: str | None = None
    ccodes: list[int] = field(default_factory=list)
    cow_abb: list[str] = field(default_factory=list)


@dataclass
class Crosswalk:
    """Look-ups between names and codes. Build once with `get_crosswalk()`."""

    countries: dict[str, Country] = field(default_factory=dict)  # iso3 -> Country
    names: dict[str, str] = field(default_factory=dict)  # folded name -> iso3
    iso2: dict[str, str] = field(default_factory=dict)
    ccode: dict[int, str] = field(default_factory=dict)
    cow_abb: dict[str, str] = field(default_factory=dict)

    def to_iso3(self, name: object) -> str | None:
        if name is None:
            return None
        if isinstance(name, (int, float)) and not isinstance(name, bool):
            if name != name:  # NaN
                return None
            return self.ccode.get(int(name))
        raw = str(name).strip().rstrip("*").strip()
        if not raw:
            return None
        if re.fullmatch(r"\d+(\.0+)?", raw):
            return self.ccode.get(int(float(raw)))
        up = raw.upper()
        if len(up) == 3 and up in self.countries:
            return up
        key = fold(raw)
        if key in self.names:
            return self.names[key]
        if len(up) == 2 and up in self.iso2:
            return self.iso2[up]
        if len(up) == 3 and up in self.cow_abb:
            return self.cow_abb[up]
        if key.endswith("'s"):
            return self.names.get(key[:-2])
        return None

    def ccodes(self, iso3: str) -> list[int]:
        c = self.countries.get(iso3)
        return list(c.ccodes) if c else []

    def name(self, iso3: str | None) -> str:
        if not iso3:
            return ""
        c = self.countries.get(iso3)
        return c.name if c else iso3


def _reference_rows() -> list[dict[str, str]]:
    res = resources.files("realpolitik.data").joinpath("reference/countries.csv")
    if not res.is_file():  # while `bundle` builds it
        return []
    text = res.read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))


def _gazetteer_rows() -> list[dict[str, str]]:
    text = resources.files("realpolitik.data").joinpath("gazetteer/states.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))


@lru_cache(maxsize=1)
def get_crosswalk() -> Crosswalk:
    cw = Crosswalk()
    for row in _gazetteer_rows():
        iso = row["iso3"].strip()
        cw.countries.setdefault(iso, Country(iso, row["name"].strip()))
        for form in [row["name"], *(row.get("aliases") or "").split("|"), *(row.get("demonyms") or "").split("|")]:
            form = form.strip().lstrip("^")
            if form:
                cw.names.setdefault(fold(form), iso)
    for row in _reference_rows():
        iso = row["iso3"].strip()
        c = cw.countries.setdefault(iso, Country(iso, row["name"].strip()))
        if row.get("iso2"):
            c.iso2 = row["iso2"].strip()
            cw.iso2.setdefault(c.iso2, iso)
        for code in (row.get("ccodes") or "").split("|"):
            if code.strip():
                c.ccodes.append(int(code))
                cw.ccode.setdefault(int(code), iso)
        for abb in (row.get("cow_abb") or "").split("|"):
            if abb.strip():
                c.cow_abb.append(abb.strip())
                cw.cow_abb.setdefault(abb.strip(), iso)
        for form in [row["name"], *(row.get("names") or "").split("|")]:
            if form.strip():
                cw.names.setdefault(fold(form), iso)
    for form, iso in EXTRA_NAMES.items():
        cw.names.setdefault(fold(form), iso)
        cw.countries.setdefault(iso, Country(iso, form.title()))
    return cw


def to_iso3(name: object) -> str | None:
    """ISO3 code of a country given as a name ("Algeria", "Soviet Union"), ISO3, ISO2 or COW code (615,
    "ALG"); None when unknown."""
    return get_crosswalk().to_iso3(name)


def country_name(iso3: str | None) -> str:
    """The common English name of an ISO3 code (the code itself when unknown)."""
    return get_crosswalk().name(iso3)


def ccodes_of(iso3: str) -> list[int]:
    """COW codes that stand for this ISO3 state (Germany: 255 and 260)."""
    return get_crosswalk().ccodes(iso3)
