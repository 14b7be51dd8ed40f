"""The PLOVER ontology as the text coder uses it: quad classes, the CAMEO code each PLOVER type and mode
stands nearest to, and an event's intensity.

The shared tables (CAMEO -> PLOVER, Goldstein per CAMEO code, PLOVER base scores) live in `realpolitik.codes`,
which the event-data importers read too, so that both routes give the same type, mode, CAMEO code and
intensity for the same kind of event.
"""

from __future__ import annotations

from realpolitik.codes import goldstein, plover_scores

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


def default_cameo(event_type: str, mode: str | None = None) -> str:
    return DEFAULT_CAMEO.get((event_type, mode)) or DEFAULT_CAMEO[(event_type, None)]


def intensity(event_type: str, mode: str | None = None, cameo: str | None = None) -> float:
    """-10..+10: the CAMEO code's Goldstein value when known, else the PLOVER base score."""
    g = goldstein(cameo) if cameo else None
    if g is not None:
        return g
    return plover_scores().get(event_type, 0.0)
