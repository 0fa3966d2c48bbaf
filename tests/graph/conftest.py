"""Graph fixtures: the invented world of graph_world.py in a store, built once per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
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
