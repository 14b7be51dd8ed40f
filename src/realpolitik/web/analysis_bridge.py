"""Calls into the analysis layer, which other modules provide and which may not be installed yet.

Why a bridge: the dashboard must keep working (and say clearly what is missing) when an analysis
module has not landed or its reference data was never imported; the API turns these outcomes into
501 (capability missing) or 400/404 (bad question) answers instead of a server error.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any


class CapabilityMissing(Exception):
    """The analysis function this endpoint needs is not available in this installation."""


def analysis_function(module: str, name: str) -> Callable[..., Any]:
    """`realpolitik.analysis.<module>.<name>`, or CapabilityMissing naming what is absent."""
    try:
        mod = importlib.import_module(f"realpolitik.analysis.{module}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("realpolitik"):
            raise CapabilityMissing(f"realpolitik.analysis.{module} is not available in this installation") from None
        raise
    fn = getattr(mod, name, None)
    if fn is None:
        raise CapabilityMissing(f"realpolitik.analysis.{module}.{name} is not available in this installation")
    return fn


#: The questions the web API asks, as (analysis module, function) -> the typed façade's function.
FACADE_FUNCTIONS = {
    ("alliance", "ally"): "ally",
    ("dependence", "dependence"): "dependence",
    ("similarity", "similarity"): "similarity",
    ("shifts", "shifts"): "shifts",
    ("balance", "balance"): "balance",
}


def facade_function(module: str, name: str) -> Callable[..., Any]:
    """The typed façade function (`realpolitik.analysis.facade`) that answers `module.name`: the one entry
    point the CLI, `ask` and the web API share."""
    analysis_function(module, name)  # the analysis module is there (else CapabilityMissing)
    from realpolitik.analysis import facade

    fn = getattr(facade, FACADE_FUNCTIONS.get((module, name), ""), None)
    if fn is None:
        raise CapabilityMissing(f"realpolitik.analysis.facade has no question {module}.{name}")
    return fn


ANALYSIS_MODULES: tuple[str, ...] = ("alliance", "dependence", "similarity", "shifts", "balance")


def preload(modules: tuple[str, ...] = ANALYSIS_MODULES) -> None:
    """Import the analysis modules (and pandas, scipy behind them) ahead of the first request.

    Why: the first actor or dyad page otherwise waits seconds for these imports; the server runs this
    in a background thread at start-up. A module that is missing or fails is left for its endpoint to report.
    """
    for module in modules:
        try:
            importlib.import_module(f"realpolitik.analysis.{module}")
        except Exception:  # reported by the endpoint that needs it (501 or 500), not at start-up
            continue


def to_code(name: str) -> str:
    """A country name or code as the store's ISO3 code, with the reference engineer's resolver when present."""
    name = name.strip()
    try:
        from realpolitik.sources.countries import to_iso3
    except ImportError:
        pass
    else:
        try:
            code = to_iso3(name)
        except Exception:  # an unknown name: fall back to the text as a code
            code = None
        if code:
            return str(code)
    return name.upper()


def jsonable(obj: Any) -> Any:
    """The object as strict JSON values, as the CLI's `--json` prints it: NaN, NaT and pd.NA become null
    (`analysis._json.strict`), dates ISO strings; `allow_nan=False` makes a value that slipped through an
    error here rather than an answer no browser can parse."""
    from realpolitik.analysis._json import strict

    return json.loads(json.dumps(strict(obj), ensure_ascii=False, default=str, allow_nan=False))
