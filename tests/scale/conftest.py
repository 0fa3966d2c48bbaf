"""Scale fixtures: a slice of the BBC corpus, one two-worker Dask LocalCluster for the whole
session, and store URLs on SQLite and (with ACTORGRAPH_TEST_PG) PostgreSQL."""

from __future__ import annotations

import logging
import os
import random
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

SHARED = Path(os.environ.get("ACTORGRAPH_SHARED", Path(__file__).resolve().parents[3] / "shared"))
BBC = SHARED / "corpus" / "bbc"
PG = os.environ.get("ACTORGRAPH_TEST_PG")

# Stand-in articles, our own sentences, for a checkout that has no BBC corpus beside it: the
# engines must agree on any text, so these test the same thing, only on less varied prose.
STATES = ["France", "Kenya", "Chile", "Japan", "Egypt", "Poland", "Peru", "Ghana", "Norway"]
CITIES = ["Paris", "Nairobi", "Santiago", "Tokyo", "Cairo", "Warsaw", "Lima", "Accra", "Oslo"]
TEMPLATES = [
    "{a} and {b} sign a trade accord\n\nThe foreign ministers of {a} and {b} met in {city} on "
    "Monday and signed an accord on port fees. {b} said it would open talks on visas next month.",
    "{a} accuses {b} over border incident\n\n{a} accused {b} on Tuesday of sending troops "
    "across the border near {city}. {b} denied the claim and called for calm.",
    "{a} sends aid after floods\n\n{a} sent food and tents to {b} after floods around {city} "
    "on Wednesday, officials in {city} said. The army of {b} helped to clear the roads.",
]


GOODS = ["rice", "fuel", "cement", "bread", "coffee", "steel", "cotton", "tea", "salt", "milk"]
PEOPLE = ["traders", "farmers", "drivers", "teachers", "nurses", "students", "fishermen"]


def _filler(i: int) -> str:
    """Sentences that differ from article to article, so no two texts are near-duplicates."""
    rng = random.Random(i)
    return " ".join(
        f"{rng.choice(PEOPLE).capitalize()} in {rng.choice(CITIES)} said the price of "
        f"{rng.choice(GOODS)} had changed by {rng.randint(2, 97)} percent since week "
        f"{rng.randint(1, 52)}."
        for _ in range(8)
    )


def _own_articles(folder: Path, n: int) -> None:
    for i in range(n):
        a, b = STATES[i % len(STATES)], STATES[(i * 4 + 1) % len(STATES)]
        city = CITIES[(i * 4 + 1) % len(CITIES)]
        text = TEMPLATES[i % len(TEMPLATES)].format(a=a, b=b, city=city)
        (folder / f"own-{i:03d}.txt").write_text(f"{text} {_filler(i)}\n", encoding="utf-8")


@pytest.fixture(scope="session")
def bbc_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SLICE BBC articles spread over the corpus's sections, copied into a temporary folder;
    our own stand-in articles when the corpus is not there."""
    folder = tmp_path_factory.mktemp("bbc")
    files = sorted(BBC.rglob("*.txt"))
    if len(files) < SLICE:
        _own_articles(folder, SLICE)
        return folder
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
