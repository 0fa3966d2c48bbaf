"""Store fixtures: a fresh SQLite store file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.store import Store


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened
