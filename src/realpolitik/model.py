"""The records that cross module boundaries.

`EventRecord.to_dict()` is the JSON contract of ../shared/spec/event-record.md: every field listed
there is always present, so downstream tools (the scorer, notebooks, the store) never guess.

Added fields (the spec allows them), always present, null when unknown:
- `trigger`, `origin`, `date_precision`: the trigger words, where the record came from (text, gdelt, icews,
  polecat, acled), and "day"/"month"/"year".
- `source_event_id`: the dataset's own id of an imported event (ICEWS Event ID, GDELT GLOBALEVENTID, POLECAT
  Event ID, ACLED event_id_cnty); null for events read from text.
- `latitude`, `longitude`, `place`: where the event happened, as the dataset geolocates it (`place` is its finest
  place name: GDELT ActionGeo_FullName, ICEWS City/District/Province/Country, POLECAT Placename/City/State/Country,
  ACLED location).
- `figures`: the dataset's own figures, only those it gives (see `FIGURE_FIELDS`): GDELT `num_mentions`,
  `num_sources`, `num_articles`, `avg_tone`, `quad_class`; the raw actor codes `source_raw_code` and
  `target_raw_code` (GDELT Actor1Code/Actor2Code, aligned with the stored source and target); `source_countries`
  and `target_countries` (every country of a multi-valued actor, POLECAT); `fatalities` and `source_event_type`
  (ACLED's "event type: sub-event type"); POLECAT's `quad_class`.

Direction: `source` is PLOVER's actor and `target` its recipient. Where the dataset codes the other way round
(CAMEO 043 "host a visit", source = host) the importer swaps them, so a hosted visit reads visitor -> host like
every PLOVER visit; `cameo` keeps the dataset's own code (043) and `figures` the raw codes, aligned with the swap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

RECORD_FIELDS: tuple[str, ...] = (
    "doc_id",
    "sentence",
    "event_type",
    "mode",
    "context",
    "cameo",
    "intensity",
    "source",
    "target",
    "date",
    "negated",
    "hypothetical",
    "attributed_to",
    "evidence",
    "confidence",
)

#: Keys of `EventRecord.figures`: source-specific figures, each a nullable column of the events table.
FIGURE_FIELDS: tuple[str, ...] = (
    "num_mentions",
    "num_sources",
    "num_articles",
    "avg_tone",
    "quad_class",
    "source_raw_code",
    "target_raw_code",
    "source_countries",
    "target_countries",
    "fatalities",
    "source_event_type",
)


@dataclass(frozen=True)
class Actor:
    """A resolved actor mention: the text as written, its document offsets and its codes."""

    text: str
    start: int
    end: int
    code: str | None
    country: str | None
    sector: str | None

    def to_dict(self) -> dict[str, Any]:
        # written out: dataclasses.asdict deep-copies each field, and this runs twice for every event written
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Actor | None:
        if not d:
            return None
        return cls(
            text=d.get("text") or "",
            start=int(d.get("start") or 0),
            end=int(d.get("end") or 0),
            code=d.get("code"),
            country=d.get("country"),
            sector=d.get("sector"),
        )


@dataclass(frozen=True)
class Evidence:
    """The sentence an event was read from, with its character offsets in the document."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class EventRecord:
    """One event: who did what to whom, when, how sure, and the sentence that says so."""

    doc_id: str
    sentence: int
    event_type: str
    source: Actor | None
    target: Actor | None
    evidence: Evidence
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    intensity: float = 0.0
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    attributed_to: str | None = None
    confidence: float = 0.5
    # Extra, non-contract fields: the trigger words and where the record came from.
    trigger: str | None = None
    origin: str = "text"
    # Imported events (see the module docstring): the dataset's id, where, and its own figures.
    source_event_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    place: str | None = None
    figures: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.event_type not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER event type {self.event_type!r}")
        unknown = set(self.figures) - set(FIGURE_FIELDS)
        if unknown:
            raise ValueError(f"unknown event figures {sorted(unknown)}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "intensity": round(float(self.intensity), 2),
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "date_precision": date_precision(self.date),
            "negated": bool(self.negated),
            "hypothetical": bool(self.hypothetical),
            "attributed_to": self.attributed_to,
            "evidence": self.evidence.to_dict(),
            "confidence": round(float(self.confidence), 3),
            "trigger": self.trigger,
            "origin": self.origin,
            "source_event_id": self.source_event_id,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "place": self.place,
            "figures": {k: self.figures[k] for k in FIGURE_FIELDS if self.figures.get(k) is not None},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventRecord:
        ev = d["evidence"]
        return cls(
            doc_id=str(d["doc_id"]),
            sentence=int(d["sentence"]),
            event_type=d["event_type"],
            source=Actor.from_dict(d.get("source")),
            target=Actor.from_dict(d.get("target")),
            evidence=Evidence(ev["text"], int(ev["start"]), int(ev["end"])),
            mode=d.get("mode"),
            context=list(d.get("context") or []),
            cameo=d.get("cameo"),
            intensity=float(d.get("intensity") or 0.0),
            date=d.get("date"),
            negated=bool(d.get("negated")),
            hypothetical=bool(d.get("hypothetical")),
            attributed_to=d.get("attributed_to"),
            confidence=float(d.get("confidence") or 0.5),
            trigger=d.get("trigger"),
            origin=d.get("origin") or "text",
            source_event_id=d.get("source_event_id"),
            latitude=d.get("latitude"),
            longitude=d.get("longitude"),
            place=d.get("place"),
            figures={k: v for k, v in (d.get("figures") or {}).items() if k in FIGURE_FIELDS},
        )


@dataclass(frozen=True)
class Document:
    """A document to extract from. `doc_id` is what users see; `key` (content hash) is identity."""

    doc_id: str
    text: str
    date: str | None = None
    path: str | None = None
    url: str | None = None
    title: str | None = None
    #: Where `text` starts in its file when the file was read in parts (`sources.articles`), else 0.
    offset: int = 0

    @property
    def key(self) -> str:
        """The content hash; a part's hash covers its offset too, so that a file repeating itself keeps
        every part, while the same file read again (under any name) gives the same keys."""
        import hashlib

        h = hashlib.sha256(self.text.encode("utf-8"))
        if self.offset:
            h.update(f"\0@{self.offset}".encode())
        return h.hexdigest()[:32]


@dataclass
class Extraction:
    """Everything read from one document: its sentences, its actor mentions (with their sentence) and its
    events. Why here and not in `extract/`: the extractor makes it and the store writes it, and the store
    may not import the extractor (data flows one way)."""

    document: Document
    sentences: list[Evidence] = field(default_factory=list)
    mentions: list[tuple[int, Actor]] = field(default_factory=list)  # (sentence index, actor)
    events: list[EventRecord] = field(default_factory=list)


def date_precision(date: str | None) -> str | None:
    """ "day", "month" or "year" for a YYYY-MM-DD, YYYY-MM or YYYY date (an extra, non-contract field)."""
    if not date:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(date))
