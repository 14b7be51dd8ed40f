// The dashboard's router: the hash names the view (#/graph, #/balance, #/shifts, #/actors, #/search,
// #/dyad/A/B, #/actor/A, #/documents[/KEY]), so every view is a link an analyst can share or bookmark.
import { renderActor } from "./actor.js";
import { renderActors } from "./actors.js";
import { renderBalance } from "./balance.js";
import { renderDocument, renderDocuments } from "./documents.js";
import { api, clear, el, setStatus } from "./dom.js";
import { renderDyad } from "./dyad.js";
import { renderGraph } from "./graph.js";
import { renderSearch } from "./search.js";
import { renderShifts } from "./shifts.js";

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
    else if (parts[0] === "actors") await renderActors(view, params);
    else if (parts[0] === "balance") await renderBalance(view, params);
    else if (parts[0] === "shifts") await renderShifts(view, params);
    else if (parts[0] === "search") await renderSearch(view, params);
    else if (parts[0] === "documents" && parts[1]) await renderDocument(view, parts[1], params);
    else if (parts[0] === "documents") await renderDocuments(view);
    else await renderGraph(view, params);
  } catch (err) {
    view.append(el("p", { class: "error" }, `Could not load this view: ${err.message}`));
    view.dataset.ready = "error";
  }
}

document.getElementById("goto").addEventListener("submit", (e) => {
  e.preventDefault();
  const a = document.getElementById("goto-a").value.trim();
  const b = document.getElementById("goto-b").value.trim();
  if (a && b) location.hash = `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
  else if (a) location.hash = `#/actor/${encodeURIComponent(a)}`;
});

// Autocomplete over names and codes: the datalist both inputs share is refilled as one types.
let pending = 0;
function complete(input) {
  const mine = ++pending;
  const q = input.value.trim();
  api(`/api/actors?limit=12${q ? "&q=" + encodeURIComponent(q) : ""}`)
    .then((d) => {
      if (mine !== pending) return;
      const list = document.getElementById("actor-options");
      list.replaceChildren(...d.actors.map((a) => el("option", { value: a.code }, `${a.name} (${a.n_events} events)`)));
    })
    .catch(() => {});
}
for (const id of ["goto-a", "goto-b"]) {
  const input = document.getElementById(id);
  input.addEventListener("input", () => complete(input));
  input.addEventListener("focus", () => complete(input));
}

api("/api/health")
  .then((h) => {
    document.getElementById("store-info").textContent = `${h.documents} documents · ${h.events} events${h.allow_write ? " · writable" : " · read-only"}`;
  })
  .catch(() => {});

window.addEventListener("hashchange", route);
if (document.readyState === "complete") route();
else window.addEventListener("load", route);
