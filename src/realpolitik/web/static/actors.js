// The actor index: every actor with events, most active first, filterable by name or code as one types.
import { actorLink, api, el } from "./dom.js";
import { dataTable } from "./table.js";

export async function renderActors(view, params) {
  const d = await api("/api/actors?limit=5000");
  const filter = el("input", { id: "actor-filter", placeholder: "filter by name or code", value: params.get("q") || "", "aria-label": "filter actors" });
  const wrap = el("div", { id: "actor-index" });
  const fold = (s) => String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const draw = () => {
    const q = fold(filter.value.trim());
    const rows = q ? d.actors.filter((a) => fold(a.code).includes(q) || fold(a.name).includes(q)) : d.actors;
    wrap.replaceChildren(dataTable("actors", [
      { key: "code", render: (a) => actorLink(a.code, a.code) },
      { key: "name" },
      { key: "kind" },
      { key: "n_events", label: "events" },
      { key: "links", label: "", render: (a) => el("a", { href: `#/balance?actor=${encodeURIComponent(a.code)}` }, "its triads"), csv: () => "" },
    ], rows, { id: "actor-table" }));
  };
  filter.addEventListener("input", draw);
  view.append(el("section", { class: "actors-page" }, el("h2", {}, `Actors (${d.total})`), filter, wrap));
  draw();
  view.dataset.ready = "actors";
}
