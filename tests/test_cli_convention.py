"""One CLI convention, checked on every registered command (so a new command cannot forget it):
`--quiet` everywhere, `--json` on every question and every import, and a bad input path is one
`error: ...` line naming it, with exit status 2."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from realpolitik.cli import main

#: The commands that answer a question (their answer is a dict; --json prints it).
QUESTIONS = {"ally", "ask", "balance", "check", "dependence", "resolve", "shifts", "similarity"}
#: Argument names that are input paths.
PATH_ARGUMENTS = {"paths", "file", "directory"}


def _commands(group: click.Group = main, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, click.Command]]:
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))
        else:
            yield " ".join((*prefix, name)), cmd


COMMANDS = dict(_commands())


def _options(cmd: click.Command) -> set[str]:
    return {o for p in cmd.params if isinstance(p, click.Option) for o in (*p.opts, *p.secondary_opts)}


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_walk_finds_every_area() -> None:
    names = set(COMMANDS)
    assert names >= QUESTIONS
    assert {"extract", "ingest", "import sipri", "import atop", "import gdelt", "serve"} <= names
    assert len(names) >= 30


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_takes_quiet(name: str) -> None:
    assert {"--quiet", "-q"} <= _options(COMMANDS[name]), f"`realpolitik {name}` lacks --quiet/-q"


@pytest.mark.parametrize("name", sorted(n for n in COMMANDS if n in QUESTIONS or n.startswith("import ")))
def test_questions_and_imports_take_json(name: str) -> None:
    assert "--json" in _options(COMMANDS[name]), f"`realpolitik {name}` lacks --json"


PATH_COMMANDS = sorted(
    n for n, c in COMMANDS.items() if any(isinstance(p, click.Argument) and p.name in PATH_ARGUMENTS for p in c.params)
)


@pytest.mark.parametrize("name", PATH_COMMANDS)
def test_a_missing_input_is_one_error_line(name: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-input.csv")
    args = [*name.split(), missing]
    if "--db" in _options(COMMANDS[name]):
        args += ["--db", str(tmp_path / "store.duckdb")]
    code, out, err = _run(*args)
    assert code == 2, (name, code, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and missing in lines[0], (name, err)


def test_path_commands_cover_the_readers() -> None:
    assert {"extract", "ingest", "claims", "check", "import sipri", "import factbook", "import mid"} <= set(
        PATH_COMMANDS
    )


def test_quiet_silences_notes_and_keeps_answers(shared_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "events.duckdb")
    gdelt = str(shared_dir / "data" / "gdelt" / "gdelt2_export_12rows.export.CSV")
    code, out, err = _run("import", "gdelt", gdelt, "--db", db, "--quiet", "--json")
    assert code == 0, err
    stored = json.loads(out)
    assert stored["db"] == db
    code, _, err = _run("export-events", str(tmp_path / "loud"), "--db", db)
    assert code == 0 and "events written" in err
    code, out, err = _run("export-events", str(tmp_path / "quiet"), "--db", db, "--quiet")
    assert code == 0 and err == "" and out == ""
    assert list((tmp_path / "quiet").rglob("*.parquet"))
    code, _, err = _run("graph", "--db", db, "--output", str(tmp_path / "g.json"), "--quiet")
    assert code == 0 and err == ""
    assert json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["nodes"]


def test_reference_import_json(shared_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "ref.duckdb")
    cow = str(shared_dir / "data" / "reference" / "cow_states.csv")
    code, out, err = _run("import", "cow", cow, "--db", db, "--json", "--quiet")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert report["table"] == "cow_states" and report["rows"] > 100 and report["bad_rows"] == []
    code, out, _ = _run("import", "cow", cow, "--db", db)
    assert f"{report['rows']} rows from {cow} into cow_states" in out


def test_an_output_path_that_cannot_be_written_is_one_error_line(shared_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "events.duckdb")
    gdelt = str(shared_dir / "data" / "gdelt" / "gdelt2_export_12rows.export.CSV")
    assert _run("import", "gdelt", gdelt, "--db", db, "-q")[0] == 0
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    bad = str(blocker / "out")  # inside a file: no system can create it
    for args in (
        ["report", "RUS", "DZA", "--html", bad],
        ["graph", "--output", bad],
        ["export", "--parquet", bad],
        ["export-events", bad],
    ):
        code, _, err = _run(*args, "--db", db)
        lines = err.splitlines()
        assert code == 2 and len(lines) == 1 and lines[0].startswith(f"error: {bad}"), (args, code, err)
