"""Benchmark of the balance code on synthetic signed graphs of 100 to 100,000 edges.

Graphs: n = m / 2 nodes (mean degree 4), m distinct random edges; two planted blocs, each edge's sign the
planted one flipped with probability `noise` (0.10: relations data is near-balanced; 0.15 is a harder,
spin-glass-like family on which the exact MILP stops being feasible near 1,000 edges), weights uniform in
[0.1, 1]. Prints, per size: the exact MILP time and optimum where it is feasible (`*`: time limit hit, best
found), the heuristic's time, value and lower bound, its gap to the exact optimum where both ran
(gap_exact) and to its own bound (gap_bound). Then the store side: signed edges and `balance` over 1M
synthetic events in Parquet (150 actors, two years). Run: `python benchmarks/bench_balance.py [--quick]`.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from realpolitik.analysis.frustration import frustration

EXACT_UP_TO = 3000
EXACT_TIME_LIMIT = 120.0


def synthetic(m: int, seed: int, noise: float = 0.15) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = max(10, m // 2)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < m:
        k = m - len(pairs)
        a = rng.integers(0, n, 2 * k)
        b = rng.integers(0, n, 2 * k)
        for x, y in zip(a.tolist(), b.tolist(), strict=True):
            if x != y:
                pairs.add((min(x, y), max(x, y)))
                if len(pairs) == m:
                    break
    uv = np.array(sorted(pairs), dtype=np.int64)
    bloc = rng.integers(0, 2, n)
    planted = np.where(bloc[uv[:, 0]] == bloc[uv[:, 1]], 1, -1)
    flip = rng.random(m) < noise
    sign = np.where(flip, -planted, planted)
    weight = rng.uniform(0.1, 1.0, m).round(3)
    return n, uv[:, 0], uv[:, 1], sign, weight


def main() -> None:
    quick = "--quick" in sys.argv
    runs = [(0.10, m) for m in (100, 300, 1000)] + [(0.15, m) for m in (300, 1000)]
    if not quick:
        runs = [(0.10, m) for m in (100, 300, 1000, 3000, 10_000, 30_000, 100_000)] + [(0.15, m) for m in (300, 1000)]
    print(
        f"{'noise':>5} {'edges':>7} {'nodes':>6} {'exact_s':>8} {'exact':>10} {'heur_s':>7} {'heur':>10} "
        f"{'bound':>10} {'gap_exact':>9} {'gap_bound':>9}"
    )
    for noise, m in runs:
        n, u, v, s, w = synthetic(m, seed=m, noise=noise)
        ex = None
        if m <= EXACT_UP_TO:
            ex = frustration(n, u, v, s, w, method="exact", time_limit=EXACT_TIME_LIMIT)
        t = time.perf_counter()
        he = frustration(n, u, v, s, w, method="heuristic", time_limit=40.0 if m >= 30_000 else 20.0)
        ht = time.perf_counter() - t
        ex_s = f"{ex.seconds:8.2f}" if ex else f"{'-':>8}"
        ex_v = (f"{ex.index:10.3f}" + ("" if ex.exact else "*")) if ex else f"{'-':>10}"
        gap = f"{(he.index - ex.index) / ex.index:9.2%}" if ex and ex.exact and ex.index > 0 else f"{'-':>9}"
        print(
            f"{noise:5.2f} {m:7d} {n:6d} {ex_s} {ex_v} {ht:7.2f} {he.index:10.3f} {he.lower_bound:10.3f} {gap} {he.gap:9.2%}",
            flush=True,
        )


def events_scale(n_events: int) -> None:
    """Signed edges and balance from `n_events` synthetic events written as a Parquet export."""
    import tempfile

    import duckdb

    from realpolitik.analysis.balance import balance
    from realpolitik.analysis.signed_edges import signed_edges

    with tempfile.TemporaryDirectory() as d:
        con = duckdb.connect()
        con.execute(
            f"""COPY (
            SELECT md5(i::VARCHAR) AS event_id, 'doc' || (i // 5)::VARCHAR AS doc_key, 'COOPERATE' AS event_type,
                   NULL::VARCHAR AS mode, NULL::VARCHAR AS cameo, (hash(i) % 21)::DOUBLE - 10 AS intensity,
                   []::VARCHAR[] AS context, 'sentence ' || i::VARCHAR AS evidence_text, NULL::VARCHAR AS url,
                   strftime(DATE '2023-01-01' + INTERVAL (hash(i * 7) % 700) DAY, '%Y-%m-%d') AS date,
                   'synthetic' AS origin, 'C' || lpad((hash(i * 3) % 150)::VARCHAR, 3, '0') AS source_code,
                   NULL::VARCHAR AS source_country, NULL::VARCHAR AS source_sector,
                   'C' || lpad((hash(i * 5) % 150)::VARCHAR, 3, '0') AS target_code,
                   NULL::VARCHAR AS target_country, NULL::VARCHAR AS target_sector,
                   CAST(DATE '2023-01-01' + INTERVAL (hash(i * 7) % 700) DAY AS DATE) AS date_start,
                   FALSE AS negated, FALSE AS hypothetical
            FROM range({n_events}) t(i)) TO '{d}/events.parquet' (FORMAT PARQUET)"""
        )
        con.close()
        t = time.perf_counter()
        edges, _ = signed_edges(d, at="2024-12-01", window="365d")
        te = time.perf_counter() - t
        t = time.perf_counter()
        res = balance(d, at="2024-12-01", window="365d", max_triads=100, time_limit=20)
        tb = time.perf_counter() - t
        quality = "exact" if res["exact"] else f"bound {res['bound']:.1f}"
        print(
            f"{n_events:,} events -> {len(edges):,} signed edges in {te:.1f} s (50 evidence events each); "
            f"balance in {tb:.1f} s: {res['frustrated_triad_count']:,} frustrated triads, index "
            f"{res['frustration_index']:.1f} ({quality})"
        )


if __name__ == "__main__":
    main()
    events_scale(100_000 if "--quick" in sys.argv else 1_000_000)
