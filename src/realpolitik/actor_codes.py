"""Actor-code crosswalks shared by the event-data importers: CAMEO country and group codes -> ISO3 and
realpolitik codes, ICEWS country names -> ISO3, sector words -> agent codes, names -> upper-case codes
(accents folded), and the placeholders that are no actor.

Why beside `model.py` (with `codes.py`): the readers in `sources/` and the text coder share these look-ups,
which depend on nothing but the package data in `data/codes` (see its README for where each table comes from).
"""

from __future__ import annotations

import re
from functools import lru_cache

from realpolitik.codes import data_rows
from realpolitik.latin import name_code as latin_name_code


@lru_cache(maxsize=1)
def cameo_tables() -> tuple[dict[str, str | None], frozenset[str], dict[str, str]]:
    """(CAMEO country -> ISO3 exceptions, CAMEO region codes, known-group code -> actor code)."""
    countries: dict[str, str | None] = {}
    regions: set[str] = set()
    groups: dict[str, str] = {}
    for parts in data_rows("cameo_actor_codes.tsv"):
        kind, code, target = parts[0], parts[1], parts[2] if len(parts) > 2 else ""
        if kind == "country":
            countries[code] = target or None
        elif kind == "region":
            regions.add(code)
        elif kind == "group":
            groups[code] = target
    return countries, frozenset(regions), groups


def cameo_country_to_iso3(code: str | None) -> str | None:
    """A CAMEO 3-letter country code to ISO3: mostly the same, except the table's exceptions and regions."""
    if not code:
        return None
    code = code.strip().upper()
    countries, regions, _ = cameo_tables()
    if code in countries:
        return countries[code]
    if code in regions or len(code) != 3 or not code.isalpha():
        return None
    return code


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    return frozenset(parts[0].strip() for parts in data_rows("iso3_codes.txt"))


def country_of_cameo_actor(raw_code: str | None) -> str | None:
    """The state of a raw CAMEO actor code (`ROUGOV` -> ROU, `ROM` -> ROU); None for `GOV`, `IGOUNO`, regions."""
    if not raw_code or len(raw_code) < 3:
        return None
    prefix = raw_code[:3].upper()
    countries, _, _ = cameo_tables()
    if prefix in countries:
        return countries[prefix]
    return prefix if prefix in iso3_codes() else None


