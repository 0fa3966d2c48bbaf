"""No unauthenticated load: the token is checked before a body is read, oversized bodies are
refused by their Content-Length or as soon as they pass the limit; numbers out of range are
client errors, never 500s."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_helpers import TOKEN

from actorgraph.store import Store
from actorgraph.web.app import create_app
from actorgraph.web.state import MAX_JSON_BODY, WebConfig

CHUNK = 64 * 1024
GIGABYTE = 1024**3
BOUNDARY = "agboundary"


def _multipart_stream(total: int) -> Iterator[bytes]:
    """A multipart upload of ``total`` bytes, made lazily (never held in memory)."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    yield head
    sent = len(head)
    while sent < total:
        chunk = b"a" * min(CHUNK, total - sent)
        sent += len(chunk)
        yield chunk


class Sent:
    """What the app did with a request: its status, body, and how much of the body it read."""

    def __init__(self) -> None:
        self.status = 0
        self.body = b""
        self.read = 0

    @property
    def error(self) -> dict[str, Any]:
        error: dict[str, Any] = json.loads(self.body)["error"]
        return error


def call(
    app: FastAPI,
    method: str,
    path: str,
    chunks: Iterator[bytes],
    headers: dict[str, str] | None = None,
) -> Sent:
    """Run one request through the ASGI app, pulling body chunks only when the app asks."""
    out = Sent()

    async def receive() -> dict[str, Any]:
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        out.read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            out.status = message["status"]
        elif message["type"] == "http.response.body":
            out.body += message.get("body", b"")

    sent_headers = {"host": "127.0.0.1:8000", **(headers or {})}
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in sent_headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    return out


@pytest.fixture
def app(write_store: Store) -> FastAPI:
    return create_app(WebConfig(token=TOKEN, max_upload=1024 * 1024), store=write_store)


UPLOAD = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}
AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_an_unauthenticated_gigabyte_upload_is_refused_before_a_megabyte_is_read(
    app: FastAPI, declared: bool
) -> None:
    headers = {**UPLOAD, **({"content-length": str(GIGABYTE)} if declared else {})}
    sent = call(app, "POST", "/api/documents", _multipart_stream(GIGABYTE), headers)
    assert sent.status == 401 and sent.error["code"] == "unauthorized"
    assert sent.read < 1024 * 1024


def test_a_wrong_token_is_refused_before_the_body_too(app: FastAPI) -> None:
    headers = {**UPLOAD, "authorization": "Bearer not-the-token"}
    sent = call(app, "POST", "/api/documents", _multipart_stream(GIGABYTE), headers)
    assert sent.status == 401 and sent.read == 0


def test_an_unauthenticated_huge_json_body_is_never_read(app: FastAPI) -> None:
    def body() -> Iterator[bytes]:
        yield b'{"actor": 1, "alias": "'
        for _ in range(300 * 1024 * 1024 // CHUNK):
            yield b"x" * CHUNK

    sent = call(app, "POST", "/api/corrections/alias", body(), {"content-type": "application/json"})
    assert sent.status == 401 and sent.read == 0


def test_a_declared_length_over_the_limit_is_refused_unread(app: FastAPI) -> None:
    headers = {**UPLOAD, **AUTH, "content-length": str(50 * 1024 * 1024)}
    sent = call(app, "POST", "/api/documents", _multipart_stream(50 * 1024 * 1024), headers)
    assert sent.status == 413 and sent.error["code"] == "too_large"
    assert sent.read == 0


def test_an_undeclared_body_stops_being_read_at_the_limit(app: FastAPI) -> None:
    sent = call(app, "POST", "/api/documents", _multipart_stream(GIGABYTE), {**UPLOAD, **AUTH})
    assert sent.status == 413 and sent.error["code"] == "too_large"
    assert sent.read <= 1024 * 1024 + 64 * 1024 + 2 * CHUNK


def test_a_json_body_stops_being_read_at_its_own_limit(app: FastAPI) -> None:
    def body() -> Iterator[bytes]:
        yield b'{"actor": 1, "alias": "'
        while True:
            yield b"x" * CHUNK

    headers = {**AUTH, "content-type": "application/json"}
    sent = call(app, "POST", "/api/corrections/alias", body(), headers)
    assert sent.status == 413 and sent.read <= MAX_JSON_BODY + 2 * CHUNK


def test_a_bad_content_length_is_a_bad_request(app: FastAPI) -> None:
    headers = {**AUTH, "content-type": "application/json", "content-length": "²"}
    sent = call(app, "POST", "/api/corrections/alias", iter([b"{}"]), headers)
    assert sent.status == 400 and sent.read == 0


def test_an_upload_within_the_limit_still_works(app: FastAPI) -> None:
    with TestClient(app) as c:
        r = c.post(
            "/api/documents",
            headers={"Authorization": f"Bearer {TOKEN}"},
            files={"file": ("note.txt", b"Norland accused Ostmark of spying on Monday.\n")},
        )
    # The extractor loads on the first upload: only the reading and limits matter here.
    assert r.status_code == 201, r.text


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("get", "/api/events/99999999999999999999", None, 400),
        ("get", "/api/events/2147483648", None, 400),
        ("get", "/api/evidence/event/99999999999999999999", None, 400),
        ("get", "/api/events?offset=99999999999999999999", None, 400),
        ("get", "/api/actors/99999999999999999999", None, 404),
        ("get", "/api/actors/²", None, 404),
        ("get", "/api/actors/99999999999999999999/profile", None, 404),
        ("get", "/api/events?actor=99999999999999999999", None, 200),
        ("get", "/api/paths?source=1&target=99999999999999999999", None, 404),
        ("post", "/api/corrections/merge", {"keep": 1, "other": 10**20}, 400),
        ("post", "/api/corrections/alias", {"actor": 10**20, "alias": "X"}, 400),
        ("post", "/api/corrections/split", {"actor": 1, "names": ["never-its-name"]}, 400),
        ("post", "/api/corrections/status", {"kind": "event", "id": 10**20, "status": None}, 400),
    ],
)
def test_numbers_out_of_range_are_client_errors(
    app: FastAPI, method: str, path: str, body: dict[str, Any] | None, status: int
) -> None:
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.request(method, path, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == status, r.text
    assert "Traceback" not in r.text
