"""One-to-one assignment of system items to gold items.

A maximum-weight bipartite matching (Hungarian algorithm) rather than a greedy pass: greedy
can give a gold item to a system item that had another option and so leave a second system item
stranded. The weights encode the gold file's priorities lexicographically (see ``score``), and
the algorithm is deterministic for a given input order.
"""

from __future__ import annotations

from collections.abc import Mapping

Edge = tuple[int, int]


def _components(edges: Mapping[Edge, int]) -> list[tuple[list[int], list[int]]]:
    """Split the candidate graph into connected parts; each is solved alone (much smaller)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s, g in edges:
        a, b = find(("s", s)), find(("g", g))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[str, int], tuple[set[int], set[int]]] = {}
    for s, g in edges:
        sys_nodes, gold_nodes = groups.setdefault(find(("s", s)), (set(), set()))
        sys_nodes.add(s)
        gold_nodes.add(g)
    return [(sorted(s), sorted(g)) for _, (s, g) in sorted(groups.items())]


def _hungarian(cost: list[list[int]]) -> list[int]:
    """Minimum-cost assignment of every row to a distinct column (rows <= columns).

    Returns the column of each row. Classic O(n^2 m) potentials formulation.
    """
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    rows = [0] * n
    for j in range(1, m + 1):
        if p[j]:
            rows[p[j] - 1] = j - 1
    return rows


def assign(edges: Mapping[Edge, int]) -> dict[int, int]:
    """Maximum-weight matching on candidate pairs ``(system, gold) -> weight > 0``.

    Returns ``{system index: gold index}`` for the matched pairs.
    """
    result: dict[int, int] = {}
    for sys_nodes, gold_nodes in _components(edges):
        transpose = len(sys_nodes) > len(gold_nodes)
        rows, cols = (gold_nodes, sys_nodes) if transpose else (sys_nodes, gold_nodes)
        cost = [[-edges.get((c, r) if transpose else (r, c), 0) for c in cols] for r in rows]
        for ri, ci in enumerate(_hungarian(cost)):
            s, g = (cols[ci], rows[ri]) if transpose else (rows[ri], cols[ci])
            if edges.get((s, g), 0) > 0:
                result[s] = g
    return result
