"""Who is realigning: how an actor's cooperation and conflict spread over partners and blocs, period by period.

For an actor and a period length (year, quarter or month) this counts the actor's events (as source or target;
negated and hypothetical ones left out) by period, partner and polarity (cooperation: intensity > 0,
conflict: intensity < 0; neutral events are counted apart and not tested), in one DuckDB aggregation.

Dates: an event falls in the period of its date. When its date is coarser than the period (a bare year in a
quarterly view) and the document's publication date lies inside that year, the publication date's period
is used (an article of November 2024 saying "in 2024" speaks of January to November); otherwise the
first period the date allows. Events without a date take their document's publication date.

What changed, tested rather than thresholded:
- `changes`: for every period with events before it, a G-test (log-likelihood ratio, Williams-free) of the
  partner-and-polarity distribution of this period's events against all earlier periods' events: is the
  actor spreading its cooperation and conflict over partners differently now? The statistic, degrees of
  freedom and p-value are reported; the p-value is the chi-square approximation when every expected count
  is at least 5, else a seeded Monte Carlo permutation p-value (conditional on both margins, 9,999 draws),
  so that it stays valid on a handful of events. p-values are adjusted across periods (Benjamini-Hochberg,
  `q_value`); a change is `significant` when q < alpha (0.05). Each test lists the partners that drove it
  (observed above expectation, largest contributions to the statistic first) with their events.
- `new_partners`: partners with cooperative events in a period and none in any earlier period, with the
  evidence sentences; a firm or group of another country also makes its country a partner (`via` names it:
  a contract with an American lobbying firm is a contact with the United States) (a description, not a test; `history_before` is false in the actor's first period,
  where there is no earlier record to compare with).
- Baseline: a partner is new only when neither earlier events nor the reference data make it a long-standing
  one (`realpolitik.analysis.baseline`: a major arms supplier or buyer in SIPRI, a defence pact in ATOP, one
  of the closest UN voters); such partners are listed in `known_partners` with the reasons instead.
- Breaks: a recall, expulsion, halted or ended agreement (BREAK_SQL) is a move away, counted as conflict
  whatever intensity the coder gave it, and listed in `breaks`.
- Blocs: each partner's side in the two-bloc partition of the whole history's signed graph (`balance`),
  relative to the actor: `same` bloc, `other` bloc, or `none` (not in the graph).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from realpolitik.analysis._json import strict
from realpolitik.analysis.baseline import reference_partners, sources_present
from realpolitik.analysis.gtest import bh_adjust, g_test
from realpolitik.analysis.signed_edges import EventSource, resolve_at

ALPHA = 0.05
MC_DRAWS = 9999
EVIDENCE_PER_CELL = 5

# A break is a move away whatever its coded intensity: CAMEO 16x (reduce or break relations, halt talks,
# expel), or a withdrawal, expulsion, halt or recall of an ambassador, mission or agreement ("Algeria withdrew
# its ambassador" is sometimes coded RETREAT, +9, as if a de-escalation).
BREAK_CAMEO_PREFIX = "16"
BREAK_MODES = ("withdraw", "expel", "halt", "recall", "suspend")
BREAK_OBJECTS = r"(?i)\b(ambassador|envoy|diplomat|embassy|mission|agreement|accord|deal|treaty|pact|relations)"
BREAK_SQL = (
    f"(coalesce(ev.cameo LIKE '{BREAK_CAMEO_PREFIX}%', FALSE) OR (coalesce(ev.mode, '') IN "
    f"({', '.join(repr(m) for m in BREAK_MODES)}) AND (ev.event_type = 'SANCTION' OR "
    f"regexp_matches(coalesce(ev.evidence_text, ''), '{BREAK_OBJECTS}'))))"
)


def _period_sql(by: str) -> str:
    if by == "year":
        return "CAST(year(p_date) AS VARCHAR)"
    if by == "month":
        return "strftime(p_date, '%Y-%m')"
    return "CAST(year(p_date) AS VARCHAR) || 'Q' || CAST(quarter(p_date) AS VARCHAR)"


def actor_events_sql(src: EventSource, code: str, by: str, states_only: bool) -> tuple[str, list[Any]]:
    """The actor's usable events with partner, polarity and period."""
    docs = (
        f"LEFT JOIN (SELECT doc_key AS dk2, TRY_CAST(pub_date AS DATE) AS pub2 FROM {src.documents}) dd "
        "ON ev.doc_key = dd.dk2"
        if src.documents
        else "LEFT JOIN (SELECT NULL::VARCHAR AS dk2, NULL::DATE AS pub2) dd ON FALSE"
    )
    coarse = {"quarter": "length(ev.date) = 4", "month": "length(ev.date) IN (4, 7)"}.get(by, "FALSE")
    sql = f"""
        WITH ev AS ({src.dated_events_sql(states_only)}),
        mine AS (
            SELECT ev.*,
                   CASE WHEN ev.s = ? THEN ev.t ELSE ev.s END AS partner,
                   CASE WHEN ev.s = ? THEN 'out' ELSE 'in' END AS direction,
                   CASE WHEN ev.s = ? THEN ev.t_country ELSE ev.s_country END AS partner_country,
                   {BREAK_SQL} AS is_break,
                   CASE WHEN {BREAK_SQL} THEN 'conflict'
                        WHEN coalesce(ev.intensity, 0) > 0 THEN 'cooperation'
                        WHEN coalesce(ev.intensity, 0) < 0 THEN 'conflict' ELSE 'neutral' END AS polarity,
                   CASE WHEN {coarse} AND dd.pub2 BETWEEN ev.d0 AND ev.d1 THEN dd.pub2 ELSE ev.d0 END AS p_date
            FROM ev {docs}
            WHERE (ev.s = ? OR ev.t = ?) AND ev.s <> ev.t AND ev.d0 IS NOT NULL
        )
        SELECT *, {_period_sql(by)} AS period FROM mine
    """
    return sql, [code, code, code, code, code]


