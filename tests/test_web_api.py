"""The JSON API over a store of the seed article: graph, edge evidence, dyad, actor, documents, and the
security rules (read-only by default, token for writes, upload limit, escaped text, no paths).

`build_seed_store` stores the seed's real text and sentences with hand-coded events on real seed
sentences, so these tests do not depend on the coder's current output; the ingestion tests run the
real coder on a short article.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from realpolitik.model import Actor, Document, EventRecord, Evidence
from realpolitik.store.db import Store
from realpolitik.web.app import create_app
from realpolitik.web.security import MAX_UPLOAD_BYTES

SEED_DATE = "2024-11-14"
STATE_NAMES = {
    "Russia": "RUS",
    "Moscow": "RUS",
    "Algeria": "DZA",
    "Algiers": "DZA",
    "Mali": "MLI",
    "Bamako": "MLI",
    "Ukraine": "UKR",
    "France": "FRA",
    "Morocco": "MAR",
}
# (cue in the seed text, source name, event type, target name, intensity, date, negated)
SEED_EVENTS = (
    (
        "Algeria represents the third customer of the Russian military industry",
        "Russian",
        "AID",
        "Algeria",
        5.2,
        "2024",
        False,
    ),
    ("Algeria depends entirely on Russia for its defense", "Russia", "AID", "Algeria", 5.2, "2024", False),
    ("treaty exists between Russia and Algeria", "Russia", "AGREE", "Algeria", 4.0, None, True),
    ("where Russia has been helping the Malian state since 2021", "Russia", "AID", "Mali", 5.2, "2021", False),
    (
        "military cooperation between Moscow and Bamako has been greatly strengthened",
        "Moscow",
        "COOPERATE",
        "Bamako",
        4.0,
        "2021",
        False,
    ),
)
ACTOR_OF_TEXT = {"Russian": "RUS", "Malian": "MLI", **STATE_NAMES}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets by end punctuation: enough for a store built by hand."""
    spans, start = [], 0
    for m in re.finditer(r"[.!?][”\"’]?(\s+)", text):
        end = m.start(1)
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def build_seed_store(path: Path, seed_path: Path) -> Path:
    """A store with the seed article's text, sentences, state mentions and events on its real sentences."""
    from realpolitik.extract.pipeline import Extraction

    text = seed_path.read_text(encoding="utf-8")
    doc = Document(
        doc_id=seed_path.stem, text=text, date=SEED_DATE, path=str(seed_path), url="https://example.org/seed"
    )
    spans = split_sentences(text)

    def sentence_of(pos: int) -> int:
        return next(i for i, (s, e) in enumerate(spans) if s <= pos < e)

    ex = Extraction(document=doc, sentences=[Evidence(text[s:e], s, e) for s, e in spans])
    for name, code in STATE_NAMES.items():
        for m in re.finditer(rf"\b{name}\b", text):
            ex.mentions.append((sentence_of(m.start()), Actor(name, m.start(), m.end(), code, code, "GOV")))
    for cue, src, etype, tgt, intensity, date, negated in SEED_EVENTS:
        at = text.index(cue)
        i = sentence_of(at)
        s_at = text.index(src, at) if src in cue else text.index(src, spans[i][0])
        t_at = text.index(tgt, at)
        ex.events.append(
            EventRecord(
                doc_id=doc.doc_id,
                sentence=i,
                event_type=etype,
                source=Actor(src, s_at, s_at + len(src), ACTOR_OF_TEXT[src], ACTOR_OF_TEXT[src], "GOV"),
                target=Actor(tgt, t_at, t_at + len(tgt), ACTOR_OF_TEXT[tgt], ACTOR_OF_TEXT[tgt], "GOV"),
                evidence=Evidence(text[spans[i][0] : spans[i][1]], *spans[i]),
                intensity=intensity,
                date=date,
                negated=negated,
                confidence=0.8,
            )
        )
    with Store(path) as store:
        store.add_extraction(ex)
    return path


@pytest.fixture(scope="module")
def web_seed_store(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    return build_seed_store(tmp_path_factory.mktemp("webseed") / "seed.duckdb", seed_path)


@pytest.fixture(scope="module")
def client(web_seed_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_seed_store), base_url="http://localhost") as c:
        yield c


def test_graph_has_the_rus_dza_edge_with_sign_weight_and_count(client: TestClient) -> None:
    g = client.get("/api/graph").json()
    edges = {e["id"]: e for e in g["edges"]}
    assert "DZA|RUS" in edges
    rd = edges["DZA|RUS"]
    # The negated "no treaty exists" is not a relation: two factual AID events remain.
    assert rd["n_events"] == 2 and rd["sign"] == 1 and rd["weight"] > 0
    assert {n["id"] for n in g["nodes"]} == {"RUS", "DZA", "MLI"}
    assert g["total_events"] == 4


