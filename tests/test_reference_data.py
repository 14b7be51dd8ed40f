"""Reference importers on the real files in ../shared/data/reference, and malformed files naming file and row."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from realpolitik.errors import ReferenceDataError
from realpolitik.sources.countries import ccodes_of, country_name, to_iso3

REF = Path(__file__).resolve().parents[2] / "shared" / "data" / "reference"
SIPRI = REF / "sipri_trade_register_deliveries_1995_2024.csv"
needs_shared = pytest.mark.skipif(not REF.exists(), reason="../shared/data/reference is missing")


# --- crosswalk ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Algeria", "DZA"),
        ("DZA", "DZA"),
        ("dz", "DZA"),
        (615, "DZA"),
        ("615", "DZA"),
        ("ALG", "DZA"),  # COW abbreviation
        ("Soviet Union", "RUS"),
        ("Russian Federation", "RUS"),
        ("Turkiye", "TUR"),
        ("Viet Nam", "VNM"),
        ("DR Congo", "COD"),
        ("UAE", "ARE"),
        ("Bosnia-Herzegovina", "BIH"),
        ("Côte d’Ivoire", "CIV"),
        ("German Federal Republic", "DEU"),
        (260, "DEU"),
        ("Mali", "MLI"),
    ],
)
def test_to_iso3(name: object, iso3: str) -> None:
    assert to_iso3(name) == iso3


@pytest.mark.parametrize("name", ["unknown supplier(s)", "HoR (Libya)*", "", None, "Atlantis", 999])
def test_to_iso3_unknown(name: object) -> None:
    assert to_iso3(name) is None


def test_crosswalk_codes_and_names() -> None:
    assert sorted(ccodes_of("DEU")) == [255, 260]
    assert ccodes_of("RUS") == [365]
    assert country_name("DZA") == "Algeria"


# --- real files --------------------------------------------------------------------------------------------
@needs_shared
def test_sipri_real_file() -> None:
    from realpolitik.sources.reference.sipri import read_sipri

    df = read_sipri(SIPRI)
    assert len(df) == 25024
    assert not df.recipient.str.endswith(";").any()
    assert set(df.year) >= {1995, 2024}
    # name variants and unknown suppliers: kept as written, mapped to ISO3 where they are states
    assert (df.supplier == "unknown supplier(s)").any()
    assert df.loc[df.supplier == "unknown supplier(s)", "supplier_iso3"].isna().all()
    assert set(df.loc[df.supplier == "Turkiye", "supplier_iso3"]) == {"TUR"}
    alg = df[(df.recipient_iso3 == "DZA") & (df.supplier_iso3 == "RUS") & df.year.between(2014, 2018)]
    assert round(alg.tiv.sum(), 2) == 4590.45


@needs_shared
def test_atop_real_file_is_undirected() -> None:
    from realpolitik.sources.reference.atop import detect_kind, read_atop_dyads

    path = REF / "atop_alliance.csv.gz"
    assert detect_kind(path) == "dyads"
    df = read_atop_dyads(path)
    assert (df.ccode1 < df.ccode2).all()
    assert df.year.min() == 1815 and df.year.max() == 2018
    dza_mli = df[(df.ccode1 == 432) & (df.ccode2 == 615)]
    assert dza_mli[dza_mli.defense == 1].year.min() == 2007
    assert dza_mli[dza_mli.nonagg == 1].year.min() == 2000
    assert df[(df.ccode1 == 365) & (df.ccode2 == 615)].empty  # Russia-Algeria: no pact


@needs_shared
def test_atop_own_column_names(tmp_path: Path) -> None:
    """ATOP's atop5_1ddyr.csv names (stateA, stateB, defense, ...) and directed rows fold into one dyad."""
    from realpolitik.sources.reference.atop import read_atop_dyads

    f = tmp_path / "atop5_1ddyr.csv"
    f.write_text(
        "stateA,stateB,year,atopally,defense,offense,neutral,nonagg,consul,shareob\n"
        "615,432,2010,1,1,0,0,1,0,1\n432,615,2010,1,1,0,0,1,1,1\n2,20,2010,0,0,0,0,0,0,0\n"
    )
    df = read_atop_dyads(f)
    assert df.to_dict("records") == [
        {"ccode1": 432, "ccode2": 615, "year": 2010, "defense": 1, "offense": 0, "neutral": 0, "nonagg": 1, "consul": 1}
    ]


def test_atop_member_file(tmp_path: Path) -> None:
    from realpolitik.sources.reference.atop import detect_kind, read_atop_members

    f = tmp_path / "atop5_1m.csv"
    f.write_text(
        "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,defense,offense,neutral,nonagg,consul\n"
        "4125,615,2007,1,1,0,0,0,1,0,0,1,0\n4125,432,2007,1,1,0,0,0,1,0,0,1,0\n"
    )
    assert detect_kind(f) == "members"
    df = read_atop_members(f)
    assert list(df.member) == [432, 615]
    assert df.yrexit.isna().all()  # 0 = still in force


