"""Actor knowledge from open data: the Factbook parser on real entries, the deterministic build of the
packaged tables, and what the gazetteer answers from them (dated roles, parties, forces, IGO members)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from realpolitik.extract.factbook import (
    country_iso3,
    executive_roles,
    field_rows,
    forces,
    parties,
    person_names,
    terrorist_groups,
)
from realpolitik.extract.gazetteer import fold, get_gazetteer, latin, name_code
from realpolitik.extract.gazetteer_build import build

DATA = Path(__file__).resolve().parents[1] / "src" / "realpolitik" / "data" / "gazetteer"
GENERATED = ("current_people.tsv.gz", "current_orgs.tsv.gz", "igo_members.tsv.gz")


def _field(shared_dir: Path, year: int, iso3: str, name: str) -> str:
    iso = country_iso3(shared_dir / "data" / "factbook")
    for cid, field, content in field_rows(shared_dir / "data" / "factbook" / f"country_fields_{year}.sql.gz"):
        if field == name and iso.get(cid) == iso3:
            return content
    raise AssertionError(f"no {name} for {iso3} in {year}")


def test_factbook_entries_map_to_one_iso3_each(shared_dir: Path) -> None:
    iso = country_iso3(shared_dir / "data" / "factbook")
    rows = {(cid, code) for cid, code in iso.items()}
    # Guernsey, Jersey and the Isle of Man share the UK's ISO2 code: only the UK's entry is GBR
    gbr_2025 = [cid for cid, code in rows if code == "GBR"]
    assert len(gbr_2025) == len({c for c in gbr_2025})
    exec_gbr = _field(shared_dir, 2025, "GBR", "Executive branch")
    assert "Starmer".upper() in exec_gbr


def test_executive_branch_gives_names_offices_and_since_dates(shared_dir: Path) -> None:
    roles = executive_roles(_field(shared_dir, 2023, "DZA", "Executive branch"))
    by_name = {name: (office, since) for office, name, since, _title, _aliases in roles}
    assert by_name["Abdelmadjid Tebboune"] == ("chief", "2019-12-12")
    assert by_name["Nadir Larbaoui"] == ("head", "2023-11-11")
    # a monarch represented by a governor-general is left to the representative
    australia = {name for _o, name, _s, _t, _a in executive_roles(_field(shared_dir, 2023, "AUS", "Executive branch"))}
    assert "David Hurley" in australia and "King Charles III" not in australia


def test_names_keep_surname_first_order_and_give_news_forms() -> None:
    assert person_names("President XI Jinping ")[0][0] == "Xi Jinping"
    name, _title, aliases = person_names("President Dina Ercilia BOLUARTE Zegarra ")[0]
    assert name == "Dina Ercilia Boluarte Zegarra" and "Dina Boluarte" in aliases
    assert person_names("King SALMAN bin Abd al-Aziz Al Saud ")[0][2] == ["King Salman"]
    assert [n for n, _t, _a in person_names("Vice Presidents Ana ROJAS, Luis PEREZ ")] == ["Ana Rojas", "Luis Perez"]
    assert person_names("Pope LEO XIV ")[0][0] == "Pope Leo XIV"


def test_organisation_fields(shared_dir: Path) -> None:
    forces_dza = dict(forces(_field(shared_dir, 2025, "DZA", "Military and security forces")))
    assert forces_dza["Algerian People's National Army"] == "MIL"
    assert forces_dza["General Directorate of National Security"] == "COP"  # "(national police)"
    parties_dza = dict(parties(_field(shared_dir, 2025, "DZA", "Political parties")))
    assert "National Liberation Front" in parties_dza and "^FLN" in parties_dza
    groups = dict(terrorist_groups(_field(shared_dir, 2025, "DZA", "Terrorist group(s)")))
    assert groups["al-Qa'ida in the Islamic Maghreb"] == groups["^AQIM"] == "AQIM"


def test_build_is_deterministic_and_the_package_is_current(shared_dir: Path, tmp_path: Path) -> None:
    """The packaged tables are exactly what `make gazetteer` writes from ../shared (never edited by hand)."""
    out = tmp_path / "gazetteer"
    out.mkdir()
    (out / "states.csv").write_bytes((DATA / "states.csv").read_bytes())
    counts = build(shared_dir / "data", out)
    assert counts["people"] > 900 and counts["organisations"] > 5000 and counts["igo_members"] > 5000
    for name in GENERATED:
        assert (out / name).read_bytes() == (DATA / name).read_bytes(), f"{name} differs from a fresh build"
    rows = gzip.decompress((out / "current_people.tsv.gz").read_bytes()).decode("utf-8").splitlines()
    assert all(len(r.split("\t")) == 8 for r in rows if not r.startswith("#"))


@pytest.mark.parametrize(
    ("name", "date", "code", "sector"),
    [
        ("Dina Boluarte", "2023-06-01", "PER", "GOV"),  # Factbook 2023-2025: president since 7 Dec 2022
        ("Dina Boluarte", "2025-12-01", "PER", "ELI"),  # succeeded on 10 Oct 2025 (Factbook 2025)
        ("Bernardo Arévalo", "2024-06-01", "GTM", "GOV"),  # the archive wrote "Bernardo AR VALO de Le n"
        ("Luis Arce", "2022-01-01", "BOL", "GOV"),  # "Luis Alberto ARCE Catacora": news form generated
        ("Ma'ruf Amin", "2023-06-01", "IDN", "GOV"),  # vice president from the 2021 edition ...
        ("Ma'ruf Amin", "2025-06-01", "IDN", "ELI"),  # ... to his successor's start (2024-10-20)
    ],
)
def test_factbook_people_are_dated(name: str, date: str, code: str, sector: str) -> None:
    entry = get_gazetteer().person(name, date)
    assert entry is not None and (entry.code, entry.sector) == (code, sector)


def test_parties_groups_and_forces_are_looked_up_with_their_state() -> None:
    gaz = get_gazetteer()
    bjp = gaz.organisation("Bharatiya Janata Party")
    assert bjp is not None and (bjp.country, bjp.sector) == ("IND", "PTY")
    police = gaz.organisation("the Peruvian National Police")
    assert police is not None and (police.code, police.sector) == ("PER", "COP")
    # one party, one code, however it is written (Party Facts English and native names)
    afd, afd_native = gaz.organisation("Alternative for Germany"), gaz.organisation("Alternative für Deutschland")
    assert afd is not None and afd_native is not None and afd.code == afd_native.code
    # a name several states use names none of them alone; a state beside it chooses
    assert gaz.organisation("Labour Party") is None
    assert gaz.organisation("Land Forces") is None
    labour = gaz.organisation_in("Labour Party", "GBR")
    assert labour is not None and (labour.country, labour.sector) == ("GBR", "PTY")
    assert labour.code != getattr(gaz.organisation_in("Labour Party", "NZL"), "code", None)


def test_igo_members_follow_the_editions() -> None:
    gaz = get_gazetteer()
    assert {"NGA", "SEN", "NER"} <= set(gaz.members("ECOWAS", "2022-06-01"))
    assert "NER" not in gaz.members("ECOWAS", "2025-06-01")  # Niger is last listed in 2023
    assert gaz.members("the Alliance of Sahel States") == ["BFA", "MLI", "NER"]
    assert {"USA", "TUR", "FIN"} <= set(gaz.members("NATO"))


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Andrés Manuel López Obrador", "ANDRES_MANUEL_LOPEZ_OBRADOR"),
        ("Søren Ørsted", "SOREN_ORSTED"),
        ("Ilham Əliyev", "ILHAM_ALIYEV"),
        ("Зеленський", "ZELENSKII"),
    ],
)
def test_codes_fold_accents_and_scripts(name: str, code: str) -> None:
    assert name_code(name) == code
    assert fold(latin(name)) == fold(name) or name.isascii() is False


def test_names_in_other_scripts_never_collapse() -> None:
    a, b = name_code("محمد بن سلمان"), name_code("تميم بن حمد")
    assert a != b and "UNKNOWN" not in (a, b) and a.startswith("NAME_")
    assert "__" not in name_code("Kim Jong-un (leader)") and not name_code("Ľubomír Šefčovič").count("_") > 1
