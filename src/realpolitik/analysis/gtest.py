"""The change test of `shifts`: a G-test of a 2 x k table with a permutation p-value on small counts, and
Benjamini-Hochberg adjustment across periods (see `realpolitik.analysis.shifts` for why)."""

from __future__ import annotations

import numpy as np


def g_test(table: np.ndarray, rng: np.random.Generator, draws: int) -> tuple[float, int, float, str, np.ndarray]:
    """G statistic, dof, p-value, method and expected counts of a 2 x k table."""
    from scipy.special import chdtrc

    rows = table.sum(axis=1, keepdims=True)
    cols = table.sum(axis=0, keepdims=True)
    n = table.sum()
    expected = rows * cols / n

    def g_of(t: np.ndarray) -> float:
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(t > 0, t * np.log(t / expected), 0.0)
        return float(2.0 * terms.sum())

    g = g_of(table)
    dof = (table.shape[1] - 1) * (table.shape[0] - 1)
    if expected.min() >= 5 or n > 200_000:
        return g, dof, float(chdtrc(dof, g)), "chi-square", expected
    # permutation test: under independence the first row of a random split with these margins is
    # multivariate hypergeometric, so it is drawn directly (cost ~ draws x partners, not x events)
    colors = table.sum(axis=0).astype(np.int64)
    n0 = int(rows[0, 0])
    hits = 0
    done = 0
    batch = max(1, min(draws, 200_000 // max(1, len(colors))))
    with np.errstate(divide="ignore", invalid="ignore"):
        while done < draws:
            b = min(batch, draws - done)
            top = rng.multivariate_hypergeometric(colors, n0, size=b, method="marginals").astype(float)
            bottom = cols[0][None, :] - top
            g_top = np.where(top > 0, top * np.log(top / expected[0][None, :]), 0.0).sum(axis=1)
            g_bot = np.where(bottom > 0, bottom * np.log(bottom / expected[1][None, :]), 0.0).sum(axis=1)
            hits += int(np.sum(2.0 * (g_top + g_bot) >= g - 1e-9))
            done += b
    return g, dof, (hits + 1) / (draws + 1), "monte-carlo", expected


def bh_adjust(pvals: list[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values, in the input order."""
    m = len(pvals)
    if m == 0:
        return []
    order = sorted(range(m), key=lambda i: pvals[i])
    q = [0.0] * m
    prev = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        prev = min(prev, pvals[i] * m / rank)
        q[i] = prev
    return q
