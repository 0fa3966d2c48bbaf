"""Issue 15, items 9-18 in Debian's chromium (see features.mjs for the walk-through)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import missing, run_node, serving
from web_helpers import TOKEN, add_guessed_event, add_isolated_pair, fill

from actorgraph.extract import Extractor
from actorgraph.store import Store
from actorgraph.web.report import ReportFilters, write_report

pytestmark = pytest.mark.skipif(missing() is not None, reason=missing() or "")

PARTS = [
    "expand",
    "read document",
    "confidence",
    "export",
    "deep link",
    "path",
    "opening",
    "bulk",
    "time",
    "undo",
]


@pytest.fixture(scope="module")
def features_server(
    tmp_path_factory: pytest.TempPathFactory, extractor: Extractor
) -> Iterator[str]:
    """The invented store, one event whose party was guessed (confidence 0.4) and a pair of
    actors tied only to each other."""
    store = fill(Store.open(f"sqlite:///{tmp_path_factory.mktemp('f') / 's.db'}"))
    add_guessed_event(store)
    add_isolated_pair(store)
    with serving(store, extractor) as base:
        yield base
    store.close()


def test_features_walk_through(features_server: str, tmp_path: Path) -> None:
    shots = Path(os.environ.get("ACTORGRAPH_SCREENSHOTS", tmp_path / "shots"))
    env = {
        "AG_BASE": features_server,
        "AG_TOKEN": TOKEN,
        "AG_SHOTS": str(shots),
        "AG_DOWNLOADS": str(tmp_path / "downloads"),
    }
    result = run_node("features.mjs", env)
    assert result["problems"] == []
    assert result["done"] == PARTS


def test_the_brief_prints_with_its_network(tmp_path: Path) -> None:
    store = fill(Store.open(f"sqlite:///{tmp_path / 's.db'}"))
    brief = tmp_path / "brief.html"
    write_report(store, brief, ReportFilters(), title="Test brief")
    store.close()
    shots = Path(os.environ.get("ACTORGRAPH_SCREENSHOTS", tmp_path / "shots"))
    shots.mkdir(parents=True, exist_ok=True)
    env = {"AG_REPORT": str(brief), "AG_SHOTS": str(shots), "AG_PDF": str(tmp_path / "b.pdf")}
    result = run_node("brief.mjs", env)
    assert result["problems"] == [] and result["done"] == ["drawn", "print"]
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
