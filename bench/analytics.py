"""Graph analytics on a synthetic graph: time and peak memory per measure.

    python bench/analytics.py [--nodes 100000] [--edges 1000000] [--pivots 8]
                              [--engine auto|networkx|networkit] [--compare] [--no-write]

The graph has planted groups (``--groups`` of equal size; 90 % of ties inside a group) and
edge weights 1-5 (independent sources), so communities and brokers have something to find.
Each measure runs in a forked child of the process that holds the graph: its time is wall
clock, its memory the child's peak resident set above what it inherited (Linux VmHWM - VmRSS
at start). Betweenness (plain and inter-group) is estimated from ``--pivots`` sampled sources:
exact betweenness is O(V*E), hours at this size. ``--engine`` picks the library's engine
(auto: networkit at this size). ``--compare`` also times other libraries on the same graph
(igraph's Louvain and Leiden, rustworkx's and networkit's PageRank, where installed), to
choose among them. Results go to docs/performance.md between the analytics markers.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.graph import analytics as an

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- analytics:begin -->", "<!-- analytics:end -->"

GRAPH: nx.Graph = nx.Graph()


def synthetic(nodes: int, edges: int, groups: int, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    size = max(1, nodes // groups)
    g: nx.Graph = nx.Graph()
    g.add_nodes_from((n, {"name": f"actor {n}", "type": "organization"}) for n in range(nodes))
    adj = g.adj
    count = 0  # g.number_of_edges() walks every node: too slow to call per tie
    while count < edges:
        u = rng.randrange(nodes)
        if rng.random() < 0.9:
            base = (u // size) * size
            v = base + rng.randrange(min(size, nodes - base))
        else:
            v = rng.randrange(nodes)
        if u != v and v not in adj[u]:
            g.add_edge(u, v, weight=min(5, 1 + int(rng.expovariate(1.5))))
            count += 1
    return g


def _kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _child(fn: Callable[[nx.Graph], Any], conn: Any) -> None:
    start = _kb("VmRSS")
    t0 = time.perf_counter()
    note = fn(GRAPH)
    seconds = time.perf_counter() - t0
    conn.send((seconds, max(0, _kb("VmHWM") - start) / 1024, str(note)))
    conn.close()


def measure(name: str, fn: Callable[[nx.Graph], Any]) -> tuple[str, float, float, str]:
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, child))
    proc.start()
    seconds, mb, note = parent.recv()
    proc.join()
    print(f"{name}: {seconds:.1f} s, +{mb:.0f} MB ({note})", flush=True)
    return name, seconds, mb, note


def run(args: argparse.Namespace) -> list[tuple[str, float, float, str]]:
    global GRAPH
    t0 = time.perf_counter()
    rss0 = _kb("VmRSS")
    GRAPH = synthetic(args.nodes, args.edges, args.groups, args.seed)
    build = ("build the graph", time.perf_counter() - t0, (_kb("VmRSS") - rss0) / 1024, "")
    print(f"built: {build[1]:.1f} s, {build[2]:.0f} MB", flush=True)
    k, seed, eng = args.pivots, args.seed, args.engine
    hub = max(GRAPH.degree, key=lambda x: x[1])[0]
    far = args.nodes - 1

    rows = [build]
    if eng != "networkx":
        # Made once per graph and kept: the first measure that needs it would pay for it.
        rows.append(
            measure_here("copy to networkit (once per graph)", lambda g: len(an._nk(g).nodes))
        )
    rows.append(measure("degree + strength", lambda g: len(dict(g.degree(weight="weight")))))
    rows.append(
        measure(
            f"betweenness, sampled (k={k})",
            lambda g: round(max(an.betweenness(g, k=k, seed=seed, engine=eng).values()), 4),
        )
    )
    rows.append(
        measure(
            "eigenvector (Lanczos on the fast engine, else power iteration)",
            lambda g: round(max(an.eigenvector(g, engine=eng).values()), 4),
        )
    )
    rows.append(
        measure(
            "communities (Louvain, seeded)",
            lambda g: f"{len(an.community_map(g, seed=seed, engine=eng))} communities",
        )
    )
    rows.append(
        measure(
            f"brokers: communities, inter-group + plain betweenness (k={k}), constraint of top 20",
            lambda g: an.brokers(g, top=20, k=k, seed=seed, engine=eng)[0].actor.name,
        )
    )
    rows.append(
        measure(
            f"centrality: degree, strength, betweenness (k={k}), eigenvector",
            lambda g: an.centrality(g, top=20, k=k, seed=seed, engine=eng)[0].actor.name,
        )
    )
    rows.append(
        measure(
            "ego network, radius 2, of the busiest actor",
            lambda g: f"{len(an.ego(g, hub, radius=2).nodes)} actors",
        )
    )
    rows.append(
        measure(
            "shortest path (fewest ties, best corroborated)",
            lambda g: f"{len(an.best_path(g, 0, far)) - 1} ties",
        )
    )
    if args.compare:
        rows += compare_libraries(seed)
    return rows


def measure_here(name: str, fn: Callable[[nx.Graph], Any]) -> tuple[str, float, float, str]:
    """Like ``measure`` but in this process, so what ``fn`` builds stays for the others."""
    rss = _kb("VmRSS")
    t0 = time.perf_counter()
    note = fn(GRAPH)
    seconds = time.perf_counter() - t0
    print(f"{name}: {seconds:.1f} s", flush=True)
    return name, seconds, max(0, _kb("VmRSS") - rss) / 1024, str(note)


def compare_libraries(seed: int) -> list[tuple[str, float, float, str]]:
    """Other libraries on the same graph (copied into each), for the choice of engine."""
    out = []
    view = an._nk(GRAPH)
    rows, cols, weights = view.edges
    n = len(view.nodes)

    def nk_pagerank(g: nx.Graph) -> str:
        import networkit as nk

        pr = nk.centrality.PageRank(an._nk(g).weight, 0.85, 1e-8)
        pr.run()
        return f"max {max(pr.scores()):.2e}"

    out.append(measure("networkit: PageRank", nk_pagerank))
    try:
        import rustworkx as rx

        def rx_pagerank(g: nx.Graph) -> str:
            t0 = time.perf_counter()
            graph = rx.PyDiGraph()
            graph.add_nodes_from(range(n))
            pairs = list(zip(rows.tolist(), cols.tolist(), weights.tolist(), strict=True))
            graph.add_edges_from(pairs + [(b, a, w) for a, b, w in pairs])
            built = time.perf_counter() - t0
            pr = rx.pagerank(graph, alpha=0.85, weight_fn=float, tol=1e-8)
            return f"max {max(pr.values()):.2e} (copy {built:.1f} s included)"

        version = getattr(rx, "__version__", "")
        out.append(measure(f"rustworkx {version}: PageRank, copy included", rx_pagerank))
    except ImportError:
        pass
    try:
        import igraph as ig

        def ig_graph() -> Any:
            return ig.Graph(
                n=n,
                edges=list(zip(rows.tolist(), cols.tolist(), strict=True)),
                edge_attrs={"weight": weights.tolist()},
            )

        def ig_louvain(g: nx.Graph) -> str:
            random.seed(seed)
            return f"{len(ig_graph().community_multilevel(weights='weight'))} communities"

        def ig_leiden(g: nx.Graph) -> str:
            random.seed(seed)
            found = ig_graph().community_leiden(
                objective_function="modularity", weights="weight", n_iterations=-1
            )
            return f"{len(found)} communities"

        out.append(measure(f"igraph {ig.__version__} (GPL): Louvain, copy included", ig_louvain))
        out.append(measure(f"igraph {ig.__version__} (GPL): Leiden, copy included", ig_leiden))
    except ImportError:
        pass
    return out


def write(rows: list[tuple[str, float, float, str]], args: argparse.Namespace) -> None:
    lines = [
        BEGIN,
        "## Graph analytics (`bench/analytics.py`)",
        "",
        f"Synthetic graph: {args.nodes:,} actors, {args.edges:,} ties in {args.groups} planted "
        "groups (90 % of ties inside a group), weights 1-5. Machine: "
        f"{platform.machine()}, {os.cpu_count()} cores shared with other work (load average "
        f"{args.load[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end), CPython "
        f"{platform.python_version()}, networkx {nx.__version__}{_nk_version()}; engine "
        f"`{args.engine}`; one process per measure (forked from the one holding the graph).",
        "",
        "| measure | seconds | peak memory above the graph (MB) | result |",
        "|---|---:|---:|---|",
    ]
    for name, seconds, mb, note in rows:
        lines.append(f"| {name} | {seconds:.1f} | {mb:,.0f} | {note} |")
    lines += [
        "",
        f"Betweenness is estimated from {args.pivots} sampled source actors (Brandes' pivots): "
        "exact betweenness costs one shortest-path search per actor, some 100,000 searches of a "
        "million ties, hours in pure Python. The library samples on its own above 5,000 actors "
        '(100 pivots); `--sample` on the CLI sets the number. The memory of "build the graph" '
        "is the graph itself. Load from other jobs on the machine inflates the times; see the "
        "load average at the time of the run.",
        END,
    ]
    block = "\n".join(lines)
    text = DOC.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    text = (
        pattern.sub(lambda _m: block, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + block + "\n"
    )
    DOC.write_text(text, encoding="utf-8")


def _nk_version() -> str:
    try:
        import networkit as nk
    except ImportError:
        return ""
    return f", networkit {nk.__version__}"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--nodes", type=int, default=100_000)
    p.add_argument("--edges", type=int, default=1_000_000)
    p.add_argument("--groups", type=int, default=100)
    p.add_argument("--pivots", type=int, default=8)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--engine", default="auto", choices=["auto", "networkx", "networkit"])
    p.add_argument("--compare", action="store_true", help="Also time other libraries.")
    p.add_argument("--no-write", action="store_true", help="Print only.")
    args = p.parse_args()
    args.load = os.getloadavg()
    rows = run(args)
    if not args.no_write:
        write(rows, args)


if __name__ == "__main__":
    main()
