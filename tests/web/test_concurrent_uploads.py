"""Uploads at once over HTTP: one server, one extractor, sixteen articles in flight together.

Each stored document must hold exactly what serial extraction finds in it: extraction keeps
no state of one document on the shared extractor that another request could see.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
import uvicorn
from web_helpers import TOKEN

from actorgraph.extract import Extractor
from actorgraph.ingest import read_file
from actorgraph.records import ExtractionRecord
from actorgraph.store import Store
from actorgraph.web.app import WebConfig, create_app

UPLOADS = 16
Signature = tuple[tuple[object, ...], ...]


def _articles() -> list[Path]:
    """Sixteen real articles from the shared BBC corpus next to the checkout (read at test
    time, never copied into the project)."""
    for parent in Path(__file__).resolve().parents:
        folder = parent / "shared" / "corpus" / "bbc" / "politics"
        if folder.is_dir():
            return sorted(folder.glob("*.txt"))[:UPLOADS]
    return []


def _record_signature(record: ExtractionRecord) -> Signature:
    events = sorted(
        ("event", e.type, e.evidence.start, e.evidence.end, e.modality, e.date.value or "")
        for e in record.events
    )
    mentions = sorted(
        ("mention", m.start, m.end, m.text) for a in record.actors for m in a.mentions
    )
    return tuple(events + mentions)


def _stored_signature(conn: sa.Connection, document_id: str) -> Signature:
    events = conn.execute(
        sa.text(
            "SELECT e.type, m.start, m.\"end\", m.modality, coalesce(m.date_value, '') "
            "FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.document_id = :d"
        ),
        {"d": document_id},
    )
    mentions = conn.execute(
        sa.text('SELECT start, "end", text FROM actor_mentions WHERE document_id = :d'),
        {"d": document_id},
    )
    return tuple(
        sorted(("event", *row) for row in events) + sorted(("mention", *row) for row in mentions)
    )


@pytest.fixture
def server(tmp_path: Path, extractor: Extractor) -> Iterator[tuple[str, Store]]:
    """A real uvicorn server on a free loopback port, sharing the session's extractor."""
    store = Store.open(f"sqlite:///{tmp_path / 'uploads.db'}")
    app = create_app(WebConfig(token=TOKEN), store=store, extractor=extractor)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}", store
    finally:
        srv.should_exit = True
        thread.join(timeout=30)
        store.close()


def test_sixteen_concurrent_uploads_store_what_serial_extraction_finds(
    server: tuple[str, Store], extractor: Extractor
) -> None:
    paths = _articles()
    if len(paths) < UPLOADS:
        pytest.skip("the shared BBC corpus (../shared/corpus/bbc) is not next to this checkout")
    base, store = server
    documents = [read_file(p)[0] for p in paths]
    serial = {d.id: _record_signature(extractor.extract(d)) for d in documents}

    def upload(path: Path) -> int:
        with httpx.Client(timeout=600) as client:
            r = client.post(
                f"{base}/api/documents",
                headers={"Authorization": f"Bearer {TOKEN}"},
                files={"file": (path.name, path.read_bytes(), "text/plain")},
            )
        return r.status_code

    with ThreadPoolExecutor(UPLOADS) as pool:
        statuses = list(pool.map(upload, paths))
    assert statuses == [201] * UPLOADS
    engine = sa.create_engine(store.url)
    with engine.connect() as conn:
        differing = [d.source for d in documents if _stored_signature(conn, d.id) != serial[d.id]]
    engine.dispose()
    assert differing == [], f"{len(differing)} of {UPLOADS} differ from serial extraction"
