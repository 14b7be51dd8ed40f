"""Every route of the dashboard in real Chromium over the seed (as the real coder stores it) plus the real
GDELT rows: each page loads with zero console errors (Content-Security-Policy violations included), no failed
request, no HTTP error and no request to another origin, and shows what the analyst came for. One server and
one browser for the module; a fresh page per test (the `page` fixture of test_web_browser fails a test on any
error the browser reports).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_browser import LiveServer, browser, page  # noqa: F401  (fixtures)
from test_web_workbench import build_seed_gdelt_store

pytestmark = pytest.mark.browser
STATIC = Path(__file__).resolve().parents[1] / "src" / "realpolitik" / "web" / "static"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, seed_store_path: Path, shared_dir: Path) -> Path:
    return build_seed_gdelt_store(tmp_path_factory.mktemp("routes") / "sg.duckdb", seed_store_path, shared_dir)


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[LiveServer]:
    from realpolitik.web.app import create_app

    with LiveServer(create_app(store)) as srv:
        yield srv


@pytest.fixture(scope="module")
def api(store: Path) -> Iterator[TestClient]:
    from realpolitik.web.app import create_app

    with TestClient(create_app(store), base_url="http://localhost") as c:
        yield c


@pytest.fixture()
def pg(page: Any, server: LiveServer) -> Iterator[Any]:  # noqa: F811
    """The page, also failing on any request to another origin than the server's."""
    foreign: list[str] = []

    def record(request: Any) -> None:
        if not request.url.startswith((server.url, "data:", "blob:")):
            foreign.append(request.url)

    page.on("request", record)
    yield page
    assert foreign == [], f"requests to other origins: {foreign}"


def open_view(pg: Any, server: LiveServer, route: str, ready: str) -> None:
    pg.goto(f"{server.url}/{route}")
    pg.wait_for_selector(f'#view[data-ready="{ready}"]', timeout=30000)
    pg.wait_for_load_state("networkidle")


def loaded(pg: Any, *ids: str) -> None:
    """Wait until the sections filled after the view is ready (shifts, triads, cards) are no longer loading."""
    pg.wait_for_function(
        "(ids) => ids.every(id => !document.getElementById(id).textContent.includes('loading'))",
        arg=list(ids),
        timeout=60000,
    )


# Every view of app.js's router, with a page that exercises it; test_every_route_is_covered keeps it whole.
ROUTES = {
    "graph": "#/graph",
    "actor": "#/actor/RUS",
    "actors": "#/actors",
    "balance": "#/balance",
    "shifts": "#/shifts",
    "search": "#/search?q=Algeria",
    "dyad": "#/dyad/RUS/DZA",
    "documents": "#/documents",
}


def test_every_route_is_covered() -> None:
    routed = set(re.findall(r'parts\[0\] === "(\w+)"', (STATIC / "app.js").read_text(encoding="utf-8")))
    assert routed and routed <= set(ROUTES), routed - set(ROUTES)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_route_loads_without_console_errors(pg: Any, server: LiveServer, name: str) -> None:
    open_view(pg, server, ROUTES[name], name)
    for ids in (["actor-shifts", "actor-triads"], ["card-ally", "card-dependence", "card-similarity"]):
        if all(pg.locator(f"#{i}").count() for i in ids):
            loaded(pg, *ids)
    assert pg.locator("#view .error:not(:empty)").count() == 0, pg.inner_text("#view")
    pg.wait_for_load_state("networkidle")


def test_graph_force_layout_names_tooltips_legend_and_csv(pg: Any, server: LiveServer, api: TestClient) -> None:
    open_view(pg, server, "#/graph", "graph")
    assert pg.evaluate("() => window.__realpolitik.cy.layout({name: 'cose'}).options.name") == "cose"
    labels = pg.evaluate("() => window.__realpolitik.cy.nodes().map(n => n.data('label'))")
    assert "Russia (RUS)" in labels and "United States (USA)" in labels
    legend = pg.inner_text("#graph-legend")
    assert "cooperative" in legend and "conflictual" in legend and "edge width" in legend
    x, y = pg.evaluate(
        """() => {
            const cy = window.__realpolitik.cy;
            const mid = cy.$id('DZA|RUS').renderedMidpoint();
            const box = cy.container().getBoundingClientRect();
            return [box.left + mid.x, box.top + mid.y];
        }"""
    )
    pg.mouse.move(x, y)
    pg.wait_for_selector("#edge-tip:not([hidden])")
    tip = pg.inner_text("#edge-tip")
    edge = next(e for e in api.get("/api/graph").json()["edges"] if e["id"] == "DZA|RUS")
    assert tip.startswith("Algeria – Russia") and f"{edge['n_events']} events" in tip
    with pg.expect_download() as info:
        pg.click("#edge-table-wrap button.csv")
    rows = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("relation,names,events") and len(rows) == 1 + len(api.get("/api/graph").json()["edges"])


