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
def client(web_seed_store: Path) -> TestClient:
    with TestClient(create_app(web_seed_store)) as c:
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
    assert d["timeline"] == [
        {"month": "2021-01", "cooperative": 2, "conflictual": 0, "neutral": 0, "mean_intensity": 4.6}
    ]
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
    assert srcs and all(s.startswith(("/static/", "#")) for s in srcs), srcs
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/openapi.json").json()["paths"]["/api/graph"]


@pytest.fixture()
def writable(tmp_path: Path, web_seed_store: Path) -> TestClient:
    db = tmp_path / "w.duckdb"
    db.write_bytes(web_seed_store.read_bytes())
    with TestClient(create_app(db, allow_write=True, token="s3cret")) as c:
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
