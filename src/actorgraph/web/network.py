"""What the network, timeline and map views draw, computed once on the server.

The browser gets positions and sizes ready to draw: a layout of a few thousand nodes is cheap
in networkx and would stall the page if each browser computed it again.
"""

from __future__ import annotations

import math
import random
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel
from sqlalchemy import func, select

from actorgraph.concepts import bounds, parse_bound
from actorgraph.store import Store, StoreError
from actorgraph.store.models import EventSummary, RelationSummary, StoredActor
from actorgraph.store.schema import (
    ActorRow,
    CorrectionRow,
    DocumentRow,
    EventMentionRow,
    EventRow,
    RelationMentionRow,
    RelationRow,
)
from actorgraph.store.store import _actor_ids

# Past this many nodes a force layout costs seconds: fall back to a spiral.
FORCE_LAYOUT_MAX = 1500
# Components from this many actors are laid out community by community.
COMMUNITY_LAYOUT_MIN = 60
# Reuse the previous layout while at least this share of the actors were placed in it.
REUSE_LAYOUT_SHARE = 0.7
# Components of at most this many actors are "tiny": the app folds them into a summary, and
# the frame that the app draws (``NetworkView.frame``) leaves them out.
TINY_COMPONENT = 5
# Betweenness is estimated from this many sample sources (exact below it); above
# BROKER_MAX_NODES no broker score is computed (the labels then follow the sources alone).
BROKER_SAMPLES = 300
BROKER_MAX_NODES = 5000


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
    community: int | None = None
    """the actor's community in the store's layout (0 the largest), the same whatever the filters"""
    broker: float = 0.0
    """how much of a broker the actor is in the whole store: its betweenness as a share of the
    highest (0 to 1); with ``size`` it decides which actors are named first"""


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
    undated: int = 0
    """events without a date that match every other filter: a time filter leaves them out
    unless ``undated_included``"""
    undated_included: bool = False
    confidence: dict[str, float] = {}
    """best extraction confidence of each fact, by ``event:ID`` or ``relation:ID`` (a party
    guessed from context scores lower than one named in the clause)"""
    frame: list[float] | None = None
    """``[x0, y0, x1, y1]``: the extent of the store's layout without its tiny components; the
    app draws every view in this frame, so an actor keeps its place on screen across filters"""
    time_base: list[tuple[int, str, str]] = []
    """``(id, date, type)`` of every dated event under the filters other than the time ones:
    what a timeline shows around the period asked for"""


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


def _layout(
    g: nx.Graph,
    previous: Mapping[int, tuple[float, float]] | None = None,
    community: Mapping[int, int] | None = None,
) -> dict[int, tuple[float, float]]:
    """Each connected component laid out on its own and the components packed in rows, largest
    first: one force layout of a graph of many islands flings the small ones to the rim. A
    large component is laid out community by community (``community``: actor -> community, by
    default Louvain's).

    With the ``previous`` layout of the same store (before documents were added) the actors
    it placed stay where they were and only the new ones are placed (see ``_extend``), unless
    most of the graph is new.
    """
    if g.number_of_nodes() == 0:
        return {}
    if previous:
        known = sum(1 for n in g if n in previous)
        if known >= REUSE_LAYOUT_SHARE * g.number_of_nodes():
            return _extend(g, previous)
    if g.number_of_nodes() > FORCE_LAYOUT_MAX:
        return _spiral(g)
    parts = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    row = 4 * math.sqrt(g.number_of_nodes())
    return _pack(g, parts, origin_y=0.0, row_width=row, community=community)


