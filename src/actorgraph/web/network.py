"""What the network, timeline and map views draw, computed once on the server.

The browser gets positions and sizes ready to draw: a layout of a few thousand nodes is cheap
in networkx and would stall the page if each browser computed it again.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import networkx as nx
from pydantic import BaseModel
from sqlalchemy import select

from actorgraph.store import Store
from actorgraph.store.models import EventSummary, RelationSummary, StoredActor
from actorgraph.store.schema import ActorRow

# Past this many nodes a force layout costs seconds per request: fall back to a spiral.
FORCE_LAYOUT_MAX = 1500


class Node(BaseModel):
    id: int
    label: str
    type: str
    country: str | None
    kb_id: str | None
    x: float
    y: float
    size: float
    centrality: float
    """weighted degree centrality: share of the independent sources of all ties it takes part in"""
    lat: float | None = None
    lon: float | None = None


class Tie(BaseModel):
    """All facts of one kind between two actors, drawn as one edge."""

    id: str
    source: int
    target: int
    kind: Literal["event", "relation"]
    types: list[str]
    facts: list[int]
    weight: int
    """independent sources summed over the facts"""
    disputed: bool


@dataclass
class _Acc:
    ends: tuple[int, int]
    facts: list[int] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    weight: int = 0
    disputed: bool = False


class Place(BaseModel):
    id: int
    name: str
    lat: float
    lon: float
    events: list[int]


class NetworkView(BaseModel):
    nodes: list[Node]
    edges: list[Tie]
    events: list[EventSummary]
    relations: list[RelationSummary]
    places: list[Place]
    names: dict[int, str]


def coordinates(store: Store, ids: set[int]) -> dict[int, tuple[float, float]]:
    """(lat, lon) of the actors that have them (places from the knowledge base)."""
    if not ids:
        return {}
    out: dict[int, tuple[float, float]] = {}
    with store._read() as s:
        q = select(ActorRow.id, ActorRow.lat, ActorRow.lon).where(
            ActorRow.lat.is_not(None), ActorRow.lon.is_not(None)
        )
        for actor_id, lat, lon in s.execute(q):
            if actor_id in ids:
                out[actor_id] = (float(lat), float(lon))
    return out


def _layout(g: nx.Graph) -> dict[int, tuple[float, float]]:
    """Each connected component laid out on its own and the components packed in rows, largest
    first: one force layout of a graph of many islands flings the small ones to the rim."""
    if g.number_of_nodes() == 0:
        return {}
    if g.number_of_nodes() > FORCE_LAYOUT_MAX:
        return _spiral(g)
    parts = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    pos: dict[int, tuple[float, float]] = {}
    row_width = 4 * math.sqrt(g.number_of_nodes())
    x = y = row_height = 0.0
    for part in parts:
        sub = g.subgraph(part)
        radius = math.sqrt(len(part)) if len(part) > 1 else 0.5
        if len(part) == 1:
            local = {next(iter(part)): (0.0, 0.0)}
        else:
            raw = nx.spring_layout(sub, seed=7, weight=None, iterations=80, scale=radius)
            local = {n: (float(px), float(py)) for n, (px, py) in raw.items()}
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height + 1.0, 0.0
        for n, (px, py) in local.items():
            pos[n] = (x + radius + px, -(y + radius + py))
        x += 2 * radius + 1.0
        row_height = max(row_height, 2 * radius)
    return pos


def _spiral(g: nx.Graph) -> dict[int, tuple[float, float]]:
    """Golden-angle spiral, most connected first: hubs in the middle, instant for any size."""
    order = sorted(g.nodes, key=lambda n: (-g.degree(n, weight="weight"), n))
    golden = math.pi * (3 - math.sqrt(5))
    return {
        n: (math.sqrt(i) * math.cos(i * golden), math.sqrt(i) * math.sin(i * golden))
        for i, n in enumerate(order)
    }


def network_view(
    store: Store,
    *,
    actor: int | str | None = None,
    type: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    min_sources: int | None = None,
    modality: str | None = None,
    include_rejected: bool = False,
    with_relations: bool = True,
) -> NetworkView:
    """The filtered graph: events (and, unless a date or event type is asked for, relations)."""
    events = store.events(
        actor=actor,
        type=type,
        since=since,
        until=until,
        min_sources=min_sources,
        modality=modality,
        include_rejected=include_rejected,
    )
    # Relations are standing ties without an event type or a single date: a filter on either
    # asks about events, so relations are left out then.
    relations: list[RelationSummary] = []
    if with_relations and type is None and since is None and until is None:
        relations = store.relations(
            actor=actor,
            min_sources=min_sources,
            modality=modality,
            include_rejected=include_rejected,
        )
    ties: dict[tuple[str, int, int], _Acc] = {}

    def tie(kind: str, a: int, b: int, fact: int, ftype: str, weight: int, disputed: bool) -> None:
        if a == b:
            return
        lo, hi = sorted((a, b))
        acc = ties.setdefault((kind, lo, hi), _Acc(ends=(a, b)))
        acc.facts.append(fact)
        acc.types.add(ftype)
        acc.weight += weight
        acc.disputed = acc.disputed or disputed

    involved: set[int] = set()
    for e in events:
        involved.update(e.source, e.target)
        for s in e.source:
            for t in e.target:
                tie("event", s, t, e.id, e.type, max(e.sources, 1), e.disputed)
    for r in relations:
        involved.update((r.head, r.tail))
        tie("relation", r.head, r.tail, r.id, r.type, max(r.sources, 1), r.disputed)
    places = {e.place for e in events if e.place is not None}

    actors: dict[int, StoredActor] = {a.id: a for a in store.actors()}
    g: nx.Graph = nx.Graph()
    g.add_nodes_from(i for i in involved if i in actors)
    for (_kind, a, b), acc in ties.items():
        if a in actors and b in actors:
            w = g[a][b]["weight"] if g.has_edge(a, b) else 0
            g.add_edge(a, b, weight=w + acc.weight)
    strength = dict(g.degree(weight="weight"))
    total = max(sum(strength.values()), 1)
    top = max(strength.values(), default=1) or 1
    pos = _layout(g)
    coords = coordinates(store, set(g.nodes) | places)
    nodes = []
    for n in sorted(g.nodes):
        who = actors[n]
        lat, lon = coords.get(n, (None, None))
        nodes.append(
            Node(
                id=n,
                label=who.name,
                type=who.type,
                country=who.country,
                kb_id=who.kb_id,
                x=round(pos[n][0], 4),
                y=round(pos[n][1], 4),
                size=round(4 + 14 * math.sqrt(strength.get(n, 0) / top), 2),
                centrality=round(strength.get(n, 0) / total, 4),
                lat=lat,
                lon=lon,
            )
        )
    edges = [
        Tie(
            id=f"{kind}:{a}-{b}",
            source=acc.ends[0],
            target=acc.ends[1],
            kind="event" if kind == "event" else "relation",
            types=sorted(acc.types),
            facts=sorted(acc.facts),
            weight=acc.weight,
            disputed=acc.disputed,
        )
        for (kind, a, b), acc in sorted(ties.items())
        if a in actors and b in actors
    ]
    by_place: dict[int, list[int]] = defaultdict(list)
    for e in events:
        if e.place is not None:
            by_place[e.place].append(e.id)
    place_list = [
        Place(id=p, name=actors[p].name, lat=coords[p][0], lon=coords[p][1], events=ids)
        for p, ids in sorted(by_place.items())
        if p in coords and p in actors
    ]
    named = involved | places
    return NetworkView(
        nodes=nodes,
        edges=edges,
        events=events,
        relations=relations,
        places=place_list,
        names={i: actors[i].name for i in sorted(named) if i in actors},
    )
