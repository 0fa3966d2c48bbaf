"""Graph fixtures: the invented world of graph_world.py in a store, built once per module."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from graph_world import build_world

from actorgraph.store import Store


@pytest.fixture(scope="module")
def world_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("world") / "world.db"
    url = f"sqlite:///{path}"
    with Store.open(url) as store:
        build_world(store)
    return url


@pytest.fixture(scope="module")
def world(world_url: str) -> Iterator[Store]:
    with Store.open(world_url) as store:
        yield store


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh empty store URL on each backend (PostgreSQL when ACTORGRAPH_TEST_PG is set)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'any.db'}"
        return
    pg = os.environ.get("ACTORGRAPH_TEST_PG")
    if not pg:
        pytest.skip("no PostgreSQL server: set ACTORGRAPH_TEST_PG (see scripts/pg_test_server.sh)")
    name = f"ag_graph_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.engine.make_url(pg).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
