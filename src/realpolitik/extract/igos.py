"""The codes of the international organisations in the packaged gazetteer: what counts as an organisation
party (a "bloc", a body one leaves or is suspended from) rather than a state, a place or a firm."""

from __future__ import annotations

from functools import lru_cache

from realpolitik.extract.gazetteer_data import _rows


@lru_cache(maxsize=1)
def igo_codes() -> frozenset[str]:
    """Codes of international organisations in the gazetteer (NATO, UN, AU, ...)."""
    return frozenset(row["code"].strip().upper() for row in _rows("organisations.csv") if row["code"].strip())
