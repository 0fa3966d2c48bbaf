"""Analytics on the tie graph: centrality, brokerage, communities, ego networks, paths, snapshots.

Every function takes an undirected ``nx.Graph`` whose edges carry ``weight`` (independent
sources) as built by ``actorgraph.graph.build.tie_graph``, so the benchmark can feed it a
synthetic graph of the same shape. Random algorithms take a ``seed``; ties in every ranking are
broken by name and id, so the same graph gives the same answer.

Engines: networkx (pure Python) is the reference and answers on small graphs; from
``FAST_MIN_EDGES`` ties on, betweenness, communities, eigenvector and brokers run on networkit
(C++, MIT licence) over a copy of the graph made once per graph. ``engine=`` on each function
forces one; exact betweenness and inter-group betweenness agree between the two, Louvain
finds the same communities where they are clear (see docs/performance.md).
"""

from __future__ import annotations

import random
import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import islice, pairwise
from typing import Any, Literal

import networkx as nx
import numpy as np

from actorgraph.errors import ActorgraphError
from actorgraph.graph.build import event_dyads
from actorgraph.graph.models import (
    ActorRef,
    BrokerRow,
    CentralityRow,
    Community,
    EdgeOut,
    EgoNetwork,
    FactSet,
    PathResult,
    PathStep,
    Period,
    Snapshot,
    Tie,
)
from actorgraph.store import Store

DEFAULT_SEED = 42
Engine = Literal["auto", "networkx", "networkit"]
# From this many ties on, "auto" uses networkit: below it networkx answers in about a second.
FAST_MIN_EDGES = 20_000
# Above this many nodes, betweenness is estimated from a sample of source nodes (Brandes'
# pivots): exact betweenness is O(V*E) and takes hours on a graph of a million edges.
EXACT_BETWEENNESS_MAX = 5000
SAMPLE_PIVOTS = 100


class GraphError(ActorgraphError):
    """A graph question that cannot be answered: unknown actor, no path, empty graph."""

    exit_code = 5


@dataclass
class _NkView:
    """A networkit copy of an nx graph: node ``i`` there is ``nodes[i]`` here."""

    nodes: list[int]
    index: dict[int, int]
    weight: Any  # networkit.Graph, edge weight = independent sources
    distance: Any  # networkit.Graph, edge weight = 1 / sources (shortest = best corroborated)
    key: tuple[int, int]
    edges: tuple[np.ndarray, np.ndarray, np.ndarray]  # (row, column, weight) of each tie


_NK_VIEWS: weakref.WeakKeyDictionary[nx.Graph, _NkView] = weakref.WeakKeyDictionary()


def _engine(g: nx.Graph, engine: Engine) -> str:
    if engine == "networkx":
        return engine
    try:
        import networkit  # noqa: F401
    except ImportError:
        if engine == "networkit":
            raise GraphError(
                "the networkit engine is not installed; pip install networkit, or use networkx"
            ) from None
        return "networkx"
    if engine == "networkit" or g.number_of_edges() >= FAST_MIN_EDGES:
        return "networkit"
    return "networkx"


def _nk(g: nx.Graph) -> _NkView:
    """The networkit copy of ``g``, made once (again if ``g`` gained or lost nodes or ties)."""
    import networkit as nk

    key = (g.number_of_nodes(), g.number_of_edges())
    view = _NK_VIEWS.get(g)
    if view is not None and view.key == key:
        return view
    nodes = list(g)
    index = {n: i for i, n in enumerate(nodes)}
    # Straight from the adjacency dicts, each tie once (from its lower end): g.edges() with
    # data builds a tuple per tie and takes four times as long at a million ties.
    row: list[int] = []
    col: list[int] = []
    weight: list[float] = []
    add_row, add_col, add_weight = row.append, col.append, weight.append
    for u, nbrs in g.adj.items():
        iu = index[u]
        for v, d in nbrs.items():
            iv = index[v]
            if iu < iv:
                add_row(iu)
                add_col(iv)
                add_weight(d.get("weight", 1))
    rows = np.array(row, dtype=np.int64)
    cols = np.array(col, dtype=np.int64)
    weights = np.maximum(np.array(weight, dtype=np.float64), 1.0)
    n = len(nodes)
    view = _NkView(
        nodes=nodes,
        index=index,
        weight=nk.GraphFromCoo((weights, (rows, cols)), n=n, weighted=True, directed=False),
        distance=nk.GraphFromCoo((1.0 / weights, (rows, cols)), n=n, weighted=True, directed=False),
        key=key,
        edges=(rows, cols, weights),
    )
    _NK_VIEWS[g] = view
    return view


