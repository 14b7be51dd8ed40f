"""Coding in worker processes: the records of one process, in input order, and a dead worker is an error."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest


def test_workers_give_the_records_of_one_process_on_news_articles(shared_dir: Path) -> None:
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.model import Document

    docs = []
    with (shared_dir / "eval/news-dev/articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs.append(Document(d["id"], d["text"], d["date"]))
    ex = get_extractor()
    one = [(x.document.doc_id, [e.to_dict() for e in x.events], len(x.mentions)) for x in ex.extract_many(docs)]
    two = [
        (x.document.doc_id, [e.to_dict() for e in x.events], len(x.mentions)) for x in ex.extract_many(docs, workers=2)
    ]
    assert one == two
    assert [d for d, _e, _m in two] == [d.doc_id for d in docs] and sum(len(e) for _d, e, _m in two) > 100


def test_a_worker_that_dies_is_one_error_after_the_documents_before(seed_path: Path, monkeypatch) -> None:
    from realpolitik.errors import RealpolitikError
    from realpolitik.extract.pipeline import Extractor, get_extractor
    from realpolitik.model import Document

    paragraphs = [p for p in seed_path.read_text(encoding="utf-8").split("\n") if len(p) > 80][:12]
    docs = [Document(str(i), p, "2024-11-14") for i, p in enumerate(paragraphs)]
    ex = get_extractor()
    real = Extractor.extract_many.__get__(ex)

    def dying(batch, batch_size=64, workers=1):  # the forked workers inherit this extractor, and die on doc 9
        if workers == 1 and any(d.doc_id == "9" for d in batch):
            os._exit(1)
        return real(batch, batch_size, workers)

    monkeypatch.setattr(ex, "extract_many", dying)
    monkeypatch.setattr("realpolitik.extract.parallel.WORKER_BATCH", 2)
    got: list[str] = []
    with pytest.raises(RealpolitikError, match="ended abruptly"):
        for x in ex.extract_many(docs, batch_size=2, workers=2):
            got.append(x.document.doc_id)
    assert got == [str(i) for i in range(len(got))] and "9" not in got
