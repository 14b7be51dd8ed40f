"""A one-page HTML brief on a state or a dyad: verdicts, charts (arms flows, UNGA ideal points, event
intensity by year) and the evidence sentences. Self-contained: inline SVG, no scripts, no external files."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from realpolitik.errors import ReferenceDataError

if TYPE_CHECKING:
    from realpolitik.store.db import Store

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")
W, H, PAD = 640, 220, 40


def svg_lines(series: dict[str, list[tuple[float, float]]], title: str, y_label: str = "") -> str:
    """A small line chart as inline SVG."""
    pts = [p for s in series.values() for p in s]
    if not pts:
        return f"<p class='muted'>{escape(title)}: no data.</p>"
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    y0, y1 = min(0.0, min(p[1] for p in pts)), max(p[1] for p in pts)
    x1 = x1 if x1 > x0 else x0 + 1
    y1 = y1 if y1 > y0 else y0 + 1

    def sx(x: float) -> float:
        return PAD + (x - x0) / (x1 - x0) * (W - 2 * PAD)

    def sy(y: float) -> float:
        return H - PAD + 10 - (y - y0) / (y1 - y0) * (H - 2 * PAD)

    parts = [f"<svg viewBox='0 0 {W} {H + 20}' width='{W}' role='img' aria-label='{escape(title)}'>"]
    parts.append(f"<text x='{PAD}' y='14' class='t'>{escape(title)}</text>")
    parts.append(f"<line x1='{PAD}' y1='{sy(y0)}' x2='{W - PAD}' y2='{sy(y0)}' stroke='#999'/>")
    parts.append(f"<line x1='{PAD}' y1='{sy(y0)}' x2='{PAD}' y2='{sy(y1)}' stroke='#999'/>")
    parts.append(f"<text x='2' y='{sy(y1) + 4:.0f}' class='a'>{_num(y1)}</text>")
    parts.append(f"<text x='2' y='{sy(y0) + 4:.0f}' class='a'>{_num(y0)}</text>")
    parts.append(f"<text x='{PAD}' y='{H + 14}' class='a'>{x0:.0f}</text>")
    parts.append(f"<text x='{W - PAD - 24}' y='{H + 14}' class='a'>{x1:.0f}</text>")
    if y_label:
        parts.append(f"<text x='{W / 2 - 40:.0f}' y='{H + 14}' class='a'>{escape(y_label)}</text>")
    for i, (name, s) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        if not s:
            continue
        d = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in sorted(s))
        parts.append(f"<polyline fill='none' stroke='{colour}' stroke-width='2' points='{d}'/>")
        parts.append(f"<text x='{W - PAD - 150}' y='{30 + 14 * i}' fill='{colour}' class='a'>{escape(name)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _num(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2g}"


def svg_bars(values: list[tuple[float, float]], title: str) -> str:
    """Bars of mean event intensity by year (negative bars below the axis)."""
    if not values:
        return f"<p class='muted'>{escape(title)}: no events in the store.</p>"
    lo, hi = min(0.0, min(v for _, v in values)), max(0.0, max(v for _, v in values))
    hi = hi if hi > lo else lo + 1
    n = len(values)
    bw = min((W - 2 * PAD) / max(n, 1), 48.0)

    def sy(y: float) -> float:
        return H - PAD + 10 - (y - lo) / (hi - lo) * (H - 2 * PAD)

    parts = [f"<svg viewBox='0 0 {W} {H + 20}' width='{W}' role='img' aria-label='{escape(title)}'>"]
    parts.append(f"<text x='{PAD}' y='14' class='t'>{escape(title)}</text>")
    for i, (year, v) in enumerate(values):
        top, base = sy(max(v, 0)), sy(min(v, 0))
        colour = "#2ca02c" if v >= 0 else "#d62728"
        x = PAD + i * bw
        parts.append(
            f"<rect x='{x + 2:.1f}' y='{top:.1f}' width='{bw - 4:.1f}' height='{max(base - top, 1):.1f}' fill='{colour}'/>"
        )
        parts.append(f"<text x='{x + 2:.1f}' y='{H + 14}' class='a'>{year:.0f}</text>")
    parts.append(f"<line x1='{PAD}' y1='{sy(0)}' x2='{W - PAD}' y2='{sy(0)}' stroke='#999'/>")
    parts.append("</svg>")
    return "".join(parts)


def _arms_series(store: Store, a: str, b: str) -> dict[str, list[tuple[float, float]]] | None:
    from realpolitik.store.reference_tables import has_data, relation

    if not has_data(store, "sipri_deliveries"):
        return None
    rel = relation(store, "sipri_deliveries")

    def series(sql: str, params: list[Any]) -> list[tuple[float, float]]:
        return [(float(y), float(t)) for y, t in store.con.execute(sql, params).fetchall()]

    key_r, key_s = "coalesce(recipient_iso3, recipient)", "coalesce(supplier_iso3, supplier)"
    out = {
        f"{a} imports, all suppliers": series(
            f"SELECT year, sum(tiv) FROM {rel} WHERE {key_r} = ? GROUP BY 1 ORDER BY 1", [a]
        ),
        f"{b} → {a}": series(
            f"SELECT year, sum(tiv) FROM {rel} WHERE {key_r} = ? AND {key_s} = ? GROUP BY 1 ORDER BY 1", [a, b]
        ),
        f"{a} → {b}": series(
            f"SELECT year, sum(tiv) FROM {rel} WHERE {key_r} = ? AND {key_s} = ? GROUP BY 1 ORDER BY 1", [b, a]
        ),
    }
    return out


def _top_supplier(store: Store, a: str) -> str | None:
    from realpolitik.store.reference_tables import has_data, relation

    if not has_data(store, "sipri_deliveries"):
        return None
    rel = relation(store, "sipri_deliveries")
    row = store.con.execute(
        f"""SELECT supplier_iso3 FROM {rel} WHERE recipient_iso3 = ? AND supplier_iso3 IS NOT NULL
            GROUP BY 1 ORDER BY sum(tiv) DESC, 1 LIMIT 1""",
        [a],
    ).fetchone()
    return row[0] if row else None


def report_html(store: Store, a: str, b: str | None = None) -> str:
    """The brief as one HTML page."""
    from realpolitik.analysis._dyad import resolve_state
    from realpolitik.analysis.alliance import ally
    from realpolitik.analysis.dependence import CREDIT, dependence
    from realpolitik.analysis.similarity import similarity
    from realpolitik.sources.countries import country_name

    ia = resolve_state(a)
    ib = resolve_state(b) if b else _top_supplier(store, ia)
    if ib is None:
        raise ReferenceDataError(f"name a second state for {ia} (no SIPRI data to pick its main arms supplier)")
    title = f"{country_name(ia)} – {country_name(ib)}"
    al = ally(store, ia, ib)
    sim = similarity(store, ia, ib)
    try:
        dep: dict[str, Any] | None = dependence(store, ia, ib)
    except ReferenceDataError:
        dep = None
    body = [f"<h1>{escape(title)}</h1>"]
    body.append("<h2>Alliance</h2>")
    body.append(f"<p><b>{escape(al['verdict'])}</b></p><p class='muted'>{escape(al['explanation'])}</p>")
    body.append("<h2>Arms dependence</h2>")
    if dep is None:
        body.append("<p class='muted'>No SIPRI data imported: run <code>realpolitik import sipri FILE</code>.</p>")
    else:
        body.append(f"<p><b>{escape(dep['summary'])}</b></p><table><tr><th>period</th><th>supplier → recipient</th>"
                    "<th>share of recipient's imports</th><th>share of supplier's exports</th>"
                    "<th>supplier's rank</th><th>recipient's rank as buyer</th><th>more dependent</th></tr>")  # fmt: skip
        for p in dep["periods"]:
            for f in p["flows"]:
                if not f["tiv"]:
                    continue
                body.append(
                    f"<tr><td>{p['period']}</td><td>{f['supplier']} → {f['recipient']}</td>"
                    f"<td>{f['share_of_recipient_imports']:.1%}</td><td>{f['share_of_supplier_exports']:.1%}</td>"
                    f"<td>{f['supplier_rank']}</td><td>{f['buyer_rank']}</td><td>{p['more_dependent'] or '–'}</td></tr>"
                )
            if not p["transfers"]:
                body.append(f"<tr><td>{p['period']}</td><td colspan='6'>no transfers either way</td></tr>")
        body.append("</table>")
        series = _arms_series(store, ia, ib)
        if series:
            body.append(svg_lines(series, "Arms deliveries (SIPRI TIV, millions) by year", "year"))
        body.append(f"<p class='muted'>{escape(CREDIT)}.</p>")
    body.append("<h2>Alignment at the UN</h2>")
    body.append(f"<p><b>{escape(sim['summary'])}</b></p>")
    ip = {
        ia: [(r["year"], r["a_ideal"]) for r in sim["ideal_points"]],
        ib: [(r["year"], r["b_ideal"]) for r in sim["ideal_points"]],
    }
    body.append(svg_lines(ip, "UNGA ideal points (Bailey–Strezhnev–Voeten) by year", "year"))
    body.append("<h2>Events</h2>")
    yrs = [(r["year"], r["mean_intensity"]) for r in al["events"]["by_year"] if r["year"] is not None]
    body.append(svg_bars(yrs, "Mean event intensity by year (stored events)"))
    for label, items in (("Partnership", al["partnership"]), ("Divergences", al["divergences"])):
        if items:
            body.append(f"<h3>{label}</h3><ul>")
            for e in items:
                body.append(
                    f"<li><span class='tag'>{escape(e['event_type'])} {e['intensity']:+.1f}</span> "
                    f"{escape(e['evidence'])} <span class='muted'>({escape(str(e['doc_id']))}, {escape(str(e['date'] or ''))})</span></li>"
                )
            body.append("</ul>")
    body.append(
        f"<p class='muted'>Sources: {escape(al['coverage']['source'])}; {escape(sim['coverage']['citation'])}.</p>"
    )
    style = (
        "body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;color:#222}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:90%}"
        ".muted{color:#666;font-size:90%}.tag{background:#eee;padding:0 4px;font-size:80%}"
        "svg .t{font-size:13px;font-weight:bold}svg .a{font-size:11px}"
    )
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n"
    )
