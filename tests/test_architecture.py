"""The package's shape: no import cycles among actorgraph's modules.

Imports are read from the source (every ``import`` statement, also those inside functions or
under ``TYPE_CHECKING``), so a cycle hidden behind a function-level import counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import actorgraph

PACKAGE = Path(actorgraph.__file__).parent

# Cycles another change is breaking up; delete the entry when it is gone.
KNOWN: set[frozenset[str]] = {
    frozenset({"actorgraph.resolve.actors", "actorgraph.resolve.roles"}),
}


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the actorgraph modules it imports (``from pkg import sub`` counts as ``sub``)."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    here = here[: len(here) - node.level + 1]
                    base = ".".join([*here, *([node.module] if node.module else [])])
                for alias in node.names:
                    if f"{base}.{alias.name}" in modules:
                        graph[name].add(f"{base}.{alias.name}")
                    elif base in modules:
                        graph[name].add(base)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(component)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [{"a", "b", "c"}]


def test_imports_of_a_submodule_are_edges_to_it() -> None:
    graph = import_graph()
    assert "actorgraph.concepts" in graph["actorgraph.store.merge"]
    assert "actorgraph.cli.store" in graph["actorgraph.cli.app"]  # from actorgraph.cli import store


def test_no_import_cycles() -> None:
    found = [c for c in cycles(import_graph()) if frozenset(c) not in KNOWN]
    assert not found, f"import cycles: {[sorted(c) for c in found]}"


def test_concepts_imports_nothing_of_actorgraph() -> None:
    # The shared vocabulary sits below every layer; it must not pull any of them in.
    assert import_graph()["actorgraph.concepts"] == set()