def _pack(
    g: nx.Graph,
    parts: list[set[int]],
    *,
    origin_y: float,
    row_width: float,
    community: Mapping[int, int] | None = None,
) -> dict[int, tuple[float, float]]:
    """Components laid out one by one and packed in rows from ``origin_y`` downwards; the
    tiny ones (``TINY_COMPONENT``) start a row of their own under the others."""
    pos: dict[int, tuple[float, float]] = {}
    x, y, row_height = 0.0, origin_y, 0.0
    tiny_row = False
    for part in parts:
        sub = g.subgraph(part)
        radius = math.sqrt(len(part)) if len(part) > 1 else 0.5
        if len(part) == 1:
            local = {next(iter(part)): (0.0, 0.0)}
        elif len(part) > FORCE_LAYOUT_MAX:
            local = {n: (radius * px, radius * py) for n, (px, py) in _spiral(sub).items()}
        elif len(part) >= COMMUNITY_LAYOUT_MIN:
            local = _community_layout(sub, community)
        else:
            raw = nx.spring_layout(sub, seed=7, weight=None, iterations=80, scale=radius)
            local = {n: (float(px), float(py)) for n, (px, py) in raw.items()}
        # The disc the component really takes (a community layout spreads wider).
        radius = max([radius, *(max(abs(px), abs(py)) + 0.5 for px, py in local.values())])
        new_row = len(part) <= TINY_COMPONENT and not tiny_row and x > 0
        tiny_row = tiny_row or len(part) <= TINY_COMPONENT
        if new_row or (x > 0 and x + 2 * radius > row_width):
            x, y, row_height = 0.0, y + row_height + 1.0, 0.0
        for n, (px, py) in local.items():
            pos[n] = (x + radius + px, -(y + radius + py))
        x += 2 * radius + 1.0
        row_height = max(row_height, 2 * radius)
    return pos


def communities_of(g: nx.Graph) -> dict[int, int]:
    """Actor -> community (Louvain, weighted by sources), numbered largest first.

    >>> communities_of(nx.Graph([(1, 2), (3, 4), (4, 5)]))
    {3: 0, 4: 0, 5: 0, 1: 1, 2: 1}
    """
    if g.number_of_nodes() == 0:
        return {}
    groups = nx.community.louvain_communities(g, weight="weight", seed=7)
    ordered = sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))
    return {n: i for i, group in enumerate(ordered) for n in group}


def broker_scores(g: nx.Graph) -> dict[int, float]:
    """Betweenness of each actor as a share of the highest (sampled on a large graph; none
    above ``BROKER_MAX_NODES``): who lies on the paths between the others."""
    n = g.number_of_nodes()
    if n < 3 or n > BROKER_MAX_NODES:
        return {}
    k = BROKER_SAMPLES if n > BROKER_SAMPLES else None
    raw = nx.betweenness_centrality(g, k=k, seed=7)
    top = max(raw.values(), default=0.0)
    return {a: round(v / top, 4) for a, v in raw.items() if v > 0} if top > 0 else {}


def _frame(pos: Mapping[int, tuple[float, float]], g: nx.Graph) -> list[float] | None:
    """The extent of the layout without its tiny components (all of it if nothing else)."""
    big = [n for c in nx.connected_components(g) if len(c) > TINY_COMPONENT for n in c]
    pts = [pos[n] for n in (big or list(g)) if n in pos]
    if not pts:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return [round(min(xs), 4), round(min(ys), 4), round(max(xs), 4), round(max(ys), 4)]


# Room per actor in a community's disc, and the gap between two communities (layout units;
# the app draws an actor 4 to 18 pixels wide, and the frame fills the screen).
COMMUNITY_SPREAD = 1.0
COMMUNITY_GAP = 1.5


