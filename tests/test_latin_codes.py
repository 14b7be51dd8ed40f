"""One name, one code: the event importers (`actor_codes.name_code`) and the text coder
(`extract.names.name_code`) spell unlisted names alike, Cyrillic, Greek and accented letters in Latin ones, and
a name in another script keeps a code of its own instead of UNKNOWN."""

from __future__ import annotations

import pytest

from realpolitik import actor_codes
from realpolitik.extract import names


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Сергей Лавров", "SERGEI_LAVROV"),
        ("Κυριάκος Μητσοτάκης", "KYRIAKOS_MITSOTAKIS"),
        ("Łukasz Straße", "LUKASZ_STRASSE"),
    ],
)
def test_importer_codes_spell_other_alphabets_in_latin(name: str, code: str) -> None:
    assert actor_codes.name_code(name) == code
    assert actor_codes.name_code(name) == names.name_code(name)
    # a named non-state body with no country, as an ICEWS or POLECAT row gives it
    assert actor_codes.actor_code(name, None, None, generic=False) == code


def test_importer_codes_of_names_in_other_scripts_are_distinct() -> None:
    a = actor_codes.name_code("حزب الله")
    b = actor_codes.name_code("هيئة تحرير الشام")
    assert a != b
    assert "UNKNOWN" not in (a, b)
    assert a == names.name_code("حزب الله")
    assert actor_codes.name_code("  ") == "UNKNOWN"  # no letters at all: still no empty code
