// Small SVG charts drawn by hand (a bar chart and a multi-line chart are all the dashboard needs).
// Rules: titled axes with units, a zero line, a continuous time axis (every period between the first and
// the last, empty ones included), and dates drawn only at their own precision: an event known only to its
// year is never drawn as January; it sits in a band spanning its whole year.
const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = String(text);
  return n;
}

function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
    if (out.length > 2400) break;
  }
  return out;
}

function niceMax(v) {
  if (v <= 5) return Math.max(1, Math.ceil(v));
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / p) * p;
}

/**
 * Events per month between two actors: cooperative upward (green), conflictual downward (red), from
 * `data.timeline` (months dated to the month or day); `data.year_only` (events dated only to a year)
 * become bands spanning their year under the axis.
 */
export function timelineChart(data, { width = 760, height = 260 } = {}) {
  const rows = data.timeline || [];
  const years = data.year_only || [];
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": "events per month, cooperative and conflictual" });
  if (!rows.length && !years.length) {
    root.append(svg("text", { x: 10, y: 20 }, "no dated events"));
    return root;
  }
  const firsts = [...(rows.length ? [rows[0].month] : []), ...years.map((y) => `${y.year}-01`)].sort();
  const lasts = [...(rows.length ? [rows[rows.length - 1].month] : []), ...years.map((y) => `${y.year}-12`)].sort();
  const months = monthsBetween(firsts[0], lasts[lasts.length - 1]);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const band = years.length ? 30 : 0;
  const pad = { l: 56, r: 12, t: 12, b: 44 + band };
  const plotH = height - pad.t - pad.b;
  const mid = pad.t + plotH / 2;
  const half = plotH / 2;
  const max = niceMax(Math.max(1, ...rows.map((r) => Math.max(r.cooperative, r.conflictual))));
  const bw = (width - pad.l - pad.r) / months.length;
  const xOf = (i) => pad.l + i * bw;
  // axes: y ticks with units, the zero line, titles
  root.append(svg("line", { x1: pad.l, x2: pad.l, y1: pad.t, y2: pad.t + plotH, stroke: "#999" }));
  for (const [v, y] of [[max, pad.t], [0, mid], [-max, pad.t + plotH]]) {
    root.append(svg("text", { x: pad.l - 6, y: y + 4, "font-size": 10, "text-anchor": "end" }, v > 0 ? `+${v}` : v < 0 ? `−${-v}` : "0"));
  }
  root.append(svg("line", { x1: pad.l, x2: width - pad.r, y1: mid, y2: mid, stroke: "#555", class: "zero-line" }));
  root.append(svg("text", { x: 12, y: mid, "font-size": 11, transform: `rotate(-90 12 ${mid})`, "text-anchor": "middle", class: "axis-title y-title" }, "events per month"));
  root.append(svg("text", { x: pad.l + (width - pad.l - pad.r) / 2, y: height - 4, "font-size": 11, "text-anchor": "middle", class: "axis-title x-title" }, "month (events dated to the month or day)"));
  root.append(svg("text", { x: width - pad.r, y: pad.t + 10, "font-size": 10, "text-anchor": "end", fill: "#1a9850", class: "legend-item" }, "↑ cooperative"));
  root.append(svg("text", { x: width - pad.r, y: pad.t + plotH - 2, "font-size": 10, "text-anchor": "end", fill: "#d73027", class: "legend-item" }, "↓ conflictual"));
  months.forEach((m, i) => {
    const r = byMonth.get(m);
    if (r && (r.cooperative || r.conflictual)) {
      const x = xOf(i) + bw * 0.1;
      const w = Math.max(1, bw * 0.8);
      const up = (r.cooperative / max) * half;
      const down = (r.conflictual / max) * half;
      const g = svg("g", { class: "bar" });
      g.append(svg("title", {}, `${m}: ${r.cooperative} cooperative, ${r.conflictual} conflictual events, mean intensity ${r.mean_intensity}`));
      if (up) g.append(svg("rect", { x, y: mid - up, width: w, height: up, fill: "#1a9850" }));
      if (down) g.append(svg("rect", { x, y: mid, width: w, height: down, fill: "#d73027" }));
      root.append(g);
    }
  });
  const every = Math.max(1, Math.ceil(months.length / 12));
  months.forEach((m, i) => {
    if (i % every === 0) {
      root.append(svg("line", { x1: xOf(i), x2: xOf(i), y1: pad.t + plotH, y2: pad.t + plotH + 4, stroke: "#999" }));
      root.append(svg("text", { x: xOf(i), y: pad.t + plotH + 16, "font-size": 10, class: "x-label" }, m));
    }
  });
  for (const y of years) {
    const i = months.indexOf(`${y.year}-01`);
    const g = svg("g", { class: "year-only" });
    const text = `${y.year}, dated to the year only: ${y.cooperative} cooperative, ${y.conflictual} conflictual`;
    g.append(svg("title", {}, text));
    g.append(svg("rect", { x: xOf(i) + 1, y: height - 44 - band + 24, width: 12 * bw - 2, height: band - 8, fill: "#e8eef5", stroke: "#3a5f8a" }));
    g.append(svg("text", { x: xOf(i) + 4, y: height - 44 - band + 24 + (band - 8) / 2 + 4, "font-size": 10 }, `${y.year} (year only): +${y.cooperative} / −${y.conflictual}`));
    root.append(g);
  }
  return root;
}

