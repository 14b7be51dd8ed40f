"""The extraction pipeline: document -> sentences, actor mentions, events.

`get_extractor()` returns one process-wide Extractor (the spaCy pipeline is loaded once).
`Extractor.extract_document(doc)` is the single entry point used by the CLI, the store, the
Python API and the Spark engine, so every route codes the same text the same way.

Why sentences are pre-screened: an event needs an actor, so sentences without any actor
candidate (gazetteer phrase, capitalised name, demonym) are split but never parsed. That is
what lets the coder run faster than plain spaCy over the same text.
"""

from __future__ import annotations

import os
from collections import deque
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
        self._warm_up()

    def _warm_up(self) -> None:
        """Build everything that is built on first use (phrase matchers, trigger forms, the classifier)
        now, by coding one sentence outside any memory zone: strings they add to the vocabulary must outlive
        every zone."""
        self.extract_parsed(Document("warm-up", WARM_UP_TEXT, "2020-01-01"), *self._parse(WARM_UP_TEXT))

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
        self, docs: Iterable[Document], batch_size: int = 16, workers: int | None = 1
    ) -> Iterator[Extraction]:
        """Extractions in input order, parsing in batches (spaCy's `pipe`) for throughput.

        With `workers` > 1 the parsing runs in that many processes (one `pipe` over the whole stream, so each
        loads the model once) while this process codes events; the output and its order are unchanged. A
        failing input (a malformed line) still yields every document read before it with one worker; with
        several, too: the error is raised once every document read before it has been yielded.
        `workers=None` chooses: one process for small inputs (where starting workers costs more than it
        saves), else one per CPU (at most 4).
        """
        if workers is None:
            yield from self._extract_auto(docs, batch_size)
            return
        if workers > 1:
            yield from self._extract_parallel(docs, batch_size, workers)
            return
        for batch in batches(docs, batch_size, BATCH_CHARS):
            if any(len(d.text) > CHUNK_CHARS for d in batch):
                for d in batch:
                    yield self.extract_document(d)
                continue
            with self.memory_zone():
                prepared = [self._prepare(d.text) for d in batch]
                parsed = self.nlp.pipe([text for text, _spans in prepared], batch_size=batch_size)
                done = [
                    self.extract_parsed(d, sdoc, spans)
                    for d, sdoc, (_text, spans) in zip(batch, parsed, prepared, strict=True)
                ]
            yield from done

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
        workers = min(os.cpu_count() or 1, 4)
        yield from self.extract_many(chain(head, it), batch_size, workers=workers)

    def _extract_parallel(self, docs: Iterable[Document], batch_size: int, workers: int) -> Iterator[Extraction]:
        """Parse in `workers` processes, code here. The worker processes are replaced after every
        `RECYCLE_CHARS` characters of input: spaCy's workers keep every string they have seen, so
        long-lived ones would grow with the input."""
        it = iter(docs)
        failure: list[BaseException] = []
        while not failure:
            try:
                first = next(it)
            except StopIteration:
                return
            except Exception as exc:  # a malformed first input of a segment
                failure.append(exc)
                break
            yield from self._parallel_segment(chain([first], it), batch_size, workers, failure)
        raise failure[0]

    def _parallel_segment(
        self, docs: Iterator[Document], batch_size: int, workers: int, failure: list[BaseException]
    ) -> Iterator[Extraction]:
        """Extractions of the next documents of `docs`, up to about `RECYCLE_CHARS` characters, parsed by one
        set of worker processes. An input error is put in `failure` after the documents before it."""
        pending: deque[tuple[Document, list[tuple[int, int]] | None, bool]] = deque()

        def texts() -> Iterator[str]:
            chars = 0
            try:
                for d in docs:
                    chars += len(d.text)
                    if len(d.text) > PARALLEL_MAX_CHARS:  # parsed here, alone or in chunks; the workers parse
                        # a stand-in, so that no worker batch exceeds BATCH_CHARS
                        pending.append((d, None, True))
                        yield ""
                    else:
                        text, spans = self._prepare(d.text)
                        pending.append((d, spans, False))
                        yield text
                    if chars >= RECYCLE_CHARS:
                        return
            except Exception as exc:  # a malformed input: finish what was read before it, then raise
                failure.append(exc)

        pipe_batch = max(1, min(batch_size, BATCH_CHARS // PARALLEL_MAX_CHARS))
        parsed = iter(self.nlp.pipe(texts(), batch_size=pipe_batch, n_process=workers))
        while True:
            with self.memory_zone():  # the parsed documents are made here (from the workers' bytes), inside the zone
                done = []
                for sdoc in parsed:
                    d, spans, long = pending.popleft()
                    done.append(self.extract_document(d) if long else self.extract_parsed(d, sdoc, spans))
                    if len(done) == batch_size:
                        break
            yield from done
            if len(done) < batch_size:
                return

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
    return Extractor()


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


#: Inputs larger than this (characters) are parsed in several processes when `workers` is left to choose.
AUTO_PARALLEL_CHARS = 200_000
#: Longest text parsed at once; longer documents are read in chunks of whole sentences.
CHUNK_CHARS = 50_000
#: Most characters parsed in one batch. spaCy's parse of a batch holds about 3 kB per character while it
#: runs (16 documents of 150,000 characters took 6.9 GB), so batches are bounded by size, not only by count.
BATCH_CHARS = 100_000
#: Longest document sent to a parsing worker; the workers' batches hold BATCH_CHARS // this many documents.
PARALLEL_MAX_CHARS = 12_500
#: Characters of input after which parallel parsing starts fresh worker processes (bounding their memory).
RECYCLE_CHARS = 20_000_000
#: A sentence coded once when the extractor is built, so that everything built on first use exists before
#: any memory zone.
WARM_UP_TEXT = "Russian President Vladimir Putin met Algerian officials in Moscow on Monday and signed an agreement."


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
