"""The frustration index of a signed graph: exact by mixed-integer programming, or local search with a bound.

A signed graph is *balanced* (Harary 1953) when its nodes split into two blocs with every positive edge
inside a bloc and every negative edge between the blocs. The (weighted) frustration index is the least
total weight of edges that must be deleted (equivalently: whose sign must be ignored) to make it balanced;
the bloc partition that achieves it is the graph's best two-bloc reading.

Method
- Decomposition. Every cycle lies inside one biconnected component (block), and balance is a property of
  cycles, so the index is the sum of the blocks' indices. Bridges are never frustrated. Each block is
  solved on its own; the final partition is a signed 2-colouring of the graph without the frustrated edges.
- Exact: the binary program of Aref, Mason & Wilson (2018, "Computing the line index of balance using
  integer programming optimisation"): a side x_i in {0, 1} per node, a frustration f_e in [0, 1] per edge,
  f_e >= |x_i - x_j| for a positive edge, f_e >= |x_i + x_j - 1| for a negative one, minimise sum w_e f_e,
  the busiest node of each block fixed to side 0. Its relaxation is weak (all x = 1/2 costs 0), so cutting
  planes come first: unbalanced-cycle inequalities sum_{e in C} f_e >= 1 (valid: an unbalanced cycle keeps
  at least one frustrated edge), all unbalanced triangles and then the cycles the LP violates, found by
  Barahona's odd-cycle separation (shortest paths from (i, 0) to (i, 1) in the signed double cover with
  the LP values as lengths); the cuts the LP needs are handed to HiGHS (`scipy.optimize.milp`) with the
  remaining time. A block that hits the time limit keeps the better of the MILP's incumbent and the
  heuristic, and the better of HiGHS's dual bound and the heuristic's bound; the result is then not exact.
- Heuristic: greedy descent over single-node flips (a node moves when more of its incident weight would be
  satisfied on the other side), from the signed-Laplacian spectral partition and from a spanning-tree
  colouring; then, for blocks of up to LARGE_NODES nodes, tabu search (the best non-tabu flip, even uphill;
  tenure about n/4; restart from the best with a random kick when stalled), and beyond that iterated local
  search (kick a node and up to three neighbours, descend locally, keep unless worse). Heuristic runs on
  more than LARGE_EDGES edges skip the block search. Seeded: the same input and seed give the same answer
  unless the time limit cuts the search short (only on large graphs).
- Bound for the heuristic: the cycle relaxation's LP value (blocks of up to LP_BOUND_EDGES edges), else a
  packing of unbalanced cycles - short ones through the heuristic's frustrated edges first, then fundamental
  cycles of BFS forests - with sum_{C ∋ e} y_C <= w_e; every such packing is a lower bound on the index
  (LP duality), so `gap = (found - bound) / found` is an honest worst-case gap (loose on large sparse
  graphs, whose unbalanced cycles are long).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

EPS = 1e-9
DEFAULT_MAX_EXACT_EDGES = 5000
DEFAULT_TIME_LIMIT = 30.0
LARGE_NODES = 5000  # beyond this many nodes in a block: iterated local search instead of tabu
LARGE_EDGES = 20_000
# auto: blocks above max_exact_edges are solved exactly when expected_exact_seconds fits their time budget.
# The constant is the slowest rate measured on the COW pacts-and-disputes networks (1816-2014, all ATOP
# obligations: 5,275 edges, 818 frustrated, 18.5 s on one core), so the guess errs on the long side.
EXACT_SECONDS_PER_EDGE_CUT = 4.3e-6
LP_BOUND_EDGES = 3000  # heuristic blocks up to this size get the cycle-relaxation LP bound  # heuristic runs on graphs this large skip the block decomposition


@dataclass
class FrustrationResult:
    """A two-bloc partition and what it costs."""

    index: float  # total weight of the frustrated edges under `side`
    count: int  # how many edges are frustrated under `side`
    side: np.ndarray  # 0/1 per node
    frustrated: np.ndarray  # indices of the frustrated edges
    exact: bool  # `index` is proven minimal
    lower_bound: float  # a proven lower bound on the minimum (== index when exact)
    method: str  # "milp", "local-search", "milp+local-search", "brute-force", "trivial"
    seconds: float = 0.0
    blocks: int = 0  # biconnected components with a cycle
    largest_block_edges: int = 0
    details: dict[str, float] = field(default_factory=dict)

    @property
    def gap(self) -> float:
        """Relative worst-case gap between `index` and the bound (0 when exact)."""
        if self.index <= EPS:
            return 0.0
        return max(0.0, (self.index - self.lower_bound) / self.index)


# --- helpers --------------------------------------------------------------------------------------------


def _arrays(
    u: np.ndarray | list[int], v: np.ndarray | list[int], sign: np.ndarray | list[int], weight: object
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    s = np.where(np.asarray(sign, dtype=np.float64) < 0, -1, 1).astype(np.int8)
    w = np.ones(len(u)) if weight is None else np.asarray(weight, dtype=np.float64)
    if not (len(u) == len(v) == len(s) == len(w)):
        raise ValueError("u, v, sign and weight must have the same length")
    if np.any(u == v):
        raise ValueError("self-loops have no place in a signed graph of relations")
    if np.any(w < 0):
        raise ValueError("edge weights must be non-negative (the sign carries the polarity)")
    return u, v, s, w


def frustrated_edges(side: np.ndarray, u: np.ndarray, v: np.ndarray, sign: np.ndarray) -> np.ndarray:
    """Boolean mask of the edges a partition leaves frustrated."""
    same = side[u] == side[v]
    return np.where(sign > 0, ~same, same)


def _forest(
    n: int, u: np.ndarray, v: np.ndarray, idx: np.ndarray
) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray]:
    """A BFS spanning forest of the edges `idx`: (order, parent, parent edge, depth); roots are each component's
    lowest node (parent -1). One BFS from a virtual node joined to every root keeps this linear."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import breadth_first_order, connected_components

    iu, iv = u[idx], v[idx]
    ones = np.ones(2 * len(idx), dtype=np.int8)
    mat = coo_matrix((ones, (np.concatenate([iu, iv]), np.concatenate([iv, iu]))), shape=(n, n)).tocsr()
    ncomp, labels = connected_components(mat, directed=False)
    roots = np.full(ncomp, n, dtype=np.int64)
    np.minimum.at(roots, labels, np.arange(n))
    ru = np.concatenate([iu, iv, np.full(ncomp, n), roots])
    rv = np.concatenate([iv, iu, roots, np.full(ncomp, n)])
    big = coo_matrix((np.ones(len(ru), dtype=np.int8), (ru, rv)), shape=(n + 1, n + 1)).tocsr()
    order, pred = breadth_first_order(big, n, directed=False, return_predecessors=True)
    edge_of: dict[tuple[int, int], int] = {}
    for k, a, b in zip(idx.tolist(), iu.tolist(), iv.tolist(), strict=True):
        edge_of.setdefault((a, b) if a < b else (b, a), k)
    parent = np.full(n, -1, dtype=np.int64)
    pedge = np.full(n, -1, dtype=np.int64)
    depth = np.zeros(n, dtype=np.int64)
    out = []
    for node in order[1:].tolist():
        p = int(pred[node])
        out.append(node)
        if p == n:
            continue
        parent[node] = p
        pedge[node] = edge_of[(node, p) if node < p else (p, node)]
        depth[node] = depth[p] + 1
    return out, parent, pedge, depth