def test_graph_period_and_cap(client: TestClient) -> None:
    g = client.get("/api/graph", params={"since": "2024", "until": "2024-12"}).json()
    assert [e["id"] for e in g["edges"]] == ["DZA|RUS"]
    capped = client.get("/api/graph", params={"max_edges": 1}).json()
    assert len(capped["edges"]) == 1 and capped["truncated"] is True
    assert client.get("/api/graph", params={"since": "last week"}).status_code == 422


def test_edge_lists_events_with_evidence_sentences_and_source_links(client: TestClient) -> None:
    out = client.get("/api/edge", params={"a": "DZA", "b": "RUS"}).json()
    assert out["n_events"] == 2
    texts = [e["evidence"]["text"] for e in out["events"]]
    assert any("depends entirely on Russia" in t for t in texts)
    assert all(e["url"] == "https://example.org/seed" and e["doc_key"] for e in out["events"])
    with_negated = client.get("/api/edge", params={"a": "RUS", "b": "DZA", "include_all": True}).json()
    assert with_negated["n_events"] == 3 and any(e["negated"] for e in with_negated["events"])


def test_dyad_page_data_has_timeline_and_strongest_sentences(client: TestClient) -> None:
    d = client.get("/api/dyad", params={"a": "RUS", "b": "MLI"}).json()
    # Both events are dated "2021" only: counted for the year, never drawn as January 2021.
    assert d["timeline"] == []
    assert d["year_only"] == [{"year": "2021", "cooperative": 2, "conflictual": 0, "neutral": 0}]
    assert "helping the Malian state" in d["events"][0]["evidence"]["text"]


def test_actor_partners_over_time(client: TestClient) -> None:
    a = client.get("/api/actor", params={"code": "RUS", "by": "year"}).json()
    assert [p["code"] for p in a["partners"]] == ["DZA", "MLI"]
    assert {(s["partner"], s["period"][:4]) for s in a["series"]} == {("DZA", "2024"), ("MLI", "2021")}


