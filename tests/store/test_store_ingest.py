"""Ingest real text through the extractor: resumable, corroboration by independent sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actorgraph.extract import Extractor
from actorgraph.records import Document, ExtractionRecord
from actorgraph.store import Store, ingest

CORPUS = Path(__file__).parent / "corpus"
COURIER = CORPUS / "vessa-talks-courier.txt"
HERALD = CORPUS / "red-dawn-talks-herald.txt"


class Counting:
    """The session extractor, counting calls."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor
        self.calls = 0

    def extract(self, document: Document) -> ExtractionRecord:
        self.calls += 1
        return self.extractor.extract(document)


@pytest.fixture
def counting(extractor: Extractor) -> Counting:
    return Counting(extractor)


def test_ingesting_a_folder_twice_gives_the_same_counts(
    store: Store, counting: Counting, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    shutil.copytree(CORPUS, folder)
    (folder / "broken.pdf").write_bytes(b"not a pdf")
    first = ingest([folder], store, counting, published="2021-06-15")
    after_first = store.stats()
    assert (first.read, first.added, first.skipped, len(first.problems)) == (2, 2, 0, 1)
    seen: list[tuple[str, str]] = []
    second = ingest(
        [folder], store, counting, published="2021-06-15", progress=lambda *a: seen.append(a)
    )
    assert (second.added, second.skipped) == (0, 2)
    assert counting.calls == 2  # the rerun extracted nothing
    assert store.stats() == after_first
    assert sorted(status for _, status in seen) == ["skipped", "skipped", "unreadable"]


def test_two_reports_of_one_meeting_give_one_event_with_two_sources(
    store: Store, counting: Counting
) -> None:
    ingest([COURIER], store, counting, published="2021-06-15")
    ingest([HERALD], store, counting, published="2021-06-16")
    [meeting] = store.events(type="CONSULT")
    assert meeting.date == "2021-06-14"
    assert (meeting.sources, meeting.documents) == (2, 2)
    assert (meeting.first_reported, meeting.last_reported) == ("2021-06-15", "2021-06-16")
    assert not meeting.disputed
    brook = store.actors(search="test/elena-brook")
    assert len(brook) == 1 and brook[0].documents == 2


def test_copies_add_no_independent_source(store: Store, counting: Counting, tmp_path: Path) -> None:
    text = COURIER.read_text(encoding="utf-8")
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a-original.txt").write_text(text, encoding="utf-8")
    (folder / "b-exact-copy.txt").write_text(text, encoding="utf-8")
    # A syndicated copy: the same story with one sentence rewritten by the reprinting outlet.
    changed = "Local traders in the town said the roads had been quiet for several days"
    assert changed in text
    edited = text.replace(changed, "Shop owners near the bus station said traffic had been light")
    (folder / "c-syndicated.txt").write_text(edited, encoding="utf-8")

    report = ingest([folder], store, counting, published="2021-06-15")
    assert (report.read, report.added, report.skipped, report.near_duplicates) == (3, 2, 1, 1)
    stats = store.stats()
    assert (stats.documents, stats.dup_groups) == (2, 1)
    [meeting] = store.events(type="CONSULT")
    assert (meeting.sources, meeting.documents, meeting.mentions) == (1, 2, 2)

    ingest([HERALD], store, counting, published="2021-06-16")
    [meeting] = store.events(type="CONSULT")
    assert (meeting.sources, meeting.documents) == (2, 3)
    assert [e.id for e in store.events(min_sources=2)] == [meeting.id]


def test_a_denial_marks_the_meeting_disputed(
    store: Store, counting: Counting, tmp_path: Path
) -> None:
    denial = tmp_path / "denial.txt"
    denial.write_text(
        "Presidency rejects meeting report\n\nThe presidency denied that Elena Brook met Tomas "
        "Varga in Vessa on Monday. A spokesperson said the president spent the day in the "
        "capital.\n",
        encoding="utf-8",
    )
    ingest([COURIER], store, counting, published="2021-06-15")
    [before] = store.events(type="CONSULT")
    assert not before.disputed
    ingest([denial], store, counting, published="2021-06-16")
    [after] = store.events(type="CONSULT")
    assert after.id == before.id and after.disputed and after.sources == 2
