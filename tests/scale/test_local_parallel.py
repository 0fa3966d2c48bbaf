"""Local ingest over several processes stores what the one-process ingest stores."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from scale_helpers import snapshot

from actorgraph.errors import ConfigError
from actorgraph.extract import Extractor
from actorgraph.records import Document, ExtractionRecord
from actorgraph.store import Store, ingest
from conftest import SLICE


def test_two_extraction_processes_store_the_same_graph(
    bbc_slice: Path, extractor: Extractor, reference: dict[str, Any], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    seen: list[str] = []
    with Store.open(url) as store:
        report = ingest(
            [bbc_slice],
            store,
            extractor.config,
            workers=2,
            progress=lambda source, status: seen.append(status),
        )
        assert (report.read, report.added, report.skipped, report.failed) == (SLICE, SLICE, 0, [])
        assert seen == ["added"] * SLICE
        assert snapshot(url) == reference
        # A copy under another name is skipped without a second extraction; the rest is stored.
        (bbc_slice.parent / "copy").mkdir(exist_ok=True)
        first = sorted(bbc_slice.iterdir())[0]
        copy = bbc_slice.parent / "copy" / "again.txt"
        copy.write_bytes(first.read_bytes())
        again = ingest([bbc_slice, copy], store, extractor.config, workers=2)
    assert (again.read, again.added, again.skipped) == (SLICE + 1, 0, SLICE + 1)
    assert snapshot(url) == reference


class _Plain:
    def extract(self, document: Document) -> ExtractionRecord:
        raise AssertionError("not called")


def test_an_extractor_without_a_config_cannot_be_spread_over_processes(
    bbc_slice: Path, tmp_path: Path
) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store, pytest.raises(ConfigError):
        ingest([bbc_slice], store, _Plain(), workers=2)


def test_a_few_documents_are_extracted_here_without_a_pool(
    extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = importlib.import_module("actorgraph.store.ingest")

    def no_pool(*_: object, **__: object) -> None:
        raise AssertionError("three documents started a worker pool")

    monkeypatch.setattr(module, "ProcessPoolExecutor", no_pool)
    folder = tmp_path / "news"
    folder.mkdir()
    for i, town in enumerate(["Vessa", "Orlo", "Brann"]):
        (folder / f"{i}.txt").write_text(
            f"Norland accused Freedonia of shelling {town} on Monday.\n", encoding="utf-8"
        )
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        report = ingest([folder], store, extractor, workers=2)
        assert (report.read, report.added) == (3, 3)
        assert store.stats().documents == 3
