"""Readers of the CIA World Factbook SQL dumps (../shared/data/factbook), used at build time only by
`gazetteer_build`: country ids to ISO3, and the fields that name actors (executive branch, political
parties, military and security forces, terrorist groups, IGO participation).

Why a parser of free text: the Factbook writes each field as prose with conventions of its own
("President Emmanuel MACRON (since 14 May 2017)": surname in capitals, the start date in parentheses;
"Workers Party or PT"; "Ministry of Interior: General Directorate of National Security (national police)").
Those conventions, not country-specific rules, are what is read here. The archive replaced every non-ASCII
character by a space ("Andr s Manuel L PEZ OBRADOR"): such names are marked broken so the builder can
restore them from a source that spells them (Wikidata) or leave them out.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterator
from pathlib import Path

from realpolitik.extract.names import MONTH_NAMES, name_code

EDITIONS = (2021, 2022, 2023, 2024, 2025)

_ROW = re.compile(r"^\s*\((\d+), (\d+), (\d+), N'((?:[^']|'')*)', N'((?:[^']|'')*)'\)[,;]?\s*$")
_COUNTRY = re.compile(r"^\s*\((\d+), (\d+), N'([^']*)', N'((?:[^']|'')*)'")
_MONTHS = {m: k for k, m in enumerate(MONTH_NAMES, 1)}


def field_rows(path: Path) -> Iterator[tuple[int, str, str]]:
    """(CountryID, FieldName, Content) of a `country_fields_YYYY.sql.gz` dump."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _ROW.match(line)
            if m:
                yield int(m[3]), m[4].replace("''", "'"), m[5].replace("''", "'")


def country_iso3(factbook: Path) -> dict[int, str]:
    """CountryID -> ISO3 through the FIPS 10-4 code (`countries.sql.gz`, `fips_to_iso2.csv`,
    `CountryISO_Codes.csv`). Where several entries share an ISO code (the UK, Guernsey, Jersey and the
    Isle of Man are all GB) only the entry named like the ISO country is kept; entries without an ISO3
    (oceans, the EU) are left out."""
    with (factbook / "fips_to_iso2.csv").open(encoding="utf-8") as fh:
        fips = {r["FIPS"].upper(): r["ISOAlpha2"] for r in csv.DictReader(fh) if r["ISOAlpha2"]}
    fips.setdefault("KV", "XK")
    with (factbook / "CountryISO_Codes.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    iso2 = {r["ISOAlpha2"]: r["ISOAlpha3"] for r in rows}
    iso_name = {r["ISOAlpha2"]: r["Name"] for r in rows}
    iso2.setdefault("XK", "XKX")
    shared = {v for v in fips.values() if list(fips.values()).count(v) > 1}
    out = {}
    with gzip.open(factbook / "countries.sql.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _COUNTRY.match(line)
            code = fips.get(m[3].upper()) if m else None
            if m is None or code not in iso2:
                continue
            if code in shared and m[4].split()[0].strip(",") != iso_name.get(code, "").split()[0].strip(","):
                continue
            out[int(m[1])] = iso2[code]
    return out


def parse_date(text: str) -> str | None:
    """'12 December 2019' -> '2019-12-12'; 'December 2019' -> '2019-12-01'; '2019' -> '2019-01-01'."""
    m = re.search(r"(?:(\d{1,2}) )?(?:([A-Za-z]+) )?(\d{4})", text)
    if not m:
        return None
    month = _MONTHS.get((m[2] or "").lower(), 1 if not m[2] else 0)
    if not month:
        return None
    return f"{m[3]}-{month:02d}-{int(m[1] or 1):02d}"


# -- executive branch -----------------------------------------------------------------------------------
#: Words of office titles written before a name ("Transition President", "Sr. Gen.", "Co-prince").
TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "king",
        "queen",
        "emir",
        "amir",
        "sultan",
        "supreme",
        "leader",
        "chancellor",
        "premier",
        "deputy",
        "first",
        "second",
        "chairman",
        "chairwoman",
        "chair",
        "chairperson",
        "governor",
        "general",
        "governor-general",
        "co-prince",
        "crown",
        "prince",
        "princess",
        "grand",
        "duke",
        "sheikh",
        "shaykh",
        "transition",
        "transitional",
        "interim",
        "acting",
        "state",
        "council",
        "federal",
        "head",
        "government",
        "chief",
        "executive",
        "secretary",
        "pope",
        "archbishop",
        "bishop",
        "captain",
        "captains",
        "regent",
        "lieutenant",
        "lt.",
        "gen.",
        "sr.",
        "col.",
        "brig.",
        "maj.",
        "field",
        "marshal",
        "commander",
        "sovereign",
        "emperor",
        "affairs",
        "commission",
        "presidency",
        "ministers",
        "overall",
        "of",
        "the",
        "and",
        "swiss",
        "confederation",
        "administration",
        "sovereignty",
        "military",
        "junta",
        "republic",
        "national",
        "assembly",
        "speaker",
        "colonel",
        "admiral",
        "dr.",
        "mr.",
        "mrs.",
        "ms.",
        "paramount",
        "heir",
        "apparent",
        "royal",
        "his",
        "her",
        "highness",
        "majesty",
        "co-princes",
        "lord",
        "high",
        "commissioner",
        "presidential",
        "is",
        "as",
        "sir",
        "dame",
        "taoiseach",
        "premiers",
        "presidents",
        "ministers",
        "administrator",
        "superior",
        "cardinal",
        "lt",
        "gen",
        "sr",
        "col",
        "brig",
        "maj",
    ]
)
PARTICLES = frozenset(
    [
        "de",
        "da",
        "del",
        "della",
        "di",
        "do",
        "dos",
        "das",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "bint",
        "ibn",
        "al",
        "el",
        "ould",
        "ben",
        "abu",
        "y",
        "i",
        "e",
        "st.",
    ]
)
_ROMAN = re.compile(r"^(?=[IVXL]+$)L?X{0,3}(?:IX|IV|V?I{0,3})$")