def test_documents_list_and_document_offsets(client: TestClient, seed_path: Path) -> None:
    docs = client.get("/api/documents").json()
    assert [d["doc_id"] for d in docs] == [seed_path.stem]
    doc = client.get(f"/api/documents/{docs[0]['doc_key']}").json()
    text = doc["text"]
    for m in doc["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    for ev in doc["events"]:
        assert text[ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert client.get("/api/documents/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)
    assert client.get("/api/documents/0123456789abcdef").status_code == 404


def test_unknown_or_missing_analysis_is_a_clear_error(client: TestClient) -> None:
    for path in ("/api/ally", "/api/dependence", "/api/similarity"):
        r = client.get(path, params={"a": "RUS", "b": "DZA"})
        if r.status_code == 501:
            assert "not available" in r.json()["detail"]
        else:
            assert r.status_code in (200, 400), r.text


@pytest.mark.skipif(
    importlib.util.find_spec("realpolitik.analysis.alliance") is None, reason="alliance module not landed"
)
def test_ally_answers_the_same_json_as_the_cli(client: TestClient, web_seed_store: Path) -> None:
    from click.testing import CliRunner

    from realpolitik.cli import main

    api = client.get("/api/ally", params={"a": "RUS", "b": "DZA"})
    cli = CliRunner().invoke(main, ["ally", "RUS", "DZA", "--db", str(web_seed_store), "--json"])
    assert cli.exit_code == 0, cli.output
    assert api.status_code == 200
    assert api.json() == json.loads(cli.output)


def test_read_only_server_refuses_writes(client: TestClient) -> None:
    r = client.post("/api/documents", data={"text": "Russia condemned Algeria."}, headers={"X-Realpolitik-Token": "x"})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    assert client.get("/api/health").json()["allow_write"] is False


def test_dashboard_and_assets_are_local(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Content-Security-Policy" in page.headers and "script-src 'self'" in page.headers["Content-Security-Policy"]
    srcs = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    # this server's files, in-page links, its API docs, and an empty inline icon (no favicon request)
    assert srcs and all(s.startswith(("/static/", "#", "/docs")) or s == "data:," for s in srcs), srcs
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/openapi.json").json()["paths"]["/api/graph"]


@pytest.fixture()
def writable(tmp_path: Path, web_seed_store: Path) -> Iterator[TestClient]:
    db = tmp_path / "w.duckdb"
    db.write_bytes(web_seed_store.read_bytes())
    with TestClient(create_app(db, allow_write=True, token="s3cret"), base_url="http://localhost") as c:
        yield c


def test_write_needs_the_token(writable: TestClient) -> None:
    assert writable.post("/api/documents", data={"text": "Russia condemned Algeria."}).status_code == 401
    wrong = writable.post(
        "/api/documents", data={"text": "Russia condemned Algeria."}, headers={"X-Realpolitik-Token": "no"}
    )
    assert wrong.status_code == 403
    assert len(writable.get("/api/documents").json()) == 1


def test_upload_limit_and_file_names_never_reach_the_filesystem(writable: TestClient) -> None:
    big = b"a" * (MAX_UPLOAD_BYTES + 1)
    r = writable.post("/api/documents", files={"file": ("big.txt", big)}, headers={"X-Realpolitik-Token": "s3cret"})
    assert r.status_code == 413
    r = writable.post("/api/documents", files={"file": ("x.exe", b"MZ")}, headers={"X-Realpolitik-Token": "s3cret"})
    assert r.status_code == 415


def test_ingest_pasted_and_uploaded_articles_with_the_real_coder(writable: TestClient) -> None:
    hdr = {"X-Realpolitik-Token": "s3cret"}
    text = (
        "Russia condemned Algeria on Monday. <script>window.pwned = 1</script> Algeria signed an agreement with Mali."
    )
    r = writable.post("/api/documents", data={"text": text, "title": "Test <b>", "date": SEED_DATE}, headers=hdr)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["stored"] and out["events"] >= 1
    doc = writable.get(f"/api/documents/{out['doc_key']}").json()
    assert doc["text"] == text and doc["title"] == "Test <b>"  # stored as given; the page escapes it
    assert {(e["source"]["code"], e["target"]["code"]) for e in doc["events"]} >= {("RUS", "DZA")}
    again = writable.post("/api/documents", data={"text": text}, headers=hdr).json()
    assert again["already_present"] is True
    up = writable.post(
        "/api/documents",
        files={"file": ("../../etc/passwd.txt", b"Algeria condemned Morocco on Tuesday.")},
        headers={"Authorization": "Bearer s3cret"},
    )
    assert up.status_code == 201, up.text
    assert up.json()["doc_id"] == "passwd"


def test_serve_command_is_registered() -> None:
    from click.testing import CliRunner

    from realpolitik.cli import main

    out = CliRunner().invoke(main, ["serve", "--help"])
    assert out.exit_code == 0
    assert "--allow-write" in out.output and "127.0.0.1" in out.output


# --- the analysis endpoints: the same JSON as the CLI and the analysis functions ------------------------


def test_triads_keep_only_those_involving_the_actor(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """/api/triads filters `balance()`'s frustrated triads by their "actors" (a stand-in balance function)."""
    from realpolitik.web import api

    def tri(actors: list[str]) -> dict:
        return {"actors": actors, "pressured": actors[0], "weight": 1.5, "edges": []}

    answer = {
        "frustrated_triads": [tri(["DZA", "MAR", "FRA"]), tri(["RUS", "UKR", "USA"]), tri(["MLI", "DZA", "RUS"])],
        "frustration_index": 2.0,
        "exact": True,
        "blocs": [["DZA", "RUS"], ["MAR", "FRA"]],
    }
    seen: list[dict] = []

    from types import SimpleNamespace

    def balance(
        db: Store | None = None, at: str | None = None, window: str = "365d", method: str = "auto"
    ) -> SimpleNamespace:
        assert db is not None
        seen.append({"at": at, "window": window, "method": method, "events": db.count("events")})
        return SimpleNamespace(data=json.loads(json.dumps(answer)))

    real = api.facade_function
    monkeypatch.setattr(
        api, "facade_function", lambda m, n: balance if (m, n) == ("balance", "balance") else real(m, n)
    )
    out = client.get("/api/triads", params={"code": "Algeria", "at": "2024-11-14", "window": "730d"}).json()
    assert [t["actors"] for t in out["frustrated_triads"]] == [["DZA", "MAR", "FRA"], ["MLI", "DZA", "RUS"]]
    assert out["actor"] == "DZA" and out["frustrated_triads_matching"] == 2
    assert out["frustration_index"] == 2.0 and out["blocs"] == answer["blocs"]
    assert seen == [{"at": "2024-11-14", "window": "730d", "method": "auto", "events": 5}]
    # The same question again is answered from the cache; the dashboard's fast method is another question.
    again = client.get("/api/triads", params={"code": "DZA", "at": "2024-11-14", "window": "730d", "limit": 1}).json()
    assert [t["actors"] for t in again["frustrated_triads"]] == [["DZA", "MAR", "FRA"]]
    assert again["frustrated_triads_matching"] == 2 and len(seen) == 1
    everything = client.get("/api/triads", params={"method": "heuristic"}).json()
    assert len(everything["frustrated_triads"]) == 3 and "actor" not in everything
    assert seen[-1]["method"] == "heuristic" and seen[-1]["at"] is None
    assert client.get("/api/triads", params={"window": "../x"}).status_code == 422
    assert client.get("/api/triads", params={"method": "slow"}).status_code == 422


def test_mentions_reads_the_triad_shapes() -> None:
    from realpolitik.web.api import _mentions

    assert _mentions({"actors": ["RUS", "DZA", "MLI"], "pressured": "MLI", "weight": 1.0, "edges": []}, "DZA")
    assert not _mentions({"actors": ["RUS", "DZA", "MLI"], "pressured": "FRA", "edges": [["FRA", "RUS", -1]]}, "FRA")
    assert _mentions(["RUS", "DZA", "MLI"], "MLI") and _mentions({"nodes": ["A", "B", "C"]}, "C")
    assert not _mentions({"weight": 1.0}, "RUS")


def _cli_json(args: list[str]) -> tuple[int, object]:
    """`realpolitik ARGS --json` in a fresh process, as a user runs it: (exit status, JSON or stderr)."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "realpolitik", *args, "--json"], capture_output=True, text=True, timeout=300
    )
    return proc.returncode, (json.loads(proc.stdout) if proc.returncode == 0 else proc.stderr)


@pytest.fixture(scope="module")
def real_seed_copy(seed_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's seed store (ingested by the real coder), so the CLI may write reference data."""
    db = tmp_path_factory.mktemp("realseed") / "seed.duckdb"
    db.write_bytes(seed_store_path.read_bytes())
    return db


def test_seed_store_graph_has_the_rus_dza_edge_with_seed_evidence(real_seed_copy: Path, seed_path: Path) -> None:
    """Over the seed as the real coder stores it (no exact counts: the coder keeps improving)."""
    text = seed_path.read_text(encoding="utf-8")
    with TestClient(create_app(real_seed_copy), base_url="http://localhost") as c:
        edges = {e["id"]: e for e in c.get("/api/graph").json()["edges"]}
        assert "DZA|RUS" in edges and edges["DZA|RUS"]["n_events"] >= 1
        out = c.get("/api/edge", params={"a": "RUS", "b": "DZA"}).json()
    assert out["n_events"] == edges["DZA|RUS"]["n_events"] == len(out["events"])
    for ev in out["events"]:
        assert {ev["source"]["code"], ev["target"]["code"]} == {"RUS", "DZA"}
        ev_text = ev["evidence"]["text"]
        assert ev_text and ev_text in text and re.search(r"Alger|Russia|Moscow", ev_text)


@pytest.mark.parametrize(
    ("module", "path", "params", "cli"),
    [
        ("alliance", "/api/ally", {"a": "RUS", "b": "DZA"}, ["ally", "RUS", "DZA"]),
        (
            "alliance",
            "/api/ally",
            {"a": "Russia", "b": "Algeria", "year": 2010},
            ["ally", "Russia", "Algeria", "--year", "2010"],
        ),
        ("dependence", "/api/dependence", {"a": "DZA", "b": "RUS"}, ["dependence", "DZA", "RUS"]),
        ("similarity", "/api/similarity", {"a": "RUS", "b": "DZA"}, ["similarity", "RUS", "DZA"]),
    ],
)
def test_serve_over_the_seed_store_answers_as_the_cli(
    real_seed_copy: Path, module: str, path: str, params: dict, cli: list[str]
) -> None:
    """The bar: `realpolitik serve` over the seed store answers /api/ally?a=RUS&b=DZA with the CLI's JSON.

    The CLI runs first alone (it may copy bundled reference data into the store), then beside the
    read-only server (it falls back to reading); both answers must be the API's.
    """
    pytest.importorskip(f"realpolitik.analysis.{module}", reason=f"realpolitik.analysis.{module} has not landed")
    db = ["--db", str(real_seed_copy)]
    alone = _cli_json([*cli, *db])
    with TestClient(create_app(real_seed_copy), base_url="http://localhost") as c:
        r = c.get(path, params=params)
        beside = _cli_json([*cli, *db])
    assert alone == beside
    status, answer = alone
    if status == 0:
        assert r.status_code == 200, r.text
        assert r.json() == answer
    else:  # a question the data cannot answer (no SIPRI import): the same message, as a 400
        assert status == 2 and r.status_code == 400, (answer, r.text)
        assert r.json()["detail"] in str(answer) and str(real_seed_copy) not in r.json()["detail"]


def test_shifts_answers_the_analysis_json(real_seed_copy: Path) -> None:
    shifts_mod = pytest.importorskip("realpolitik.analysis.shifts", reason="realpolitik.analysis.shifts has not landed")
    from realpolitik.web.analysis_bridge import jsonable

    with TestClient(create_app(real_seed_copy), base_url="http://localhost") as c:
        for by in ("year", "quarter", "month"):
            with Store(real_seed_copy, read_only=True) as store:
                expected = jsonable(shifts_mod.shifts(store, "RUS", by=by))
            r = c.get("/api/shifts", params={"code": "RUS", "by": by})
            assert r.status_code == 200, r.text
            assert r.json() == expected


def test_real_balance_triads_involve_the_actor(real_seed_copy: Path) -> None:
    balance_mod = pytest.importorskip(
        "realpolitik.analysis.balance", reason="realpolitik.analysis.balance has not landed"
    )
    from realpolitik.web.analysis_bridge import jsonable

    with Store(real_seed_copy, read_only=True) as store:
        full = jsonable(balance_mod.balance(store, at="2024-11-14", window="3650d"))
    with TestClient(create_app(real_seed_copy), base_url="http://localhost") as c:
        r = c.get("/api/triads", params={"code": "RUS", "at": "2024-11-14", "window": "3650d"})
    assert r.status_code == 200, r.text
    out = r.json()
    expected = [t for t in full["frustrated_triads"] if "RUS" in t["actors"]]
    assert out["frustrated_triads"] == expected and out["frustrated_triads_matching"] == len(expected)
    assert out["frustration_index"] == full["frustration_index"] and out["actor"] == "RUS"


def test_analysis_answers_are_cached_until_a_write(writable: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from realpolitik.web import api

    calls: list[int] = []

    def shifts(code: str, by: str = "quarter", db: Store | None = None) -> SimpleNamespace:
        assert db is not None
        calls.append(db.count("documents"))
        return SimpleNamespace(data={"actor": code, "by": by, "changes": []})

    real = api.facade_function
    monkeypatch.setattr(api, "facade_function", lambda m, n: shifts if (m, n) == ("shifts", "shifts") else real(m, n))
    for _ in range(2):
        assert writable.get("/api/shifts", params={"code": "RUS"}).json() == {
            "actor": "RUS",
            "by": "quarter",
            "changes": [],
        }
    assert calls == [1]
    r = writable.post(
        "/api/documents",
        data={"text": "Algeria condemned Morocco on Tuesday."},
        headers={"Authorization": "Bearer s3cret"},
    )
    assert r.status_code == 201, r.text
    writable.get("/api/shifts", params={"code": "RUS"})
    assert calls == [1, 2]  # the store changed: asked again
    assert writable.get("/api/shifts", params={"code": "RUS", "by": "week"}).status_code == 422


def test_answer_cache_computes_once_for_concurrent_askers() -> None:
    import threading
    import time

    from realpolitik.web.access import AnswerCache

    cache, calls = AnswerCache(size=2), []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.2)
        return "answer"

    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["answer"] * 4 and calls == [1]
    cache.get("a", lambda: 1), cache.get("b", lambda: 2)  # the oldest answer ("k") leaves
    assert cache.get("k", lambda: "again") == "again"
    with pytest.raises(ZeroDivisionError):
        cache.get("bad", lambda: 1 / 0)
    assert cache.get("bad", lambda: "fine") == "fine"  # failures are not cached


def test_realpolitik_serve_answers_ally_as_the_cli(real_seed_copy: Path) -> None:
    """The bar, literally: the `realpolitik serve` command over the seed store, asked over HTTP on 127.0.0.1."""
    pytest.importorskip("realpolitik.analysis.alliance", reason="realpolitik.analysis.alliance has not landed")
    import socket
    import subprocess
    import sys
    import time

    import httpx

    status, cli = _cli_json(["ally", "RUS", "DZA", "--db", str(real_seed_copy)])
    assert status == 0, cli
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "realpolitik", "serve", "--db", str(real_seed_copy), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/ally", params={"a": "RUS", "b": "DZA"}, timeout=60)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "realpolitik serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200, r.text
        assert r.json() == cli
        assert httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=60).json()["allow_write"] is False
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in err  # bound to the loopback interface by default
