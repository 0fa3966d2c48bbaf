"""Browser test fixtures (helpers in browser_helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_helpers import serving
from web_helpers import fill

from actorgraph.extract import Extractor
from actorgraph.store import Store


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[str]:
    """The invented store of tests/web, served; one per test module (tests change it)."""
    path = tmp_path_factory.mktemp("browser") / "store.db"
    store = fill(Store.open(f"sqlite:///{path}"))
    with serving(store, extractor) as base:
        yield base
    store.close()
