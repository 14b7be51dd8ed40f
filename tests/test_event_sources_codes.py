"""The crosswalks of `realpolitik.codes` and `realpolitik.actor_codes` against the published code tables in
../shared/data/codes: direction of every CAMEO -> PLOVER row, CAMEO labels, codes that lost a leading zero,
sector names, placeholders, accent folding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from realpolitik.actor_codes import is_placeholder, name_code, sector_code
from realpolitik.codes import cameo_of_label, cameo_to_plover, normalise_cameo
from realpolitik.sources.cells import iso_date

DATA = Path(__file__).parents[1] / "src" / "realpolitik" / "data" / "codes"


def _crosswalk_rows(shared_dir: Path) -> list[tuple[str, str]]:
    """(CAMEO code, its description) of every row of the published CAMEO -> PLOVER table."""
    out = []
    for line in (shared_dir / "data" / "codes" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*[A-Z]+[^#]*#\s*(.+)$", line.strip())
        if m:
            out.append((m.group(1), m.group(2).strip()))
    return out


def test_hosting_codes_are_read_visitor_to_host_and_no_other(shared_dir: Path) -> None:
    rows = _crosswalk_rows(shared_dir)
    assert len(rows) > 200
    for code, text in rows:
        coding = cameo_to_plover(code)
        if coding is None:
            continue
        # CAMEO's "host a visit" names the host first; PLOVER's visit is visitor -> host. Receiving peacekeepers
        # or inspectors is RETREAT access: the receiving side allows access, so it stays the source.
        hosting = text.lower().startswith("host")
        assert coding.swap == hosting, (code, text)
        if text.lower().startswith("receive"):
            assert (coding.event_type, coding.mode, coding.swap) == ("RETREAT", "access", False)
    visit, host = cameo_to_plover("043"), cameo_to_plover("042")
    assert visit is not None and host is not None
    assert visit.mode == "visit" and not host.swap


def test_cameo_labels_of_the_icews_code_file(shared_dir: Path) -> None:
    text = (shared_dir / "data" / "codes" / "CAMEO_codefile_ICEWS_labels.txt").read_text(encoding="utf-8")
    assert (DATA / "CAMEO_codefile_ICEWS_labels.txt").read_text(encoding="utf-8") == text  # copied verbatim
    labels = re.findall(r"^LABEL:\s*(\d{2,4})=\s*(.+?)\s*$", text, re.M)
    assert len(labels) > 200
    for code, label in labels:
        got = cameo_of_label(label)
        # a few labels are written for two codes (0252 and 1052 "Demand easing of popular dissent"): either
        # code, since both have one PLOVER coding
        assert got == code or cameo_to_plover(got) == cameo_to_plover(code), label
    assert cameo_of_label("HOST A VISIT") == "043" and cameo_of_label("Not a label") is None


@pytest.mark.parametrize(
    ("raw", "root", "code"),
    [
        ("043", None, "043"),
        ("43", None, "043"),
        ("43", "4", "043"),
        ("43.0", None, "043"),
        ("20", "2", "020"),
        ("841", "8", "0841"),
        ("841", None, "0841"),
        ("173", "17", "173"),
        ("1831", "18", "1831"),
        ("190", None, "190"),
        ("x", None, None),
    ],
)
def test_cameo_codes_that_lost_their_leading_zero(raw: str, root: str | None, code: str | None) -> None:
    assert normalise_cameo(raw, root) == code


def test_sectors_of_the_icews_sector_table(shared_dir: Path) -> None:
    table = (shared_dir / "data" / "codes" / "ICEWS_agentnames.txt").read_text(encoding="utf-8")
    assert (DATA / "ICEWS_agentnames.txt").read_text(encoding="utf-8") == table  # copied verbatim
    icews = dict(line.split("\t")[:2] for line in table.splitlines() if line.count("\t") >= 1)
    assert sector_code("International Government Organization") == icews["International Government Organization"][:3]
    assert sector_code("International Government Organization") == "IGO"
    assert sector_code("Nongovernmental Organization") != "GOV"
    # a government actor listed under a military sector too acts for the government
    assert sector_code("Military,Government") == sector_code("Government,Military") == "GOV"
    assert sector_code("Defense / Security Ministry,Military") == "GOV"
    assert sector_code("Military,Army") == "MIL"
    assert sector_code("Military / Tribunal") == "JUD"
    assert sector_code("Police,Military") == "MIL"
    assert sector_code("Rebel,Separatists") == "REB"
    for name, code in icews.items():  # every sector name ICEWS codes as a state force reads as one
        if code in {"MIL", "COP", "JUD", "LEG"}:
            assert sector_code(name) == code, name


def test_placeholders_and_accent_folded_codes() -> None:
    for cell in ("Unspecified Actor", "None", "none", "NULL", "nan", "", "  "):
        assert is_placeholder(cell), cell
    assert not is_placeholder("Nonesuch Holdings")
    assert name_code("Andrés Manuel López Obrador") == "ANDRES_MANUEL_LOPEZ_OBRADOR"
    assert name_code("Recep Tayyip Erdoğan") == "RECEP_TAYYIP_ERDOGAN"
    assert name_code("Łukasz Straße") == "LUKASZ_STRASSE"


@pytest.mark.parametrize(
    ("cell", "day_first", "iso"),
    [
        ("2018-06-01", False, "2018-06-01"),
        ("2018-06-01 00:00:00", False, "2018-06-01"),
        ("20180601", False, "2018-06-01"),
        ("6/1/2018", False, "2018-06-01"),  # ICEWS files of 2017 onward: m/d/Y
        ("06/01/2018", True, "2018-01-06"),
        ("15 January 2023", True, "2023-01-15"),  # ACLED exports
        ("15-January-2023", True, "2023-01-15"),
        ("15-01-2023", True, "2023-01-15"),
        ("2/30/2018", False, None),
        ("sometime", False, None),
    ],
)
def test_dataset_dates(cell: str, day_first: bool, iso: str | None) -> None:
    assert iso_date(cell, day_first=day_first) == iso
