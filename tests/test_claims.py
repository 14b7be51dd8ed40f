"""Quantitative claims: the seed article and other real sentences (PLOVER gold, news style), and checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.extract.claims import claims_in_text

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "russia-algeria-2024-11-14.txt"
SIPRI = SEED.parents[1] / "data" / "reference" / "sipri_trade_register_deliveries_1995_2024.csv"


@pytest.fixture(scope="module")
def seed_claims() -> list[dict]:
    if not SEED.exists():
        pytest.skip("../shared seed is missing")
    text = SEED.read_text(encoding="utf-8")
    return [c.to_dict() for c in claims_in_text(text, "seed", "2024-11-14")]


def _find(claims: list[dict], **kw: object) -> dict:
    hits = [c for c in claims if all(c.get(k) == v for k, v in kw.items())]
    assert hits, f"no claim with {kw} in {[(c['measure'], c['text']) for c in claims]}"
    return hits[0]


def test_seed_third_customer_and_share(seed_claims: list[dict]) -> None:
    rank = _find(seed_claims, measure="arms_buyer_rank")
    assert (rank["subject"], rank["counterpart"], rank["value"]) == ("DZA", "RUS", 3.0)
    share = _find(seed_claims, measure="arms_buyer_share")
    assert (share["subject"], share["counterpart"], share["value"]) == ("DZA", "RUS", 0.15)
    assert share["approximate"] is True
    assert share["text"] == "approximately 15%"
    ev = share["evidence"]
    text = SEED.read_text(encoding="utf-8")
    assert text[ev["start"] : ev["end"]] == ev["text"] and "third customer" in ev["text"]
    assert text[share["start"] : share["end"]] == share["text"]
    assert ev["doc_id"] == "seed"


def test_seed_weapons_russian_made(seed_claims: list[dict]) -> None:
    c = _find(seed_claims, measure="arms_import_share")
    assert (c["subject"], c["counterpart"], c["value"], c["unit"]) == ("DZA", "RUS", 0.8, "share")


def test_seed_money_and_superlative(seed_claims: list[dict]) -> None:
    money = _find(seed_claims, kind="money")
    assert (money["value"], money["unit"], money["subject"]) == (720000.0, "USD", "DZA")
    assert money["counterpart_text"] == "BGR group"
    gas = _find(seed_claims, measure="production_rank", item="natural gas")
    assert (gas["subject"], gas["value"]) == ("RUS", 1.0)
    oil = _find(seed_claims, measure="production_rank", item="oil")
    assert oil["value"] == 2.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PLOVER gold-standard sentences (openeventdata)
        (
            "for coal-- the source of about 70 percent of China's energy",
            {"measure": "share", "subject": "CHN", "value": 0.7, "approximate": True},
        ),
        (
            "Ousted president Jean-Bertrand Aristide has been accused of misusing up to US $50 million in public funds",
            {"kind": "money", "value": 50e6, "unit": "USD", "subject": "HTI"},
        ),
        (
            "Czechia and China signed an agreement today to increase trade in 1983 by 50 percent compared with last year",
            {"measure": "change", "value": 0.5, "subject": "CZE", "period": "1983"},
        ),
        (
            "The European Community on Monday gave the Ivory Coast 5.1 million dollars of aid for agricultural "
            "development projects.",
            {"kind": "money", "value": 5.1e6, "unit": "USD", "subject": "EU", "counterpart": "CIV", "item": "aid"},
        ),
        # news style
        (
            "Russia supplies 80% of Algeria's weapons.",
            {"measure": "arms_supplier_share", "subject": "RUS", "counterpart": "DZA"},
        ),
        (
            "Saudi Arabia was the second-largest arms importer in the world in 2019-2023.",
            {"measure": "arms_import_rank", "subject": "SAU", "value": 2.0, "period": "2019-2023"},
        ),
        ("The contract is worth 2.5 billion euros to Germany.", {"kind": "money", "value": 2.5e9, "unit": "EUR"}),
    ],
)
def test_other_real_text(text: str, expected: dict) -> None:
    claims = [c.to_dict() for c in claims_in_text(text)]
    _find(claims, **expected)


def test_no_claims_in_plain_text() -> None:
    assert claims_in_text("Benin opened its borders today to most West Africans, by far the biggest group.") == []


@pytest.mark.skipif(not SIPRI.exists(), reason="../shared SIPRI file is missing")
def test_check_seed(tmp_path: Path, seed_claims: list[dict]) -> None:
    from realpolitik.analysis.claims_check import check_claims
    from realpolitik.sources.reference.sipri import read_sipri
    from realpolitik.store.db import Store
    from realpolitik.store.reference_tables import load_frame

    with Store(tmp_path / "s.duckdb") as store:
        load_frame(store, "sipri_deliveries", read_sipri(SIPRI), "sipri", str(SIPRI))
        r = check_claims(store, seed_claims)
    by = {c["measure"]: c["check"] for c in r["claims"]}
    for m in ("arms_buyer_share", "arms_buyer_rank"):
        chk = by[m]
        assert chk["verdict"] == "outdated"
        assert chk["reference_period"] == "2019-2023"
        assert "2014-2018" in chk["matching_periods"]
        assert "2019-2023" not in chk["matching_periods"]
    assert by["arms_buyer_share"]["reference_value"] == pytest.approx(0.054, abs=0.01)
    assert by["arms_buyer_rank"]["reference_value"] == 5
    gas = next(c for c in r["claims"] if c["item"] == "natural gas")
    assert gas["check"]["verdict"] == "unverifiable" and "production data" in gas["check"]["reason"]


def test_check_without_sipri(seed_claims: list[dict]) -> None:
    from realpolitik.analysis.claims_check import check_claims
    from realpolitik.store.db import Store

    with Store(":memory:") as store:
        r = check_claims(store, seed_claims)
    assert set(r["verdicts"]) == {"unverifiable"}


@pytest.mark.skipif(not SIPRI.exists(), reason="../shared SIPRI file is missing")
@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Russia supplied 46% of Algeria's arms imports in 2019-2023.", "supported"),
        ("Russia supplied 10% of Algeria's arms imports in 2019-2023.", "contradicted"),
        ("China was the second largest arms supplier of Algeria in 2019-2023.", "supported"),
    ],
)
def test_check_supported_and_contradicted(tmp_path: Path, text: str, verdict: str) -> None:
    from realpolitik.analysis.claims_check import check_claims
    from realpolitik.sources.reference.sipri import read_sipri
    from realpolitik.store.db import Store
    from realpolitik.store.reference_tables import load_frame

    claims = [c for c in claims_in_text(text) if c.measure.startswith("arms_")]
    assert claims, text
    with Store(tmp_path / "s.duckdb") as store:
        load_frame(store, "sipri_deliveries", read_sipri(SIPRI), "sipri", str(SIPRI))
        r = check_claims(store, claims)
    assert r["claims"][0]["check"]["verdict"] == verdict, r["claims"][0]["check"]["reason"]


def test_a_long_document_is_read_in_chunks_with_the_same_claims(seed_path, monkeypatch) -> None:
    from realpolitik.extract import pipeline
    from realpolitik.extract.claims import iter_claims
    from realpolitik.model import Document

    text = seed_path.read_text(encoding="utf-8")
    doc = Document("seed", text, "2024-11-14")
    whole = [c.to_dict() for c in iter_claims([doc])]
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 3_000)
    chunked = [c.to_dict() for c in iter_claims([doc])]
    assert len(whole) >= 4
    assert [(c["measure"], c["value"], c["start"], c["evidence"]["start"]) for c in chunked] == [
        (c["measure"], c["value"], c["start"], c["evidence"]["start"]) for c in whole
    ]
    for c in chunked:  # offsets are the document's own
        assert text[c["start"] : c["end"]] == c["text"]
        assert text[c["evidence"]["start"] : c["evidence"]["end"]] == c["evidence"]["text"]
