"""The pre-parse filter: sentence spans, blanking that keeps offsets, and no events lost by it."""

from __future__ import annotations

from realpolitik.extract.prefilter import blank_uneventful, sentence_spans

TEXT = (
    "Gen. Ali Mahmoud met the Egyptian foreign minister in Cairo on Monday. The weather was mild.\n"
    "Turkish troops fought Kurdish militants near the border. Prices rose again?\n"
    "Mr. Smith thinks otherwise."
)


def test_sentence_spans_skip_abbreviations_and_break_at_lines() -> None:
    spans = [TEXT[a:b] for a, b in sentence_spans(TEXT)]
    assert spans[0].startswith("Gen. Ali Mahmoud met") and spans[0].endswith("Monday.")
    assert spans[1] == "The weather was mild."
    assert spans[-1] == "Mr. Smith thinks otherwise."
    assert len(spans) == 5


def test_blanking_keeps_length_and_the_sentences_with_event_words() -> None:
    from realpolitik.extract.nlp import load_nlp

    blanked, spans, keep = blank_uneventful(TEXT, load_nlp())
    assert len(blanked) == len(TEXT)
    kept = [TEXT[a:b] for (a, b), k in zip(spans, keep, strict=True) if k]
    assert any("met" in s for s in kept)  # irregular form of "meet" from the lemmatizer's tables
    assert any("fought" in s for s in kept)
    assert "weather" not in blanked and "Prices" not in blanked
    for (a, b), k in zip(spans, keep, strict=True):
        if k:
            assert blanked[a:b] == TEXT[a:b]


def test_the_filter_loses_no_event_of_real_text(seed_path) -> None:
    from realpolitik.extract.pipeline import Extractor
    from realpolitik.model import Document

    text = seed_path.read_text(encoding="utf-8")
    filtered = Extractor(prefilter=True).extract_document(Document("s", text, "2024-11-14"))
    full = Extractor(prefilter=False).extract_document(Document("s", text, "2024-11-14"))

    def triples(ex):
        return {(e.event_type, e.source and e.source.code, e.target and e.target.code) for e in ex.events}

    lost = triples(full) - triples(filtered)
    assert not lost, lost
    # sentence numbers count every sentence of the document, and evidence is the document's own text
    for e in filtered.events:
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text


def test_parallel_parsing_gives_the_same_records_in_the_same_order(seed_path) -> None:
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.model import Document

    text = seed_path.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if len(p) > 80][:12]
    docs = [Document(str(i), p, "2024-11-14") for i, p in enumerate(paragraphs)]
    ex = get_extractor()
    one = [[e.to_dict() for e in x.events] for x in ex.extract_many(docs, batch_size=2)]
    two = [[e.to_dict() for e in x.events] for x in ex.extract_many(docs, batch_size=2, workers=2)]
    assert one == two and any(one)


def test_long_documents_are_read_in_chunks_with_document_offsets(seed_path, monkeypatch) -> None:
    from realpolitik.extract import pipeline as pl
    from realpolitik.model import Document

    text = seed_path.read_text(encoding="utf-8")
    whole = pl.get_extractor().extract_document(Document("s", text, "2024-11-14"))
    monkeypatch.setattr(pl, "CHUNK_CHARS", 2500)
    chunked = pl.get_extractor().extract_document(Document("s", text, "2024-11-14"))
    assert len(chunked.events) >= len(whole.events) * 0.8
    for e in chunked.events:
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
        for a in (e.source, e.target):
            if a is not None:
                assert text[a.start : a.end] == a.text
    assert [s.start for s in chunked.sentences] == sorted(s.start for s in chunked.sentences)


def test_parallel_parsing_yields_everything_read_before_a_broken_input(seed_path) -> None:
    import pytest

    from realpolitik.errors import InputError
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.model import Document

    paragraphs = [p for p in seed_path.read_text(encoding="utf-8").split("\n") if len(p) > 80][:6]

    def docs():
        for i, p in enumerate(paragraphs):
            yield Document(str(i), p, "2024-11-14")
        raise InputError("malformed line", "x.jsonl", 7)

    got = []
    with pytest.raises(InputError):
        for ex in get_extractor().extract_many(docs(), batch_size=2, workers=2):
            got.append(ex.document.doc_id)
    assert got == [str(i) for i in range(len(paragraphs))]


def test_the_words_of_a_text_read_do_not_stay_in_the_vocabulary(seed_path) -> None:
    """Memory must not grow with the input: spaCy keeps every new string it sees unless parsing runs in a
    memory zone. The coding must work the same inside the zone."""
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.model import Document

    ex = get_extractor()
    novel = ["Zorblavian", "Quextrovia", "Vlampernikov"]
    text = f"{novel[0]} troops attacked the town of {novel[1]}, and Russia condemned {novel[2]}'s offensive."
    [single] = [ex.extract_document(Document("z", text, "2024-11-14"))]
    batched = list(ex.extract_many([Document("z", text, "2024-11-14")] * 3, batch_size=2))
    assert any(e.event_type == "ASSAULT" for e in single.events)
    assert [e.to_dict() for e in batched[0].events] == [e.to_dict() for e in single.events]
    for word in novel:
        assert word not in ex.nlp.vocab.strings
    # what the extractor built before reading (its matchers) still works after the zones
    again = ex.extract_document(Document("s", seed_path.read_text(encoding="utf-8"), "2024-11-14"))
    assert {"DZA", "RUS"} <= {e.source.code for e in again.events if e.source}


def test_parsing_workers_restarted_mid_stream_give_the_same_records(seed_path, monkeypatch) -> None:
    from realpolitik.extract import parallel
    from realpolitik.extract import pipeline as pl
    from realpolitik.model import Document

    paragraphs = [p for p in seed_path.read_text(encoding="utf-8").split("\n") if len(p) > 80][:10]
    docs = [Document(str(i), p, "2024-11-14") for i, p in enumerate(paragraphs)]
    ex = pl.get_extractor()
    one = [[e.to_dict() for e in x.events] for x in ex.extract_many(docs, batch_size=2)]
    monkeypatch.setattr(parallel, "RECYCLE_CHARS", 1_500)  # a new set of workers every few paragraphs
    two = [[e.to_dict() for e in x.events] for x in ex.extract_many(docs, batch_size=2, workers=2)]
    assert one == two and sum(map(len, one)) > 5


def test_batches_are_bounded_by_characters_as_well_as_count() -> None:
    """A parse holds memory per character of its batch: long documents must not share a batch."""
    from realpolitik.extract.pipeline import batches
    from realpolitik.model import Document

    docs = [Document(str(i), "x" * size) for i, size in enumerate([10, 10, 90, 10, 200, 5, 5])]
    got = [[d.doc_id for d in b] for b in batches(docs, 4, max_chars=100)]
    assert got == [["0", "1"], ["2", "3"], ["4"], ["5", "6"]]
    assert [[d.doc_id for d in b] for b in batches(docs, 3)] == [["0", "1", "2"], ["3", "4", "5"], ["6"]]
