"""Shared fixtures: one pipeline for the whole test session (loading spaCy takes a second)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from actorgraph.extract import Extractor
from actorgraph.nlp import PipelineConfig
from actorgraph.records import Document, ExtractionRecord

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _kb_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    # The tests neither read nor fill the user's KB cache (~/.cache/actorgraph).
    os.environ.setdefault("ACTORGRAPH_CACHE_DIR", str(tmp_path_factory.mktemp("kb-cache")))


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    # The fixture KB adds a few invented people and groups the tests talk about.
    return Extractor(PipelineConfig(kb_paths=(str(FIXTURES / "test-kb.yaml"),)))


@pytest.fixture(scope="session")
def run(extractor: Extractor) -> Callable[..., ExtractionRecord]:
    def _run(text: str, published: str | None = "2021-06-15") -> ExtractionRecord:
        return extractor.extract(
            Document(text=text, source="test", published=published, published_source="option")
        )

    return _run
