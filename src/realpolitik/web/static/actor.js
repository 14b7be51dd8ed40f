// The actor page: partners over time, shifts in its relations with the events behind them, and the
// frustrated (unbalanced) triads it belongs to.
import { linesChart } from "./chart.js";
import { details } from "./dyad.js";
import { api, el, eventItem, fmtIntensity, signClass } from "./dom.js";

export async function renderActor(view, code, params) {
  const by = params.get("by") || "quarter";
  const shifts = el("div", { id: "actor-shifts" }, el("p", { class: "muted" }, "loading…"));
  const triads = el("div", { id: "actor-triads" }, el("p", { class: "muted" }, "loading…"));
  const partners = el("div", { id: "actor-partners" });
  view.append(
    el("section", { class: "actor-page" },
      el("h2", { id: "actor-title" }, code),
      el("p", {}, "by ", ...["year", "quarter", "month"].flatMap((u) => [el("a", { href: `#/actor/${encodeURIComponent(code)}?by=${u}`, class: u === by ? "current" : "" }, u), " "])),
      el("h3", {}, "Partners over time"), partners, el("h3", {}, "Shifts"), shifts, el("h3", {}, "Frustrated triads"), triads)
  );
  const enc = encodeURIComponent(code);
  api(`/api/shifts?code=${enc}&by=${by}`)
    .then((d) => shifts.replaceChildren(...renderShifts(d)))
    .catch((err) => shifts.replaceChildren(el("p", { class: err.status === 501 ? "muted" : "error" }, err.message)));
  api(`/api/triads?code=${enc}`)
    .then((d) => triads.replaceChildren(...renderTriads(d)))
    .catch((err) => triads.replaceChildren(el("p", { class: err.status === 501 ? "muted" : "error" }, err.message)));
  const data = await api(`/api/actor?code=${enc}&by=${by}`);
  document.getElementById("actor-title").textContent = data.name && data.name !== data.actor ? `${data.actor} · ${data.name}` : data.actor;
  partners.append(linesChart(data.series));
  const rows = data.partners.map((p) =>
    el("tr", { class: signClass(p.mean_intensity) },
      el("td", {}, el("a", { href: `#/dyad/${enc}/${encodeURIComponent(p.code)}` }, `${p.code}`), p.name !== p.code ? ` ${p.name}` : ""),
      el("td", {}, p.n_events), el("td", {}, fmtIntensity(p.mean_intensity)))
  );
  partners.append(el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "partner"), el("th", {}, "events"), el("th", {}, "mean intensity"))), el("tbody", {}, ...rows)));
  view.dataset.ready = "actor";
}

function renderShifts(d) {
  const list = Array.isArray(d) ? d : d.shifts || d.changes || [];
  if (!list.length) return [el("p", { class: "muted" }, "No shifts found."), details(d)];
  return [
    el("ul", { class: "shifts" }, ...list.map((s) => {
      const evs = s.events || s.evidence || [];
      const label = ["period", "partner", "from", "to", "change", "direction"].filter((k) => s[k] !== undefined).map((k) => `${k}: ${typeof s[k] === "object" ? JSON.stringify(s[k]) : s[k]}`).join(" · ");
      return el("li", {}, el("div", {}, label || JSON.stringify(s)), evs.length ? el("ul", { class: "events" }, ...evs.slice(0, 5).map((ev) => (ev.evidence ? eventItem(ev) : el("li", {}, ev.text || JSON.stringify(ev))))) : null);
    })),
    details(d),
  ];
}

function renderTriads(d) {
  const list = d.frustrated_triads || [];
  const head = d.frustration_index !== undefined ? el("p", {}, `frustration index of the whole graph: ${d.frustration_index}`) : null;
  if (!list.length) return [head, el("p", { class: "muted" }, "No frustrated triads involve this actor."), details(d)];
  return [head, el("ul", { class: "triads" }, ...list.map(triadItem)), details(d)];
}

// One frustrated triad: its three actors (links to their pages), who is under pressure, its weight,
// and its signed edges. Accepts the balance module's {actors, pressured, weight, edges} or a bare list.
function triadItem(t) {
  const actors = Array.isArray(t) ? t : t.actors || t.nodes || t.triad || [];
  const names = actors.map((c) => String(c && typeof c === "object" ? c.code : c));
  const head = el("div", { class: "triad-head" }, ...names.flatMap((c, i) => [i ? " – " : "", el("a", { href: `#/actor/${encodeURIComponent(c)}` }, c)]));
  if (Array.isArray(t)) return el("li", { class: "triad" }, head);
  const meta = [];
  if (t.pressured !== undefined && t.pressured !== null) meta.push(`pressured: ${Array.isArray(t.pressured) ? t.pressured.join(", ") : t.pressured}`);
  if (typeof t.weight === "number") meta.push(`weight ${t.weight.toFixed(2)}`);
  const edges = (t.edges || []).map((e) => {
    const a = Array.isArray(e) ? e[0] : e.a ?? e.source ?? e.u;
    const b = Array.isArray(e) ? e[1] : e.b ?? e.target ?? e.v;
    const sign = Array.isArray(e) ? e[2] : e.sign ?? e.weight;
    return el("span", { class: `triad-edge ${signClass(sign)}` }, `${a}–${b} ${Number(sign) > 0 ? "+" : Number(sign) < 0 ? "−" : "0"}`);
  });
  return el("li", { class: "triad" }, head, meta.length ? el("span", { class: "muted" }, " · " + meta.join(" · ")) : null, edges.length ? el("div", { class: "triad-edges" }, ...edges.flatMap((x, i) => (i ? [" ", x] : [x]))) : null);
}
