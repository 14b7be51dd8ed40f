"""Reading sentence-level gold codings (the PLOVER gold standard, PETRARCH validation XML) in the project's terms.

- PLOVER_GSR_CAMEO.json uses old event names (DEMAND, DISAPPROVE, FIGHT, INVESTIGATE) and old CAMEO actor codes
  (JAP, ITL, VTN, generic IGO/NGO): `plover_type` and `cameo_actor_code` turn them into PLOVER 2021 types and
  the codes `realpolitik.extract` gives (ISO 3166-1 alpha-3; IGO for any international organisation).
- `actor_matches` says whether a predicted actor (the contract's dict) is a gold CAMEO code.
- `petrarch_records` reads the PETRARCH XML files (which carry non-XML comment banners) with expected codings.

Used by benchmarks/eval_plover.py and the tests; nothing here reads the sealed holdout.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from realpolitik.extract.igos import igo_codes

# PLOVER gold standard (2016 draft) event names -> PLOVER 2021 types.
OLD_EVENT_NAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}

# CAMEO / Phoenix / ICEWS country codes that are not ISO 3166-1 alpha-3 -> the ISO3 code (Kosovo: XKX, the
# code the gazetteer uses). Dissolved states go to their main successor (USSR -> RUS, Yugoslavia -> SRB,
# GDR -> DEU). Typos found in the PLOVER gold (ITL for Italy, VTN for Vietnam) are listed too.
CAMEO_COUNTRY_FIXES: dict[str, str] = {
    "JAP": "JPN",
    "ITL": "ITA",
    "VTN": "VNM",
    "KSV": "XKX",
    "KOS": "XKX",
    "SUN": "RUS",
    "USR": "RUS",
    "YUG": "SRB",
    "SCG": "SRB",
    "DDR": "DEU",
    "GDR": "DEU",
    "FRG": "DEU",
    "GER": "DEU",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
    "BUR": "MMR",
    "KNT": "KNA",
    "UK": "GBR",
    "UKG": "GBR",
    "PAL": "PSE",
    "WSB": "PSE",
    "GZS": "PSE",
}

# CAMEO codes for kinds of non-state international actor (not a country).
INTERNATIONAL_KINDS: frozenset[str] = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "UIS", "INT"})


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    """The state codes the project uses (gazetteer states.csv)."""
    return frozenset(row[0] for row in _gazetteer_rows("states.csv"))


def _gazetteer_rows(name: str) -> list[list[str]]:
    text = (files("realpolitik") / "data" / "gazetteer" / name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    return [r for r in rows[1:] if r and r[0].strip()]  # the first row is the header


def cameo_country_to_iso3(code: str | None) -> str | None:
    """ISO3 of a CAMEO country code (its first three letters: "USAGOV" -> USA; "JAP" -> JPN); None when the
    code names no country (IGO, NGO, empty)."""
    if not code:
        return None
    c = code.strip().upper()
    if c in CAMEO_COUNTRY_FIXES:
        return CAMEO_COUNTRY_FIXES[c]
    head = c[:3]
    if head in INTERNATIONAL_KINDS:
        return None
    return CAMEO_COUNTRY_FIXES.get(head, head) if len(head) == 3 and head.isalpha() else None


def cameo_actor_code(code: str | None) -> str | None:
    """A gold CAMEO actor code in the project's terms: ISO3 for a country, the kind (IGO, NGO, IMG, ...) for a
    non-state international actor, None when empty."""
    if not code or not code.strip():
        return None
    c = code.strip().upper()
    if c[:3] in INTERNATIONAL_KINDS and c not in CAMEO_COUNTRY_FIXES:
        return c[:3]
    return cameo_country_to_iso3(c)


def plover_type(name: str | None) -> str | None:
    """A PLOVER gold event name in 2021 terms (DEMAND -> REQUEST ...)."""
    if not name:
        return None
    n = name.strip().upper()
    return OLD_EVENT_NAMES.get(n, n)


def actor_matches(gold_code: str | None, pred: dict[str, Any] | None) -> bool:
    """Whether a predicted actor (contract dict) is the gold actor (already through `cameo_actor_code`).

    A country matches the predicted actor's code or its country (the gold codes "Lebanon's president" LBN; the
    coder may give a person's code with country LBN). IGO matches any international organisation; NGO, IMG, ISM
    and the other non-state kinds match a predicted actor with no country that is not an IGO.
    """
    if not gold_code or not pred:
        return False
    code = (pred.get("code") or "").upper()
    country = (pred.get("country") or "").upper()
    if gold_code == "IGO":
        return code in igo_codes() or (not country and (pred.get("sector") or "").upper() == "IGO")
    if gold_code in INTERNATIONAL_KINDS:
        return not country and bool(code) and code not in igo_codes() and code not in iso3_codes()
    return gold_code in (code, country)


@dataclass
class GoldSentence:
    """One gold sentence: its text and date, the gold PLOVER type (None: no event), actor codes."""

    id: str
    text: str
    date: str | None
    event_type: str | None
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    cameo: str | None = None


def _actor_codes(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    out = []
    for a in value:
        if isinstance(a, dict):
            code = cameo_actor_code(a.get("code"))
            if code and code not in out:
                out.append(code)
    return out


def plover_gold(path: str | Path) -> list[GoldSentence]:
    """The PLOVER gold-standard records that have a sentence (the DOCUMENT header record is skipped)."""
    recs = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for r in recs:
        if not r.get("text") or r.get("event") == "DOCUMENT":
            continue
        out.append(
            GoldSentence(
                id=r["id"],
                text=r["text"].strip(),
                date=r.get("date"),
                event_type=plover_type(r.get("event")),
                sources=_actor_codes(r.get("source")),
                targets=_actor_codes(r.get("target")),
            )
        )
    return out


def petrarch_records(path: str | Path) -> list[GoldSentence]:
    """Sentences of a PETRARCH validation/unit-test XML file that carry an expected coding; the first coding
    counts. `event_type` is the PLOVER type of its CAMEO code (None for no event or a public statement)."""
    from realpolitik.codes import cameo_to_plover

    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    out: list[GoldSentence] = []
    for block in re.split(r"<Sentence\s", raw)[1:]:
        text_m = re.search(r"<Text>(.*?)</Text>", block, re.S)
        codings = re.findall(r"<EventCoding\s([^>]*)>", block)
        if not text_m or not codings:
            continue
        attrs = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', codings[0]))
        head = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', block.split(">", 1)[0]))
        date = head.get("date", "")
        date_iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if re.fullmatch(r"\d{8}", date) else None
        cameo = None if attrs.get("noevents", "").lower() == "true" else attrs.get("eventcode")
        p = cameo_to_plover(cameo) if cameo else None
        src = cameo_actor_code(attrs.get("sourcecode"))
        tgt = cameo_actor_code(attrs.get("targetcode"))
        out.append(
            GoldSentence(
                id=head.get("id", str(len(out))),
                text=re.sub(r"\s+", " ", text_m.group(1)).strip(),
                date=date_iso,
                event_type=p.event_type if p else None,
                sources=[src] if src else [],
                targets=[tgt] if tgt else [],
                cameo=cameo,
            )
        )
    return out


def pentaclass_of_cameo(code: str | None) -> int:
    """Phoenix pentaclass of a CAMEO code (as ../shared/eval/score.py): 01-02 -> 0, 03-05 -> 1, 06-08 -> 2,
    09-13 -> 3, 14-20 -> 4; no event -> 0."""
    if not code or len(code) < 2 or not code[:2].isdigit():
        return 0
    root = int(code[:2])
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


_MARK = re.compile(r"\((SRC/TAR|SRC|TAR|EVT):\s*")


def markup_tags(markup: str) -> list[tuple[str, str]]:
    """Whitespace tokens of a PLOVER gold `textInfo.markup` string with span tags for ../shared/eval/score.py
    `spans`: B-S/I-S source, B-T/I-T target, O otherwise (event marks are dropped). A symmetric "SRC/TAR" mention
    counts as source the first time in the sentence and as target after that. Marks may nest parentheses:
    "(TAR: Palestine Liberation Organization (PLO))"."""
    out: list[tuple[str, str]] = []
    pos = 0
    symmetric_seen = 0

    def plain(text: str) -> None:
        out.extend((w, "O") for w in text.split())

    while True:
        m = _MARK.search(markup, pos)
        if not m:
            plain(markup[pos:])
            return out
        plain(markup[pos : m.start()])
        depth, j = 1, m.end()
        while j < len(markup) and depth:
            depth += {"(": 1, ")": -1}.get(markup[j], 0)
            j += 1
        inner = markup[m.end() : j - 1 if depth == 0 else j]
        kind = m.group(1)
        if kind == "SRC/TAR":
            kind = "SRC" if symmetric_seen == 0 else "TAR"
            symmetric_seen += 1
        if kind == "EVT":
            # the event phrase may itself contain actor marks
            out.extend(markup_tags(inner))
        else:
            role = "S" if kind == "SRC" else "T"
            words = inner.split()
            out.extend((w, ("B-" if k == 0 else "I-") + role) for k, w in enumerate(words))
        pos = j


def pick_event(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The one event a sentence-level evaluation compares with the gold: the most confident record, negated and
    hypothetical ones included (gold codes intents and threats), ties going to the earliest record."""
    best: dict[str, Any] | None = None
    for r in records:
        if best is None or float(r.get("confidence") or 0) > float(best.get("confidence") or 0):
            best = r
    return best