def ref(g: nx.Graph, node: int) -> ActorRef:
    data = g.nodes[node]
    return ActorRef(id=node, name=str(data.get("name", node)), type=data.get("type"))


def _order(g: nx.Graph, node: int) -> tuple[str, int]:
    return (str(g.nodes[node].get("name", "")).casefold(), node)


def _distance(g: nx.Graph) -> None:
    # Better-corroborated ties are shorter: betweenness counts paths over strong ties first.
    for _u, _v, d in g.edges(data=True):
        d["distance"] = 1.0 / max(1, d.get("weight", 1))


def betweenness(
    g: nx.Graph, k: int | None = None, seed: int = DEFAULT_SEED, *, engine: Engine = "auto"
) -> dict[int, float]:
    """Weighted betweenness; sampled with ``k`` pivots when given or when the graph is large.

    Example: ``max(betweenness(g).items(), key=lambda kv: kv[1])`` -> the top broker's id.
    """
    if k is None and g.number_of_nodes() > EXACT_BETWEENNESS_MAX:
        k = SAMPLE_PIVOTS
    if k is not None and k >= g.number_of_nodes():
        k = None
    if _engine(g, engine) == "networkit":
        import networkit as nk

        view = _nk(g)
        nk.setSeed(seed, False)
        algo = (
            nk.centrality.Betweenness(view.distance, normalized=True)
            if k is None
            else nk.centrality.EstimateBetweenness(view.distance, k, True, True)
        )
        algo.run()
        return dict(zip(view.nodes, (float(x) for x in algo.scores()), strict=True))
    _distance(g)
    return nx.betweenness_centrality(g, k=k, weight="distance", seed=seed)


def eigenvector(
    g: nx.Graph, *, max_iter: int = 5000, tol: float = 1e-6, engine: Engine = "auto"
) -> dict[int, float]:
    """Weighted eigenvector centrality by power iteration on A + I (networkx's method and
    stopping rule), vectorised with numpy: networkx's pure-Python loop takes minutes per
    hundred thousand ties on graphs with communities, whose small spectral gap needs many
    iterations. On the fast engine, the leading eigenvector from a Lanczos solver (the same
    vector, reached in far fewer products on such graphs)."""
    nodes = list(g)
    if g.number_of_edges() == 0:
        return dict.fromkeys(nodes, 0.0)
    if _engine(g, engine) == "networkit" and len(nodes) > 2:
        return _eigenvector_lanczos(g, tol)
    index = {n: i for i, n in enumerate(nodes)}
    size = len(nodes)
    edges = [(index[u], index[v], float(w)) for u, v, w in g.edges(data="weight", default=1)]
    rows = np.fromiter((e[0] for e in edges), dtype=np.int64, count=len(edges))
    cols = np.fromiter((e[1] for e in edges), dtype=np.int64, count=len(edges))
    weights = np.fromiter((e[2] for e in edges), dtype=np.float64, count=len(edges))
    x = np.full(size, 1.0 / size)
    for _ in range(max_iter):
        y = np.asarray(
            x
            + np.bincount(rows, weights=weights * x[cols], minlength=size)
            + np.bincount(cols, weights=weights * x[rows], minlength=size),
            dtype=np.float64,
        )
        y = y / (float(np.linalg.norm(y)) or 1.0)
        if float(np.abs(y - x).sum()) < size * tol:
            return {n: float(y[i]) for n, i in index.items()}
        x = y
    raise GraphError(f"eigenvector centrality did not converge in {max_iter} iterations")


