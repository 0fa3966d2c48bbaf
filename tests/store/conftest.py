"""Store fixtures: a fresh store per test, on SQLite and, when a server is given in
ACTORGRAPH_TEST_PG (scripts/pg_test_server.sh starts one; .ci/run does), on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from actorgraph.store import Store

PG = os.environ.get("ACTORGRAPH_TEST_PG")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not PG:
        pytest.skip("no PostgreSQL server: set ACTORGRAPH_TEST_PG (see scripts/pg_test_server.sh)")
    name = f"ag_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(PG).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened
