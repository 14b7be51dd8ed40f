// The dashboard's router: the hash names the view (#/graph, #/dyad/A/B, #/actor/A, #/documents[/KEY]),
// so every view is a link an analyst can share or bookmark.
import { renderActor } from "./actor.js";
import { renderDocument, renderDocuments } from "./documents.js";
import { api, clear, el, setStatus } from "./dom.js";
import { renderDyad } from "./dyad.js";
import { renderGraph } from "./graph.js";

async function route() {
  const view = document.getElementById("view");
  clear(view);
  delete view.dataset.ready;
  setStatus("");
  const raw = location.hash.replace(/^#\/?/, "") || "graph";
  const [path, query] = raw.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").map(decodeURIComponent);
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("current", a.dataset.nav === parts[0]);
  try {
    if (parts[0] === "dyad" && parts[1] && parts[2]) await renderDyad(view, parts[1], parts[2]);
    else if (parts[0] === "actor" && parts[1]) await renderActor(view, parts[1], params);
    else if (parts[0] === "documents" && parts[1]) await renderDocument(view, parts[1], params);
    else if (parts[0] === "documents") await renderDocuments(view);
    else await renderGraph(view, params);
  } catch (err) {
    view.append(el("p", { class: "error" }, `Could not load this view: ${err.message}`));
  }
}

document.getElementById("goto").addEventListener("submit", (e) => {
  e.preventDefault();
  const a = document.getElementById("goto-a").value.trim();
  const b = document.getElementById("goto-b").value.trim();
  if (a && b) location.hash = `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
  else if (a) location.hash = `#/actor/${encodeURIComponent(a)}`;
});

api("/api/health")
  .then((h) => {
    document.getElementById("store-info").textContent = `${h.documents} documents · ${h.events} events${h.allow_write ? " · writable" : " · read-only"}`;
  })
  .catch(() => {});

window.addEventListener("hashchange", route);
if (document.readyState === "complete") route();
else window.addEventListener("load", route);
