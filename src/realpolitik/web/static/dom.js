// DOM helpers. Why: every string from the store (article text, evidence, names) is attacker-controlled,
// so it is only ever placed with text nodes; nothing here parses HTML.

/** Create an element; string/number children become text nodes, null/false are skipped. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A link only for http(s) URLs; anything else (javascript:, data:) stays plain text. */
export function safeLink(url, label) {
  if (typeof url === "string" && /^https?:\/\//i.test(url)) {
    return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, label || url);
  }
  return null;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function setStatus(msg, kind = "info") {
  const s = document.getElementById("status");
  s.textContent = msg || "";
  s.className = msg ? kind : "";
}

/** GET or POST JSON; an HTTP error becomes an Error carrying the server's `detail` message and status. */
export async function api(path, opts = {}) {
  const res = await fetch(path, opts);
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const detail = body && body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : res.statusText;
    const err = new Error(detail);
    err.status = res.status;
    throw err;
  }
  return body;
}

export function fmtIntensity(x) {
  const v = Number(x || 0);
  return (v > 0 ? "+" : "") + v.toFixed(1);
}

export function signClass(x) {
  const v = Number(x || 0);
  return v > 0 ? "pos" : v < 0 ? "neg" : "neu";
}

/** One event as a compact card: who did what to whom, when, and the sentence that says so. */
export function eventItem(ev, { docLink = true } = {}) {
  const src = (ev.source && ev.source.code) || "?";
  const tgt = (ev.target && ev.target.code) || "?";
  const flags = [ev.negated && "negated", ev.hypothetical && "hypothetical", ev.attributed_to && `per ${ev.attributed_to}`].filter(Boolean);
  const links = [];
  const ext = safeLink(ev.url, "source");
  if (ext) links.push(ext);
  if (docLink && ev.doc_key) {
    links.push(el("a", { href: `#/documents/${encodeURIComponent(ev.doc_key)}?s=${ev.sentence}` }, `document ${ev.doc_id ?? ""} §${ev.sentence}`));
  }
  return el(
    "li",
    { class: `event ${signClass(ev.intensity)}` },
    el(
      "div",
      { class: "event-head" },
      el("b", {}, `${src} ${ev.event_type}${ev.mode ? "/" + ev.mode : ""} ${tgt}`),
      " ",
      el("span", { class: "muted" }, ev.date || "undated"),
      " ",
      el("span", { class: `intensity ${signClass(ev.intensity)}` }, fmtIntensity(ev.intensity)),
      flags.length ? el("span", { class: "flags" }, " " + flags.join(", ")) : null
    ),
    el("blockquote", { class: "evidence" }, (ev.evidence && ev.evidence.text) || ""),
    links.length ? el("div", { class: "links" }, ...links.flatMap((l, i) => (i ? [" · ", l] : [l]))) : null
  );
}

/** A link to an actor's page, labelled with its name and code ("Russia (RUS)"). */
export function actorLink(code, name) {
  const label = name && name !== code ? `${name} (${code})` : code;
  return el("a", { href: `#/actor/${encodeURIComponent(code)}`, class: "actor-link" }, label);
}

/** The question pages every actor and dyad page links to: Balance (who must choose) and Shifts (who is realigning). */
export function questionLinks(codes = []) {
  const mention = codes.length ? ` involving ${codes.join(" or ")}` : "";
  return el(
    "p",
    { class: "questions" },
    "Questions: ",
    el("a", { href: `#/balance${codes.length ? "?actor=" + encodeURIComponent(codes[0]) : ""}`, class: "q-balance" }, `Balance: frustrated triads${mention}`),
    " · ",
    el("a", { href: "#/shifts", class: "q-shifts" }, "Shifts: who is realigning")
  );
}

/** What a typed actor stands for (`/api/actors/resolve`): {known, code, name, reason, suggestions}. */
export function resolveActor(q) {
  return api(`/api/actors/resolve?q=${encodeURIComponent(q)}`);
}

/** The honest page for an actor the store does not hold: the reason, did-you-mean links, the index. */
export function unknownActor(view, res, makeHref = (code) => `#/actor/${encodeURIComponent(code)}`) {
  const section = el("section", { class: "unknown-actor", id: "unknown-actor" },
    el("h2", {}, "Unknown actor"),
    el("p", { class: "error", id: "unknown-reason" }, res.reason || `no actor named ${JSON.stringify(res.query)} in this store`));
  if (res.suggestions && res.suggestions.length) {
    section.append(el("p", { id: "did-you-mean" }, "Did you mean ",
      ...res.suggestions.flatMap((s, i) => [i ? ", " : "", el("a", { href: makeHref(s.code) }, `${s.name} (${s.code})`)]), "?"));
  }
  section.append(el("p", {}, el("a", { href: "#/actors" }, "Browse the actor index"), " · ", el("a", { href: "#/search" }, "search the evidence")));
  view.append(section);
  view.dataset.ready = "unknown-actor";
}

/** A date the API accepts: YYYY, YYYY-MM or YYYY-MM-DD that exists in the calendar; else a readable reason. */
export function dateProblem(name, value) {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return `${name}: write the date as YYYY, YYYY-MM or YYYY-MM-DD (got "${value}")`;
  const [, y, mo, d] = m;
  if (mo && (Number(mo) < 1 || Number(mo) > 12)) return `${name}: there is no month ${Number(mo)} (got "${value}")`;
  if (d) {
    const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > days) return `${name}: ${y}-${mo} has no day ${Number(d)} (got "${value}")`;
  }
  return null;
}