def executive_roles(content: str) -> list[tuple[str, str, str | None, str, list[str]]]:
    """(office, name, since, title, aliases) for the people the `Executive branch` field names as chief of state
    ("chief") or head of government ("head") with a "since" date; notes and cabinets are skipped, and a
    monarch or co-prince represented in the country by someone else is left to that representative."""
    text = content.split("cabinet:")[0]
    out = []
    for office, label in (("chief", "chief of state:"), ("head", "head of government:")):
        start = text.find(label)
        if start < 0:
            continue
        seg = text[start + len(label) :]
        seg = seg.split("head of government:")[0]
        seg = re.split(r"[;,]?\s*\bnote\b\s*[-:]", seg)[0]
        clauses = [c.strip() for c in _split_outside_parens(seg, ";")]
        for k, clause in enumerate(clauses):
            nxt = clauses[k + 1] if k + 1 < len(clauses) else ""
            if nxt.startswith("represented by"):
                continue
            clause = re.sub(r"^(?:and\s+)?represented by\s+", "", clause)
            clause = re.sub(r"^and\s+", "", clause)
            m = re.search(r"\(([^()]*\bsince\b[^()]*)\)", clause)
            if not m:
                continue
            since = parse_date(m[1].split("since", 1)[1])
            pre = re.sub(r"\([^()]*\)", " ", clause[: m.start()])
            for name, title, aliases in person_names(pre):
                out.append((office, name, since, title, aliases))
    return out