def _community_layout(
    sub: nx.Graph, community: Mapping[int, int] | None = None
) -> dict[int, tuple[float, float]]:
    """A large component as its communities laid out apart: each community's members by a
    force layout in a disc sized to hold them, the discs placed where a force layout of the
    community graph (tied by the sources between them) puts them, then pushed apart until no
    two overlap and drawn together until they touch. One force layout of the whole component
    draws a hairball instead."""
    if community is not None and all(n in community for n in sub):
        by: dict[int, list[int]] = defaultdict(list)
        for n in sorted(sub):
            by[community[n]].append(n)
        groups = [by[c] for c in sorted(by)]
    else:
        found = nx.community.louvain_communities(sub, weight="weight", seed=7)
        groups = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    if len(groups) < 2:
        scale = COMMUNITY_SPREAD * math.sqrt(sub.number_of_nodes())
        raw = nx.spring_layout(sub, seed=7, weight=None, iterations=80, scale=scale)
        return {n: (float(px), float(py)) for n, (px, py) in raw.items()}
    home = {n: i for i, group in enumerate(groups) for n in group}
    between: nx.Graph = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for a, b, w in sub.edges(data="weight", default=1):
        ca, cb = home[a], home[b]
        if ca != cb:
            old = between[ca][cb]["weight"] if between.has_edge(ca, cb) else 0
            between.add_edge(ca, cb, weight=old + w)
    locals_: list[dict[int, tuple[float, float]]] = []
    radii: list[float] = []
    for group in groups:
        if len(group) == 1:
            local = {group[0]: (0.0, 0.0)}
        else:
            scale = COMMUNITY_SPREAD * math.sqrt(len(group))
            raw = nx.spring_layout(
                sub.subgraph(group), seed=7, weight=None, iterations=60, scale=scale
            )
            local = {n: (float(px), float(py)) for n, (px, py) in raw.items()}
        locals_.append(local)
        radii.append(max(math.hypot(px, py) for px, py in local.values()) + 0.8)
    start = nx.spring_layout(between, seed=7, weight="weight", iterations=150)
    total = sum(radii)
    centres = [[float(start[i][0]) * total, float(start[i][1]) * total] for i in range(len(groups))]
    _separate(centres, radii)
    out: dict[int, tuple[float, float]] = {}
    for (cx, cy), local in zip(centres, locals_, strict=True):
        for n, (px, py) in local.items():
            out[n] = (cx + px, cy + py)
    return out


def _separate(centres: list[list[float]], radii: list[float], rounds: int = 120) -> None:
    """Discs moved (in place) so that none overlaps another by more than rounding, drawn
    towards their common centre a little each round so that they end up packed."""
    n = len(centres)
    for step in range(rounds):
        if step < rounds - 20:  # the last rounds only separate
            mx = sum(c[0] for c in centres) / n
            my = sum(c[1] for c in centres) / n
            for c in centres:
                c[0] = mx + (c[0] - mx) * 0.95
                c[1] = my + (c[1] - my) * 0.95
        for i in range(n):
            for j in range(i + 1, n):
                dx = centres[j][0] - centres[i][0]
                dy = centres[j][1] - centres[i][1]
                d = math.hypot(dx, dy)
                need = radii[i] + radii[j] + COMMUNITY_GAP
                if d >= need:
                    continue
                if d < 1e-9:
                    dx, dy, d = 1.0, 0.0, 1.0
                # The smaller disc moves more: big communities stay near the middle.
                share = radii[i] / (radii[i] + radii[j])
                push = need - d
                centres[i][0] -= dx / d * push * (1 - share)
                centres[i][1] -= dy / d * push * (1 - share)
                centres[j][0] += dx / d * push * share
                centres[j][1] += dy / d * push * share


