"""Writing endpoints: the token, corrections with their audit log, uploads."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_helpers import TOKEN, actor_id

from actorgraph.extract import Extractor
from actorgraph.store import Store
from actorgraph.web.app import WebConfig, create_app

ARTICLE = (
    "Quiet talks\n"
    "Elena Brook met Tomas Varga in Vessa on 3 May 2024 to discuss a ceasefire. "
    "Norland later welcomed the meeting."
)


def test_writes_are_refused_without_a_server_token(write_store: Store) -> None:
    app = create_app(WebConfig(token=None), store=write_store)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/api/corrections/alias", json={"actor": 1, "alias": "X"})
        assert r.status_code == 403 and "--token" in r.json()["error"]["message"]
        c.headers["Authorization"] = "Bearer anything"
        assert c.post("/api/corrections/alias", json={"actor": 1, "alias": "X"}).status_code == 403
    assert write_store.corrections() == []


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", TOKEN])
def test_writes_need_the_right_token(writer: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    writer.headers.pop("Authorization")
    r = writer.post(
        "/api/corrections/alias", json={"actor": 1, "alias": "Nordland"}, headers=headers
    )
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"


def test_merge_actors_and_audit_log(db_writer: TestClient, db_write_store: Store) -> None:
    keep, other = actor_id(db_writer, "Norland"), actor_id(db_writer, "Ostmark")
    r = db_writer.post(
        "/api/corrections/merge",
        json={"keep": keep, "other": other, "author": "ana", "reason": "same state"},
    )
    assert r.status_code == 200 and r.json()["actor"] == keep
    assert db_writer.get(f"/api/actors/{other}").status_code == 404
    profile = db_writer.get(f"/api/actors/{keep}/profile").json()
    assert {"CONSULT", "AID", "THREATEN", "ASSAULT"} <= {e["type"] for e in profile["events"]}
    log = db_writer.get("/api/corrections").json()["items"]
    assert [(c["kind"], c["author"], c["reason"]) for c in log] == [
        ("merge_actors", "ana", "same state")
    ]
    payload = log[0]["payload"]
    assert (payload["keep"], payload["other"]) == (keep, other)
    # Where both took part in facts before, so that the merge can be undone.
    assert payload["refs"]["other"]["parties"] and payload["refs"]["keep"]["parties"]


def test_merge_into_itself_is_refused(writer: TestClient) -> None:
    r = writer.post("/api/corrections/merge", json={"keep": 1, "other": 1})
    assert r.status_code == 400


def test_alias_rename_type_split(db_writer: TestClient) -> None:
    rdf = actor_id(db_writer, "Red Dawn Front")
    assert db_writer.post("/api/corrections/alias", json={"actor": rdf, "alias": "RDF"}).is_success
    found = db_writer.get("/api/search", params={"q": "rdf"}).json()["actors"]
    assert [a["id"] for a in found] == [rdf]
    r = db_writer.post("/api/corrections/rename", json={"actor": rdf, "name": "Red Dawn"})
    assert r.is_success
    assert db_writer.get(f"/api/actors/{rdf}").json()["name"] == "Red Dawn"
    r = db_writer.post("/api/corrections/type", json={"actor": rdf, "type": "group"})
    assert r.is_success and db_writer.get(f"/api/actors/{rdf}").json()["type"] == "group"
    new = db_writer.post("/api/corrections/split", json={"actor": rdf, "names": ["RDF"]})
    assert new.is_success and new.json()["actor"] != rdf
    kinds = [c["kind"] for c in db_writer.get("/api/corrections").json()["items"]]
    assert kinds == ["add_alias", "rename_actor", "set_actor_type", "split_actor"]


def test_reject_and_confirm_a_fact(db_writer: TestClient) -> None:
    event = db_writer.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]
    r = db_writer.post(
        "/api/corrections/status", json={"kind": "event", "id": event["id"], "status": "rejected"}
    )
    assert r.is_success
    assert db_writer.get("/api/events", params={"type": "ASSAULT"}).json()["items"] == []
    hidden = db_writer.get("/api/events", params={"type": "ASSAULT", "include_rejected": True})
    assert hidden.json()["items"][0]["status"] == "rejected"
    assert event["id"] not in {
        f
        for e in db_writer.get("/api/graph").json()["edges"]
        if e["kind"] == "event"
        for f in e["facts"]
    }
    r = db_writer.post(
        "/api/corrections/status", json={"kind": "event", "id": event["id"], "status": "confirmed"}
    )
    assert db_writer.get(f"/api/events/{event['id']}").json()["status"] == "confirmed"
    missing = db_writer.post(
        "/api/corrections/status", json={"kind": "relation", "id": 999, "status": "confirmed"}
    )
    assert missing.status_code == 404


def test_correction_bodies_are_validated(writer: TestClient) -> None:
    bad = [
        ("alias", {"actor": 1, "alias": ""}),
        ("type", {"actor": 1, "type": "planet"}),
        ("status", {"kind": "document", "id": 1, "status": "rejected"}),
        ("merge", {"keep": "x", "other": 2}),
    ]
    for kind, body in bad:
        r = writer.post(f"/api/corrections/{kind}", json=body)
        assert r.status_code == 400, kind
        assert set(r.json()["error"]) == {"code", "message", "status"}
    assert (
        writer.post("/api/corrections/alias", json={"actor": 999, "alias": "Z"}).status_code == 404
    )


def _uploader(store: Store, extractor: Extractor) -> TestClient:
    app = create_app(WebConfig(token=TOKEN, max_upload=2000), store=store, extractor=extractor)
    c = TestClient(app, raise_server_exceptions=False)
    c.headers["Authorization"] = f"Bearer {TOKEN}"
    return c


@pytest.fixture
def uploader(write_store: Store, extractor: Extractor) -> TestClient:
    return _uploader(write_store, extractor)


@pytest.fixture
def db_uploader(db_write_store: Store, extractor: Extractor) -> TestClient:
    """An uploading client on each backend: an upload runs the store's writer."""
    return _uploader(db_write_store, extractor)