def _split_outside_parens(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    cur: list[str] = []
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == sep and depth <= 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def _caps(token: str) -> bool:
    """A surname in capitals ("MACRON", "Hoseini-KHAMENEI"), not a roman numeral."""
    parts = re.split(r"[-']", token.strip(",."))
    return any(len(p) > 1 and p.isalpha() and p.isupper() and not _ROMAN.match(p) for p in parts)


def _name_word(token: str) -> bool:
    low = token.lower()
    if low in PARTICLES or re.fullmatch(r"[A-Z]\.", token) or _ROMAN.match(token):
        return True
    if re.match(r"(?:al|el|ad|as|ash|at|az|ibn|bin|ben|abu|ul|ud|da|de|di|d)[-']", low):
        return True  # "al-Aziz", "d'Almeida"
    if re.fullmatch(r"(?:[A-Z][a-z]+\.)+|\(?ret\.\)?|[A-Za-z]+-elect", token):
        return False  # abbreviated ranks ("Maj.Gen."), "President-elect"
    return token[:1].isupper() and low not in TITLE_WORDS and low.rstrip("s") not in TITLE_WORDS


def person_names(pre: str) -> list[tuple[str, str, list[str]]]:
    """(name, title, aliases) of the people named in 'Transition President Assimi GOITA ' or 'Vice Presidents
    Ana ROJAS, Luis PEREZ', written as names are in news ('Assimi Goita'; 'XI Jinping' -> 'Xi Jinping').
    A name is the last run of name words holding a surname in capitals; a one-word name keeps its title
    ('Pope Francis', 'King Charles III'). The archive's lost characters stay lost ('Andr s Manuel L Pez
    Obrador'): `gazetteer.lossy_key` matches such names."""
    out: list[tuple[str, str, list[str]]] = []
    pre = re.sub(r'"[^"]*"', " ", pre)  # nicknames: Voreqe "Frank" BAINIMARAMA
    for part in re.split(r",|\s+and\s+", pre):
        tokens = part.split()
        runs: list[list[int]] = [[]]
        for i, t in enumerate(tokens):
            after_of = i > 0 and tokens[i - 1].lower() in ("of", "the")
            lost = (
                re.fullmatch(r"[a-z]{1,2}", t) is not None and t not in ("of",) and i > 0 and _name_word(tokens[i - 1])
            )
            if (_name_word(t) and not after_of) or lost:  # "Andr s": a fragment left by a lost letter
                runs[-1].append(i)
            elif runs[-1]:
                runs.append([])
        caps = {
            i
            for i, t in enumerate(tokens)
            if _caps(t) or (_ROMAN.match(t) and (i == 0 or not _name_word(tokens[i - 1])))
        }
        runs = [r for r in runs if r and any(i in caps for i in r)]
        if not runs:
            continue
        run = runs[-1]
        while run and tokens[run[0]].lower() in PARTICLES:
            run = run[1:]
        words = [tokens[i] for i in run]
        title = [t for t in tokens[: run[0]] if t.lower() in TITLE_WORDS and t.lower() not in ("of", "the", "and")]
        written = [
            re.sub(r"[A-Za-z]+", lambda m: m[0].capitalize(), w) if i in caps else w
            for i, w in zip(run, words, strict=True)
        ]
        is_caps = [i in caps for i in run]
        named = sum(1 for k, i in enumerate(run) if not (_ROMAN.match(tokens[i]) and k > 0))
        prefix = f"{title[-1].capitalize()} " if title else ""
        if named == 1:
            if not prefix:
                continue
            out.append((prefix + " ".join(written), " ".join(tokens[: run[0]]), []))
            continue
        aliases = []
        last_caps = max(k for k, c in enumerate(is_caps) if c)
        first_caps = is_caps.index(True)
        if first_caps > 0 and last_caps > first_caps:  # "Pedro SANCHEZ PEREZ-CASTEJON" -> "Pedro Sanchez"
            aliases.append(f"{written[0]} {written[first_caps]}")
        if last_caps < len(written) - 1 and first_caps > 0:  # "Dina Ercilia BOLUARTE Zegarra" -> "Dina Boluarte"
            aliases.append(" ".join([written[0], *written[first_caps : last_caps + 1]]))
            aliases.append(" ".join(written[: last_caps + 1]))
        elif first_caps == 0 and last_caps < len(written) - 1:  # "SALMAN bin Abd al-Aziz Al Saud" -> "King Salman"
            head = " ".join(written[: last_caps + 1])
            aliases.append(head if last_caps > 0 else prefix + head)
        out.append((" ".join(written), " ".join(tokens[: run[0]]), [a for a in aliases if a.strip()]))
    return out


# -- organisations ----------------------------------------------------------------------------------------
def parties(content: str) -> list[tuple[str, str]]:
    """(surface, code) of the parties a `Political parties` field writes as "Name or ACRONYM" ('Workers
    Party or PT', 'National Rally (Rassemblement National) or RN'): the name and, for acronyms of three
    letters or more, the acronym as written ('^RND'); both with the acronym's code. Entries without an
    acronym are left to Party Facts: the field runs its entries together with nothing between them."""
    text = re.split(r"\bnote\b\s*[-:]", content)[0]
    text = re.sub(r"\([^()]*\)", " ", text)
    out = []
    word = r"(?:[A-Z][\w'-]*|of|for|the|and|de|du|la|le|del|el|des|da|do|dos|i|y|e|et)"
    for m in re.finditer(rf"((?:{word}\s+){{1,7}}?)or\s+([A-Z][A-Z0-9-]{{1,11}})\b", text):
        words = m[1].split()
        while words and (not words[0][:1].isupper() or _caps(words[0]) or any(c.isdigit() for c in words[0])):
            words = words[1:]  # the end of the previous entry ("... or AfD Christian Democratic Union or CDU")
        name, acronym = " ".join(words), m[2]
        if len(words) < 2 or not _clean(name) or words[-1][:1].islower():
            continue
        out.append((name, name_code(name)))
        if len(acronym) >= 3:
            out.append(("^" + acronym, name_code(name)))
    return out


def _clean(form: str) -> bool:
    """A name with no character lost by the archive: no lone lower-case letter other than a conjunction
    ("Polic a Nacional del Per" was "Policía Nacional del Perú")."""
    return not re.search(r"(?:^|\s)[a-df-hj-np-xz](?:\s|$)", form) and "  " not in form


_COP = re.compile(r"\b(?:police|policia|gendarmerie|gendarmeria|carabinieri|constabulary)\b", re.I)
_SPY = re.compile(r"\b(?:intelligence|secret service|security service|state security|counterintelligence)\b", re.I)


def forces(content: str) -> list[tuple[str, str]]:
    """(name, sector) of the bodies a `Military and security forces` field lists: MIL for armed forces,
    COP for police and gendarmeries, SPY for intelligence services, GOV for ministries."""
    text = re.split(r"\bnote\b\s*[-:]", content)[0]
    text = re.sub(r"\(\d{4}\)\s*$", "", text.strip())
    out = []
    for piece in re.split(r"[:;,]|\s+(?=Ministry\b)", text):
        acronyms = re.findall(r"\(([A-Z][A-Za-z]{1,9})\)", piece)
        notes = " ".join(re.findall(r"\(([^()]*)\)", piece))
        name = re.sub(r"\([^()]*\)", " ", piece)
        name = re.sub(r"\([^()]*$", " ", name)
        name = " ".join(name.replace("(", " ").replace(")", " ").split()).strip(" .")
        name = re.sub(r"^(?:the|and|includes|including)\s+", "", name)
        if not name or not name[:1].isupper() or len(name.split()) < 2 or not _clean(name):
            continue
        if any(
            w[:1].islower() and w not in ("of", "the", "and", "for", "de", "del", "la", "du", "des", "el")
            for w in name.split()
        ):
            continue
        sector = "GOV" if name.startswith("Ministry") or "Department" in name else "MIL"
        if _COP.search(name) or _COP.search(notes):
            sector = "COP"
        elif _SPY.search(name) or "intelligence" in notes.lower():
            sector = "SPY"
        out.append((name, sector))
        out.extend(("^" + a, sector) for a in acronyms if a.isupper() and len(a) >= 3)
    return out


def terrorist_groups(content: str) -> list[tuple[str, str]]:
    """(surface, code) of the groups a `Terrorist group(s)` field lists ("al-Qa'ida in the Islamic
    Maghreb (AQIM)"): the name and its acronym, both with the code of the acronym (else of the name)."""
    text = re.split(r"\bnote\b\s*[-:]", content)[0]
    out = []
    for piece in re.split(r"[;,]", text):
        inside = [a.strip() for a in re.findall(r"\(([^()]*)\)", piece)]
        name = " ".join(re.sub(r"\([^()]*\)", " ", piece).split())
        acronyms = [a for a in inside if re.fullmatch(r"[A-Z][A-Z-]{2,11}", a)]
        code = acronyms[0] if acronyms else name_code(name)
        if name and _clean(name) and len(name) > 2 and (name[:1].isupper() or name.startswith(("al-", "ash-"))):
            out.append((name, code))
        for a in inside:
            if a in acronyms:
                out.append(("^" + a, code))
            elif len(a.split()) >= 2 and _clean(a):
                out.append((a, code))
    return out


def igo_participation(content: str) -> list[tuple[str, str]]:
    """(acronym, status) of an `International organization participation` field ('OAS (observer)')."""
    out = []
    for piece in content.split(","):
        m = re.match(r"\s*([^()]+?)\s*(?:\(([^()]*)\))?\s*$", piece)
        if not m or not m[1]:
            continue
        out.append((m[1].strip(), (m[2] or "member").strip()))
    return out
