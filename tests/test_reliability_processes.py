"""Reliability between processes: a store another process holds, requests under a foreign host name, and
parsing workers whose command is killed. These start real `realpolitik` processes (a server, an extract)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from realpolitik.cli import main

#: How long a started process may take to get where a test needs it (loading the model, binding a port).
#: A bound on waiting, never an assertion about speed.
PATIENCE_S = 120.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(condition: object, what: str, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not condition():  # type: ignore[operator]
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"the process ended (status {proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture()
def writing_server(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """`realpolitik serve --allow-write` on a fresh store, as a separate process."""
    db, port = tmp_path / "served.duckdb", free_port()
    cmd = [sys.executable, "-m", "realpolitik", "serve", "--db", str(db), "--port", str(port), "--allow-write"]
    proc = subprocess.Popen(
        [*cmd, "--token", "t0ken"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        wait_for(lambda: listening(port), "the server listens", proc)
        yield db, port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def get(port: int, host: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", "/", headers={"Host": host})
        return conn.getresponse().status
    finally:
        conn.close()


def test_an_ingest_into_a_store_a_writing_server_holds_is_one_line_naming_store_and_holder(
    writing_server: tuple[Path, int], seed_path: Path
) -> None:
    db, _port = writing_server
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", str(db), str(seed_path)], catch_exceptions=False)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(db) in lines[0]
    assert "writing `realpolitik serve`" in lines[0]  # which kind of process holds it
    assert "stop it" in lines[0] or "through it" in lines[0]  # and what to do


def test_the_server_answers_only_its_own_host_names(writing_server: tuple[Path, int]) -> None:
    _db, port = writing_server
    assert get(port, f"127.0.0.1:{port}") == 200
    assert get(port, f"localhost:{port}") == 200
    assert get(port, "evil.example") in (400, 421)
    assert get(port, f"evil.example:{port}") in (400, 421)
    assert get(port, f"localhost.evil.example:{port}") in (400, 421)


def test_allowed_host_names_grow_with_host_and_allow_host(seed_store_path: Path) -> None:
    from fastapi.testclient import TestClient

    from realpolitik.web.app import create_app
    from realpolitik.web.security import WILDCARD_BINDS, allowed_host_names

    bind = "0.0.0.0"
    app = create_app(
        seed_store_path, allowed_hosts=allowed_host_names(bind, ["news.example"]), any_ip=bind in WILDCARD_BINDS
    )
    with TestClient(app, base_url="http://localhost") as client:
        for host, ok in (
            ("localhost", True),
            ("[::1]:8000", True),
            ("NEWS.example:8000", True),
            ("10.1.2.3:8000", True),  # bound to every interface: reached under one of its addresses
            ("evil.example", False),
            ("news.example.evil.example", False),
        ):
            status = client.get("/api/health", headers={"Host": host}).status_code
            assert (status != 421) is ok, (host, status)
    only_loopback = create_app(seed_store_path)
    with TestClient(only_loopback, base_url="http://localhost") as client:
        assert client.get("/", headers={"Host": "10.1.2.3"}).status_code == 421
        assert client.get("/").status_code == 200


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signals are Linux's")
def test_parse_workers_die_when_their_command_is_killed(seed_path: Path) -> None:
    paragraphs = [p for p in seed_path.read_text(encoding="utf-8").splitlines() if len(p) > 150]
    cmd = [sys.executable, "-m", "realpolitik", "extract", "-q", "--workers", "2", "-"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        assert proc.stdin is not None
        # enough lines for the workers to start; standard input stays open, so the command waits for more
        proc.stdin.write(("\n".join(paragraphs * 8) + "\n").encode())
        proc.stdin.flush()

        def started() -> bool:
            workers.update(children_of(proc.pid))
            return len(workers) >= 2

        wait_for(started, "two parsing workers", proc)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    try:
        wait_for(lambda: not any(alive(w) for w in workers), "the workers to end after their parent")
    finally:  # when they did not, they are cleaned up here rather than left holding their memory
        for w in workers:
            if alive(w):
                os.kill(w, signal.SIGKILL)


def test_an_ingest_killed_mid_way_keeps_whole_documents_and_a_rerun_completes(tmp_path: Path, seed_path: Path) -> None:
    """kill -9 after the first batches are committed: the store opens, every stored document is whole (its
    sentences and events with it), and ingesting the same input again stores exactly the rest."""
    import json

    from realpolitik.store.db import Store

    paragraphs = sorted((p for p in seed_path.read_text(encoding="utf-8").splitlines() if len(p) > 150), key=len)
    n_docs = 300
    f = tmp_path / "many.jsonl"
    f.write_text(
        "".join(
            json.dumps({"id": f"d{i:03d}", "text": f"{paragraphs[i % 6]} ({i})", "date": "2024-11-14"}) + "\n"
            for i in range(n_docs)
        ),
        encoding="utf-8",
    )
    db = tmp_path / "crash.duckdb"
    wal = tmp_path / "crash.duckdb.wal"
    cmd = [sys.executable, "-m", "realpolitik", "ingest", "-q", "--workers", "1", "--db", str(db), str(f)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # the tables alone take a few kB of log; a committed batch of documents takes tens
        wait_for(lambda: wal.exists() and wal.stat().st_size > 30_000, "a committed batch", proc)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()

    with Store(db, read_only=True) as store:
        kept = set(store.documents().doc_id)
        unwhole = store.con.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_key = d.doc_key)"
        ).fetchall()[0][0]
        orphans = store.con.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_key = e.doc_key)"
        ).fetchall()[0][0]
    assert 0 < len(kept) < n_docs
    assert unwhole == 0 and orphans == 0

    result = CliRunner().invoke(
        main, ["ingest", "-q", "--workers", "1", "--db", str(db), str(f)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert f"{n_docs - len(kept)} documents stored, {len(kept)} already present" in result.output
    with Store(db, read_only=True) as store:
        assert set(store.documents().doc_id) == {f"d{i:03d}" for i in range(n_docs)}
