"""networkx graphs from a fact set.

Two shapes: ``tie_graph`` (undirected, one edge per pair of actors, for analytics) and
``fact_graph`` (directed multigraph, one edge per fact and dyad, for exports). In both, nodes
are the actors that take part in a fact, keyed by their store id.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import product

import networkx as nx

from actorgraph.graph.models import ActorNode, FactSet

NODE_FIELDS = ("name", "type", "kb_id", "wikidata", "country", "sector", "lat", "lon")


def node_attrs(actor: ActorNode) -> dict[str, object]:
    return {k: getattr(actor, k) for k in NODE_FIELDS}


def event_dyads(source: list[int], target: list[int]) -> list[tuple[int, int]]:
    """(source, target) pairs of an event; the ids of one side name one party, so every
    pairing stands for the same dyad. A party is never paired with itself."""
    return [(s, t) for s, t in product(source, target) if s != t]


def tie_graph(facts: FactSet) -> nx.Graph:
    """One undirected edge per pair of actors linked by any fact.

    Edge attributes: ``events`` and ``relations`` (store ids), ``weight`` (independent sources
    over all those facts: distinct near-duplicate groups), ``first``/``last`` (event dates).
    """
    g: nx.Graph = nx.Graph()
    for actor_id in sorted(facts.parties()):
        g.add_node(actor_id, **node_attrs(facts.actors[actor_id]))
    group = {d.id: d.dup_group for d in facts.documents.values()}
    evs: dict[tuple[int, int], set[int]] = defaultdict(set)
    rels: dict[tuple[int, int], set[int]] = defaultdict(set)
    docs: dict[tuple[int, int], set[str]] = defaultdict(set)
    first: dict[tuple[int, int], date] = {}
    last: dict[tuple[int, int], date] = {}
    for e in facts.events:
        for s, t in event_dyads(e.source, e.target):
            key = (min(s, t), max(s, t))
            evs[key].add(e.id)
            docs[key].update(e.documents)
            if e.date_lo is not None and e.date_hi is not None:
                first[key] = min(first.get(key, e.date_lo), e.date_lo)
                last[key] = max(last.get(key, e.date_hi), e.date_hi)
    for r in facts.relations:
        if r.head == r.tail:
            continue
        key = (min(r.head, r.tail), max(r.head, r.tail))
        rels[key].add(r.id)
        docs[key].update(r.documents)
    for key in sorted(set(evs) | set(rels)):
        g.add_edge(
            *key,
            events=sorted(evs.get(key, ())),
            relations=sorted(rels.get(key, ())),
            weight=max(1, len({group.get(d, d) for d in docs[key]})),
            first=first.get(key),
            last=last.get(key),
        )
    return g


def fact_graph(facts: FactSet) -> nx.MultiDiGraph:
    """One directed edge per fact and dyad: events source -> target, relations head -> tail.

    Node keys are ``a<id>``; edge keys are ``e<id>_<source>_<target>`` and ``r<id>``, unique
    in the graph, so they can serve as XML ids in GraphML and GEXF.
    """
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for actor_id in sorted(facts.parties()):
        g.add_node(f"a{actor_id}", id=actor_id, **node_attrs(facts.actors[actor_id]))
    for e in facts.events:
        for s, t in event_dyads(e.source, e.target):
            g.add_edge(
                f"a{s}",
                f"a{t}",
                key=f"e{e.id}_{s}_{t}",
                kind="event",
                fact=e.id,
                type=e.type,
                mode=e.mode,
                cameo=e.cameo,
                goldstein=e.goldstein,
                date=e.date,
                start=e.date_lo.isoformat() if e.date_lo else None,
                end=e.date_hi.isoformat() if e.date_hi else None,
                place=e.place,
                weight=e.sources,
                documents=len(e.documents),
                mentions=e.mentions,
                modalities=e.modalities,
                disputed=e.disputed,
                status=e.status,
            )
    for r in facts.relations:
        g.add_edge(
            f"a{r.head}",
            f"a{r.tail}",
            key=f"r{r.id}",
            kind="relation",
            fact=r.id,
            type=r.type,
            date=None,
            start=r.start_lo.isoformat() if r.start_lo else None,
            end=r.end_hi.isoformat() if r.end_hi else None,
            weight=r.sources,
            documents=len(r.documents),
            mentions=r.mentions,
            modalities=r.modalities,
            disputed=r.disputed,
            status=r.status,
        )
    return g