def test_upload_a_document_and_find_it(db_uploader: TestClient) -> None:
    r = db_uploader.post(
        "/api/documents",
        files={"file": ("../../etc/quiet-talks.txt", ARTICLE.encode(), "text/plain")},
        data={"published": "2024-05-04"},
    )
    assert r.status_code == 201, r.text
    (result,) = r.json()["documents"]
    assert not result["skipped"]
    doc = db_uploader.get(f"/api/documents/{result['document_id']}").json()
    # The uploaded name, without folders, is the source; never the server's temporary path.
    assert doc["source"] == "quiet-talks.txt" and doc["published"] == "2024-05-04"
    assert doc["title"] == "Quiet talks"
    again = db_uploader.post(
        "/api/documents", files={"file": ("copy.txt", ARTICLE.encode(), "text/plain")}
    )
    assert again.json()["documents"][0]["skipped"] is True


@pytest.mark.parametrize(
    ("name", "content", "status", "words"),
    [
        ("big.txt", b"word " * 1000, 413, "limit"),
        ("tool.exe", b"MZ\x90\x00", 415, "unsupported file type"),
        ("noext.docx", b"hello", 415, ".docx"),
        ("blob.txt", b"\x00\x01\x02\x03" * 50, 400, "binary"),
        ("empty.txt", b"   \n", 400, "empty"),
        ("fake.pdf", b"just text", 400, "PDF"),
    ],
)
def test_upload_refusals(
    uploader: TestClient, name: str, content: bytes, status: int, words: str
) -> None:
    r = uploader.post("/api/documents", files={"file": (name, content, "application/octet-stream")})
    assert r.status_code == status, r.text
    message = r.json()["error"]["message"]
    assert words in message and "/tmp" not in message and "actorgraph-upload" not in message


def test_upload_needs_the_token(uploader: TestClient) -> None:
    uploader.headers.pop("Authorization")
    r = uploader.post("/api/documents", files={"file": ("a.txt", ARTICLE.encode(), "text/plain")})
    assert r.status_code == 401
