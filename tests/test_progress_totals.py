"""Progress with a total known in advance (documents of the inputs, rows of event files)."""

from __future__ import annotations

import json
from pathlib import Path

from realpolitik.sources.articles import expected_documents


def test_documents_are_counted_ahead_of_reading(tmp_path: Path) -> None:
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text(
        "\n".join(json.dumps({"id": str(i), "text": f"Chile met Peru {i}.", "date": "2024-01-02"}) for i in range(5))
        + "\n\n",
        encoding="utf-8",
    )
    (tmp_path / "one.txt").write_text("Ghana and Togo signed a pact.", encoding="utf-8")
    assert expected_documents([str(jsonl)]) == 5
    assert expected_documents([str(tmp_path)]) == 6  # the directory: the JSONL lines and the text file
    assert expected_documents([str(jsonl), "-"]) is None  # a stream's size is not known ahead
