"""The knowledge store: documents, actors, events and relations merged across documents."""

from actorgraph.store.errors import NotFoundError, StoreError
from actorgraph.store.ingest import IngestReport, RecordExtractor, ingest
from actorgraph.store.migrate import upgrade
from actorgraph.store.models import AddResult, EventSummary, StoredActor, StoreStats
from actorgraph.store.store import DEFAULT_URL, Store

__all__ = [
    "DEFAULT_URL",
    "AddResult",
    "EventSummary",
    "IngestReport",
    "NotFoundError",
    "RecordExtractor",
    "Store",
    "StoreError",
    "StoreStats",
    "StoredActor",
    "ingest",
    "upgrade",
]