def _extend(
    g: nx.Graph, previous: Mapping[int, tuple[float, float]]
) -> dict[int, tuple[float, float]]:
    """The previous layout kept, new actors added: in a component that holds placed actors a
    new one starts beside its placed neighbours and a short force run settles it while the
    placed ones stay fixed; components of new actors only are packed below the old layout."""
    pos = {n: previous[n] for n in g if n in previous}
    if len(pos) == g.number_of_nodes():
        return pos
    fresh: list[set[int]] = []
    rng = random.Random(7)
    for part in nx.connected_components(g):
        new = [n for n in part if n not in pos]
        if not new:
            continue
        placed = [n for n in part if n in pos]
        if not placed:
            fresh.append(part)
            continue
        start: dict[int, tuple[float, float]] = {n: pos[n] for n in placed}
        cx = sum(pos[n][0] for n in placed) / len(placed)
        cy = sum(pos[n][1] for n in placed) / len(placed)
        # Breadth first from the placed actors, so that a new actor starts near its neighbours.
        for n in sorted(new, key=lambda n: -sum(1 for m in g[n] if m in pos)):
            near = [start[m] for m in g[n] if m in start] or [(cx, cy)]
            start[n] = (
                sum(p[0] for p in near) / len(near) + rng.uniform(-0.5, 0.5),
                sum(p[1] for p in near) / len(near) + rng.uniform(-0.5, 0.5),
            )
        sub = g.subgraph(part)
        if len(part) <= FORCE_LAYOUT_MAX:
            raw = nx.spring_layout(
                sub, pos=start, fixed=placed, k=1.0, iterations=30, weight=None, seed=7
            )
            for n in new:
                pos[n] = (float(raw[n][0]), float(raw[n][1]))
        else:
            pos.update({n: start[n] for n in new})
    if fresh:
        bottom = min(y for _x, y in pos.values()) if pos else 0.0
        parts = sorted(fresh, key=lambda c: (-len(c), min(c)))
        width = 4 * math.sqrt(g.number_of_nodes())
        pos.update(_pack(g, parts, origin_y=-bottom + 1.0, row_width=width))
    return pos


def _positions(
    g: nx.Graph, base: Mapping[int, tuple[float, float]]
) -> dict[int, tuple[float, float]]:
    """Each actor at its place in the store's layout; one the layout lacks (a write since it
    was made) is added beside it."""
    if all(n in base for n in g):
        return {n: base[n] for n in g}
    return _extend(g, base)


def _spiral(g: nx.Graph) -> dict[int, tuple[float, float]]:
    """Golden-angle spiral, most connected first: hubs in the middle, instant for any size."""
    order = sorted(g.nodes, key=lambda n: (-g.degree(n, weight="weight"), n))
    golden = math.pi * (3 - math.sqrt(5))
    return {
        n: (math.sqrt(i) * math.cos(i * golden), math.sqrt(i) * math.sin(i * golden))
        for i, n in enumerate(order)
    }


def _collect(
    events: list[EventSummary], relations: list[RelationSummary]
) -> tuple[dict[tuple[str, int, int], _Acc], set[int]]:
    """The ties (all facts of one kind between two actors) and every actor a fact names."""
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
    return ties, involved


def _weighted(
    ties: dict[tuple[str, int, int], _Acc], involved: set[int], actors: Container[int]
) -> nx.Graph:
    """One undirected graph, ties of both kinds summed into one weight per pair."""
    g: nx.Graph = nx.Graph()
    g.add_nodes_from(i for i in involved if i in actors)
    for (_kind, a, b), acc in ties.items():
        if a in actors and b in actors:
            w = g[a][b]["weight"] if g.has_edge(a, b) else 0
            g.add_edge(a, b, weight=w + acc.weight)
    return g


def neighbourhood(g: nx.Graph, focus: Iterable[int], hops: int) -> set[int]:
    """The focus actors and every actor within ``hops`` ties of one of them.

    >>> sorted(neighbourhood(nx.path_graph(5), [0], 2))
    [0, 1, 2]
    """
    seen = {n for n in focus if n in g}
    frontier = set(seen)
    for _ in range(max(hops, 0)):
        frontier = {m for n in frontier for m in g[n]} - seen
        if not frontier:
            break
        seen |= frontier
    return seen


