"""The codes of the international organisations in the packaged gazetteer: what counts as an organisation
party (a "bloc", a body one leaves or is suspended from) rather than a state, a place or a firm."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def igo_codes() -> frozenset[str]:
    """Codes of the international organisations in the packaged gazetteer."""
    text = resources.files("realpolitik").joinpath("data", "gazetteer", "organisations.csv").read_text(encoding="utf-8")
    rows = csv.reader(line for line in text.splitlines() if line and not line.startswith("#"))
    return frozenset(r[0] for r in rows if r and r[0] != "code")
