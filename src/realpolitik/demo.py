"""`realpolitik demo`: ingest the seed article and print a readable summary."""

from __future__ import annotations

from pathlib import Path


def run_demo(article: Path, db: str, quiet: bool = False) -> None:
    from realpolitik.sources.articles import read_documents
    from realpolitik.store.db import Store

    with Store(db) as store:
        report = store.ingest(read_documents([str(article)], date="2024-11-14"))
        print(f"ingested {article} into {db}: {report.stored} new documents, {report.events} events")