def _inside(
    source: Iterable[int], target: Iterable[int], keep: set[int], focus: Sequence[int]
) -> bool:
    """A fact belongs to a neighbourhood when one of its ties lies inside it, or (a fact with
    one side only) when it names a focus actor."""
    src, tgt = set(source), set(target)
    if any(a in keep and b in keep and a != b for a in src for b in tgt):
        return True
    return not (src and tgt) and bool((src | tgt) & set(focus))


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
    include_undated: bool = False,
    min_confidence: float | None = None,
    with_relations: bool = True,
    focus: Sequence[int] | None = None,
    hops: int = 1,
    snapshot: Snapshot | None = None,
) -> NetworkView:
    """The filtered graph: events (and, unless a date or event type is asked for, relations).

    With ``focus`` (actor ids) the view is their neighbourhood: the actors within ``hops``
    ties of any of them under the same filters, and the facts among those actors.
    A time filter cannot place an undated event: those are counted in ``undated`` and kept
    only if ``include_undated``. With a ``snapshot`` of the store (see ``GraphCache``) the
    facts are filtered in memory and every actor keeps its place in the store's layout
    whatever the filters; without one the store is queried and the filtered graph is laid
    out on its own.
    """
    source: Snapshot | Store = snapshot if snapshot is not None else store
    common: dict[str, Any] = {
        "actor": actor,
        "type": type,
        "min_sources": min_sources,
        "modality": modality,
        "include_rejected": include_rejected,
    }
    events = source.events(since=since, until=until, **common)
    undated: list[EventSummary] = []
    timed = since is not None or until is not None
    base = source.events(**common) if timed else events
    if timed:
        undated = [e for e in base if e.date is None]
        if include_undated:
            events = events + undated
    # Relations are standing ties without an event type or a single date: a filter on either
    # asks about events, so relations are left out then.
    relations: list[RelationSummary] = []
    if with_relations and type is None and since is None and until is None:
        relations = source.relations(
            actor=actor,
            min_sources=min_sources,
            modality=modality,
            include_rejected=include_rejected,
        )
    if snapshot is not None:
        conf = snapshot.confidence
    else:
        conf = fact_confidence(store, [e.id for e in events], [r.id for r in relations])
    if min_confidence is not None:
        # A fact is kept when one of its mentions is at least that sure.
        events = [e for e in events if conf.get(f"event:{e.id}", 0.0) >= min_confidence]
        undated = [e for e in undated if conf.get(f"event:{e.id}", 0.0) >= min_confidence]
        base = [e for e in base if conf.get(f"event:{e.id}", 0.0) >= min_confidence]
        relations = [r for r in relations if conf.get(f"relation:{r.id}", 0.0) >= min_confidence]
    ties, involved = _collect(events, relations)
    actors = snapshot.actors if snapshot else {a.id: a for a in store.actors()}
    g = _weighted(ties, involved, actors)
    if focus:
        keep = neighbourhood(g, focus, hops)
        g = g.subgraph(keep).copy()
        ties = {k: acc for k, acc in ties.items() if k[1] in keep and k[2] in keep}
        events = [e for e in events if _inside(e.source, e.target, keep, focus)]
        base = [e for e in base if _inside(e.source, e.target, keep, focus)]
        relations = [r for r in relations if _inside([r.head], [r.tail], keep, focus)]
        involved = keep
    places = {e.place for e in events if e.place is not None}
    strength = dict(g.degree(weight="weight"))
    total = max(sum(strength.values()), 1)
    top = max(strength.values(), default=1) or 1
    if snapshot is not None:
        pos = _positions(g, snapshot.layout)
        community, broker, frame = snapshot.community, snapshot.broker, snapshot.frame
    else:
        community, broker = communities_of(g), broker_scores(g)
        pos = _layout(g, community=community)
        frame = _frame(pos, g)
    coords = snapshot.coords if snapshot else coordinates(store, set(g.nodes) | places)
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
                size=round(3 + 10 * math.sqrt(strength.get(n, 0) / top), 2),
                centrality=round(strength.get(n, 0) / total, 4),
                lat=lat,
                lon=lon,
                community=community.get(n),
                broker=broker.get(n, 0.0),
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
        undated=len(undated),
        undated_included=include_undated and bool(undated),
        confidence={
            key: conf[key]
            for key in [f"event:{e.id}" for e in events] + [f"relation:{r.id}" for r in relations]
            if key in conf
        },
        frame=frame,
        time_base=[(e.id, e.date, e.type) for e in base if e.date],
    )


