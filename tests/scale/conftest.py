"""Scale fixtures: a slice of the BBC corpus, one two-worker Dask LocalCluster for the whole
session, and store URLs on SQLite and (with ACTORGRAPH_TEST_PG) PostgreSQL."""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from scale_helpers import SLICE, snapshot

from actorgraph.extract import Extractor
from actorgraph.store import Store, ingest

BBC = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "bbc"
PG = os.environ.get("ACTORGRAPH_TEST_PG")


@pytest.fixture(scope="session")
def bbc_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SLICE BBC articles spread over the corpus's sections, copied into a temporary folder."""
    files = sorted(BBC.rglob("*.txt"))
    if len(files) < SLICE:
        pytest.skip(f"the BBC corpus is not at {BBC}")
    folder = tmp_path_factory.mktemp("bbc")
    step = len(files) // SLICE
    for f in files[::step][:SLICE]:
        shutil.copy(f, folder / f"{f.parent.name}-{f.name}")
    return folder


@pytest.fixture(scope="session")
def cluster_client() -> Iterator[object]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def fresh_url(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / f'store-{uuid.uuid4().hex[:6]}.db'}"
        return
    if not PG:
        pytest.skip("no PostgreSQL server: set ACTORGRAPH_TEST_PG (see scripts/pg_test_server.sh)")
    name = f"ag_scale_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.engine.make_url(PG).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from fresh_url(request.param, tmp_path)


@pytest.fixture(scope="session")
def reference(
    bbc_slice: Path, extractor: Extractor, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The slice ingested the plain way: in this process, one document after another."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'store.db'}"
    with Store.open(url) as store:
        report = ingest([bbc_slice], store, extractor)
    assert (report.read, report.added) == (SLICE, SLICE)
    return snapshot(url)
