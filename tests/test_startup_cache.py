"""The start-up cache: a saved build answers exactly as a fresh one, is rebuilt when damaged or when what it
was built from changes, and can be turned off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from realpolitik.extract import startup_cache as sc


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REALPOLITIK_CACHE_DIR", str(folder))
    return folder


def test_a_saved_build_is_loaded_instead_of_built(cache: Path) -> None:
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"answer": 42}

    assert sc.load_or_build("probe", build, dict) == {"answer": 42}
    [saved] = cache.glob("probe-*.pickle")
    assert sc.load_or_build("probe", build, dict) == {"answer": 42}
    assert len(builds) == 1
    saved.write_bytes(b"not a pickle")  # damaged: built again and replaced
    assert sc.load_or_build("probe", build, dict) == {"answer": 42}
    assert len(builds) == 2 and saved.read_bytes() != b"not a pickle"


def test_the_key_changes_with_the_data_it_was_built_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "states.csv"
    table.write_text("iso3,name\nDZA,Algeria\n", encoding="utf-8")
    monkeypatch.setattr(sc, "_package_files", lambda: [table])
    sc.build_key.cache_clear()
    try:
        before = sc.build_key()
        table.write_text("iso3,name\nDZA,Algérie\n", encoding="utf-8")
        sc.build_key.cache_clear()
        assert sc.build_key() != before
    finally:
        sc.build_key.cache_clear()


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REALPOLITIK_CACHE_DIR", "off")
    assert sc.cache_dirs() == []
    assert sc.load_or_build("probe", lambda: [1, 2], list) == [1, 2]


def test_the_files_it_depends_on_include_the_gazetteer_data_and_the_coder() -> None:
    names = {p.name for p in sc._package_files()}
    assert {"states.csv", "people.csv", "gazetteer.py", "phrase_table.py", "about.py"} <= names


LOOKUPS = """
import json, sys
from realpolitik.extract.gazetteer import get_gazetteer
g = get_gazetteer()
names = ["Algeria", "Algerian", "Bamako", "NATO", "Vladimir Putin", "Putin", "Bharatiya Janata Party", "JNIM"]
out = {n: (lambda e: e and [e.code, e.country, e.sector, e.kind])(g.lookup(n, "2024-11-14")) for n in names}
out["members"] = get_gazetteer().members("ECOWAS", "2023-06-01")
print(json.dumps(out, sort_keys=True))
"""


def test_a_loaded_gazetteer_answers_as_a_built_one(tmp_path: Path) -> None:
    """Three processes: no cache (built), the first with a cache (built and saved), the second (loaded, its
    tables restored as they are asked for)."""

    def run(cache_dir: str) -> dict[str, object]:
        env = {**os.environ, "REALPOLITIK_CACHE_DIR": cache_dir}
        out = subprocess.run([sys.executable, "-c", LOOKUPS], env=env, capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    built = run("off")
    saved = run(str(tmp_path / "c"))
    loaded = run(str(tmp_path / "c"))
    assert built == saved == loaded
    assert built["Algeria"] == ["DZA", "DZA", None, "state"]
    assert built["Vladimir Putin"][0] == "RUS" and "NGA" in built["members"]  # type: ignore[index,operator]
    assert len(list((tmp_path / "c").glob("actor-tables-*.pickle"))) == 1


def test_the_cache_command_builds_loads_and_clears(cache: Path) -> None:
    from click.testing import CliRunner

    from realpolitik.cli import main

    sc.actor_tables.cache_clear()  # this process has its tables: the command must load them from the folder
    try:
        first = CliRunner().invoke(main, ["cache", "--json", "-q"], catch_exceptions=False)
        sc.actor_tables.cache_clear()
        second = CliRunner().invoke(main, ["cache", "--json", "-q"], catch_exceptions=False)
        assert json.loads(first.stdout)["status"] == "built"
        assert json.loads(second.stdout)["status"] == "loaded"
        assert json.loads(second.stdout)["file"].startswith(str(cache))
        cleared = CliRunner().invoke(main, ["cache", "--clear", "--json"], catch_exceptions=False)
        assert len(json.loads(cleared.stdout)["removed"]) == 1 and not list(cache.glob("*.pickle"))
    finally:
        sc.actor_tables.cache_clear()


def test_a_cache_folder_that_cannot_be_written_only_means_building(tmp_path: Path, monkeypatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("REALPOLITIK_CACHE_DIR", str(blocked / "cache"))
    assert sc.load_or_build("probe", lambda: {"built": True}, dict) == {"built": True}
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_a_home_that_cannot_be_written_saves_in_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("REALPOLITIK_CACHE_DIR", raising=False)
    blocked = tmp_path / "home-is-a-file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(sc.sys, "prefix", str(tmp_path / "venv"))
    builds: list[int] = []

    def build() -> list[int]:
        builds.append(1)
        return [7]

    assert sc.load_or_build("probe", build, list) == [7]
    [saved] = (tmp_path / "venv" / "share" / "realpolitik" / "cache").glob("probe-*.pickle")
    assert sc.load_or_build("probe", build, list) == [7] and len(builds) == 1
    assert sc.saved_path("probe") == saved


def test_threads_asking_for_a_saved_table_at_once_restore_it_once(cache: Path) -> None:
    """The web server's threads share one gazetteer: the first look-ups of a saved table may come together."""
    import pickle
    import threading

    from realpolitik.extract.gazetteer import get_gazetteer

    loaded = pickle.loads(pickle.dumps(get_gazetteer().complete()))  # as the cache gives it: tables still saved
    assert "_people" not in loaded.__dict__
    answers: list[object] = []
    barrier = threading.Barrier(8)

    def ask() -> None:
        barrier.wait()
        entry = loaded.person("Vladimir Putin", "2024-11-14")
        answers.append(entry and entry.code)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == ["RUS"] * 8
