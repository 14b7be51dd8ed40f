"""Signed, weighted, time-windowed dyads from the store's events, in one DuckDB aggregation.

Weighting (all parameters are arguments of `signed_edges`, defaults in capitals below)
- Event weight: intensity / 10, so a single event counts between -1 (most hostile, e.g. an assault at
  Goldstein -10) and +1 (most cooperative). Negated and hypothetical events count for nothing; neither do
  events without both a source and a target, or whose source and target are the same node.
- Time: an event counts inside the window (at - window, at] and decays with a half-life of HALF_LIFE_DAYS
  (180): weight * 0.5 ** (age_days / half_life). An imprecise date ("2024", "2024-07") is read as the latest
  day it allows (capped at `at`) for age and window, since an article that says "in 2024" may mean any day of
  it. An event with no date takes its document's publication date.
- Diplomatic ruptures (CAMEO 161*, or PLOVER SANCTION with mode `withdraw` in a diplomatic context: a
  break or downgrade of relations) count at least RUPTURE_WEIGHT (1.0) against the dyad and do not decay
  inside the window: relations stay broken until restored.
- One document cannot dominate: per document and dyad, the absolute weights are scaled down so that they
  sum to at most DOC_CAP (1.0, one maximal event). A wire story repeated in 40 sentences counts like one.
  Events without a document (imported event data) are capped per URL, else stand alone.
- Priors, when reference data is present (see `reference_priors`), only between actors that the window's
  events bring into view (priors add dyads, not actors):
  a formal alliance in force (ATOP defence or offence pact: ALLIANCE_WEIGHT 0.25; neutrality, non-aggression
  or consultation only: WEAK_ALLIANCE_WEIGHT 0.1), less than one clear event of the window since a
  multilateral pact says little about today's ties, as in force in the year of `at`, not decayed. Past the
  data's last year (ATOP ends in 2018) only defence and offence pacts of that year are carried forward, for
  at most ALLIANCE_CARRY_YEARS (10) years: consultation and non-aggression treaties lapse (Russia-Ukraine
  2018 is one); a militarised dispute (COW MID dyad-year) counts like an event of
  intensity -2 * hostility level (hostlev 1..5, so -0.2..-1.0) dated at the end of its year, decayed and
  windowed like events. Priors are not capped; they appear in the edge's evidence with kind alliance/mid.
- The edge: pos = sum of positive weights, neg = sum of |negative weights|, net = pos - neg; sign = sign(net),
  weight = |net|. Dyads whose net is within EPS of zero are dropped (mixed evidence that cancels out).

Nodes: a state and everyone acting for it is its ISO3 code. Armed or opposition groups coded with their
country's code (sector REB, INS, OPP, SEP, UAF, CRM) become `CODE:SECTOR` nodes (`MLI:REB`); named groups
and organisations keep their code (`WAGNER`, `NATO`). With `states_only` only state nodes are kept.

Evidence: each edge keeps its `n_events`, `n_docs` and its strongest `max_evidence` (default 50) events
(`event_id`, date, type, direction, weight after cap and decay, sentence, url), ordered by |weight|; all
events of a dyad are one query away (`dyad_events`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

HALF_LIFE_DAYS = 180.0
DOC_CAP = 1.0
RUPTURE_WEIGHT = 1.0
ALLIANCE_WEIGHT = 0.25
WEAK_ALLIANCE_WEIGHT = 0.1
ALLIANCE_CARRY_YEARS = 10
MID_WEIGHT_PER_HOSTLEV = 0.2
DEFAULT_WINDOW = "365d"
MAX_EVIDENCE = 50
EPS = 1e-9
NONSTATE_SECTORS = ("REB", "INS", "OPP", "SEP", "UAF", "CRM")


@dataclass(frozen=True)
class EdgeParams:
    """Everything that shapes an edge weight, echoed in outputs so a number can be traced."""

    at: str
    window_days: int | None
    half_life_days: float = HALF_LIFE_DAYS
    doc_cap: float = DOC_CAP
    rupture_weight: float = RUPTURE_WEIGHT
    states_only: bool = False
    priors: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "window_days": self.window_days,
            "half_life_days": self.half_life_days,
            "doc_cap": self.doc_cap,
            "rupture_weight": self.rupture_weight,
            "states_only": self.states_only,
            "priors": self.priors,
        }


_WINDOW = re.compile(r"^\s*(\d+)\s*([dwmy]?)\s*$", re.IGNORECASE)


def parse_window(window: str | int | None) -> int | None:
    """'365d', '52w', '6m', '2y' or a number of days to days; None, '', 'all' or 0 for no window."""
    if window is None:
        return None
    if isinstance(window, int):
        return window or None
    if window.strip().lower() in ("", "all", "none", "0"):
        return None
    m = _WINDOW.match(window)
    if not m:
        from realpolitik.errors import RealpolitikError

        raise RealpolitikError(f"window {window!r}: expected a number of days or e.g. 365d, 52w, 6m, 2y, all")
    n, unit = int(m.group(1)), (m.group(2) or "d").lower()
    return n * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]


def parse_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    from realpolitik.store.db import date_start

    start = date_start(value.strip())
    try:
        return date.fromisoformat(start) if start else None
    except ValueError:
        from realpolitik.errors import RealpolitikError

        raise RealpolitikError(f"date {value!r}: expected YYYY-MM-DD") from None


# --- where the events are ---------------------------------------------------------------------------------


class EventSource:
    """A DuckDB connection and the relation names holding events (and documents, when there are any).

    Accepts a `Store`, a DuckDB connection, a .duckdb path, or a directory/file of Parquet exported by
    `realpolitik export --parquet` (events.parquet, documents.parquet), so the same SQL runs on 100M rows.
    """

    def __init__(self, source: Any = None, read_only: bool = True) -> None:
        import duckdb

        self._own: Any = None
        self.documents: str | None = "documents"
        self.events = "events"
        if source is None or isinstance(source, (str, Path)):
            path = Path(str(source)) if source is not None else None
            if path is not None and (path.is_dir() or path.suffix == ".parquet" or "*" in path.name):
                self.con = duckdb.connect()
                ev = path / "events.parquet" if path.is_dir() else path
                self.events = f"read_parquet('{_sql_str(str(ev))}')"
                docs = path / "documents.parquet" if path.is_dir() else None
                self.documents = f"read_parquet('{_sql_str(str(docs))}')" if docs and docs.exists() else None
                return
            from realpolitik.store.db import Store

            self._own = Store(source, read_only=read_only)
            self.con = self._own.con
        elif hasattr(source, "con"):
            self.con = source.con
        elif isinstance(source, duckdb.DuckDBPyConnection):
            self.con = source
        else:
            raise TypeError(f"expected a Store, a DuckDB connection or a path, not {type(source).__name__}")
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "events" not in tables:
            from realpolitik.errors import RealpolitikError

            raise RealpolitikError("the store holds no events table; run `realpolitik ingest` first")
        if "documents" not in tables:
            self.documents = None
        self.tables = tables

    def has_table(self, name: str) -> bool:
        return name in getattr(self, "tables", set())

    def close(self) -> None:
        if self._own is not None:
            self._own.close()
            self._own = None

    def __enter__(self) -> EventSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def dated_events_sql(self, states_only: bool) -> str:
        """SELECT of usable events with node codes and an effective [d0, d1] date range."""
        docs_join = (
            f"LEFT JOIN (SELECT doc_key AS dk, TRY_CAST(pub_date AS DATE) AS pub FROM {self.documents}) d "
            "ON e.doc_key = d.dk"
            if self.documents
            else "LEFT JOIN (SELECT NULL::VARCHAR AS dk, NULL::DATE AS pub) d ON FALSE"
        )
        src, tgt = node_expr("source"), node_expr("target")
        where = [
            "NOT coalesce(e.negated, FALSE)",
            "NOT coalesce(e.hypothetical, FALSE)",
            "e.source_code IS NOT NULL",
            "e.target_code IS NOT NULL",
        ]
        if states_only:
            where += [state_expr("source"), state_expr("target")]
        return f"""
            SELECT e.event_id, e.doc_key, e.event_type, e.mode, e.cameo, e.intensity, e.context,
                   e.evidence_text, e.url, e.date, e.origin, {src} AS s, {tgt} AS t,
                   e.source_country AS s_country, e.target_country AS t_country,
                   coalesce(e.date_start, d.pub) AS d0,
                   CASE
                     WHEN e.date_start IS NULL THEN d.pub
                     WHEN length(e.date) = 4 THEN CAST(e.date_start + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
                     WHEN length(e.date) = 7 THEN CAST(e.date_start + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE)
                     ELSE e.date_start
                   END AS d1
            FROM {self.events} e {docs_join}
            WHERE {" AND ".join(where)}
        """

    def latest_date(self) -> date | None:
        """The latest event date (or publication date) in the store: the default `at`."""
        sql = f"SELECT max(d0) FROM ({self.dated_events_sql(False)})"
        row = self.con.execute(sql).fetchone()
        latest = row[0] if row else None
        if self.documents:
            pub = self.con.execute(f"SELECT max(TRY_CAST(pub_date AS DATE)) FROM {self.documents}").fetchall()[0][0]
            if pub is not None and (latest is None or pub > latest):
                latest = pub
        return latest


def node_expr(side: str) -> str:
    sectors = ", ".join(f"'{s}'" for s in NONSTATE_SECTORS)
    return (
        f"CASE WHEN e.{side}_sector IN ({sectors}) AND e.{side}_code = e.{side}_country "
        f"THEN e.{side}_code || ':' || e.{side}_sector ELSE e.{side}_code END"
    )


def state_expr(side: str) -> str:
    """The actor is a state (or acts for it): an ISO3-looking code equal to its country, not an armed group."""
    sectors = ", ".join(f"'{s}'" for s in NONSTATE_SECTORS)
    return (
        f"(e.{side}_code = e.{side}_country AND regexp_full_match(e.{side}_code, '[A-Z]{{3}}') "
        f"AND coalesce(e.{side}_sector, '') NOT IN ({sectors}))"
    )


def _sql_str(s: str) -> str:
    return s.replace("'", "''")


def is_state_code(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper()


# --- the aggregation ------------------------------------------------------------------------------------------


def resolve_at(src: EventSource, at: str | date | None) -> date:
    parsed = parse_date(at)
    if parsed is not None:
        return parsed
    latest = src.latest_date()
    return latest if latest is not None else date.today()


def weighted_events_sql(src: EventSource, params: EdgeParams) -> tuple[str, list[Any]]:
    """Per event: undirected dyad (a < b), weight after decay and per-document cap."""
    at = params.at
    lo = (date.fromisoformat(at) - timedelta(days=params.window_days)).isoformat() if params.window_days else None
    window = "AND d1 > CAST(? AS DATE)" if lo else ""
    sql = f"""
        WITH ev AS ({src.dated_events_sql(params.states_only)}),
        win AS (
            SELECT *, least(s, t) AS a, greatest(s, t) AS b,
                   coalesce(cameo LIKE '161%' OR (event_type = 'SANCTION' AND mode = 'withdraw'
                        AND list_contains(coalesce(context, []::VARCHAR[]), 'diplomatic')), FALSE) AS rupture,
                   greatest(0, date_diff('day', least(d1, CAST(? AS DATE)), CAST(? AS DATE))) AS age
            FROM ev
            WHERE s <> t AND d0 IS NOT NULL AND d0 <= CAST(? AS DATE) {window}
        ),
        w0 AS (
            SELECT *,
                   CASE WHEN rupture THEN -greatest(abs(coalesce(intensity, 0)) / 10.0, ?)
                        ELSE coalesce(intensity, 0) / 10.0 * pow(0.5, age / ?) END AS w_raw,
                   coalesce(doc_key, url, event_id) AS doc
            FROM win
        )
        SELECT *, w_raw * least(1.0, ? / nullif(sum(abs(w_raw)) OVER (PARTITION BY doc, a, b), 0)) AS w
        FROM w0
    """
    args: list[Any] = [at, at, at]
    if lo:
        args.append(lo)
    args += [params.rupture_weight, params.half_life_days, params.doc_cap]
    return sql, args


def signed_edges(
    source: Any = None,
    at: str | date | None = None,
    window: str | int | None = DEFAULT_WINDOW,
    states_only: bool = False,
    half_life_days: float = HALF_LIFE_DAYS,
    doc_cap: float = DOC_CAP,
    rupture_weight: float = RUPTURE_WEIGHT,
    priors: bool | pd.DataFrame = True,
    max_evidence: int = MAX_EVIDENCE,
) -> tuple[pd.DataFrame, EdgeParams]:
    """The signed dyads at `at` over `window`: a DataFrame (a, b, sign, weight, pos, neg, net, n_events, n_docs,
    evidence) sorted by (a, b), and the parameters used.

    `priors`: True to use reference tables found in the store (ATOP/COW MID dyad-years), False for events only,
    or a DataFrame of priors as `reference_priors` returns.
    """
    import pandas as pd

    with EventSource(source) as src:
        at_d = resolve_at(src, at)
        params = EdgeParams(
            at=at_d.isoformat(),
            window_days=parse_window(window),
            half_life_days=float(half_life_days),
            doc_cap=float(doc_cap),
            rupture_weight=float(rupture_weight),
            states_only=states_only,
            priors=priors is not False,
        )
        wsql, args = weighted_events_sql(src, params)
        sql = f"""
            WITH we AS ({wsql})
            SELECT a, b, sum(w) AS net, sum(greatest(w, 0)) AS pos, sum(greatest(-w, 0)) AS neg,
                   count(*) AS n_events, count(DISTINCT doc) AS n_docs
            FROM we GROUP BY a, b
        """
        df = src.con.execute(sql, args).df()
        # the strongest events of each dyad as flat rows (struct lists are slow to bring into pandas)
        ev_sql = f"""
            WITH we AS ({wsql})
            SELECT a, b, event_id, doc_key, date, event_type, s, t, intensity, round(w, 4), rupture,
                   evidence_text, url, origin
            FROM we
            QUALIFY row_number() OVER (PARTITION BY a, b ORDER BY abs(w) DESC, event_id) <= {int(max_evidence)}
            ORDER BY a, b, abs(w) DESC, event_id
        """
        evidence: dict[tuple[str, str], list[dict[str, Any]]] = {}
        cur = src.con.execute(ev_sql, args)
        keys = ("event_id", "doc_key", "date", "event_type", "source", "target", "intensity", "weight", "rupture")
        while batch := cur.fetchmany(100_000):
            for row in batch:
                item: dict[str, Any] = {"kind": "event", **dict(zip(keys, row[2:11], strict=True))}
                item.update(text=row[11], url=row[12], origin=row[13])
                evidence.setdefault((row[0], row[1]), []).append(item)
        df["evidence"] = [evidence.get((a, b), []) for a, b in zip(df["a"], df["b"], strict=True)]
        prior_df = None
        if isinstance(priors, pd.DataFrame):
            prior_df = priors
        elif priors:
            prior_df = reference_priors(src)
        if prior_df is not None and len(prior_df):
            df = _add_priors(df, prior_df, params)
    if len(df) == 0:
        df = pd.DataFrame(columns=["a", "b", "net", "pos", "neg", "n_events", "n_docs", "evidence"])
    df = df[df["net"].abs() > EPS].copy()
    df["sign"] = (df["net"] > 0).astype(int) * 2 - 1
    df["weight"] = df["net"].abs()
    for col in ("net", "pos", "neg", "weight"):
        df[col] = df[col].astype(float).round(6)
    df["n_events"] = df["n_events"].astype(int)
    df["n_docs"] = df["n_docs"].astype(int)
    df = df.sort_values(["a", "b"], kind="stable").reset_index(drop=True)
    return df[["a", "b", "sign", "weight", "net", "pos", "neg", "n_events", "n_docs", "evidence"]], params


def dyad_events(
    source: Any, a: str, b: str, at: str | date | None = None, window: str | int | None = None
) -> pd.DataFrame:
    """Every event of the dyad {a, b} that went into its edge (no evidence limit), strongest first."""
    with EventSource(source) as src:
        at_d = resolve_at(src, at)
        params = EdgeParams(at=at_d.isoformat(), window_days=parse_window(window))
        wsql, args = weighted_events_sql(src, params)
        lo, hi = sorted((a, b))
        sql = (
            f"SELECT event_id, doc_key, date, event_type, s AS source, t AS target, intensity, w AS weight, "
            f"rupture, evidence_text AS text, url FROM ({wsql}) WHERE a = ? AND b = ? ORDER BY abs(w) DESC, event_id"
        )
        return src.con.execute(sql, [*args, lo, hi]).df()


# --- priors from reference data ------------------------------------------------------------------------------------

_PAIR_COLUMNS = (("iso3_1", "iso3_2"), ("iso1", "iso2"), ("code1", "code2"), ("state1", "state2"), ("ccode1", "ccode2"))


def reference_priors(src: EventSource) -> pd.DataFrame | None:
    """Alliance and dispute priors from reference tables in the store, when an importer put them there.

    Looks for `atop_dyad_years` (or `atop_alliance`) and `mid_dyad_years` (or `cow_mid_ddydisps`) with a pair of
    code columns (ISO3, or COW numbers translated with `realpolitik.sources.countries` or the gazetteer).
    Returns None when there is none: edges then come from events alone.
    """
    import pandas as pd

    frames = []
    for table in ("atop_dyad_year", "atop_dyad_years", "atop_alliance"):
        if src.has_table(table):
            frames.append(alliance_priors(src.con.execute(f"SELECT * FROM {table}").df()))
            break
    for table in ("mid_dyad_years", "cow_mid_ddydisps"):
        if src.has_table(table):
            frames.append(mid_priors(src.con.execute(f"SELECT * FROM {table}").df()))
            break
    frames = [f for f in frames if f is not None and len(f)]
    return pd.concat(frames, ignore_index=True) if frames else None


def _pairs(df: pd.DataFrame) -> tuple[Any, Any] | None:
    cols = {c.lower(): c for c in df.columns}
    for c1, c2 in _PAIR_COLUMNS:
        if c1 in cols and c2 in cols:
            x, y = df[cols[c1]], df[cols[c2]]
            if c1 == "ccode1":
                table = {c: cow_to_iso3(c) for c in set(x.dropna().tolist()) | set(y.dropna().tolist())}
                x, y = x.map(table), y.map(table)
            return x, y
    return None


def alliance_priors(df: pd.DataFrame) -> pd.DataFrame:
    """ATOP dyad-years -> priors (a, b, year, kind='alliance', strength, text); one row per dyad and year."""
    import pandas as pd

    pairs = _pairs(df)
    if pairs is None or "year" not in df.columns:
        return pd.DataFrame()
    cols = {}
    for c in ("defense", "offense", "neutral", "nonagg", "consul"):
        col = next((x for x in (f"atop_{c}", c) if x in df.columns), None)
        cols[f"atop_{c}"] = df[col] if col else pd.Series(0, index=df.index)
    strong = (pd.Series(cols["atop_defense"]).fillna(0) > 0) | (pd.Series(cols["atop_offense"]).fillna(0) > 0)
    weak = sum(pd.Series(cols[c]).fillna(0) > 0 for c in ("atop_neutral", "atop_nonagg", "atop_consul")) > 0
    out = pd.DataFrame({"x": pairs[0], "y": pairs[1], "year": df["year"].astype("Int64")})
    out["strength"] = strong.astype(float) * ALLIANCE_WEIGHT + (~strong & weak).astype(float) * WEAK_ALLIANCE_WEIGHT
    out["text"] = [
        "ATOP 5.1: "
        + ("defence/offence pact" if s else "neutrality, non-aggression or consultation pact")
        + f" in force in {y}"
        for s, y in zip(strong, out["year"], strict=True)
    ]
    out = out[(out["strength"] > 0) & out["x"].notna() & out["y"].notna() & (out["x"] != out["y"])]
    out["a"] = out[["x", "y"]].min(axis=1)
    out["b"] = out[["x", "y"]].max(axis=1)
    out["kind"] = "alliance"
    out = out.sort_values("strength", ascending=False).drop_duplicates(["a", "b", "year"])
    return out[["a", "b", "year", "kind", "strength", "text"]].reset_index(drop=True)


def mid_priors(df: pd.DataFrame) -> pd.DataFrame:
    """COW MID dispute-dyad-years -> priors (a, b, year, kind='mid', strength = 0.2 * hostility level, text)."""
    import pandas as pd

    pairs = _pairs(df)
    if pairs is None or "year" not in df.columns:
        return pd.DataFrame()
    host = df["hostlev"] if "hostlev" in df.columns else pd.Series(3, index=df.index)
    out = pd.DataFrame({"x": pairs[0], "y": pairs[1], "year": df["year"].astype("Int64"), "hostlev": host.fillna(1)})
    out = out[out["x"].notna() & out["y"].notna() & (out["x"] != out["y"])]
    out["a"] = out[["x", "y"]].min(axis=1)
    out["b"] = out[["x", "y"]].max(axis=1)
    out["strength"] = out["hostlev"].clip(1, 5).astype(float) * MID_WEIGHT_PER_HOSTLEV
    disp = df.loc[out.index, "dispnum"].astype("Int64").astype(str) if "dispnum" in df.columns else "?"
    out["text"] = (
        "COW MID "
        + disp
        + ": militarised dispute (hostility level "
        + out["hostlev"].astype(int).astype(str)
        + ") in "
        + out["year"].astype(str)
    )
    out["kind"] = "mid"
    out = out.sort_values("strength", ascending=False).drop_duplicates(["a", "b", "year"])
    return out[["a", "b", "year", "kind", "strength", "text"]].reset_index(drop=True)


def _add_priors(df: pd.DataFrame, priors: pd.DataFrame, params: EdgeParams) -> pd.DataFrame:
    """Fold alliance and MID priors into the event edges (see the module docstring for the weights)."""
    import pandas as pd

    at = date.fromisoformat(params.at)
    ally_years = priors.loc[priors["kind"] == "alliance", "year"].dropna().astype(int)
    data_end = int(ally_years.max()) if len(ally_years) else None
    actors = set(df["a"]).union(df["b"])
    priors = priors[priors["a"].isin(actors) & priors["b"].isin(actors)]
    rows = []
    ally = priors[priors["kind"] == "alliance"]
    if len(ally) and data_end is not None:
        if at.year <= data_end:
            cur = ally[ally["year"].astype(int) == at.year]
            for r in cur.itertuples(index=False):
                rows.append((r.a, r.b, float(r.strength), r.kind, int(r.year), r.text))
        elif at.year - data_end <= ALLIANCE_CARRY_YEARS:
            # past the data's end only defence/offence pacts are carried forward: they are the durable ones
            cur = ally[(ally["year"].astype(int) == data_end) & (ally["strength"] >= ALLIANCE_WEIGHT)]
            for r in cur.itertuples(index=False):
                text = f"{r.text} (the data's last year; carried forward to {at.year})"
                rows.append((r.a, r.b, float(r.strength), r.kind, int(r.year), text))
    mids = priors[priors["kind"] == "mid"]
    if len(mids):
        lo_year = (at - timedelta(days=params.window_days)).year if params.window_days else -(10**9)
        cur = mids[(mids["year"].astype(int) >= lo_year) & (mids["year"].astype(int) <= at.year)]
        for r in cur.itertuples(index=False):
            end = min(date(int(r.year), 12, 31), at)
            if params.window_days and (at - end).days >= params.window_days:
                continue
            w = -float(r.strength) * 0.5 ** ((at - end).days / params.half_life_days)
            rows.append((r.a, r.b, w, r.kind, int(r.year), r.text))
    if not rows:
        return df
    extra = pd.DataFrame(rows, columns=["a", "b", "w", "kind", "year", "text"])
    by: dict[tuple[str, str], dict[str, Any]] = {}
    for r in df.itertuples(index=False):
        by[(r.a, r.b)] = {
            "a": r.a,
            "b": r.b,
            "net": r.net,
            "pos": r.pos,
            "neg": r.neg,
            "n_events": r.n_events,
            "n_docs": r.n_docs,
            "evidence": list(r.evidence),
        }
    for r in extra.sort_values(["a", "b", "kind", "year"]).itertuples(index=False):
        e = by.setdefault(
            (r.a, r.b),
            {"a": r.a, "b": r.b, "net": 0.0, "pos": 0.0, "neg": 0.0, "n_events": 0, "n_docs": 0, "evidence": []},
        )
        e["net"] += r.w
        e["pos"] += max(r.w, 0.0)
        e["neg"] += max(-r.w, 0.0)
        e["evidence"].append({"kind": r.kind, "date": str(r.year), "weight": round(r.w, 4), "text": r.text})
    return pd.DataFrame(list(by.values()))


def reference_priors_from_csv(atop_csv: str | Path | None = None, mid_csv: str | Path | None = None) -> pd.DataFrame:
    """Priors straight from the ATOP dyad-year and COW MID dyad-year CSVs (e.g. ../shared/data/reference)."""
    import pandas as pd

    frames = []
    if atop_csv is not None:
        frames.append(alliance_priors(pd.read_csv(atop_csv)))
    if mid_csv is not None:
        frames.append(mid_priors(pd.read_csv(mid_csv)))
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


# --- code crosswalk -------------------------------------------------------------------------------------------------

_COW_FALLBACK: dict[int, str] = {
    2: "USA",
    20: "CAN",
    200: "GBR",
    210: "NLD",
    211: "BEL",
    220: "FRA",
    255: "DEU",
    260: "DEU",
    290: "POL",
    325: "ITA",
    365: "RUS",
    369: "UKR",
    432: "MLI",
    436: "NER",
    439: "BFA",
    435: "MRT",
    600: "MAR",
    615: "DZA",
    616: "TUN",
    620: "LBY",
    625: "SDN",
    630: "IRN",
    640: "TUR",
    645: "IRQ",
    651: "EGY",
    652: "SYR",
    666: "ISR",
    670: "SAU",
    710: "CHN",
    740: "JPN",
    750: "IND",
    770: "PAK",
    475: "NGA",
    483: "TCD",
    230: "ESP",
    235: "PRT",
}


def cow_to_iso3(ccode: Any) -> str | None:
    """A COW numeric state code as ISO3: `realpolitik.sources.countries` when present, else a small table."""
    try:
        num = int(float(ccode))
    except (TypeError, ValueError):
        return None
    try:
        from realpolitik.sources.countries import to_iso3

        got = to_iso3(num)
        if got:
            return str(got)
    except Exception:  # the crosswalk is missing or cannot read its data: use the small table
        pass
    return _COW_FALLBACK.get(num)
