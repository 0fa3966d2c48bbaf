"""Issue 15 item 15 on the server: communities laid out apart, tiny components outside the
drawn frame, the communities, brokers and the timeline's base in every view."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
from fastapi.testclient import TestClient
from web_helpers import actor_id

from actorgraph.web.network import (
    COMMUNITY_GAP,
    TINY_COMPONENT,
    _frame,
    _layout,
    broker_scores,
    communities_of,
)


def _planted(groups: int, size: int, seed: int = 3) -> nx.Graph:
    """Dense invented groups with a few ties between them, and tiny islands beside them."""
    rng = random.Random(seed)
    g: nx.Graph = nx.Graph()
    for k in range(groups):
        members = range(k * size, (k + 1) * size)
        for a, b in itertools.combinations(members, 2):
            if rng.random() < 0.25:
                g.add_edge(a, b, weight=rng.randint(1, 3))
        # A hub per group, tied to the next group's hub: one component.
        g.add_edge(k * size, ((k + 1) % groups) * size, weight=1)
    base = groups * size
    g.add_edge(base, base + 1, weight=1)  # a pair
    g.add_node(base + 2)  # a lone actor
    g.add_edges_from([(base + 3, base + 4), (base + 4, base + 5)], weight=1)  # three
    return g


def test_communities_are_laid_out_apart() -> None:
    g = _planted(groups=6, size=25)
    community = communities_of(g)
    pos = _layout(g, community=community)
    big = max(nx.connected_components(g), key=len)
    assert len({community[n] for n in big}) >= 4
    # No actor of one community lies inside another's disc: any two actors of different
    # communities are further apart than the gap between two discs.
    closest = min(
        math.dist(pos[a], pos[b])
        for a, b in itertools.combinations(big, 2)
        if community[a] != community[b]
    )
    assert closest >= COMMUNITY_GAP, closest
    # The members of a community stay together: nearer their own centre than any other's.
    centre = {
        c: tuple(sum(pos[n][i] for n in big if community[n] == c) / len(ms) for i in (0, 1))
        for c in {community[n] for n in big}
        for ms in [[n for n in big if community[n] == c]]
    }
    for n in big:
        own = math.dist(pos[n], centre[community[n]])
        assert all(own <= math.dist(pos[n], centre[c]) for c in centre), n


def test_the_frame_leaves_tiny_components_out() -> None:
    g = _planted(groups=3, size=25)
    pos = _layout(g, community=communities_of(g))
    x0, y0, x1, y1 = _frame(pos, g) or [0.0, 0.0, 0.0, 0.0]
    for part in nx.connected_components(g):
        for n in part:
            x, y = pos[n]
            inside = x0 - 1e-3 <= x <= x1 + 1e-3 and y0 - 1e-3 <= y <= y1 + 1e-3  # rounded
            # Tiny components are packed on a row of their own, under the frame.
            assert inside == (len(part) > TINY_COMPONENT), (n, len(part), pos[n])


def test_the_bridge_is_the_first_broker() -> None:
    # Two triangles joined through one actor: it is on every path between them.
    g = nx.Graph([(1, 2), (2, 3), (1, 3), (3, 9), (9, 4), (4, 5), (5, 6), (4, 6)])
    scores = broker_scores(g)
    assert scores[9] == 1.0
    assert max(v for n, v in scores.items() if n != 9) <= 1.0
    assert 1 not in scores  # on no shortest path between two others


def test_views_carry_communities_brokers_frame_and_time_base(client: TestClient) -> None:
    whole = client.get("/api/graph").json()
    rdf = actor_id(client, "Red Dawn Front")
    by_id = {n["id"]: n for n in whole["nodes"]}
    # The leader's organisation ties him to the rest: the store's first broker.
    assert by_id[rdf]["broker"] == 1.0
    assert all(n["community"] is not None for n in whole["nodes"])
    x0, y0, x1, y1 = whole["frame"]
    assert x0 < x1 and y0 < y1
    # A filtered view keeps the store's communities and frame.
    threats = client.get("/api/graph", params={"type": "THREATEN"}).json()
    assert threats["frame"] == whole["frame"]
    assert all(n["community"] == by_id[n["id"]]["community"] for n in threats["nodes"])
    # Under a period, the timeline still gets every dated event around it.
    later = client.get("/api/graph", params={"since": "2022"}).json()
    assert {e["date"][:4] for e in later["events"]} <= {"2022", "2023"}
    assert {d[:4] for _id, d, _type in later["time_base"]} >= {"2021", "2022", "2023"}
    assert len(later["time_base"]) == len(whole["time_base"]) == len(whole["events"])
