"""The Spark driver streams its input: documents go to Spark batch after batch, read lazily, and the
records and the store come out as with one big batch (and as with the local engine)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from realpolitik.model import Document


def _counted(texts: list[str], consumed: list[int]) -> Iterator[Document]:
    for i, text in enumerate(texts):
        consumed[0] = i + 1
        yield Document(doc_id=str(i), text=text)


def _pieces(seed_path: Path) -> list[str]:
    from realpolitik.spark.corpus import sentences_from

    return sentences_from(seed_path.read_text(encoding="utf-8"))


def test_batches_read_lazily_and_keep_input_positions(seed_path: Path) -> None:
    from realpolitik.spark.engine import batches

    pieces = _pieces(seed_path)
    texts = [pieces[i % len(pieces)] for i in range(50)]
    consumed = [0]
    it = batches(_counted(texts, consumed), max_docs=8)
    first = next(it)
    assert [t[0] for t in first] == list(range(8))
    assert consumed[0] == 9  # the ninth document closed the batch; the other 41 are not read yet
    rest = list(it)
    assert consumed[0] == 50
    assert [t[0] for b in rest for t in b] == list(range(8, 50))
    assert [len(b) for b in rest] == [8, 8, 8, 8, 8, 2]
    assert [t[2] for b in [first, *rest] for t in b] == texts


def test_batches_close_on_characters(seed_path: Path) -> None:
    from realpolitik.spark.engine import batches

    texts = _pieces(seed_path)[:12]
    limit = 3 * max(len(t) for t in texts)
    got = list(batches((Document(doc_id=str(i), text=t) for i, t in enumerate(texts)), max_chars=limit))
    assert len(got) > 1
    assert all(sum(len(t[2]) for t in b) <= limit for b in got)
    assert [t[1] for b in got for t in b] == [str(i) for i in range(12)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    from realpolitik.spark.corpus import write_corpus

    return write_corpus(tmp_path_factory.mktemp("stream") / "corpus.jsonl", 17, _pieces(seed_path))


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    pytest.importorskip("pyspark")
    from realpolitik.spark.session import get_spark

    session = get_spark(
        "local[2]",
        conf={"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2"},
    )
    yield session


@pytest.mark.spark
def test_small_batches_give_the_local_records(spark: object, corpus: Path) -> None:
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.sources.articles import read_documents
    from realpolitik.spark.corpus import lines
    from realpolitik.spark.engine import extract_with_spark

    ex = get_extractor()
    local = lines(e.to_dict() for d in read_documents([str(corpus)]) for e in ex.extract_document(d).events)
    got = lines(extract_with_spark([str(corpus)], quiet=True, partitions=2, batch_docs=5))
    assert len(local) > 17
    assert got == local


@pytest.mark.spark
def test_ingest_in_small_batches_stores_what_local_ingest_stores(spark: object, corpus: Path, tmp_path: Path) -> None:
    from realpolitik.ingest import ingest
    from realpolitik.sources.articles import read_documents
    from realpolitik.spark.engine import ingest_with_spark
    from realpolitik.store.db import Store
    from realpolitik.store.scale import open_parquet_store

    with Store(tmp_path / "local.duckdb") as store:
        ingest(store, read_documents([str(corpus)]))
        expected = store.query("SELECT * FROM events ORDER BY event_id")
        docs = store.query("SELECT doc_key, doc_id FROM documents ORDER BY doc_key")
    pq = tmp_path / "events.parquet"
    summary = ingest_with_spark(
        [str(corpus), str(corpus)], db=str(tmp_path / "spark.duckdb"), quiet=True, parquet_dir=str(pq), batch_docs=4
    )
    assert (summary["stored"], summary["skipped"]) == (17, 17)  # the second copy is seen, not sent to Spark
    with Store(tmp_path / "spark.duckdb", read_only=True) as store:
        assert store.query("SELECT * FROM events ORDER BY event_id").equals(expected)
        assert store.query("SELECT doc_key, doc_id FROM documents ORDER BY doc_key").equals(docs)
    assert open_parquet_store(pq).query("SELECT * FROM events ORDER BY event_id").equals(expected)


def test_a_missing_input_fails_before_spark_and_creates_no_store(tmp_path: Path) -> None:
    from realpolitik.errors import InputError
    from realpolitik.spark.engine import ingest_with_spark

    db = tmp_path / "never.duckdb"
    with pytest.raises(InputError, match="no such file"):
        ingest_with_spark([str(tmp_path / "missing.txt")], db=str(db), quiet=True)
    assert not db.exists()
