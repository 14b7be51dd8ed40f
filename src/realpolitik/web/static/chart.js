// Small SVG charts drawn by hand: one bar chart and one multi-line chart are all the dashboard
// needs, so a charting library is not worth its weight.
const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = String(text);
  return n;
}

/** Monthly bars: cooperative events upward (green), conflictual downward (red). */
export function timelineChart(rows, { width = 720, height = 200 } = {}) {
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": "events per month" });
  if (!rows.length) {
    root.append(svg("text", { x: 10, y: 20, class: "muted" }, "no dated events"));
    return root;
  }
  const pad = { l: 36, r: 8, t: 10, b: 28 };
  const mid = pad.t + (height - pad.t - pad.b) / 2;
  const half = (height - pad.t - pad.b) / 2;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.cooperative, r.conflictual)));
  const bw = (width - pad.l - pad.r) / rows.length;
  root.append(svg("line", { x1: pad.l, x2: width - pad.r, y1: mid, y2: mid, stroke: "#999" }));
  root.append(svg("text", { x: 2, y: pad.t + 10, "font-size": 10 }, `+${max}`));
  root.append(svg("text", { x: 2, y: height - pad.b, "font-size": 10 }, `−${max}`));
  rows.forEach((r, i) => {
    const x = pad.l + i * bw + bw * 0.1;
    const w = Math.max(1, bw * 0.8);
    const up = (r.cooperative / max) * half;
    const down = (r.conflictual / max) * half;
    const g = svg("g");
    g.append(svg("title", {}, `${r.month}: ${r.cooperative} cooperative, ${r.conflictual} conflictual, mean ${r.mean_intensity}`));
    g.append(svg("rect", { x, y: mid - up, width: w, height: up, fill: "#1a9850" }));
    g.append(svg("rect", { x, y: mid, width: w, height: down, fill: "#d73027" }));
    root.append(g);
    const every = Math.ceil(rows.length / 12);
    if (i % every === 0) root.append(svg("text", { x, y: height - 8, "font-size": 10 }, r.month));
  });
  return root;
}

/** One line per partner: events per period. */
export function linesChart(series, { width = 720, height = 220 } = {}) {
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": "events per period by partner" });
  const periods = [...new Set(series.map((s) => s.period))].sort();
  if (!periods.length) {
    root.append(svg("text", { x: 10, y: 20 }, "no dated events"));
    return root;
  }
  const partners = [...new Set(series.map((s) => s.partner))];
  const pad = { l: 36, r: 90, t: 10, b: 28 };
  const max = Math.max(1, ...series.map((s) => s.n_events));
  const x = (i) => pad.l + (periods.length === 1 ? 0.5 : i / (periods.length - 1)) * (width - pad.l - pad.r);
  const y = (v) => height - pad.b - (v / max) * (height - pad.t - pad.b);
  const palette = ["#3a5f8a", "#e08214", "#6a3d9a", "#1a9850", "#d73027", "#8c510a", "#01665e", "#c51b7d"];
  root.append(svg("text", { x: 2, y: pad.t + 10, "font-size": 10 }, String(max)));
  partners.forEach((p, k) => {
    const pts = periods.map((per, i) => {
      const row = series.find((s) => s.partner === p && s.period === per);
      return `${x(i)},${y(row ? row.n_events : 0)}`;
    });
    const color = palette[k % palette.length];
    root.append(svg("polyline", { points: pts.join(" "), fill: "none", stroke: color, "stroke-width": 2 }));
    root.append(svg("text", { x: width - pad.r + 6, y: pad.t + 12 + 13 * k, fill: color, "font-size": 11 }, p));
  });
  const every = Math.ceil(periods.length / 10);
  periods.forEach((per, i) => {
    if (i % every === 0) root.append(svg("text", { x: x(i) - 10, y: height - 8, "font-size": 10 }, per.slice(0, 7)));
  });
  return root;
}
