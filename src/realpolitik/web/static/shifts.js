// The Shifts question page: "who is realigning?" Actors ranked by tested change (G-test per period
// against all earlier periods, Benjamini-Hochberg q-values), each with the partners that drove its
// strongest change and their sentences.
import { actorLink, api, el } from "./dom.js";
import { dataTable } from "./table.js";

export async function renderShifts(view, params) {
  const by = params.get("by") || "quarter";
  const body = el("div", { id: "shifts-body" }, el("p", { class: "muted" }, "testing every active actor…"));
  view.append(el("section", { class: "shifts-page" },
    el("h2", {}, "Shifts: who is realigning"),
    el("p", {}, "by ", ...["year", "quarter", "month"].flatMap((u) => [el("a", { href: `#/shifts?by=${u}`, class: u === by ? "current" : "" }, u), " "])),
    el("p", { class: "muted" }, "For each actor, each period's spread of cooperation and conflict over partners is tested against all its earlier periods; a change is significant when its q-value is under α. Events dated more coarsely than the period are placed by their document's date."),
    body));
  let d;
  try {
    d = await api(`/api/shifts/ranking?by=${by}`);
  } catch (err) {
    body.replaceChildren(el("p", { class: "error" }, err.message));
    view.dataset.ready = "shifts";
    return;
  }
  const rows = d.ranking || [];
  const pct = (x) => `${Math.round(100 * Number(x || 0))}%`;
  const parts = [el("p", { id: "shifts-summary" }, `${d.actors_considered} actors tested (of ${d.actors_with_events} with events; at least ${d.min_events} events each), α = ${d.alpha ?? "—"}. `,
    `${rows.filter((r) => r.significant_changes).length} with a significant change.`)];
  parts.push(dataTable(`shifts-ranking-${by}`, [
    { key: "rank" },
    { key: "actor", render: (r) => actorLink(r.actor, r.name), csv: (r) => r.actor },
    { key: "name" },
    { key: "events" },
    { key: "periods_tested", label: "periods tested" },
    { key: "significant_changes", label: "significant changes" },
    { key: "period", label: "strongest change", render: (r) => (r.best ? r.best.period : "—"), csv: (r) => (r.best ? r.best.period : "") },
    { key: "g", label: "G", render: (r) => (r.best ? String(r.best.statistic) : "—"), csv: (r) => (r.best ? r.best.statistic : "") },
    { key: "q", label: "q (BH)", render: (r) => (r.best ? String(r.best.q_value) : "—"), csv: (r) => (r.best ? r.best.q_value : "") },
    { key: "drivers", render: (r) => r.drivers.map((x) => `${x.partner} ${x.polarity}`).join(", ") || "—", csv: (r) => r.drivers.map((x) => `${x.partner} ${x.polarity}`).join("; ") },
  ], rows, { id: "shifts-ranking", rowClass: (r) => (r.significant_changes ? "significant" : null) }));
  parts.push(el("h3", {}, "Drivers and their sentences"));
  parts.push(el("ol", { class: "shift-drivers", id: "shift-drivers" }, ...rows.filter((r) => r.best).map((r) =>
    el("li", {}, el("b", {}, actorLink(r.actor, r.name)), ` · ${r.best.period}: G = ${r.best.statistic}, p = ${r.best.p_value}, q = ${r.best.q_value}${r.best.significant ? " (significant)" : " (not significant)"} · `,
      el("a", { href: `#/actor/${encodeURIComponent(r.actor)}?by=${by}` }, "actor page"),
      el("ul", { class: "drivers" }, ...r.drivers.map((x) => el("li", { class: x.polarity === "conflict" ? "neg" : x.polarity === "cooperation" ? "pos" : "neu" },
        actorLink(x.partner, x.name), ` ${x.polarity}: ${x.events} events (expected ${x.expected}), share ${pct(x.share_before)} → ${pct(x.share_now)}`,
        x.evidence.length ? el("details", {}, el("summary", {}, `sentences (${x.evidence.length})`), ...x.evidence.map((s) => el("blockquote", { class: "evidence" }, s))) : null)))))));
  body.replaceChildren(...parts);
  view.dataset.ready = "shifts";
}
