"""The event record contract (../shared/spec/event-record.md) on real text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from realpolitik.model import PLOVER_TYPES, RECORD_FIELDS

ACTOR_FIELDS = {"text", "start", "end", "code", "country", "sector"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def seed_records(seed_path: Path) -> tuple[str, list[dict]]:
    import realpolitik

    text = seed_path.read_text(encoding="utf-8")
    return text, realpolitik.extract(text, date="2024-11-14", doc_id="seed")


def test_the_seed_yields_events(seed_records: tuple[str, list[dict]]) -> None:
    _, records = seed_records
    assert len(records) >= 10


def test_every_record_has_every_contract_field_with_its_type(seed_records: tuple[str, list[dict]]) -> None:
    _, records = seed_records
    for r in records:
        assert set(RECORD_FIELDS) <= set(r)
        assert r["event_type"] in PLOVER_TYPES
        assert isinstance(r["sentence"], int)
        assert isinstance(r["context"], list)
        assert -10 <= r["intensity"] <= 10
        assert isinstance(r["negated"], bool) and isinstance(r["hypothetical"], bool)
        assert 0 <= r["confidence"] <= 1
        assert r["date"] is None or DATE_RE.match(r["date"])
        assert r["source"] is not None or r["target"] is not None
        json.dumps(r)  # serialisable as is


def test_offsets_point_at_the_mention_and_sentence_text(seed_records: tuple[str, list[dict]]) -> None:
    text, records = seed_records
    for r in records:
        ev = r["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
        for role in ("source", "target"):
            actor = r[role]
            if actor is None:
                continue
            assert set(actor) >= ACTOR_FIELDS
            assert text[actor["start"] : actor["end"]] == actor["text"]


def test_events_on_text_the_rules_were_not_built_from() -> None:
    import realpolitik

    recs = realpolitik.extract(
        "Japan's prime minister visited Vietnam on Tuesday. Kenyan police arrested twelve protesters in Nairobi. "
        "Germany did not sign the treaty with Brazil.",
        date="2023-05-10",
    )
    got = {
        ((r["source"] or {}).get("code"), r["event_type"], (r["target"] or {}).get("code"), r["negated"]) for r in recs
    }
    assert ("JPN", "CONSULT", "VNM", False) in got
    assert any(s == "KEN" and t == "COERCE" for s, t, _, _ in got)
    assert ("DEU", "AGREE", "BRA", True) in got
    visit = next(r for r in recs if r["event_type"] == "CONSULT")
    assert visit["date"] == "2023-05-09"
