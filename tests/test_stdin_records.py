"""Standard input carries either one text per line or JSONL records; the first line says which."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from realpolitik.errors import InputError
from realpolitik.sources.articles import read_documents


def _docs(text: str, errors: list[InputError] | None = None) -> list[Any]:
    return list(read_documents(["-"], date="2024-11-14", stdin=io.StringIO(text), errors=errors))


def test_jsonl_records_keep_their_ids_dates_and_titles() -> None:
    lines: list[dict[str, Any]] = [
        {"id": "a1", "text": "Mali expelled the French ambassador.", "date": "2022-01-31", "title": "Expelled"},
        {"id": 7, "text": "Niger and Mali signed a defence pact."},
    ]
    docs = _docs("".join(json.dumps(x) + "\n" for x in lines))
    assert [(d.doc_id, d.date, d.title) for d in docs] == [("a1", "2022-01-31", "Expelled"), ("7", "2024-11-14", None)]
    assert docs[0].text == lines[0]["text"]


def test_text_lines_stay_texts_even_when_one_starts_with_a_brace() -> None:
    docs = _docs("Russia and China met in Beijing.\n{sic} France condemned the attack.\n")
    assert [d.text for d in docs] == ["Russia and China met in Beijing.", "{sic} France condemned the attack."]
    assert [d.date for d in docs] == ["2024-11-14", "2024-11-14"]


def test_a_bad_record_names_its_line_after_the_records_before_it() -> None:
    text = json.dumps({"id": "x", "text": "Chad recalled its envoy."}) + "\n" + '{"id": "y", "text": \n'
    got = []
    with pytest.raises(InputError, match=r"<stdin>.*2"):
        for d in read_documents(["-"], stdin=io.StringIO(text)):
            got.append(d.doc_id)
    assert got == ["x"]
    errors: list[InputError] = []
    assert [d.doc_id for d in _docs(text + json.dumps({"id": "z", "text": "Togo joined."}) + "\n", errors)] == [
        "x",
        "z",
    ]
    assert len(errors) == 1
