"""A deterministic corpus of any size for the Spark tests and benchmarks: documents assembled from the
sentences of real texts (the seed article's paragraphs, the PLOVER gold-standard sentences), so that the
extractor meets real political language in every document."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path


def sentences_from(seed_text: str, plover_gsr: Path | None = None) -> list[str]:
    """The seed's paragraphs and, when given, the PLOVER gold-standard sentences (DOCUMENT records left out)."""
    out = [p.strip() for p in seed_text.split("\n") if len(p.strip()) > 40]
    if plover_gsr is not None and plover_gsr.exists():
        for rec in json.loads(plover_gsr.read_text(encoding="utf-8")):
            text = (rec.get("text") or "").strip()
            if rec.get("event") != "DOCUMENT" and text:
                out.append(text)
    return out


def write_corpus(path: Path, n_docs: int, pieces: list[str], per_doc: int = 3, date: str = "2024-11-14") -> Path:
    """n_docs JSONL documents (id, text, date), each `per_doc` consecutive pieces, cycling through them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    m = len(pieces)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n_docs):
            start = (i * 7) % m  # stride 7 so neighbouring documents differ
            text = "\n\n".join(pieces[(start + k) % m] for k in range(per_doc))
            # a running number keeps every document distinct (the store dedupes by content)
            fh.write(json.dumps({"id": f"doc{i:05d}", "text": f"{text}\n\n(Dispatch {i}.)", "date": date}) + "\n")
    return path


def lines(records: Iterable[dict]) -> list[str]:
    """Records as the CLI prints them (one JSON line each), for byte-level comparison."""
    return [json.dumps(r, ensure_ascii=False) for r in records]