def _eigenvector_lanczos(g: nx.Graph, tol: float) -> dict[int, float]:
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import ArpackNoConvergence, eigsh

    view = _nk(g)
    n = len(view.nodes)
    rows, cols, weights = view.edges
    a = coo_matrix(
        (
            np.concatenate([weights, weights]),
            (np.concatenate([rows, cols]), np.concatenate([cols, rows])),
        ),
        shape=(n, n),
    ).tocsr()
    try:
        # Seeded start: the answer must not depend on the run.
        _, vec = eigsh(a, k=1, which="LA", tol=tol / 10, v0=np.full(n, 1.0 / n))
    except ArpackNoConvergence:
        raise GraphError("eigenvector centrality did not converge") from None
    x = vec[:, 0]
    x = x if x.sum() >= 0 else -x
    x = np.clip(x, 0.0, None)
    x = x / (float(np.linalg.norm(x)) or 1.0)
    return {node: float(x[i]) for i, node in enumerate(view.nodes)}


def centrality(
    g: nx.Graph,
    *,
    top: int | None = None,
    k: int | None = None,
    seed: int = DEFAULT_SEED,
    engine: Engine = "auto",
) -> list[CentralityRow]:
    """Degree, strength, betweenness and eigenvector centrality, highest betweenness first."""
    if g.number_of_nodes() == 0:
        return []
    n_nodes = g.number_of_nodes()
    btw = betweenness(g, k=k, seed=seed, engine=engine)
    eig = eigenvector(g, engine=engine)
    degree = dict(g.degree())
    strength = dict(g.degree(weight="weight"))
    scale = 1.0 / (n_nodes - 1) if n_nodes > 1 else 0.0
    # Ranked on plain tuples, rows built for the top only: a row per actor of a big graph
    # would cost more than the measures themselves.
    keys = {n: (round(btw[n], 6), float(strength[n]), round(eig[n], 6), _order(g, n)) for n in g}
    ranked = sorted(g, key=lambda n: (-keys[n][0], -keys[n][1], -keys[n][2], keys[n][3]))
    return [
        CentralityRow(
            actor=ref(g, n),
            degree=degree[n],
            strength=keys[n][1],
            degree_centrality=round(degree[n] * scale, 6),
            betweenness=keys[n][0],
            eigenvector=keys[n][2],
        )
        for n in (ranked[:top] if top else ranked)
    ]


def community_map(
    g: nx.Graph, *, seed: int = DEFAULT_SEED, resolution: float = 1.0, engine: Engine = "auto"
) -> list[list[int]]:
    """Louvain communities (weighted, seeded), largest first, members by name."""
    if g.number_of_nodes() == 0:
        return []
    if _engine(g, engine) == "networkit":
        found: list[Any] = _louvain_networkit(g, seed, resolution)
    else:
        found = nx.community.louvain_communities(
            g, weight="weight", resolution=resolution, seed=seed
        )
    groups = [sorted(c, key=lambda n: _order(g, n)) for c in found]
    groups.sort(key=lambda c: (-len(c), _order(g, c[0])))
    return groups


def _louvain_networkit(g: nx.Graph, seed: int, resolution: float) -> list[list[int]]:
    """networkit's PLM (Louvain with refinement), on one thread: with several its result
    depends on their timing, and the same graph must give the same communities."""
    import networkit as nk

    view = _nk(g)
    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)
    try:
        nk.setSeed(seed, False)
        plm = nk.community.PLM(view.weight, True, resolution)
        plm.run()
        part = plm.getPartition().getVector()
    finally:
        nk.setNumberOfThreads(threads)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(part):
        groups[c].append(view.nodes[i])
    return list(groups.values())


def communities(
    g: nx.Graph, *, seed: int = DEFAULT_SEED, resolution: float = 1.0, engine: Engine = "auto"
) -> list[Community]:
    groups = community_map(g, seed=seed, resolution=resolution, engine=engine)
    member = {n: i for i, c in enumerate(groups) for n in c}
    internal = [0] * len(groups)
    external = [0] * len(groups)
    for u, v in g.edges():
        if member[u] == member[v]:
            internal[member[u]] += 1
        else:
            external[member[u]] += 1
            external[member[v]] += 1
    return [
        Community(
            id=i,
            size=len(c),
            members=[ref(g, n) for n in c],
            internal_edges=internal[i],
            external_edges=external[i],
        )
        for i, c in enumerate(groups)
    ]


