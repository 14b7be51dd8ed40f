// The graph view: actors as nodes (named), signed relations as edges (green cooperative, red conflictual,
// width by weight), laid out force-directed ('cose', shipped with the vendored Cytoscape) so that edges do
// not run through unrelated nodes. Hovering an edge shows its figures; clicking it lists its events and
// evidence beside the graph. Filters: period, event types, origins (article text, GDELT, ICEWS, ...).
import { api, clear, dateProblem, el, eventItem, fmtIntensity, setStatus, signClass } from "./dom.js";
import { dataTable } from "./table.js";

const COLORS = { 1: "#1a9850", "-1": "#d73027", 0: "#888888" };
const ORIGIN_NAMES = { text: "articles", gdelt: "GDELT", icews: "ICEWS", polecat: "POLECAT", acled: "ACLED" };

function filterQuery(params) {
  const q = new URLSearchParams();
  for (const k of ["since", "until"]) if (params.get(k)) q.set(k, params.get(k));
  for (const k of ["event_type", "origin"]) for (const v of params.getAll(k)) q.append(k, v);
  return q;
}

export async function renderGraph(view, params) {
  const since = params.get("since") || "";
  const until = params.get("until") || "";
  const maxEdges = params.get("max_edges") || "150";
  const types = new Set(params.getAll("event_type"));
  const origins = new Set(params.getAll("origin"));
  const facets = await api("/api/facets");
  const typeSelect = el("select", { name: "event_type", multiple: true, size: 4, id: "filter-type", "aria-label": "event types" },
    ...facets.event_types.map((t) => el("option", { value: t.value, selected: types.has(t.value) }, `${t.value} (${t.n})`)));
  const originBoxes = facets.origins.map((o) =>
    el("label", { class: "origin" }, el("input", { type: "checkbox", name: "origin", value: o.value, checked: origins.has(o.value) }), ` ${ORIGIN_NAMES[o.value] || o.value} (${o.n})`));
  const problem = el("p", { class: "error", id: "graph-problem", role: "alert" });
  const form = el(
    "form",
    { class: "controls", id: "graph-controls", novalidate: true },
    el("label", {}, "from ", el("input", { name: "since", value: since, placeholder: "YYYY[-MM[-DD]]", size: 11 })),
    el("label", {}, " to ", el("input", { name: "until", value: until, placeholder: "YYYY[-MM[-DD]]", size: 11 })),
    el("label", {}, " top ", el("input", { name: "max_edges", value: maxEdges, type: "number", min: 1, max: 2000, class: "num" }), " relations"),
    el("span", { class: "filter" }, " types ", typeSelect),
    el("span", { class: "filter" }, " sources ", ...originBoxes),
    " ",
    el("button", { type: "submit" }, "Show"),
    problem
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const bad = ["since", "until"].map((k) => dateProblem(k === "since" ? "from" : "to", form.elements[k].value.trim())).filter(Boolean);
    if (bad.length) {
      problem.textContent = bad.join("; ");
      return;
    }
    const q = new URLSearchParams();
    for (const k of ["since", "until", "max_edges"]) if (form.elements[k].value.trim()) q.set(k, form.elements[k].value.trim());
    for (const o of typeSelect.selectedOptions) q.append("event_type", o.value);
    for (const box of form.querySelectorAll("input[name=origin]:checked")) q.append("origin", box.value);
    location.hash = `#/graph?${q}`;
  });
  const canvas = el("div", { id: "cy", "aria-label": "relation graph" });
  const tip = el("div", { id: "edge-tip", class: "tip", hidden: true });
  const panel = el("aside", { id: "edge-panel" }, el("p", { class: "muted" }, "Click a relation to see its events and evidence."));
  const legend = el(
    "div",
    { class: "legend", id: "graph-legend" },
    el("span", { class: "swatch pos" }, "━ cooperative"), " ",
    el("span", { class: "swatch neg" }, "━ conflictual"), " ",
    el("span", { class: "swatch neu" }, "━ mixed/neutral"),
    " · edge width: weight (Σ|intensity| × confidence) · node size: number of partners · hover an edge for its figures, click it for the evidence, click a node for the actor"
  );
  const table = el("div", { id: "edge-table-wrap" });
  view.append(el("section", { class: "graph-page" }, form, legend, el("div", { class: "graph-wrap" }, el("div", { class: "cy-box" }, canvas, tip), panel), el("h3", {}, "Relations"), table));

  const initial = ["since", "until"].map((k) => dateProblem(k === "since" ? "from" : "to", params.get(k) || "")).filter(Boolean);
  if (initial.length) {
    problem.textContent = initial.join("; ");
    view.dataset.ready = "graph";
    return;
  }
  const q = filterQuery(params);
  q.set("max_edges", maxEdges);
  const data = await api(`/api/graph?${q}`);
  const summary = `${data.edges.length} relations among ${data.nodes.length} actors` + (data.truncated ? ` (top of ${data.total_dyads})` : "") + ` · ${data.total_events} events`;
  legend.append(el("div", { class: "muted", id: "graph-summary" }, summary));
  if (!data.edges.length) panel.replaceChildren(el("p", {}, "No relations match these filters."));
  const names = Object.fromEntries(data.nodes.map((n) => [n.id, n.name]));
  const maxW = Math.max(1e-9, ...data.edges.map((e) => e.weight));
  const elements = [
    ...data.nodes.map((n) => ({ data: { id: n.id, label: n.name && n.name !== n.id ? `${n.name} (${n.id})` : n.id, name: n.name, size: 16 + 5 * Math.sqrt(n.degree) } })),
    ...data.edges.map((e) => ({ data: { ...e, color: COLORS[e.sign], width: 1.5 + 9 * Math.sqrt(e.weight / maxW) } })),
  ];
  const showEdge = (a, b) => showEdgeEvents(panel, a, b, params);
  renderTable(table, data.edges, names, showEdge);
  if (typeof window.cytoscape !== "function") {
    setStatus("graph library failed to load", "error");
    return;
  }
  const cy = window.cytoscape({
    container: canvas,
    elements,
    maxZoom: 2, // a graph of a few actors is not blown up to fill the canvas
    style: [
      { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "background-color": "#3a5f8a", color: "#222", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": 1 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "curve-style": "bezier", opacity: 0.8 } },
      { selector: "edge.hover", style: { opacity: 1, "underlay-color": "#ffd54f", "underlay-opacity": 0.5, "underlay-padding": 3 } },
      { selector: "edge:selected", style: { opacity: 1, "overlay-color": "#ffd54f", "overlay-opacity": 0.35 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#ffd54f" } },
    ],
    // Force-directed, seeded by a fixed initial placement (randomize: false) so the same store gives the same picture.
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 90, nodeOverlap: 20, padding: 30, numIter: 1500 },
  });
  cy.on("mouseover", "edge", (evt) => {
    const d = evt.target.data();
    evt.target.addClass("hover");
    tip.textContent = `${names[d.source] || d.source} – ${names[d.target] || d.target}: ${d.n_events} events (${d.n_cooperative} cooperative, ${d.n_conflictual} conflictual), mean intensity ${fmtIntensity(d.mean_intensity)}, weight ${d.weight.toFixed(2)}, ${[d.first, d.last].filter(Boolean).join(" … ") || "undated"}`;
    const p = evt.renderedPosition || evt.target.renderedMidpoint();
    tip.dataset.edge = d.id;
    tip.hidden = false;
    tip.setAttribute("class", "tip shown");
    placeTip(tip, p.x, p.y);
  });
  cy.on("mouseout", "edge", (evt) => {
    evt.target.removeClass("hover");
    tip.hidden = true;
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

// The tooltip is moved with CSSOM writes (element.style), which the Content-Security-Policy allows.
function placeTip(tip, x, y) {
  tip.style.left = `${Math.round(x + 12)}px`;
  tip.style.top = `${Math.round(y + 12)}px`;
}

function renderTable(wrap, edges, names, showEdge) {
  clear(wrap);
  const link = (e) => {
    const a = el("a", { href: "#", class: "edge-link", dataset: { edge: e.id } }, `${e.source} – ${e.target}`);
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      showEdge(e.source, e.target);
    });
    return a;
  };
  const columns = [
    { key: "id", label: "relation", render: link, csv: (e) => `${e.source}-${e.target}` },
    { key: "names", label: "names", render: (e) => `${names[e.source] || e.source} – ${names[e.target] || e.target}`, csv: (e) => `${names[e.source] || e.source} - ${names[e.target] || e.target}` },
    { key: "n_events", label: "events" },
    { key: "n_cooperative", label: "coop" },
    { key: "n_conflictual", label: "conf" },
    { key: "mean_intensity", label: "mean intensity", render: (e) => fmtIntensity(e.mean_intensity) },
    { key: "weight", label: "weight", render: (e) => e.weight.toFixed(2) },
    { key: "first", label: "first" },
    { key: "last", label: "last" },
  ];
  wrap.append(dataTable("relations", columns, edges, { id: "edge-table", rowClass: (e) => signClass(e.sign) }));
}

async function showEdgeEvents(panel, a, b, params) {
  panel.replaceChildren(el("p", { class: "muted" }, `Loading ${a} – ${b}…`));
  const q = filterQuery(params);
  q.set("a", a);
  q.set("b", b);
  q.set("limit", "50");
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
