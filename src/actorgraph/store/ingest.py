"""Read, extract and store documents, one transaction per document, resumable.

With ``workers > 1`` extraction runs in worker processes (each loads the pipeline once) while
this process alone writes to the store, in input order, so a parallel ingest files exactly what
a serial one would. Fewer than four new documents per worker are extracted in this process:
loading a model in every worker would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, TypeGuard

from pydantic import BaseModel
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from actorgraph.errors import ActorgraphError, ConfigError
from actorgraph.ingest import ReadProblem, iter_documents
from actorgraph.records import Document, ExtractionRecord
from actorgraph.store.errors import StoreError
from actorgraph.store.models import AddResult
from actorgraph.store.store import Store

if TYPE_CHECKING:
    from actorgraph.nlp import PipelineConfig

# Documents extracted together in one process: spaCy's batch size for `extract`. A crash loses
# at most these to the rerun, which resumes after the last stored document.
SERIAL_BATCH = 16

Status = Literal["added", "near-duplicate", "reextracted", "skipped", "unreadable", "failed"]
Progress = Callable[[str, Status], None]


class RecordExtractor(Protocol):
    """What ``ingest`` needs from an extractor (``actorgraph.extract.Extractor`` fits)."""

    def extract(self, document: Document) -> ExtractionRecord: ...


class IngestReport(BaseModel):
    """``read`` documents were read; each was ``added`` (``near_duplicates`` of them copies of
    a stored text), ``reextracted``, ``skipped`` as already stored, or ``failed`` (extraction
    or storage refused it: ``source: reason``). ``problems`` are inputs that could not be read.
    """

    read: int = 0
    added: int = 0
    near_duplicates: int = 0
    reextracted: int = 0
    skipped: int = 0
    failed: list[str] = []
    problems: list[str] = []

    def merge(self, other: IngestReport) -> None:
        """Add ``other``'s counts and lists to this report."""
        self.read += other.read
        self.added += other.added
        self.near_duplicates += other.near_duplicates
        self.reextracted += other.reextracted
        self.skipped += other.skipped
        self.failed.extend(other.failed)
        self.problems.extend(other.problems)


def available_cores() -> int:
    """Cores this process may run on (the CPU affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def note_added(report: IngestReport, result: AddResult) -> Status:
    """Count one ``Store.add_record`` result in ``report``; returns its status."""
    if result.skipped:  # stored meanwhile by another writer
        report.skipped += 1
        return "skipped"
    if result.replaced:
        report.reextracted += 1
        return "reextracted"
    report.added += 1
    if result.near_duplicate:
        report.near_duplicates += 1
        return "near-duplicate"
    return "added"


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    extractor: RecordExtractor | PipelineConfig,
    *,
    published: str | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    reextract: bool = False,
) -> IngestReport:
    """Store every readable document under ``paths``.

    Documents already in the store are skipped before extraction, so a rerun after a crash
    resumes where it stopped. Each document is committed on its own; unreadable inputs and
    documents the extractor rejects are listed in the report, not raised. ``progress`` is
    called once per input with its source and what happened to it.

    ``extractor`` is an extractor object, or a ``PipelineConfig`` to build one from. With
    ``workers > 1`` each worker process builds its own from the config (an ``Extractor``'s
    ``config`` serves too), unless there is too little to extract for that to pay.

    ``reextract`` extracts documents already stored again (after a model, KB or lexicon
    change) and replaces what they said; analysts' corrections stay in force.
    """
    report = IngestReport()

    def tell(source: str, status: Status) -> None:
        if progress is not None:
            progress(source, status)

    items = iter_documents(paths, published=published)
    if workers > 1:
        _parallel(items, store, extractor, workers, report, tell, reextract)
    else:
        _serial(items, store, extractor, report, tell, reextract)
    return report


def _extractor_of(extractor: RecordExtractor | PipelineConfig) -> RecordExtractor:
    from actorgraph.nlp import PipelineConfig

    if isinstance(extractor, PipelineConfig):
        from actorgraph.extract import Extractor

        return Extractor(extractor)
    return extractor


def _config_of(extractor: RecordExtractor | PipelineConfig) -> PipelineConfig:
    from actorgraph.nlp import PipelineConfig

    if isinstance(extractor, PipelineConfig):
        return extractor
    config = getattr(extractor, "config", None)
    if isinstance(config, PipelineConfig):
        return config
    raise ConfigError(
        "a parallel ingest builds one extractor per worker process and needs a PipelineConfig "
        "(or an Extractor); pass workers=1 to use this extractor object in-process"
    )


def _serial(
    items: Iterable[Document | ReadProblem],
    store: Store,
    extractor: RecordExtractor | PipelineConfig,
    report: IngestReport,
    tell: Progress,
    reextract: bool = False,
) -> None:
    here: RecordExtractor | None = None  # the model loads for the first document to extract
    batch: list[Document] = []
    pending: set[str] = set()

    def flush() -> None:
        nonlocal here
        if not batch:
            return
        here = here or _extractor_of(extractor)
        each = getattr(here, "extract_each", None)
        if each is None:
            for document in batch:
                _store_one(document, here, store, report, tell, reextract)
        else:
            # Parsed as a batch (spaCy's pipe), as `extract` does: one document at a time
            # costs the parse a tenth more. A failure is still that document's alone.
            for document, outcome in each(batch, SERIAL_BATCH):
                if isinstance(outcome, Exception):
                    _fail(document, outcome, report, tell)
                else:
                    _file(document, outcome, store, report, tell, reextract)
        batch.clear()
        pending.clear()

    for item in items:
        if _screen(item, store, pending, report, tell, reextract):
            batch.append(item)
            pending.add(item.id)
            if len(batch) >= SERIAL_BATCH:
                flush()
    flush()


def _screen(
    item: Document | ReadProblem,
    store: Store,
    pending: set[str],
    report: IngestReport,
    tell: Progress,
    reextract: bool = False,
) -> TypeGuard[Document]:
    """Count ``item``; True when it is a document still to be extracted."""
    if isinstance(item, ReadProblem):
        report.problems.append(str(item))
        tell(item.source, "unreadable")
        return False
    report.read += 1
    if item.id in pending or (not reextract and store.has_document(item.id)):
        # A copy of a document still in flight is stored by then, like a rerun.
        report.skipped += 1
        tell(item.source, "skipped")
        return False
    return True


def _failure(exc: Exception) -> ActorgraphError:
    """One document's failure as a one-line error; an unexpected exception is named as a bug."""
    if isinstance(exc, ActorgraphError):
        return exc
    from actorgraph.extract.record import extraction_failed

    return extraction_failed(exc)


