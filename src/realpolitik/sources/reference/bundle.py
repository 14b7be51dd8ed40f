"""Build the reference data bundled in the package (`realpolitik/data/reference/`) from ../shared.

Run `python -m realpolitik.sources.reference.bundle ../shared/data/reference` after updating the sources.
Bundled: the country crosswalk, ATOP undirected dyad-years with obligations, COW states, UNGA ideal points,
roll calls and votes (compact Parquet). SIPRI is never bundled (licence): users import their own copy.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from realpolitik.sources import countries
from realpolitik.sources.reference.atop import read_atop_dyads
from realpolitik.sources.reference.cow import read_cow_states
from realpolitik.sources.reference.unga import read_unga_ideal_points, read_unga_rollcalls, read_unga_votes

OUT = Path(__file__).resolve().parents[2] / "data" / "reference"

# COW codes of states that no longer exist under the ISO3 they would otherwise get, or whose ISO3 the
# ideal-point file does not give: code -> (iso3, name). Pseudo-codes (DDR, YAR, YPR, RVN) are not ISO 3166.
HISTORICAL: dict[int, tuple[str, str]] = {
    260: ("DEU", "Germany"),
    265: ("DDR", "German Democratic Republic"),
    678: ("YAR", "Yemen Arab Republic"),
    680: ("YPR", "Yemen People's Republic"),
    817: ("RVN", "Republic of Vietnam"),
    315: ("CZE", "Czechia"),
    345: ("SRB", "Serbia"),
    730: ("KOR", "South Korea"),
}


def build_countries(src: Path) -> None:
    countries.get_crosswalk.cache_clear()
    ip = pd.read_csv(src / "unga_idealpoints_2025.csv", usecols=["ccode", "iso3c", "countryname"]).dropna()
    ip = ip.drop_duplicates(["ccode"]).astype({"ccode": int})
    rows: dict[str, dict[str, Any]] = {}  # name, iso2: str; ccodes, cow_abb, names: set[str]

    def row(iso: str, name: str) -> dict[str, Any]:
        return rows.setdefault(iso, {"name": name, "iso2": "", "ccodes": set(), "cow_abb": set(), "names": set()})

    by_ccode = {int(c): (i, n) for c, i, n in zip(ip.ccode, ip.iso3c, ip.countryname, strict=True)}
    by_ccode.update(HISTORICAL)
    cow = pd.read_csv(src / "cow_states.csv")
    for c, abb, name in zip(cow.ccode.astype(int), cow.stateabb, cow.statenme, strict=True):
        iso, ipname = by_ccode.get(c, (None, None))
        if iso is None:
            iso = countries.to_iso3(name)
        if iso is None:
            continue
        r = row(iso, countries.country_name(iso) if iso in countries.get_crosswalk().countries else ipname or name)
        r["ccodes"].add(str(c))
        r["cow_abb"].add(abb)
        r["names"].update({name, ipname or name})
    for c, (iso, name) in by_ccode.items():
        r = row(iso, countries.country_name(iso) if iso in countries.get_crosswalk().countries else name)
        r["ccodes"].add(str(c))
        r["names"].add(name)
    votes = pd.read_csv(src / "un_votes.csv.gz", usecols=["country", "country_code"]).drop_duplicates()
    for name, iso2 in zip(votes.country, votes.country_code, strict=True):
        iso = countries.to_iso3(name)
        if iso is None or not isinstance(iso2, str) or "\u00c3" in name:  # skip mojibake duplicates
            continue
        r = row(iso, countries.country_name(iso))
        r["iso2"] = r["iso2"] or iso2
        r["names"].add(name)
    with open(OUT / "countries.csv", "w", newline="", encoding="utf-8") as fh:
        fh.write("# Country crosswalk: ISO3, ISO2, COW codes and abbreviations, names. Built by bundle.py from COW\n")
        fh.write("# states v2016, the Bailey-Strezhnev-Voeten ideal-point file and the UN votes file.\n")
        w = csv.writer(fh)
        w.writerow(["iso3", "iso2", "ccodes", "cow_abb", "name", "names"])
        for iso in sorted(rows):
            r = rows[iso]
            names = sorted(n for n in set(r["names"]) - {r["name"]} if "\u00c3" not in n)  # no mojibake
            w.writerow(
                [
                    iso,
                    r["iso2"],
                    "|".join(sorted(r["ccodes"], key=int)),
                    "|".join(sorted(r["cow_abb"])),
                    r["name"],
                    "|".join(names),
                ]
            )
    countries.get_crosswalk.cache_clear()


def _write(df: pd.DataFrame, table: str) -> None:
    """A reader's rows as the table's bundled Parquet file. The readers' notes (`attrs`: header line,
    duplicates dropped) are for the import report; pandas would store them in the file, so they are cleared."""
    df.attrs = {}
    df.to_parquet(OUT / f"{table}.parquet", index=False, compression="zstd")


def main(src: str) -> None:
    s = Path(src)
    OUT.mkdir(parents=True, exist_ok=True)
    build_countries(s)
    _write(read_atop_dyads(s / "atop_alliance.csv.gz"), "atop_dyad_year")
    _write(read_cow_states(s / "cow_states.csv"), "cow_states")
    _write(read_unga_ideal_points(s / "unga_idealpoints_2025.csv"), "unga_ideal_points")
    _write(read_unga_rollcalls(s / "un_roll_calls.csv"), "unga_rollcalls")
    _write(read_unga_votes(s / "un_votes.csv.gz"), "unga_votes")
    for f in sorted(OUT.iterdir()):
        print(f"{f.name}: {f.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/reference")
