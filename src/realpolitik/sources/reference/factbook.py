"""CIA World Factbook energy figures (production, consumption, trade, reserves of natural gas and oil).

Reads a directory as `../shared/data/factbook` holds it (the MilkMp/CIA-World-Factbooks-Archive SQL dumps):
`countries.sql.gz` (CountryID, Year, Code = FIPS 10-4, Name, ...), `country_fields_YYYY.sql.gz` (FieldID,
CategoryID, CountryID, FieldName, Content), `fips_to_iso2.csv` and `CountryISO_Codes.csv` (FIPS -> ISO2 ->
ISO3). Only the energy fields are kept, one row per edition, country, item and measure, with the value in
one unit per item (cubic metres of gas; barrels per day of oil flows, barrels of oil reserves) and the
estimate year the Factbook gives ("(2022 est.)"). Entries without an ISO3 code (World, European Union,
oceans) are left out. Field layouts differ by edition: "Natural gas - production" (2021-2022) and "Natural
gas: production: ..." (2023-); "Crude oil - production" (crude, 2021-2022) and "Petroleum: total petroleum
production: ..." (2023-).

Public domain (a work of the US Government): cite "CIA World Factbook, <edition>".
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import TYPE_CHECKING

from realpolitik.errors import ReferenceDataError

if TYPE_CHECKING:
    import pandas as pd

_ROW = re.compile(r"\(\s*(\d+),\s*(\d+),\s*(\d+),\s*N'((?:[^']|'')*)',\s*N'((?:[^']|'')*)'\s*\)")
_COUNTRY = re.compile(r"\(\s*(\d+),\s*(\d+),\s*N'((?:[^']|'')*)',\s*N'((?:[^']|'')*)',")
_NUMBER = re.compile(
    r"(-?[\d,]*\.?\d+)\s*(thousand|million|billion|trillion)?\s*"
    r"(cu m|cubic meters|cubic metres|bbl/day|barrels|bbl)\s*(?:\((\d{4})(?:\s*est\.)?\))?",
    re.IGNORECASE,
)
_SCALE = {None: 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# (field name, part label inside a combined field or None) -> (item, measure)
FIELDS: dict[tuple[str, str | None], tuple[str, str]] = {
    ("Natural gas - production", None): ("natural gas", "production"),
    ("Natural gas - consumption", None): ("natural gas", "consumption"),
    ("Natural gas - exports", None): ("natural gas", "exports"),
    ("Natural gas - imports", None): ("natural gas", "imports"),
    ("Natural gas - proved reserves", None): ("natural gas", "reserves"),
    ("Natural gas", "production"): ("natural gas", "production"),
    ("Natural gas", "consumption"): ("natural gas", "consumption"),
    ("Natural gas", "exports"): ("natural gas", "exports"),
    ("Natural gas", "imports"): ("natural gas", "imports"),
    ("Natural gas", "proven reserves"): ("natural gas", "reserves"),
    ("Crude oil - production", None): ("oil", "production"),
    ("Crude oil - exports", None): ("oil", "exports"),
    ("Crude oil - imports", None): ("oil", "imports"),
    ("Crude oil - proved reserves", None): ("oil", "reserves"),
    ("Petroleum", "total petroleum production"): ("oil", "production"),
    ("Petroleum", "refined petroleum consumption"): ("oil", "consumption"),
    ("Petroleum", "crude oil and lease condensate exports"): ("oil", "exports"),
    ("Petroleum", "crude oil and lease condensate imports"): ("oil", "imports"),
    ("Petroleum", "crude oil estimated reserves"): ("oil", "reserves"),
}
UNITS = {"natural gas": "cubic metres", "oil": "bbl/day", "oil reserves": "barrels"}
_FIELD_NAMES = {f for f, _ in FIELDS}


def _unquote(s: str) -> str:
    return s.replace("''", "'")


def _read_gz(path: Path) -> str:
    if not path.exists():
        raise ReferenceDataError(
            "missing file (a Factbook directory holds countries.sql.gz and country_fields_YYYY.sql.gz)", str(path)
        )
    try:
        return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    except OSError as exc:
        raise ReferenceDataError(f"not a readable gzip file ({exc})", str(path)) from None


def _iso3_of_fips(directory: Path) -> dict[str, str]:
    import csv

    fips, iso = directory / "fips_to_iso2.csv", directory / "CountryISO_Codes.csv"
    for p in (fips, iso):
        if not p.exists():
            raise ReferenceDataError("missing file (the FIPS -> ISO crosswalk of the Factbook directory)", str(p))
    with iso.open(encoding="utf-8-sig") as f:
        iso2 = {r["ISOAlpha2"].strip(): r["ISOAlpha3"].strip() for r in csv.DictReader(f) if r.get("ISOAlpha2")}
    with fips.open(encoding="utf-8-sig") as f:
        return {
            r["FIPS"].strip().upper(): iso2[r["ISOAlpha2"].strip()]
            for r in csv.DictReader(f)
            if r.get("FIPS") and r.get("ISOAlpha2", "").strip() in iso2
        }


def parse_value(text: str) -> tuple[float, str, int | None] | None:
    """'100.726 billion cubic meters (2022 est.)' -> (1.00726e11, 'cubic meters', 2022); None without a number."""
    m = _NUMBER.search(text)
    if not m:
        return None
    value = float(m.group(1).replace(",", "")) * _SCALE[(m.group(2) or "").lower() or None]
    return value, m.group(3).lower(), int(m.group(4)) if m.group(4) else None


def _parts(content: str) -> dict[str, str]:
    """'production: X (2022 est.) consumption: Y ...' -> {'production': 'X (2022 est.)', ...}."""
    labels = sorted({p for f, p in FIELDS if p}, key=len, reverse=True)
    pat = re.compile(r"(" + "|".join(re.escape(x) for x in labels) + r"):", re.IGNORECASE)
    hits = list(pat.finditer(content))
    out: dict[str, str] = {}
    for i, h in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(content)
        out.setdefault(h.group(1).lower(), content[h.end() : end].strip())
    return out


def read_factbook(directory: str | Path) -> pd.DataFrame:
    """Energy rows: edition, iso3, name, item, measure, value, unit, est_year, text."""
    import pandas as pd

    d = Path(directory)
    if not d.is_dir():
        raise ReferenceDataError("not a directory (give the Factbook folder, e.g. ../shared/data/factbook)", str(d))
    iso3 = _iso3_of_fips(d)
    countries_path = d / "countries.sql.gz"
    countries = {
        int(cid): (int(year), code.upper(), _unquote(name))
        for cid, year, code, name in _COUNTRY.findall(_read_gz(countries_path))
    }
    if not countries:
        raise ReferenceDataError("no (CountryID, Year, Code, Name, ...) rows", str(countries_path))
    editions = sorted(d.glob("country_fields_*.sql.gz"))
    if not editions:
        raise ReferenceDataError("no country_fields_YYYY.sql.gz files", str(d))
    rows = []
    for path in editions:
        m = re.search(r"(\d{4})", path.name)
        edition = int(m.group(1)) if m else None
        for _fid, _cat, cid, field, content in _ROW.findall(_read_gz(path)):
            field = _unquote(field)
            if field not in _FIELD_NAMES:
                continue
            country = countries.get(int(cid))
            if country is None:
                continue
            code = iso3.get(country[1])
            if code is None:
                continue
            content = _unquote(content)
            parts = _parts(content) if (field, None) not in FIELDS else {None: content}
            for label, text in parts.items():
                key = FIELDS.get((field, label))
                if key is None:
                    continue
                parsed = parse_value(text)
                if parsed is None:
                    continue
                value, _unit, est = parsed
                item, measure = key
                rows.append(
                    {
                        "edition": edition or country[0],
                        "iso3": code,
                        "name": country[2],
                        "item": item,
                        "measure": measure,
                        "value": round(value, 3),
                        "unit": "barrels" if item == "oil" and measure == "reserves" else UNITS[item],
                        "est_year": est,
                        "text": text[:200],
                    }
                )
    if not rows:
        raise ReferenceDataError("no natural gas or oil figures found in the Factbook files", str(d))
    df = pd.DataFrame(rows)
    df = df.drop_duplicates(["edition", "iso3", "item", "measure"], keep="first")
    df["est_year"] = df["est_year"].astype("Int32")
    df["edition"] = df["edition"].astype("int32")
    return df.sort_values(["edition", "item", "measure", "iso3"]).reset_index(drop=True)
