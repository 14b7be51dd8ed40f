"""`realpolitik demo`: ingest the seed article and print a readable summary.

The summary is what an analyst checks first: which actors were found, and for each dyad the
events read from the text, each with the sentence it came from.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import Any

SEED_DATE = "2024-11-14"


def run_demo(article: Path, db: str, quiet: bool = False) -> None:
    from realpolitik.sources.articles import read_documents
    from realpolitik.store.db import Store

    with Store(db) as store:
        report = store.ingest(read_documents([str(article)], date=SEED_DATE))
        print(f"realpolitik demo: {article}")
        print(
            f"store {db}: {report.stored} new documents ({report.skipped} already present), "
            f"{store.count('events')} events in all\n"
        )
        actors = store.query(
            "SELECT code, any_value(sector) AS sector, count(*) AS mentions, "
            "string_agg(DISTINCT text, ' | ') AS written_as FROM mentions WHERE code IS NOT NULL "
            "GROUP BY code ORDER BY mentions DESC, code"
        )
        print(f"Actors found ({len(actors)}):")
        for row in actors.itertuples():
            print(f"  {row.code:<10} {row.mentions:>3}x  {_short(row.written_as, 90)}")
        events = store.query(
            "SELECT * FROM events WHERE NOT negated AND NOT hypothetical "
            "ORDER BY least(coalesce(source_code,''), coalesce(target_code,'')), "
            "greatest(coalesce(source_code,''), coalesce(target_code,'')), sentence, event_type"
        )
        print(f"\nEvents by dyad ({len(events)} that happened; negated and hypothetical ones are stored too):")
        last = None
        for e in _rows(events):
            dyad = " – ".join(sorted([e.source_code or "?", e.target_code or "?"]))
            if dyad != last:
                print(f"\n  {dyad}")
                last = dyad
            print(
                f"    {e.date or '':<10} {e.source_code or '?'} {e.event_type}{'/' + e.mode if e.mode else ''} "
                f"{e.target_code or '?'}  (intensity {e.intensity:+.1f}, sentence {e.sentence})"
            )
            print(textwrap.indent(textwrap.fill(f"“{e.evidence_text.strip()}”", 100), "        "))
        negated = store.query("SELECT * FROM events WHERE negated ORDER BY sentence")
        if len(negated):
            print("\nStated as NOT having happened:")
            for e in _rows(negated):
                print(f"    {e.source_code or '?'} {e.event_type} {e.target_code or '?'}: “{_short(e.evidence_text, 140)}”")
        print(f"\nExplore: realpolitik events --db {db} --format table | realpolitik export --db {db} --parquet out/")


def _rows(df: Any) -> list[SimpleNamespace]:
    """Rows with missing values as None (pandas reads SQL NULL in string columns as NaN, which is truthy)."""
    clean = df.astype(object).where(df.notna(), None)
    return [SimpleNamespace(**r) for r in clean.to_dict("records")]


def _short(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"
