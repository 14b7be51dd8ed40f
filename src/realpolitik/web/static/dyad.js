// The dyad page: alliance status, dependence and similarity from reference data, the event
// timeline, and the strongest sentences about the pair. The cards ask /api/answer, which says plainly
// when the data for a question was never imported instead of failing the request.
import { timelineChart } from "./chart.js";
import { actorLink, api, el, eventItem, questionLinks, resolveActor, unknownActor } from "./dom.js";
import { dataTable, details } from "./table.js";

export async function renderDyad(view, rawA, rawB) {
  const [ra, rb] = await Promise.all([resolveActor(rawA), resolveActor(rawB)]);
  for (const [res, other, first] of [[ra, rawB, true], [rb, rawA, false]]) {
    if (!res.known) {
      unknownActor(view, res, (code) => `#/dyad/${encodeURIComponent(first ? code : other)}/${encodeURIComponent(first ? other : code)}`);
      return;
    }
  }
  const a = ra.code;
  const b = rb.code;
  const cards = el("div", { class: "cards" });
  const chart = el("div", { id: "dyad-timeline" });
  const strongest = el("ul", { class: "events", id: "dyad-sentences" });
  view.append(
    el("section", { class: "dyad-page" },
      el("h2", { id: "dyad-title" }, actorLink(a, ra.name), " – ", actorLink(b, rb.name), " ", el("a", { href: `#/dyad/${encodeURIComponent(b)}/${encodeURIComponent(a)}`, class: "muted small" }, "swap")),
      questionLinks([a, b]),
      cards, el("h3", {}, "Events per month"), chart, el("h3", {}, "Strongest sentences"), strongest,
      el("p", {}, el("a", { href: `#/search?actor=${encodeURIComponent(a)}` }, `Search the evidence of ${ra.name}`)))
  );
  const card = (title, question, summarise) => {
    const box = el("div", { class: "card", id: `card-${question}` }, el("h4", {}, title), el("p", { class: "muted" }, "loading…"));
    cards.append(box);
    api(`/api/answer?question=${question}&a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`)
      .then((res) => {
        if (!res.available) box.replaceChildren(el("h4", {}, title), el("p", { class: "muted unavailable" }, res.detail));
        else box.replaceChildren(el("h4", {}, title), ...summarise(res.answer).filter(Boolean), details(res.answer));
      })
      .catch((err) => box.replaceChildren(el("h4", {}, title), el("p", { class: "error" }, err.message)));
  };
  card("Alliance", "ally", (d) => [
    el("p", { class: "big", id: "ally-verdict" }, headline(d, ["verdict", "status", "summary"])),
    d && typeof d.explanation === "string" ? el("p", {}, d.explanation) : null,
  ]);
  card("Dependence", "dependence", (d) => [
    el("p", { class: "big", id: "dependence-summary" }, headline(d, ["summary", "dependent", "share", "status"])),
    dependenceTable(d),
  ]);
  card("Similarity", "similarity", (d) => [el("p", { class: "big" }, headline(d, ["summary", "similarity", "s_score", "agreement"]))]);
  const data = await api(`/api/dyad?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}&limit=10`);
  chart.append(timelineChart(data));
  if ((data.year_only || []).length) {
    chart.append(el("p", { class: "muted small", id: "year-only-note" }, "Events dated only to a year are shown as bands over their whole year, not as January."));
  }
  strongest.append(...data.events.map((ev) => eventItem(ev)));
  if (!data.events.length) strongest.append(el("li", { class: "muted" }, "No events between these actors."));
  view.dataset.ready = "dyad";
}

/** A dependence answer's figures as tables: each side's dependence on the other, the flows, the periods. */
function dependenceTable(d) {
  if (!d || typeof d !== "object") return null;
  const parts = [];
  if (d.dependence && typeof d.dependence === "object") {
    const rows = Object.entries(d.dependence).map(([state, x]) => ({ state, ...x }));
    parts.push(el("h5", {}, `Dependence in ${d.period || "the latest period"} (share of arms imports or exports)`),
      dataTable("dependence", [{ key: "state" }, { key: "score" }, { key: "via" }, { key: "import_share", label: "import share" }, { key: "export_share", label: "export share" }], rows, { id: "dependence-table" }));
  }
  if (Array.isArray(d.flows) && d.flows.length) {
    const keys = Object.keys(d.flows[0]).filter((k) => typeof d.flows[0][k] !== "object");
    parts.push(el("h5", {}, "Deliveries (SIPRI TIV)"), dataTable("flows", keys.map((k) => ({ key: k })), d.flows));
  }
  if (Array.isArray(d.periods) && d.periods.length > 1) {
    parts.push(el("h5", {}, "By period"), dataTable("periods", [{ key: "period" }, { key: "transfers" }, { key: "more_dependent", label: "more dependent" }, { key: "importer_share", label: "importer share" }, { key: "supplier_share", label: "supplier share" }], d.periods));
  }
  return parts.length ? el("div", { class: "dependence-figures" }, ...parts) : null;
}

function headline(d, keys) {
  if (d && typeof d === "object") {
    for (const k of keys) {
      const v = d[k];
      if (typeof v === "string" && v) return v; // a sentence (verdict, summary) reads as it is
      if (v !== undefined && v !== null && typeof v !== "object") return `${k}: ${v}`;
    }
  }
  return "";
}

export { details };
