// The dyad page: alliance status, dependence and similarity from reference data, the event
// timeline, and the strongest sentences about the pair.
import { timelineChart } from "./chart.js";
import { api, el, eventItem } from "./dom.js";

export async function renderDyad(view, a, b) {
  const cards = el("div", { class: "cards" });
  const chart = el("div", { id: "dyad-timeline" });
  const strongest = el("ul", { class: "events", id: "dyad-sentences" });
  view.append(
    el("section", { class: "dyad-page" },
      el("h2", {}, `${a} – ${b}`, " ", el("a", { href: `#/dyad/${encodeURIComponent(b)}/${encodeURIComponent(a)}`, class: "muted small" }, "swap")),
      cards, el("h3", {}, "Events per month"), chart, el("h3", {}, "Strongest sentences"), strongest)
  );
  const card = (title, path, summarise) => {
    const box = el("div", { class: "card" }, el("h4", {}, title), el("p", { class: "muted" }, "loading…"));
    cards.append(box);
    api(path)
      .then((data) => box.replaceChildren(el("h4", {}, title), ...summarise(data).filter(Boolean), details(data)))
      .catch((err) => box.replaceChildren(el("h4", {}, title), el("p", { class: err.status === 501 || err.status === 400 ? "muted" : "error" }, err.message)));
  };
  const q = `a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
  card("Alliance", `/api/ally?${q}`, (d) => [
    el("p", { class: "big", id: "ally-verdict" }, headline(d, ["verdict", "status", "summary"])),
    d && typeof d.explanation === "string" ? el("p", {}, d.explanation) : null,
  ]);
  card("Dependence", `/api/dependence?${q}`, (d) => [el("p", { class: "big" }, headline(d, ["summary", "dependent", "share", "status"]))]);
  card("Similarity", `/api/similarity?${q}`, (d) => [el("p", { class: "big" }, headline(d, ["summary", "similarity", "s_score", "agreement"]))]);
  const data = await api(`/api/dyad?${q}&limit=10`);
  chart.append(timelineChart(data.timeline));
  strongest.append(...data.events.map((ev) => eventItem(ev)));
  if (!data.events.length) strongest.append(el("li", { class: "muted" }, "No events between these actors."));
  view.dataset.ready = "dyad";
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

/** The full JSON answer, folded, as text (never parsed as HTML). */
export function details(data) {
  return el("details", {}, el("summary", {}, "details"), el("pre", {}, JSON.stringify(data, null, 2)));
}