@needs_shared
def test_cow_and_unga_real_files() -> None:
    from realpolitik.sources.reference.cow import read_cow_states
    from realpolitik.sources.reference.unga import read_unga_ideal_points, read_unga_rollcalls

    cow = read_cow_states(REF / "cow_states.csv")
    assert cow.loc[cow.ccode == 615, "iso3"].tolist() == ["DZA"]
    ip = read_unga_ideal_points(REF / "unga_idealpoints_2025.csv")
    assert {"DZA", "RUS", "USA"} <= set(ip.iso3)
    assert ip[ip.iso3 == "RUS"].year.max() >= 2023
    rc = read_unga_rollcalls(REF / "un_roll_calls.csv")
    assert rc.year.min() == 1946


@needs_shared
def test_unga_votes_head(tmp_path: Path) -> None:
    from realpolitik.sources.reference.unga import read_unga_votes

    with gzip.open(REF / "un_votes.csv.gz", "rt") as fh:
        head = "".join(fh.readline() for _ in range(3001))
    f = tmp_path / "votes.csv"
    f.write_text(head)
    df = read_unga_votes(f)
    assert set(df.vote) <= {1, 2, 3}
    assert "USA" in set(df.iso3)


# --- malformed files ---------------------------------------------------------------------------------------
def test_missing_columns_named(tmp_path: Path) -> None:
    from realpolitik.sources.reference.atop import read_atop_dyads

    f = tmp_path / "atop.csv"
    f.write_text("ccode1,year,atop_defense\n2,1950,1\n")
    with pytest.raises(ReferenceDataError, match=r"atop\.csv:1: missing column\(s\): ccode2"):
        read_atop_dyads(f)


def test_bad_code_names_row(tmp_path: Path) -> None:
    from realpolitik.sources.reference.atop import read_atop_dyads

    f = tmp_path / "atop.csv"
    f.write_text(
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n"
        "2,20,1950,1,0,0,0,0\n2,XX,1951,1,0,0,0,0\n"
    )
    with pytest.raises(ReferenceDataError, match=r"atop\.csv:3: bad ccode2 value 'XX'"):
        read_atop_dyads(f)


def test_empty_file(tmp_path: Path) -> None:
    from realpolitik.sources.reference.cow import read_cow_states

    f = tmp_path / "states.csv"
    f.write_text("")
    with pytest.raises(ReferenceDataError, match=r"states\.csv:1: empty file"):
        read_cow_states(f)
    f.write_text("stateabb,ccode,statenme,styear,endyear\n")
    with pytest.raises(ReferenceDataError, match=r"states\.csv:1: no data rows"):
        read_cow_states(f)


def test_cow_bad_row(tmp_path: Path) -> None:
    from realpolitik.sources.reference.cow import read_cow_states

    f = tmp_path / "states.csv"
    f.write_text("stateabb,ccode,statenme,styear,endyear\nUSA,2,United States,1816,2016\nALG,6150,Algeria,1962,2016\n")
    with pytest.raises(ReferenceDataError, match=r"states\.csv:3: ccode value 6150 out of range"):
        read_cow_states(f)


def test_sipri_malformed(tmp_path: Path) -> None:
    from realpolitik.sources.reference.sipri import read_sipri

    f = tmp_path / "trade.csv"
    f.write_text("Transfers of major conventional arms;\nnothing else here;\n")
    with pytest.raises(ReferenceDataError, match=r"trade\.csv: no header line with Supplier and Recipient"):
        read_sipri(f)
    f.write_text(
        "Source: SIPRI Arms Transfers Database;\n;\n"
        "SIPRI AT Database ID,Supplier,Recipient,Delivery year,TIV delivery values;\n"
        "1,Russia,Algeria,2015,10;\n2,Russia,Algeria,20x5,10;\n"
    )
    with pytest.raises(ReferenceDataError, match=r"trade\.csv:5: bad year value '20x5'"):
        read_sipri(f)
    f.write_text("SIPRI AT Database ID,Supplier,Recipient,Delivery year;\n1,Russia,Algeria,2015;\n")
    with pytest.raises(ReferenceDataError, match=r"trade\.csv:1: missing column\(s\): tiv"):
        read_sipri(f)


def test_unga_bad_vote(tmp_path: Path) -> None:
    from realpolitik.sources.reference.unga import read_unga_votes

    f = tmp_path / "votes.csv"
    f.write_text("rcid,country,country_code,vote\n3,United States,US,yes\n3,Canada,CA,maybe\n")
    with pytest.raises(ReferenceDataError, match=r"votes\.csv:3: bad vote 'maybe'"):
        read_unga_votes(f)
    f.write_text("rcid,country,country_code,vote\n3,Atlantis,QQ,yes\n")
    with pytest.raises(ReferenceDataError, match=r"votes\.csv:2: unknown country 'Atlantis'"):
        read_unga_votes(f)


def test_unknown_cow_code_names_row(tmp_path: Path) -> None:
    from realpolitik.sources.reference.atop import read_atop_dyads

    f = tmp_path / "atop.csv"
    f.write_text(
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n"
        "2,20,1950,1,0,0,0,0\n2,20,1951,1,0,0,0,0\n615,998,1999,1,0,0,0,0\n"
    )
    with pytest.raises(ReferenceDataError, match=r"atop\.csv:4: ccode2 998 is not a COW state code"):
        read_atop_dyads(f)
