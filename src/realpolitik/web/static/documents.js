// The documents page: ingest an article (paste or upload) and read it with its events highlighted.
// Article text is untrusted: it is cut at the store's offsets and placed only as text nodes.
import { api, clear, el, eventItem, safeLink, setStatus } from "./dom.js";

const TOKEN_KEY = "realpolitik-token";

export async function renderDocuments(view) {
  const health = await api("/api/health");
  const list = el("ul", { id: "doc-list" });
  const section = el("section", { class: "documents-page" });
  if (health.allow_write) section.append(ingestForm());
  else section.append(el("p", { class: "muted", id: "read-only-note" }, "This server is read-only: start it with --allow-write to ingest articles here."));
  section.append(el("h3", {}, "Documents"), list);
  view.append(section);
  const docs = await api("/api/documents?limit=200");
  for (const d of docs) {
    list.append(el("li", {}, el("a", { href: `#/documents/${d.doc_key}` }, d.title || d.doc_id), " ", el("span", { class: "muted" }, `${d.pub_date || "undated"} · ${d.n_events} events`)));
  }
  if (!docs.length) list.append(el("li", { class: "muted" }, "No documents yet."));
  view.dataset.ready = "documents";
}

function ingestForm() {
  const form = el(
    "form",
    { id: "ingest-form" },
    el("h3", {}, "Add an article"),
    el("label", {}, "Text", el("br"), el("textarea", { name: "text", id: "ingest-text", rows: 8, cols: 90, placeholder: "Paste the article here" })),
    el("div", {}, el("label", {}, "or a file (.txt, .html) ", el("input", { type: "file", name: "file", id: "ingest-file", accept: ".txt,.html,.htm,.md" }))),
    el("div", {},
      el("label", {}, "Title ", el("input", { name: "title", id: "ingest-title", size: 40 })), " ",
      el("label", {}, "Published ", el("input", { name: "date", id: "ingest-date", type: "date" })), " ",
      el("label", {}, "URL ", el("input", { name: "url", id: "ingest-url", size: 30, placeholder: "https://…" }))),
    el("div", {},
      el("label", {}, "Write token ", el("input", { name: "token", id: "ingest-token", type: "password", size: 30, value: sessionStorage.getItem(TOKEN_KEY) || "" })), " ",
      el("button", { type: "submit", id: "ingest-submit" }, "Ingest")),
    el("p", { id: "ingest-result", role: "alert" })
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const result = form.querySelector("#ingest-result");
    const fd = new FormData();
    const text = form.elements.text.value;
    const file = form.elements.file.files[0];
    if (file) fd.append("file", file);
    else fd.append("text", text);
    for (const k of ["title", "date", "url"]) if (form.elements[k].value) fd.append(k, form.elements[k].value);
    const token = form.elements.token.value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    result.className = "muted";
    result.textContent = "Reading the article…";
    try {
      const headers = token ? { "X-Realpolitik-Token": token } : {};
      const out = await api("/api/documents", { method: "POST", body: fd, headers });
      result.className = "ok";
      result.textContent = out.already_present ? "Already in the store." : `Stored with ${out.events} events.`;
      location.hash = `#/documents/${out.doc_key}`;
    } catch (err) {
      result.className = "error";
      result.textContent = `Not stored (${err.status}): ${err.message}`;
    }
  });
  return form;
}

export async function renderDocument(view, key, params) {
  let doc;
  try {
    doc = await api(`/api/documents/${encodeURIComponent(key)}`);
  } catch (err) {
    view.append(el("p", { class: "error" }, err.message));
    return;
  }
  const text = el("div", { class: "doctext", id: "doc-text" });
  const events = el("ol", { class: "events", id: "doc-events" });
  view.append(
    el("section", { class: "document-page" },
      el("h2", { id: "doc-title" }, doc.title || doc.doc_id),
      el("p", { class: "muted" }, `${doc.pub_date || "undated"} · ${doc.events.length} events · ${doc.mentions.length} actor mentions `, safeLink(doc.url, "source")),
      el("div", { class: "doc-wrap" }, text, el("aside", {}, el("h3", {}, "Events"), events)))
  );
  highlight(text, doc);
  for (const ev of doc.events) {
    const item = eventItem(ev, { docLink: false });
    item.addEventListener("click", () => focusSentence(text, ev.sentence));
    events.append(item);
  }
  if (!doc.events.length) events.append(el("li", { class: "muted" }, "No events found in this document."));
  const s = params.get("s");
  if (s !== null) focusSentence(text, Number(s));
  view.dataset.ready = "document";
}

/**
 * Rebuild the text from the store's offsets: sentences holding events become <mark>, actor mentions
 * become labelled spans. Offsets count Unicode code points (Python), so the text is split into code
 * points first rather than indexed as UTF-16.
 */
function highlight(container, doc) {
  const cps = Array.from(doc.text || "");
  const slice = (a, b) => cps.slice(a, b).join("");
  const byType = new Map();
  for (const ev of doc.events) {
    if (!byType.has(ev.sentence)) byType.set(ev.sentence, []);
    byType.get(ev.sentence).push(ev);
  }
  const sentences = doc.sentences.length ? doc.sentences : [{ sentence: 0, start: 0, end: cps.length }];
  const mentions = doc.mentions;
  let pos = 0;
  let m = 0;
  for (const s of sentences) {
    if (s.start > pos) container.append(document.createTextNode(slice(pos, s.start)));
    const evs = byType.get(s.sentence) || [];
    const node = evs.length
      ? el("mark", { class: "event-sentence", dataset: { sentence: s.sentence }, title: evs.map((e) => `${(e.source && e.source.code) || "?"} ${e.event_type} ${(e.target && e.target.code) || "?"}`).join("; ") })
      : el("span", { class: "sentence", dataset: { sentence: s.sentence } });
    let p = s.start;
    while (m < mentions.length && mentions[m].end <= s.end) {
      const mm = mentions[m++];
      if (mm.start < p) continue;
      if (mm.start > p) node.append(document.createTextNode(slice(p, mm.start)));
      node.append(el("span", { class: "mention", title: [mm.code, mm.sector].filter(Boolean).join(" ") || "actor" }, slice(mm.start, mm.end)));
      p = mm.end;
    }
    if (s.end > p) node.append(document.createTextNode(slice(p, s.end)));
    container.append(node);
    pos = Math.max(pos, s.end);
  }
  if (pos < cps.length) container.append(document.createTextNode(slice(pos, cps.length)));
}

function focusSentence(container, i) {
  const node = container.querySelector(`[data-sentence="${Number(i)}"]`);
  if (!node) return;
  for (const n of container.querySelectorAll(".focused")) n.classList.remove("focused");
  node.classList.add("focused");
  node.scrollIntoView({ block: "center" });
  setStatus("");
}

export { clear };
