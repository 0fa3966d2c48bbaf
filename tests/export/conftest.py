"""Export fixtures: the invented world of tests/graph/graph_world.py in a store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The world is shared with the graph tests; its module lives beside them.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "graph"))

from graph_world import build_world

from actorgraph.graph import FactSet, load_facts
from actorgraph.store import Store


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path_factory.mktemp('world') / 'world.db'}"
    with Store.open(url) as store:
        build_world(store)
        yield store


@pytest.fixture(scope="module")
def facts(world: Store) -> FactSet:
    return load_facts(world)
