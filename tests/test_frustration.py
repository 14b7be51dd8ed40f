"""Frustration index: the exact MILP against brute force, the heuristic against exact, bounds, determinism."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.analysis.frustration import brute_force, frustrated_edges, frustration


@st.composite
def signed_graphs(draw: st.DrawFn, max_nodes: int = 12) -> tuple[int, list[int], list[int], list[int], list[float]]:
    n = draw(st.integers(2, max_nodes))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=min(len(pairs), 30)))
    signs = draw(st.lists(st.sampled_from([-1, 1]), min_size=len(chosen), max_size=len(chosen)))
    weights = draw(st.lists(st.integers(1, 9).map(lambda k: k / 4), min_size=len(chosen), max_size=len(chosen)))
    return n, [a for a, _ in chosen], [b for _, b in chosen], signs, weights


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(signed_graphs())
def test_exact_index_matches_brute_force(graph: tuple) -> None:
    n, u, v, s, w = graph
    truth = brute_force(n, u, v, s, w)
    got = frustration(n, u, v, s, w, method="exact", brute_force_nodes=0)
    assert got.exact
    assert got.index == pytest.approx(truth.index, abs=1e-9)
    # the partition really costs what is reported, and the frustrated edges are the ones it leaves
    mask = frustrated_edges(got.side, np.array(u, dtype=int), np.array(v, dtype=int), np.array(s))
    assert float(np.asarray(w)[mask].sum()) == pytest.approx(got.index, abs=1e-9)
    assert sorted(np.flatnonzero(mask).tolist()) == sorted(got.frustrated.tolist())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(signed_graphs())
def test_unweighted_index_matches_brute_force_and_heuristic_is_bounded(graph: tuple) -> None:
    n, u, v, s, _w = graph
    truth = brute_force(n, u, v, s)
    exact = frustration(n, u, v, s, None, method="exact", brute_force_nodes=0)
    assert exact.index == truth.index and exact.count == truth.count
    heur = frustration(n, u, v, s, None, method="heuristic", brute_force_nodes=0)
    assert heur.index >= truth.index - 1e-9
    assert heur.lower_bound <= truth.index + 1e-9
    if heur.exact:  # claimed optimal only when the bound proves it
        assert heur.index == pytest.approx(truth.index)


def test_balanced_graph_has_index_zero_and_its_planted_blocs() -> None:
    # blocs {0, 1, 2} and {3, 4}: positive inside, negative across
    u = [0, 1, 0, 3, 0, 1, 2, 2]
    v = [1, 2, 2, 4, 3, 4, 3, 4]
    s = [1, 1, 1, 1, -1, -1, -1, -1]
    r = frustration(5, u, v, s, None, method="exact", brute_force_nodes=0)
    assert r.index == 0 and r.exact
    assert r.side.tolist() == [0, 0, 0, 1, 1]


def test_a_plus_plus_minus_triangle_costs_its_weakest_edge() -> None:
    r = frustration(3, [0, 0, 1], [1, 2, 2], [1, 1, -1], [2.0, 3.0, 0.5])
    assert r.index == pytest.approx(0.5) and r.count == 1 and r.frustrated.tolist() == [2]


def test_bridges_are_never_frustrated_and_blocks_add_up() -> None:
    # two unbalanced triangles joined by a negative bridge: index = the two weakest edges
    u = [0, 0, 1, 3, 3, 4, 2]
    v = [1, 2, 2, 4, 5, 5, 3]
    s = [1, 1, -1, -1, -1, -1, -1]
    w = [1.0, 1.0, 0.3, 1.0, 0.7, 1.0, 5.0]
    r = frustration(6, u, v, s, w, method="exact", brute_force_nodes=0)
    assert r.index == pytest.approx(1.0) and r.blocks == 2
    assert 6 not in r.frustrated.tolist()


def _planted(m: int, seed: int, noise: float) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = m // 2
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < m:
        a, b = (int(x) for x in rng.integers(0, n, 2))
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    uv = np.array(sorted(pairs))
    bloc = rng.integers(0, 2, n)
    sign = np.where(bloc[uv[:, 0]] == bloc[uv[:, 1]], 1, -1) * np.where(rng.random(m) < noise, -1, 1)
    return n, uv[:, 0], uv[:, 1], sign, rng.uniform(0.1, 1.0, m)


def test_heuristic_is_close_to_exact_on_a_few_hundred_edges_with_an_honest_bound() -> None:
    n, u, v, s, w = _planted(300, seed=7, noise=0.1)
    exact = frustration(n, u, v, s, w, method="exact", time_limit=120)
    heur = frustration(n, u, v, s, w, method="heuristic", time_limit=60)
    assert exact.exact
    assert exact.index <= heur.index <= exact.index * 1.05
    assert heur.lower_bound <= exact.index + 1e-9
    assert 0.0 <= heur.gap <= 1.0


def test_results_are_deterministic_for_a_seed() -> None:
    n, u, v, s, w = _planted(200, seed=3, noise=0.15)
    a = frustration(n, u, v, s, w, method="heuristic", seed=5)
    b = frustration(n, u, v, s, w, method="heuristic", seed=5)
    assert a.index == b.index and a.side.tolist() == b.side.tolist()


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        frustration(2, [0], [0], [1])
    with pytest.raises(ValueError):
        frustration(2, [0], [1], [1], [-1.0])
    empty = frustration(3, [], [], [])
    assert empty.index == 0 and empty.exact
