"""A directory of GDELT downloads holds events and mentions files side by side, named by GDELT or by the tools
that re-save them: each import takes its own files and leaves the others."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from realpolitik.cli import main
from realpolitik.sources.event_files import expand_paths


def test_events_and_mentions_files_are_told_apart_by_the_words_of_their_names(tmp_path: Path) -> None:
    names = [
        "20240101000000.export.CSV",
        "20240101000000.mentions.CSV",
        "20240101000000.gkg.csv",
        "gdelt2_mentions_sample.csv",
        "gdelt-events-2024.csv",
        "commentsonmentions.csv",  # "mentions" inside a word is not the word
    ]
    for n in names:
        (tmp_path / n).write_text("x\n", encoding="utf-8")
    events = {Path(p).name for p in expand_paths([str(tmp_path)], exclude=("mentions", "gkg"))}
    mentions = {Path(p).name for p in expand_paths([str(tmp_path)], exclude=("export", "gkg"))}
    assert events == {"20240101000000.export.CSV", "gdelt-events-2024.csv", "commentsonmentions.csv"}
    assert "gdelt2_mentions_sample.csv" in mentions and "20240101000000.export.CSV" not in mentions


def test_the_shared_gdelt_folder_imports_its_twelve_events(shared_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "g.duckdb")
    result = CliRunner().invoke(main, ["import", "gdelt", str(shared_dir / "data/gdelt"), "--db", db, "--json", "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["files"], report["inserted"], report["files_without_events"]) == (1, 12, [])
