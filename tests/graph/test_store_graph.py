"""Graphs loaded from a store: filters, weights, evidence of paths, snapshots, corrections."""

from __future__ import annotations

import pytest
from graph_world import actor_id, build_world

from actorgraph.graph import GraphFilter, load_facts, path, snapshots, tie_graph
from actorgraph.store import Store, StoreError


def test_facts_and_tie_graph(world: Store) -> None:
    facts = load_facts(world)
    assert len(facts.events) == 5  # the two reports of one meeting are one event
    assert len(facts.relations) == 1
    g = tie_graph(facts)
    names = {n: d["name"] for n, d in g.nodes(data=True)}
    assert "Orvik" not in names.values()  # a place alone is no party
    kell, lant = actor_id(world, "kell"), actor_id(world, "lant")
    assert g.edges[kell, lant]["weight"] == 2  # two independent outlets
    assert len(g.edges[kell, lant]["events"]) == 1
    assert g.edges[kell, actor_id(world, "red")]["relations"]
    disputed = [e for e in facts.events if e.disputed]
    assert [e.type for e in disputed] == ["CONSULT"]
    assert disputed[0].modalities == ["denied"]


@pytest.mark.parametrize(
    ("flt", "types"),
    [
        (GraphFilter(since="2021"), ["SUPPORT", "ACCUSE", "CONSULT"]),
        (GraphFilter(until="2020-06"), ["CONSULT"]),
        (GraphFilter(event_types=("ASSAULT",)), ["ASSAULT"]),
        (GraphFilter(min_sources=2), ["CONSULT"]),
        (GraphFilter(modality="denied"), ["CONSULT"]),
        (GraphFilter(events=False), []),
    ],
)
def test_event_filters(world: Store, flt: GraphFilter, types: list[str]) -> None:
    facts = load_facts(world, flt)
    assert sorted(e.type for e in facts.events) == sorted(types)


def test_relation_filters(world: Store) -> None:
    assert load_facts(world, GraphFilter(relations=False)).relations == []
    assert load_facts(world, GraphFilter(min_sources=2)).relations == []
    # An undated standing relation holds in any window.
    assert len(load_facts(world, GraphFilter(since="2030")).relations) == 1
    none = load_facts(world, GraphFilter(relation_types=("member_of",)))
    assert none.relations == []


def test_bad_window_is_an_error(world: Store) -> None:
    with pytest.raises(StoreError):
        load_facts(world, GraphFilter(since="soon"))
    with pytest.raises(StoreError, match="after"):
        load_facts(world, GraphFilter(since="2022", until="2021"))


def test_path_carries_the_evidence_of_each_tie(world: Store) -> None:
    facts = load_facts(world)
    g = tie_graph(facts)
    result = path(g, actor_id(world, "lant"), actor_id(world, "falk"), store=world)
    assert result.hops == 5
    assert [s.a.name for s in result.steps][:3] == ["Boris Lant", "Anna Kell", "Red Front"]
    for step in result.steps:
        assert step.evidence, step
        # Each passage is the stored sentence that names the fact, with its document.
        for m in step.evidence:
            assert m.fact_id in (step.events if m.kind == "event" else step.relations)
            assert m.document_id in facts.documents
    first = result.steps[0]
    assert len({m.document_id for m in first.evidence}) == 2
    assert any("Kell" in m.text and "Lant" in m.text for m in first.evidence)


def test_snapshots_show_ties_appear_and_vanish(world: Store) -> None:
    facts = load_facts(world)
    g = tie_graph(facts)
    years = snapshots(facts, g, period="year")
    assert [s.period for s in years] == ["2020", "2021"]
    appeared_2021 = {frozenset((t.a.name, t.b.name)) for t in years[1].appeared}
    vanished_2021 = {frozenset((t.a.name, t.b.name)) for t in years[1].vanished}
    assert frozenset(("Carl Dorn", "Eve Falk")) in appeared_2021
    assert frozenset(("Anna Kell", "Boris Lant")) in vanished_2021
    months = snapshots(facts, g, period="month")
    assert months[0].period == "2020-03" and months[-1].period == "2021-02"
    assert len(months) == 12
    feb = months[-1]
    assert feb.kept == 1  # Dorn-Falk: January's denied meeting, February's criticism


def test_rejected_facts_leave_the_graph_on_each_backend(any_db: str) -> None:
    with Store.open(any_db) as store:
        build_world(store)
        assault = next(e for e in load_facts(store).events if e.type == "ASSAULT")
        store.set_status("event", assault.id, "rejected", author="test", reason="wrong actors")
        kept = load_facts(store)
        assert assault.id not in {e.id for e in kept.events}
        again = load_facts(store, GraphFilter(include_rejected=True))
        assert any(e.id == assault.id and e.status == "rejected" for e in again.events)
        # The SQL filters give the same answers on either backend.
        assert [e.type for e in load_facts(store, GraphFilter(min_sources=2)).events] == ["CONSULT"]
        assert len(load_facts(store, GraphFilter(since="2021")).events) == 3
