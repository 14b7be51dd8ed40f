"""The extraction pipeline: document -> sentences, actor mentions, events.

`get_extractor()` returns one process-wide Extractor (the spaCy pipeline is loaded once).
`Extractor.extract_document(doc)` is the single entry point used by the CLI, the store, the
Python API and the Spark engine, so every route codes the same text the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from realpolitik.model import Actor, Document, EventRecord, Evidence


@dataclass
class Extraction:
    """Everything read from one document."""

    document: Document
    sentences: list[Evidence] = field(default_factory=list)
    mentions: list[tuple[int, Actor]] = field(default_factory=list)  # (sentence index, actor)
    events: list[EventRecord] = field(default_factory=list)


class Extractor:
    """Placeholder until the coder lands: splits sentences, finds no events."""

    def __init__(self) -> None:
        from realpolitik.extract.nlp import load_nlp

        self.nlp = load_nlp()

    def extract_document(self, doc: Document) -> Extraction:
        sdoc = self.nlp(doc.text)
        sents = [Evidence(s.text, s.start_char, s.end_char) for s in sdoc.sents]
        return Extraction(document=doc, sentences=sents)


@lru_cache(maxsize=1)
def get_extractor() -> Extractor:
    return Extractor()
