"""API test fixtures: a small invented store and FastAPI test clients over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import TOKEN, fill

from actorgraph.store import Store
from actorgraph.web.app import WebConfig, create_app


@pytest.fixture(scope="module")
def read_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Shared by the read-only tests of a module: filled once."""
    path = tmp_path_factory.mktemp("web") / "read.db"
    with Store.open(f"sqlite:///{path}") as store:
        yield fill(store)


@pytest.fixture(scope="module")
def client(read_store: Store) -> Iterator[TestClient]:
    app = create_app(WebConfig(token=TOKEN), store=read_store)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def write_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh filled store per test, for corrections."""
    with Store.open(f"sqlite:///{tmp_path / 'write.db'}") as store:
        yield fill(store)


@pytest.fixture
def writer(write_store: Store) -> Iterator[TestClient]:
    app = create_app(WebConfig(token=TOKEN), store=write_store)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        yield c
