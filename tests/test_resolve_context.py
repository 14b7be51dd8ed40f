"""`realpolitik resolve` with context: offices and nationalities in the context, PLOVER conventions, and
the batch contract (a date on every line, --quiet). Sentences written for these tests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from realpolitik.cli import main
from realpolitik.extract.mentions import resolve_text


def _invoke(args: list[str], stdin: str | None = None) -> Any:
    return CliRunner().invoke(main, args, input=stdin)


@pytest.mark.parametrize(
    ("text", "context", "country", "sector"),
    [
        # an office title alone takes the state of the nationality its context gives
        ("Defense Minister", "Austrian", "AUT", "GOV"),
        ("Foreign Minister", "the Chilean delegation", "CHL", "GOV"),
        # an unknown name takes the state and office of its context
        ("Ana Ruiz", "Peruvian interior", "PER", "GOV"),
        ("Tomas Berger", "Austrian Defense Minister Tomas Berger met his counterparts on Monday.", "AUT", "GOV"),
        ("Peruvian Interior Minister Ana Ruiz", None, "PER", "GOV"),
        # an office one state has by default belongs to the state that owns it
        ("Germany's Defense Department", None, "DEU", "GOV"),
        ("the Defense Department", None, "USA", "GOV"),
        # organisations of a state take that state: parties, police, armed forces
        ("Bharatiya Janata Party", None, "IND", "PTY"),
        ("Labour Party", "British", "GBR", "PTY"),  # a name several states use: the context says which
        ("Land Forces", "Algerian troops crossed the border.", "DZA", "MIL"),
        ("Ministry of Health", "Kenyan", "KEN", "GOV"),  # an unlisted state body takes the context's state
        ("Chief of Staff", "Israeli military", "ISR", "MIL"),
        ("the Peruvian National Police", None, "PER", "COP"),
        # conventions: a police station is police, a defence minister is government
        ("the police station", "Gunmen stormed the police station in Kandahar at dawn.", "AFG", "COP"),
        ("Sergei Shoigu", None, "RUS", "GOV"),
        # a group that governs: its government is the state's
        ("the Taliban government", None, "AFG", "GOV"),
        ("Alexei Navalny", None, "RUS", "OPP"),
        # a state beside a name another state's table holds is that state's ("Federal Police")
        ("Brazil's Federal Police", None, "BRA", "COP"),
        # a national council holding an IGO's name ("Security Council") is not the IGO
        ("the National Security Council", "Ukraine's", "UKR", "GOV"),
        # the context writes the description with another article; a region of the context places it
        ("the spokesman", "A spokesman for the Nigerian army denied the report.", "NGA", "MIL"),
        ("the army", "The army said it had repelled an attack in Borno.", "NGA", "MIL"),
        # "pro-Russian" says whom separatists side with, not whose they are
        ("pro-Russian separatists", "Pro-Russian separatists shelled a town in eastern Ukraine.", "UKR", "REB"),
    ],
)
def test_context_and_conventions(text: str, context: str | None, country: str, sector: str) -> None:
    got = resolve_text(text, context, "2021-05-01")
    assert (got["country"], got["sector"]) == (country, sector)


def test_former_office_holder_is_an_elite() -> None:
    got = resolve_text("former President Mauricio Macri", None, "2022-03-01")
    assert (got["country"], got["sector"]) == ("ARG", "ELI")
    # and by date, without the word "former"
    assert resolve_text("Mauricio Macri", None, "2022-03-01")["sector"] == "ELI"
    assert resolve_text("Mauricio Macri", None, "2018-03-01")["sector"] == "GOV"


def test_names_with_diacritics_resolve_like_ascii() -> None:
    for a, b in [
        ("Andrés Manuel López Obrador", "Andres Manuel Lopez Obrador"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
    ]:
        assert resolve_text(a, None, "2021-06-01") == resolve_text(b, None, "2021-06-01")
        assert resolve_text(a, None, "2021-06-01")["code"] is not None


def test_names_in_other_scripts_resolve_like_their_latin_spelling() -> None:
    assert resolve_text("Владимир Путин", None, "2022-01-01")["code"] == "RUS"
    assert resolve_text("Владимир Путин", None, "2022-01-01") == resolve_text("Vladimir Putin", None, "2022-01-01")


def test_codes_of_unlisted_organisations_fold_accents() -> None:
    from realpolitik.extract.pipeline import extract_records

    text = "The Confédération Générale du Travail called a strike against the government of Emmanuel Macron."
    codes = {(r["source"] or {}).get("code") for r in extract_records(text, "2023-03-01")}
    assert "CONFEDERATION_GENERALE_DU_TRAVAIL" in codes


def test_unknown_names_never_share_a_code() -> None:
    a = resolve_text("Związek Twórców Rzeczywistości", "Związek Twórców Rzeczywistości protested.", None)
    b = resolve_text("Zjednoczenie Ludzi Wolnych", "Zjednoczenie Ludzi Wolnych protested.", None)
    codes = [x["code"] for x in (a, b) if x["code"]]
    assert all("UNKNOWN" not in c and "_" not in (c[0], c[-1]) for c in codes)
    assert len(codes) == len(set(codes))


def test_batch_reads_the_date_of_every_line() -> None:
    lines = [
        {"text": "Joe Biden", "date": "2022-05-03T10:00:00Z"},
        {"text": "Joe Biden", "date": "3 May 2026"},
        {"text": "Joe Biden", "date": "20220503"},
        {"text": "Joe Biden"},  # the --date default
    ]
    stdin = "".join(json.dumps(x) + "\n" for x in lines)
    result = _invoke(["resolve", "-", "--quiet", "--date", "2026-01-01"], stdin)
    assert result.exit_code == 0, result.output
    sectors = [json.loads(x)["sector"] for x in result.output.splitlines()]
    assert sectors == ["GOV", "ELI", "GOV", "ELI"]


def test_batch_unreadable_date_names_the_line() -> None:
    result = _invoke(["resolve", "-"], '{"text": "Algiers", "date": "2024-05-01"}\n{"text": "x", "date": "soon"}\n')
    assert result.exit_code == 2 and "<stdin>:2" in result.output and "DZA" not in result.output


def test_single_description_keeps_its_output_contract() -> None:
    result = _invoke(["resolve", "Emmanuel Macron", "--json", "-q", "--date", "May 2022"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"code": "FRA", "country": "FRA", "sector": "GOV", "name": "Emmanuel Macron"}
