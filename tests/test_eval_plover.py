"""Gold codings in the project's terms: PLOVER gold event names, CAMEO actor codes, actor matching."""

from __future__ import annotations

from pathlib import Path

from realpolitik.extract import eval_plover as ep
from realpolitik.model import PLOVER_TYPES


def test_old_event_names() -> None:
    assert ep.plover_type("DEMAND") == "REQUEST"
    assert ep.plover_type("DISAPPROVE") == "ACCUSE"
    assert ep.plover_type("FIGHT") == "ASSAULT"
    assert ep.plover_type("INVESTIGATE") == "ACCUSE"
    assert ep.plover_type("AGREE") == "AGREE"


def test_cameo_country_codes() -> None:
    assert ep.cameo_actor_code("JAP") == "JPN"
    assert ep.cameo_actor_code("ITL") == "ITA"
    assert ep.cameo_actor_code("KSV") == "XKX"
    assert ep.cameo_actor_code("USAGOV") == "USA"
    assert ep.cameo_actor_code("SUN") == "RUS"
    assert ep.cameo_actor_code("IGO") == "IGO"
    assert ep.cameo_actor_code("IGOUNO") == "IGO"
    assert ep.cameo_country_to_iso3("IGO") is None
    assert ep.cameo_actor_code("") is None


def test_actor_matching() -> None:
    assert ep.actor_matches("JPN", {"code": "JPN", "country": "JPN"})
    assert ep.actor_matches("LBN", {"code": "AOUN", "country": "LBN", "sector": "GOV"})
    assert ep.actor_matches("IGO", {"code": "UN", "country": None})
    assert not ep.actor_matches("IGO", {"code": "FRA", "country": "FRA"})
    assert ep.actor_matches("NGO", {"code": "GREENPEACE", "country": None})
    assert not ep.actor_matches("USA", None)


def test_plover_gold_in_project_terms(shared_dir: Path) -> None:
    gold = ep.plover_gold(shared_dir / "eval/plover-gsr/PLOVER_GSR_CAMEO.json")
    assert len(gold) == 322
    assert {g.event_type for g in gold} <= set(PLOVER_TYPES)
    known = ep.iso3_codes() | ep.INTERNATIONAL_KINDS
    codes = {c for g in gold for c in g.sources + g.targets}
    assert codes <= known, codes - known
    assert "JPN" in codes and "JAP" not in codes


def test_petrarch_validation(shared_dir: Path) -> None:
    recs = ep.petrarch_records(shared_dir / "eval/PETR2_GSR_validation.xml")
    assert len(recs) == 78
    first = recs[0]
    assert (first.cameo, first.event_type, first.sources, first.targets) == ("042", "CONSULT", ["USA"], ["CHN"])
    assert first.date == "2008-08-04"
    assert ep.pentaclass_of_cameo("042") == 1 and ep.pentaclass_of_cameo(None) == 0
    assert ep.pentaclass_of_cameo("190") == 4 and ep.pentaclass_of_cameo("010") == 0


def test_markup_tags() -> None:
    tags = ep.markup_tags("(SRC: Libya) has (EVT: offered) to (TAR: Palestine Liberation Organization (PLO)) aid.")
    assert tags[0] == ("Libya", "B-S")
    assert ("offered", "O") in tags
    assert [w for w, t in tags if t.endswith("-T")] == ["Palestine", "Liberation", "Organization", "(PLO)"]
    sym = ep.markup_tags("(SRC/TAR: Israel) and (SRC/TAR: Lebanon) (EVT: renewed talks).")
    assert sym[0] == ("Israel", "B-S") and sym[2] == ("Lebanon", "B-T")