def groups_reached(g: nx.Graph, member: dict[int, int]) -> dict[int, int]:
    """Per node: how many communities other than its own its neighbours belong to."""
    return {n: len({member[m] for m in g.adj[n]} - {member[n]}) for n in g}


def intergroup_betweenness(
    g: nx.Graph,
    member: dict[int, int],
    *,
    k: int | None = None,
    seed: int = DEFAULT_SEED,
    engine: Engine = "auto",
) -> dict[int, float]:
    """Betweenness over pairs of actors in different communities only: the share of the
    shortest paths between groups that run through each actor (0 to 1).

    Every node is a path source once (as in Brandes' algorithm), so the cost is that of plain
    betweenness; with ``k`` only ``k`` sampled sources are used and the result is scaled up.
    """
    fast = _engine(g, engine) == "networkit"
    if not fast:
        _distance(g)
    nodes = sorted(g, key=lambda n: _order(g, n))
    if k is None and len(nodes) > EXACT_BETWEENNESS_MAX:
        k = SAMPLE_PIVOTS
    sources = set(nodes)
    if k is not None and k < len(nodes):
        sources = set(random.Random(seed).sample(nodes, k))
    groups: dict[int, list[int]] = defaultdict(list)
    for n in nodes:
        groups[member[n]].append(n)
    total: dict[int, float] = dict.fromkeys(nodes, 0.0)
    if fast:
        total = _intergroup_networkit(g, member, [n for n in nodes if n in sources])
    for group, inside in sorted(groups.items()):
        src = [n for n in inside if n in sources]
        if not src or fast:
            continue
        outside = [n for n in nodes if member[n] != group]
        part = nx.betweenness_centrality_subset(
            g, sources=src, targets=outside, normalized=False, weight="distance"
        )
        for n, value in part.items():
            total[n] += value
    size = len(nodes)
    pairs = (size * size - sum(len(c) ** 2 for c in groups.values())) / 2
    scale = (size / len(sources)) / pairs if pairs and sources else 0.0
    return {n: total[n] * scale for n in nodes}


def _intergroup_networkit(
    g: nx.Graph, member: dict[int, int], sources: list[int]
) -> dict[int, float]:
    """Brandes' accumulation from each source, counting only targets outside its group (what
    ``nx.betweenness_centrality_subset`` does per group): shortest paths from networkit's
    Dijkstra, the sums here. Halved, as networkx does for undirected graphs."""
    import networkit as nk

    view = _nk(g)
    n = len(view.nodes)
    group = [member[x] for x in view.nodes]
    total = [0.0] * n
    for source in sources:
        s = view.index[source]
        search = nk.distance.Dijkstra(view.distance, s, True, True)
        search.run()
        order = search.getNodesSortedByDistance()
        preds = [search.getPredecessors(w) for w in order]
        sigma = [0.0] * n
        sigma[s] = 1.0
        for w, p in zip(order, preds, strict=True):
            # Most nodes have one shortest-path predecessor: spare them the generator.
            if len(p) == 1:
                sigma[w] = sigma[p[0]]
            elif p:
                sigma[w] = sum([sigma[v] for v in p])
        delta = [0.0] * n
        mine = group[s]
        for w, p in zip(reversed(order), reversed(preds), strict=True):
            dw = delta[w]
            coeff = ((group[w] != mine) + dw) / sigma[w]
            for v in p:
                delta[v] += sigma[v] * coeff
            total[w] += dw
        total[s] -= delta[s]  # the source is no intermediate of its own paths
    return {view.nodes[i]: 0.5 * t for i, t in enumerate(total)}


