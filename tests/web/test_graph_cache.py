"""The graph cache's in-memory filters mean what the store's filters mean."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_helpers import TOKEN, _event, _record, add_undated_event

from actorgraph.store import Store, StoreError
from actorgraph.web.network import Snapshot

FILTERS: list[dict[str, Any]] = [
    {},
    {"type": "assault"},
    {"since": "2022"},
    {"until": "2021-06-14"},
    {"since": "2021-06", "until": "2022-03-01"},
    {"min_sources": 1},
    {"min_sources": 2},
    {"modality": "denied"},
    {"modality": "reported"},
    {"actor": "Ostmark"},
    {"actor": "test/red-dawn"},
    {"actor": "nobody at all"},
    {"include_rejected": True},
    {"actor": "Norland", "since": "2021", "type": "ACCUSE"},
]


@pytest.fixture
def store_with_verdict(write_store: Store) -> Store:
    add_undated_event(write_store)
    first = write_store.events()[0]
    write_store.set_status("event", first.id, "rejected", author="test")
    rel = write_store.relations()[0]
    write_store.set_status("relation", rel.id, "rejected", author="test")
    return write_store


@pytest.mark.parametrize("f", FILTERS, ids=[str(f) for f in FILTERS])
def test_snapshot_filters_as_the_store_does(store_with_verdict: Store, f: dict[str, Any]) -> None:
    snap = Snapshot(store_with_verdict)
    assert [e.id for e in snap.events(**f)] == [e.id for e in store_with_verdict.events(**f)]
    rel = {k: v for k, v in f.items() if k not in ("type", "since", "until")}
    assert [r.id for r in snap.relations(**rel)] == [
        r.id for r in store_with_verdict.relations(**rel)
    ]


def test_snapshot_refuses_a_bad_date(read_store: Store) -> None:
    with pytest.raises(StoreError):
        Snapshot(read_store).events(since="soon")


def test_a_new_document_keeps_placed_actors_where_they_were(write_store: Store) -> None:
    from actorgraph.web.app import WebConfig, create_app

    with TestClient(create_app(WebConfig(token=TOKEN), store=write_store)) as c:
        before = {n["id"]: (n["x"], n["y"]) for n in c.get("/api/graph").json()["nodes"]}
        # Vessa, a place so far, becomes an actor of the graph.
        text = "Entry\nNorland troops entered Vessa at dawn."
        sentence = text.split("\n", 1)[1]
        who = ["norland", "vessa"]
        event = _event(text, "e1", "COERCE", sentence, "entered", who[:1], who[1:], "2024-04-04")
        write_store.add_record(_record(text, who, [event], [], "2024-04-05", "e.txt", "E"), text)
        after = {n["id"]: (n["x"], n["y"]) for n in c.get("/api/graph").json()["nodes"]}
        assert c.app.state.graph_cache.snapshots == 2  # type: ignore[attr-defined]
    assert len(after) == len(before) + 1
    assert all(after[n] == before[n] for n in before)


def test_neighbourhood_of_an_actor(client: TestClient) -> None:
    def ids(name: str) -> int:
        found = client.get("/api/actors", params={"search": name}).json()["items"]
        return int(next(a["id"] for a in found if a["name"] == name))

    varga, rdf = ids("Tomas Varga"), ids("Red Dawn Front")
    one = client.get(f"/api/actors/{varga}/neighbourhood").json()
    assert {n["label"] for n in one["nodes"]} == {"Tomas Varga", "Red Dawn Front"}
    assert [r["type"] for r in one["relations"]] == ["leader_of"] and one["events"] == []
    two = client.get(f"/api/actors/{varga}/neighbourhood", params={"hops": 2}).json()
    assert {n["label"] for n in two["nodes"]} == {
        "Tomas Varga",
        "Red Dawn Front",
        "Norland",
        "Ostmark",
    }
    # Every tie and fact of the view lies inside it.
    inside = {n["id"] for n in two["nodes"]}
    assert all(e["source"] in inside and e["target"] in inside for e in two["edges"])
    # Expanding node by node: the union of two actors' neighbourhoods.
    both = client.get("/api/graph", params={"focus": f"{varga},{rdf}"}).json()
    assert {n["label"] for n in both["nodes"]} == {
        "Tomas Varga",
        "Red Dawn Front",
        "Norland",
        "Ostmark",
    }
    # Filters still apply; positions are those of the whole store.
    whole = {n["id"]: (n["x"], n["y"]) for n in client.get("/api/graph").json()["nodes"]}
    assert all((n["x"], n["y"]) == whole[n["id"]] for n in both["nodes"])
    assert client.get("/api/actors/99999/neighbourhood").status_code == 404
    assert client.get("/api/graph", params={"focus": "1;2"}).status_code == 400
