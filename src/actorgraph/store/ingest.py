"""Read, extract and store documents, one transaction per document, resumable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel

from actorgraph.errors import ActorgraphError
from actorgraph.ingest import ReadProblem, iter_documents
from actorgraph.records import Document, ExtractionRecord
from actorgraph.store.store import Store

Status = Literal["added", "near-duplicate", "skipped", "unreadable", "failed"]


class RecordExtractor(Protocol):
    """What ``ingest`` needs from an extractor (``actorgraph.extract.Extractor`` fits)."""

    def extract(self, document: Document) -> ExtractionRecord: ...


class IngestReport(BaseModel):
    """``read`` documents were read; each was ``added`` (``near_duplicates`` of them copies of
    a stored text), ``skipped`` as already stored, or ``failed`` at extraction."""

    read: int = 0
    added: int = 0
    near_duplicates: int = 0
    skipped: int = 0
    failed: list[str] = []
    problems: list[str] = []


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    extractor: RecordExtractor,
    *,
    published: str | None = None,
    progress: Callable[[str, Status], None] | None = None,
) -> IngestReport:
    """Store every readable document under ``paths``.

    Documents already in the store are skipped before extraction, so a rerun after a crash
    resumes where it stopped. Each document is committed on its own; unreadable inputs and
    documents the extractor rejects are listed in the report, not raised. ``progress`` is
    called once per input with its source and what happened to it.
    """
    report = IngestReport()

    def tell(source: str, status: Status) -> None:
        if progress is not None:
            progress(source, status)

    for item in iter_documents(paths, published=published):
        if isinstance(item, ReadProblem):
            report.problems.append(str(item))
            tell(item.source, "unreadable")
            continue
        report.read += 1
        if store.has_document(item.id):
            report.skipped += 1
            tell(item.source, "skipped")
            continue
        try:
            record = extractor.extract(item)
        except ActorgraphError as exc:
            report.failed.append(f"{item.source}: {exc}")
            tell(item.source, "failed")
            continue
        result = store.add_record(record, item.text)
        if result.skipped:  # stored meanwhile by another writer
            report.skipped += 1
            tell(item.source, "skipped")
        elif result.near_duplicate:
            report.added += 1
            report.near_duplicates += 1
            tell(item.source, "near-duplicate")
        else:
            report.added += 1
            tell(item.source, "added")
    return report
