"""Event-code crosswalks shared by every event-data importer: CAMEO -> PLOVER (with the direction PLOVER reads
the actors in), CAMEO labels (ICEWS's Event Text) -> CAMEO codes, Goldstein scores, PLOVER base scores, and
ACLED's event types -> PLOVER.

Why here, beside `model.py`, and not in `extract/`: the readers in `sources/` and the text coder both need
these tables, and data flows one way (sources -> extract -> store); a module of plain look-ups that depends on
nothing but the package data keeps the readers free of the extractor. Every table is a file in
`realpolitik/data` (rules as data); see `data/codes/README.md` for where each comes from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from realpolitik.model import PLOVER_TYPES


@dataclass(frozen=True)
class Coding:
    """A PLOVER coding of a dataset's event code: type, mode, contexts, and whether the dataset's source and
    target must be swapped to read as PLOVER's (CAMEO 043 "host a visit": PLOVER's visit is visitor -> host)."""

    event_type: str
    mode: str | None
    context: tuple[str, ...]
    swap: bool = False


def _text(name: str) -> str:
    return (files("realpolitik") / "data" / name).read_text(encoding="utf-8")


def data_rows(name: str) -> Iterator[list[str]]:
    """The tab-separated rows of data/codes/NAME, comments and blank lines left out."""
    for line in _text(f"codes/{name}").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


# --- CAMEO -> PLOVER -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def swapped_cameo_codes() -> frozenset[str]:
    """CAMEO codes whose source is PLOVER's target (cameo_direction.tsv)."""
    return frozenset(r[0].strip() for r in data_rows("cameo_direction.tsv") if r[1].strip() == "swap")


@lru_cache(maxsize=1)
def _crosswalk() -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    table: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    line_re = re.compile(r"^(\d{2,5}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?")
    for line in _text("CAMEO2PLOVER-2021.txt").splitlines():
        m = line_re.match(line.strip())
        if not m or m.group(2) not in PLOVER_TYPES:
            continue
        mode = (m.group(3) or "").strip() or None
        ctx = tuple(c.strip() for c in (m.group(4) or "").split(";") if c.strip())
        table.setdefault(m.group(1), (m.group(2), mode, ctx))
    return table


@lru_cache(maxsize=8192)
def normalise_cameo(code: str | None, root: str | None = None) -> str | None:
    """A CAMEO event code as its dataset wrote it, with the leading zero a spreadsheet or pandas dropped put back
    ("43" -> "043", "841" -> "0841", "43.0" -> "043"); None when it is no code.

    Why this is safe: CAMEO event codes have three or four digits and roots 01-20, so a two-digit value, or a
    three-digit one whose first two digits exceed 20, lost a zero. `root` (GDELT's EventRootCode) settles it
    when given."""
    if code is None:
        return None
    v = code.strip()
    if v.endswith(".0"):
        v = v[:-2]
    if not v.isdigit():
        return None
    if root is not None:
        r = root.strip().removesuffix(".0")
        if r.isdigit() and len(v) < 4 and not v.startswith(r.zfill(2)) and ("0" + v).startswith(r.zfill(2)):
            return "0" + v
    if len(v) <= 2:
        return v.zfill(3)
    if len(v) == 3 and int(v[:2]) > 20:
        return "0" + v
    return v


@lru_cache(maxsize=8192)
def cameo_to_plover(code: str | None) -> Coding | None:
    """The PLOVER coding of a CAMEO event code (the most specific known prefix wins), or None.

    Root 01 (public statements) has no PLOVER event. Root 02 (appeals) is coded REQUEST, as PLOVER folds
    appeals and demands together (the table lists 10x only). `swap` is set for the codes of
    cameo_direction.tsv."""
    if not code:
        return None
    code = str(code).strip()
    if not code.isdigit() or code.startswith("01"):
        return None
    swap = any(code.startswith(s) for s in swapped_cameo_codes())
    if code.startswith("02"):
        code = "10" + code[2:]
    table = _crosswalk()
    for n in range(len(code), 1, -1):
        hit = table.get(code[:n])
        if hit:
            return Coding(hit[0], hit[1], hit[2], swap)
    return None


@lru_cache(maxsize=1)
def cameo_labels() -> dict[str, str]:
    """CAMEO label (lower case, as in ICEWS's Event Text: "host a visit") -> CAMEO code."""
    out: dict[str, str] = {}
    for line in _text("codes/CAMEO_codefile_ICEWS_labels.txt").splitlines():
        m = re.match(r"^LABELi?:\s*(\d{2,4})=\s*(.+?)\s*$", line)
        if m:
            out.setdefault(m.group(2).lower(), m.group(1))
    return out


def cameo_of_label(label: str | None) -> str | None:
    if not label or not label.strip():
        return None
    return cameo_labels().get(" ".join(label.split()).lower())


@lru_cache(maxsize=1)
def _goldstein() -> dict[str, float]:
    out: dict[str, float] = {}
    for line in _text("cameoCodeTable_goldstein.tsv").splitlines()[1:]:
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


@lru_cache(maxsize=1)
def plover_scores() -> dict[str, float]:
    """Base intensity per PLOVER type, from the manual (its ACCUSE +3 is a misprint for -3)."""
    onto = json.loads(_text("PLOVER_ontology_extracted.json"))
    scores = {k: float(v["score"]) for k, v in onto["event_types"].items()}
    scores["ACCUSE"] = -abs(scores.get("ACCUSE", 3.0))
    return scores


def base_intensity(event_type: str) -> float:
    """The PLOVER base score of a type: the intensity of an event whose dataset gives none."""
    return plover_scores().get(event_type, 0.0)


# --- ACLED -> PLOVER --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _acled() -> tuple[dict[str, Coding], dict[str, Coding], dict[str, str]]:
    subs: dict[str, Coding] = {}
    events: dict[str, Coding] = {}
    inter: dict[str, str] = {}
    for r in data_rows("acled_plover.tsv"):
        r = r + [""] * (5 - len(r))
        kind, key = r[0].strip(), r[1].strip().lower()
        if kind == "inter":
            inter[key] = r[2].strip()
            continue
        coding = Coding(r[2].strip(), r[3].strip() or None, tuple(c for c in r[4].strip().split(";") if c))
        if coding.event_type not in PLOVER_TYPES:
            raise ValueError(f"acled_plover.tsv: {coding.event_type!r} is no PLOVER type")
        (subs if kind == "sub_event" else events)[key] = coding
    return subs, events, inter


def acled_to_plover(event_type: str | None, sub_event_type: str | None) -> Coding | None:
    """The PLOVER coding of an ACLED event: by its sub-event type, else its event type; None when neither is
    known."""
    subs, events, _ = _acled()
    sub = " ".join((sub_event_type or "").split()).lower()
    ev = " ".join((event_type or "").split()).lower()
    return subs.get(sub) or events.get(ev)


def acled_inter_sector(inter: str | None) -> str | None:
    """An ACLED actor type (inter1/inter2: "1" or "State forces") -> agent code."""
    if not inter:
        return None
    v = inter.strip().lower().removesuffix(".0")
    return _acled()[2].get(v)