def _bloc_sides(source: Any, code: str, at: Any, states_only: bool) -> dict[str, str]:
    from realpolitik.analysis.balance import partition
    from realpolitik.analysis.signed_edges import signed_edges

    edges, _ = signed_edges(source, at=at, window=None, states_only=states_only, priors=False, max_evidence=1)
    if len(edges) == 0:
        return {}
    part = partition(edges, time_limit=10.0)
    b0, b1 = part["blocs"]
    mine = 0 if code in b0 else 1 if code in b1 else None
    sides = {}
    for k, bloc in enumerate((b0, b1)):
        for c in bloc:
            sides[c] = "none" if mine is None else ("same" if k == mine else "other")
    return sides


def shifts(
    store: Any,
    code: str,
    by: str = "quarter",
    states_only: bool = False,
    alpha: float = ALPHA,
    draws: int = MC_DRAWS,
    seed: int = 0,
    blocs: bool = True,
    evidence_per_cell: int = EVIDENCE_PER_CELL,
    reference: bool = True,
) -> dict[str, Any]:
    """How `code`'s cooperation and conflict are spread over partners and blocs by `by` (year, quarter, month),
    the periods whose partner distribution changed significantly (with statistic and p-value) and the events
    that drove each change, and the new cooperative partners of each period with their evidence."""
    if by not in ("quarter", "year", "month"):
        from realpolitik.errors import RealpolitikError

        raise RealpolitikError(f"--by {by!r}: expected year, quarter or month")
    code = _resolve(code)
    with EventSource(store) as src:
        at = resolve_at(src, None)
        sql, args = actor_events_sql(src, code, by, states_only)
        counts = src.con.execute(
            f"""SELECT period, partner, polarity, count(*) AS n, sum(abs(coalesce(intensity, 0))) / 10.0 AS weight,
                       min(p_date) AS first_date, min(partner_country) AS partner_country
                FROM ({sql}) GROUP BY period, partner, polarity ORDER BY period, partner, polarity""",
            args,
        ).df()
        evid = src.con.execute(
            f"""SELECT period, partner, polarity, event_id, date, event_type, s AS source, t AS target, intensity,
                       evidence_text AS text, url, is_break
                FROM ({sql})
                QUALIFY row_number() OVER (PARTITION BY period, partner, polarity
                                           ORDER BY abs(coalesce(intensity, 0)) DESC, event_id) <= ?
                ORDER BY period, partner, polarity, abs(coalesce(intensity, 0)) DESC, event_id""",
            [*args, int(evidence_per_cell)],
        ).df()
        breaks = src.con.execute(
            f"""SELECT period, partner, count(*) AS n, min(p_date) AS first_date FROM ({sql})
                WHERE is_break GROUP BY period, partner ORDER BY period, partner""",
            args,
        ).df()
        tables: set[str] = getattr(src, "tables", set())
        years = sorted({int(str(p)[:4]) for p in counts["period"].unique()}) if len(counts) else []
        baselines = {y: reference_partners(src.con, tables, code, y) for y in years} if reference else {}
        baseline_sources = sources_present(src.con, tables) if reference else []
    sides = _bloc_sides(store, code, at, states_only) if blocs and len(counts) else {}
    events_of: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in evid.to_dict("records"):
        events_of.setdefault((r["period"], r["partner"], r["polarity"]), []).append(
            {
                "event_id": r["event_id"],
                "date": r["date"],
                "event_type": r["event_type"],
                "source": r["source"],
                "target": r["target"],
                "intensity": None if r["intensity"] is None else float(r["intensity"]),
                "text": r["text"],
                "url": r["url"],
                "is_break": bool(r["is_break"]),
            }
        )
    periods_list = sorted(counts["period"].unique().tolist()) if len(counts) else []
    periods = []
    for p in periods_list:
        sub = counts[counts["period"] == p]
        entry: dict[str, Any] = {"period": p, "events": int(sub["n"].sum())}
        for pol in ("cooperation", "conflict", "neutral"):
            part = sub[sub["polarity"] == pol]
            entry[pol] = {
                r.partner: {"events": int(r.n), "weight": round(float(r.weight), 4)}
                for r in part.sort_values(["n", "partner"], ascending=[False, True]).itertuples()
            }
        if sides:
            agg: dict[str, dict[str, int]] = {}
            for r in sub.itertuples():
                side = sides.get(r.partner, "none")
                agg.setdefault(side, {"cooperation": 0, "conflict": 0, "neutral": 0})[r.polarity] += int(r.n)
            entry["blocs"] = dict(sorted(agg.items()))
        periods.append(entry)

    # new cooperative partners: the partner itself, and for a firm or group of another country, that country too
    # (a contract with an American lobbying firm is a contact with the United States)
    by_identity: dict[tuple[str, str], dict[str, Any]] = {}
    coop_rows = counts[counts["polarity"] == "cooperation"].sort_values(["period", "partner"])
    for r in coop_rows.itertuples():
        idents = [r.partner]
        country = r.partner_country if isinstance(r.partner_country, str) else None
        if country and country != r.partner and country != code and ":" not in r.partner:
            idents.append(country)
        for ident in idents:
            e = by_identity.setdefault(
                (r.period, ident), {"period": r.period, "partner": ident, "via": [], "events": 0, "evs": []}
            )
            if ident != r.partner:
                e["via"].append(r.partner)
            e["events"] += int(r.n)
            e["evs"].extend(events_of.get((r.period, r.partner, "cooperation"), []))
    new_partners = []
    known_partners = []
    seen_coop: set[str] = set()
    for p in periods_list:
        now = [v for (per, _), v in sorted(by_identity.items()) if per == p]
        known = baselines.get(int(str(p)[:4]), {})
        for e in now:
            if e["partner"] in seen_coop:
                continue
            evs = e.pop("evs")
            entry = {
                "period": p,
                "partner": e["partner"],
                "via": sorted(set(e["via"])),
                "bloc": sides.get(e["partner"], "none") if sides else None,
                "events": e["events"],
                "history_before": p != periods_list[0] or bool(known),
                "evidence": _sentences(evs),
                "event_records": evs,
            }
            if e["partner"] in known:
                # a long-standing partner in the reference data: its first event here is not a new tie
                known_partners.append({**entry, "baseline": known[e["partner"]]})
            else:
                new_partners.append(entry)
        seen_coop.update(e["partner"] for e in now)
    break_list = [
        {
            "period": r.period,
            "partner": r.partner,
            "events": int(r.n),
            "evidence": _sentences(
                [x for x in events_of.get((r.period, r.partner, "conflict"), []) if x.get("is_break")]
            ),
        }
        for r in breaks.itertuples()
    ]
    # in the first period with events nothing is known before: `history_before` is false there

    # change tests
    rng = np.random.default_rng(seed)
    tests = []
    tested = counts[counts["polarity"] != "neutral"]
    for i, p in enumerate(periods_list):
        before = tested[tested["period"].isin(periods_list[:i])]
        now = tested[tested["period"] == p]
        if len(before) == 0 or len(now) == 0:
            continue
        cats = sorted(
            set(zip(tested["partner"], tested["polarity"], strict=True))
            & (
                set(zip(before["partner"], before["polarity"], strict=True))
                | set(zip(now["partner"], now["polarity"], strict=True))
            )
        )
        if len(cats) < 2:
            continue
        idx = {c: k for k, c in enumerate(cats)}
        table = np.zeros((2, len(cats)))
        for row, df in ((0, before), (1, now)):
            for r in df.itertuples():
                table[row, idx[(r.partner, r.polarity)]] += r.n
        g, dof, pval, method, expected = g_test(table, rng, draws)
        contrib = []
        for (partner, pol), k in idx.items():
            obs, exp = table[1, k], expected[1, k]
            if obs > exp and obs > 0:
                contrib.append((2.0 * obs * np.log(obs / exp), partner, pol, obs, exp, table[0, k]))
        contrib.sort(key=lambda c: (-c[0], c[1], c[2]))
        drivers = [
            {
                "partner": partner,
                "polarity": pol,
                "events": int(obs),
                "expected": round(float(exp), 3),
                "events_before": int(before_n),
                "share_now": round(float(obs / table[1].sum()), 4),
                "share_before": round(float(before_n / table[0].sum()), 4),
                "bloc": sides.get(partner, "none") if sides else None,
                "evidence": _sentences(events_of.get((p, partner, pol), [])),
                "event_records": events_of.get((p, partner, pol), []),
            }
            for c, partner, pol, obs, exp, before_n in contrib[:5]
        ]
        tests.append(
            {
                "period": p,
                "test": "G-test: partner x polarity distribution of this period vs all earlier periods",
                "statistic": round(g, 4),
                "dof": int(dof),
                "p_value": round(pval, 6),
                "method": method,
                "events_before": int(table[0].sum()),
                "events_now": int(table[1].sum()),
                "drivers": drivers,
            }
        )
    for t, q in zip(tests, bh_adjust([t["p_value"] for t in tests]), strict=True):
        t["q_value"] = round(q, 6)
        t["significant"] = bool(q < alpha)

    partners = counts.groupby(["partner", "polarity"])["n"].sum().unstack(fill_value=0) if len(counts) else None
    partner_totals = []
    if partners is not None:
        for partner, r in partners.iterrows():
            partner_totals.append(
                {
                    "partner": partner,
                    "cooperation": int(r.get("cooperation", 0)),
                    "conflict": int(r.get("conflict", 0)),
                    "neutral": int(r.get("neutral", 0)),
                    "bloc": sides.get(partner, "none") if sides else None,
                }
            )
        partner_totals.sort(key=lambda d: (-(d["cooperation"] + d["conflict"] + d["neutral"]), d["partner"]))
    return strict(
        {
            "actor": code,
            "by": by,
            "alpha": alpha,
            "events": int(counts["n"].sum()) if len(counts) else 0,
            "periods": periods,
            "partners": partner_totals,
            "new_partners": new_partners,
            "known_partners": known_partners,
            "breaks": break_list,
            "baseline": {
                "sources": ["earlier events", *baseline_sources],
                "partners": {str(y): b for y, b in baselines.items()},
            },
            "tests": tests,
            "changes": [t for t in tests if t["significant"]],
        }
    )


def _sentences(evs: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for e in evs:
        if e.get("text") and e["text"] not in out:
            out.append(e["text"])
    return out


def _resolve(code: str) -> str:
    code = code.strip()
    if code.isupper() or ":" in code:
        return code
    try:
        from realpolitik.actor_lookup import resolve_actor_code

        return resolve_actor_code(code)
    except Exception:  # the gazetteer is unavailable: take the text as a code
        return code.upper()
