"""Strict JSON for analysis outputs: every value a JSON value, missing ones null, never NaN.

Why: pandas turns a missing string or number into NaN (a float), NaT or pd.NA, and `json.dumps` writes NaN,
which no strict JSON parser accepts (`shifts --json` printed `"url": NaN` when only some documents had a URL).
Analyses pass their result through `strict` before returning it, so the CLI, the web API and Python callers
all get the same clean values.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any


def strict(obj: Any) -> Any:
    """A copy of `obj` made of dict, list, str, int, float (finite), bool and None only.

    NaN, infinities, NaT and pd.NA become None; numpy scalars and arrays become Python values and lists;
    dates become ISO strings; tuples and sets become lists (sets sorted, for deterministic output).
    """
    if obj is None or isinstance(obj, (str, bool)):
        return obj
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, float):
        return float(obj) if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k) if not isinstance(k, str) else k: strict(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [strict(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return [strict(v) for v in sorted(obj, key=str)]
    mod = type(obj).__module__
    if mod.startswith("pandas") and str(obj) == "NaT":  # NaT is a datetime, without a date
        return None
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if mod.startswith("numpy"):
        if hasattr(obj, "tolist"):
            return strict(obj.tolist())
        return None
    if mod.startswith("pandas"):
        import pandas as pd

        if obj is pd.NA or obj is pd.NaT:
            return None
        if isinstance(obj, pd.Timestamp):
            return obj.isoformat()
        if hasattr(obj, "tolist"):
            return strict(obj.tolist())
    try:
        import pandas as pd

        if pd.isna(obj):
            return None
    except (TypeError, ValueError):
        pass
    return str(obj)
