"""The gazetteer's reference data and look-ups: codes valid, aliases resolved, people dated."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from realpolitik.extract.gazetteer import ActorEntry, get_gazetteer, lookup_code

DATA = Path(__file__).resolve().parents[1] / "src" / "realpolitik" / "data" / "gazetteer"
EXTRA_ISO3 = {"XKX", "PSE", "ESH", "TWN", "VAT", "HKG"}


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines))


@pytest.fixture(scope="module")
def iso3(shared_dir: Path) -> set[str]:
    table = json.loads((shared_dir / "data" / "codes" / "gdelt_countries.json").read_text(encoding="utf-8"))
    return {v["iso3"] for v in table.values() if v.get("iso3")} | EXTRA_ISO3


def test_states_cover_un_members_with_valid_codes(iso3: set[str]) -> None:
    rows = _rows("states.csv")
    codes = [r["iso3"] for r in rows]
    assert len(codes) == len(set(codes)), "a state listed twice"
    assert set(codes) <= iso3
    # 193 UN members plus the extras the issue names
    assert len(set(codes) - EXTRA_ISO3) == 193
    assert EXTRA_ISO3 - {"HKG"} <= set(codes)
    # Victoria (Seychelles) is left out on purpose: in news it is far more often Australia's state; Brussels
    # acting ("Brussels put accession talks on hold") is the EU (organisations.csv), not Belgium
    assert all(r["name"] and r["capitals"] for r in rows if r["iso3"] not in ("HKG", "SYC", "BEL"))


def test_every_country_column_is_a_known_iso3(iso3: set[str]) -> None:
    for name in ("groups.csv", "firms.csv", "people.csv"):
        for r in _rows(name):
            assert not r["country"] or r["country"] in iso3, (name, r)


def test_people_dates_are_ordered_and_sourced() -> None:
    for r in _rows("people.csv"):
        assert r["source"], r["name"]
        assert r["start"], r["name"]
        if r["end"]:
            assert r["start"] <= r["end"], r["name"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Algeria", "DZA"),
        ("algerian", "DZA"),
        ("Algerians", "DZA"),
        ("DZA", "DZA"),
        ("dza", "DZA"),
        ("the Kremlin", "RUS"),
        ("Kremlin's", "RUS"),
        ("Algiers'", "DZA"),
        ("U.S.", "USA"),
        ("Americans", "USA"),
        ("Britain", "GBR"),
        ("Russian Federation", "RUS"),
        ("Kiev", "UKR"),
        ("Élysée", "FRA"),
        ("Elysee", "FRA"),
        ("Quai d’Orsay", "FRA"),
        ("Zhongnanhai", "CHN"),
        ("DR Congo", "COD"),
        ("Congo-Brazzaville", "COG"),
        ("Kinshasa", "COD"),
        ("Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Nigerien", "NER"),
        ("Washington", "USA"),
        ("Africa Corps", "WAGNER"),
        ("the Polisario", "POLISARIO"),
        ("Daesh", "ISIS"),
        ("Ansar Allah", "HOUTHIS"),
        ("Alliance of Sahel States", "AES"),
        ("United Nations", "UN"),
        ("BGR Group", "BGR_GROUP"),
    ],
)
def test_lookup_code(text: str, code: str) -> None:
    assert lookup_code(text) == code


def test_case_sensitive_forms() -> None:
    gaz = get_gazetteer()
    us = gaz.lookup("US")
    assert us is not None and us.code == "USA"
    assert gaz.lookup("us") is None
    assert "us" not in gaz.phrases()
    assert "US" in gaz.cased_phrases()


def test_entries_carry_country_and_sector() -> None:
    gaz = get_gazetteer()
    assert gaz.lookup("Pentagon") == ActorEntry("USA", "USA", "MIL", "seat", "Pentagon")
    nato = gaz.lookup("NATO")
    assert nato is not None and nato.country is None and nato.kind == "igo"
    wagner = gaz.lookup("Wagner Group")
    assert wagner is not None and wagner.country == "RUS"
    jnim = gaz.lookup("JNIM")
    assert jnim is not None and (jnim.country, jnim.sector) == ("MLI", "REB")
    assert gaz.lookup("Bamako") == ActorEntry("MLI", "MLI", "GOV", "capital", "Bamako")


def test_person_roles_follow_the_date() -> None:
    gaz = get_gazetteer()
    bauer_2024 = gaz.person("Rob Bauer", "2024-04")
    assert bauer_2024 is not None and (bauer_2024.code, bauer_2024.sector) == ("NATO", "MIL")
    bauer_2019 = gaz.person("Rob Bauer", "2019")
    assert bauer_2019 is not None and bauer_2019.code == "NLD"
    # Goita led the junta (MIL) before he became transition president (GOV); a defence minister such as
    # Shoigu is GOV in either office (PLOVER: ministers are government)
    goita_2020 = gaz.person("Assimi Goita", "2020-10-01")
    goita_2022 = gaz.person("Assimi Goita", "2022-01-01")
    assert goita_2020 is not None and goita_2020.sector == "MIL"
    assert goita_2022 is not None and goita_2022.sector == "GOV"
    shoigu_2020 = gaz.person("Sergei Shoigu", "2020-05-01")
    assert shoigu_2020 is not None and (shoigu_2020.code, shoigu_2020.sector) == ("RUS", "GOV")
    # no date: the latest role
    rutte = gaz.person("Mark Rutte")
    assert rutte is not None and rutte.code == "NATO"
    assert gaz.person("Assimi Goïta", "2024") == gaz.person("assimi goita", "2024")


def test_agent_sectors() -> None:
    gaz = get_gazetteer()
    assert gaz.agent_sector("rebel") == "REB"
    assert gaz.agent_sector("armed forces") == "MIL"
    assert gaz.agent_sector("warplanes") == "MIL"
    assert gaz.agent_sector("police") == "COP"
    assert gaz.agent_sector("lawmakers") == "LEG"
    assert gaz.agent_sector("ombudsman") == "GOV"
    assert gaz.agent_sector("newspaper") == "MED"
    assert gaz.agent_sector("banana") is None


# -- the Phoenix import -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fresh_build(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from realpolitik.extract.phoenix_import import build

    out = tmp_path_factory.mktemp("phoenix")
    (out / "states.csv").write_bytes((DATA / "states.csv").read_bytes())
    build(shared_dir / "data" / "actors", out)
    return out


def test_packaged_phoenix_data_is_a_fresh_build(fresh_build: Path) -> None:
    """The package files are exactly what the importer makes of ../shared (and the build is deterministic)."""
    for name in ("phoenix_people", "phoenix_places", "phoenix_groups", "phoenix_agents"):
        assert (fresh_build / f"{name}.tsv.gz").read_bytes() == (DATA / f"{name}.tsv.gz").read_bytes(), name


def test_phoenix_people_keep_dated_roles_and_licence(fresh_build: Path) -> None:
    import gzip

    text = gzip.decompress((fresh_build / "phoenix_people.tsv.gz").read_bytes()).decode("utf-8")
    assert "MIT License" in text and "Open Event Data Alliance" in text
    rows = [ln.split("\t") for ln in text.splitlines() if not ln.startswith("#")]
    bouteflika = [r for r in rows if r[0] == "Abdelaziz Bouteflika" and r[3] == "GOV"]
    assert bouteflika and bouteflika[0][1:3] == ["DZA", "DZA"] and bouteflika[0][4] == "1999-04-27"


def test_phoenix_dates_and_codes() -> None:
    from realpolitik.extract.phoenix_import import _split_code, phoenix_date

    assert phoenix_date("990427") == "1999-04-27"
    assert phoenix_date("080507") == "2008-05-07"
    assert phoenix_date("20090120") == "2009-01-20"
    assert _split_code("DZAGOV", {"DZA"}) == ("DZA", "DZA", "GOV")
    assert _split_code("IGOUNOKID", {"DZA"}) == ("UN", None, None)
    assert _split_code("IGOWSTNATMIL", {"DZA"}) == ("NATO", None, "MIL")
    assert _split_code("MEAREB", {"DZA"}) is None


def test_phoenix_people_resolve_by_date_and_short_name() -> None:
    gaz = get_gazetteer()
    clinton = gaz.person("Bill Clinton", "1995-06")
    assert clinton is not None and (clinton.code, clinton.sector) == ("USA", "GOV")
    assert gaz.person("Bill Clinton", "2005") != clinton  # out of office
    menem = gaz.person("Carlos Menem", "1995")  # Phoenix lists "Carlos Saul Menem"
    assert menem is not None and menem.code == "ARG"
    assert gaz.person("Jan Kowalczyk") is None


def test_phoenix_agents_and_places() -> None:
    gaz = get_gazetteer()
    assert gaz.agent_sector("peasant") == "AGR"  # only in the Phoenix agents file
    assert gaz.agent_sector("spokesman") == "GOV"  # our table overrides Phoenix (MED)
    oran = gaz.place("Oran")
    assert oran is not None and oran.code == "DZA" and oran.kind == "place"
    assert "oran" not in gaz.phrases()  # places are never matched as actors


def test_out_of_office_is_elite() -> None:
    gaz = get_gazetteer()
    between = gaz.person("Donald Trump", "2023-05")  # between two presidencies
    assert between is not None and (between.code, between.sector) == ("USA", "ELI")
    assert gaz.person("Donald Trump", "2025-03").sector == "GOV"  # type: ignore[union-attr]
    after = gaz.person("Mike Pompeo", "2022")
    assert after is not None and (after.code, after.sector) == ("USA", "ELI")


def test_phoenix_agents_with_listed_plurals_are_read(fresh_build: Path) -> None:
    """Phoenix writes irregular plurals in braces ("PRISONER_OF_WAR {PRISONERS_OF_WAR}", "AIRMAN {}"); both
    forms are nouns, the braces are not."""
    import gzip

    text = gzip.decompress((fresh_build / "phoenix_agents.tsv.gz").read_bytes()).decode("utf-8")
    agents = dict(ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#"))
    assert agents["military police"] == "MIL" and agents["airman"] == "MIL"
    assert agents["prisoners of war"] == agents["prisoner of war"] == "MIL"
    assert not any("{" in k for k in agents)