def structural_holes(
    g: nx.Graph, nodes: Iterable[int]
) -> tuple[dict[int, float], dict[int, float]]:
    """Burt's constraint and effective size of ``nodes``, weighted, as networkx defines them
    for an undirected graph without self-ties, with each sum walked once over the
    neighbours' ties: networkx's per-pair calls take minutes for well-connected actors."""
    adj = g.adj
    strength: dict[int, float] = {}
    heaviest: dict[int, float] = {}

    def tie(u: int, v: int) -> float:
        return float(adj[u][v].get("weight", 1))

    def totals(u: int) -> tuple[float, float]:
        if u not in strength:
            ws = [tie(u, x) for x in adj[u] if x != u]
            strength[u], heaviest[u] = sum(ws), max(ws, default=0.0)
        return strength[u], heaviest[u]

    constraint: dict[int, float] = {}
    effective: dict[int, float] = {}
    for v in nodes:
        near = [x for x in adj[v] if x != v]
        if not near:
            constraint[v] = effective[v] = float("nan")
            continue
        sv = totals(v)[0]
        p = {x: tie(v, x) / sv for x in near}
        indirect = dict.fromkeys(near, 0.0)  # sum over w of p(v,w) * p(w,x)
        redundant = dict.fromkeys(near, 0.0)  # sum over w of p(v,w) * m(x,w)
        for w in near:
            sw, mw = totals(w)
            for x in adj[w]:
                if x in p and x != w:
                    t = tie(w, x)
                    indirect[x] += p[w] * t / sw
                    redundant[w] += p[x] * t / mw
        constraint[v] = sum((p[x] + indirect[x]) ** 2 for x in near)
        effective[v] = sum(1 - redundant[x] for x in near)
    return constraint, effective


def brokers(
    g: nx.Graph,
    *,
    top: int | None = 20,
    seed: int = DEFAULT_SEED,
    k: int | None = None,
    resolution: float = 1.0,
    engine: Engine = "auto",
) -> list[BrokerRow]:
    """Who connects otherwise unconnected groups (see docs/graph-and-exports.md).

    Groups are Louvain communities; the score is inter-group betweenness (the share of the
    shortest paths between actors of different groups that pass through the actor). Plain
    betweenness breaks ties; Burt's constraint and effective size are given for the ranked
    actors (low constraint and high effective size mark a broker).
    """
    if g.number_of_nodes() == 0:
        return []
    groups = community_map(g, seed=seed, resolution=resolution, engine=engine)
    member = {n: i for i, c in enumerate(groups) for n in c}
    score = intergroup_betweenness(g, member, k=k, seed=seed, engine=engine)
    reached = groups_reached(g, member)
    btw = betweenness(g, k=k, seed=seed, engine=engine)
    ranked = sorted(g, key=lambda n: (-round(score[n], 9), -btw[n], _order(g, n)))
    if top:
        ranked = ranked[:top]
    if engine != "networkx":  # the same values, walked once (networkx's take seconds)
        constraint, effective = structural_holes(g, ranked)
    else:
        constraint = nx.constraint(g, nodes=ranked, weight="weight")
        effective = nx.effective_size(g, nodes=ranked, weight="weight")

    def num(x: float) -> float | None:
        return None if x != x else round(x, 6)  # NaN for isolates

    return [
        BrokerRow(
            actor=ref(g, n),
            community=member[n],
            score=round(score[n], 6),
            communities_reached=reached[n],
            betweenness=round(btw[n], 6),
            constraint=num(constraint[n]),
            effective_size=num(effective[n]),
        )
        for n in ranked
    ]


def _edge_out(g: nx.Graph, u: int, v: int) -> EdgeOut:
    d = g.edges[u, v]
    a, b = min(u, v), max(u, v)
    return EdgeOut(
        a=a,
        b=b,
        weight=d.get("weight", 1),
        events=d.get("events", []),
        relations=d.get("relations", []),
    )


def ego(g: nx.Graph, center: int, *, radius: int = 1) -> EgoNetwork:
    """The actors within ``radius`` ties of ``center`` and the ties among them."""
    if center not in g:
        raise GraphError(f"actor {center} takes part in no fact of this graph")
    sub = nx.ego_graph(g, center, radius=radius)
    nodes = sorted(sub, key=lambda n: (n != center, _order(g, n)))
    edges = sorted((_edge_out(g, u, v) for u, v in sub.edges()), key=lambda e: (e.a, e.b))
    return EgoNetwork(
        center=ref(g, center), radius=radius, nodes=[ref(g, n) for n in nodes], edges=edges
    )