def test_graph_layout_draws_no_edge_through_another_node(pg: Any, server: LiveServer) -> None:
    """The concentric layout drew DZA–NATO through the USA node; the force-directed one keeps them apart."""
    open_view(pg, server, "#/graph", "graph")
    crossings = pg.evaluate(
        """() => {
            const cy = window.__realpolitik.cy;
            const hits = [];
            cy.edges().forEach(e => {
                const a = e.source().position(), b = e.target().position();
                cy.nodes().forEach(n => {
                    if (n.id() === e.source().id() || n.id() === e.target().id()) return;
                    const p = n.position(), r = n.width() / 2;
                    const dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
                    const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
                    const d = Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y);
                    if (d < r) hits.push(`${e.id()} through ${n.id()}`);
                });
            });
            return hits;
        }"""
    )
    assert crossings == []


def test_graph_filters_and_a_bad_date_reads_as_a_sentence(pg: Any, server: LiveServer, api: TestClient) -> None:
    open_view(pg, server, "#/graph?origin=gdelt", "graph")
    expected = api.get("/api/graph", params={"origin": "gdelt"}).json()
    assert f"{expected['total_events']} events" in pg.inner_text("#graph-summary")
    pg.fill("#graph-controls input[name=since]", "2024-13")
    pg.click("#graph-controls button[type=submit]")
    assert "no month 13" in pg.inner_text("#graph-problem")
    open_view(pg, server, "#/graph?since=2024-13", "graph")
    problem = pg.inner_text("#graph-problem")
    assert "no month 13" in problem and "{" not in problem
    open_view(pg, server, "#/graph?since=last%20week", "graph")
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in pg.inner_text("#graph-problem")


def test_actor_page_links_to_the_questions_and_names_the_state(pg: Any, server: LiveServer) -> None:
    open_view(pg, server, "#/actor/USA?by=quarter", "actor")
    assert pg.inner_text("#actor-title") == "United States (USA)"
    assert pg.locator("a.q-balance").count() == 1 and pg.locator("a.q-shifts").count() == 1
    loaded(pg, "actor-shifts", "actor-triads")
    labels = pg.eval_on_selector_all("#actor-partners svg text.x-label", "ts => ts.map(t => t.textContent)")
    assert labels and all(re.fullmatch(r"\d{4}Q[1-4]", t) for t in labels)
    titles = pg.eval_on_selector_all("#actor-partners svg text.axis-title", "ts => ts.map(t => t.textContent)")
    assert any("events per quarter" in t for t in titles) and any(t.startswith("quarter") for t in titles)
    assert pg.locator("#actor-partners svg .zero-line").count() == 1
    pg.click("a.q-shifts")
    pg.wait_for_selector('#view[data-ready="shifts"]', timeout=60000)


def test_unknown_actor_offers_did_you_mean_and_the_index(pg: Any, server: LiveServer) -> None:
    open_view(pg, server, "#/actor/Rusia", "unknown-actor")
    assert "Rusia" in pg.inner_text("#unknown-reason")
    pg.click("#did-you-mean a >> nth=0")
    pg.wait_for_selector('#view[data-ready="actor"]')
    assert pg.inner_text("#actor-title") == "Russia (RUS)"
    open_view(pg, server, "#/dyad/Rusia/DZA", "unknown-actor")
    assert pg.get_attribute("#did-you-mean a >> nth=0", "href") == "#/dyad/RUS/DZA"
    open_view(pg, server, "#/actors", "actors")
    pg.fill("#actor-filter", "alg")
    assert pg.locator("#actor-table tbody tr").count() == 1 and "Algeria" in pg.inner_text("#actor-table")


