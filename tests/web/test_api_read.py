"""Reading endpoints of the REST API: answers, filters, pagination, errors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_helpers import XSS_SENTENCE, actor_id


def items(c: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = c.get(path, params=params)
    assert response.status_code == 200, response.text
    got: list[dict[str, Any]] = response.json()["items"]
    return got


def test_stats_count_the_store(db_client: TestClient) -> None:
    body = db_client.get("/api/stats").json()
    assert (body["documents"], body["events"], body["relations"]) == (3, 5, 2)


def test_documents_page_and_one(db_client: TestClient) -> None:
    docs = items(db_client, "/api/documents")
    assert [d["published"] for d in docs] == ["2023-01-10", "2022-03-02", "2021-06-15"]
    first = db_client.get("/api/documents", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    last = db_client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert [d["id"] for d in last["items"]] == [docs[2]["id"]] and last["next_offset"] is None
    one = db_client.get(f"/api/documents/{docs[1]['id']}").json()
    assert one["title"] == "Talks in Vessa"


def test_actors_search_type_and_lookup(db_client: TestClient) -> None:
    states = items(db_client, "/api/actors", type="state")
    assert {a["name"] for a in states} == {"Norland", "Ostmark"}
    assert [a["name"] for a in items(db_client, "/api/actors", search="dawn")] == ["Red Dawn Front"]
    norland = actor_id(db_client, "Norland")
    for ref in (str(norland), "test/norland", "Norland"):
        assert db_client.get(f"/api/actors/{ref}").json()["id"] == norland
    assert len(items(db_client, "/api/actors", limit=2, offset=1)) == 2


def test_actor_profile_has_roles_events_and_sources(db_client: TestClient) -> None:
    rdf = actor_id(db_client, "Red Dawn Front")
    profile = db_client.get(f"/api/actors/{rdf}/profile").json()
    assert profile["actor"]["name"] == "Red Dawn Front"
    assert {e["type"] for e in profile["events"]} == {"ASSAULT", "ACCUSE", "AID"}
    assert [r["type"] for r in profile["relations"]] == ["leader_of"]
    assert {d["title"] for d in profile["documents"]} == {"Border fighting", "Talks in Vessa"}
    assert profile["names"][str(rdf)] == "Red Dawn Front"
    brook = actor_id(db_client, "Elena Brook")
    roles = db_client.get(f"/api/actors/{brook}/profile").json()["roles"]
    assert [(r["type"], r["tail"]) for r in roles] == [
        ("leader_of", actor_id(db_client, "Norland"))
    ]


@pytest.mark.parametrize(
    ("params", "types"),
    [
        ({}, ["ASSAULT", "ACCUSE", "CONSULT", "AID", "THREATEN"]),
        ({"type": "consult"}, ["CONSULT"]),
        ({"since": "2022", "until": "2022-12"}, ["CONSULT", "AID"]),
        ({"since": "2023-01-01"}, ["THREATEN"]),
        ({"modality": "denied"}, ["AID"]),
        ({"actor": "Ostmark"}, ["CONSULT", "AID", "THREATEN"]),
        ({"place": "Vessa"}, ["ASSAULT", "CONSULT"]),
        ({"min_sources": 2}, []),
    ],
)
def test_event_filters(db_client: TestClient, params: dict[str, Any], types: list[str]) -> None:
    assert [e["type"] for e in items(db_client, "/api/events", **params)] == types


def test_events_pagination(db_client: TestClient) -> None:
    page = db_client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert [e["type"] for e in page["items"]] == ["CONSULT", "AID"]
    assert page["next_offset"] == 4


def test_one_event_and_its_evidence(db_client: TestClient) -> None:
    event = items(db_client, "/api/events", type="ACCUSE")[0]
    assert db_client.get(f"/api/events/{event['id']}").json() == event
    mentions = db_client.get(f"/api/evidence/event/{event['id']}").json()
    assert len(mentions) == 1
    m = mentions[0]
    assert m["text"] == "The Red Dawn Front accused Norland of war crimes."
    assert m["modality"] == "reported" and m["attribution_text"] == "the Red Dawn Front"
    assert m["publisher"] == "Test Wire" and m["published"] == "2021-06-15"
    # The trigger offsets point into the document: relative to the sentence they give the verb.
    assert m["text"][m["trigger_start"] - m["start"] : m["trigger_end"] - m["start"]] == "accused"


def test_relations_filters_and_evidence(db_client: TestClient) -> None:
    assert len(items(db_client, "/api/relations")) == 2
    varga = items(db_client, "/api/relations", actor="Tomas Varga")
    assert [r["type"] for r in varga] == ["leader_of"]
    assert items(db_client, "/api/relations", type="member_of") == []
    assert items(db_client, "/api/relations", modality="denied") == []
    text = db_client.get(f"/api/evidence/relation/{varga[0]['id']}").json()[0]["text"]
    assert text == "Tomas Varga leads the Red Dawn Front."
    refused = db_client.get("/api/relations", params={"since": "2020"})
    assert refused.status_code == 400


def test_search_finds_actors_and_documents(db_client: TestClient) -> None:
    found = db_client.get("/api/search", params={"q": "vessa"}).json()
    assert [a["name"] for a in found["actors"]] == ["Vessa"]
    assert [d["title"] for d in found["documents"]] == ["Talks in Vessa"]
    assert db_client.get("/api/search", params={"q": "zzz-nothing"}).json()["actors"] == []


def test_graph_view_ties_places_and_filters(db_client: TestClient) -> None:
    view = db_client.get("/api/graph").json()
    names = {n["label"] for n in view["nodes"]}
    assert names == {"Norland", "Red Dawn Front", "Ostmark", "Elena Brook", "Tomas Varga"}
    kinds = {(e["kind"], tuple(e["types"])) for e in view["edges"]}
    assert ("event", ("ACCUSE", "ASSAULT")) in kinds and ("relation", ("leader_of",)) in kinds
    # Bigger nodes are the better-sourced hubs; each node has a position.
    size = {n["label"]: n["size"] for n in view["nodes"]}
    assert size["Norland"] > size["Tomas Varga"]
    assert [(p["name"], p["lat"], p["lon"], len(p["events"])) for p in view["places"]] == [
        ("Vessa", 10.5, 20.25, 2)
    ]
    later = db_client.get("/api/graph", params={"since": "2023"}).json()
    assert {n["label"] for n in later["nodes"]} == {"Norland", "Ostmark"}
    assert later["relations"] == []


def test_paths_carry_evidence(db_client: TestClient) -> None:
    body = db_client.get("/api/paths", params={"source": "Tomas Varga", "target": "Ostmark"}).json()
    assert body["source"]["name"] == "Tomas Varga" and body["target"]["name"] == "Ostmark"
    assert body["hops"] == 2
    assert all(step["evidence"] for step in body["steps"])
    missing = db_client.get("/api/paths", params={"source": "Norland", "target": "Vessa"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("measure", ["centrality", "brokers", "communities"])
def test_analytics(db_client: TestClient, measure: str) -> None:
    body = db_client.get(f"/api/analytics/{measure}", params={"limit": 3}).json()
    assert body["measure"] == measure
    rows = body[measure]
    assert 0 < len(rows) <= 3
    if measure == "brokers":
        # Red Dawn Front ties its leader to both states: the one everyone passes through.
        assert body["brokers"][0]["actor"]["name"] in {"Red Dawn Front", "Norland"}


def test_evidence_is_returned_as_stored_text(db_client: TestClient) -> None:
    event = items(db_client, "/api/events", type="THREATEN")[0]
    # The API hands out the article's text as data; escaping is the page's job.
    assert db_client.get(f"/api/evidence/event/{event['id']}").json()[0]["text"] == XSS_SENTENCE


def test_app_and_docs_are_served_offline(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/js/app.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/vendor/sigma.min.js").status_code == 200
    assert "/api/graph" in client.get("/openapi.json").json()["paths"]