def best_path(g: nx.Graph, a: int, b: int, *, candidates: int = 500) -> list[int]:
    """A shortest path (fewest ties) from ``a`` to ``b``; among equally short ones, the best
    corroborated (least total 1/weight), then the first by names."""
    for n in (a, b):
        if n not in g:
            raise GraphError(f"actor {n} takes part in no fact of this graph")
    if a == b:
        raise GraphError("the two actors are the same")
    try:
        paths = list(islice(nx.all_shortest_paths(g, a, b), candidates))
    except nx.NetworkXNoPath:
        raise GraphError(
            f"no path between {g.nodes[a].get('name', a)} and {g.nodes[b].get('name', b)} "
            "in this graph"
        ) from None

    def cost(p: list[int]) -> tuple[float, list[tuple[str, int]]]:
        weak = sum(1.0 / max(1, g.edges[u, v].get("weight", 1)) for u, v in pairwise(p))
        return (round(weak, 9), [_order(g, n) for n in p])

    return min(paths, key=cost)


def path(
    g: nx.Graph, a: int, b: int, *, store: Store | None = None, evidence_per_fact: int = 3
) -> PathResult:
    """How two actors are connected, each link with its facts and (given a store) the passages
    that report them."""
    nodes = best_path(g, a, b)
    steps = []
    for u, v in pairwise(nodes):
        d = g.edges[u, v]
        found = []
        if store is not None:
            for kind, ids in (("event", d.get("events", [])), ("relation", d.get("relations", []))):
                for fact_id in ids:
                    found.extend(store.evidence(kind, fact_id)[:evidence_per_fact])
        steps.append(
            PathStep(
                a=ref(g, u),
                b=ref(g, v),
                weight=d.get("weight", 1),
                events=d.get("events", []),
                relations=d.get("relations", []),
                evidence=found,
            )
        )
    return PathResult(source=ref(g, a), target=ref(g, b), hops=len(steps), steps=steps)


def period_key(day: date, period: Period) -> str:
    return f"{day.year:04d}" if period == "year" else f"{day.year:04d}-{day.month:02d}"


def _periods(first: str, last: str, period: Period) -> list[str]:
    if period == "year":
        return [f"{y:04d}" for y in range(int(first), int(last) + 1)]
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def snapshots(facts: FactSet, g: nx.Graph, *, period: Period = "year") -> list[Snapshot]:
    """The tie graph period by period: the ties of the events dated in each period (by the
    first day the date can mean), and which ties appear and vanish against the period before.

    Standing relations are left out: most carry no dates, so they would sit in every period.
    """
    ties: dict[str, dict[tuple[int, int], set[str]]] = defaultdict(lambda: defaultdict(set))
    group = {d.id: d.dup_group for d in facts.documents.values()}
    for e in facts.events:
        if e.date_lo is None:
            continue
        key = period_key(e.date_lo, period)
        for s, t in event_dyads(e.source, e.target):
            ties[key][(min(s, t), max(s, t))].update(group.get(d, d) for d in e.documents)
    if not ties:
        return []
    keys = sorted(ties)
    out = []
    before: dict[tuple[int, int], set[str]] = {}

    def tie(pair: tuple[int, int], groups: Iterable[str]) -> Tie:
        return Tie(a=ref(g, pair[0]), b=ref(g, pair[1]), weight=max(1, len(set(groups))))

    def by_name(pair: tuple[int, int]) -> tuple[tuple[str, int], tuple[str, int]]:
        return (_order(g, pair[0]), _order(g, pair[1]))

    for key in _periods(keys[0], keys[-1], period):
        now = ties.get(key, {})
        appeared = sorted(set(now) - set(before), key=by_name)
        vanished = sorted(set(before) - set(now), key=by_name)
        out.append(
            Snapshot(
                period=key,
                nodes=len({n for pair in now for n in pair}),
                edges=len(now),
                appeared=[tie(p, now[p]) for p in appeared],
                vanished=[tie(p, before[p]) for p in vanished],
                kept=len(set(now) & set(before)),
            )
        )
        before = dict(now)
    return out
