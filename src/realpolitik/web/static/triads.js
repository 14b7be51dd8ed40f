// One frustrated triad as a list item: its three actors (links to their pages), who is under pressure,
// its weight, and its signed edges with their evidence one click away. Shared by the actor page and the
// Balance page. Accepts the balance module's {actors, pressured, kind, weight, edges} or a bare list.
import { actorLink, el, signClass } from "./dom.js";

export function triadItem(t, names = {}) {
  const actors = Array.isArray(t) ? t : t.actors || t.nodes || t.triad || [];
  const codes = actors.map((c) => String(c && typeof c === "object" ? c.code : c));
  const head = el("div", { class: "triad-head" }, ...codes.flatMap((c, i) => [i ? " – " : "", actorLink(c, names[c])]));
  if (Array.isArray(t)) return el("li", { class: "triad" }, head);
  const meta = [];
  if (t.pressured) meta.push(el("span", { class: "pressured" }, `${names[t.pressured] || t.pressured} must choose`));
  else if (t.kind === "---") meta.push(el("span", { class: "muted" }, "three conflicts: nobody pressured, no two-bloc reading fits"));
  if (typeof t.weight === "number") meta.push(el("span", { class: "muted" }, `weight ${t.weight.toFixed(2)} (its weakest tie)`));
  const edges = (t.edges || []).map((e) => {
    const a = Array.isArray(e) ? e[0] : e.a ?? e.source ?? e.u;
    const b = Array.isArray(e) ? e[1] : e.b ?? e.target ?? e.v;
    const sign = Array.isArray(e) ? e[2] : e.sign ?? e.weight;
    const evidence = !Array.isArray(e) && Array.isArray(e.evidence) ? e.evidence : [];
    const label = `${a}–${b} ${Number(sign) > 0 ? "+ friends" : Number(sign) < 0 ? "− enemies" : "0"}${e.n_events ? ` · ${e.n_events} events` : ""}`;
    return el("li", { class: `triad-edge ${signClass(sign)}` },
      el("a", { href: `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}` }, label),
      evidence.length ? el("details", { class: "edge-evidence" }, el("summary", {}, `evidence (${evidence.length})`), ...evidence.map((s) => el("blockquote", { class: "evidence" }, s))) : null);
  });
  return el("li", { class: "triad" }, head, meta.length ? el("div", { class: "triad-meta" }, ...meta.flatMap((m, i) => (i ? [" · ", m] : [m]))) : null,
    edges.length ? el("ul", { class: "triad-edges" }, ...edges) : null);
}
