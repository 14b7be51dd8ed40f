"""Strict JSON: analysis outputs hold null where a value is missing, never NaN (which no JSON parser takes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from click.testing import CliRunner

from realpolitik.analysis._json import strict
from realpolitik.model import Actor, EventRecord, Evidence
from realpolitik.store.db import Store


def _reject(constant: str) -> None:
    raise ValueError(f"not JSON: {constant}")


def strict_loads(text: str) -> Any:
    return json.loads(text, parse_constant=_reject)


def _event(i: int, tgt: str, date: str) -> EventRecord:
    text = f"Algeria cooperated with {tgt} on {date}."
    return EventRecord(
        doc_id=f"d{i}",
        sentence=0,
        event_type="COOPERATE",
        source=Actor("Algeria", 0, 7, "DZA", "DZA", None),
        target=Actor(tgt, 24, 27, tgt, tgt, None),
        evidence=Evidence(text, 0, len(text)),
        intensity=6.0,
        date=date,
    )


def test_shifts_json_is_strict_when_only_some_documents_have_a_url(tmp_path: Path) -> None:
    from realpolitik.cli import main

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add_events([_event(0, "RUS", "2023-01-02")], "doc-0", url="https://example.org/a")
        store.add_events([_event(1, "FRA", "2024-01-02")], "doc-1")
    out = CliRunner().invoke(main, ["shifts", "DZA", "--by", "year", "--json", "--db", str(db)])
    assert out.exit_code == 0, out.output
    res = strict_loads(out.output)
    urls = {n["partner"]: n["event_records"][0]["url"] for n in res["new_partners"]}
    assert urls == {"RUS": "https://example.org/a", "FRA": None}


def test_strict_turns_pandas_and_numpy_values_into_json_values() -> None:
    got = strict(
        {
            "nan": float("nan"),
            "inf": np.float64("inf"),
            "na": pd.NA,
            "nat": pd.NaT,
            "i": np.int64(3),
            "b": np.bool_(True),
            "arr": np.array([1.5, np.nan]),
            "tup": (1, "x"),
        }
    )
    assert got == {
        "nan": None,
        "inf": None,
        "na": None,
        "nat": None,
        "i": 3,
        "b": True,
        "arr": [1.5, None],
        "tup": [1, "x"],
    }
    assert type(got["i"]) is int
    strict_loads(json.dumps(got, allow_nan=False))
