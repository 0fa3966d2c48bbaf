"""What runs on a Dask worker: one extractor per worker process, shard tasks, store writes.

Imported by workers when they unpickle a task, so it holds no client-side state.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin, get_worker

from actorgraph.errors import ActorgraphError
from actorgraph.records import Document, ExtractionRecord
from actorgraph.store.ingest import IngestReport, RecordExtractor, Status, note_added
from actorgraph.store.store import Store

if TYPE_CHECKING:
    from actorgraph.nlp import PipelineConfig

PLUGIN = "actorgraph-extractor"

# (record, None), or (None, why the extractor rejected the document)
Extracted = tuple[ExtractionRecord | None, str | None]
# (document source, what happened to it, the failure message if it failed)
Outcome = tuple[str, Status, str | None]


class ExtractorPlugin(WorkerPlugin):
    """Loads the spaCy pipeline once when a worker starts (and when a nanny restarts it)."""

    idempotent = True  # registering it again from a second client does not reload the model

    def __init__(self, config: PipelineConfig) -> None:
        self.config = config
        self.extractor: RecordExtractor | None = None

    def setup(self, worker: Any) -> None:
        from actorgraph.extract import Extractor

        self.extractor = Extractor(self.config)


_lock = threading.Lock()
_cached: dict[str, Any] = {}


def worker_extractor(config: PipelineConfig) -> RecordExtractor:
    """The extractor the plugin loaded on this worker, else one cached for this process."""
    try:
        plugin = get_worker().plugins.get(PLUGIN)
    except ValueError:  # not on a worker
        plugin = None
    if isinstance(plugin, ExtractorPlugin) and plugin.config == config and plugin.extractor:
        return plugin.extractor
    key = f"extractor:{config!r}"
    with _lock:
        if key not in _cached:
            from actorgraph.extract import Extractor

            _cached[key] = Extractor(config)
        extractor: RecordExtractor = _cached[key]
        return extractor


def _worker_store(url: str) -> Store:
    key = f"store:{url}"
    with _lock:
        if key not in _cached:
            _cached[key] = Store.open(url)
        store: Store = _cached[key]
        return store


def extract_shard(config: PipelineConfig, documents: list[Document]) -> list[Extracted]:
    """Extract a shard; the client writes the records (the SQLite path)."""
    extractor = worker_extractor(config)
    out: list[Extracted] = []
    for document in documents:
        try:
            out.append((extractor.extract(document), None))
        except ActorgraphError as exc:
            out.append((None, str(exc)))
    return out


def store_shard(config: PipelineConfig, url: str, documents: list[Document]) -> list[Outcome]:
    """Extract a shard and write it to the store from this worker (the PostgreSQL path).

    A rerun of the shard (its worker died half-way) skips what is already stored.
    """
    extractor = worker_extractor(config)
    store = _worker_store(url)
    out: list[Outcome] = []
    for document in documents:
        if store.has_document(document.id):
            out.append((document.source, "skipped", None))
            continue
        try:
            record = extractor.extract(document)
        except ActorgraphError as exc:
            out.append((document.source, "failed", str(exc)))
            continue
        # add_record queues workers on the store's own write lock.
        status = note_added(IngestReport(), store.add_record(record, document.text))
        out.append((document.source, status, None))
    return out
