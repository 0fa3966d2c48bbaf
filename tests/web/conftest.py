"""API test fixtures: a small invented store and FastAPI test clients over it.

``client`` and ``writer`` run on SQLite. ``db_client``, ``db_write_store`` and ``db_writer``
run on SQLite and, when ACTORGRAPH_TEST_PG names a server (scripts/pg_test_server.sh), on
PostgreSQL too: only the tests that query or change the store use them, so checks of
validation, tokens and static files are not run twice.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from web_helpers import TOKEN, fill

from actorgraph.store import Store
from actorgraph.web.app import WebConfig, create_app

PG = os.environ.get("ACTORGRAPH_TEST_PG")
BACKENDS = ["sqlite", "postgresql"]


@contextmanager
def filled_store(backend: str, folder: Path) -> Iterator[Store]:
    """A store filled with the invented records, in a throw-away database."""
    if backend == "sqlite":
        with Store.open(f"sqlite:///{folder / 'store.db'}") as store:
            yield fill(store)
        return
    if not PG:
        pytest.skip("no PostgreSQL server: set ACTORGRAPH_TEST_PG (see scripts/pg_test_server.sh)")
    name = f"ag_web_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(PG).set(database=name).render_as_string(hide_password=False)
    try:
        with Store.open(url) as store:
            yield fill(store)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _client(store: Store, *, token: bool = False) -> Iterator[TestClient]:
    app = create_app(WebConfig(token=TOKEN), store=store)
    with TestClient(app, raise_server_exceptions=False) as c:
        if token:
            c.headers["Authorization"] = f"Bearer {TOKEN}"
        yield c


@pytest.fixture(scope="module")
def read_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Shared by the read-only tests of a module: filled once."""
    with filled_store("sqlite", tmp_path_factory.mktemp("web")) as store:
        yield store


@pytest.fixture(scope="module")
def client(read_store: Store) -> Iterator[TestClient]:
    yield from _client(read_store)


@pytest.fixture(scope="module", params=BACKENDS)
def db_client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """A read-only client on each backend; the SQLite one is ``client``."""
    if request.param == "sqlite":
        yield request.getfixturevalue("client")
        return
    with filled_store(request.param, tmp_path_factory.mktemp("web-pg")) as store:
        yield from _client(store)


@pytest.fixture
def write_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh filled store per test, for corrections."""
    with filled_store("sqlite", tmp_path) as store:
        yield store


@pytest.fixture
def writer(write_store: Store) -> Iterator[TestClient]:
    yield from _client(write_store, token=True)


@pytest.fixture(params=BACKENDS)
def db_write_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh filled store per test on each backend, for tests that change it."""
    with filled_store(request.param, tmp_path) as store:
        yield store


@pytest.fixture
def db_writer(db_write_store: Store) -> Iterator[TestClient]:
    yield from _client(db_write_store, token=True)