def _store_fails(exc: StoreError) -> bool:
    """Whether the store itself failed (unreachable, locked, read-only), not this one document:
    then the run stops, since every later document would fail the same way. What the database
    says about one document's data (a constraint, a value it cannot hold) is that document's."""
    cause = exc.__cause__
    return isinstance(cause, DBAPIError) and not isinstance(cause, IntegrityError | DataError)


def _fail(document: Document, exc: Exception, report: IngestReport, tell: Progress) -> None:
    report.failed.append(f"{document.source}: {_failure(exc)}")
    tell(document.source, "failed")


def _file(
    document: Document,
    record: ExtractionRecord,
    store: Store,
    report: IngestReport,
    tell: Progress,
    reextract: bool,
) -> None:
    """Store one record; a document the store refuses is a failure of that document only."""
    try:
        result = store.add_record(record, document.text, replace=reextract)
    except StoreError as exc:
        if _store_fails(exc):
            raise
        _fail(document, exc, report, tell)
        return
    except Exception as exc:  # a bug filing one record must not stop the run
        _fail(document, exc, report, tell)
        return
    tell(document.source, note_added(report, result))


def _store_one(
    document: Document,
    extractor: RecordExtractor,
    store: Store,
    report: IngestReport,
    tell: Progress,
    reextract: bool = False,
) -> None:
    try:
        record = extractor.extract(document)
    except Exception as exc:  # one document's failure, reported with its source
        _fail(document, exc, report, tell)
        return
    _file(document, record, store, report, tell, reextract)


# -- worker processes ---------------------------------------------------------------------------

_worker_extractor: RecordExtractor | None = None
_worker_error: ActorgraphError | None = None

# (record, None) on success, (None, message) when the extractor rejected the document.
Extracted = tuple[ExtractionRecord | None, str | None]


def _watch_parent(parent: int) -> None:
    # A SIGKILLed parent leaves its pool behind: no EOF reaches workers that hold both ends
    # of the task pipe. Polling the parent pid ends them instead of leaving orphans.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _init_worker(config: PipelineConfig, parent: int) -> None:
    global _worker_extractor, _worker_error
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        from actorgraph.extract import Extractor

        _worker_extractor = Extractor(config)
    except ActorgraphError as exc:
        # Raised from the first task instead, where the parent sees its message.
        _worker_error = exc


def _extract_in_worker(document: Document) -> Extracted:
    if _worker_error is not None:
        raise _worker_error
    assert _worker_extractor is not None
    try:
        return _worker_extractor.extract(document), None
    except Exception as exc:  # reported by the parent as this document's failure
        return None, str(_failure(exc))


def _parallel(
    items: Iterable[Document | ReadProblem],
    store: Store,
    extractor: RecordExtractor | PipelineConfig,
    workers: int,
    report: IngestReport,
    tell: Progress,
    reextract: bool = False,
) -> None:
    # Enough queued work to keep every worker busy while the parent writes.
    depth = workers * 4
    pending: set[str] = set()
    stream = iter(items)
    first: list[Document] = []
    for item in stream:
        if _screen(item, store, pending, report, tell, reextract):
            first.append(item)
            pending.add(item.id)
            if len(first) >= depth:
                break
    if len(first) < depth:
        # Too little to extract to pay for starting a model in every worker: do it here.
        if first:
            here = _extractor_of(extractor)
            for document in first:
                _store_one(document, here, store, report, tell, reextract)
        return
    config = _config_of(extractor)
    # spawn, not fork: the parent may hold database connections and progress-bar threads.
    context = multiprocessing.get_context("spawn")
    window: deque[tuple[Document, Future[Extracted]]] = deque()

    def write_head() -> None:
        document, future = window.popleft()
        try:
            record, error = future.result()
        except BrokenProcessPool as exc:
            raise ActorgraphError(
                "an extraction worker process died (out of memory?); rerun the ingest to resume"
            ) from exc
        if record is None:
            report.failed.append(f"{document.source}: {error}")
            tell(document.source, "failed")
        else:
            _file(document, record, store, report, tell, reextract)
        pending.discard(document.id)

    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(config, os.getpid()),
    ) as pool:
        try:
            for document in first:
                window.append((document, pool.submit(_extract_in_worker, document)))
            for item in stream:
                if _screen(item, store, pending, report, tell, reextract):
                    pending.add(item.id)
                    window.append((item, pool.submit(_extract_in_worker, item)))
                while window and (len(window) >= depth or window[0][1].done()):
                    write_head()
            while window:
                write_head()
        except BaseException:
            for _, future in window:
                future.cancel()
            raise