# -- what the app asks for, answered from memory -----------------------------------------------


def store_revision(store: Store) -> tuple[Any, ...]:
    """Changes whenever what the views show can change: a document stored or re-extracted, a
    fact or actor added, a correction logged (merges, verdicts, renames are all logged).
    One cheap query: counts and largest ids, no scan of facts."""

    def top(column: Any) -> Any:
        return select(func.max(column)).scalar_subquery()

    q = select(
        select(func.count(DocumentRow.id)).scalar_subquery(),
        top(DocumentRow.ingested_at),
        top(CorrectionRow.id),
        top(EventRow.id),
        top(RelationRow.id),
        top(ActorRow.id),
    )
    with store._read() as s:
        return tuple(s.execute(q).one())


def fact_confidence(
    store: Store, events: Sequence[int] | None, relations: Sequence[int] | None
) -> dict[str, float]:
    """The best mention confidence of each fact, keyed ``event:ID`` / ``relation:ID``;
    ``None`` for every fact of that kind."""
    out: dict[str, float] = {}
    with store._read() as s:
        for kind, ids, fact_col, conf_col in (
            ("event", events, EventMentionRow.event_id, EventMentionRow.confidence),
            ("relation", relations, RelationMentionRow.relation_id, RelationMentionRow.confidence),
        ):
            if ids is not None and not ids:
                continue
            q = select(fact_col, func.max(conf_col)).group_by(fact_col)
            chunks = [None] if ids is None else [ids[i : i + 500] for i in range(0, len(ids), 500)]
            for chunk in chunks:
                part = q if chunk is None else q.where(fact_col.in_(list(chunk)))
                for fact_id, best in s.execute(part):
                    out[f"{kind}:{fact_id}"] = round(float(best), 3)
    return out


def _resolve(store: Store, ref: int | str | None) -> list[int] | None:
    """The actor ids a filter's reference names (as the store's own filters read it)."""
    if ref is None:
        return None
    with store._read() as s:
        return _actor_ids(s, ref)


class Snapshot:
    """Every fact of one store revision in memory, with the actors, their coordinates and the
    store's layout: the filters of ``Store.events`` and ``Store.relations`` applied in Python,
    with the same meaning (tests compare the two), so a new filter costs no query."""

    def __init__(
        self, store: Store, previous: Mapping[int, tuple[float, float]] | None = None
    ) -> None:
        self.store = store
        self.all_events = store.events(include_rejected=True)
        self.all_relations = store.relations(include_rejected=True)
        self.confidence = fact_confidence(store, None, None)
        self.actors: dict[int, StoredActor] = {a.id: a for a in store.actors()}
        self.coords = coordinates(store, set(self.actors))
        self._bounds = {e.id: bounds(e.date) for e in self.all_events}
        ties, involved = _collect(self.all_events, self.all_relations)
        whole = _weighted(ties, involved, self.actors)
        self.community = communities_of(whole)
        self.broker = broker_scores(whole)
        self.layout = _layout(whole, previous, self.community)
        self.frame = _frame(self.layout, whole)

    def events(
        self,
        actor: int | str | None = None,
        type: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        min_sources: int | None = None,
        modality: str | None = None,
        *,
        include_rejected: bool = False,
    ) -> list[EventSummary]:
        """Like ``Store.events``: oldest first, undated last; a period keeps events whose
        date overlaps it."""
        try:
            lo = parse_bound(since, upper=False) if since is not None else None
            hi = parse_bound(until, upper=True) if until is not None else None
        except ValueError as exc:
            raise StoreError(str(exc)) from exc
        ids = _resolve(self.store, actor)
        who = set(ids) if ids is not None else None
        kind = type.upper() if type is not None else None
        out = []
        for e in self.all_events:
            first, last = self._bounds[e.id]
            if (
                (who is None or who.intersection(e.source) or who.intersection(e.target))
                and (include_rejected or e.status != "rejected")
                and (kind is None or e.type == kind)
                and (lo is None or (last is not None and last >= lo))
                and (hi is None or (first is not None and first <= hi))
                and (modality is None or modality in e.modalities)
                and (min_sources is None or e.sources >= min_sources)
            ):
                out.append(e)
        out.sort(
            key=lambda e: (self._bounds[e.id][0] is None, self._bounds[e.id][0] or _NO_DAY, e.id)
        )
        return out

    def relations(
        self,
        actor: int | str | None = None,
        min_sources: int | None = None,
        modality: str | None = None,
        *,
        include_rejected: bool = False,
    ) -> list[RelationSummary]:
        """Like ``Store.relations`` (without a type: the network never asks for one)."""
        ids = _resolve(self.store, actor)
        who = set(ids) if ids is not None else None
        return [
            r
            for r in self.all_relations
            if (who is None or r.head in who or r.tail in who)
            and (include_rejected or r.status != "rejected")
            and (modality is None or modality in r.modalities)
            and (min_sources is None or r.sources >= min_sources)
        ]


