// The graph view: actors as nodes, signed relations as edges (green cooperative, red conflictual,
// width by weight). Clicking an edge lists its events and evidence sentences beside the graph.
import { api, clear, el, eventItem, fmtIntensity, setStatus, signClass } from "./dom.js";

const COLORS = { 1: "#1a9850", "-1": "#d73027", 0: "#888888" };

export async function renderGraph(view, params) {
  const since = params.get("since") || "";
  const until = params.get("until") || "";
  const maxEdges = params.get("max_edges") || "150";
  const form = el(
    "form",
    { class: "controls", id: "graph-controls" },
    el("label", {}, "from ", el("input", { name: "since", value: since, placeholder: "YYYY[-MM[-DD]]", size: 11 })),
    el("label", {}, " to ", el("input", { name: "until", value: until, placeholder: "YYYY[-MM[-DD]]", size: 11 })),
    el("label", {}, " top ", el("input", { name: "max_edges", value: maxEdges, type: "number", min: 1, max: 2000, style: "width:5em" }), " relations"),
    el("button", { type: "submit" }, "Show")
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const k of ["since", "until", "max_edges"]) if (form.elements[k].value) q.set(k, form.elements[k].value);
    location.hash = `#/graph?${q}`;
  });
  const canvas = el("div", { id: "cy", "aria-label": "relation graph" });
  const panel = el("aside", { id: "edge-panel" }, el("p", { class: "muted" }, "Click a relation to see its events and evidence."));
  const legend = el(
    "div",
    { class: "legend" },
    el("span", { class: "pos" }, "● cooperative"),
    " ",
    el("span", { class: "neg" }, "● conflictual"),
    " ",
    el("span", { class: "neu" }, "● mixed/neutral"),
    " · width: weight (Σ|intensity|×confidence)"
  );
  const table = el("table", { id: "edge-table" });
  view.append(el("section", { class: "graph-page" }, form, legend, el("div", { class: "graph-wrap" }, canvas, panel), el("h3", {}, "Relations"), table));

  const q = new URLSearchParams({ max_edges: maxEdges });
  if (since) q.set("since", since);
  if (until) q.set("until", until);
  const data = await api(`/api/graph?${q}`);
  const summary = `${data.edges.length} relations among ${data.nodes.length} actors` + (data.truncated ? ` (top of ${data.total_dyads})` : "") + ` · ${data.total_events} events`;
  legend.append(el("div", { class: "muted", id: "graph-summary" }, summary));
  if (!data.edges.length) {
    panel.replaceChildren(el("p", {}, "No relations in this period."));
  }
  const maxW = Math.max(1e-9, ...data.edges.map((e) => e.weight));
  const elements = [
    ...data.nodes.map((n) => ({ data: { id: n.id, label: n.label, name: n.name, size: 18 + 4 * Math.sqrt(n.degree) } })),
    ...data.edges.map((e) => ({
      data: { ...e, color: COLORS[e.sign], width: 1.5 + 10 * Math.sqrt(e.weight / maxW) },
    })),
  ];
  const showEdge = (a, b) => showEdgeEvents(panel, a, b, since, until);
  renderTable(table, data.edges, showEdge);
  if (typeof window.cytoscape !== "function") {
    setStatus("graph library failed to load", "error");
    return;
  }
  const cy = window.cytoscape({
    container: canvas,
    elements,
    wheelSensitivity: 0.3,
    maxZoom: 2, // a graph of a few actors is not blown up to fill the canvas
    style: [
      { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "background-color": "#3a5f8a", color: "#222", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "curve-style": "bezier", opacity: 0.85 } },
      { selector: "edge:selected", style: { opacity: 1, "overlay-color": "#ffd54f", "overlay-opacity": 0.35 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#ffd54f" } },
    ],
    // Concentric by degree: deterministic (same store, same picture) and fast on a few hundred nodes.
    layout: { name: "concentric", concentric: (n) => n.degree(), levelWidth: () => 2, minNodeSpacing: 30, animate: false },
  });
  cy.on("tap", "edge", (evt) => {
    const d = evt.target.data();
    showEdge(d.source, d.target);
  });
  cy.on("tap", "node", (evt) => {
    location.hash = `#/actor/${encodeURIComponent(evt.target.id())}`;
  });
  window.__realpolitik = { cy };
  view.dataset.ready = "graph";
}

function renderTable(table, edges, showEdge) {
  clear(table);
  table.append(el("thead", {}, el("tr", {}, ...["relation", "events", "coop", "conf", "mean intensity", "weight", "period"].map((h) => el("th", {}, h)))));
  const body = el("tbody");
  for (const e of edges) {
    const a = el("a", { href: "#", class: "edge-link", dataset: { edge: e.id } }, `${e.source} – ${e.target}`);
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      showEdge(e.source, e.target);
    });
    body.append(
      el(
        "tr",
        { class: signClass(e.sign) },
        el("td", {}, a),
        el("td", {}, e.n_events),
        el("td", {}, e.n_cooperative),
        el("td", {}, e.n_conflictual),
        el("td", {}, fmtIntensity(e.mean_intensity)),
        el("td", {}, e.weight.toFixed(2)),
        el("td", {}, [e.first, e.last].filter(Boolean).map((d) => d.slice(0, 10)).join(" … ") || "undated")
      )
    );
  }
  table.append(body);
}

async function showEdgeEvents(panel, a, b, since, until) {
  panel.replaceChildren(el("p", { class: "muted" }, `Loading ${a} – ${b}…`));
  const q = new URLSearchParams({ a, b, limit: "50" });
  if (since) q.set("since", since);
  if (until) q.set("until", until);
  try {
    const data = await api(`/api/edge?${q}`);
    panel.replaceChildren(
      el("h3", { id: "edge-title" }, `${a} – ${b}`),
      el("p", {}, `${data.n_events} events`, data.n_events > data.events.length ? ` (strongest ${data.events.length} shown)` : "", " · ", el("a", { href: `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}` }, "dyad page")),
      el("ul", { class: "events", id: "edge-events" }, ...data.events.map((ev) => eventItem(ev)))
    );
  } catch (err) {
    panel.replaceChildren(el("p", { class: "error" }, `Could not load ${a} – ${b}: ${err.message}`));
  }
}
