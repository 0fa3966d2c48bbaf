"""Issue 15, items 9-18 through the API: reading a document, confidence, exports, saved views."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient
from web_helpers import DOC_A, add_guessed_event

from actorgraph.store import Store
from actorgraph.web.app import WebConfig, create_app


def doc_id(c: TestClient, title: str) -> str:
    docs = c.get("/api/documents").json()["items"]
    return str(next(d["id"] for d in docs if d["title"] == title))


def test_read_a_document_with_its_facts_marked(db_client: TestClient) -> None:
    body = db_client.get(f"/api/documents/{doc_id(db_client, 'Border fighting')}/read").json()
    text = body["text"]
    assert text == DOC_A and body["document"]["title"] == "Border fighting"
    marked = {(f["kind"], f["type"]): text[f["start"] : f["end"]] for f in body["facts"]}
    assert marked[("event", "ASSAULT")] == "Norland troops shelled Vessa on Monday."
    assert marked[("relation", "leader_of")] == "Tomas Varga leads the Red Dawn Front."
    assault = next(f for f in body["facts"] if f["type"] == "ASSAULT")
    assert text[assault["trigger_start"] : assault["trigger_end"]] == "shelled"
    names = {(a["name"], text[a["start"] : a["end"]]) for a in body["actors"]}
    assert ("Norland", "Norland") in names and ("Tomas Varga", "Tomas Varga") in names
    assert [f["start"] for f in body["facts"]] == sorted(f["start"] for f in body["facts"])
    assert db_client.get("/api/documents/nope/read").status_code == 404


def test_confidence_filter_hides_guessed_parties(write_store: Store) -> None:
    add_guessed_event(write_store)
    with TestClient(create_app(WebConfig(), store=write_store)) as c:
        every = c.get("/api/graph", params={"type": "THREATEN"}).json()
        assert sorted(every["confidence"].values()) == [0.4, 0.7]
        sure = c.get("/api/graph", params={"type": "THREATEN", "min_confidence": 0.5}).json()
        assert len(sure["events"]) == 1 and list(sure["confidence"].values()) == [0.7]
        assert c.get("/api/graph", params={"min_confidence": 2}).status_code == 422


def test_export_the_current_view(client: TestClient) -> None:
    gexf = client.get("/api/export/gexf", params={"type": "ASSAULT"})
    assert gexf.status_code == 200 and "attachment" in gexf.headers["content-disposition"]
    root = ET.fromstring(gexf.text)
    labels = {n.get("label") for n in root.iter() if n.tag.endswith("}node")}
    assert labels >= {"Norland", "Red Dawn Front"} and "Elena Brook" not in labels
    stix = client.get("/api/export/stix", params={"since": "2023"}).json()
    kinds = {o["type"] for o in stix["objects"]}
    assert "identity" in kinds or "threat-actor" in kinds
    names = {o.get("name") for o in stix["objects"]}
    assert "Ostmark" in names and "Tomas Varga" not in names
    everything = client.get("/api/export/json").json()
    assert everything
    assert client.get("/api/export/pdf").status_code == 422


def test_saved_views(db_writer: TestClient) -> None:
    state = {"type": "THREATEN", "actor": "3", "cam": "0.5,0.5,1"}
    made = db_writer.post("/api/views", json={"name": "Threats", "state": state})
    assert made.status_code == 201, made.text
    assert made.json()["state"] == state
    again = db_writer.post("/api/views", json={"name": "Threats", "state": {"tab": "map"}})
    assert again.json()["id"] == made.json()["id"]
    db_writer.post("/api/views", json={"name": "Another", "state": {}})
    listed = db_writer.get("/api/views").json()
    assert [(v["name"], v["state"]) for v in listed] == [
        ("Another", {}),
        ("Threats", {"tab": "map"}),
    ]
    assert db_writer.delete(f"/api/views/{made.json()['id']}").status_code == 204
    assert [v["name"] for v in db_writer.get("/api/views").json()] == ["Another"]
    assert db_writer.delete("/api/views/9999").status_code == 404
    db_writer.headers.pop("Authorization")
    assert db_writer.post("/api/views", json={"name": "x", "state": {}}).status_code == 401


def test_duplicate_suggestions(writer: TestClient) -> None:
    brook = next(a for a in writer.get("/api/actors").json()["items"] if a["name"] == "Elena Brook")
    assert writer.get("/api/duplicates").json() == []
    # A second, shorter Brook of the same type: offered, the more mentioned one to keep.
    writer.post("/api/corrections/alias", json={"actor": brook["id"], "alias": "Brook"})
    r = writer.post("/api/corrections/split", json={"actor": brook["id"], "names": ["Brook"]})
    assert r.status_code == 200, r.text
    found = writer.get("/api/duplicates").json()
    assert found, "no suggestion"
    pair = found[0]
    assert {pair["keep"]["name"], pair["other"]["name"]} == {"Elena Brook", "Brook"}
    assert pair["reason"] == "one name is part of the other"
