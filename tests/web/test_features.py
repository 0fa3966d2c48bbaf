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
        assert c.get("/api/graph", params={"min_confidence": 2}).status_code == 400


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
    assert client.get("/api/export/pdf").status_code == 400


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


def names_of(c: TestClient) -> set[str]:
    return {a["name"] for a in c.get("/api/actors", params={"limit": 500}).json()["items"]}


def test_undo_a_merge_an_alias_a_rename_and_a_verdict(db_writer: TestClient) -> None:
    actors = {a["name"]: a["id"] for a in db_writer.get("/api/actors").json()["items"]}
    norland, ostmark = actors["Norland"], actors["Ostmark"]
    db_writer.post("/api/corrections/merge", json={"keep": norland, "other": ostmark})
    assert "Ostmark" not in names_of(db_writer)
    db_writer.post("/api/corrections/alias", json={"actor": norland, "alias": "Nordland"})
    db_writer.post("/api/corrections/rename", json={"actor": norland, "name": "Norlandia"})
    event = db_writer.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]
    status = {"kind": "event", "id": event["id"]}
    db_writer.post("/api/corrections/status", json={**status, "status": "confirmed"})
    db_writer.post("/api/corrections/status", json={**status, "status": "rejected"})
    log = db_writer.get("/api/audit").json()["items"]
    texts = [e["text"] for e in log]
    assert texts[0] == f"merged “Ostmark” (#{ostmark}) into Norlandia (#{norland})"
    assert texts[1] == f"added the alias “Nordland” to Norlandia (#{norland})"
    assert texts[2] == f"renamed Norlandia (#{norland}) to “Norlandia”"
    assert all(e["undoable"] for e in log)

    def undo(i: int) -> str:
        r = db_writer.post("/api/corrections/undo", json={"id": log[i]["correction"]["id"]})
        assert r.status_code == 200, r.text
        return str(r.json()["text"])

    # The verdict goes back to the one before it, not to none.
    undo(4)
    assert db_writer.get(f"/api/events/{event['id']}").json()["status"] == "confirmed"
    undo(2)
    assert "Norland" in names_of(db_writer) and "Norlandia" not in names_of(db_writer)
    undo(1)
    found = db_writer.get("/api/actors", params={"search": "Nordland"}).json()["items"]
    assert found == []
    assert "Ostmark" in undo(0)
    assert {"Norland", "Ostmark"} <= names_of(db_writer)
    threats = db_writer.get("/api/events", params={"actor": "Ostmark"}).json()["items"]
    assert threats, "Ostmark's events came back with it"
    # Each undo is an entry of its own; the undone ones say so and cannot be undone twice.
    after = db_writer.get("/api/audit").json()["items"]
    assert [e["undo_of"] for e in after[5:]] == [
        log[4]["correction"]["id"],
        log[2]["correction"]["id"],
        log[1]["correction"]["id"],
        log[0]["correction"]["id"],
    ]
    assert not after[0]["undoable"] and after[0]["undone_by"] == after[8]["correction"]["id"]
    again = db_writer.post("/api/corrections/undo", json={"id": log[0]["correction"]["id"]})
    assert again.status_code == 400
    assert db_writer.post("/api/corrections/undo", json={"id": 999}).status_code == 404


def test_the_audit_trail_names_actors_merged_away_since(writer: TestClient) -> None:
    actors = {a["name"]: a["id"] for a in writer.get("/api/actors").json()["items"]}
    brook, varga, dara = actors["Elena Brook"], actors["Tomas Varga"], actors["Ostmark"]
    # Ostmark into Tomas Varga, then Tomas Varga into Elena Brook: a chain of merges.
    writer.post("/api/corrections/merge", json={"keep": varga, "other": dara})
    writer.post("/api/corrections/merge", json={"keep": brook, "other": varga})
    log = writer.get("/api/audit").json()["items"]
    assert log[0]["text"] == (
        f"merged “Ostmark” (#{dara}) into “Tomas Varga” (#{varga}, since merged into #{brook})"
    )
    # The first merge went into an actor that is gone: the later one is taken back first.
    assert not log[0]["undoable"] and log[1]["undoable"]
    writer.post("/api/corrections/undo", json={"id": log[1]["correction"]["id"]})
    after = writer.get("/api/audit").json()["items"]
    # Undone, the merge still says whom it merged (now an actor of its own again).
    assert after[1]["text"] == f"merged “Tomas Varga” (#{varga}) into Elena Brook (#{brook})"
