"""The DuckDB store: idempotent ingest, one transaction per document, queries, Parquet export."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import realpolitik
from realpolitik.actor_lookup import resolve_actor_code
from realpolitik.errors import InputError
from realpolitik.ingest import ingest
from realpolitik.sources.articles import read_documents
from realpolitik.store.db import Store

SECOND = "Kenya's president met Ethiopia's prime minister in Addis Ababa last week. They signed a trade agreement."


def test_reingesting_the_same_document_changes_nothing(db_file: Path, seed_path: Path) -> None:
    with Store(db_file) as store:
        first = ingest(store, read_documents([str(seed_path)], date="2024-11-14"))
        counts = {t: store.count(t) for t in ("documents", "sentences", "mentions", "events")}
        again = ingest(store, read_documents([str(seed_path)], date="2024-11-14"))
        assert first.stored == 1 and first.events > 0
        assert again.stored == 0 and again.skipped == 1
        assert {t: store.count(t) for t in counts} == counts


def test_a_failing_document_leaves_the_store_as_it_was_before_it(
    db_file: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from realpolitik.model import Document

    boom = Document(doc_id="boom", text=SECOND, date="2024-11-14")
    with Store(db_file) as store:
        ingest(store, read_documents([str(seed_path)], date="2024-11-14"))
        before = {t: store.count(t) for t in ("documents", "sentences", "mentions", "events", "actors")}

        def crash(*_a: object, **_k: object) -> int:
            # documents, sentences and mentions of `boom` are already written when this runs
            assert store.con.execute("SELECT count(*) FROM documents WHERE doc_id = 'boom'").fetchall()[0][0] == 1
            raise RuntimeError("disk full")

        monkeypatch.setattr(store, "_insert_events", crash)
        with pytest.raises(RuntimeError, match="disk full"):
            ingest(store, [boom])
        monkeypatch.undo()
        assert {t: store.count(t) for t in before} == before
        assert not store.has_document(boom.key)
        # and the store still works afterwards
        assert ingest(store, [boom]).stored == 1


def test_broken_jsonl_line_stores_the_valid_documents_before_it(db_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"id": "one", "text": "Russia delivered fighter jets to Algeria in 2023."})
        + "\n{broken\n"
        + json.dumps({"id": "three", "text": "Mali expelled the French ambassador."})
        + "\n",
        encoding="utf-8",
    )
    with Store(db_file) as store:
        with pytest.raises(InputError, match=r"batch\.jsonl:2"):
            ingest(store, read_documents([str(path)]))
        assert store.documents()["doc_id"].tolist() == ["one"]


def test_python_api_returns_dataframes(seed_store_path: Path) -> None:
    store = realpolitik.open(str(seed_store_path), read_only=True)
    try:
        events = store.events(actor="DZA")
        assert len(events) > 0
        assert {"source_code", "target_code", "event_type", "evidence_text"} <= set(events.columns)
        assert (
            (events.source_code == "DZA")
            | (events.target_code == "DZA")
            | (events.source_country == "DZA")
            | (events.target_country == "DZA")
        ).all()
        by_name = store.events(actor=resolve_actor_code("Algeria"))  # a typed name, resolved by the caller
        assert len(by_name) == len(events)
        assert len(store.events(since="2024-06")) < len(store.events())
        assert len(store.sentences()) > 20
    finally:
        store.close()


def test_parquet_export_reads_back_in_duckdb(seed_store_path: Path, tmp_path: Path) -> None:
    with Store(seed_store_path, read_only=True) as store:
        files = store.export_parquet(tmp_path / "pq")
        n = store.count("events")
    names = {f.name for f in files}
    assert {"documents.parquet", "sentences.parquet", "events.parquet", "mentions.parquet"} <= names
    got = duckdb.connect().execute(f"SELECT count(*) FROM '{tmp_path / 'pq' / 'events.parquet'}'").fetchall()[0][0]
    assert got == n


def test_parts_of_a_large_file_are_stored_with_their_place_in_the_file(tmp_path, seed_path, monkeypatch) -> None:
    from realpolitik.sources import articles

    monkeypatch.setattr(articles, "LARGE_TEXT_BYTES", 10_000)
    monkeypatch.setattr(articles, "PART_CHARS", 4_000)
    text = seed_path.read_text(encoding="utf-8")
    whole = text + "\n\n" + text
    path = tmp_path / "dump.txt"
    path.write_text(whole, encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest(store, read_documents([str(path)], date="2024-11-14"))
        again = ingest(store, read_documents([str(path)], date="2024-11-14"))
        rows = store.query(
            "SELECT d.text_offset, e.evidence_start, e.evidence_end, e.evidence_text "
            "FROM events e JOIN documents d USING (doc_key)"
        )
    assert first.stored > 2 and first.events > 10
    assert again.stored == 0 and again.skipped == first.stored
    # an event's evidence, moved by its part's offset, is the file's own text
    for off, a, b, ev in rows.itertuples(index=False):
        assert whole[off + a : off + b] == ev
    assert rows["text_offset"].nunique() > 2


def test_repeats_far_apart_in_one_input_are_stored_once(db_file: Path, seed_path: Path, monkeypatch) -> None:
    """Repeats are caught before extraction when close together and when written otherwise; either way the
    report counts them as skipped and the store holds each document once."""
    from realpolitik import ingest as ingest_module
    from realpolitik.model import Document

    monkeypatch.setattr(ingest_module, "RECENT_KEYS", 2)  # forget quickly: the second copy is only caught when written
    monkeypatch.setattr(ingest_module, "CHECK_CHUNK_DOCS", 3)
    paragraphs = [p for p in seed_path.read_text(encoding="utf-8").split("\n") if len(p) > 80][:6]
    docs = [Document(f"p{i}", p, "2024-11-14") for i, p in enumerate(paragraphs)]
    with Store(db_file) as store:
        report = ingest(store, docs + docs[:2] + docs)
        assert (report.stored, report.skipped) == (6, 8)
        assert store.count("documents") == 6
        assert store.query("SELECT count(DISTINCT event_id) = count(*) AS ok FROM events")["ok"][0]


def test_ingest_caps_duckdb_memory_only_while_it_runs(db_file: Path) -> None:
    from realpolitik.model import Document

    with Store(db_file) as store:
        before = store.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
        seen = []
        ingest(
            store,
            [Document("a", "Russia signed an agreement with Algeria.", "2024-01-01")],
            progress=lambda _d: seen.append(
                store.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
            ),
        )
        after = store.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    assert after == before and seen and seen[0] != before