def test_dyad_page_tables_axes_and_questions(pg: Any, server: LiveServer) -> None:
    open_view(pg, server, "#/dyad/RUS/DZA", "dyad")
    loaded(pg, "card-ally", "card-dependence", "card-similarity")
    assert pg.locator("a.q-balance").count() == 1 and pg.locator("a.q-shifts").count() == 1
    assert pg.locator("#view details pre").count() == 0  # details are tables, not raw JSON
    if pg.locator("#card-ally details").count():
        pg.click("#card-ally details summary")
        assert pg.locator("#card-ally details table.details-table").count() >= 1
    titles = pg.eval_on_selector_all("#dyad-timeline svg text.axis-title", "ts => ts.map(t => t.textContent)")
    assert "events per month" in titles and any(t.startswith("month") for t in titles)
    assert pg.locator("#dyad-timeline svg .zero-line").count() == 1
    bands = pg.eval_on_selector_all("#dyad-timeline g.year-only title", "ts => ts.map(t => t.textContent)")
    assert bands and all("dated to the year only" in b for b in bands)


def test_balance_page_lists_every_frustrated_triad(pg: Any, server: LiveServer, api: TestClient) -> None:
    open_view(pg, server, "#/balance?at=2024-11-14&window=3650d", "balance")
    d = api.get("/api/triads", params={"at": "2024-11-14", "window": "3650d"}).json()
    assert pg.locator("#balance-triads > li").count() == len(d["frustrated_triads"]) > 0
    pressured = [t["pressured"] for t in d["frustrated_triads"] if t["pressured"]]
    text = pg.inner_text("#balance-triads")
    assert all(f"{d['names'][p]} must choose" in text for p in pressured)
    pg.click("#balance-triads details.edge-evidence summary >> nth=0")
    assert pg.locator("#balance-triads details[open] blockquote.evidence").count() >= 1
    assert "arbitrary" in pg.inner_text("#bloc-caveat")
    open_view(pg, server, "#/balance?at=2024-13", "balance")
    assert "no month 13" in pg.inner_text("#balance-problem")


def test_shifts_page_ranks_actors_with_drivers_and_sentences(pg: Any, server: LiveServer, api: TestClient) -> None:
    open_view(pg, server, "#/shifts?by=year", "shifts")
    ranking = api.get("/api/shifts/ranking", params={"by": "year"}).json()["ranking"]
    rows = pg.locator("#shifts-ranking tbody tr")
    assert rows.count() == len(ranking)
    assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())] == [
        f"{r['name']} ({r['actor']})" if r["name"] != r["actor"] else r["actor"] for r in ranking
    ]
    with_sentences = [r for r in ranking if any(d["evidence"] for d in r["drivers"])]
    if with_sentences:
        pg.click("#shift-drivers details summary >> nth=0")
        assert pg.locator("#shift-drivers details[open] blockquote.evidence").count() >= 1


def test_search_finds_evidence_and_downloads_csv(pg: Any, server: LiveServer, api: TestClient) -> None:
    open_view(pg, server, "#/search", "search")
    pg.fill("#search-q", "Algeria Russia")
    pg.click("#search-submit")
    pg.wait_for_selector("#search-count")
    n = api.get("/api/search", params={"q": "Algeria Russia"}).json()["n_events"]
    assert pg.inner_text("#search-count").startswith(f"{n} events")
    with pg.expect_download() as info:
        pg.click("#search-results button.csv")
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "date,source,type,target,intensity,origin,sentence" and len(lines) >= 2


def test_api_docs_load_offline(pg: Any, server: LiveServer) -> None:
    pg.goto(f"{server.url}/docs")
    pg.wait_for_load_state("networkidle")
    assert pg.locator("section h2 code", has_text="GET /api/shifts/ranking").count() == 1
    pg.fill("section[id='get--api-actors-resolve'] input[name=q]", "Rusia")
    pg.click("section[id='get--api-actors-resolve'] button")
    pg.wait_for_load_state("networkidle")
    assert '"RUS"' in pg.inner_text("body")
    pg.goto(f"{server.url}/redoc")
    pg.wait_for_load_state("networkidle")
    assert pg.url.endswith("/docs")
