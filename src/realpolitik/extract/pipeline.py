"""The extraction pipeline: document -> sentences, actor mentions, events.

`get_extractor()` returns one process-wide Extractor (the spaCy pipeline is loaded once).
`Extractor.extract_document(doc)` is the single entry point used by the CLI, the store, the
Python API and the Spark engine, so every route codes the same text the same way.

Why sentences are pre-screened: an event needs an actor, so sentences without any actor
candidate (gazetteer phrase, capitalised name, demonym) are split but never parsed. That is
what lets the coder run faster than plain spaCy over the same text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from typing import Any

from realpolitik.extract.document import DocumentCoder, Extraction
from realpolitik.extract.prefilter import blank_uneventful, trigger_forms
from realpolitik.extract.text import normalise
from realpolitik.model import Document


class Extractor(DocumentCoder):
    """The text event coder. Thread-unsafe per instance; one per process or executor."""

    def __init__(self, prefilter: bool = True, classifier: bool = True) -> None:
        from realpolitik.extract.actors import is_pair_anaphor, resolve_token
        from realpolitik.extract.mentions import find_mentions
        from realpolitik.extract.nlp import load_nlp

        self.nlp = load_nlp()
        self.prefilter = prefilter
        self._forms: frozenset[str] | None = None
        self.classifier = classifier
        self._find_mentions = find_mentions
        self._resolve_token = resolve_token
        self._is_pair_anaphor = is_pair_anaphor
        self._in_zone = False
        self._build_tables()

    def _build_tables(self) -> None:
        """Load now, outside any memory zone, what coding reads: the actor tables (from the start-up cache),
        the trigger forms of the pre-filter and the event-type classifier. Strings they put in the pipeline's
        vocabulary must outlive every zone, and the first document should not pay for them. Nothing is parsed."""
        from realpolitik.extract.startup_cache import actor_tables

        actor_tables()
        if self.prefilter:
            self._forms = trigger_forms(self.nlp)
        if self.classifier:
            from realpolitik.extract.event_classifier import load_model

            load_model()

    @contextmanager
    def memory_zone(self) -> Iterator[None]:
        """A spaCy memory zone around parsing and coding, so that the strings of the text read (every new
        word, number and name) are freed afterwards and memory does not grow with the input. The
        extraction holds no spaCy object, so nothing made inside the zone is used after it. Zones do not
        nest: an inner call runs inside the outer zone."""
        if self._in_zone:
            yield
            return
        self._in_zone = True
        try:
            with self.nlp.memory_zone():
                yield
        finally:
            self._in_zone = False

    # -- public ---------------------------------------------------------------------------------
    def extract_document(self, doc: Document) -> Extraction:
        with self.memory_zone():
            if len(doc.text) > CHUNK_CHARS:
                return self._extract_long(doc)
            return self.extract_parsed(doc, *self._parse(doc.text))

    def _extract_long(self, doc: Document) -> Extraction:
        """A document longer than one parse can hold (spaCy's limit, and memory) is read in chunks of whole
        sentences; offsets and sentence numbers are those of the whole document."""
        from realpolitik.extract.doc_people import NamedPerson, document_people, seed_people

        ex = Extraction(document=doc)
        carried: list[NamedPerson] = []  # people named in full in earlier chunks resolve their short names
        for base, chunk in text_chunks(doc.text, CHUNK_CHARS):
            sdoc, spans = self._parse(chunk)
            seed_people(sdoc, carried)
            part = self.extract_parsed(Document(doc.doc_id, chunk, doc.date), sdoc, spans)
            carried = document_people(sdoc, doc.date)
            shift = len(ex.sentences)
            ex.sentences.extend(_moved(e, base) for e in part.sentences)
            ex.mentions.extend((i + shift, _moved(a, base)) for i, a in part.mentions)
            for e in part.events:
                e.sentence += shift
                e.evidence = _moved(e.evidence, base)
                e.source = _moved(e.source, base) if e.source else None
                e.target = _moved(e.target, base) if e.target else None
                ex.events.append(e)
        return ex

    def extract_many(
        self, docs: Iterable[Document], batch_size: int = 64, workers: int | None = 1
    ) -> Iterator[Extraction]:
        """Extractions in input order, parsing in batches (spaCy's `pipe`) for throughput.

        With `workers` > 1, that many processes parse and code whole batches (`extract.parallel`); the output
        and its order are unchanged. A failing input (a malformed line) still yields every document read before
        it, with one worker or several: the error is raised once they have all been yielded. `workers=None`
        chooses: one process for small inputs (a sentence or two), else one per CPU (at most 4).
        """
        if workers is None:
            yield from self._extract_auto(docs, batch_size)
            return
        if workers > 1:
            from realpolitik.extract.parallel import extract_parallel

            yield from extract_parallel(self, docs, batch_size, workers)
            return
        for batch in batches(docs, batch_size, BATCH_CHARS):
            yield from self.code_batch(batch, batch_size)

    def code_batch(self, batch: list[Document], batch_size: int = 64) -> list[Extraction]:
        """The extractions of one batch, parsed together inside a memory zone. The zone closes before anything
        is handed back: a zone left open across a `yield` could be closed by the garbage collector (an
        abandoned generator) in the middle of another parse. A worker process holds one zone over many
        batches instead (`extract.parallel`), where no other code runs between them."""
        with self.memory_zone():
            if any(len(d.text) > CHUNK_CHARS for d in batch):
                return [self.extract_document(d) for d in batch]
            prepared = [self._prepare(d.text) for d in batch]
            parsed = self.nlp.pipe([text for text, _spans in prepared], batch_size=batch_size)
            return [
                self.extract_parsed(d, sdoc, spans)
                for d, sdoc, (_text, spans) in zip(batch, parsed, prepared, strict=True)
            ]

    def _extract_auto(self, docs: Iterable[Document], batch_size: int) -> Iterator[Extraction]:
        it = iter(docs)
        head: list[Document] = []
        chars = 0
        try:
            while chars < AUTO_PARALLEL_CHARS:
                d = next(it)
                head.append(d)
                chars += len(d.text)
        except StopIteration:
            yield from self.extract_many(head, batch_size, workers=1)
            return
        except Exception:
            yield from self.extract_many(head, batch_size, workers=1)
            raise
        from realpolitik.extract.parallel import cpu_count

        workers = min(cpu_count(), MAX_AUTO_WORKERS)
        yield from self.extract_many(chain(head, it), batch_size, workers=workers if workers > 1 else 1)

    def _prepare(self, text: str) -> tuple[str, list[tuple[int, int]] | None]:
        """The text the parser sees: typographic quotes normalised and, with the prefilter on, sentences
        that hold no event word blanked; both keep every offset. Also the document's sentence spans."""
        norm = normalise(text)
        if not self.prefilter:
            return norm, None
        if self._forms is None:
            self._forms = trigger_forms(self.nlp)
        blanked, spans, _keep = blank_uneventful(norm, forms=self._forms)
        return blanked, spans

    def _parse(self, text: str) -> tuple[Any, list[tuple[int, int]] | None]:
        prepared, spans = self._prepare(text)
        return self.nlp(prepared), spans


@lru_cache(maxsize=1)
def get_extractor() -> Extractor:
    """The process-wide extractor. Once it is built, everything it holds (the pipeline's weights, the actor
    tables: some 200,000 objects that live as long as the process) is moved out of the cycle collector's way
    (`gc.freeze`): otherwise every full collection while coding, and the several at interpreter exit, walk
    all of them, which cost a quarter of a second at the end of every command."""
    import gc

    extractor = Extractor()
    gc.freeze()
    return extractor


def extract_records(text: str, date: str | None = None, doc_id: str = "0") -> list[dict[str, Any]]:
    """Event records (the contract's dict form) for one text, with `date` its publication date."""
    ex = get_extractor().extract_document(Document(doc_id=doc_id, text=text, date=date))
    return [e.to_dict() for e in ex.events]


def batches(items: Iterable[Document], n: int, max_chars: int | None = None) -> Iterator[list[Document]]:
    """Lists of up to `n` items, and of at most `max_chars` characters of text unless one item alone is longer.
    If the source fails (a malformed input line), the documents read before the failure are still yielded,
    then the error propagates."""
    it = iter(items)
    carry: list[Document] = []
    while True:
        batch, carry = carry, []
        chars = sum(len(d.text) for d in batch)
        try:
            while len(batch) < n:
                d = next(it)
                if max_chars is not None and batch and chars + len(d.text) > max_chars:
                    carry = [d]
                    break
                batch.append(d)
                chars += len(d.text)
        except StopIteration:
            if batch:
                yield batch
            return
        except Exception:
            if batch:
                yield batch
            raise
        yield batch


#: Inputs larger than this (characters) are coded in several processes when `workers` is left to choose:
#: forked workers start in milliseconds, so a few articles are enough to gain from them.
AUTO_PARALLEL_CHARS = 20_000
#: Most worker processes chosen automatically.
MAX_AUTO_WORKERS = 4
#: Longest text parsed at once; longer documents are read in chunks of whole sentences.
CHUNK_CHARS = 50_000
#: Most characters parsed in one batch. spaCy's parse of a batch holds about 3 kB per character while it
#: runs (16 documents of 150,000 characters took 6.9 GB), so batches are bounded by size, not only by count.
BATCH_CHARS = 100_000


def text_chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, text) pieces of at most about `limit` characters, cut between sentences."""
    from realpolitik.extract.prefilter import sentence_spans

    start = 0
    end = 0
    for a, b in sentence_spans(text):
        if b - start > limit and end > start:
            yield start, text[start:end]
            start = a
        end = b
        while end - start > limit:  # one "sentence" longer than the limit (no punctuation): cut it
            yield start, text[start : start + limit]
            start += limit
    if end > start:
        yield start, text[start:end]


def _moved(obj: Any, base: int) -> Any:
    """An Actor or Evidence with its offsets moved by `base`."""
    from dataclasses import replace

    return replace(obj, start=obj.start + base, end=obj.end + base) if base else obj