_NO_DAY = date.min


class GraphCache:
    """Network views per store revision and filter, kept as ready JSON.

    Once per revision the store's facts are read into a ``Snapshot`` and laid out, starting
    from the previous layout (actors already placed stay put, see ``_layout``); a filtered
    view is then computed in memory, with no query and no layout, and nodes do not jump
    between filters. A view asked for again under the same revision is not computed again.

    >>> cache = GraphCache()  # doctest: +SKIP
    >>> body = cache.view_json(store, type="ASSAULT")  # doctest: +SKIP
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._lock = threading.Lock()  # guards the dictionaries
        self._compute = threading.Lock()  # one computation at a time: no stampede
        self._views: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._snapshot: Snapshot | None = None
        self._revision: tuple[Any, ...] | None = None
        self.computed = 0
        """views computed (not answered from memory): for the tests"""
        self.snapshots = 0
        """snapshots read from the store: for the tests"""

    def _hit(self, key: tuple[Any, ...]) -> bytes | None:
        with self._lock:
            body = self._views.get(key)
            if body is not None:
                self._views.move_to_end(key)
            return body

    def snapshot(self, store: Store, revision: tuple[Any, ...] | None = None) -> Snapshot:
        """The facts of the store's current revision (read again only after a change)."""
        revision = revision if revision is not None else store_revision(store)
        with self._compute:
            if self._snapshot is None or self._revision != revision:
                previous = self._snapshot.layout if self._snapshot else None
                self._snapshot = Snapshot(store, previous)
                self._revision = revision
                self.snapshots += 1
            return self._snapshot

    def memo(self, store: Store, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """Any other answer (a measure, a path) kept under the store's revision like views."""
        revision = store_revision(store)
        full = (revision, ("memo", *key))
        with self._lock:
            if full in self._memo:
                return self._memo[full]
        value = compute()
        with self._lock:
            for old in [k for k in self._memo if k[0] != revision]:
                del self._memo[old]
            self._memo[full] = value
            while len(self._memo) > self.size:
                self._memo.pop(next(iter(self._memo)))
        return value

    def view_json(self, store: Store, **filters: Any) -> bytes:
        """The JSON of ``network_view(store, **filters)`` on the store's snapshot."""
        revision = store_revision(store)
        key = (revision, tuple(sorted((k, str(v)) for k, v in filters.items() if v is not None)))
        body = self._hit(key)
        if body is not None:
            return body
        snap = self.snapshot(store, revision)
        body = network_view(store, snapshot=snap, **filters).model_dump_json().encode("utf-8")
        with self._lock:
            self.computed += 1
            self._views[key] = body
            # Views of older revisions are never asked for again: drop them first.
            for old in [k for k in self._views if k[0] != revision]:
                del self._views[old]
            while len(self._views) > self.size:
                self._views.popitem(last=False)
        return body
