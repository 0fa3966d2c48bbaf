"""Analytics on small graphs whose answers are known by construction."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.graph import GraphError, brokers, centrality, communities, ego
from actorgraph.graph.analytics import (
    _periods,
    best_path,
    betweenness,
    eigenvector,
    groups_reached,
    intergroup_betweenness,
)


def named(g: nx.Graph) -> nx.Graph:
    for n in g:
        g.nodes[n]["name"] = f"n{n:02d}"
        g.nodes[n]["type"] = "organization"
    for _u, _v, d in g.edges(data=True):
        d.setdefault("weight", 1)
    return g


def two_cliques_and_bridge() -> nx.Graph:
    """Cliques 0-4 and 10-14; node 20 is tied to 0 and to 10 and is the only link."""
    g = nx.complete_graph(5)
    g.add_edges_from(nx.complete_graph(range(10, 15)).edges())
    g.add_edges_from([(20, 0), (20, 10)])
    return named(g)


def test_bridge_is_the_top_broker() -> None:
    g = two_cliques_and_bridge()
    rows = brokers(g, top=None)
    top = rows[0]
    assert top.actor.id == 20
    assert top.score == max(r.score for r in rows) > 0
    # The bridge's own neighbours share no tie; clique members' neighbours all do.
    assert top.constraint is not None
    assert top.constraint == min(r.constraint for r in rows if r.constraint is not None)
    assert top.betweenness == max(r.betweenness for r in rows)


def test_communities_split_the_cliques_and_are_seeded() -> None:
    g = two_cliques_and_bridge()
    first = communities(g, seed=7)
    again = communities(g, seed=7)
    assert first == again
    groups = [{m.id for m in c.members} for c in first]
    assert any(set(range(5)) <= grp for grp in groups)
    assert any(set(range(10, 15)) <= grp for grp in groups)
    assert not any({0, 10} <= grp for grp in groups)
    assert sum(c.size for c in first) == g.number_of_nodes()


def test_intergroup_betweenness_counts_paths_between_groups_only() -> None:
    g = named(nx.path_graph(4))  # 0 - 1 - 2 - 3
    groups = {0: 0, 1: 0, 2: 1, 3: 1}
    # Cross pairs 0-2, 0-3, 1-2, 1-3: node 1 lies inside 0-2 and 0-3, node 2 inside 0-3, 1-3.
    score = intergroup_betweenness(g, groups)
    assert score[1] == pytest.approx(0.5)
    assert score[2] == pytest.approx(0.5)
    assert score[0] == score[3] == 0
    assert set(intergroup_betweenness(g, dict.fromkeys(g, 0)).values()) == {0.0}
    assert groups_reached(g, groups) == {0: 0, 1: 1, 2: 1, 3: 0}
    g.add_edge(0, 3, weight=1)  # a direct tie between the groups' ends
    assert intergroup_betweenness(g, groups)[1] < 0.5


def test_star_centre_is_most_central() -> None:
    g = named(nx.star_graph(6))
    rows = centrality(g)
    assert rows[0].actor.id == 0
    assert rows[0].degree == 6
    assert rows[0].betweenness == pytest.approx(1.0)
    assert rows[0].eigenvector > rows[1].eigenvector
    assert all(r.betweenness == 0 for r in rows[1:])


def test_weights_steer_betweenness() -> None:
    # Two routes from 0 to 3: over 1 (ties of 5 sources) and over 2 (ties of 1 source).
    g = named(nx.Graph())
    g.add_edge(0, 1, weight=5)
    g.add_edge(1, 3, weight=5)
    g.add_edge(0, 2, weight=1)
    g.add_edge(2, 3, weight=1)
    named(g)
    btw = betweenness(g)
    assert btw[1] > btw[2]


def test_sampled_betweenness_is_seeded() -> None:
    g = named(nx.barabasi_albert_graph(60, 2, seed=1))
    assert betweenness(g, k=10, seed=3) == betweenness(g, k=10, seed=3)


def test_path_takes_fewest_ties_then_best_corroborated() -> None:
    g = named(nx.Graph())
    g.add_edge(0, 1, weight=1)
    g.add_edge(1, 9, weight=1)
    g.add_edge(0, 2, weight=4)
    g.add_edge(2, 9, weight=3)
    g.add_edge(0, 3, weight=9)
    g.add_edge(3, 4, weight=9)
    g.add_edge(4, 9, weight=9)
    named(g)
    assert best_path(g, 0, 9) == [0, 2, 9]


def test_path_errors() -> None:
    g = named(nx.Graph([(0, 1), (2, 3)]))
    with pytest.raises(GraphError, match="no path"):
        best_path(g, 0, 3)
    with pytest.raises(GraphError, match="no fact"):
        best_path(g, 0, 42)
    with pytest.raises(GraphError, match="same"):
        best_path(g, 1, 1)


def test_ego_network_radius() -> None:
    g = named(nx.path_graph(5))
    one = ego(g, 2, radius=1)
    assert one.nodes[0].id == 2
    assert {n.id for n in one.nodes} == {1, 2, 3}
    assert {(e.a, e.b) for e in one.edges} == {(1, 2), (2, 3)}
    assert {n.id for n in ego(g, 2, radius=2).nodes} == set(range(5))
    with pytest.raises(GraphError):
        ego(g, 99)


def test_empty_graph_gives_empty_answers() -> None:
    g = nx.Graph()
    assert centrality(g) == []
    assert brokers(g) == []
    assert communities(g) == []


@given(
    st.integers(1990, 2030),
    st.integers(1, 12),
    st.integers(0, 40),
)
def test_month_periods_are_consecutive(year: int, month: int, span: int) -> None:
    first = f"{year:04d}-{month:02d}"
    end = (year * 12 + month - 1) + span
    last = f"{end // 12:04d}-{end % 12 + 1:02d}"
    got = _periods(first, last, "month")
    assert len(got) == span + 1
    assert got[0] == first and got[-1] == last
    assert got == sorted(set(got))


def test_eigenvector_agrees_with_networkx() -> None:
    g = nx.karate_club_graph()  # weighted: edges carry "weight"
    ours = eigenvector(g)
    theirs = nx.eigenvector_centrality(g, weight="weight", tol=1e-10, max_iter=10000)
    assert max(abs(ours[n] - theirs[n]) for n in g) < 1e-4
