"""The PLOVER ontology and its CAMEO crosswalk, loaded from the files shipped in realpolitik/data.

- PLOVER types, quad classes and base scores: PLOVER manual (openeventdata/PLOVER, CC BY-SA 4.0);
  the manual's ACCUSE +3 is a misprint for -3 and is corrected here.
- CAMEO -> PLOVER: the openeventdata conversion table (CAMEO2PLOVER-2021.txt).
- Goldstein scale per CAMEO code: the GDELT lookup table.

GDELT/ICEWS importers and the text coder share these functions so that both routes give the
same type, mode, CAMEO code and intensity for the same kind of event.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from realpolitik.model import PLOVER_TYPES

QUAD: dict[str, int] = {  # Phoenix pentaclass by PLOVER type (the scorer's table)
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

# The nearest CAMEO code for a PLOVER type and mode, for users who join with GDELT/ICEWS.
DEFAULT_CAMEO: dict[tuple[str, str | None], str] = {
    ("AGREE", None): "030",
    ("CONSULT", None): "040",
    ("CONSULT", "phone"): "041",
    ("CONSULT", "visit"): "042",
    ("CONSULT", "third-party"): "044",
    ("CONSULT", "multilateral"): "044",
    ("SUPPORT", None): "051",
    ("CONCEDE", None): "080",
    ("COOPERATE", None): "060",
    ("AID", None): "070",
    ("RETREAT", None): "087",
    ("RETREAT", "withdraw"): "087",
    ("RETREAT", "release"): "0841",
    ("RETREAT", "ceasefire"): "0871",
    ("RETREAT", "access"): "086",
    ("RETREAT", "resign"): "0831",
    ("REQUEST", None): "100",
    ("REQUEST", "assist"): "101",
    ("REQUEST", "change"): "104",
    ("REQUEST", "yield"): "105",
    ("REQUEST", "meet"): "106",
    ("ACCUSE", None): "112",
    ("ACCUSE", "investigate"): "090",
    ("ACCUSE", "allege"): "114",
    ("ACCUSE", "disapprove"): "110",
    ("REJECT", None): "120",
    ("REJECT", "assist"): "121",
    ("REJECT", "change"): "123",
    ("REJECT", "yield"): "128",
    ("REJECT", "meet"): "125",
    ("THREATEN", None): "130",
    ("THREATEN", "relations"): "133",
    ("THREATEN", "violence"): "138",
    ("THREATEN", "expel"): "136",
    ("PROTEST", None): "140",
    ("PROTEST", "demo"): "141",
    ("PROTEST", "hunger"): "142",
    ("PROTEST", "boycott"): "143",
    ("PROTEST", "obstruct"): "144",
    ("PROTEST", "riot"): "145",
    ("SANCTION", None): "163",
    ("SANCTION", "withdraw"): "161",
    ("SANCTION", "discontinue"): "162",
    ("SANCTION", "expel"): "166",
    ("SANCTION", "convict"): "163",
    ("MOBILIZE", None): "150",
    ("MOBILIZE", "troops"): "152",
    ("MOBILIZE", "police"): "151",
    ("COERCE", None): "170",
    ("COERCE", "seize"): "171",
    ("COERCE", "restrict"): "172",
    ("COERCE", "arrest"): "173",
    ("COERCE", "deport"): "174",
    ("ASSAULT", None): "190",
    ("ASSAULT", "abduct"): "181",
    ("ASSAULT", "beat"): "182",
    ("ASSAULT", "suicide-attack"): "183",
    ("ASSAULT", "targeted"): "186",
    ("ASSAULT", "firearms"): "193",
    ("ASSAULT", "explosives"): "183",
    ("ASSAULT", "aerial"): "195",
    ("ASSAULT", "drone"): "195",
    ("ASSAULT", "heavy-weapons"): "194",
}


@dataclass(frozen=True)
class PloverCode:
    """A PLOVER coding: type, mode and contexts."""

    event_type: str
    mode: str | None
    context: tuple[str, ...]


def _data(name: str) -> str:
    return (files("realpolitik") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def plover_scores() -> dict[str, float]:
    """Base intensity per PLOVER type, from the manual (ACCUSE misprint corrected)."""
    onto = json.loads(_data("PLOVER_ontology_extracted.json"))
    scores = {k: float(v["score"]) for k, v in onto["event_types"].items()}
    scores["ACCUSE"] = -abs(scores.get("ACCUSE", 3.0))
    return scores


@lru_cache(maxsize=1)
def plover_modes() -> dict[str, tuple[str, ...]]:
    onto = json.loads(_data("PLOVER_ontology_extracted.json"))
    return {k: tuple(m["mode"] for m in v["modes"]) for k, v in onto["event_types"].items()}


@lru_cache(maxsize=1)
def _crosswalk() -> dict[str, PloverCode]:
    table: dict[str, PloverCode] = {}
    line_re = re.compile(r"^(\d{2,5}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?")
    for line in _data("CAMEO2PLOVER-2021.txt").splitlines():
        m = line_re.match(line.strip())
        if not m or m.group(2) not in PLOVER_TYPES:
            continue
        code, etype = m.group(1), m.group(2)
        mode = (m.group(3) or "").strip() or None
        ctx = tuple(c.strip() for c in (m.group(4) or "").split(";") if c.strip())
        table.setdefault(code, PloverCode(etype, mode, ctx))
    return table


def cameo_to_plover(code: str | None) -> PloverCode | None:
    """PLOVER coding of a CAMEO event code; the most specific known prefix wins.

    Root 01 (public statements) has no PLOVER event. Root 02 (appeals) is coded REQUEST, as PLOVER
    folds appeals and demands together (the table lists 10x only).
    """
    if not code:
        return None
    code = str(code).strip()
    if not code.isdigit():
        return None
    if code.startswith("01"):
        return None
    if code.startswith("02"):
        code = "10" + code[2:]
    table = _crosswalk()
    for n in range(len(code), 1, -1):
        hit = table.get(code[:n])
        if hit:
            return hit
    return None


@lru_cache(maxsize=1)
def _goldstein() -> dict[str, float]:
    out: dict[str, float] = {}
    for line in _data("cameoCodeTable_goldstein.tsv").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3:
            try:
                out[parts[0].strip()] = float(parts[2])
            except ValueError:
                continue
    return out


def goldstein(code: str | None) -> float | None:
    """Goldstein scale value of a CAMEO code (most specific known prefix)."""
    if not code:
        return None
    table = _goldstein()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def default_cameo(event_type: str, mode: str | None = None) -> str:
    return DEFAULT_CAMEO.get((event_type, mode)) or DEFAULT_CAMEO[(event_type, None)]


def intensity(event_type: str, mode: str | None = None, cameo: str | None = None) -> float:
    """-10..+10: the CAMEO code's Goldstein value when known, else the PLOVER base score."""
    g = goldstein(cameo) if cameo else None
    if g is not None:
        return g
    return plover_scores().get(event_type, 0.0)
