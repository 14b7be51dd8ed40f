// Tables: every list the dashboard shows is a table an analyst can sort by eye and download as CSV,
// and an analysis answer's details are nested tables, never raw JSON. Cells are text nodes only.
import { el } from "./dom.js";

/** RFC 4180 CSV of rows (objects) over columns [{key, label}]; nested values as compact JSON. */
export function toCsv(columns, rows) {
  const cell = (v) => {
    if (v === null || v === undefined) return "";
    const s = typeof v === "object" ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => cell(c.label ?? c.key)).join(",")];
  for (const r of rows) lines.push(columns.map((c) => cell(c.csv ? c.csv(r) : r[c.key])).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** A button that downloads `rows` as `name`.csv (built in the page: no request, nothing stored). */
export function csvButton(name, columns, rows) {
  const btn = el("button", { type: "button", class: "csv", "data-csv": name }, "Download CSV");
  btn.addEventListener("click", () => {
    const blob = new Blob([toCsv(columns, rows)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: `${name}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return btn;
}

/**
 * A table of rows over columns [{key, label, render?, csv?, class?}], with a CSV button above it.
 * `render(row)` may return a node (a link); the CSV takes `csv(row)` or the raw value.
 */
export function dataTable(name, columns, rows, { id, rowClass } = {}) {
  const head = el("tr", {}, ...columns.map((c) => el("th", { scope: "col" }, c.label ?? c.key)));
  const body = el("tbody", {}, ...rows.map((r) =>
    el("tr", { class: rowClass ? rowClass(r) : null }, ...columns.map((c) => el("td", { class: c.class || null }, c.render ? c.render(r) : fmt(r[c.key]))))));
  return el("div", { class: "table-wrap" }, el("div", { class: "table-tools" }, el("span", { class: "muted" }, `${rows.length} rows`), " ", csvButton(name, columns, rows)),
    el("table", { id: id || null, class: "data" }, el("thead", {}, head), body));
}

function fmt(v) {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Math.round(v * 10000) / 10000);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

const MAX_DEPTH = 4;
const MAX_ROWS = 200;

/** Any JSON value as nested tables: objects as field/value rows, lists of objects as tables with a column per key. */
export function valueTable(v, depth = 0) {
  if (v === null || v === undefined || typeof v !== "object") return document.createTextNode(fmt(v));
  if (depth >= MAX_DEPTH) return el("code", {}, JSON.stringify(v));
  if (Array.isArray(v)) {
    if (!v.length) return el("span", { class: "muted" }, "none");
    if (v.every((x) => x === null || typeof x !== "object")) return document.createTextNode(v.map(fmt).join(", "));
    if (v.every((x) => x && typeof x === "object" && !Array.isArray(x))) {
      const keys = [...new Set(v.flatMap((x) => Object.keys(x)))];
      const shown = v.slice(0, MAX_ROWS);
      return el("div", {},
        el("table", { class: "details-table" },
          el("thead", {}, el("tr", {}, ...keys.map((k) => el("th", {}, k)))),
          el("tbody", {}, ...shown.map((x) => el("tr", {}, ...keys.map((k) => el("td", {}, valueTable(x[k], depth + 1))))))),
        v.length > shown.length ? el("p", { class: "muted" }, `first ${shown.length} of ${v.length}`) : null,
        depth === 0 ? csvButton("details", keys.map((k) => ({ key: k })), v) : null);
    }
    return el("ol", {}, ...v.map((x) => el("li", {}, valueTable(x, depth + 1))));
  }
  const entries = Object.entries(v);
  if (!entries.length) return el("span", { class: "muted" }, "none");
  return el("table", { class: "details-table kv" }, el("tbody", {}, ...entries.map(([k, x]) => el("tr", {}, el("th", { scope: "row" }, k), el("td", {}, valueTable(x, depth + 1))))));
}

/** An analysis answer's full content, folded, as tables. */
export function details(data, label = "details") {
  return el("details", { class: "answer-details" }, el("summary", {}, label), valueTable(data));
}
