// The actor page: partners over time, shifts in its relations with the events behind them, and the
// frustrated (unbalanced) triads it belongs to.
import { linesChart } from "./chart.js";
import { details } from "./dyad.js";
import { api, el, fmtIntensity, signClass } from "./dom.js";

const TRIADS_SHOWN = 20;

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
  // The triads are exact either way; the heuristic only finds the index and blocs faster on a big graph.
  api(`/api/triads?code=${enc}&method=heuristic&limit=${TRIADS_SHOWN}`)
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

// analysis.shifts: `changes` are the periods whose partner x polarity distribution differs significantly
// from all earlier periods (G-test, BH q-value), each with the partners that drove it and their sentences;
// `new_partners` are first cooperative contacts. Every string is placed as text.
function renderShifts(d) {
  const out = [];
  const changes = d.changes || [];
  const partnerLink = (code) => el("a", { href: `#/dyad/${encodeURIComponent(d.actor)}/${encodeURIComponent(code)}` }, code);
  const pct = (x) => `${Math.round(100 * Number(x || 0))}%`;
  const sentences = (list) => (list && list.length ? el("ul", { class: "sentences" }, ...list.slice(0, 3).map((t) => el("li", {}, el("blockquote", { class: "evidence" }, t)))) : null);
  if (changes.length) {
    out.push(
      el("ul", { class: "shifts", id: "shift-list" }, ...changes.map((c) =>
        el("li", {},
          el("div", {}, el("b", {}, c.period), el("span", { class: "muted" }, ` · G = ${c.statistic}, p = ${c.p_value}, q = ${c.q_value} · ${c.events_before} events before, ${c.events_now} now`)),
          el("ul", { class: "drivers" }, ...(c.drivers || []).map((r) =>
            el("li", { class: r.polarity === "conflict" ? "neg" : r.polarity === "cooperation" ? "pos" : "neu" },
              partnerLink(r.partner), ` ${r.polarity}: ${r.events} events (expected ${r.expected}), share ${pct(r.share_before)} → ${pct(r.share_now)}`,
              sentences(r.evidence))))
        )))
    );
  } else {
    out.push(el("p", { class: "muted" }, `No significant shift (${(d.tests || []).length} periods tested, ${d.events ?? 0} events).`));
  }
  const fresh = (d.new_partners || []).filter((n) => n.history_before);
  if (fresh.length) {
    out.push(
      el("h4", {}, "New cooperative partners"),
      el("ul", { class: "new-partners" }, ...fresh.slice(0, 20).map((n) =>
        el("li", {}, el("b", {}, n.period), " ", partnerLink(n.partner), n.via && n.via.length ? ` (via ${n.via.join(", ")})` : "", ` · ${n.events} events`, sentences((n.evidence || []).slice(0, 1)))))
    );
  }
  out.push(details(d));
  return out;
}

function renderTriads(d) {
  const list = d.frustrated_triads || [];
  const index = d.frustration_index !== undefined ? `frustration index of the whole graph: ${d.frustration_index}${d.exact === false ? " (heuristic, gap " + d.gap + ")" : ""}` : null;
  const head = index ? el("p", {}, index) : null;
  if (!list.length) return [head, el("p", { class: "muted" }, "No frustrated triads involve this actor."), details(d)];
  const n = d.frustrated_triads_matching ?? list.length;
  return [head, el("p", { class: "muted", id: "triads-count" }, `${n} frustrated triads involve ${d.actor}` + (n > list.length ? ` (the first ${list.length} shown)` : "")), el("ul", { class: "triads" }, ...list.map(triadItem)), details(d)];
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
    const first = !Array.isArray(e) && Array.isArray(e.evidence) && e.evidence.length ? e.evidence[0] : null;
    return el("li", { class: `triad-edge ${signClass(sign)}` }, `${a}–${b} ${Number(sign) > 0 ? "+" : Number(sign) < 0 ? "−" : "0"}`, first ? el("blockquote", { class: "evidence" }, first) : null);
  });
  return el("li", { class: "triad" }, head, meta.length ? el("span", { class: "muted" }, " · " + meta.join(" · ")) : null, edges.length ? el("ul", { class: "triad-edges" }, ...edges) : null);
}
