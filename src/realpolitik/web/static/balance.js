// The Balance question page: "whom must X choose between?" Every frustrated triad of the signed graph,
// ranked (weakest tie first, as the balance module ranks them), who is pressured, the evidence of each
// tie one click away, the actors under the most cross-pressure, and the two blocs with their caveat.
import { actorLink, api, dateProblem, el } from "./dom.js";
import { dataTable } from "./table.js";
import { triadItem } from "./triads.js";

const SHOWN = 200;

export async function renderBalance(view, params) {
  const at = params.get("at") || "";
  const windowDays = params.get("window") || "";
  const actor = params.get("actor") || "";
  const problem = el("p", { class: "error", id: "balance-problem", role: "alert" });
  const form = el("form", { class: "controls", id: "balance-controls", novalidate: true },
    el("label", {}, "at ", el("input", { name: "at", value: at, placeholder: "latest event", size: 11 })),
    el("label", {}, " over the last ", el("input", { name: "window", value: windowDays.replace(/d$/, ""), placeholder: "365", size: 5 }), " days"),
    el("label", {}, " involving ", el("input", { name: "actor", value: actor, placeholder: "any actor", size: 10, list: "actor-options" })),
    " ", el("button", { type: "submit" }, "Show"), problem);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const bad = dateProblem("at", form.elements.at.value.trim());
    const w = form.elements.window.value.trim();
    if (bad || (w && !/^\d{1,5}$/.test(w))) {
      problem.textContent = bad || `window: a number of days (got "${w}")`;
      return;
    }
    const q = new URLSearchParams();
    if (form.elements.at.value.trim()) q.set("at", form.elements.at.value.trim());
    if (w) q.set("window", `${w}d`);
    if (form.elements.actor.value.trim()) q.set("actor", form.elements.actor.value.trim());
    location.hash = `#/balance?${q}`;
  });
  const body = el("div", { id: "balance-body" }, el("p", { class: "muted" }, "computing the signed graph's balance…"));
  view.append(el("section", { class: "balance-page" },
    el("h2", {}, "Balance: who must choose between whom"),
    el("p", { class: "muted" }, "A triad is frustrated when the product of its three signs is negative: with two friendships and one conflict (+ + −) the actor holding both friendships is under cross-pressure. Signs come from the events of the window (recent ones weigh more) and the reference data."),
    form, body));
  const bad = dateProblem("at", at);
  if (bad) {
    problem.textContent = bad;
    body.replaceChildren();
    view.dataset.ready = "balance";
    return;
  }
  const q = new URLSearchParams({ method: "heuristic", limit: String(SHOWN) });
  if (at) q.set("at", at);
  if (windowDays) q.set("window", /d$/.test(windowDays) ? windowDays : `${windowDays}d`);
  if (actor) q.set("code", actor);
  let d;
  try {
    d = await api(`/api/triads?${q}`);
  } catch (err) {
    body.replaceChildren(el("p", { class: "error" }, err.message));
    view.dataset.ready = "balance";
    return;
  }
  const names = d.names || {};
  const list = d.frustrated_triads || [];
  const n = d.frustrated_triads_matching ?? list.length;
  const parts = [
    el("p", { id: "balance-summary" }, `Signed graph at ${d.at} over ${d.window_days} days: ${d.actors} actors, ${d.edges} ties (${d.positive_edges} +, ${d.negative_edges} −). `,
      `${n} frustrated triads${actor ? ` involving ${actor}` : ""}`, n > list.length ? ` (the first ${list.length} shown)` : "", `. Frustration index ${d.frustration_index}`,
      d.exact === false ? ` (heuristic; proven lower bound ${d.bound}, gap ${d.gap})` : " (exact)", "."),
  ];
  const pressure = (d.cross_pressure || []).map((c) => ({ ...c, name: names[c.actor] || c.actor }));
  if (pressure.length) {
    parts.push(el("h3", {}, "Under cross-pressure"), dataTable("cross-pressure", [
      { key: "actor", render: (c) => actorLink(c.actor, c.name), csv: (c) => c.actor },
      { key: "name" },
      { key: "triads", label: "frustrated triads where it holds both friendships" },
      { key: "filter", label: "", render: (c) => el("a", { href: `#/balance?actor=${encodeURIComponent(c.actor)}` }, "its triads"), csv: () => "" },
    ], pressure, { id: "cross-pressure" }));
  }
  parts.push(el("h3", {}, "Frustrated triads"));
  if (list.length) {
    parts.push(el("ol", { class: "triads", id: "balance-triads" }, ...list.map((t) => triadItem(t, names))));
    parts.push(dataTable("frustrated-triads", [
      { key: "actors", render: (t) => t.actors.join(" – "), csv: (t) => t.actors.join(" ") },
      { key: "pressured", render: (t) => t.pressured || "—" },
      { key: "kind" },
      { key: "weight" },
    ], list, { id: "triad-table" }));
  } else {
    parts.push(el("p", { class: "muted", id: "no-triads" }, "No frustrated triads in this window: every triangle of ties is balanced."));
  }
  if (Array.isArray(d.blocs) && d.blocs.length) {
    parts.push(el("h3", {}, "Two blocs"),
      el("p", { class: "caveat", id: "bloc-caveat" }, "Caveat: these are the two groups that leave the fewest ties frustrated (friends inside, enemies across). Components of the graph that share no tie are independent, so which side each takes is arbitrary; ",
        d.exact === false ? "the split is a heuristic's, not proven optimal; " : "", "a bloc is a reading of the events, not an alliance."),
      el("div", { class: "blocs" }, ...d.blocs.map((bloc, i) => el("div", { class: "bloc" }, el("h4", {}, `Bloc ${i + 1} (${bloc.length})`),
        el("p", {}, ...bloc.flatMap((c, k) => [k ? ", " : "", actorLink(c, names[c])]))))));
  }
  body.replaceChildren(...parts);
  view.dataset.ready = "balance";
}
