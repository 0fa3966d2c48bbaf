"""One error shape everywhere, and never a traceback."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from actorgraph.store import Store, StoreError
from actorgraph.web.app import WebConfig, create_app


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body["error"]


@pytest.mark.parametrize(
    ("method", "path", "params", "status", "code"),
    [
        ("get", "/api/nothing-here", {}, 404, "not_found"),
        ("get", "/no/such/page", {}, 404, "not_found"),
        ("delete", "/api/stats", {}, 405, "method_not_allowed"),
        ("get", "/api/events", {"min_sources": 0}, 400, "invalid_request"),
        ("get", "/api/events", {"modality": "certain"}, 400, "invalid_request"),
        ("get", "/api/events", {"limit": 100000}, 400, "invalid_request"),
        ("get", "/api/events", {"since": "last week"}, 400, "bad_request"),
        ("get", "/api/events/abc", {}, 400, "invalid_request"),
        ("get", "/api/events/99999", {}, 404, "not_found"),
        ("get", "/api/documents/0000000000000000", {}, 404, "not_found"),
        ("get", "/api/actors/Nobody%20At%20All", {}, 404, "not_found"),
        ("get", "/api/actors/424242/profile", {}, 404, "not_found"),
        ("get", "/api/evidence/document/1", {}, 400, "invalid_request"),
        ("get", "/api/analytics/pagerank", {}, 400, "invalid_request"),
        ("get", "/api/search", {}, 400, "invalid_request"),
        ("get", "/api/paths", {"source": "Norland", "target": "Nobody"}, 404, "not_found"),
    ],
)
def test_error_shape(
    client: TestClient, method: str, path: str, params: dict[str, Any], status: int, code: str
) -> None:
    assert_error(client.request(method, path, params=params), status, code)


def test_unexpected_exception_is_a_plain_500(
    read_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("secret internal detail at /srv/db")

    monkeypatch.setattr(read_store, "stats", broken)
    with TestClient(create_app(WebConfig(), store=read_store), raise_server_exceptions=False) as c:
        error = assert_error(c.get("/api/stats"), 500, "internal_error")
    assert "secret" not in error["message"]


def test_database_failure_hides_its_details(
    read_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down() -> None:
        cause = OperationalError("SELECT 1", {}, Exception("password=hunter2 host=db"))
        raise StoreError("cannot read store: password=hunter2") from cause

    monkeypatch.setattr(read_store, "stats", down)
    with TestClient(create_app(WebConfig(), store=read_store), raise_server_exceptions=False) as c:
        error = assert_error(c.get("/api/stats"), 500, "internal_error")
    assert "hunter2" not in error["message"]


def test_foreign_host_names_are_refused(read_store: Store) -> None:
    config = WebConfig(allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(create_app(config, store=read_store), base_url="http://localhost:8000") as c:
        assert c.get("/api/stats").status_code == 200
        assert_error(c.get("/api/stats", headers={"Host": "attacker.example"}), 400, "bad_request")


def test_security_headers(client: TestClient) -> None:
    r = client.get("/api/stats")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
