"""Property tests: any fact set, with any names, survives GraphML, GEXF and JSON."""

from __future__ import annotations

import io
import json
from datetime import date

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorgraph.export import render
from actorgraph.graph.build import fact_graph
from actorgraph.graph.models import (
    ActorNode,
    DocumentRef,
    EventFact,
    FactSet,
    GraphFilter,
    RelationFact,
)

# XML cannot hold control characters or surrogates; names never contain them.
NAMES = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() == s and s != "")
TYPES = st.sampled_from(["person", "organization", "state", "group"])
DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def fact_sets(draw: st.DrawFn) -> FactSet:
    n = draw(st.integers(2, 6))
    actors = {
        i: ActorNode(
            id=i,
            name=draw(NAMES),
            type=draw(TYPES),
            kb_id=None,
            wikidata=None,
            country=draw(st.none() | st.sampled_from(["NOR", "SWE"])),
            sector=None,
            lat=None,
            lon=None,
            aliases=draw(st.lists(NAMES, max_size=2)),
        )
        for i in range(1, n + 1)
    }
    doc = DocumentRef(
        id="d0",
        source="x.txt",
        url=None,
        title=None,
        publisher=None,
        published=None,
        dup_group="d0",
    )
    ids = st.integers(1, n)
    events = []
    for i in range(draw(st.integers(0, 6))):
        day = draw(st.none() | DAYS)
        events.append(
            EventFact(
                id=i + 1,
                type=draw(st.sampled_from(["CONSULT", "ACCUSE"])),
                mode=None,
                cameo=None,
                goldstein=draw(st.none() | st.floats(-10, 10)),
                date=day.isoformat() if day else None,
                precision="day" if day else "unknown",
                date_lo=day,
                date_hi=day,
                source=sorted(set(draw(st.lists(ids, min_size=1, max_size=2)))),
                target=sorted(set(draw(st.lists(ids, max_size=2)))),
                place=None,
                documents=["d0"],
                sources=1,
                mentions=1,
                modalities=draw(st.lists(st.sampled_from(["asserted", "denied"]), max_size=2)),
                disputed=draw(st.booleans()),
                status=None,
            )
        )
    relations = [
        RelationFact(
            id=i + 1,
            type="allied_with",
            head=draw(ids),
            tail=draw(ids),
            start=None,
            end=None,
            start_lo=None,
            end_hi=None,
            documents=["d0"],
            sources=1,
            mentions=1,
            modalities=["asserted"],
            disputed=False,
            status=None,
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    return FactSet(
        filter=GraphFilter(),
        actors=actors,
        events=events,
        relations=relations,
        documents={"d0": doc},
    )


def _shape(g: nx.DiGraph) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Nodes and (source, target, edge id); GEXF gives a simple graph when no pair repeats."""
    if g.is_multigraph():
        edges = {(str(u), str(v), str(k)) for u, v, k in g.edges(keys=True)}
    else:
        edges = {(str(u), str(v), str(d["id"])) for u, v, d in g.edges(data=True)}
    return {str(n) for n in g}, edges


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fact_sets())
def test_graph_formats_round_trip(facts: FactSet) -> None:
    want = fact_graph(facts)
    names = {f"a{a.id}": a.name for a in facts.actors.values() if f"a{a.id}" in want}
    graphml = nx.read_graphml(io.BytesIO(render(facts, "graphml").encode()), force_multigraph=True)
    gexf = nx.read_gexf(io.BytesIO(render(facts, "gexf").encode()))
    node_link = nx.node_link_graph(json.loads(render(facts, "json")), edges="edges")
    for back in (graphml, gexf, node_link):
        assert _shape(back) == _shape(want)
    assert {n: d["name"] for n, d in graphml.nodes(data=True)} == names
    assert {n: d["label"] for n, d in gexf.nodes(data=True)} == names
