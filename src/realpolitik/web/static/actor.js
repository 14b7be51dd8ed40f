// The actor page: partners over time, shifts in its relations with the events behind them, and the
// frustrated (unbalanced) triads it belongs to. An actor the store does not hold gets the honest
// "unknown actor" page with did-you-mean instead of an empty page.
import { linesChart } from "./chart.js";
import { actorLink, api, el, fmtIntensity, questionLinks, resolveActor, signClass, unknownActor } from "./dom.js";
import { triadItem } from "./triads.js";
import { dataTable, details } from "./table.js";

const TRIADS_SHOWN = 20;

export async function renderActor(view, raw, params) {
  const res = await resolveActor(raw);
  if (!res.known) {
    unknownActor(view, res);
    return;
  }
  const code = res.code;
  const by = params.get("by") || "quarter";
  const enc = encodeURIComponent(code);
  const shifts = el("div", { id: "actor-shifts" }, el("p", { class: "muted" }, "loading…"));
  const triads = el("div", { id: "actor-triads" }, el("p", { class: "muted" }, "loading…"));
  const partners = el("div", { id: "actor-partners" });
  view.append(
    el("section", { class: "actor-page" },
      el("h2", { id: "actor-title" }, res.name && res.name !== code ? `${res.name} (${code})` : code),
      questionLinks([code]),
      el("p", {}, "by ", ...["year", "quarter", "month"].flatMap((u) => [el("a", { href: `#/actor/${enc}?by=${u}`, class: u === by ? "current" : "" }, u), " "]),
        " · ", el("a", { href: `#/search?actor=${enc}` }, "search its evidence")),
      el("h3", {}, "Partners over time"), partners, el("h3", {}, "Shifts"), shifts, el("h3", {}, "Frustrated triads"), triads)
  );
  api(`/api/shifts?code=${enc}&by=${by}`)
    .then((d) => shifts.replaceChildren(...renderShifts(d)))
    .catch((err) => shifts.replaceChildren(el("p", { class: "error" }, err.message)));
  // The triads are exact either way; the heuristic only finds the index and blocs faster on a big graph.
  api(`/api/triads?code=${enc}&method=heuristic&limit=${TRIADS_SHOWN}`)
    .then((d) => triads.replaceChildren(...renderTriads(d)))
    .catch((err) => triads.replaceChildren(el("p", { class: "error" }, err.message)));
  const data = await api(`/api/actor?code=${enc}&by=${by}`);
  const names = Object.fromEntries(data.partners.map((p) => [p.code, p.name]));
  partners.append(linesChart(data, names));
  if (data.coarser && data.coarser.length) {
    const n = data.coarser.reduce((s, c) => s + c.n_events, 0);
    partners.append(el("p", { class: "muted small", id: "coarser-note" }, `${n} events dated only to their year are not drawn in a ${by} chart: `,
      data.coarser.map((c) => `${c.partner} ${c.year} (${c.n_events})`).join(", "), by !== "year" ? " · see them " : "", by !== "year" ? el("a", { href: `#/actor/${enc}?by=year` }, "by year") : null));
  }
  partners.append(dataTable(`${code}-partners`, [
    { key: "code", label: "partner", render: (p) => el("a", { href: `#/dyad/${enc}/${encodeURIComponent(p.code)}` }, p.code) },
    { key: "name", label: "name" },
    { key: "n_events", label: "events" },
    { key: "mean_intensity", label: "mean intensity", render: (p) => fmtIntensity(p.mean_intensity) },
  ], data.partners, { id: "partner-table", rowClass: (p) => signClass(p.mean_intensity) }));
  view.dataset.ready = "actor";
}

// analysis.shifts: `tests` are the periods tested (G-test of the partner x polarity distribution against all
// earlier periods, BH q-value); `changes` the significant ones, each with the partners that drove it and
// their sentences; `new_partners` are first cooperative contacts. Every string is placed as text.
function renderShifts(d) {
  const out = [];
  const pct = (x) => `${Math.round(100 * Number(x || 0))}%`;
  const sentences = (list) => (list && list.length ? el("ul", { class: "sentences" }, ...list.slice(0, 3).map((t) => el("li", {}, el("blockquote", { class: "evidence" }, t)))) : null);
  const tests = d.tests || [];
  if (tests.length) {
    out.push(dataTable(`${d.actor}-shift-tests`, [
      { key: "period" }, { key: "statistic", label: "G" }, { key: "dof", label: "df" }, { key: "p_value", label: "p" },
      { key: "q_value", label: "q (BH)" }, { key: "method" }, { key: "events_before", label: "events before" }, { key: "events_now", label: "events now" },
      { key: "significant", render: (t) => (t.significant ? el("b", {}, "yes") : "no") },
    ], tests, { id: "shift-tests" }));
  }
  const changes = d.changes || [];
  if (changes.length) {
    out.push(
      el("ul", { class: "shifts", id: "shift-list" }, ...changes.map((c) =>
        el("li", {},
          el("div", {}, el("b", {}, c.period), el("span", { class: "muted" }, ` · G = ${c.statistic}, p = ${c.p_value}, q = ${c.q_value} · ${c.events_before} events before, ${c.events_now} now`)),
          el("ul", { class: "drivers" }, ...(c.drivers || []).map((r) =>
            el("li", { class: r.polarity === "conflict" ? "neg" : r.polarity === "cooperation" ? "pos" : "neu" },
              actorLink(r.partner), ` ${r.polarity}: ${r.events} events (expected ${r.expected}), share ${pct(r.share_before)} → ${pct(r.share_now)}`,
              sentences(r.evidence))))
        )))
    );
  } else {
    out.push(el("p", { class: "muted", id: "no-shift" }, `No significant shift (${tests.length} periods tested, ${d.events ?? 0} events).`));
  }
  const fresh = (d.new_partners || []).filter((n) => n.history_before);
  if (fresh.length) {
    out.push(
      el("h4", {}, "New cooperative partners"),
      el("ul", { class: "new-partners" }, ...fresh.slice(0, 20).map((n) =>
        el("li", {}, el("b", {}, n.period), " ", actorLink(n.partner), n.via && n.via.length ? ` (via ${n.via.join(", ")})` : "", ` · ${n.events} events`, sentences((n.evidence || []).slice(0, 1)))))
    );
  }
  out.push(details(d));
  return out;
}

function renderTriads(d) {
  const list = d.frustrated_triads || [];
  const index = d.frustration_index !== undefined ? `frustration index of the whole graph: ${d.frustration_index}${d.exact === false ? " (heuristic, gap " + d.gap + ")" : ""}` : null;
  const head = index ? el("p", {}, index, " · ", el("a", { href: "#/balance" }, "all frustrated triads")) : null;
  if (!list.length) return [head, el("p", { class: "muted" }, "No frustrated triads involve this actor.")];
  const n = d.frustrated_triads_matching ?? list.length;
  return [head, el("p", { class: "muted", id: "triads-count" }, `${n} frustrated triads involve ${d.actor}` + (n > list.length ? ` (the first ${list.length} shown)` : "")),
    el("ul", { class: "triads" }, ...list.map((t) => triadItem(t, d.names || {})))];
}