def known_group_code(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()
    return cameo_tables()[2].get(code, code)


@lru_cache(maxsize=1)
def icews_country_names() -> dict[str, str]:
    """ICEWS country name (lower case) -> ISO3 of the sovereign state."""
    out: dict[str, str] = {}
    countries, _, _ = cameo_tables()
    for parts in data_rows("ICEWS_countrynames.txt"):
        if len(parts) < 2 or not parts[1].isalpha():
            continue
        iso = parts[1][:3].upper()
        iso = countries.get(iso, iso) or iso
        out[parts[0].strip().lower()] = iso
    return out


def country_name_to_iso3(name: str | None) -> str | None:
    if not name or not name.strip() or is_placeholder(name):
        return None
    n = name.strip()
    if len(n) == 3 and n.isupper():
        return cameo_country_to_iso3(n)
    return icews_country_names().get(n.lower())


# --- placeholders, sectors, names -----------------------------------------------------------------


@lru_cache(maxsize=1)
def _placeholders() -> frozenset[str]:
    return frozenset(r[0].strip().lower() for r in data_rows("actor_placeholders.txt"))


def is_placeholder(name: str | None) -> bool:
    """True for a cell that names no actor: empty, "Unspecified Actor", POLECAT's literal "None"."""
    return not name or not name.strip() or name.strip().lower() in _placeholders()


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


@lru_cache(maxsize=1)
def _sector_rules() -> tuple[tuple[str, ...], tuple[tuple[re.Pattern[str], str], ...], dict[str, str]]:
    """(codes in priority order, (word pattern, code) in file order, ICEWS sector name -> code)."""
    priority: tuple[str, ...] = ()
    words: list[tuple[re.Pattern[str], str]] = []
    for r in data_rows("sector_words.tsv"):
        if r[0] == "priority":
            priority = tuple(r[1].split())
        elif r[0] == "word":
            words.append((re.compile(r"\b" + r[1].strip(), re.IGNORECASE), r[2].strip()))
    known = set(priority)
    icews = {r[0].strip().lower(): r[1].strip()[:3] for r in data_rows("ICEWS_agentnames.txt") if len(r) > 1}
    return priority, tuple(words), {k: v for k, v in icews.items() if v in known}


def _item_code(item: str) -> str | None:
    _, words, icews = _sector_rules()
    hit = icews.get(item.lower())
    if hit:
        return hit
    return next((code for pattern, code in words if pattern.search(item)), None)


def sector_code(text: str | None) -> str | None:
    """An agent code from sector text ("Government,Executive" -> GOV; "MIL" -> MIL).

    Each sector of the list gets its code on its own (ICEWS's code for its sector names, else the first word
    pattern of sector_words.tsv that matches at a word start: "Nongovernmental" is no government), and the
    actor's sector is the one of highest priority: "International Government Organization" is IGO, and a
    military word does not outrank the government of an actor listed under both."""
    if not text or not text.strip() or is_placeholder(text):
        return None
    t = text.strip()
    if len(t) == 3 and t.isupper():
        return t
    items = [p.strip() for p in re.split(r"[,;|]", t) if p.strip()]
    if t.lower() in _sector_rules()[2]:
        items = [t]  # a name holding a comma ("Arab, Levant") is one sector
    codes = {c for c in (_item_code(i) for i in items) if c}
    if not codes:
        return None
    priority = _sector_rules()[0]
    return min(codes, key=lambda c: priority.index(c) if c in priority else len(priority))


def name_code(name: str) -> str:
    """An upper-case actor code from a name, the same as the text coder gives it (`realpolitik.latin`):
    accents folded ("Andrés Manuel López Obrador" -> ANDRES_MANUEL_LOPEZ_OBRADOR), Cyrillic and Greek spelt
    in Latin letters, another script NAME_ and a digest (never UNKNOWN for a name that has letters)."""
    return latin_name_code(name) or "UNKNOWN"


# International organisations as ICEWS, POLECAT and ACLED name them -> the usual acronym.
IGO_NAMES: dict[str, str] = {
    "united nations": "UN", "un": "UN", "un security council": "UN", "united nations security council": "UN",
    "north atlantic treaty organization": "NATO", "nato": "NATO", "european union": "EU", "eu": "EU",
    "european commission": "EU", "african union": "AU", "economic community of west african states": "ECOWAS",
    "ecowas": "ECOWAS", "association of southeast asian nations": "ASEAN", "asean": "ASEAN",
    "arab league": "ARAB_LEAGUE", "league of arab states": "ARAB_LEAGUE", "international monetary fund": "IMF",
    "world bank": "WB", "world health organization": "WHO", "world trade organization": "WTO",
    "international atomic energy agency": "IAEA", "international criminal court": "ICC",
    "organization for security and co-operation in europe": "OSCE", "organization of american states": "OAS",
    "gulf cooperation council": "GCC", "organization of islamic cooperation": "OIC",
}  # fmt: skip


def actor_code(name: str | None, country: str | None, sector: str | None, generic: bool) -> str | None:
    """The contract's actor code: a state and anything acting for it (or an unnamed group of it) takes the
    state's ISO3; an international organisation its acronym; a named non-state body its upper-case name."""
    n = (name or "").strip()
    igo = IGO_NAMES.get(n.lower())
    if igo:
        return igo
    if country:
        if generic or not n or sector is None or sector in STATE_SECTORS or sector in {"CVL", "OPP", "ELI"}:
            return country
        return name_code(n)
    return name_code(n) if n else None
