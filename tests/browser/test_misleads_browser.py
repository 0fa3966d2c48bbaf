"""Issue 15, items 1-3, 5, 7 and 8 in Debian's chromium: races under slowed answers, the reason
field, the evidence panel after a verdict, undated events and the search keys."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import missing, run_node, serving
from web_helpers import TOKEN, add_undated_event, fill

from actorgraph.extract import Extractor
from actorgraph.store import Store

pytestmark = pytest.mark.skipif(missing() is not None, reason=missing() or "")


@pytest.fixture(scope="module")
def undated_server(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[str]:
    """The invented store and one more document whose event has no date."""
    store = fill(Store.open(f"sqlite:///{tmp_path_factory.mktemp('b') / 's.db'}"))
    add_undated_event(store)
    with serving(store, extractor) as base:
        yield base
    store.close()


def test_what_misled_no_longer_does(undated_server: str, tmp_path: Path) -> None:
    shots = Path(os.environ.get("ACTORGRAPH_SCREENSHOTS", tmp_path / "shots"))
    env = {"AG_BASE": undated_server, "AG_TOKEN": TOKEN, "AG_SHOTS": str(shots)}
    result = run_node("misleads.mjs", env)
    assert result["problems"] == []
    assert result["done"] == [
        "filter race",
        "search stale click",
        "search mix",
        "search reopen",
        "search keys",
        "no null",
        "reason once",
        "rejected stays",
        "undated",
        "paging",
    ]