const PALETTE = ["#3a5f8a", "#e08214", "#6a3d9a", "#1a9850", "#d73027", "#8c510a", "#01665e", "#c51b7d"];

/** One line per partner: events per period over `data.periods` (continuous, labelled 2024Q3 / 2024 / 2024-07). */
export function linesChart(data, names = {}, { width = 760, height = 260 } = {}) {
  const periods = data.periods || [];
  const series = data.series || [];
  const by = data.by || "period";
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": `events per ${by} by partner` });
  if (!periods.length) {
    root.append(svg("text", { x: 10, y: 20 }, `no events dated to the ${by}`));
    return root;
  }
  const partners = [...new Set(series.map((s) => s.partner))];
  const pad = { l: 56, r: 150, t: 12, b: 44 };
  const max = niceMax(Math.max(1, ...series.map((s) => s.n_events)));
  const x = (i) => pad.l + (periods.length === 1 ? 0.5 : i / (periods.length - 1)) * (width - pad.l - pad.r);
  const y = (v) => height - pad.b - (v / max) * (height - pad.t - pad.b);
  root.append(svg("line", { x1: pad.l, x2: pad.l, y1: pad.t, y2: y(0), stroke: "#999" }));
  root.append(svg("line", { x1: pad.l, x2: width - pad.r, y1: y(0), y2: y(0), stroke: "#555", class: "zero-line" }));
  for (const v of [0, max / 2, max]) root.append(svg("text", { x: pad.l - 6, y: y(v) + 4, "font-size": 10, "text-anchor": "end" }, String(Math.round(v * 10) / 10)));
  const midY = pad.t + (height - pad.t - pad.b) / 2;
  root.append(svg("text", { x: 12, y: midY, "font-size": 11, transform: `rotate(-90 12 ${midY})`, "text-anchor": "middle", class: "axis-title y-title" }, `events per ${by}`));
  root.append(svg("text", { x: pad.l + (width - pad.l - pad.r) / 2, y: height - 4, "font-size": 11, "text-anchor": "middle", class: "axis-title x-title" }, `${by} (events dated at least to the ${by})`));
  const index = new Map(periods.map((p, i) => [p, i]));
  partners.forEach((p, k) => {
    const counts = periods.map(() => 0);
    for (const s of series) if (s.partner === p && index.has(s.label)) counts[index.get(s.label)] = s.n_events;
    const color = PALETTE[k % PALETTE.length];
    const g = svg("g", { class: "line" });
    g.append(svg("title", {}, `${names[p] || p}: ${counts.map((c, i) => `${periods[i]} ${c}`).join(", ")}`));
    g.append(svg("polyline", { points: counts.map((c, i) => `${x(i)},${y(c)}`).join(" "), fill: "none", stroke: color, "stroke-width": 2 }));
    counts.forEach((c, i) => { if (c) g.append(svg("circle", { cx: x(i), cy: y(c), r: 2.5, fill: color })); });
    root.append(g);
    root.append(svg("text", { x: width - pad.r + 8, y: pad.t + 12 + 13 * k, fill: color, "font-size": 11, class: "legend-item" }, names[p] && names[p] !== p ? `${names[p]} (${p})` : p));
  });
  const every = Math.max(1, Math.ceil(periods.length / 10));
  periods.forEach((per, i) => {
    if (i % every === 0) root.append(svg("text", { x: x(i), y: height - 28, "font-size": 10, "text-anchor": "middle", class: "x-label" }, per));
  });
  return root;
}
