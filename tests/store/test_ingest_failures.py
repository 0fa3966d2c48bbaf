"""One document that fails never stops an ingest: it is named with its reason, counted as
failed, and every other document is stored -- also when documents are extracted again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actorgraph.extract import Extractor
from actorgraph.ingest.text import MAX_DOCUMENT_CHARS
from actorgraph.records import Document, ExtractionRecord
from actorgraph.store import Store, ingest

CORPUS = Path(__file__).parent / "corpus"


class Garbling:
    """The real extractor, except that records of documents whose source contains ``bad``
    name an actor they do not list -- a record the store must refuse (and did, by stopping)."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor
        self.garble = True

    def extract(self, document: Document) -> ExtractionRecord:
        record = self.extractor.extract(document)
        if self.garble and "bad" in Path(document.source).name and record.events:
            first = record.events[0].model_copy(update={"source": ["no-such-actor"]})
            record = record.model_copy(update={"events": [first, *record.events[1:]]})
        return record


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    shutil.copytree(CORPUS, news)
    names = sorted(p.name for p in news.iterdir())
    # The refused document sorts first, so everything after it must still be stored.
    shutil.copy(news / names[0], news / "0-bad.txt")
    with (news / "0-bad.txt").open("a", encoding="utf-8") as out:
        out.write("\nA line that makes this copy a document of its own.\n")
    (news / "00-long.txt").write_text("word " * (MAX_DOCUMENT_CHARS // 5 + 10), encoding="utf-8")
    return news


def _failed_sources(failed: list[str]) -> list[str]:
    assert all("\n" not in line for line in failed)
    return sorted(Path(line.split(": ", 1)[0]).name for line in failed)


def test_failed_documents_are_named_counted_and_the_rest_stored(
    store: Store, extractor: Extractor, folder: Path
) -> None:
    garbling = Garbling(extractor)
    report = ingest([folder], store, garbling, published="2021-06-15")
    assert _failed_sources(report.failed) == ["0-bad.txt"]
    # Too long to extract: refused when read, before any model is loaded for it.
    assert _failed_sources(report.problems) == ["00-long.txt"]
    assert "characters long" in report.problems[0]
    good = len(list(CORPUS.iterdir()))
    assert (report.read, report.added) == (good + 1, good)
    assert store.stats().documents == good
    # Extracting everything again: the refused document is a failure, never "skipped".
    again = ingest([folder], store, garbling, published="2021-06-15", reextract=True)
    assert _failed_sources(again.failed) == ["0-bad.txt"]
    assert (again.reextracted, again.added, again.skipped) == (good, 0, 0)
    # Once the extractor is fixed, a rerun stores what failed and only that.
    garbling.garble = False
    fixed = ingest([folder], store, garbling, published="2021-06-15")
    assert (fixed.added, fixed.skipped, fixed.failed) == (1, good, [])