def _colour_along(order: list[int], parent: np.ndarray, pedge: np.ndarray, sign: np.ndarray, n: int) -> np.ndarray:
    side = np.zeros(n, dtype=np.int8)
    for node in order:
        p = parent[node]
        if p >= 0:
            side[node] = side[p] ^ (1 if sign[pedge[node]] < 0 else 0)
    return side


def signed_colouring(n: int, u: np.ndarray, v: np.ndarray, sign: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """A 0/1 side per node satisfying every kept edge (they must form a balanced graph).

    Each connected component starts from its lowest-numbered node on side 0, so the result is deterministic.
    """
    if n == 0:
        return np.zeros(0, dtype=np.int8)
    order, parent, pedge, _ = _forest(n, u, v, np.flatnonzero(keep))
    return _colour_along(order, parent, pedge, sign, n)


def _result_from_frustrated(
    n: int, u: np.ndarray, v: np.ndarray, s: np.ndarray, w: np.ndarray, frus: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    side = signed_colouring(n, u, v, s, ~frus)
    mask = frustrated_edges(side, u, v, s)
    return side, mask


# --- brute force (tests) ----------------------------------------------------------------------------------


def brute_force(
    n: int, u: np.ndarray | list[int], v: np.ndarray | list[int], sign: np.ndarray | list[int], weight: object = None
) -> FrustrationResult:
    """Try every partition (node 0 fixed on side 0): for graphs of up to ~20 nodes."""
    u, v, s, w = _arrays(u, v, sign, weight)
    if n > 22:
        raise ValueError("brute force is for small graphs")
    if len(u) == 0 or n <= 1:
        return FrustrationResult(0.0, 0, np.zeros(n, np.int8), np.array([], np.int64), True, 0.0, "brute-force")
    codes = np.arange(2 ** (n - 1), dtype=np.int64)
    bits = ((codes[:, None] >> np.arange(n - 1)) & 1).astype(np.int8)
    sides = np.concatenate([np.zeros((len(codes), 1), np.int8), bits], axis=1)
    same = sides[:, u] == sides[:, v]
    frus = np.where(s[None, :] > 0, ~same, same)
    cost = frus.astype(np.float64) @ w
    best = int(np.argmin(cost))
    side = sides[best]
    mask = frus[best]
    return FrustrationResult(
        float(cost[best]), int(mask.sum()), side, np.flatnonzero(mask), True, float(cost[best]), "brute-force"
    )


# --- blocks -----------------------------------------------------------------------------------------------


def _blocks(n: int, u: np.ndarray, v: np.ndarray) -> list[np.ndarray]:
    """Edge-index arrays of the biconnected components that contain a cycle (bridges dropped)."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(n))
    eid: dict[tuple[int, int], list[int]] = {}
    for k, (a, b) in enumerate(zip(u.tolist(), v.tolist(), strict=True)):
        key = (a, b) if a < b else (b, a)
        eid.setdefault(key, []).append(k)
    g.add_edges_from(eid)
    blocks = []
    for comp in nx.biconnected_component_edges(g):
        idx = []
        for a, b in comp:
            idx.extend(eid[(a, b) if a < b else (b, a)])
        if len(idx) >= 2:  # a block with one edge is a bridge (two parallel edges form a 2-cycle)
            blocks.append(np.array(sorted(idx), dtype=np.int64))
    blocks.sort(key=lambda b: (len(b), int(b[0])))
    return blocks


def _relabel(u: np.ndarray, v: np.ndarray) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    nodes, inv = np.unique(np.concatenate([u, v]), return_inverse=True)
    m = len(u)
    return len(nodes), inv[:m], inv[m:], nodes


# --- exact ------------------------------------------------------------------------------------------------


def _triangles(n: int, u: np.ndarray, v: np.ndarray) -> list[tuple[int, int, int]]:
    """Triangles as triples of edge indices (simple graphs; parallel edges use the first)."""
    adj: list[dict[int, int]] = [{} for _ in range(n)]
    for k, (a, b) in enumerate(zip(u.tolist(), v.tolist(), strict=True)):
        adj[a].setdefault(b, k)
        adj[b].setdefault(a, k)
    out = []
    for a in range(n):
        for b, e_ab in adj[a].items():
            if b <= a:
                continue
            small, large = (adj[a], adj[b]) if len(adj[a]) < len(adj[b]) else (adj[b], adj[a])
            for c in small:
                if c > b and c in large:
                    out.append((e_ab, adj[a][c], adj[b][c]))
    return out


def _cycle_cuts(
    n: int, u: np.ndarray, v: np.ndarray, s: np.ndarray, w: np.ndarray, deadline: float, max_rounds: int = 40
) -> tuple[list[np.ndarray], float]:
    """Unbalanced-cycle inequalities sum_{e in C} f_e >= 1 that the LP relaxation violates, found by cutting
    planes (Barahona's odd-cycle separation: shortest paths from (i, 0) to (i, 1) in the signed double cover,
    with the LP values as lengths). Returns the cuts and the last LP bound (a valid lower bound)."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    m = len(u)
    cuts: list[np.ndarray] = []
    seen: set[bytes] = set()
    for ea, eb, ec in _triangles(n, u, v):
        if s[ea] * s[eb] * s[ec] < 0:
            c = np.array(sorted((ea, eb, ec)), dtype=np.int64)
            seen.add(c.tobytes())
            cuts.append(c)
    pos = s > 0
    cu = np.concatenate([u, u + n])
    cv = np.concatenate([np.where(pos, v, v + n), np.where(pos, v + n, v)])
    ce = np.concatenate([np.arange(m), np.arange(m)])
    lo_c, hi_c = np.minimum(cu, cv), np.maximum(cu, cv)
    bound = 0.0
    for _ in range(max_rounds):
        if time.perf_counter() > deadline:
            break
        if cuts:
            rows = np.concatenate([np.full(len(c), i) for i, c in enumerate(cuts)])
            cols = np.concatenate(cuts)
            a_ub = coo_matrix((-np.ones(len(cols)), (rows, cols)), shape=(len(cuts), m)).tocsr()
            res = linprog(w, A_ub=a_ub, b_ub=-np.ones(len(cuts)), bounds=(0, 1), method="highs-ds")
            if res.status != 0:
                break
            f = res.x
            bound = float(res.fun)
            # drop the cuts the LP no longer needs, so that it stays small
            slack = a_ub @ f + 1.0
            kept = []
            for c, sl in zip(cuts, slack, strict=True):
                if sl > -1e-6:
                    kept.append(c)
                else:
                    seen.discard(c.tobytes())
            cuts = kept
        else:
            f = np.zeros(m)
        # the double cover, keeping the shortest of parallel edges
        length = f[ce] + 1e-9
        order = np.lexsort((length, hi_c, lo_c))
        key_lo, key_hi = lo_c[order], hi_c[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (key_lo[1:] != key_lo[:-1]) | (key_hi[1:] != key_hi[:-1])
        keep = order[first]
        edge_at = {(int(a), int(b)): int(e) for a, b, e in zip(lo_c[keep], hi_c[keep], ce[keep], strict=True)}
        g = coo_matrix((length[keep], (lo_c[keep], hi_c[keep])), shape=(2 * n, 2 * n)).tocsr()
        dist, pred = dijkstra(g, directed=False, indices=np.arange(n), return_predecessors=True, limit=1.0)
        gaps = dist[np.arange(n), np.arange(n) + n]
        found: list[Any] = []
        for i in np.argsort(gaps, kind="stable").tolist():
            if not gaps[i] < 1.0 - 1e-6 or len(found) >= max(50, n):
                break
            node, path = i + n, set()
            while node != i:
                p = int(pred[i, node])
                path.add(edge_at[(min(p, node), max(p, node))])
                node = p
            c = np.array(sorted(path), dtype=np.int64)
            key = c.tobytes()
            if key not in seen:
                seen.add(key)
                found.append(c)
        if not found:
            break
        cuts.extend(found)
    return cuts, bound


def _milp(
    n: int, u: np.ndarray, v: np.ndarray, s: np.ndarray, w: np.ndarray, time_limit: float
) -> tuple[np.ndarray | None, float, bool]:
    """(frustrated mask or None, dual bound, proven optimal) for one block."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    m = len(u)
    nv = n + m
    rows, cols, vals, lo = [], [], [], []
    r = 0
    for k in range(m):
        a, b, f = int(u[k]), int(v[k]), n + k
        if s[k] > 0:  # f - xa + xb >= 0 ; f + xa - xb >= 0
            rows += [r, r, r, r + 1, r + 1, r + 1]
            cols += [f, a, b, f, a, b]
            vals += [1, -1, 1, 1, 1, -1]
            lo += [0, 0]
        else:  # f - xa - xb >= -1 ; f + xa + xb >= 1
            rows += [r, r, r, r + 1, r + 1, r + 1]
            cols += [f, a, b, f, a, b]
            vals += [1, -1, -1, 1, 1, 1]
            lo += [-1, 1]
        r += 2
    t0 = time.perf_counter()
    cuts, _lp = _cycle_cuts(n, u, v, s, w, t0 + time_limit / 3)
    for c in cuts:
        rows += [r] * len(c)
        cols += (n + c).tolist()
        vals += [1] * len(c)
        lo.append(1)
        r += 1
    a_mat = coo_matrix((vals, (rows, cols)), shape=(r, nv)).tocsr()
    c = np.concatenate([np.zeros(n), w])
    integrality = np.concatenate([np.ones(n), np.zeros(m)])
    lb = np.zeros(nv)
    ub = np.ones(nv)
    deg = np.bincount(np.concatenate([u, v]), minlength=n)
    ub[int(np.argmax(deg))] = 0  # symmetry: the busiest node is on side 0
    res = milp(
        c,
        constraints=[LinearConstraint(a_mat, np.array(lo, dtype=float), np.inf)],
        integrality=integrality,
        bounds=Bounds(lb, ub),
        options={"time_limit": max(1.0, float(time_limit) - (time.perf_counter() - t0)), "disp": False},
    )
    bound = float(getattr(res, "mip_dual_bound", 0.0) or 0.0)
    if res.x is None:
        return None, max(bound, 0.0), False
    x = np.round(res.x[:n]).astype(np.int8)
    mask = frustrated_edges(x, u, v, s)
    optimal = res.status == 0
    if optimal:
        bound = float(w[mask].sum())
    return mask, max(bound, 0.0), optimal


# --- heuristic ----------------------------------------------------------------------------------------------


class _LocalSearch:
    """Single-node-flip descent with iterated perturbation on a signed weighted graph."""

    def __init__(self, n: int, u: np.ndarray, v: np.ndarray, s: np.ndarray, w: np.ndarray, seed: int) -> None:
        from scipy.sparse import coo_matrix

        self.n = n
        self.u, self.v, self.s = u, v, s
        a = coo_matrix(
            (np.concatenate([s * w, s * w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n)
        ).tocsr()
        a.sum_duplicates()
        self.a = a
        self.indptr = a.indptr
        self.indices = a.indices
        self.data = a.data
        self.total = float(w.sum())
        self.rng = np.random.default_rng(seed)
        self.tenure, self.stall, self.kick = 0.25, 5.0, 0.1  # tabu tenure, stall before a kick, kick size (x n)

    def field(self, spin: np.ndarray) -> np.ndarray:
        """h_i = s_i * sum_j A_ij s_j: satisfied minus frustrated weight at i; flipping i changes the cost by h_i."""
        return spin * (self.a @ spin)

    def cost(self, spin: np.ndarray) -> float:
        return (self.total - float(spin @ (self.a @ spin)) / 2.0) / 2.0

    def flip(self, i: int, spin: np.ndarray, h: np.ndarray) -> np.ndarray:
        spin[i] = -spin[i]
        h[i] = -h[i]
        lo, hi = self.indptr[i], self.indptr[i + 1]
        nb = self.indices[lo:hi]
        h[nb] += 2.0 * spin[nb] * self.data[lo:hi] * spin[i]
        return nb

    def descend(self, spin: np.ndarray, h: np.ndarray, work: list[int] | None = None) -> tuple[float, list[int]]:
        """Flip nodes with a negative local field until none is left (in place): (cost change, flipped)."""
        if work is None:
            work = np.flatnonzero(h < -EPS).tolist()
        pending = set(work)
        stack = sorted(pending, reverse=True)
        delta = 0.0
        flipped: list[int] = []
        while stack:
            i = stack.pop()
            pending.discard(i)
            if h[i] >= -EPS:
                continue
            delta += float(h[i])
            flipped.append(i)
            nb = self.flip(i, spin, h)
            for j in nb[h[nb] < -EPS].tolist():
                if j not in pending:
                    pending.add(j)
                    stack.append(j)
        return delta, flipped

    def spectral_start(self) -> np.ndarray:
        """Signs of the signed Laplacian's lowest eigenvector (a random start when ARPACK fails)."""
        from scipy.sparse import diags
        from scipy.sparse.linalg import eigsh

        if self.n < 3:
            return np.ones(self.n)
        deg = np.asarray(abs(self.a).sum(axis=1)).ravel()
        if self.n > LARGE_NODES:  # ARPACK is slow here: a few power iterations give a rough vector
            shift = 2.0 * float(deg.max()) + 1.0
            x = self.rng.standard_normal(self.n)
            for _ in range(60):
                x = (shift - deg) * x + self.a @ x
                x /= np.linalg.norm(x) or 1.0
            return np.where(x >= 0, 1.0, -1.0)
        try:
            shift = 2.0 * float(deg.max()) + 1.0
            op = diags(shift - deg) + self.a  # shift*I - L, L = D - A: its top eigenvector is L's bottom one
            v0 = self.rng.standard_normal(self.n)
            _, vec = eigsh(op, k=1, which="LA", v0=v0, tol=1e-3, maxiter=max(300, 3 * self.n))
            return np.where(vec[:, 0] >= 0, 1.0, -1.0)
        except Exception:  # ARPACK did not converge: any start will do
            return np.where(self.rng.random(self.n) < 0.5, 1.0, -1.0)

    def tree_start(self) -> np.ndarray:
        order, parent, pedge, _ = _forest(self.n, self.u, self.v, np.arange(len(self.u)))
        side = _colour_along(order, parent, pedge, self.s, self.n)
        return 1.0 - 2.0 * side

    def run(self, deadline: float, max_steps: int) -> np.ndarray:
        """Greedy descent from two starts, then tabu search (best non-tabu flip, even uphill) until the deadline
        or `max_steps` flips; a stalled search restarts from the best partition with a random kick."""
        best: np.ndarray | None = None
        best_cost = np.inf
        for spin in (self.spectral_start(), self.tree_start()):
            self.descend(spin, self.field(spin))
            c = self.cost(spin)
            if c < best_cost - EPS:
                best, best_cost = spin.copy(), c
        assert best is not None
        n = self.n
        if n < 3:
            return best
        if n > LARGE_NODES:
            return self.iterated(best, best_cost, deadline, max_steps)
        spin = best.copy()
        h = self.field(spin)
        cur = best_cost
        tabu = np.zeros(n, dtype=np.int64)
        base_tenure = max(10, int(n * self.tenure))
        spread = max(10, n // 20)
        last_improve = 0
        stall = max(2000, int(self.stall * n))
        rng = self.rng
        for step in range(1, max_steps + 1):
            if step % 128 == 0 and time.perf_counter() > deadline:
                break
            cand = np.where((tabu > step) & (cur + h >= best_cost - EPS), np.inf, h)
            i = int(np.argmin(cand))
            if not np.isfinite(cand[i]):
                tabu[:] = 0
                continue
            cur += float(h[i])
            self.flip(i, spin, h)
            tabu[i] = step + base_tenure + int(rng.integers(0, spread))
            if cur < best_cost - EPS:
                best_cost = cur
                best = spin.copy()
                last_improve = step
            elif step - last_improve > stall:
                spin = best.copy()
                kick = rng.choice(n, size=max(2, int(n * self.kick)), replace=False)
                spin[kick] = -spin[kick]
                h = self.field(spin)
                self.descend(spin, h)
                h = self.field(spin)
                cur = self.cost(spin)
                tabu[:] = 0
                last_improve = step
        # numerical drift: re-evaluate the best partition exactly
        return best

    def iterated(self, best: np.ndarray, best_cost: float, deadline: float, max_rounds: int) -> np.ndarray:
        """Iterated local search for large graphs, where a tabu step (O(n)) is too dear: flip a node and up to
        three neighbours, descend locally, keep the result unless it is worse (O(neighbourhood) a round)."""
        spin = best.copy()
        h = self.field(spin)
        cur = best_cost
        indptr, indices, a, rng = self.indptr, self.indices, self.a, self.rng
        for r in range(max_rounds):
            if r % 64 == 0 and time.perf_counter() > deadline:
                break
            seed_node = int(rng.integers(self.n))
            ball = [seed_node]
            nb = indices[indptr[seed_node] : indptr[seed_node + 1]]
            if len(nb):
                k = int(rng.integers(0, min(len(nb), 3) + 1))
                ball += rng.choice(nb, size=k, replace=False).tolist()
            delta = 0.0
            kicked: list[int] = []
            touched: set[int] = set()
            for i in dict.fromkeys(ball):
                delta += float(h[i])
                kicked.append(i)
                touched.update(self.flip(i, spin, h).tolist())
            d2, flipped = self.descend(spin, h, sorted(touched | set(kicked)))
            new = cur + delta + d2
            if new <= cur + EPS:
                cur = new
            else:  # undo: flip back everything that moved, then refresh the fields around it
                moved = kicked + flipped
                for i in moved:
                    spin[i] = -spin[i]
                region = set(moved)
                for i in moved:
                    region.update(indices[indptr[i] : indptr[i + 1]].tolist())
                idx = np.fromiter(region, dtype=np.int64)
                h[idx] = spin[idx] * (a[idx] @ spin)
        return spin if self.cost(spin) <= best_cost + EPS else best


def _short_cycles(
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    s: np.ndarray,
    resid: np.ndarray,
    through: np.ndarray,
    deadline: float,
    max_len: int = 6,
) -> float:
    """Pack short unbalanced cycles through the given edges (every unbalanced cycle holds a frustrated edge of
    any partition, so a heuristic's frustrated edges are where to look): for each, repeatedly the shortest
    cycle (breadth first over (node, parity) states, at most `max_len` edges) among edges with capacity left."""
    from scipy.sparse import coo_matrix

    m = len(u)
    ids = np.arange(m)
    mat = coo_matrix((np.concatenate([ids, ids]) + 1, (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n))
    mat = mat.tocsr()  # data: edge id + 1 (parallel edges are summed away: rare, and only a loss of bound)
    indptr, indices, eids = mat.indptr, mat.indices, mat.data - 1
    neg = (s < 0).astype(np.int8)
    bound = 0.0
    for f in through.tolist():
        if time.perf_counter() > deadline:
            break
        a, b, want = int(u[f]), int(v[f]), 1 - int(neg[f])  # the path's parity that makes the cycle unbalanced
        while resid[f] > EPS:
            parent: dict[tuple[int, int], tuple[tuple[int, int], int]] = {}
            frontier = [(a, 0)]
            seen = {(a, 0)}
            goal = None
            for _depth in range(max_len - 1):
                nxt = []
                for node, par in frontier:
                    lo, hi = indptr[node], indptr[node + 1]
                    for j, e in zip(indices[lo:hi].tolist(), eids[lo:hi].tolist(), strict=True):
                        if (
                            e == f
                            or e < 0
                            or e >= m
                            or resid[e] <= EPS
                            or (int(u[e]), int(v[e]))
                            not in (
                                (node, j),
                                (j, node),
                            )
                        ):
                            continue
                        state = (j, par ^ int(neg[e]))
                        if state in seen:
                            continue
                        seen.add(state)
                        parent[state] = ((node, par), e)
                        if state == (b, want):
                            goal = state
                            break
                        nxt.append(state)
                    if goal:
                        break
                if goal or not nxt:
                    break
                frontier = nxt
            if goal is None:
                break
            path = [f]
            state = goal
            while state != (a, 0):
                state, e = parent[state]
                path.append(e)
            y = float(resid[path].min())
            resid[path] -= y
            bound += y
    return bound


def _cycle_packing_bound(
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    s: np.ndarray,
    w: np.ndarray,
    deadline: float,
    max_rounds: int = 60,
    through: np.ndarray | None = None,
) -> float:
    """A lower bound: greedily pack short unbalanced cycles through `through` (a heuristic's frustrated edges),
    then unbalanced fundamental cycles of BFS forests, within the edge weights."""
    resid = w.astype(np.float64).copy()
    bound = 0.0
    m = len(u)
    if through is not None and len(through):
        heaviest = through[np.argsort(-w[through], kind="stable")]
        share = time.perf_counter() + 0.3 * max(0.0, deadline - time.perf_counter())
        bound += _short_cycles(n, u, v, s, resid, heaviest, share, max_len=4)
    for _ in range(max_rounds):
        if time.perf_counter() > deadline:
            break
        alive = np.flatnonzero(resid > EPS)
        if len(alive) == 0:
            break
        order, parent, pedge, depth = _forest(n, u, v, alive)
        side = _colour_along(order, parent, pedge, s, n)
        tree = np.zeros(m, dtype=bool)
        tree[pedge[pedge >= 0]] = True
        cand = alive[~tree[alive]]
        same = side[u[cand]] == side[v[cand]]
        bad = cand[np.where(s[cand] > 0, ~same, same)]
        if len(bad) == 0:
            break
        bad = bad[np.argsort(-resid[bad], kind="stable")]
        progressed = False
        for k in bad.tolist():
            if time.perf_counter() > deadline:
                break
            a, b = int(u[k]), int(v[k])
            path = [k]
            while depth[a] > depth[b]:
                path.append(int(pedge[a]))
                a = int(parent[a])
            while depth[b] > depth[a]:
                path.append(int(pedge[b]))
                b = int(parent[b])
            while a != b:
                path.append(int(pedge[a]))
                path.append(int(pedge[b]))
                a, b = int(parent[a]), int(parent[b])
            y = float(resid[path].min())
            if y <= EPS:
                continue
            resid[path] -= y
            bound += y
            progressed = True
        if not progressed:
            break
    return bound


# --- driver ---------------------------------------------------------------------------------------------------


def expected_exact_seconds(edges: int, frustrated: int) -> float:
    """A conservative guess of the MILP's time on a block: EXACT_SECONDS_PER_EDGE_CUT x edges x frustrated
    edges (of a quick heuristic partition), since the cutting planes it needs grow with both."""
    return EXACT_SECONDS_PER_EDGE_CUT * edges * max(1, frustrated)


def frustration(
    n: int,
    u: np.ndarray | list[int],
    v: np.ndarray | list[int],
    sign: np.ndarray | list[int],
    weight: object = None,
    method: str = "auto",
    max_exact_edges: int = DEFAULT_MAX_EXACT_EDGES,
    time_limit: float = DEFAULT_TIME_LIMIT,
    seed: int = 0,
    heuristic_steps: int | None = None,
    brute_force_nodes: int = 14,
) -> FrustrationResult:
    """The frustration index and a two-bloc partition of a signed graph on nodes 0..n-1.

    method: "exact" (MILP on every block, within `time_limit` seconds in all), "heuristic" (local search and
    a cycle-packing bound), or "auto" (exact for blocks of at most `max_exact_edges` edges; beyond, exact when
    `expected_exact_seconds` fits the block's share of `time_limit`, else heuristic).
    `weight=None` counts edges (the unweighted index). Blocks of at most `brute_force_nodes` nodes (and 60
    edges) are solved by enumeration whatever the method (0 turns that off).
    """
    t0 = time.perf_counter()
    u, v, s, w = _arrays(u, v, sign, weight)
    if method not in ("auto", "exact", "heuristic"):
        raise ValueError(f"unknown method {method!r}")
    m = len(u)
    if m == 0:
        return FrustrationResult(0.0, 0, np.zeros(n, np.int8), np.array([], np.int64), True, 0.0, "trivial")
    if method != "exact" and m > max(LARGE_EDGES, max_exact_edges):
        blocks = [np.arange(m, dtype=np.int64)]  # networkx's block search costs more than it saves here
    else:
        blocks = _blocks(n, u, v)
    frus = np.zeros(m, dtype=bool)
    details: dict[str, float] = {}
    exact_all = True
    bound = 0.0
    methods: set[str] = set()
    deadline = t0 + time_limit
    largest = max((len(b) for b in blocks), default=0)
    for bi, blk in enumerate(blocks):
        k, bu, bv, _nodes = _relabel(u[blk], v[blk])
        bs, bw = s[blk], w[blk]
        # quick check: already balanced?
        side = signed_colouring(k, bu, bv, bs, np.ones(len(blk), dtype=bool))
        bmask = frustrated_edges(side, bu, bv, bs)
        if not bmask.any():
            methods.add("trivial")
            continue
        remaining_blocks = len(blocks) - bi
        budget = max(1.0, (deadline - time.perf_counter()) / max(1, remaining_blocks))
        use_exact = method == "exact" or (method == "auto" and len(blk) <= max_exact_edges)
        if method == "auto" and not use_exact:
            # beyond the always-exact size, exact when its expected solve time fits this block's budget
            probe = _LocalSearch(k, bu, bv, bs, bw, seed + bi)
            pspin = probe.run(time.perf_counter() + min(budget, 4.0) * 0.25, min(20_000, 20 * k))
            f_probe = int(frustrated_edges((pspin < 0).astype(np.int8), bu, bv, bs).sum())
            expected = expected_exact_seconds(len(blk), f_probe)
            details[f"block{bi}_expected_exact_seconds"] = round(expected, 3)
            use_exact = expected <= budget
        if k <= brute_force_nodes and len(blk) <= 60:
            r = brute_force(k, bu, bv, bs, bw)
            frus[blk] = frustrated_edges(r.side, bu, bv, bs)
            bound += r.index
            methods.add("brute-force")
            continue
        mask = None
        optimal = False
        bbound = 0.0
        if use_exact:
            mask, bbound, optimal = _milp(k, bu, bv, bs, bw, budget)
            methods.add("milp")
        if not optimal:
            steps = heuristic_steps if heuristic_steps is not None else min(200_000, max(20_000, 200 * k))
            ls = _LocalSearch(k, bu, bv, bs, bw, seed + bi)
            spin = ls.run(time.perf_counter() + (budget if not use_exact else min(budget, 10.0)) * 0.75, steps)
            hmask = frustrated_edges((spin < 0).astype(np.int8), bu, bv, bs)
            methods.add("local-search")
            if mask is None or bw[hmask].sum() < bw[mask].sum() - EPS:
                mask = hmask
            lb = _cycle_packing_bound(
                k, bu, bv, bs, bw, time.perf_counter() + max(1.0, budget / 4), through=np.flatnonzero(mask)
            )
            bbound = max(bbound, lb)
            if len(blk) <= LP_BOUND_EDGES and bbound < bw[mask].sum() - 1e-7:
                # the cycle relaxation's LP value is a much better bound where it is affordable
                _cuts, lp = _cycle_cuts(k, bu, bv, bs, bw, time.perf_counter() + max(1.0, budget / 3))
                bbound = max(bbound, lp)
            if bbound >= bw[mask].sum() - 1e-7:
                optimal = True
        frus[blk] = mask
        bound += bbound if not optimal else float(bw[mask].sum())
        exact_all = exact_all and optimal
    side, mask = _result_from_frustrated(n, u, v, s, w, frus)
    index = float(w[mask].sum())
    if exact_all:
        bound = index
    name = "+".join(sorted(methods - {"trivial"})) or "trivial"
    return FrustrationResult(
        index=index,
        count=int(mask.sum()),
        side=side,
        frustrated=np.flatnonzero(mask),
        exact=exact_all,
        lower_bound=min(bound, index),
        method=name,
        seconds=time.perf_counter() - t0,
        blocks=len(blocks),
        largest_block_edges=largest,
        details=details,
    )
