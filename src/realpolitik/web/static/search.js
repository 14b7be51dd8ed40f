// Full-text search over evidence sentences, with the filters of the graph (period, event types, sources)
// and an actor; results are the events whose sentence holds every word, strongest first.
import { api, dateProblem, el, eventItem } from "./dom.js";
import { dataTable } from "./table.js";

const ORIGIN_NAMES = { text: "articles", gdelt: "GDELT", icews: "ICEWS", polecat: "POLECAT", acled: "ACLED" };

export async function renderSearch(view, params) {
  const facets = await api("/api/facets");
  const types = new Set(params.getAll("event_type"));
  const origins = new Set(params.getAll("origin"));
  const problem = el("p", { class: "error", id: "search-problem", role: "alert" });
  const typeSelect = el("select", { name: "event_type", multiple: true, size: 4, "aria-label": "event types" },
    ...facets.event_types.map((t) => el("option", { value: t.value, selected: types.has(t.value) }, `${t.value} (${t.n})`)));
  const form = el("form", { class: "controls", id: "search-form", novalidate: true },
    el("label", {}, "words ", el("input", { name: "q", id: "search-q", value: params.get("q") || "", size: 30, placeholder: "e.g. military cooperation" })),
    el("label", {}, " actor ", el("input", { name: "actor", value: params.get("actor") || "", size: 8, list: "actor-options" })),
    el("label", {}, " from ", el("input", { name: "since", value: params.get("since") || "", size: 10, placeholder: "YYYY[-MM[-DD]]" })),
    el("label", {}, " to ", el("input", { name: "until", value: params.get("until") || "", size: 10, placeholder: "YYYY[-MM[-DD]]" })),
    el("span", { class: "filter" }, " types ", typeSelect),
    el("span", { class: "filter" }, " sources ", ...facets.origins.map((o) =>
      el("label", { class: "origin" }, el("input", { type: "checkbox", name: "origin", value: o.value, checked: origins.has(o.value) }), ` ${ORIGIN_NAMES[o.value] || o.value}`))),
    " ", el("button", { type: "submit", id: "search-submit" }, "Search"), problem);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const bad = [dateProblem("from", form.elements.since.value.trim()), dateProblem("to", form.elements.until.value.trim())].filter(Boolean);
    if (bad.length) {
      problem.textContent = bad.join("; ");
      return;
    }
    const q = new URLSearchParams();
    for (const k of ["q", "actor", "since", "until"]) if (form.elements[k].value.trim()) q.set(k, form.elements[k].value.trim());
    for (const o of typeSelect.selectedOptions) q.append("event_type", o.value);
    for (const box of form.querySelectorAll("input[name=origin]:checked")) q.append("origin", box.value);
    location.hash = `#/search?${q}`;
  });
  const results = el("div", { id: "search-results" });
  view.append(el("section", { class: "search-page" }, el("h2", {}, "Search the evidence"), form, results));
  const bad = [dateProblem("from", params.get("since") || ""), dateProblem("to", params.get("until") || "")].filter(Boolean);
  if (bad.length) {
    problem.textContent = bad.join("; ");
  } else if ([...params.keys()].length) {
    const q = new URLSearchParams(params);
    q.set("limit", "100");
    const d = await api(`/api/search?${q}`);
    results.append(el("p", { id: "search-count" }, `${d.n_events} events` + (d.n_events > d.events.length ? ` (the strongest ${d.events.length} shown)` : "")),
      dataTable("search-results", [
        { key: "date", render: (ev) => ev.date || "undated" },
        { key: "source", render: (ev) => (ev.source && ev.source.code) || "?", csv: (ev) => (ev.source && ev.source.code) || "" },
        { key: "event_type", label: "type" },
        { key: "target", render: (ev) => (ev.target && ev.target.code) || "?", csv: (ev) => (ev.target && ev.target.code) || "" },
        { key: "intensity" },
        { key: "origin" },
        { key: "evidence", label: "sentence", render: (ev) => (ev.evidence && ev.evidence.text) || "", csv: (ev) => (ev.evidence && ev.evidence.text) || "" },
      ], d.events, { id: "search-table" }),
      el("ul", { class: "events", id: "search-events" }, ...d.events.map((ev) => eventItem(ev))));
  }
  view.dataset.ready = "search";
}
