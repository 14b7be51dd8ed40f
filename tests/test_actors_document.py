"""Document-level people: a short name after the full name earlier in the document resolves to it.
Texts written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from realpolitik.extract.actors import resolve_token
from realpolitik.extract.doc_people import document_people, seed_people
from realpolitik.extract.mentions import find_mentions
from realpolitik.extract.nlp import load_nlp

TEXT = (
    "North Korean leader Kim Jong Un inspected a missile factory on Monday. Kim called for more launches. "
    "Later, Ana Ruiz, the Peruvian interior minister, visited Lima. Ruiz said the police would act."
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def _tokens(doc: Any, word: str) -> list[Any]:
    return [t for t in doc if t.text == word]


def test_surname_after_full_name_takes_its_code(nlp: Any) -> None:
    doc = nlp(TEXT)
    first, later = _tokens(doc, "Kim")
    kim = resolve_token(first, "2024-03-01")
    assert kim is not None and kim.entry.code == "PRK"
    r = resolve_token(later, "2024-03-01")
    assert r is not None and (r.entry.code, r.text) == ("PRK", "Kim")
    ruiz = resolve_token(_tokens(doc, "Ruiz")[-1], "2024-03-01")
    assert ruiz is not None and (ruiz.entry.country, ruiz.entry.sector) == ("PER", "GOV")
    assert any(m.text == "Kim" and m.entry.code == "PRK" for m in find_mentions(doc, "2024-03-01"))


def test_a_surname_before_any_full_name_is_not_linked(nlp: Any) -> None:
    doc = nlp("Ruiz said the police would act. Later, Ana Ruiz, the Peruvian interior minister, visited Lima.")
    assert resolve_token(_tokens(doc, "Ruiz")[0], "2024-03-01") is None


def test_people_carry_to_the_next_part_of_a_document(nlp: Any) -> None:
    part1 = nlp(TEXT)
    part2 = nlp("Ruiz met the mayor on Tuesday.")
    seed_people(part2, document_people(part1, "2024-03-01"))
    r = resolve_token(_tokens(part2, "Ruiz")[0], "2024-03-01")
    assert r is not None and r.entry.country == "PER"


def test_an_organisation_several_states_have_takes_the_state_of_its_sentence(nlp: Any) -> None:
    doc = nlp("Mexico deployed the National Guard to the border on Monday.")
    guard = [m for m in find_mentions(doc) if m.text == "National Guard"]
    assert guard and (guard[0].entry.code, guard[0].entry.sector) == ("MEX", "MIL")
